"""The laptop's team policy service: the synced rows decide the due time of a new
report, the visit cadence and the value classes, per the team of whom they concern."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from crm_desktop.domain.daily import ReportDraft
from crm_desktop.domain.errors import Forbidden
from crm_desktop.domain.picklists import Role
from crm_desktop.domain.policy import DEFAULT_POLICY, TeamPolicy
from crm_desktop.services.container import Services
from crm_desktop.services.customers.classification import recompute_value_classes
from crm_desktop.services.day.daily_reports import DailyReportService
from crm_desktop.store.base import Base
from crm_desktop.store.models import Customer, DailyReport, Team, TeamPolicyRow, User, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork

DAY = dt.date(2026, 11, 23)  # the fixed clock's day, in China (UTC+8)
EAST, SH, WEST = (f"0190a5f0-0000-7000-8000-00000000e00{n}" for n in range(3))


def add(services: Services, row: Base) -> Any:
    with UnitOfWork(services.store, services.actor.user_id) as uow:
        uow.session.add(row)
        uow.commit()
        return row.id  # type: ignore[attr-defined]


def policy(**values: int) -> TeamPolicy:
    return TeamPolicy.from_columns({**DEFAULT_POLICY.columns(), **values})


def org(services: Services) -> dict[str, str]:
    """A manager leading East with its child team SH (rep a); rep b in West."""
    mgr = add(services, User(username="mgr", display_name="经理", role=Role.MANAGER.value))
    add(services, Team(id=EAST, name="华东", supervisor_id=mgr))
    add(services, Team(id=SH, name="上海", parent_team_id=EAST))
    add(services, Team(id=WEST, name="西部"))
    a = add(services, User(username="a", display_name="甲", role=Role.REP.value, team_id=SH))
    b = add(services, User(username="b", display_name="乙", role=Role.REP.value, team_id=WEST))
    sup = add(services, User(username="s", display_name="主管", role=Role.SUPERVISOR.value,
                             team_id=SH))  # fmt: skip
    return {"mgr": mgr, "a": a, "b": b, "sup": sup}


def test_the_parent_teams_due_hour_decides_a_new_reports_due_at(services: Services) -> None:
    people = org(services)
    services.user.switch(people["mgr"])
    services.policy.save(policy(report_due_hour=17))  # East: the team the manager leads
    services.user.switch(people["a"])  # in SH, below East
    hour = services.policy.current().report_due_hour
    assert hour == 17
    view = DailyReportService(services.store, services.user, hour).save(ReportDraft(DAY))
    assert view.due_at == dt.datetime(2026, 11, 23, 9, 0)  # 17:00 in China
    services.user.switch(people["b"])  # West has no row, nor the company: built-in
    assert services.policy.current() == DEFAULT_POLICY


def test_the_cadence_follows_the_team_policy(services: Services) -> None:
    people = org(services)
    services.user.switch(people["mgr"])
    services.policy.save(policy(cadence_a_days=5), team_id=SH)
    services.user.switch(people["a"])
    assert services.policy.current().cadence.a_days == 5
    assert services.policy.for_user(people["b"]).cadence.a_days == 14


def test_only_a_manager_of_the_team_or_an_admin_saves(services: Services) -> None:
    people = org(services)
    for who, team in (("a", SH), ("sup", SH), ("mgr", WEST), ("mgr", None)):
        services.user.switch(people[who])
        assert not services.policy.view().editable or who == "mgr"
        try:
            services.policy.save(policy(report_due_hour=8), team_id=team)
        except Forbidden:
            continue
        raise AssertionError(f"{who} saved the policy of {team}")
    with services.store.reading() as s:
        assert s.scalars(select(TeamPolicyRow)).all() == []


def test_saving_again_changes_the_teams_row(services: Services) -> None:
    people = org(services)
    services.user.switch(people["mgr"])
    services.policy.save(policy(report_due_hour=18))
    services.policy.save(policy(report_due_hour=19))
    with services.store.reading() as s:
        rows = s.scalars(select(TeamPolicyRow)).all()
        assert [(r.team_id, r.report_due_hour) for r in rows] == [(EAST, 19)]


def test_the_recompute_uses_each_owners_team_shares(services: Services) -> None:
    """A supervisor's laptop reclassifies each rep's portfolio with the rep's team policy,
    as the rep's own laptop does: the two never overwrite each other."""
    people = org(services)
    services.user.switch(people["mgr"])
    services.policy.save(policy(abc_a_share_pct=50, abc_b_share_pct=30), team_id=SH)
    services.user.switch(people["sup"])
    ids: dict[str, list[str]] = {}
    for rep in ("a", "b"):
        with UnitOfWork(services.store, people[rep]) as uow:
            report = DailyReport(owner_id=people[rep], report_date=DAY)
            uow.session.add(report)
            uow.session.flush()
            for name, yuan in (("一", 60), ("二", 30), ("三", 10)):
                customer = Customer(name=rep + name, name_key=rep + name, owner_id=people[rep])
                uow.session.add(customer)
                uow.session.flush()
                ids.setdefault(rep, []).append(customer.id)
                visit = VisitRecord(report_id=report.id, customer_id=customer.id,
                                    visit_date=DAY, order_amount_fen=yuan * 100)  # fmt: skip
                uow.session.add(visit)
            uow.commit()
    recompute_value_classes(services, DAY)
    with services.store.reading() as s:
        classes = dict(s.execute(select(Customer.id, Customer.value_class)).all())
    assert [classes[i] for i in ids["a"]] == ["A", "B", "C"]  # SH: 50 / 30
    assert [classes[i] for i in ids["b"]] == ["A", "A", "C"]  # West: built-in 70 / 20


def test_a_managers_confirm_ceiling_applies_to_the_reps_below(services: Services) -> None:
    """Issue 15: the amount above which the report editor asks is the team's, set by its
    manager, stored in whole yuan, and reaches the members of the teams below."""
    people = org(services)
    services.user.switch(people["mgr"])
    services.policy.save(policy(confirm_amount_above_yuan=200_000))  # East: 20万
    with services.store.reading() as s:
        [row] = s.scalars(select(TeamPolicyRow)).all()
        assert (row.team_id, row.confirm_amount_above_yuan) == (EAST, 200_000)
    services.user.switch(people["a"])  # SH, below East
    assert services.policy.current().confirm_above_fen == 200_000_00
    assert services.policy.for_user(people["a"]) == services.policy.current()
    assert services.policy.for_user(people["b"]).confirm_above_fen == 1_000_000_000_00


def test_a_ceiling_left_empty_by_an_older_server_is_the_default(services: Services) -> None:
    """A row pulled from a server that predates the column has NULL there: the row still
    applies (its due hour), with the built-in ceiling."""
    people = org(services)
    add(services, TeamPolicyRow(team_id=SH, version=1, **policy(report_due_hour=18).columns()))
    with services.store.engine.begin() as conn:  # the ORM would write its default instead
        conn.exec_driver_sql("UPDATE team_policies SET confirm_amount_above_yuan = NULL")
    services.user.switch(people["a"])
    current = services.policy.current()
    assert (current.report_due_hour, current.confirm_amount_above_yuan) == (18, 1_000_000_000)

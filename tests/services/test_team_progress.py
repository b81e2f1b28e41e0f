"""Team progress: who has not submitted, on-time rates, the team's week, a rep's days.

Rows are written through the models in a unit of work, as a sync would deliver them; the
expected figures are worked out by hand from those rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from fixed_time import fixed_clock
from sqlalchemy import event

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.lateness import due_at
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.day.day_calendar import day_status
from crm_desktop.services.team.team_figures import rep_figures
from crm_desktop.services.team.team_progress import TeamProgressService, on_time_rate
from crm_desktop.store.models import (
    Customer,
    DailyReport,
    Target,
    Team,
    User,
    VisitPlan,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork

MONDAY = dt.date(2026, 11, 23)
TUESDAY, WEDNESDAY = MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=2)
SATURDAY, SUNDAY = MONDAY + dt.timedelta(days=5), MONDAY + dt.timedelta(days=6)
HOUR = dt.timedelta(hours=1)


def deadline(day: dt.date) -> dt.datetime:
    return due_at(day, 20, fixed_clock())


@dataclass
class Org:
    sup: str
    reps: dict[str, str]  # username -> id
    other_rep: str  # a rep of another supervisor's team
    customer: str


def make_org(services: Services, rep_names: tuple[str, ...] = ("a", "b", "c", "d")) -> Org:
    """Supervisor "sup" leads team 上海 (reps a..d); "sup2" leads 北京 with rep x. The
    current user becomes sup."""
    with UnitOfWork(services.store, None) as uow:
        s = uow.session
        sup = User(username="sup", display_name="主管", role=Role.SUPERVISOR.value)
        sup2 = User(username="sup2", display_name="主管二", role=Role.SUPERVISOR.value)
        s.add_all([sup, sup2])
        s.flush()
        shanghai = Team(name="上海", supervisor_id=sup.id)
        beijing = Team(name="北京", supervisor_id=sup2.id)
        s.add_all([shanghai, beijing])
        s.flush()
        reps = {}
        for name in rep_names:
            rep = User(username=name, display_name=f"rep_{name}", role=Role.REP.value)
            rep.team_id = shanghai.id
            s.add(rep)
            s.flush()
            reps[name] = rep.id
        other = User(username="x", display_name="rep_x", role=Role.REP.value, team_id=beijing.id)
        s.add(other)
        s.flush()
        customer = Customer(name="甲贸易有限公司", owner_id=reps[rep_names[0]])
        s.add(customer)
        s.flush()
        org = Org(sup.id, reps, other.id, customer.id)
        uow.commit()
    services.user.switch(org.sup)
    return org


def plan(services: Services, owner: str, day: dt.date, status: str) -> None:
    with UnitOfWork(services.store, owner) as uow:
        uow.session.add(VisitPlan(owner_id=owner, plan_date=day, status=status))
        uow.commit()


def report(
    services: Services,
    owner: str,
    day: dt.date,
    status: str,
    submitted: dt.datetime | None,
    *,
    with_due: bool = True,
) -> str:
    with UnitOfWork(services.store, owner) as uow:
        row = DailyReport(
            owner_id=owner,
            report_date=day,
            status=status,
            due_at=deadline(day) if with_due else None,
            submitted_at=submitted,
        )
        uow.session.add(row)
        uow.commit()
        return row.id


def visit(
    services: Services,
    org: Org,
    owner: str,
    report_id: str,
    day: dt.date,
    *,
    effective: bool = False,
    order: int = 0,
    collection: int = 0,
    deleted: bool = False,
) -> None:
    with UnitOfWork(services.store, owner) as uow:
        uow.session.add(
            VisitRecord(
                owner_id=owner,
                report_id=report_id,
                customer_id=org.customer,
                visit_date=day,
                is_effective=effective,
                order_amount_fen=order,
                collection_amount_fen=collection,
                deleted=deleted,
            )
        )
        uow.commit()


def service(services: Services) -> TeamProgressService:
    return TeamProgressService(services.store, services.user, due_hour=20)


# --- who has not submitted ----------------------------------------------------------------
def test_submissions_flag_no_plan_no_report_and_late(services: Services) -> None:
    org = make_org(services)
    a, b, c, d = (org.reps[n] for n in "abcd")
    plan(services, a, MONDAY, "submitted")
    report(services, a, MONDAY, "submitted", deadline(MONDAY) - HOUR)
    # A draft report carries no submission, whatever its submitted_at says.
    plan(services, b, MONDAY, "draft")
    report(services, b, MONDAY, "draft", deadline(MONDAY) - HOUR)
    # c has nothing at all; d submitted half an hour late and got it returned.
    plan(services, d, MONDAY, "countersigned")
    report(services, d, MONDAY, "returned", deadline(MONDAY) + HOUR / 2, with_due=False)
    # Another team's rep, and a's other days, are not in the list.
    plan(services, org.other_rep, MONDAY, "draft")
    plan(services, a, TUESDAY, "draft")

    rows = service(services).submissions(MONDAY, now=deadline(MONDAY) + 2 * HOUR)
    by = {r.rep_id: r for r in rows}
    assert [r.rep_name for r in rows] == ["rep_a", "rep_b", "rep_c", "rep_d"]
    assert {r.team_name for r in rows} == {"上海"}

    assert (by[a].status.plan, by[a].status.report, by[a].status.late) == (
        "submitted",
        "submitted",
        False,
    )
    assert by[a].submitted_at == deadline(MONDAY) - HOUR
    assert not (by[a].missing or by[a].needs_attention or by[a].plan_missing)

    assert (by[b].status.plan, by[b].status.report) == ("draft", "draft")
    assert by[b].plan_missing and by[b].report_missing and by[b].status.late
    assert by[b].missing and by[b].submitted_at is None and by[b].needs_attention

    assert (by[c].status.plan, by[c].status.report) == ("none", "none")
    # As on the Plans calendar, a day without a plan has no late report -- but a
    # workday's report is missing once the deadline has passed.
    assert not by[c].status.late and by[c].missing and by[c].needs_attention

    # The due time falls back to the configured hour when the row has none.
    assert by[d].status.report == "returned" and by[d].status.late and not by[d].missing
    assert by[d].due_at == deadline(MONDAY) and by[d].needs_attention


def test_before_the_deadline_nothing_is_late_or_missing(services: Services) -> None:
    org = make_org(services)
    a, c = org.reps["a"], org.reps["c"]
    plan(services, a, MONDAY, "submitted")
    rows = {r.rep_id: r for r in service(services).submissions(MONDAY, deadline(MONDAY) - HOUR)}
    assert not rows[a].status.late and not rows[a].missing and rows[a].report_missing
    assert not rows[a].needs_attention  # the rep still has an hour
    # No plan on a workday is flagged at once: plans are made in the morning.
    assert rows[c].needs_attention and not rows[c].missing


def test_weekend_without_anything_is_not_flagged(services: Services) -> None:
    make_org(services)
    rows = service(services).submissions(SATURDAY, now=deadline(SATURDAY) + 48 * HOUR)
    assert len(rows) == 4
    assert not any(r.needs_attention or r.missing or r.status.late for r in rows)


def test_day_status_is_the_calendar_rule() -> None:
    after = deadline(MONDAY) + HOUR
    assert day_status(MONDAY, None, None, after, 20, fixed_clock()).late is False
    assert day_status(MONDAY, "draft", None, after, 20, fixed_clock()).late is True
    on_time = ("submitted", deadline(MONDAY), deadline(MONDAY) - HOUR)
    assert day_status(MONDAY, None, on_time, after, 20, fixed_clock()).late is False
    draft = ("draft", deadline(MONDAY), deadline(MONDAY) - HOUR)
    assert day_status(MONDAY, None, draft, after, 20, fixed_clock()).report_badge == "late"


# --- on-time rates ------------------------------------------------------------------------
def test_on_time_rates_count_what_was_due(services: Services) -> None:
    org = make_org(services)
    a, b, c = org.reps["a"], org.reps["b"], org.reps["c"]
    report(services, a, MONDAY, "signed", deadline(MONDAY) - HOUR)
    report(services, a, TUESDAY, "submitted", deadline(TUESDAY) + HOUR)  # late
    report(services, a, WEDNESDAY, "draft", None)  # missing once Wednesday's deadline passed
    # A report of a worked Saturday counts too, as the weekly summary counts it: late.
    report(services, a, SATURDAY, "submitted", deadline(SATURDAY) + 30 * HOUR)
    for day in (MONDAY, TUESDAY, WEDNESDAY):
        report(services, b, day, "returned", deadline(day) - 3 * HOUR)
    # Thursday's report submitted early counts before its deadline; Friday is to come.
    thursday = MONDAY + dt.timedelta(days=3)
    report(services, b, thursday, "submitted", deadline(WEDNESDAY) + 3 * HOUR)
    report(services, org.other_rep, MONDAY, "submitted", deadline(MONDAY) + HOUR)

    now = deadline(WEDNESDAY) + 2 * HOUR  # Wednesday evening
    rates = service(services).on_time_rates(MONDAY, SUNDAY, now=now)
    by = {r.rep_id: r for r in rates}
    assert set(by) == set(org.reps.values())  # x is another team's
    assert {r.workdays for r in rates} == {5}
    assert (by[a].on_time, by[a].late, by[a].missing, by[a].counted) == (1, 2, 1, 4)
    assert by[a].rate == Decimal(1) / Decimal(4)
    assert (by[b].on_time, by[b].late, by[b].missing) == (4, 0, 0)
    assert by[b].rate == Decimal(1)
    assert (by[c].on_time, by[c].missing) == (0, 3)
    assert by[c].rate == Decimal(0)

    # The same counts as the weekly summary's figures for the same week.
    reps = [a, b, c]
    figures = rep_figures(services.store, reps, MONDAY, SUNDAY, as_of=now, due_hour=20)
    assert [(f.reports_on_time, f.reports_late, f.reports_missing) for f in figures] == [
        (by[r].on_time, by[r].late, by[r].missing) for r in reps
    ]


def test_empty_periods_have_no_rate(services: Services) -> None:
    make_org(services)
    svc = service(services)
    now = deadline(MONDAY) - HOUR
    weekend = svc.on_time_rates(SATURDAY, SUNDAY, now=now + 200 * HOUR)
    to_come = svc.on_time_rates(TUESDAY, SUNDAY, now=now)
    today_before_deadline = svc.on_time_rates(MONDAY, MONDAY, now=now)
    backwards = svc.on_time_rates(SUNDAY, MONDAY, now=now)
    for rates in (weekend, to_come, today_before_deadline, backwards):
        assert len(rates) == 4
        assert all(r.counted == 0 and r.rate is None for r in rates)
    assert [r.workdays for r in to_come] == [4] * 4
    assert on_time_rate(0, 0) is None


def test_a_rep_sees_no_team(services: Services) -> None:
    org = make_org(services)
    services.user.switch(org.reps["a"])
    svc = service(services)
    assert svc.submissions(MONDAY) == []
    assert svc.on_time_rates(MONDAY, SUNDAY) == []
    with pytest.raises(ValidationError):
        svc.rep_days(org.reps["b"], MONDAY, SUNDAY)


def test_reads_are_a_few_statements_whatever_the_team_size(services: Services) -> None:
    org = make_org(services, tuple(f"r{i:02d}" for i in range(30)))
    for rep in list(org.reps.values())[:20]:
        plan(services, rep, MONDAY, "submitted")
        report(services, rep, MONDAY, "submitted", deadline(MONDAY))
    statements: list[str] = []

    def listener(*args: object) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):
            statements.append(str(args[2]))

    event.listen(services.store.engine, "before_cursor_execute", listener)
    try:
        svc = service(services)
        assert len(svc.submissions(MONDAY, deadline(MONDAY) + HOUR)) == 30
        submissions = len(statements)
        statements.clear()
        assert len(svc.on_time_rates(MONDAY - dt.timedelta(days=90), SUNDAY)) == 30
        rates = len(statements)
    finally:
        event.remove(services.store.engine, "before_cursor_execute", listener)
    # The org tree (users, teams) plus one statement per table read.
    assert (submissions, rates) == (4, 3)


# --- a rep's days -------------------------------------------------------------------------
def test_rep_days_drill_down(services: Services) -> None:
    org = make_org(services)
    a, b = org.reps["a"], org.reps["b"]
    plan(services, a, MONDAY, "countersigned")
    monday = report(services, a, MONDAY, "submitted", deadline(MONDAY) - HOUR)
    visit(services, org, a, monday, MONDAY, effective=True, order=120_050, collection=30_000)
    visit(services, org, a, monday, MONDAY, effective=True)
    visit(services, org, a, monday, MONDAY, order=1_000)
    visit(services, org, a, monday, MONDAY, effective=True, order=999, deleted=True)
    plan(services, a, TUESDAY, "submitted")
    tuesday = report(services, a, TUESDAY, "draft", None)
    visit(services, org, a, tuesday, TUESDAY, collection=5_000)
    # Someone else's visit on Monday is not a's.
    other = report(services, b, MONDAY, "submitted", deadline(MONDAY))
    visit(services, org, b, other, MONDAY, effective=True, order=7)

    days = service(services).rep_days(a, MONDAY, SUNDAY, now=deadline(WEDNESDAY) + HOUR)
    assert [d.day for d in days] == [MONDAY + dt.timedelta(days=n) for n in range(7)]
    mon, tue, wed = days[0], days[1], days[2]
    assert (mon.status.plan, mon.status.report, mon.status.late) == (
        "countersigned",
        "submitted",
        False,
    )
    assert mon.submitted_at == deadline(MONDAY) - HOUR
    assert (mon.visits, mon.effective_visits, mon.orders) == (3, 2, 2)
    assert (mon.order_amount_fen, mon.collection_fen) == (121_050, 30_000)
    assert (tue.status.report_badge, tue.submitted_at, tue.visits) == ("late", None, 1)
    assert (tue.orders, tue.collection_fen) == (0, 5_000)
    assert (wed.status.plan, wed.status.report, wed.status.late, wed.visits) == (
        "none",
        "none",
        False,
        0,
    )


def test_rep_days_refuses_another_teams_rep(services: Services) -> None:
    org = make_org(services)
    with pytest.raises(ValidationError, match="not in your team"):
        service(services).rep_days(org.other_rep, MONDAY, SUNDAY)


# --- the team's week ----------------------------------------------------------------------
def test_week_rows_from_rep_figures(services: Services) -> None:
    org = make_org(services, ("a", "b"))
    a, b = org.reps["a"], org.reps["b"]
    monday = report(services, a, MONDAY, "submitted", deadline(MONDAY) - HOUR)
    visit(services, org, a, monday, MONDAY, effective=True, order=300_000, collection=50_000)
    visit(services, org, a, monday, MONDAY, effective=False, order=100_000)
    visit(services, org, a, monday, MONDAY, effective=True)
    # Last week's visit is outside the week.
    before = report(services, a, MONDAY - dt.timedelta(days=3), "submitted", None)
    visit(services, org, a, before, MONDAY - dt.timedelta(days=3), effective=True, order=9)
    with UnitOfWork(services.store, org.sup) as uow:
        uow.session.add(
            Target(
                kind="sales",
                assignee_user_id=a,
                period_kind="week",
                period_start=MONDAY,
                period_end=SUNDAY,
                value=800_000,
            )
        )
        uow.commit()

    week = service(services).week(2026, 48, now=deadline(SUNDAY) + HOUR)
    assert (week.start, week.end) == (MONDAY, SUNDAY)
    by = {r.rep_id: r for r in week.rows}
    assert [r.rep_name for r in week.rows] == ["rep_a", "rep_b"]
    ra, rb = by[a], by[b]
    assert (ra.visits, ra.effective_visits, ra.orders) == (3, 2, 2)
    assert ra.effective_rate == Decimal(2) / Decimal(3)
    assert (ra.order_amount_fen, ra.collection_fen) == (400_000, 50_000)
    assert ra.sales_achievement == Decimal("0.5")
    assert ra.collection_achievement is None  # no collection target
    assert ra.team_name == "上海"
    # b did nothing: no rate rather than 0 %, and no target.
    assert (rb.visits, rb.effective_rate, rb.sales_achievement) == (0, None, None)
    total = week.total
    assert (total.visits, total.orders, total.order_amount_fen) == (3, 2, 400_000)
    # Only a has a sales target: the team's achievement is a's actual over a's target.
    assert total.sales_achievement == Decimal("0.5") and total.collection_achievement is None


def test_week_refuses_a_week_that_does_not_exist(services: Services) -> None:
    make_org(services)
    with pytest.raises(ValidationError):
        service(services).week(2026, 60)


def test_week_of_nobody(services: Services) -> None:
    org = make_org(services)
    services.user.switch(org.reps["a"])
    week = service(services).week(2026, 48)
    assert week.rows == [] and week.total.visits == 0 and week.total.effective_rate is None

"""The team policy is one rulebook on every laptop: a manager sets it, it syncs, and the
values it decides (a report's due time, customers' value classes) come out the same on
every laptop whatever each one's former local settings said."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from fixed_time import CHINA, fixed_clock
from sqlalchemy import Engine, MetaData, select, text
from sync_helpers import BASE, PASSWORD, Api, Laptop, make_client, new_id

from crm_desktop.config.settings import Settings
from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.daily import ReportDraft, VisitDraft
from crm_desktop.domain.money import needs_confirmation
from crm_desktop.domain.policy import DEFAULT_POLICY, MAX_CONFIRM_ABOVE_YUAN, TeamPolicy
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.container import Services
from crm_desktop.services.day.daily_reports import DailyReportService
from crm_desktop.store.database import open_store
from crm_desktop.store.models import Customer
from crm_desktop.sync.client.engine import SyncEngine
from crm_desktop.sync.client.transport import Transport
from crm_desktop.sync.protocol import PullResponse
from crm_desktop.sync.server.db import MIGRATIONS_DIR, make_engine, upgrade
from crm_desktop.sync.server.schema import SYNCED, metadata
from crm_desktop.ui.nightly import run_nightly

DAY = dt.date(2026, 11, 23)  # fixed_clock's day


def services(laptop: Laptop) -> Services:
    return Services(store=laptop.store, user=CurrentUser(laptop.store))


def sync(*laptops: Laptop) -> None:
    for one in laptops:
        one.engine.sync()
        assert one.engine.pending() == 0


def team_of(engine: Engine, user_id: str) -> str:
    users = SYNCED["user"]
    with engine.connect() as conn:
        return str(conn.execute(select(users.c.team_id).where(users.c.id == user_id)).scalar())


def policy_create(team_id: str | None, **values: int) -> dict[str, Any]:
    return {
        "name": "create",
        "entity": "team_policy",
        "row_id": new_id(),
        "base_version": 0,
        "patch": {**DEFAULT_POLICY.columns(), "team_id": team_id, **values},
    }


def test_a_managers_due_hour_reaches_a_reps_new_report(
    fixed_laptop: Callable[[str, str], Laptop], server_engine: Engine
) -> None:
    mgr, rep = fixed_laptop("mgr", "mgr"), fixed_laptop("rep1", "rep1")
    sync(mgr, rep)
    east = team_of(server_engine, rep.user_id)
    services(mgr).policy.save(TeamPolicy(report_due_hour=18), team_id=east)
    sync(mgr, rep)
    mine = services(rep)
    hour = mine.policy.current().report_due_hour
    assert hour == 18
    reports = DailyReportService(rep.store, mine.user, hour)
    cid = mine.customers.save(CustomerDraft(name="华联超市"))
    view = reports.save(ReportDraft(report_date=DAY, visits=(VisitDraft(customer_id=cid),)))
    assert view.due_at == dt.datetime(2026, 11, 23, 10, 0)  # 18:00 in China, as UTC
    sync(rep)


CEILING = "confirm_amount_above_yuan"


def test_a_managers_confirm_ceiling_reaches_a_reps_laptop(
    fixed_laptop: Callable[[str, str], Laptop], server_engine: Engine
) -> None:
    """Issue 15: the amount above which the rep's report editor asks is the one the
    manager set for the team, synced like the rest of the policy."""
    mgr, rep = fixed_laptop("mgr", "mgr"), fixed_laptop("rep1", "rep1")
    sync(mgr, rep)
    assert services(rep).policy.current().confirm_above_fen == 1_000_000_000_00  # 10亿
    east = team_of(server_engine, rep.user_id)
    services(mgr).policy.save(TeamPolicy(confirm_amount_above_yuan=50_000), team_id=east)
    sync(mgr, rep)
    ceiling = services(rep).policy.for_user(rep.user_id).confirm_above_fen
    assert ceiling == 50_000_00
    assert needs_confirmation(60_000_00, ceiling) and not needs_confirmation(40_000_00, ceiling)


def test_the_server_refuses_a_ceiling_outside_the_domains_range(
    api: Callable[[str], Api], server_engine: Engine, users: dict[str, str]
) -> None:
    east = team_of(server_engine, users["rep1"])
    mgr = api("mgr")
    for bad in (0, -1, MAX_CONFIRM_ABOVE_YUAN + 1):
        [refused] = mgr.push(policy_create(east, **{CEILING: bad}))
        assert (refused["status"], refused["reason"]) == ("rejected", "invalid"), refused
    # The hard limit itself fits the column (beyond a 32-bit integer on PostgreSQL).
    made = policy_create(east, **{CEILING: MAX_CONFIRM_ABOVE_YUAN})
    [ok] = mgr.push(made)
    assert ok["status"] == "applied", ok
    [too_low] = mgr.push(
        {**made, "name": "update", "base_version": 1, "patch": {CEILING: 0}, "mutation_id": 99}
    )
    assert too_low["reason"] == "invalid", too_low
    assert api("rep1").rows("team_policy")[made["row_id"]][CEILING] == MAX_CONFIRM_ABOVE_YUAN


def test_a_laptop_that_predates_the_ceiling_neither_loses_nor_breaks_it(
    api: Callable[[str], Api],
    fixed_laptop: Callable[[str, str], Laptop],
    server_engine: Engine,
    users: dict[str, str],
) -> None:
    """An older laptop's policy mutations carry no ceiling: its create gets the default,
    its update of another field keeps the ceiling a newer laptop set."""
    east = team_of(server_engine, users["rep1"])
    old = policy_create(east, report_due_hour=17)
    del old["patch"][CEILING]
    mgr = api("mgr")
    [made] = mgr.push(old)
    assert made["status"] == "applied", made
    assert api("rep1").rows("team_policy")[old["row_id"]][CEILING] == 1_000_000_000
    [newer] = mgr.push({**old, "name": "update", "base_version": 1, "patch": {CEILING: 80_000}})
    assert newer["status"] == "applied", newer
    [older] = mgr.push(
        {**old, "name": "update", "base_version": 2, "patch": {"report_due_hour": 16}}
    )
    assert older["status"] == "applied", older
    rep = fixed_laptop("rep1", "rep1")
    sync(rep)
    policy = services(rep).policy.current()
    assert (policy.report_due_hour, policy.confirm_amount_above_yuan) == (16, 80_000)


class _OlderServer(Transport):
    """The feed of a server that predates the ceiling: team_policy rows without it."""

    def call(self, method: str, path: str, answer: Any, **kwargs: Any) -> Any:
        got = super().call(method, path, answer, **kwargs)
        if isinstance(got, PullResponse):
            for op in got.ops:
                if op.entity == "team_policy" and op.row is not None:
                    op.row.pop(CEILING, None)
        return got


def test_a_policy_row_pulled_without_the_ceiling_applies_with_the_default(
    app: Any,
    tmp_path: Path,
    fixed_laptop: Callable[[str, str], Laptop],
    server_engine: Engine,
    users: dict[str, str],
) -> None:
    """A newer laptop on a server not yet upgraded: the row arrives without the column,
    is stored with NULL there (not refused by a NOT NULL, which would stop every sync),
    and its other values apply with the built-in ceiling."""
    mgr = fixed_laptop("mgr", "mgr")
    sync(mgr)
    east = team_of(server_engine, users["rep1"])
    services(mgr).policy.save(
        TeamPolicy(report_due_hour=18, confirm_amount_above_yuan=50_000), team_id=east
    )
    sync(mgr)
    store = open_store(tmp_path / "laptop-older-server", clock=fixed_clock())
    try:
        engine = SyncEngine(store, _OlderServer(BASE, make_client(app)), page_limit=50)
        rep = Laptop(store, engine, engine.login("rep1", PASSWORD).user_id)
        rep.engine.sync(verify=False)
        policy = services(rep).policy.current()
        assert (policy.report_due_hour, policy.confirm_amount_above_yuan) == (18, 1_000_000_000)
    finally:
        store.close()


def test_only_managers_of_the_team_and_admins_write_policy_rows(
    api: Callable[[str], Api], server_engine: Engine, users: dict[str, str]
) -> None:
    east = team_of(server_engine, users["rep1"])
    west = team_of(server_engine, users["rep3"])
    for who in ("rep1", "sup"):
        [refused] = api(who).push(policy_create(east, report_due_hour=17))
        assert (refused["status"], refused["reason"]) == ("rejected", "forbidden"), refused
    [company] = api("mgr").push(policy_create(None))
    assert company["reason"] == "forbidden"  # the company default is the admin's
    [bad] = api("mgr").push(policy_create(east, report_due_hour=24))
    assert (bad["status"], bad["reason"]) == ("rejected", "invalid"), bad
    [shares] = api("mgr").push(policy_create(east, abc_a_share_pct=90, abc_b_share_pct=20))
    assert shares["reason"] == "invalid"
    mgr = api("mgr")
    made = policy_create(east, report_due_hour=17)
    [ok] = mgr.push(made)
    assert ok["status"] == "applied", ok
    [again] = mgr.push(policy_create(east))
    assert again["reason"] == "duplicate_key"
    [admin] = api("admin").push(policy_create(None, report_due_hour=19))
    assert admin["status"] == "applied", admin
    [other] = api("admin").push(policy_create(west, cadence_a_days=7))
    assert other["status"] == "applied", other
    # Everyone reads every row; the row keeps the team it was made for.
    rows = api("rep3").rows("team_policy")
    assert {r["team_id"] for r in rows.values()} == {east, west, None}
    assert rows[made["row_id"]]["report_due_hour"] == 17
    # A rep's update of an existing row is refused too, and so is an invalid update.
    update = {
        "name": "update",
        "entity": "team_policy",
        "row_id": made["row_id"],
        "base_version": 1,
        "patch": {"report_due_hour": 16},
    }
    [rep_update] = api("rep1").push(update)
    assert rep_update["reason"] == "forbidden", rep_update
    [too_late] = mgr.push({**update, "patch": {"report_due_hour": 30}})
    assert too_late["reason"] == "invalid", too_late
    [fine] = mgr.push(update)
    assert fine["status"] == "applied", fine
    assert api("rep1").rows("team_policy")[made["row_id"]]["report_due_hour"] == 16


def test_a_laptop_that_skipped_policy_rows_gets_them_at_its_next_check(
    fixed_laptop: Callable[[str, str], Laptop], server_engine: Engine
) -> None:
    """A laptop of an earlier version skipped the team_policy rows of the feed (an entity
    it did not know) and its cursor moved past them; once upgraded, the checksum check
    finds them missing and downloads again, so the policy is not lost."""
    mgr, rep = fixed_laptop("mgr", "mgr"), fixed_laptop("rep1", "rep1")
    sync(mgr)
    services(mgr).policy.save(
        TeamPolicy(report_due_hour=18), team_id=team_of(server_engine, rep.user_id)
    )
    sync(mgr, rep)
    with rep.store.engine.begin() as conn:  # as an earlier version left it
        conn.exec_driver_sql("DELETE FROM team_policies")
    assert services(rep).policy.current().report_due_hour == 20
    report = rep.engine.sync(verify=True)
    assert report.drift
    assert services(rep).policy.current().report_due_hour == 18


def test_an_undelete_of_a_policy_row_meets_the_same_rules(
    api: Callable[[str], Api], server_engine: Engine, users: dict[str, str]
) -> None:
    """The undelete command writes a row too: the company default stays the admin's, and
    the values brought back must be valid."""
    admin, mgr = api("admin"), api("mgr")
    east = team_of(server_engine, users["rep1"])
    company, team = policy_create(None), policy_create(east)
    assert admin.push(company)[0]["status"] == "applied"
    assert mgr.push(team)[0]["status"] == "applied"
    for who, made in ((admin, company), (mgr, team)):
        [gone] = who.push({**made, "name": "delete", "patch": {}, "base_version": 1})
        assert gone["status"] == "applied", gone

    def undelete(who: Api, made: dict[str, Any], **values: int) -> dict[str, Any]:
        return who.push(
            {
                "name": "undelete",
                "entity": "team_policy",
                "row_id": made["row_id"],
                "base_version": 2,
                "patch": {"patch": values},
            }
        )[0]

    assert undelete(mgr, company, report_due_hour=5)["reason"] == "forbidden"
    assert undelete(api("rep1"), team)["reason"] == "forbidden"
    assert undelete(mgr, team, report_due_hour=99)["reason"] == "invalid"
    assert undelete(mgr, team, report_due_hour=6)["status"] == "applied"
    rows = api("rep1").rows("team_policy")
    assert rows[company["row_id"]]["deleted"] and not rows[team["row_id"]]["deleted"]
    assert rows[team["row_id"]]["report_due_hour"] == 6


def _old_settings(path: Path, a_share: int, b_share: int) -> Settings:
    """A settings file of a laptop from before the team policy, with its own shares."""
    path.write_text(
        json.dumps({"_version": 1, "abc_a_share_pct": a_share, "abc_b_share_pct": b_share}),
        encoding="utf-8",
    )
    return Settings(path)


def test_two_laptops_with_different_old_settings_compute_the_same_classes(
    fixed_laptop: Callable[[str, str], Laptop],
    server_engine: Engine,
    tmp_path: Path,
) -> None:
    rep, sup, mgr = (fixed_laptop(u, u) for u in ("rep1", "sup", "mgr"))
    mine = services(rep)
    reports = DailyReportService(rep.store, mine.user)
    ids = [mine.customers.save(CustomerDraft(name=name)) for name in ("甲", "乙", "丙")]
    visits = tuple(
        VisitDraft(customer_id=cid, order_amount_fen=amount, is_effective=True)
        for cid, amount in zip(ids, (60_000, 30_000, 10_000), strict=True)
    )
    reports.save(ReportDraft(report_date=DAY, visits=visits))
    east = team_of(server_engine, rep.user_id)
    sync(rep, mgr)
    services(mgr).policy.save(
        TeamPolicy.from_columns(
            {**DEFAULT_POLICY.columns(), "abc_a_share_pct": 50, "abc_b_share_pct": 30}
        ),
        team_id=east,
    )
    sync(mgr, rep, sup)
    # The rep's laptop once said 90/5, the supervisor's 40/40: both now follow the team.
    rep_run = run_nightly(mine, DAY, _old_settings(tmp_path / "rep.json", 90, 5))
    sup_run = run_nightly(services(sup), DAY, _old_settings(tmp_path / "sup.json", 40, 40))
    assert rep_run.class_error is None and sup_run.class_error is None
    sync(rep, sup, rep, sup)
    expected = {ids[0]: "A", ids[1]: "B", ids[2]: "C"}  # 60 % is A, up to 80 % B
    for laptop in (rep, sup):
        with laptop.store.reading() as session:
            classes = dict(
                session.execute(
                    select(Customer.id, Customer.value_class).where(Customer.id.in_(ids))
                ).all()
            )
        assert classes == expected
    assert CHINA.utcoffset(None) == dt.timedelta(hours=8)


def test_the_server_migration_makes_the_schema_of_the_table(server_engine: Engine) -> None:
    only = MetaData(naming_convention=metadata.naming_convention)
    table = SYNCED["team_policy"].to_metadata(only)
    with server_engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={"include_name": lambda name, kind, _p: kind != "table" or name == table.name},
        )
        diff = compare_metadata(context, only)
    assert diff == []


def test_the_server_upgrade_gives_existing_rows_the_default_ceiling(db_url: str) -> None:
    """A server at s0006 with a team's policy: after s0007 the row asks above 10亿, as
    every team did before, and its other values are untouched."""
    engine = make_engine(db_url)
    try:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["engine"] = engine
        command.upgrade(config, "s0006_team_policy")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO team_policies (id, team_id, report_due_hour, version, "
                    "created_at, updated_at) VALUES ('p1', 't1', 18, 1, :now, :now)"
                ),
                {"now": dt.datetime(2026, 11, 23, 8, 0)},
            )
        upgrade(engine)
        with engine.connect() as conn:
            found = conn.execute(
                text("SELECT report_due_hour, confirm_amount_above_yuan FROM team_policies")
            ).one()
        assert tuple(found) == (18, 1_000_000_000)
    finally:
        engine.dispose()

"""rep_figures: every field rebuilt from the raw rows (plain sqlite3 + Python) and compared."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixed_time import CHINA, fixed_clock

from crm_desktop.demo.generator import DemoOptions, generate_demo
from crm_desktop.domain.picklists import TargetKind
from crm_desktop.domain.stages import DEFAULT_STAGES
from crm_desktop.services.container import Services
from crm_desktop.services.org import OrgTree
from crm_desktop.services.team.team_figures import RepFigures, period_targets, rep_figures
from crm_desktop.store.models import DailyReport, Target, User
from crm_desktop.store.unit_of_work import UnitOfWork

SMALL = DemoOptions(customers=120, contacts_per_customer=1.0, seed=5)
DUE_HOUR = 20
# A Friday evening: "this week" of the demo then has a working week of visits in it.
CLOCK = fixed_clock(dt.datetime(2026, 11, 27, 18, 0, tzinfo=CHINA))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    services = Services.open(tmp_path_factory.mktemp("figures") / "data", clock=CLOCK)
    generate_demo(services, SMALL)
    yield services
    services.close()


def _rows(path: Path, sql: str) -> list[dict[str, Any]]:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in connection.execute(sql)]
    finally:
        connection.close()


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def _stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _local_midnight_utc(day: dt.date) -> dt.datetime:
    # Rebuilt by hand from the clock's zone, not with the code under test.
    aware = dt.datetime(day.year, day.month, day.day, tzinfo=CHINA)
    return aware.astimezone(dt.UTC).replace(tzinfo=None)


def _due(day: dt.date) -> dt.datetime:
    aware = dt.datetime(day.year, day.month, day.day, DUE_HOUR, tzinfo=CHINA)
    return aware.astimezone(dt.UTC).replace(tzinfo=None)


def rebuild(
    path: Path, rep: str, start: dt.date, end: dt.date, as_of: dt.datetime
) -> dict[str, Any]:
    """The figures of one rep by the plainest computation over every raw row."""
    inside = lambda day: start <= day <= end  # noqa: E731
    since, until = _local_midnight_utc(start), _local_midnight_utc(end + dt.timedelta(days=1))
    plans = {p["id"]: p for p in _rows(path, "SELECT * FROM visit_plans")}
    visits = _rows(path, "SELECT * FROM visit_records WHERE deleted = 0")
    # A plan item counts as visited by a visit dated inside the period (the definition).
    visited_items = {
        v["plan_item_id"] for v in visits if v["plan_item_id"] and inside(_date(v["visit_date"]))
    }
    items = [
        i
        for i in _rows(path, "SELECT * FROM plan_items WHERE deleted = 0")
        if not plans[i["plan_id"]]["deleted"]
        and plans[i["plan_id"]]["owner_id"] == rep
        and inside(_date(plans[i["plan_id"]]["plan_date"]))
    ]
    mine = [v for v in visits if v["owner_id"] == rep and inside(_date(v["visit_date"]))]
    customers = [
        c
        for c in _rows(path, "SELECT * FROM customers WHERE deleted = 0")
        if c["owner_id"] == rep and since <= _stamp(c["created_at"]) < until
    ]
    stage = {s.code: s for s in DEFAULT_STAGES}
    opportunities = {o["id"]: o for o in _rows(path, "SELECT * FROM opportunities")}
    advanced = won = lost = 0
    for h in _rows(path, "SELECT * FROM opportunity_stage_history WHERE deleted = 0"):
        o = opportunities[h["opportunity_id"]]
        if o["owner_id"] != rep or o["deleted"] or not since <= _stamp(h["changed_at"]) < until:
            continue
        to = stage[h["to_stage"]]
        if to.outcome == "won":
            won += 1
        elif to.outcome == "lost":
            lost += 1
        elif h["from_stage"] and to.position > stage[h["from_stage"]].position:
            advanced += 1
    reports = [
        r
        for r in _rows(path, "SELECT * FROM daily_reports WHERE deleted = 0")
        if r["owner_id"] == rep and inside(_date(r["report_date"]))
    ]
    sent = [r for r in reports if r["submitted_at"]]
    on_time = sum(1 for r in sent if _stamp(r["submitted_at"]) <= _stamp(r["due_at"]))
    sent_days = {_date(r["report_date"]) for r in sent}
    missing = 0
    day = start
    while day <= end:
        if day.weekday() < 5 and _due(day) < as_of and day not in sent_days:
            missing += 1
        day += dt.timedelta(days=1)
    targets: dict[str, int | None] = {"sales": None, "collection": None}
    for kind in targets:
        share = 0.0
        found = False
        for t in _rows(path, "SELECT * FROM targets WHERE deleted = 0"):
            t_start, t_end = _date(t["period_start"]), _date(t["period_end"])
            if t["assignee_user_id"] != rep or t["kind"] != kind or t_end < start or t_start > end:
                continue
            assert t["period_kind"] == "month"  # what the demo sets for money kinds
            found = True
            overlap = (min(end, t_end) - max(start, t_start)).days + 1
            share += t["value"] * overlap / ((t_end - t_start).days + 1)
        targets[kind] = int(share + 0.5) if found else None
    return dict(
        planned_items=len(items),
        planned_items_visited=sum(1 for i in items if i["id"] in visited_items),
        visits=len(mine),
        effective_visits=sum(1 for v in mine if v["is_effective"]),
        order_visits=sum(1 for v in mine if v["order_amount_fen"] > 0),
        order_amount_fen=sum(v["order_amount_fen"] for v in mine),
        collection_fen=sum(v["collection_amount_fen"] for v in mine),
        new_customers=len(customers),
        opportunities_advanced=advanced,
        opportunities_won=won,
        opportunities_lost=lost,
        reports_on_time=on_time,
        reports_late=len(sent) - on_time,
        reports_missing=missing,
        reports_signed=sum(1 for r in reports if r["status"] == "signed"),
        sales_target_fen=targets["sales"],
        collection_target_fen=targets["collection"],
    )


def _as_dict(figures: RepFigures) -> dict[str, Any]:
    fields = dict(vars(figures))
    del fields["rep_id"], fields["rep_name"]
    return fields


@pytest.mark.parametrize("weeks_back", [0, 1, 3])
def test_every_field_equals_the_raw_rows(demo: Services, weeks_back: int) -> None:
    today = CLOCK.today()
    monday = today - dt.timedelta(days=today.weekday(), weeks=weeks_back)
    start, end = monday, monday + dt.timedelta(days=6)
    as_of = CLOCK.utcnow()
    org = OrgTree.load(demo.store)
    reps = org.reps_below(demo.actor.user_id)
    assert len(reps) == 5
    ids = [r.id for r in reps]
    figures = rep_figures(demo.store, ids, start, end, as_of=as_of, due_hour=DUE_HOUR)
    assert [f.rep_id for f in figures] == ids
    assert [f.rep_name for f in figures] == [r.display_name for r in reps]
    for rep, got in zip(ids, figures, strict=True):
        assert _as_dict(got) == rebuild(demo.database_path, rep, start, end, as_of)
    # The data is rich enough for the comparison to mean something.
    assert sum(f.visits for f in figures) > 50
    assert sum(f.effective_visits for f in figures) > 0
    assert sum(f.order_amount_fen for f in figures) > 0
    assert all(f.sales_target_fen for f in figures)


def test_month_to_date_equals_the_raw_rows(demo: Services) -> None:
    today = CLOCK.today()
    start = today.replace(day=1)
    as_of = CLOCK.utcnow()
    ids = [r.id for r in OrgTree.load(demo.store).reps_below(demo.actor.user_id)]
    figures = rep_figures(demo.store, ids, start, today, as_of=as_of, due_hour=DUE_HOUR)
    for rep, got in zip(ids, figures, strict=True):
        assert _as_dict(got) == rebuild(demo.database_path, rep, start, today, as_of)
    twelve_weeks = rep_figures(
        demo.store, ids, today - dt.timedelta(weeks=12), today, as_of=as_of, due_hour=DUE_HOUR
    )
    assert sum(f.opportunities_advanced + f.opportunities_won for f in twelve_weeks) > 0


def test_no_reps_no_figures(demo: Services) -> None:
    day = dt.date(2026, 11, 16)
    assert rep_figures(demo.store, [], day, day, as_of=dt.datetime(2026, 12, 1), due_hour=20) == []


def _user(services: Services, username: str) -> str:
    with UnitOfWork(services.store, None) as uow:
        user = User(username=username, display_name=username, role="rep")
        uow.session.add(user)
        uow.commit()
        return user.id


def _target(services: Services, rep: str, kind: str, period: str, start: str, end: str,
            value: int) -> None:  # fmt: skip
    with UnitOfWork(services.store, rep) as uow:
        uow.session.add(
            Target(
                kind=kind,
                assignee_user_id=rep,
                period_kind=period,
                period_start=dt.date.fromisoformat(start),
                period_end=dt.date.fromisoformat(end),
                value=value,
                owner_id=rep,
            )
        )
        uow.commit()


def test_targets_are_prorated_by_days_and_the_finest_period_wins(services: Services) -> None:
    rep, other = _user(services, "a"), _user(services, "b")
    _target(services, rep, "sales", "month", "2026-11-01", "2026-11-30", 3_000_000)
    _target(services, rep, "sales", "month", "2026-12-01", "2026-12-31", 3_100_000)
    _target(services, rep, "sales", "year", "2026-01-01", "2026-12-31", 99_000_000)
    _target(services, rep, "collection", "year", "2026-01-01", "2026-12-31", 36_500_000)
    with services.store.reading() as s:
        week = period_targets(s, [rep, other], dt.date(2026, 11, 16), dt.date(2026, 11, 22),
                              [TargetKind.SALES, TargetKind.COLLECTION])  # fmt: skip
        # Mon 30 Nov – Sun 6 Dec: one day of November, six of December.
        across = period_targets(s, [rep], dt.date(2026, 11, 30), dt.date(2026, 12, 6),
                                [TargetKind.SALES])  # fmt: skip
    assert week[rep][TargetKind.SALES] == 700_000  # 3,000,000 × 7 / 30; the year target ignored
    assert week[rep][TargetKind.COLLECTION] == 700_000  # 36,500,000 × 7 / 365
    assert other not in week
    assert across[rep][TargetKind.SALES] == 100_000 + 600_000


def test_reports_on_time_late_missing_signed(services: Services) -> None:
    rep = _user(services, "c")
    monday = dt.date(2026, 11, 16)

    def report(day: dt.date, submitted: dt.datetime | None, status: str) -> None:
        with UnitOfWork(services.store, rep) as uow:
            uow.session.add(
                DailyReport(
                    report_date=day,
                    status=status,
                    owner_id=rep,
                    due_at=_due(day),
                    submitted_at=submitted,
                )
            )
            uow.commit()

    report(monday, _due(monday) - dt.timedelta(hours=1), "submitted")
    report(
        monday + dt.timedelta(days=1), _due(monday) + dt.timedelta(days=1, minutes=1), "submitted"
    )
    report(monday + dt.timedelta(days=2), None, "draft")  # not submitted: missing
    # Thursday has no report at all; Friday's due time is after as_of: not missing yet.
    as_of = _due(monday + dt.timedelta(days=4)) - dt.timedelta(hours=2)
    [got] = rep_figures(services.store, [rep], monday, monday + dt.timedelta(days=6),
                        as_of=as_of, due_hour=DUE_HOUR)  # fmt: skip
    assert (got.reports_on_time, got.reports_late, got.reports_missing) == (1, 1, 2)
    assert got.reports_signed == 0
    assert got.sales_target_fen is None and got.collection_target_fen is None
    assert got.visits == 0 and got.planned_items == 0

"""The shared read model: the live reports of some owners over some days, in one query."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import astuple
from typing import Any

import pytest
from daily_helpers import DAY, add_customer, add_user
from fixed_time import CHINA, fixed_clock
from sqlalchemy import event, select

from crm_desktop.demo.generator import DemoOptions, generate_demo
from crm_desktop.domain.daily import DayTotals, VisitDraft
from crm_desktop.services.container import Services
from crm_desktop.services.read_model import PlanFacts, ReportFacts, read_days, reports_in_range
from crm_desktop.store.models import (
    Customer,
    DailyReport,
    PlanItem,
    VisitPlan,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork


def _report(services: Services, owner: str, day: dt.date, **values: object) -> None:
    with UnitOfWork(services.store, owner) as uow:
        uow.session.add(DailyReport(report_date=day, owner_id=owner, **values))
        uow.commit()


def test_the_owners_live_reports_of_the_days_and_nothing_else(services: Services) -> None:
    me, other, third = (
        add_user(services, "li"),
        add_user(services, "wang"),
        add_user(services, "zhao"),
    )
    sent = dt.datetime(2026, 11, 23, 9, 30)
    _report(services, me, DAY, status="returned", submitted_at=sent, review_comment="补充目的")
    _report(services, other, DAY + dt.timedelta(days=2), status="signed")
    _report(services, me, DAY - dt.timedelta(days=1))  # the day before the range
    _report(services, me, DAY + dt.timedelta(days=3))  # the day after it
    _report(services, third, DAY)  # an owner not asked for
    _report(services, me, DAY + dt.timedelta(days=1), deleted=True)  # deleted: not a report

    with services.store.reading() as s:
        found = reports_in_range(s, [me, other], DAY, DAY + dt.timedelta(days=2))

    assert found == {
        (me, DAY): ReportFacts("returned", None, sent, "补充目的"),
        (other, DAY + dt.timedelta(days=2)): ReportFacts("signed", None, None, None),
    }
    assert found[(me, DAY)].times == ("returned", None, sent)


# --- read_days: the team's days in one read ----------------------------------------------

SMALL = DemoOptions(customers=120, contacts_per_customer=1.0, seed=11)
# A Friday evening: the demo's last weeks then hold plans, reports and visits.
DEMO_CLOCK = fixed_clock(dt.datetime(2026, 11, 27, 18, 0, tzinfo=CHINA))
FIRST, LAST = dt.date(2026, 11, 9), dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    services = Services.open(tmp_path_factory.mktemp("read_model") / "data", clock=DEMO_CLOCK)
    generate_demo(services, SMALL)
    with UnitOfWork(services.store, None) as uow:
        s = uow.session
        # Visits the demo does not make, on reports still open: planned and left empty
        # (a saved draft's), planned with only blanks typed, and an empty one pointing at
        # a plan item.
        reports = s.scalars(
            select(DailyReport).where(
                DailyReport.deleted.is_(False),
                DailyReport.status != "signed",
                DailyReport.report_date.between(FIRST, LAST),
            )
        ).all()[:3]
        item = s.scalars(
            select(PlanItem)
            .join(VisitPlan, VisitPlan.id == PlanItem.plan_id)
            .where(VisitPlan.plan_date.between(FIRST, LAST), PlanItem.deleted.is_(False))
        ).first()
        customer = s.scalars(select(Customer.id)).first()
        assert len(reports) == 3 and item is not None
        blanks: list[dict[str, Any]] = [
            {},
            {"contacts_met": "  ", "next_step": ""},
            {"plan_item_id": item.id},
        ]
        for report, values in zip(reports, blanks, strict=True):
            s.add(
                VisitRecord(
                    owner_id=report.owner_id,
                    report_id=report.id,
                    customer_id=customer,
                    visit_date=report.report_date,
                    planned=True,
                    **values,
                )
            )
        uow.commit()
    yield services
    services.close()


def _raw(services: Services, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Rows of plain sqlite3, independent of the code under test."""
    connection = sqlite3.connect(services.store.path)
    try:
        return list(connection.execute(sql, params))
    finally:
        connection.close()


def _reps(services: Services) -> list[str]:
    rows = _raw(services, "SELECT id FROM users WHERE role = 'rep' ORDER BY username")
    return [r[0] for r in rows][1:]  # all but one: the owner filter must hold


def _in(owners: list[str]) -> str:
    return ",".join("?" for _ in owners)


def _stamp(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def test_the_days_read_equal_an_independent_sql_query(demo: Services) -> None:
    reps = _reps(demo)
    with demo.store.reading() as s:
        days = read_days(s, reps, FIRST, LAST, plan_items=True, visit_lines=True)
    bounds = (*reps, FIRST.isoformat(), LAST.isoformat())

    plans = _raw(demo, f"""
        SELECT p.owner_id, p.plan_date, p.status, count(i.id),
               count(DISTINCT CASE WHEN EXISTS (
                   SELECT 1 FROM visit_records v WHERE v.plan_item_id = i.id AND v.deleted = 0
                   AND v.visit_date BETWEEN ? AND ?) THEN i.id END)
        FROM visit_plans p LEFT JOIN plan_items i ON i.plan_id = p.id AND i.deleted = 0
        WHERE p.deleted = 0 AND p.owner_id IN ({_in(reps)}) AND p.plan_date BETWEEN ? AND ?
        GROUP BY p.id""", FIRST.isoformat(), LAST.isoformat(), *bounds)  # fmt: skip
    assert plans and sum(r[3] for r in plans) > 0
    assert days.plans == {
        (o, dt.date.fromisoformat(d)): PlanFacts(st, n, done) for o, d, st, n, done in plans
    }
    for rep in reps:
        want = [r for r in plans if r[0] == rep]
        assert days.owner_plan_items(rep) == (sum(r[3] for r in want), sum(r[4] for r in want))

    items = _raw(demo, f"""
        SELECT p.owner_id, p.plan_date, i.id, c.name FROM plan_items i
        JOIN visit_plans p ON p.id = i.plan_id JOIN customers c ON c.id = i.customer_id
        WHERE i.deleted = 0 AND p.deleted = 0 AND p.owner_id IN ({_in(reps)})
        AND p.plan_date BETWEEN ? AND ? ORDER BY i.position, i.id""", *bounds)  # fmt: skip
    lines: dict[tuple[str, dt.date], list[tuple[str, str]]] = {}
    for owner, day, item, name in items:
        lines.setdefault((owner, dt.date.fromisoformat(day)), []).append((item, name))
    assert {k: [(i.id, i.customer_name) for i in v] for k, v in days.plan_items.items()} == lines

    reports = _raw(demo, f"""
        SELECT owner_id, report_date, status, due_at, submitted_at, review_comment
        FROM daily_reports WHERE deleted = 0 AND owner_id IN ({_in(reps)})
        AND report_date BETWEEN ? AND ?""", *bounds)  # fmt: skip
    assert reports
    assert days.reports == {
        (o, dt.date.fromisoformat(d)): ReportFacts(st, _stamp(due), _stamp(sent), comment)
        for o, d, st, due, sent, comment in reports
    }

    # Made: the domain's is_visited written out by hand in SQL.
    visits = _raw(demo, f"""
        SELECT owner_id, visit_date, count(*), sum(is_effective), sum(order_amount_fen > 0),
               sum(order_amount_fen), sum(collection_amount_fen),
               sum(NOT planned OR trim(coalesce(contacts_met, '')) != ''
                   OR trim(coalesce(end_time, '')) != '' OR outcome IS NOT NULL
                   OR is_effective OR order_amount_fen != 0 OR collection_amount_fen != 0
                   OR complaint_handled OR trim(coalesce(competitor_info, '')) != ''
                   OR trim(coalesce(customer_feedback, '')) != ''
                   OR trim(coalesce(customer_news, '')) != ''
                   OR trim(coalesce(next_step, '')) != '' OR next_step_on IS NOT NULL)
        FROM visit_records WHERE deleted = 0 AND owner_id IN ({_in(reps)})
        AND visit_date BETWEEN ? AND ? GROUP BY owner_id, visit_date""", *bounds)  # fmt: skip
    assert sum(r[2] for r in visits) > sum(r[7] for r in visits) > 0  # some not made
    got = {}
    for key in days.totals:
        day = days.day(*key)
        assert astuple(day.totals) == astuple(record_totals(day.visits))
        got[key] = (*astuple(day.totals), len(day.made))
    assert got == {(o, dt.date.fromisoformat(d)): tuple(rest) for o, d, *rest in visits}
    assert days.visits.keys() == days.totals.keys()
    for rep in reps:
        mine = [r for r in visits if r[0] == rep]
        assert astuple(days.owner_totals(rep)) == tuple(
            sum(r[i] for r in mine) for i in range(2, 7)
        )


def record_totals(visits: tuple[VisitDraft, ...]) -> DayTotals:
    """The totals of every record, made or not, added up here by hand."""
    return DayTotals(
        len(visits),
        sum(v.is_effective for v in visits),
        sum(v.order_amount_fen > 0 for v in visits),
        sum(v.order_amount_fen for v in visits),
        sum(v.collection_amount_fen for v in visits),
    )


def test_one_statement_per_part_whatever_the_team_and_the_range(demo: Services) -> None:
    reps = _reps(demo)
    statements: list[str] = []

    def listener(*args: object) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):
            statements.append(str(args[2]))

    def count(**parts: bool) -> int:
        statements.clear()
        with demo.store.reading() as s:
            read_days(s, reps, FIRST - dt.timedelta(days=90), LAST, **parts)
        return len(statements)

    event.listen(demo.store.engine, "before_cursor_execute", listener)
    try:
        counts = (
            count(),
            count(visits=False),
            count(plans=False, visits=False),
            count(plan_items=True, visit_lines=True),
        )
        statements.clear()
        with demo.store.reading() as s:
            empty = read_days(s, [], FIRST, LAST, plan_items=True, visit_lines=True)
        assert (empty.plans, empty.reports, empty.totals) == ({}, {}, {})
        nobody = len(statements)
    finally:
        event.remove(demo.store.engine, "before_cursor_execute", listener)
    assert counts == (3, 2, 1, 5)
    assert nobody == 0


def test_a_day_tells_visits_made_from_empty_planned_ones(services: Services) -> None:
    me = add_user(services, "li")
    customer = add_customer(services, "华东贸易", owner_id=me)
    with UnitOfWork(services.store, me) as uow:
        s = uow.session
        plan = VisitPlan(owner_id=me, plan_date=DAY, status="draft")
        empty_plan = VisitPlan(owner_id=me, plan_date=DAY + dt.timedelta(days=1))
        s.add_all([plan, empty_plan])
        s.flush()
        kept = PlanItem(plan_id=plan.id, customer_id=customer, position=1, planned_time="09:30")
        dropped = PlanItem(plan_id=plan.id, customer_id=customer, position=2, deleted=True)
        late = PlanItem(plan_id=plan.id, customer_id=customer, position=0)  # listed first
        s.add_all([kept, dropped, late])
        report = DailyReport(owner_id=me, report_date=DAY)
        s.add(report)
        s.flush()
        common = dict(owner_id=me, report_id=report.id, customer_id=customer, visit_date=DAY)
        s.add_all(
            [
                VisitRecord(**common, planned=True, plan_item_id=kept.id),  # left empty
                VisitRecord(**common, planned=True, order_amount_fen=500, start_time="10:00"),
                VisitRecord(**common, planned=False, start_time="11:00"),
                VisitRecord(**common, planned=False, is_effective=True, deleted=True),
                # The next day's visit to the day's other item: visited, but not that day.
                VisitRecord(
                    **{**common, "visit_date": DAY + dt.timedelta(days=1)},
                    plan_item_id=late.id,
                    outcome="interested",
                ),
            ]
        )
        uow.commit()

    with services.store.reading() as s:
        days = read_days(
            s, [me], DAY, DAY + dt.timedelta(days=1), plan_items=True, visit_lines=True
        )
        one_day = read_days(s, [me], DAY, DAY)
    day = days.day(me, DAY)
    assert day.plan == PlanFacts("draft", 2, 2)
    assert one_day.day(me, DAY).plan == PlanFacts("draft", 2, 1)  # the visits read count
    assert [(i.id, i.customer_name) for i in day.plan_items] == [
        (late.id, "华东贸易"),
        (kept.id, "华东贸易"),
    ]
    assert days.day(me, DAY + dt.timedelta(days=1)).plan == PlanFacts("draft", 0, 0)
    assert day.report is not None and day.report.status == "draft"
    assert len(day.visits) == 3 and day.visits[0].customer_name == "华东贸易"
    assert [v.order_amount_fen for v in day.made] == [500, 0]
    assert astuple(day.totals) == (3, 0, 1, 500, 0)  # every record, as the team counts
    assert astuple(day.made_totals) == (2, 0, 1, 500, 0)  # the report editor's line
    assert astuple(days.owner_totals(me)) == (4, 0, 1, 500, 0)
    assert days.owner_plan_items(me) == (2, 2)
    assert days.active_days(me) == [DAY, DAY + dt.timedelta(days=1)]
    assert [d.day for d in days.days(me)] == [DAY, DAY + dt.timedelta(days=1)]

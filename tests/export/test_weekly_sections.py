"""The weekly workbook's F6 sections (issue 16): new customers developed, competitor
activity, exception customers, expenses and next week's targets. Every figure is read
back from the real .xlsx and compared with a plain sqlite3 query of the store file; the
week's edges (Monday 00:00 and Sunday 23:59 in the team's time, China here) are probed
with records put on either side of them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from fixed_time import CHINA, fixed_clock
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.demo.generator import DemoOptions, generate_demo
from crm_desktop.domain.receivables import terms_days
from crm_desktop.export.weekly_workbook import (
    COMPETITORS_SHEET,
    EXCEPTIONS_SHEET,
    EXPENSES_SHEET,
    FIRST_ROW,
    NEW_CUSTOMERS_SHEET,
    NEXT_TARGETS_SHEET,
    NONE,
    SUMMARY_COLUMNS,
    SUMMARY_SHEET,
)
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.container import Services
from crm_desktop.services.customers.churn import ChurnService
from crm_desktop.services.receivables.receivables import ReceivableService
from crm_desktop.services.team.weekly_summary import export_weekly_summary
from crm_desktop.store.models import (
    Complaint,
    Customer,
    DailyReport,
    DefectionCase,
    Lead,
    MarketReport,
    ReceivableEntry,
    User,
    VisitRecord,
)

WEEK = "2026-W47"
MONDAY, SUNDAY = dt.date(2026, 11, 16), dt.date(2026, 11, 22)
JUDGED = SUNDAY  # the week has ended by TEST_NOW (Monday 23 November)
COLUMN = {name: i for i, name in enumerate(SUMMARY_COLUMNS)}
ONE = dt.timedelta(seconds=1)


def local(day: dt.date, hour: int = 0, minute: int = 0, second: int = 0) -> dt.datetime:
    """A moment in the team's time (China) as the naive UTC the store keeps."""
    moment = dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=CHINA)
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


WEEK_OPENS = local(MONDAY)  # Monday 00:00
WEEK_CLOSES = local(SUNDAY, 23, 59, 59)  # Sunday 23:59:59
NEXT_OPENS = local(SUNDAY + dt.timedelta(days=1))


# --- the store: the demo, and records on both sides of the week's edges -------------------


class Edges:
    """Builds the boundary records for one rep in the store, by the store's own models.
    Written as a sync pull writes (no outbox, which would stamp them with the clock's
    now): the records keep the creation times the edges need."""

    def __init__(self, services: Services, rep: str) -> None:
        self.services, self.rep = services, rep
        self.customers: dict[str, str] = {}

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.services.store.write_sessions() as session, session.begin():
            yield session

    def customer(self, name: str, *, created: dt.datetime | None = None, **fields: Any) -> str:
        created = created or local(dt.date(2026, 1, 5), 9)
        with self.session() as session:
            row = Customer(name=name, owner_id=self.rep, status=fields.pop("status", "active"),
                           created_at=created, updated_at=created, **fields)  # fmt: skip
            session.add(row)
            session.flush()
            self.customers[name] = row.id
            return row.id

    def report(self, session: Session, day: dt.date) -> DailyReport:
        report = session.scalar(
            select(DailyReport).where(
                DailyReport.owner_id == self.rep, DailyReport.report_date == day
            )
        )
        if report is None:
            report = DailyReport(owner_id=self.rep, report_date=day)
            session.add(report)
            session.flush()
        return report

    def visit(self, customer: str, day: dt.date, order_fen: int = 0, **fields: Any) -> None:
        with self.session() as session:
            report = self.report(session, day)
            session.add(
                VisitRecord(owner_id=self.rep, report_id=report.id, customer_id=customer,
                            visit_date=day, order_amount_fen=order_fen, **fields)
            )  # fmt: skip

    def expenses(self, day: dt.date, fen: int, note: str) -> None:
        with self.session() as session:
            report = self.report(session, day)
            report.expenses_fen, report.expense_note = fen, note

    def add(self, row: Any) -> None:
        with self.session() as session:
            session.add(row)


def build_edges(services: Services, rep: str) -> None:
    e = Edges(services, rep)
    # Cards created: at Monday 00:00 and Sunday 23:59:59 in; a second either side out.
    e.customer("边界·周一零点建档", created=WEEK_OPENS)
    e.customer("边界·周日深夜建档", created=WEEK_CLOSES)
    e.customer("边界·上周日建档", created=WEEK_OPENS - ONE)
    e.customer("边界·下周一建档", created=NEXT_OPENS)
    # First orders: the customer's first order ever, on Monday or Sunday, in; an earlier
    # order (last week) makes this week's not the first; next Monday's is out.
    first_monday = e.customer("首单·周一")
    e.visit(first_monday, MONDAY, 150_00)
    first_sunday = e.customer("首单·周日")
    e.visit(first_sunday, SUNDAY, 88_00)
    e.visit(first_sunday, SUNDAY, 12_00)  # a second order the same day: still one customer
    repeat = e.customer("老客户·再下单")
    e.visit(repeat, MONDAY - dt.timedelta(days=1), 10_00)
    e.visit(repeat, MONDAY + dt.timedelta(days=2), 20_00)
    later = e.customer("首单·下周一")
    e.visit(later, SUNDAY + dt.timedelta(days=1), 30_00)
    no_order = e.customer("拜访无订单")
    e.visit(no_order, MONDAY, 0)
    # Leads converted at the week's edges; one converts the Monday first order's
    # customer, which counts as developed once.
    converted = e.customer("线索·周日转化")
    for name, at, made in (("线索甲", WEEK_OPENS, first_monday),
                           ("线索乙", WEEK_CLOSES, converted),
                           ("线索丙", NEXT_OPENS, e.customer("线索·下周转化")),
                           ("线索丁", WEEK_OPENS - ONE, e.customer("线索·上周转化"))):  # fmt: skip
        e.add(Lead(name=name, owner_id=rep, status="converted", converted_customer_id=made,
                   converted_at=at))  # fmt: skip
    # Lost: complete and former cases dated Monday and Sunday in; a partial defector, and
    # cases a day either side, out.
    for name, kind, on in (("流失·周一", "complete", MONDAY), ("流失·周日", "former", SUNDAY),
                           ("部分流失", "partial", MONDAY),
                           ("流失·上周日", "complete", MONDAY - dt.timedelta(days=1)),
                           ("流失·下周一", "complete", SUNDAY + dt.timedelta(days=1))):  # fmt: skip
        made = e.customer(name)
        e.add(DefectionCase(owner_id=rep, customer_id=made, defection_type=kind, defected_on=on,
                            root_causes="price,reliability"))  # fmt: skip
    # Complaints: due Saturday and still open: overdue on Sunday; due Sunday: not yet;
    # resolved or without a due date: never.
    for name, status, due in (("投诉·周六到期", "open", SUNDAY - dt.timedelta(days=1)),
                              ("投诉·周日到期", "in_progress", SUNDAY),
                              ("投诉·已解决", "resolved", MONDAY - dt.timedelta(days=20)),
                              ("投诉·无期限", "open", None)):  # fmt: skip
        made = e.customer(name)
        e.add(Complaint(owner_id=rep, customer_id=made, received_on=MONDAY - dt.timedelta(days=9),
                        due_on=due, status=status, severity="medium", category="quality",
                        description="包装破损"))  # fmt: skip
    # A accounts: the cadence is 14 days, so a last visit on 7 November is overdue on the
    # 22nd, one on the 8th is due that very day; never visited is overdue; lost is not.
    e.customer("A类·11月7日", value_class="A", last_effective_visit_on=dt.date(2026, 11, 7))
    e.customer("A类·11月8日", value_class="A", last_effective_visit_on=dt.date(2026, 11, 8))
    e.customer("A类·从未拜访", value_class="A",
               created=local(dt.date(2026, 11, 2), 10))  # fmt: skip
    e.customer("A类·已流失", value_class="A", status="lost")
    # Money: an order due Saturday is overdue on Sunday, one due Sunday is not.
    for name, due in (("欠款·周六到期", SUNDAY - dt.timedelta(days=1)), ("欠款·周日到期", SUNDAY)):
        made = e.customer(name)
        e.add(ReceivableEntry(owner_id=rep, customer_id=made, kind="order", amount_fen=5000_00,
                              entry_date=MONDAY - dt.timedelta(days=30), due_on=due))  # fmt: skip
    # Expenses on Monday and Sunday in; the Sunday before and the Monday after out.
    e.expenses(MONDAY, 123_45, "周一差旅")
    e.expenses(SUNDAY, 1_00, "周日停车")
    e.expenses(MONDAY - dt.timedelta(days=1), 999_00, "上周日")
    e.expenses(SUNDAY + dt.timedelta(days=1), 777_00, "下周一")
    # Competitors: a visit's note on Sunday and a competitor market report on Monday in;
    # the same a day outside, and a market report of another category, out.
    shop = e.customer("竞品·门店")
    e.visit(shop, SUNDAY, competitor_info="对手周日降价 10%")
    e.visit(shop, SUNDAY + dt.timedelta(days=1), competitor_info="对手下周一活动")
    next_monday = SUNDAY + dt.timedelta(days=1)
    for text, category, on in (("竞品新品上市", "competitor_product", MONDAY),
                               ("竞品下周促销", "competitor_promotion", next_monday),
                               ("消费者反映", "consumer_opinion", MONDAY)):  # fmt: skip
        e.add(MarketReport(owner_id=rep, customer_id=shop, report_date=on, category=category,
                           description=text, severity="medium"))  # fmt: skip


EDGE_REP = "边界员"


def new_rep(services: Services) -> str:
    """A rep of the demo's team with no history of their own: the demo's reports are
    signed, and a signed report takes no more visits (the store's trigger)."""
    actor = services.actor
    with services.store.write_sessions() as session, session.begin():
        # Users come from the server; written like the store's own stand-in user.
        user = User(username="edges", display_name=EDGE_REP, role="rep",
                    supervisor_id=actor.user_id, team_id=actor.team_id)  # fmt: skip
        session.add(user)
        session.flush()
        user.owner_id = user.id
        return user.id


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    services = Services.open(tmp_path_factory.mktemp("sections") / "data", clock=fixed_clock())
    generate_demo(services, DemoOptions(customers=120, contacts_per_customer=1.0, seed=5))
    build_edges(services, new_rep(services))
    yield services
    services.close()


@pytest.fixture(scope="module")
def book(demo: Services, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("out") / "周报.xlsx"
    export_weekly_summary(demo.store, demo.actor, path, WEEK, due_hour=20)
    return load_workbook(path)


# --- plain SQL over the store file ----------------------------------------------------------


class Sql:
    def __init__(self, db: Path) -> None:
        self.db = db
        reps = self.rows("SELECT id, display_name FROM users WHERE role = 'rep' "
                         "AND supervisor_id IS NOT NULL")  # fmt: skip
        self.names = {r["id"]: r["display_name"] for r in reps}
        self.marks = ",".join("?" * len(self.names))

    def rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        connection = sqlite3.connect(self.db)
        connection.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in connection.execute(sql, params)]
        finally:
            connection.close()

    def mine(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        """`sql` with {reps} for the scope's rep ids, placed before any other parameter
        (the ids are bound first)."""
        return self.rows(sql.format(reps=self.marks), *self.names, *params)


@pytest.fixture(scope="module")
def sql(demo: Services) -> Sql:
    return Sql(demo.database_path)


def stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def day(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def fen(value: Any) -> int:
    return int((Decimal(str(value)) * 100).to_integral_value())


def table(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return [r for r in sheet.iter_rows(min_row=FIRST_ROW, values_only=True) if r[1]]


def summary(book: Any, sql: Sql) -> dict[str, tuple[Any, ...]]:
    lines = book[SUMMARY_SHEET].iter_rows(min_row=FIRST_ROW, values_only=True)
    found = {r[0]: r for r in lines if r[0]}
    assert set(sql.names.values()) <= set(found)
    return found


# --- new customers ----------------------------------------------------------------------------


def first_orders(sql: Sql) -> list[dict[str, Any]]:
    """Each customer's first order visit (earliest date, then id), taken in the week by a
    rep of the scope."""
    return sql.mine(
        """
        SELECT v.owner_id, v.customer_id, c.name, v.visit_date, v.order_amount_fen
        FROM visit_records v JOIN customers c ON c.id = v.customer_id
        WHERE v.deleted = 0 AND v.order_amount_fen > 0 AND v.owner_id IN ({reps})
          AND v.visit_date BETWEEN ? AND ?
          AND v.id = (SELECT p.id FROM visit_records p
                      WHERE p.customer_id = v.customer_id AND p.deleted = 0
                        AND p.order_amount_fen > 0
                      ORDER BY p.visit_date, p.id LIMIT 1)
        """,
        MONDAY.isoformat(),
        SUNDAY.isoformat(),
    )


def conversions(sql: Sql) -> list[dict[str, Any]]:
    leads = sql.mine(
        "SELECT l.owner_id, l.converted_customer_id, l.converted_at, c.name FROM leads l "
        "JOIN customers c ON c.id = l.converted_customer_id "
        "WHERE l.deleted = 0 AND l.owner_id IN ({reps}) AND l.converted_at IS NOT NULL"
    )
    return [r for r in leads if WEEK_OPENS <= stamp(r["converted_at"]) <= WEEK_CLOSES]


def created(sql: Sql) -> list[dict[str, Any]]:
    cards = sql.mine(
        "SELECT id, owner_id, name, created_at FROM customers "
        "WHERE deleted = 0 AND owner_id IN ({reps})"
    )
    return [c for c in cards if WEEK_OPENS <= stamp(c["created_at"]) <= WEEK_CLOSES]


def test_new_customers_developed_beside_records_created(book: Any, sql: Sql) -> None:
    firsts, converted, cards = first_orders(sql), conversions(sql), created(sql)
    lines = summary(book, sql)
    for rep, name in sql.names.items():
        line = lines[name]
        developed = {r["customer_id"] for r in firsts if r["owner_id"] == rep} | {
            r["converted_customer_id"] for r in converted if r["owner_id"] == rep
        }
        assert line[COLUMN["First orders"]] == sum(1 for r in firsts if r["owner_id"] == rep)
        assert line[COLUMN["Leads converted"]] == sum(1 for r in converted if r["owner_id"] == rep)
        assert line[COLUMN["Customers developed"]] == len(developed), name
        assert line[COLUMN["New customer records"]] == sum(1 for c in cards if c["owner_id"] == rep)
    total = lines["合计"]
    assert total[COLUMN["First orders"]] == len(firsts) > 0
    assert total[COLUMN["Leads converted"]] == len(converted) == 2

    # The sheet: one line per rep and customer, each way it is new labelled.
    rows = table(book[NEW_CUSTOMERS_SHEET])
    got = {(r[0], r[1]): r for r in rows}
    want: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in firsts:
        want[(sql.names[r["owner_id"]], r["name"])].add("首次下单")
    for r in converted:
        want[(sql.names[r["owner_id"]], r["name"])].add("线索转化")
    for c in cards:
        want[(sql.names[c["owner_id"]], c["name"])].add("新建档案")
    assert {key: set(r[2].split("、")) for key, r in got.items()} == want
    for r in firsts:
        line = got[(sql.names[r["owner_id"]], r["name"])]
        assert day(line[5]) == day(r["visit_date"]) and fen(line[6]) == r["order_amount_fen"]
    for key, line in got.items():
        assert line[3] == ("是" if want[key] - {"新建档案"} else "否"), key


def test_new_customers_at_the_weeks_edges(book: Any) -> None:
    rows = {r[1]: r for r in table(book[NEW_CUSTOMERS_SHEET]) if r[0] == EDGE_REP}
    assert rows["边界·周一零点建档"][2] == "新建档案"
    assert rows["边界·周日深夜建档"][2] == "新建档案"
    assert "边界·上周日建档" not in rows and "边界·下周一建档" not in rows
    assert rows["首单·周一"][2] == "首次下单、线索转化"  # one customer, two labels
    assert rows["首单·周一"][3] == "是" and rows["首单·周一"][8] == "线索甲"
    assert fen(rows["首单·周日"][6]) in (88_00, 12_00)  # the first of the day's two orders
    assert rows["线索·周日转化"][2] == "线索转化"
    assert day(rows["线索·周日转化"][7]) == SUNDAY  # converted 23:59:59 local, the 22nd
    for absent in ("老客户·再下单", "首单·下周一", "拜访无订单", "线索·下周转化",
                   "线索·上周转化"):  # fmt: skip
        assert absent not in rows, absent


# --- exception customers ------------------------------------------------------------------------


def exception_rows(book: Any) -> dict[str, list[tuple[Any, ...]]]:
    found: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for r in table(book[EXCEPTIONS_SHEET]):
        found[r[0]].append(r)
    return found


def test_exception_customers_equal_the_store(book: Any, sql: Sql, demo: Services) -> None:
    found = exception_rows(book)
    names = sql.names
    # A accounts past their 14-day cadence on Sunday (never visited included).
    overdue_a = sql.mine(
        "SELECT owner_id, name, last_effective_visit_on FROM customers WHERE deleted = 0 "
        "AND value_class = 'A' AND status NOT IN ('lost', 'former') AND owner_id IN ({reps}) "
        "AND (last_effective_visit_on IS NULL OR last_effective_visit_on < ?)",
        (JUDGED - dt.timedelta(days=14)).isoformat(),
    )
    assert Counter((r[1], r[2], day(r[4])) for r in found["A类客户逾期未访"]) == Counter(
        (names[r["owner_id"]], r["name"], day(r["last_effective_visit_on"])) for r in overdue_a
    )
    for r in found["A类客户逾期未访"]:
        if r[4] is not None:
            assert r[5] == (JUDGED - day(r[4])).days - 14  # type: ignore[operator]
    # Complaints still with the company and past their due date.
    complaints = sql.mine(
        "SELECT c.owner_id, c.name, k.received_on, k.due_on FROM complaints k "
        "JOIN customers c ON c.id = k.customer_id WHERE k.deleted = 0 AND c.deleted = 0 "
        "AND c.owner_id IN ({reps}) AND k.status IN ('open', 'in_progress') AND k.due_on < ?",
        JUDGED.isoformat(),
    )
    assert Counter((r[1], r[2], day(r[4]), r[5]) for r in found["投诉逾期未处理"]) == Counter(
        (names[r["owner_id"]], r["name"], day(r["received_on"]),
         (JUDGED - day(r["due_on"])).days)  # type: ignore[operator]
        for r in complaints
    )  # fmt: skip
    # Complete and former defectors dated in the week.
    lost = sql.mine(
        "SELECT c.owner_id, c.name, d.defected_on FROM defection_cases d "
        "JOIN customers c ON c.id = d.customer_id WHERE d.deleted = 0 AND c.deleted = 0 "
        "AND c.owner_id IN ({reps}) AND d.defection_type IN ('complete', 'former') "
        "AND d.defected_on BETWEEN ? AND ?",
        MONDAY.isoformat(),
        SUNDAY.isoformat(),
    )
    assert Counter((r[1], r[2], day(r[4])) for r in found["本周流失"]) == Counter(
        (names[r["owner_id"]], r["name"], day(r["defected_on"])) for r in lost
    )
    # Money overdue: what the Receivables page's aging report shows overdue on Sunday.
    user = CurrentUser(demo.store)
    aging = ReceivableService(demo.store, user).aging_report(JUDGED)
    owners = {r["id"]: r["owner_id"] for r in sql.rows("SELECT id, owner_id FROM customers")}
    assert Counter((r[2], fen(r[6]), day(r[4])) for r in found["货款逾期"]) == Counter(
        (row.customer_name, row.overdue_fen, row.oldest_overdue_due)
        for row in aging.rows
        if row.overdue and owners[row.customer_id] in names
    )
    # Churn warnings: the Churn page's list on Sunday, for the scope's reps.
    warnings = ChurnService(demo.store, user).warnings(JUDGED)
    assert Counter((r[1], r[2]) for r in found["流失预警"]) == Counter(
        (names[w.owner_id], w.name) for w in warnings if w.owner_id in names
    )
    assert all(found[kind] for kind in ("A类客户逾期未访", "投诉逾期未处理", "本周流失",
                                        "货款逾期", "流失预警"))  # fmt: skip


def test_exception_customers_at_the_weeks_edges(book: Any) -> None:
    found = {(r[0], r[2]): r for r in table(book[EXCEPTIONS_SHEET]) if r[1] == EDGE_REP}
    kinds = Counter(kind for kind, _customer in found)
    assert kinds["本周流失"] >= 2
    assert ("本周流失", "流失·周一") in found and ("本周流失", "流失·周日") in found
    for absent in ("部分流失", "流失·上周日", "流失·下周一"):
        assert ("本周流失", absent) not in found
    assert "完全流失" in found[("本周流失", "流失·周一")][7]
    assert "价格" in found[("本周流失", "流失·周一")][7]
    assert found[("投诉逾期未处理", "投诉·周六到期")][5] == 1
    for absent in ("投诉·周日到期", "投诉·已解决", "投诉·无期限"):
        assert ("投诉逾期未处理", absent) not in found
    assert found[("A类客户逾期未访", "A类·11月7日")][5] == 1
    never = found[("A类客户逾期未访", "A类·从未拜访")]
    assert never[4] is None and never[5] in (None, "")
    assert ("A类客户逾期未访", "A类·11月8日") not in found
    assert ("A类客户逾期未访", "A类·已流失") not in found
    owed = found[("货款逾期", "欠款·周六到期")]
    assert fen(owed[6]) == 5000_00 and day(owed[4]) == SUNDAY - dt.timedelta(days=1)
    assert ("货款逾期", "欠款·周日到期") not in found


# --- competitors and expenses -------------------------------------------------------------------


def test_competitor_activity_equals_the_store(book: Any, sql: Sql) -> None:
    visits = sql.mine(
        "SELECT v.owner_id, v.visit_date, c.name, v.competitor_info FROM visit_records v "
        "JOIN customers c ON c.id = v.customer_id WHERE v.deleted = 0 "
        "AND TRIM(COALESCE(v.competitor_info, '')) != '' AND v.owner_id IN ({reps}) "
        "AND v.visit_date BETWEEN ? AND ?",
        MONDAY.isoformat(),
        SUNDAY.isoformat(),
    )
    reports = sql.mine(
        "SELECT owner_id, report_date, description FROM market_reports WHERE deleted = 0 "
        "AND category IN ('competitor_promotion', 'competitor_product') "
        "AND owner_id IN ({reps}) AND report_date BETWEEN ? AND ?",
        MONDAY.isoformat(),
        SUNDAY.isoformat(),
    )
    rows = table(book[COMPETITORS_SHEET])
    assert Counter((day(r[0]), r[1], r[2], r[5]) for r in rows) == Counter(
        [(day(v["visit_date"]), sql.names[v["owner_id"]], "拜访记录", v["competitor_info"].strip())
         for v in visits]
        + [(day(m["report_date"]), sql.names[m["owner_id"]], "市场报告", m["description"])
           for m in reports]
    )  # fmt: skip
    texts = {r[5] for r in rows}
    assert {"对手周日降价 10%", "竞品新品上市"} <= texts
    assert not {"对手下周一活动", "竞品下周促销", "消费者反映"} & texts


def test_expenses_equal_the_store(book: Any, sql: Sql) -> None:
    reports = sql.mine(
        "SELECT owner_id, report_date, expenses_fen, expense_note FROM daily_reports "
        "WHERE deleted = 0 AND expenses_fen != 0 AND owner_id IN ({reps}) "
        "AND report_date BETWEEN ? AND ?",
        MONDAY.isoformat(),
        SUNDAY.isoformat(),
    )
    rows = table(book[EXPENSES_SHEET])
    assert Counter((day(r[0]), r[1], fen(r[3]), r[4] or None) for r in rows) == Counter(
        (day(r["report_date"]), sql.names[r["owner_id"]], r["expenses_fen"],
         r["expense_note"] or None)
        for r in reports
    )  # fmt: skip
    lines = summary(book, sql)
    for rep, name in sql.names.items():
        spent = sum(r["expenses_fen"] for r in reports if r["owner_id"] == rep)
        assert fen(lines[name][COLUMN["Expenses"]] or 0) == spent, name
    assert fen(lines["合计"][COLUMN["Expenses"]]) == sum(r["expenses_fen"] for r in reports)
    notes = {r[4] for r in rows}
    assert {"周一差旅", "周日停车"} <= notes and not {"上周日", "下周一"} & notes


# --- next week's targets and plans ------------------------------------------------------------


def target(sql: Sql, rep: str, kind: str, start: dt.date, end: dt.date) -> int | None:
    """The rep's target for [start, end]: the finest period kind set, pro-rated by day."""
    rows = sql.rows(
        "SELECT period_kind, period_start, period_end, value FROM targets WHERE deleted = 0 "
        "AND assignee_user_id = ? AND kind = ? AND period_start <= ? AND period_end >= ?",
        rep, kind, end.isoformat(), start.isoformat(),
    )  # fmt: skip
    for period in ("week", "month", "quarter", "year"):
        chosen = [r for r in rows if r["period_kind"] == period]
        if chosen:
            break
    else:
        return None
    share = Fraction(0)
    for r in chosen:
        a, b = day(r["period_start"]), day(r["period_end"])
        assert a is not None and b is not None
        overlap = (min(b, end) - max(a, start)).days + 1
        share += Fraction(r["value"] * overlap, (b - a).days + 1)
    return int(share + Fraction(1, 2))


def test_next_week_targets_beside_the_plans(book: Any, sql: Sql) -> None:
    start, end = MONDAY + dt.timedelta(days=7), SUNDAY + dt.timedelta(days=7)
    items = sql.mine(
        "SELECT p.owner_id, p.id AS plan, i.customer_id FROM visit_plans p "
        "JOIN plan_items i ON i.plan_id = p.id AND i.deleted = 0 "
        "WHERE p.deleted = 0 AND p.owner_id IN ({reps}) AND p.plan_date BETWEEN ? AND ?",
        start.isoformat(),
        end.isoformat(),
    )
    plans = sql.mine(
        "SELECT owner_id FROM visit_plans WHERE deleted = 0 AND owner_id IN ({reps}) "
        "AND plan_date BETWEEN ? AND ?",
        start.isoformat(),
        end.isoformat(),
    )
    rows = {r[0]: r for r in table(book[NEXT_TARGETS_SHEET])}
    assert set(rows) == set(sql.names.values())
    seen_target = False
    for rep, name in sql.names.items():
        row = rows[name]
        for column, kind, money in ((1, "sales", True), (2, "collection", True),
                                    (3, "visits", False), (4, "new_customers", False)):  # fmt: skip
            want = target(sql, rep, kind, start, end)
            if want is None:
                assert row[column] == NONE, (name, kind)
            else:
                seen_target = True
                assert (fen(row[column]) if money else row[column]) == want, (name, kind)
        mine = [i for i in items if i["owner_id"] == rep]
        assert row[5] == sum(1 for p in plans if p["owner_id"] == rep)
        assert row[6] == len(mine)
        assert row[7] == len({i["customer_id"] for i in mine})
    assert seen_target and items  # the demo sets targets and plans this week


def test_one_reps_summary_lists_only_that_reps_customers(
    demo: Services, sql: Sql, tmp_path: Path
) -> None:
    """A rep's summary (the supervisor sees the whole team's churn list) keeps every
    section to that rep's customers and records, in English when asked."""
    path = tmp_path / "edges.xlsx"
    export_weekly_summary(demo.store, demo.actor, path, WEEK, rep="edges", lang="en")
    book = load_workbook(path)
    for name in (NEW_CUSTOMERS_SHEET, COMPETITORS_SHEET, EXPENSES_SHEET, NEXT_TARGETS_SHEET):
        reps = (
            {r[0] for r in table(book[name])}
            if name in (NEW_CUSTOMERS_SHEET, NEXT_TARGETS_SHEET)
            else {r[1] for r in table(book[name])}
        )
        assert reps == {EDGE_REP}, name
    rows = table(book[EXCEPTIONS_SHEET])
    assert {r[1] for r in rows} == {EDGE_REP}
    kinds = Counter(r[0] for r in rows)
    assert kinds["Lost this week"] == 2 and kinds["Complaint overdue"] == 1
    assert kinds["A account overdue for a visit"] == 2 and kinds["Payment overdue"] == 1
    # The team has churn warnings; the rep's own customers are the only ones listed.
    user = CurrentUser(demo.store)
    edge_ids = {k for k, v in sql.names.items() if v == EDGE_REP}
    warned = [w for w in ChurnService(demo.store, user).warnings(JUDGED) if w.owner_id]
    assert any(w.owner_id not in edge_ids for w in warned)
    assert kinds["Churn warning"] == sum(1 for w in warned if w.owner_id in edge_ids)
    line = next(book[SUMMARY_SHEET].iter_rows(min_row=FIRST_ROW, values_only=True))
    assert line[0] == EDGE_REP and line[COLUMN["Customers developed"]] == 3
    assert fen(line[COLUMN["Expenses"]]) == 123_45 + 1_00


def test_money_overdue_equals_a_plain_fifo_over_the_ledger(book: Any, sql: Sql) -> None:
    """The 货款逾期 lines against the ledger rebuilt from the raw rows: the newest
    finance import's balances and what came after its cut-off, collections paying the
    oldest debts first, a debt overdue once its due date is before Sunday."""
    customers = {c["id"]: c for c in sql.mine(
        "SELECT id, owner_id, name, payment_terms FROM customers "
        "WHERE deleted = 0 AND owner_id IN ({reps})")}  # fmt: skip
    events: dict[str, list[tuple[dt.date, int, dt.date, str | None]]] = defaultdict(list)
    for e in sql.rows("SELECT * FROM receivable_entries WHERE deleted = 0"):
        if e["customer_id"] in customers:
            on = day(e["entry_date"])
            assert on is not None
            terms = customers[e["customer_id"]]["payment_terms"]
            due = day(e["due_on"]) or on + dt.timedelta(days=terms_days(terms))
            amount = -e["amount_fen"] if e["kind"] == "collection" else e["amount_fen"]
            cutoff = e["as_of"] if e["kind"] == "opening" else None
            events[e["customer_id"]].append((on, amount, due, cutoff))
    for v in sql.rows("SELECT * FROM visit_records WHERE deleted = 0 "
                      "AND (order_amount_fen > 0 OR collection_amount_fen > 0)"):  # fmt: skip
        if v["customer_id"] in customers:
            on = day(v["visit_date"])
            assert on is not None
            terms = customers[v["customer_id"]]["payment_terms"]
            if v["order_amount_fen"]:
                due = on + dt.timedelta(days=terms_days(terms))
                events[v["customer_id"]].append((on, v["order_amount_fen"], due, None))
            if v["collection_amount_fen"]:
                events[v["customer_id"]].append((on, -v["collection_amount_fen"], on, None))
    want: Counter[tuple[str, str, int, dt.date | None]] = Counter()
    for cid, found in events.items():
        cutoffs = [c for *_x, c in found if c is not None]
        newest = max(cutoffs) if cutoffs else None
        live = [
            (on, amount, due)
            for on, amount, due, cutoff in found
            if (newest is None or (cutoff == newest if cutoff else on > day(newest)))  # type: ignore[operator]
            and on <= JUDGED
        ]
        credit = -sum(a for _on, a, _due in live if a < 0)
        overdue, oldest = 0, None
        for _on, amount, due in sorted((x for x in live if x[1] > 0), key=lambda x: (x[0], x[2])):
            settled = min(credit, amount)
            credit -= settled
            if amount > settled and due < JUDGED:
                overdue += amount - settled
                oldest = due if oldest is None else min(oldest, due)
        if overdue:
            want[(sql.names[customers[cid]["owner_id"]], customers[cid]["name"], overdue,
                  oldest)] += 1  # fmt: skip
    got = Counter(
        (r[1], r[2], fen(r[6]), day(r[4]))
        for r in table(book[EXCEPTIONS_SHEET])
        if r[0] == "货款逾期"
    )
    assert got == want and len(want) > 5

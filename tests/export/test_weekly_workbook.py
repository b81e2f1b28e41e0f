"""The weekly summary workbook: every number read back with openpyxl equals a figure
rebuilt from the raw rows (plain sqlite3 + Python); native formatting and the chart."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fixed_time import TEST_NOW, fixed_clock
from openpyxl import load_workbook
from openpyxl.chart import BarChart
from openpyxl.worksheet.worksheet import Worksheet

from crm_desktop.demo.generator import DemoOptions, generate_demo
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.stages import DEFAULT_STAGES
from crm_desktop.export.weekly_data import ExportCancelled
from crm_desktop.export.weekly_workbook import (
    COMPETITORS_SHEET,
    EXCEPTIONS_SHEET,
    EXPENSES_SHEET,
    FIRST_ROW,
    HEADER_ROW,
    MARKET_SHEET,
    NEW_CUSTOMERS_SHEET,
    NEXT_SHEET,
    NEXT_TARGETS_SHEET,
    NONE,
    PIPELINE_SHEET,
    SUMMARY_COLUMNS,
    SUMMARY_SHEET,
    VISITS_SHEET,
)
from crm_desktop.services.container import Services
from crm_desktop.services.team.weekly_summary import export_weekly_summary, previous_week

DUE_HOUR = 20
# The list sheets after the reps' sheets, in order.
LIST_SHEETS = (
    VISITS_SHEET, NEW_CUSTOMERS_SHEET, PIPELINE_SHEET, MARKET_SHEET, COMPETITORS_SHEET,
    EXCEPTIONS_SHEET, EXPENSES_SHEET, NEXT_TARGETS_SHEET, NEXT_SHEET,
)  # fmt: skip
COLUMN = {name: i for i, name in enumerate(SUMMARY_COLUMNS)}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    services = Services.open(tmp_path_factory.mktemp("weekly") / "data", clock=fixed_clock())
    generate_demo(services, DemoOptions(customers=150, contacts_per_customer=1.0, seed=3))
    yield services
    services.close()


@pytest.fixture(scope="module")
def exported(demo: Services, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Last week's workbook (its next week, this week, has plans) and the week label."""
    year, week = previous_week(TEST_NOW.date())
    path = tmp_path_factory.mktemp("out") / "周报.xlsx"
    export_weekly_summary(demo.store, demo.actor, path, (year, week), due_hour=DUE_HOUR)
    return path, f"{year}-W{week:02d}"


# --- the raw rows ----------------------------------------------------------------------


def rows(path: Path, sql: str) -> list[dict[str, Any]]:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in connection.execute(sql)]
    finally:
        connection.close()


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def utc_midnight(d: dt.date) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day).astimezone().astimezone(dt.UTC).replace(tzinfo=None)


class Raw:
    """The store's raw rows for one week, and figures computed from them the plain way."""

    def __init__(self, db: Path, week: str) -> None:
        year, number = int(week[:4]), int(week[-2:])
        self.start = dt.date.fromisocalendar(year, number, 1)
        self.end = self.start + dt.timedelta(days=6)
        self.month_start = self.end.replace(day=1)
        self.users = {u["id"]: u for u in rows(db, "SELECT * FROM users")}
        self.reps = sorted(
            (u for u in self.users.values() if u["role"] == "rep" and u["supervisor_id"]),
            key=lambda u: u["display_name"],
        )
        self.customers = {c["id"]: c for c in rows(db, "SELECT * FROM customers")}
        self.visits = rows(db, "SELECT * FROM visit_records WHERE deleted = 0")
        self.plans = {p["id"]: p for p in rows(db, "SELECT * FROM visit_plans WHERE deleted = 0")}
        self.items = rows(db, "SELECT * FROM plan_items WHERE deleted = 0")
        self.reports = rows(db, "SELECT * FROM daily_reports WHERE deleted = 0")
        self.targets = rows(db, "SELECT * FROM targets WHERE deleted = 0")
        self.history = rows(db, "SELECT * FROM opportunity_stage_history WHERE deleted = 0")
        self.opportunities = {o["id"]: o for o in rows(db, "SELECT * FROM opportunities")}
        self.market = rows(db, "SELECT * FROM market_reports WHERE deleted = 0")

    def in_week(self, d: dt.date) -> bool:
        return self.start <= d <= self.end

    def week_visits(self, rep: str) -> list[dict[str, Any]]:
        return [
            v for v in self.visits if v["owner_id"] == rep and self.in_week(day(v["visit_date"]))
        ]

    def target(self, rep: str, kind: str, start: dt.date, end: dt.date) -> int | None:
        found, share = False, Decimal(0)
        for t in self.targets:
            a, b = day(t["period_start"]), day(t["period_end"])
            if t["assignee_user_id"] == rep and t["kind"] == kind and a <= end and b >= start:
                found = True
                overlap = (min(b, end) - max(a, start)).days + 1
                share += Decimal(t["value"] * overlap) / ((b - a).days + 1)
        return int(share + Decimal("0.5")) if found else None

    def figures(self, rep: str) -> dict[str, Any]:
        mine = self.week_visits(rep)
        month = [
            v
            for v in self.visits
            if v["owner_id"] == rep and self.month_start <= day(v["visit_date"]) <= self.end
        ]
        visited = {v["plan_item_id"] for v in self.visits if self.in_week(day(v["visit_date"]))}
        items = [
            i
            for i in self.items
            if i["plan_id"] in self.plans
            and self.plans[i["plan_id"]]["owner_id"] == rep
            and self.in_week(day(self.plans[i["plan_id"]]["plan_date"]))
        ]
        since, until = utc_midnight(self.start), utc_midnight(self.end + dt.timedelta(days=1))
        new = [
            c
            for c in self.customers.values()
            if c["owner_id"] == rep and not c["deleted"] and since <= stamp(c["created_at"]) < until
        ]
        stage = {s.code: s for s in DEFAULT_STAGES}
        moves: Counter[str] = Counter()
        for h in self.history:
            o = self.opportunities[h["opportunity_id"]]
            if o["owner_id"] == rep and since <= stamp(h["changed_at"]) < until:
                to = stage[h["to_stage"]]
                if to.outcome != "open":
                    moves[to.outcome] += 1
                elif h["from_stage"] and to.position > stage[h["from_stage"]].position:
                    moves["advanced"] += 1
        reports = [
            r for r in self.reports if r["owner_id"] == rep and self.in_week(day(r["report_date"]))
        ]
        sent = [r for r in reports if r["submitted_at"]]
        on_time = sum(1 for r in sent if stamp(r["submitted_at"]) <= stamp(r["due_at"]))
        sent_days = {day(r["report_date"]) for r in sent}
        now = fixed_clock().utcnow()
        missing = 0
        for offset in range(5):
            d = self.start + dt.timedelta(days=offset)
            due = dt.datetime(d.year, d.month, d.day, DUE_HOUR).astimezone()
            if due.astimezone(dt.UTC).replace(tzinfo=None) < now and d not in sent_days:
                missing += 1
        month_end = (self.month_start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return {
            "Planned visits": len(items),
            "planned visited": sum(1 for i in items if i["id"] in visited),
            "Visits": len(mine),
            "Effective visits": sum(1 for v in mine if v["is_effective"]),
            "Orders": sum(1 for v in mine if v["order_amount_fen"] > 0),
            "Order amount": sum(v["order_amount_fen"] for v in mine),
            "Collections": sum(v["collection_amount_fen"] for v in mine),
            "New customer records": len(new),
            "Opps advanced": moves["advanced"],
            "Won": moves["won"],
            "Lost": moves["lost"],
            "Reports on time": on_time,
            "Reports late": len(sent) - on_time,
            "Reports missing": missing,
            "Reports signed": sum(1 for r in reports if r["status"] == "signed"),
            "Week sales target": self.target(rep, "sales", self.start, self.end),
            "week collection target": self.target(rep, "collection", self.start, self.end),
            "Month-to-date sales": sum(v["order_amount_fen"] for v in month),
            "Month sales target": self.target(rep, "sales", self.month_start, month_end),
            "Month-to-date collections": sum(v["collection_amount_fen"] for v in month),
            "month collection target": self.target(rep, "collection", self.month_start, month_end),
        }


@pytest.fixture(scope="module")
def raw(demo: Services, exported: tuple[Path, str]) -> Raw:
    return Raw(demo.database_path, exported[1])


# --- reading the workbook back -------------------------------------------------------------


def fen(value: Any) -> int:
    """A ¥ cell back to fen, exactly (the cell holds yuan with two decimals)."""
    assert isinstance(value, int | float), value
    return int((Decimal(str(value)) * 100).to_integral_value())


def ratio_matches(cell: Any, numerator: int, denominator: int | None) -> bool:
    if not denominator:
        return bool(cell == NONE)
    return abs(float(cell) - numerator / denominator) < 1e-12


def summary_rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return [r for r in sheet.iter_rows(min_row=FIRST_ROW, values_only=True) if r[0]]


def test_summary_sheet_equals_the_raw_rows(exported: tuple[Path, str], raw: Raw) -> None:
    sheet = load_workbook(exported[0])[SUMMARY_SHEET]
    lines = summary_rows(sheet)
    assert [line[0] for line in lines[: len(raw.reps)]] == [u["display_name"] for u in raw.reps]
    totals: Counter[str] = Counter()
    target_totals: Counter[str] = Counter()
    for line, rep in zip(lines, raw.reps, strict=False):
        want = raw.figures(rep["id"])
        check_line(line, want)
        for key, value in want.items():
            if value is None:
                continue
            (target_totals if "target" in key else totals)[key] += value
    total = lines[len(raw.reps)]
    assert total[0] == "合计"
    check_line(total, {**totals, **target_totals})
    average = lines[len(raw.reps) + 1]
    assert average[0] == "人均周销售额"
    expected = (Decimal(totals["Order amount"]) / len(raw.reps) / 100).quantize(Decimal("0.01"))
    assert Decimal(str(average[COLUMN["Order amount"]])) == expected
    assert totals["Visits"] > 50 and totals["Order amount"] > 0  # a comparison that means something


def check_line(line: tuple[Any, ...], want: dict[str, Any]) -> None:
    def cell(name: str) -> Any:
        return line[COLUMN[name]]

    for name in ("Planned visits", "Visits", "Effective visits", "Orders", "New customer records",
                 "Opps advanced", "Won", "Lost", "Reports on time", "Reports late",
                 "Reports missing", "Reports signed"):  # fmt: skip
        assert cell(name) == want[name], name
    for name in ("Order amount", "Collections", "Month-to-date sales", "Month-to-date collections"):
        assert fen(cell(name)) == want[name], name
    for name in ("Week sales target", "Month sales target"):
        assert (cell(name) == NONE) if want.get(name) is None else fen(cell(name)) == want[name]
    assert ratio_matches(cell("Plan completion"), want["planned visited"], want["Planned visits"])
    assert ratio_matches(cell("Effective rate"), want["Effective visits"], want["Visits"])
    assert ratio_matches(cell("Transaction rate"), want["Orders"], want["Visits"])
    assert ratio_matches(
        cell("Week sales achieved"), want["Order amount"], want["Week sales target"]
    )
    assert ratio_matches(
        cell("Week collection achieved"), want["Collections"], want.get("week collection target")
    )
    assert ratio_matches(
        cell("MTD sales achieved"), want["Month-to-date sales"], want["Month sales target"]
    )
    assert ratio_matches(
        cell("MTD collection achieved"),
        want["Month-to-date collections"],
        want.get("month collection target"),
    )


def test_each_reps_sheet_has_the_days_visits_and_comments(
    exported: tuple[Path, str], raw: Raw
) -> None:
    book = load_workbook(exported[0])
    for rep in raw.reps:
        sheet = book[rep["display_name"]]
        comments = {
            day(r["report_date"]): r["review_comment"] or ""
            for r in raw.reports
            if r["owner_id"] == rep["id"] and raw.in_week(day(r["report_date"]))
        }
        seen: dict[dt.date, list[tuple[str, int, int]]] = defaultdict(list)
        day_rows: dict[dt.date, tuple[Any, ...]] = {}
        current: dt.date | None = None
        total = None
        for line in sheet.iter_rows(min_row=FIRST_ROW, values_only=True):
            if isinstance(line[0], dt.datetime):
                current = line[0].date()
                day_rows[current] = line
            elif line[0] == "合计":
                total = line
            elif line[2]:
                assert current is not None
                seen[current].append((line[2], fen(line[6]), fen(line[7])))
        assert sorted(day_rows) == [raw.start + dt.timedelta(days=i) for i in range(7)]
        mine = raw.week_visits(rep["id"])
        for d, head in day_rows.items():
            visits = [v for v in mine if day(v["visit_date"]) == d]
            want = Counter(
                (
                    raw.customers[v["customer_id"]]["name"],
                    v["order_amount_fen"],
                    v["collection_amount_fen"],
                )
                for v in visits
            )
            assert Counter(seen[d]) == want
            assert fen(head[6]) == sum(v["order_amount_fen"] for v in visits)
            assert fen(head[7]) == sum(v["collection_amount_fen"] for v in visits)
            assert (head[8] or "") == comments.get(d, "")
        assert total is not None
        assert fen(total[6]) == sum(v["order_amount_fen"] for v in mine)
        assert fen(total[7]) == sum(v["collection_amount_fen"] for v in mine)
    assert any(comments.values())  # the demo's supervisor commented on some days


def table(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return [r for r in sheet.iter_rows(min_row=FIRST_ROW, values_only=True) if r[1]]


def test_visit_details_are_every_visit(exported: tuple[Path, str], raw: Raw) -> None:
    lines = table(load_workbook(exported[0])[VISITS_SHEET])
    names = {u["id"]: u["display_name"] for u in raw.reps}
    want = Counter(
        (
            day(v["visit_date"]),
            names[v["owner_id"]],
            raw.customers[v["customer_id"]]["name"],
            v["start_time"],
            bool(v["is_effective"]),
            v["order_amount_fen"],
            v["collection_amount_fen"],
        )
        for rep in raw.reps
        for v in raw.week_visits(rep["id"])
    )
    got = Counter(
        (line[0].date(), line[1], line[2], line[5], line[8] == "是", fen(line[9]), fen(line[10]))
        for line in lines
    )
    assert got == want


def test_pipeline_market_and_next_week(exported: tuple[Path, str], raw: Raw) -> None:
    book = load_workbook(exported[0])
    names = {u["id"]: u["display_name"] for u in raw.reps}
    since, until = utc_midnight(raw.start), utc_midnight(raw.end + dt.timedelta(days=1))
    changes = [
        h
        for h in raw.history
        if raw.opportunities[h["opportunity_id"]]["owner_id"] in names
        and since <= stamp(h["changed_at"]) < until
    ]
    pipeline = table(book[PIPELINE_SHEET])
    assert Counter((line[3], fen(line[4])) for line in pipeline) == Counter(
        (
            raw.opportunities[h["opportunity_id"]]["name"],
            raw.opportunities[h["opportunity_id"]]["amount_fen"],
        )
        for h in changes
    )
    market = table(book[MARKET_SHEET])
    assert Counter((line[0].date(), line[1], line[6]) for line in market) == Counter(
        (day(m["report_date"]), names[m["owner_id"]], m["description"])
        for m in raw.market
        if m["owner_id"] in names and raw.in_week(day(m["report_date"]))
    )
    next_start = raw.start + dt.timedelta(days=7)
    planned = [
        i
        for i in raw.items
        if i["plan_id"] in raw.plans
        and raw.plans[i["plan_id"]]["owner_id"] in names
        and next_start
        <= day(raw.plans[i["plan_id"]]["plan_date"])
        <= next_start + dt.timedelta(days=6)
    ]
    assert planned  # this week's plans are last week's "next week"
    got = Counter((line[0].date(), line[1], line[3]) for line in table(book[NEXT_SHEET]))
    assert got == Counter(
        (
            day(raw.plans[i["plan_id"]]["plan_date"]),
            names[raw.plans[i["plan_id"]]["owner_id"]],
            raw.customers[i["customer_id"]]["name"],
        )
        for i in planned
    )


def test_native_formatting_and_chart(exported: tuple[Path, str], raw: Raw) -> None:
    book = load_workbook(exported[0])
    assert book.sheetnames[0] == SUMMARY_SHEET
    assert book.sheetnames[-len(LIST_SHEETS) :] == list(LIST_SHEETS)
    summary = book[SUMMARY_SHEET]
    assert exported[1] in summary["A1"].value and "华东办事处" in summary["A1"].value
    assert f"{raw.start:%Y-%m-%d}" in summary["A2"].value
    assert summary.freeze_panes == f"B{FIRST_ROW}"
    assert summary.auto_filter.ref.startswith(f"A{HEADER_ROW}:")
    assert summary.cell(HEADER_ROW, 1).font.bold
    assert "¥" in summary.cell(FIRST_ROW, COLUMN["Order amount"] + 1).number_format
    assert summary.cell(FIRST_ROW, COLUMN["Effective rate"] + 1).number_format == "0.0%"
    assert summary.page_setup.orientation == "landscape"
    # One page wide (1 is the attribute's default, so the file may leave it out), any height.
    assert summary.sheet_properties.pageSetUpPr.fitToPage
    assert summary.page_setup.fitToWidth in (None, 1) and summary.page_setup.fitToHeight == 0
    [chart] = summary._charts
    assert isinstance(chart, BarChart) and len(chart.series) == 2
    for name in LIST_SHEETS:
        sheet = book[name]
        assert sheet.freeze_panes == f"A{FIRST_ROW}"
        assert sheet.auto_filter.ref.startswith(f"A{HEADER_ROW}:")
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.column_dimensions["C"].width >= 8
    assert "¥" in book[VISITS_SHEET].cell(FIRST_ROW, 10).number_format
    assert book[VISITS_SHEET].cell(FIRST_ROW, 1).number_format == "yyyy-mm-dd"


def test_cancel_and_errors_leave_no_file(demo: Services, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    calls = iter(range(100))
    with pytest.raises(ExportCancelled):
        # Cancelled late: after collecting, while writing the sheets.
        export_weekly_summary(demo.store, demo.actor, target, "2026-W46",
                              cancel=lambda: next(calls) >= 9)  # fmt: skip
    assert list(tmp_path.iterdir()) == []
    target.write_bytes(b"old")
    with pytest.raises(ExportCancelled):
        export_weekly_summary(demo.store, demo.actor, target, "2026-W46", cancel=lambda: True)
    assert target.read_bytes() == b"old"  # an existing file survives a cancelled export
    assert list(tmp_path.iterdir()) == [target]
    with pytest.raises(ValidationError):
        export_weekly_summary(demo.store, demo.actor, target, "2026-W54")
    with pytest.raises(ValidationError):
        export_weekly_summary(demo.store, demo.actor, target, "2026-W46", rep="nobody")


def test_a_single_rep_and_progress(demo: Services, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    summary = export_weekly_summary(
        demo.store,
        demo.actor,
        tmp_path / "one.xlsx",
        "2026-W46",
        rep="zhangwei",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert [r.rep_name for r in summary.rows] == ["张伟"]
    assert seen[-1][0] == seen[-1][1] and [d for d, _t in seen] == sorted(d for d, _t in seen)
    book = load_workbook(tmp_path / "one.xlsx")
    assert book.sheetnames[1] == "张伟"

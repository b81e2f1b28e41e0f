"""The weekly summary 周报 as a native .xlsx (SPEC §4).

Sheets: 汇总 Summary (one row per rep, a total row, the average per person and a native
bar chart of visits per rep), one sheet per rep (Monday to Sunday, each day's visits and
the supervisor's comment), 拜访明细 Visit details, 新客户 New customers (each labelled:
record created, first order, lead converted), 商机 Pipeline changes, 市场信息 Market
reports, then the F6 sections (weekly_sheets.py): 竞争者动态 Competitor activity, 异常客户
Exception customers, 费用 Expenses, 下周目标 Next week's targets; last 下周计划 Next week.
Money is written in yuan as exact Decimals (fen ÷ 100) under a ¥ format; rates as
fractions under a percent format; a rate without a base (no visits, no target) is "—",
never a misleading 0 %.

Written with XlsxWriter (the list export's library), not openpyxl: a 100-rep team's week
is some 130,000 styled cells, which openpyxl took six seconds to style and serialise
against the three the whole summary may take; XlsxWriter does it in about one. Tests
read the file back with openpyxl.

The workbook is saved through config/atomic_file.py (a temporary name in the target
folder, renamed at the end), so an error or a cancel never leaves a half-written
workbook behind (nor clobbers an older file of the same name).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from crm_desktop.config.atomic_file import atomic_target
from crm_desktop.domain.money import fen_to_decimal
from crm_desktop.export.errors import ExportCancelled, file_error
from crm_desktop.export.weekly_data import (
    RepWeek,
    SummaryRow,
    WeeklySummary,
)
from crm_desktop.export.weekly_sheets import (
    COMPETITORS_SHEET,
    COUNT,
    DATE,
    EXCEPTIONS_SHEET,
    EXPENSES_SHEET,
    MONEY,
    NEW_CUSTOMERS_SHEET,
    NEXT_TARGETS_SHEET,
    NONE,
    PERCENT,
    STAMP,
    Column,
    SheetSpec,
    new_customers,
    section_specs,
)

__all__ = [
    "COMPETITORS_SHEET", "COUNT", "DATE", "EXCEPTIONS_SHEET", "EXPENSES_SHEET", "MONEY",
    "NEW_CUSTOMERS_SHEET", "NEXT_TARGETS_SHEET", "NONE", "PERCENT", "STAMP",
    "WRITE_STEPS", "write_weekly_workbook",
]  # fmt: skip

SUMMARY_SHEET = "汇总 Summary"
VISITS_SHEET = "拜访明细 Visit details"
PIPELINE_SHEET = "商机 Pipeline changes"
MARKET_SHEET = "市场信息 Market reports"
NEXT_SHEET = "下周计划 Next week"
# Rows as Excel numbers them (1-based): title, subtitle, a note, then the headers.
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1

_FONT = "Microsoft YaHei"
_BLUE, _HEAD_FILL, _GRID = "#1F3864", "#1F4E78", "#BFBFBF"
_TOTAL_FILL, _DAY_FILL = "#DDEBF7", "#F2F2F2"
# Cell looks by kind; each (kind, number format, alignment) becomes one Format.
_KINDS: dict[str, dict[str, Any]] = {
    "body": {},
    "bold": {"bold": True},
    "day": {"bold": True, "bg_color": _DAY_FILL},
    "total": {"bold": True, "bg_color": _TOTAL_FILL, "top": 2, "top_color": _HEAD_FILL},
}
_ALIGN: dict[str | None, dict[str, Any]] = {
    None: {},
    "center": {"align": "center"},
    "wrap": {"text_wrap": True, "valign": "top"},
}
_WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


def _yuan(fen: int | None) -> Decimal | str:
    return NONE if fen is None else fen_to_decimal(fen)


def _rate(value: Decimal | None) -> Decimal | str:
    return NONE if value is None else value


def _yes(lang: str, flag: bool) -> str:
    return _t(lang, "是", "Yes") if flag else _t(lang, "否", "No")


# The summary's columns, and how each cell is taken from a SummaryRow.
_SUMMARY: tuple[tuple[str, str, str | None, int, Callable[[SummaryRow], Any]], ...] = (
    ("销售员", "Rep", None, 12, lambda r: r.rep_name),
    ("计划拜访", "Planned visits", COUNT, 7, lambda r: r.planned_items),
    ("实际拜访", "Visits", COUNT, 7, lambda r: r.visits),
    ("计划完成率", "Plan completion", PERCENT, 8, lambda r: _rate(r.plan_completion)),
    ("有效拜访", "Effective visits", COUNT, 7, lambda r: r.effective_visits),
    ("有效拜访率", "Effective rate", PERCENT, 8, lambda r: _rate(r.effective_rate)),
    ("订单数", "Orders", COUNT, 6, lambda r: r.order_visits),
    ("订货金额", "Order amount", MONEY, 11, lambda r: _yuan(r.order_amount_fen)),
    ("交易率", "Transaction rate", PERCENT, 8, lambda r: _rate(r.transaction_rate)),
    ("货款回收", "Collections", MONEY, 11, lambda r: _yuan(r.collection_fen)),
    ("新建档案", "New customer records", COUNT, 6, lambda r: r.new_customers),
    ("首次下单", "First orders", COUNT, 6, lambda r: r.first_orders),
    ("线索转化", "Leads converted", COUNT, 6, lambda r: r.leads_converted),
    ("新开发客户", "Customers developed", COUNT, 7, lambda r: r.customers_developed),
    ("商机推进", "Opps advanced", COUNT, 6, lambda r: r.opportunities_advanced),
    ("赢单", "Won", COUNT, 5, lambda r: r.opportunities_won),
    ("输单", "Lost", COUNT, 5, lambda r: r.opportunities_lost),
    ("日报按时", "Reports on time", COUNT, 6, lambda r: r.reports_on_time),
    ("日报迟交", "Reports late", COUNT, 6, lambda r: r.reports_late),
    ("日报缺交", "Reports missing", COUNT, 6, lambda r: r.reports_missing),
    ("日报已签核", "Reports signed", COUNT, 6, lambda r: r.reports_signed),
    ("周销售目标", "Week sales target", MONEY, 11, lambda r: _yuan(r.week_sales_target_fen)),
    ("周销售达成", "Week sales achieved", PERCENT, 8, lambda r: _rate(r.week_sales_achievement)),
    ("周回款达成", "Week collection achieved", PERCENT, 8,
     lambda r: _rate(r.week_collection_achievement)),
    ("月累计销售", "Month-to-date sales", MONEY, 11, lambda r: _yuan(r.month_sales_fen)),
    ("月销售目标", "Month sales target", MONEY, 11, lambda r: _yuan(r.month_sales_target_fen)),
    ("月累计销售达成", "MTD sales achieved", PERCENT, 8,
     lambda r: _rate(r.month_sales_achievement)),
    ("月累计回款", "Month-to-date collections", MONEY, 11,
     lambda r: _yuan(r.month_collection_fen)),
    ("月累计回款达成", "MTD collection achieved", PERCENT, 8,
     lambda r: _rate(r.month_collection_achievement)),
    ("费用", "Expenses", MONEY, 11, lambda r: _yuan(r.expenses_fen)),
)  # fmt: skip
SUMMARY_COLUMNS = tuple(en for _zh, en, _f, _w, _get in _SUMMARY)
# The writer's progress steps: summary, reps, details, pipeline, the rest and the save.
WRITE_STEPS = 5


class _Progress:
    def __init__(self, progress: Progress | None, cancel: Cancelled | None) -> None:
        self._progress, self._cancel, self.done = progress, cancel, 0

    def check(self) -> None:
        if self._cancel is not None and self._cancel():
            raise ExportCancelled()

    def step(self) -> None:
        self.check()
        self.done += 1
        if self._progress is not None:
            self._progress(self.done, WRITE_STEPS)


class _Book:
    """The XlsxWriter workbook with its formats made once and shared by every cell."""

    def __init__(self, path: str, lang: str) -> None:
        self.lang = lang
        self.book = xlsxwriter.Workbook(path, {"strings_to_numbers": False})
        base = {"font_name": _FONT, "font_size": 10}
        self._base = base
        self._formats: dict[tuple[str, str | None, str | None], Format] = {}
        self.title = self.book.add_format({**base, "font_size": 14, "bold": True,
                                           "font_color": _BLUE})  # fmt: skip
        self.subtitle = self.book.add_format({**base, "font_size": 9, "font_color": "#595959"})
        self.head = self.book.add_format({
            **base, "bold": True, "font_color": "#FFFFFF", "bg_color": _HEAD_FILL,
            "align": "center", "valign": "vcenter", "text_wrap": True,
            "border": 1, "border_color": _GRID,
        })  # fmt: skip

    def fmt(self, kind: str, number: str | None, align: str | None) -> Format:
        key = (kind, number, align)
        found = self._formats.get(key)
        if found is None:
            props = {**self._base, "border": 1, "border_color": _GRID, **_KINDS[kind]}
            props.update(_ALIGN[align])
            if number is not None:
                props["num_format"] = number
            found = self._formats[key] = self.book.add_format(props)
        return found


def write_weekly_workbook(
    summary: WeeklySummary,
    path: Path,
    *,
    progress: Progress | None = None,
    cancel: Cancelled | None = None,
) -> Path:
    """Write the workbook to `path` (replacing it) and return the path. ExportCancelled
    when `cancel()` answers True; in that case, as on any error, no file is left."""
    path = Path(path)
    steps = _Progress(progress, cancel)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_target(path) as temporary:
            book = _Book(str(temporary), summary.lang)
            _summary(book, book.book.add_worksheet(SUMMARY_SHEET), summary)
            steps.step()
            names = _rep_sheet_names([w.rep_name for w in summary.rep_weeks])
            for rep_week, name in zip(summary.rep_weeks, names, strict=True):
                steps.check()
                _rep_sheet(book, book.book.add_worksheet(name), summary, rep_week)
            steps.step()
            _visits_sheet(book, book.book.add_worksheet(VISITS_SHEET), summary)
            _spec_sheet(book, summary, new_customers(summary))
            steps.step()
            _pipeline_sheet(book, book.book.add_worksheet(PIPELINE_SHEET), summary)
            _market_sheet(book, book.book.add_worksheet(MARKET_SHEET), summary)
            for spec in section_specs(summary):
                _spec_sheet(book, summary, spec)
            _next_sheet(book, book.book.add_worksheet(NEXT_SHEET), summary)
            steps.step()
            book.book.close()  # the only moment XlsxWriter writes the file
    except OSError as error:
        raise file_error(error, path) from error
    steps.step()
    return path


def _rep_sheet_names(names: Sequence[str]) -> list[str]:
    """Sheet titles for the reps: Excel forbids []:*?/\\ and more than 31 characters,
    and two reps of the same name need two sheets."""
    taken = {n.lower() for n in (SUMMARY_SHEET, VISITS_SHEET, PIPELINE_SHEET, MARKET_SHEET,
                                 NEXT_SHEET, NEW_CUSTOMERS_SHEET, COMPETITORS_SHEET,
                                 EXCEPTIONS_SHEET, EXPENSES_SHEET, NEXT_TARGETS_SHEET)}  # fmt: skip
    result = []
    for name in names:
        clean = "".join("_" if c in "[]:*?/\\" else c for c in name).strip("'") or "_"
        title, n = clean[:31], 2
        while title.lower() in taken:
            suffix = f" ({n})"
            title, n = clean[: 31 - len(suffix)] + suffix, n + 1
        taken.add(title.lower())
        result.append(title)
    return result


def _display_width(value: object) -> int:
    text = str(value) if value is not None else ""
    longest = max(text.split("\n"), key=len, default="")
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in longest)


def _shown_width(value: object, fmt: str | None) -> int:
    """Characters the cell shows under its number format (not the raw Decimal's digits)."""
    if value is None or isinstance(value, str) or fmt is None:
        return _display_width(value)
    if fmt == PERCENT:
        return 7
    if fmt == MONEY and isinstance(value, Decimal | int):
        return len(f"¥{value:,.2f}")
    if fmt == COUNT and isinstance(value, int):
        return len(f"{value:,}")
    return 16 if fmt == STAMP else 10


def _put(book: _Book, sheet: Worksheet, row: int, column: int, value: Any,
         fmt: str | None, kind: str = "body", align: str | None = None) -> None:  # fmt: skip
    """One cell at Excel's (row, column), both 1-based, in the look of `kind`."""
    if value == NONE:
        fmt, align = None, "center"
    elif align is None and fmt is None and isinstance(value, str) and len(value) > 40:
        align = "wrap"
    cell_format = book.fmt(kind, fmt, align)
    if value is None or value == "":
        sheet.write_blank(row - 1, column - 1, None, cell_format)
    elif isinstance(value, str):
        sheet.write_string(row - 1, column - 1, value, cell_format)
    else:  # numbers (Decimal, int) and dates: XlsxWriter picks the record type
        sheet.write(row - 1, column - 1, value, cell_format)


def _title(book: _Book, sheet: Worksheet, summary: WeeklySummary, title: str) -> None:
    lang = summary.lang
    sheet.write_string(0, 0, f"{title} — {summary.scope_label} — {summary.week_label}",
                       book.title)  # fmt: skip
    stamp = summary.generated_at.strftime("%Y-%m-%d %H:%M")
    sheet.write_string(
        1,
        0,
        f"{summary.start:%Y-%m-%d} {_t(lang, '至', 'to')} {summary.end:%Y-%m-%d} · "
        + _t(lang, f"生成于 {stamp}", f"generated {stamp}"),
        book.subtitle,
    )
    sheet.set_row(0, 24)


def _headers(book: _Book, sheet: Worksheet, headers: Sequence[tuple[str, str]],
             height: int = 32) -> None:  # fmt: skip
    for column, (zh, en) in enumerate(headers):
        sheet.write_string(HEADER_ROW - 1, column, _t(book.lang, zh, en), book.head)
    sheet.set_row(HEADER_ROW - 1, height)


def _print_setup(sheet: Worksheet) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)  # one page wide, as many long as it takes
    sheet.repeat_rows(HEADER_ROW - 1)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.center_horizontally()


def _widths(sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> None:
    """Wide enough for the values (the headers wrap), within the minimum and 50."""
    for c, (_zh, _en, fmt, minimum) in enumerate(columns):
        widest = max((_shown_width(row[c], fmt) for row in rows[:500]), default=0)
        sheet.set_column(c, c, min(50, max(minimum, widest + 2)))


def _table(
    book: _Book,
    sheet: Worksheet,
    summary: WeeklySummary,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    note: str | None = None,
) -> None:
    """A titled, filterable table: headers on HEADER_ROW, frozen below it; `note` on
    the row between the subtitle and the headers."""
    _title(book, sheet, summary, title)
    if note:
        sheet.write_string(HEADER_ROW - 2, 0, note, book.subtitle)
    _headers(book, sheet, [(zh, en) for zh, en, _f, _w in columns])
    formats = [fmt for _zh, _en, fmt, _w in columns]
    for r, values in enumerate(rows, start=FIRST_ROW):
        for c, value in enumerate(values, start=1):
            _put(book, sheet, r, c, value, formats[c - 1])
    if not rows:
        sheet.write_string(FIRST_ROW - 1, 0, _t(summary.lang, "（本周无记录）",
                                                "(nothing this week)"))  # fmt: skip
    last_row = HEADER_ROW + max(len(rows), 1)
    sheet.autofilter(HEADER_ROW - 1, 0, last_row - 1, len(columns) - 1)
    sheet.freeze_panes(FIRST_ROW - 1, 0)
    _widths(sheet, columns, rows)
    _print_setup(sheet)


def _spec_sheet(book: _Book, summary: WeeklySummary, spec: SheetSpec) -> None:
    sheet = book.book.add_worksheet(spec.name)
    _table(book, sheet, summary, spec.title, spec.columns, spec.rows, spec.note)


def _summary(book: _Book, sheet: Worksheet, summary: WeeklySummary) -> None:
    lang = summary.lang
    _title(book, sheet, summary, _t(lang, "销售周报", "Weekly sales summary"))
    sheet.write_string(2, 0, _t(
        lang,
        f"月累计：{summary.month_start:%Y-%m-%d} 至 {summary.end:%Y-%m-%d}；"
        "目标按天折算；“—”表示无基数（无拜访或未设目标）",
        f"Month to date: {summary.month_start:%Y-%m-%d} to {summary.end:%Y-%m-%d}; "
        'targets pro-rated by day; "—" means no base (no visits or no target)',
    ), book.subtitle)  # fmt: skip
    _headers(book, sheet, [(zh, en) for zh, en, _f, _w, _g in _SUMMARY], height=44)
    rows = [*summary.rows, summary.total]
    for r, row in enumerate(rows, start=FIRST_ROW):
        kind = "total" if row is summary.total else "body"
        for c, (_zh, _en, fmt, _w, get) in enumerate(_SUMMARY, start=1):
            _put(book, sheet, r, c, get(row), fmt, kind)
    total_row = FIRST_ROW + len(summary.rows)
    average_row = total_row + 1
    _put(book, sheet, average_row, 1, _t(lang, "人均周销售额", "Avg sales / person"), None, "bold")
    average = summary.average_sales_fen
    cents = Decimal("0.01")
    yuan = NONE if average is None else (average / 100).quantize(cents, ROUND_HALF_UP)
    _put(book, sheet, average_row, 8, yuan, MONEY, "bold")
    last_rep_row = max(total_row - 1, FIRST_ROW)
    sheet.autofilter(HEADER_ROW - 1, 0, last_rep_row - 1, len(_SUMMARY) - 1)
    sheet.freeze_panes(FIRST_ROW - 1, 1)
    columns = [(zh, en, fmt, w) for zh, en, fmt, w, _g in _SUMMARY]
    _widths(sheet, columns, [[get(r) for *_x, get in _SUMMARY] for r in rows])
    first = max(12, *(_display_width(r.rep_name) + 3 for r in rows))
    sheet.set_column(0, 0, first)
    _print_setup(sheet)
    if summary.rows:
        _chart(book, sheet, summary, total_row - 1, average_row + 2)


def _chart(book: _Book, sheet: Worksheet, summary: WeeklySummary, last_row: int,
           anchor_row: int) -> None:  # fmt: skip
    """Native column chart: visits and effective visits per rep (rows are 1-based)."""
    lang = summary.lang
    chart = book.book.add_chart({"type": "column"})
    name = sheet.get_name()
    for column, colour in ((2, "#4472C4"), (4, "#ED7D31")):  # 实际拜访, 有效拜访
        chart.add_series({
            "name": [name, HEADER_ROW - 1, column],
            "categories": [name, FIRST_ROW - 1, 0, last_row - 1, 0],
            "values": [name, FIRST_ROW - 1, column, last_row - 1, column],
            "fill": {"color": colour},
            "gap": 80,
        })  # fmt: skip
    chart.set_title({"name": _t(lang, "各销售员拜访次数", "Visits per rep"),
                     "name_font": {"name": _FONT, "size": 12}})  # fmt: skip
    chart.set_y_axis({"name": _t(lang, "拜访次数", "Visits"), "major_gridlines": {
        "visible": True, "line": {"color": "#D9D9D9"}}})  # fmt: skip
    chart.set_x_axis({"num_font": {"name": _FONT, "size": 9,
                                   "rotation": -45 if len(summary.rows) > 12 else 0}})  # fmt: skip
    chart.set_legend({"position": "top"})
    width = max(640, min(1600, 28 * len(summary.rows) + 200))
    chart.set_size({"width": width, "height": 320})
    sheet.insert_chart(anchor_row - 1, 1, chart)


def _rep_sheet(book: _Book, sheet: Worksheet, summary: WeeklySummary, rep_week: RepWeek) -> None:
    lang = summary.lang
    columns: tuple[Column, ...] = (
        ("日期", "Date", DATE, 11),
        ("时间", "Time", None, 12),
        ("客户", "Customer", None, 26),
        ("拜访目的", "Purpose", None, 11),
        ("洽谈结果", "Outcome", None, 11),
        ("有效", "Effective", None, 6),
        ("订货", "Order", MONEY, 13),
        ("回款", "Collection", MONEY, 13),
        ("主管批示", "Supervisor's comment", None, 36),
    )
    formats = [fmt for _zh, _en, fmt, _w in columns]
    _title(book, sheet, summary, _t(lang, "个人周报", "Rep's week") + f" · {rep_week.rep_name}")
    _headers(book, sheet, [(zh, en) for zh, en, _f, _w in columns])
    weekdays = _WEEKDAYS_EN if lang.startswith("en") else _WEEKDAYS_ZH
    row = FIRST_ROW
    widest_customer = 0
    order_total = collection_total = visits_total = 0
    for day in rep_week.days:
        order = sum(v.order_amount_fen for v in day.visits)
        collection = sum(v.collection_fen for v in day.visits)
        status = day.report_status or _t(lang, "无日报", "no report")
        head = [
            day.day,
            weekdays[day.day.weekday()],
            _t(lang, f"拜访 {len(day.visits)} 次 · 日报：{status}",
               f"{len(day.visits)} visits · report: {status}"),
            None, None, None,
            fen_to_decimal(order), fen_to_decimal(collection),
            day.review_comment or "",
        ]  # fmt: skip
        for c, value in enumerate(head, start=1):
            _put(book, sheet, row, c, value, formats[c - 1], "day", "wrap" if c == 9 else None)
        if day.review_comment and _display_width(day.review_comment) > 34:
            sheet.set_row(row - 1, 15 * (_display_width(day.review_comment) // 34 + 1))
        row += 1
        for visit in day.visits:
            span = "–".join(t for t in (visit.start_time, visit.end_time) if t)
            values = [None, span, visit.customer, visit.purpose, visit.outcome or "",
                      _yes(lang, visit.effective), fen_to_decimal(visit.order_amount_fen),
                      fen_to_decimal(visit.collection_fen), None]  # fmt: skip
            for c, value in enumerate(values, start=1):
                _put(book, sheet, row, c, value, formats[c - 1])
            widest_customer = max(widest_customer, _display_width(visit.customer))
            row += 1
        order_total += order
        collection_total += collection
        visits_total += len(day.visits)
    total = [_t(lang, "合计", "Total"), None,
             _t(lang, f"拜访 {visits_total} 次", f"{visits_total} visits"), None, None, None,
             fen_to_decimal(order_total), fen_to_decimal(collection_total), None]  # fmt: skip
    for c, value in enumerate(total, start=1):
        _put(book, sheet, row, c, value, formats[c - 1], "total")
    sheet.freeze_panes(FIRST_ROW - 1, 0)
    for c, (_zh, _en, _fmt, width) in enumerate(columns):
        sheet.set_column(c, c, width)
    sheet.set_column(2, 2, min(40, max(26, widest_customer + 2)))
    _print_setup(sheet)


def _visits_sheet(book: _Book, sheet: Worksheet, summary: WeeklySummary) -> None:
    lang = summary.lang
    columns: tuple[Column, ...] = (
        ("日期", "Date", DATE, 11), ("销售员", "Rep", None, 10), ("客户", "Customer", None, 20),
        ("计划内", "Planned", None, 7), ("拜访目的", "Purpose", None, 10),
        ("开始", "Start", None, 7), ("结束", "End", None, 7), ("洽谈结果", "Outcome", None, 10),
        ("有效", "Effective", None, 6), ("订货", "Order", MONEY, 12),
        ("回款", "Collection", MONEY, 12), ("接洽人", "Contacts met", None, 10),
        ("下一步", "Next step", None, 16), ("下一步日期", "Next step date", DATE, 11),
    )  # fmt: skip
    rows = [
        (v.visit_date, v.rep_name, v.customer, _yes(lang, v.planned), v.purpose,
         v.start_time or "", v.end_time or "", v.outcome or "", _yes(lang, v.effective),
         fen_to_decimal(v.order_amount_fen), fen_to_decimal(v.collection_fen),
         v.contacts_met or "", v.next_step or "", v.next_step_on)
        for v in summary.visits
    ]  # fmt: skip
    _table(book, sheet, summary, _t(lang, "拜访明细", "Visit details"), columns, rows)


def _pipeline_sheet(book: _Book, sheet: Worksheet, summary: WeeklySummary) -> None:
    lang = summary.lang
    columns: tuple[Column, ...] = (
        ("时间", "Changed at", STAMP, 16), ("销售员", "Rep", None, 10),
        ("客户", "Customer", None, 20), ("商机", "Opportunity", None, 24),
        ("金额", "Amount", MONEY, 14), ("原阶段", "From stage", None, 10),
        ("新阶段", "To stage", None, 10), ("变化", "Change", None, 8),
    )  # fmt: skip
    rows = [
        (c.changed_at, c.rep_name, c.customer, c.opportunity, fen_to_decimal(c.amount_fen),
         c.from_stage or "", c.to_stage, c.change)
        for c in summary.stage_changes
    ]  # fmt: skip
    _table(book, sheet, summary, _t(lang, "商机变化", "Pipeline changes"), columns, rows)


def _market_sheet(book: _Book, sheet: Worksheet, summary: WeeklySummary) -> None:
    lang = summary.lang
    columns: tuple[Column, ...] = (
        ("日期", "Date", DATE, 11), ("销售员", "Rep", None, 10), ("区域", "Region", None, 8),
        ("客户", "Customer", None, 18), ("类别", "Category", None, 12),
        ("严重程度", "Severity", None, 8), ("情况描述", "Description", None, 40),
        ("建议措施", "Suggested action", None, 28), ("已确认", "Acknowledged", None, 7),
    )  # fmt: skip
    rows = [
        (m.report_date, m.rep_name, m.region or "", m.customer or "", m.category, m.severity,
         m.description, m.suggested_action or "", _yes(lang, m.acknowledged))
        for m in summary.market
    ]  # fmt: skip
    _table(book, sheet, summary, _t(lang, "市场信息", "Market reports"), columns, rows)


def _next_sheet(book: _Book, sheet: Worksheet, summary: WeeklySummary) -> None:
    lang = summary.lang
    columns: tuple[Column, ...] = (
        ("日期", "Date", DATE, 11), ("销售员", "Rep", None, 10),
        ("计划时间", "Planned time", None, 8), ("客户", "Customer", None, 22),
        ("拜访目的", "Purpose", None, 10), ("拜访目标", "Objective", None, 30),
        ("计划状态", "Plan status", None, 9),
    )  # fmt: skip
    rows = [
        (p.plan_date, p.rep_name, p.planned_time or "", p.customer, p.purpose,
         p.objective or "", p.plan_status)
        for p in summary.next_week
    ]  # fmt: skip
    title = _t(lang, "下周计划", "Next week's plans") + (
        f" ({summary.next_start:%m-%d} – {summary.next_end:%m-%d})"
    )
    _table(book, sheet, summary, title, columns, rows)

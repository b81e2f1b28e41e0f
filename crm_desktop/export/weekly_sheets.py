"""The weekly workbook's F6 section sheets as table specs: 新客户 New customers,
竞争者动态 Competitor activity, 异常客户 Exception customers, 费用 Expenses and 下周目标
Next week's targets. Each function turns the summary's lines into a title, columns, rows
and a note; weekly_workbook.py lays every spec out as the same filterable table as its
other list sheets, so the look stays one.

Cell formats are defined here and re-exported by weekly_workbook.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from crm_desktop.domain.money import fen_to_decimal
from crm_desktop.export.weekly_data import WeeklySummary

# Zero shows as a dash: most visits carry no order, and a column of "¥0.00" hides the rest.
MONEY = '"¥"#,##0.00;-"¥"#,##0.00;"-"'
PERCENT = "0.0%"
COUNT = "#,##0"
DATE = "yyyy-mm-dd"
STAMP = "yyyy-mm-dd hh:mm"
NONE = "—"  # a rate, achievement or target that has no base

NEW_CUSTOMERS_SHEET = "新客户 New customers"
COMPETITORS_SHEET = "竞争者动态 Competitor activity"
EXCEPTIONS_SHEET = "异常客户 Exception customers"
EXPENSES_SHEET = "费用 Expenses"
NEXT_TARGETS_SHEET = "下周目标 Next week's targets"

Column = tuple[str, str, str | None, int]  # header zh, header en, number format, min width


@dataclass(frozen=True)
class SheetSpec:
    name: str
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    note: str | None = None


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


def _yes(lang: str, flag: bool) -> str:
    return _t(lang, "是", "Yes") if flag else _t(lang, "否", "No")


def _yuan(fen: int | None) -> Decimal | str:
    return NONE if fen is None else fen_to_decimal(fen)


def _count(value: int | None) -> int | str:
    return NONE if value is None else value


def section_specs(summary: WeeklySummary) -> Sequence[SheetSpec]:
    """The section sheets in the order they follow the pipeline and market sheets (the
    new customers' sheet comes earlier, after the visit details: see new_customers)."""
    return (competitors(summary), exceptions(summary), expenses(summary),
            next_targets(summary))  # fmt: skip


def new_customers(summary: WeeklySummary) -> SheetSpec:
    lang = summary.lang
    columns: tuple[Column, ...] = (
        ("销售员", "Rep", None, 10), ("客户", "Customer", None, 22),
        ("类别", "How it is new", None, 16), ("计入新开发", "Developed", None, 7),
        ("建档日期", "Created on", DATE, 11), ("首次下单日期", "First order on", DATE, 11),
        ("首单金额", "First order", MONEY, 12), ("转化日期", "Converted on", DATE, 11),
        ("来源线索", "Lead", None, 16),
    )  # fmt: skip
    rows = [
        (n.rep_name, n.customer, n.kinds, _yes(lang, n.developed), n.created_on,
         n.first_order_on, fen_to_decimal(n.first_order_fen), n.converted_on, n.lead or "")
        for n in summary.new_customers
    ]  # fmt: skip
    note = _t(
        lang,
        "新开发客户 = 本周首次下单（该客户有史以来第一笔订货）或由线索转化；"
        "新建档案另列，不计入新开发",
        "Developed = the customer's first order ever, or a lead converted, this week; "
        "a record created is listed apart and is not counted as developed",
    )
    return SheetSpec(NEW_CUSTOMERS_SHEET, _t(lang, "新客户", "New customers"), columns, rows,
                     note)  # fmt: skip


def competitors(summary: WeeklySummary) -> SheetSpec:
    lang = summary.lang
    columns: tuple[Column, ...] = (
        ("日期", "Date", DATE, 11), ("销售员", "Rep", None, 10), ("来源", "Source", None, 9),
        ("客户", "Customer", None, 20), ("类别", "Category", None, 12),
        ("竞争者动态", "Competitor activity", None, 50),
    )  # fmt: skip
    rows = [
        (c.on, c.rep_name, c.source, c.customer or "", c.category or "", c.info)
        for c in summary.competitors
    ]
    note = _t(lang, "来自本周拜访记录的竞争对手信息，以及竞品促销、竞品新品类的市场报告",
              "Competitor notes of the week's visits, and market reports on competitor "
              "promotions and products")  # fmt: skip
    return SheetSpec(COMPETITORS_SHEET, _t(lang, "竞争者动态", "Competitor activity"), columns,
                     rows, note)  # fmt: skip


def exceptions(summary: WeeklySummary) -> SheetSpec:
    lang = summary.lang
    columns: tuple[Column, ...] = (
        ("类型", "Kind", None, 12), ("销售员", "Rep", None, 10), ("客户", "Customer", None, 20),
        ("等级", "Class", None, 5), ("相关日期", "Date", DATE, 11),
        ("逾期天数", "Days overdue", COUNT, 7), ("金额", "Amount", MONEY, 12),
        ("说明", "Detail", None, 40),
    )  # fmt: skip
    rows = [
        (x.kind_label, x.rep_name, x.customer, x.value_class, x.since,
         "" if x.days is None else x.days, "" if x.amount_fen is None else
         fen_to_decimal(x.amount_fen), x.detail)
        for x in summary.exceptions
    ]  # fmt: skip
    day = f"{summary.exceptions_as_of:%Y-%m-%d}"
    note = _t(
        lang,
        f"按 {day} 判断。相关日期：A类逾期与流失预警为上次有效拜访，投诉为受理日，"
        "本周流失为流失日，"
        "货款逾期为最早逾期到期日；金额：货款逾期为逾期金额，流失预警为近期订货额",
        f"Judged on {day}. Date: the last effective visit (overdue A, churn), the day "
        "received (complaint), the day lost, the oldest overdue due date (payment); "
        "amount: money overdue (payment), recent orders (churn)",
    )
    return SheetSpec(EXCEPTIONS_SHEET, _t(lang, "异常客户处理", "Exception customers"),
                     columns, rows, note)  # fmt: skip


def expenses(summary: WeeklySummary) -> SheetSpec:
    lang = summary.lang
    columns: tuple[Column, ...] = (
        ("日期", "Date", DATE, 11), ("销售员", "Rep", None, 10),
        ("日报状态", "Report status", None, 9), ("费用", "Expenses", MONEY, 12),
        ("费用说明", "Note", None, 36),
    )  # fmt: skip
    rows = [
        (e.report_date, e.rep_name, e.report_status, fen_to_decimal(e.expenses_fen),
         e.note or "")
        for e in summary.expenses
    ]  # fmt: skip
    note = _t(lang, "本周日报中填报的费用（各状态均列出，合计见汇总表“费用”列）",
              "Expenses entered on the week's daily reports, whatever their status (the "
              "summary's Expenses column totals them)")  # fmt: skip
    return SheetSpec(EXPENSES_SHEET, _t(lang, "费用", "Expenses"), columns, rows, note)


def next_targets(summary: WeeklySummary) -> SheetSpec:
    lang = summary.lang
    columns: tuple[Column, ...] = (
        ("销售员", "Rep", None, 10), ("销售目标", "Sales target", MONEY, 12),
        ("回款目标", "Collection target", MONEY, 12), ("拜访目标", "Visits target", COUNT, 7),
        ("新客户目标", "New customers target", COUNT, 7), ("计划天数", "Days planned", COUNT, 7),
        ("计划拜访", "Visits planned", COUNT, 7), ("计划客户数", "Customers planned", COUNT, 7),
    )  # fmt: skip
    rows = [
        (t.rep_name, _yuan(t.sales_target_fen), _yuan(t.collection_target_fen),
         _count(t.visits_target), _count(t.new_customers_target), t.plan_days,
         t.planned_visits, t.planned_customers)
        for t in summary.next_targets
    ]  # fmt: skip
    span = f"{summary.next_start:%Y-%m-%d} – {summary.next_end:%Y-%m-%d}"
    note = _t(lang, f"下周（{span}）目标按天折算；“—”表示未设目标；计划明细见“下周计划”表",
              f"Next week ({span}): targets pro-rated by day; \"—\" means no target; the "
              "plans are on the Next week sheet")  # fmt: skip
    return SheetSpec(NEXT_TARGETS_SHEET, _t(lang, "下周目标与计划", "Next week's targets"),
                     columns, rows, note)  # fmt: skip

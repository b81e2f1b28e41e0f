"""The aging report of money owed 应收账款账龄表 as a native .xlsx (issue 16).

Sheets: 账龄 Aging (one row per customer: balance, the four aging buckets, overdue money,
the oldest overdue due date, credit limit and whether the balance passes it, and a total
row) and 未结明细 Open items (each debt still open after FIFO settlement, with its
document and due dates, age and bucket). Money is written in yuan as exact Decimals
(fen ÷ 100) under a ¥ format; headers are Chinese and English, as in the weekly summary.

Written with XlsxWriter like the other exports, through config/atomic_file.py: an error
leaves no half-written file and an older file of the same name untouched. Fed plain
data (the domain's Aging per customer); the service collects it (services/receivables).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter

from crm_desktop.config.atomic_file import atomic_target
from crm_desktop.domain.money import fen_to_decimal
from crm_desktop.domain.receivables import Aging, Bucket, bucket_of
from crm_desktop.export.errors import file_error

MONEY = '"¥"#,##0.00;-"¥"#,##0.00;"-"'
DATE = "yyyy-mm-dd"
AGING_SHEET = "账龄 Aging"
ITEMS_SHEET = "未结明细 Open items"
HEADER_ROW = 4  # as Excel numbers rows: title, subtitle, blank, headers
FIRST_ROW = HEADER_ROW + 1
_FONT = "Microsoft YaHei"
_HEAD_FILL, _GRID, _TOTAL_FILL, _ALERT = "#1F4E78", "#BFBFBF", "#DDEBF7", "#C00000"


@dataclass(frozen=True)
class AgingLine:
    """One customer of the report."""

    customer_name: str
    owner_name: str
    credit_limit_fen: int | None
    aging: Aging


def _yes(flag: bool, lang: str) -> str:
    if lang.startswith("en"):
        return "Yes" if flag else ""
    return "是" if flag else ""


AGING_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("客户", "Customer", 30),
    ("负责人", "Owner", 12),
    ("应收余额", "Balance", 14),
    *((b.label("zh_CN"), b.label("en"), 13) for b in Bucket),
    ("逾期金额", "Overdue", 14),
    ("最早逾期到期日", "Oldest overdue due date", 14),
    ("信用额度", "Credit limit", 14),
    ("超出额度", "Over limit", 9),
)
ITEM_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("客户", "Customer", 30),
    ("负责人", "Owner", 12),
    ("单据日期", "Document date", 12),
    ("到期日", "Due date", 12),
    ("账龄（天）", "Age (days)", 10),
    ("账龄段", "Bucket", 11),
    ("未收金额", "Open amount", 14),
    ("已逾期", "Overdue", 8),
)


def write_receivables_workbook(
    lines: Sequence[AgingLine], as_of: dt.date, scope_label: str, path: Path, lang: str = "zh_CN"
) -> Path:
    """Write the aging report to `path` (replacing it); returns the path."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_target(path) as temporary:
            book = xlsxwriter.Workbook(str(temporary), {"strings_to_numbers": False})
            formats = _Formats(book)
            _aging_sheet(book.add_worksheet(AGING_SHEET), formats, lines, as_of, scope_label, lang)
            _items_sheet(book.add_worksheet(ITEMS_SHEET), formats, lines, as_of, lang)
            book.close()  # the only moment XlsxWriter writes the file
    except OSError as error:
        raise file_error(error, path) from error
    return path


class _Formats:
    def __init__(self, book: Any) -> None:
        base = {"font_name": _FONT, "font_size": 10}
        cell = {**base, "border": 1, "border_color": _GRID}
        total = {**cell, "bold": True, "bg_color": _TOTAL_FILL}
        self.title = book.add_format({**base, "font_size": 14, "bold": True})
        self.subtitle = book.add_format({**base, "font_size": 9, "font_color": "#595959"})
        self.head = book.add_format({
            **base, "bold": True, "font_color": "#FFFFFF", "bg_color": _HEAD_FILL,
            "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1,
        })  # fmt: skip
        self.text = book.add_format(cell)
        self.money = book.add_format({**cell, "num_format": MONEY})
        self.date = book.add_format({**cell, "num_format": DATE})
        self.count = book.add_format({**cell, "num_format": "0"})
        self.alert = book.add_format({**cell, "font_color": _ALERT, "bold": True})
        self.total_text = book.add_format(total)
        self.total_money = book.add_format({**total, "num_format": MONEY})


def _header(sheet: Any, f: _Formats, columns: Sequence[tuple[str, str, int]]) -> None:
    for index, (zh, en, width) in enumerate(columns):
        sheet.write(HEADER_ROW - 1, index, f"{zh}\n{en}", f.head)
        sheet.set_column(index, index, width)
    sheet.set_row(HEADER_ROW - 1, 30)
    sheet.freeze_panes(HEADER_ROW, 1)


def _money_cell(sheet: Any, row: int, col: int, fen: int | None, fmt: Any, f: _Formats) -> None:
    if fen is None:
        sheet.write_blank(row, col, None, f.text)
    else:
        sheet.write_number(row, col, fen_to_decimal(fen), fmt)


def _aging_sheet(
    sheet: Any,
    f: _Formats,
    lines: Sequence[AgingLine],
    as_of: dt.date,
    scope_label: str,
    lang: str,
) -> None:
    en = lang.startswith("en")
    sheet.write(0, 0, "Receivables aging report" if en else "应收账款账龄表", f.title)
    sheet.write(
        1,
        0,
        f"As of {as_of.isoformat()} · {scope_label} · aged by document date; collections "
        "settle the oldest debts first"
        if en
        else f"截至 {as_of.isoformat()} · {scope_label} · 按单据日期计算账龄，回款先冲抵最早的欠款",
        f.subtitle,
    )
    _header(sheet, f, AGING_COLUMNS)
    row = HEADER_ROW
    for line in lines:
        a = line.aging
        sheet.write_string(row, 0, line.customer_name, f.text)
        sheet.write_string(row, 1, line.owner_name, f.text)
        _money_cell(sheet, row, 2, a.balance_fen, f.money, f)
        for i, amount in enumerate(a.buckets):
            _money_cell(sheet, row, 3 + i, amount, f.money, f)
        _money_cell(sheet, row, 7, a.overdue_fen, f.money, f)
        if a.oldest_overdue_due is None:
            sheet.write_blank(row, 8, None, f.text)
        else:
            sheet.write_datetime(row, 8, _as_datetime(a.oldest_overdue_due), f.date)
        _money_cell(sheet, row, 9, line.credit_limit_fen, f.money, f)
        over = line.credit_limit_fen is not None and a.balance_fen > line.credit_limit_fen
        sheet.write_string(row, 10, _yes(over, lang), f.alert)
        row += 1
    sheet.write_string(row, 0, "合计 Total", f.total_text)
    sheet.write_blank(row, 1, None, f.total_text)
    totals = [
        sum(line.aging.balance_fen for line in lines),
        *(sum(line.aging.buckets[i] for line in lines) for i in range(4)),
        sum(line.aging.overdue_fen for line in lines),
    ]
    for i, amount in enumerate(totals):
        sheet.write_number(row, 2 + i, fen_to_decimal(amount), f.total_money)
    if lines:
        sheet.autofilter(HEADER_ROW - 1, 0, row - 1, len(AGING_COLUMNS) - 1)


def _items_sheet(
    sheet: Any, f: _Formats, lines: Sequence[AgingLine], as_of: dt.date, lang: str
) -> None:
    en = lang.startswith("en")
    sheet.write(0, 0, "Open items" if en else "未结明细", f.title)
    sheet.write(
        1,
        0,
        f"As of {as_of.isoformat()}: every debt still open after collections"
        if en
        else f"截至 {as_of.isoformat()}：回款冲抵后仍未收回的每一笔欠款",
        f.subtitle,
    )
    _header(sheet, f, ITEM_COLUMNS)
    row = HEADER_ROW
    for line in lines:
        for item in line.aging.open_items:
            days = (as_of - item.entry_date).days
            overdue = item.due_on < as_of
            sheet.write_string(row, 0, line.customer_name, f.text)
            sheet.write_string(row, 1, line.owner_name, f.text)
            sheet.write_datetime(row, 2, _as_datetime(item.entry_date), f.date)
            sheet.write_datetime(row, 3, _as_datetime(item.due_on), f.date)
            sheet.write_number(row, 4, days, f.count)
            sheet.write_string(row, 5, bucket_of(days).label(lang), f.text)
            sheet.write_number(row, 6, fen_to_decimal(item.open_fen), f.money)
            sheet.write_string(row, 7, _yes(overdue, lang), f.alert)
            row += 1
    if row > HEADER_ROW:
        sheet.autofilter(HEADER_ROW - 1, 0, row - 1, len(ITEM_COLUMNS) - 1)


def _as_datetime(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)

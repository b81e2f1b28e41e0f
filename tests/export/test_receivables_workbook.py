"""The aging report .xlsx read back with openpyxl: every figure equals an independent SQL
reading of the store, the open items add up to the buckets, and a failed write leaves
nothing behind."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from receivable_data import build_ledgers, independent_figures

from crm_desktop.export.errors import ExportFileError
from crm_desktop.export.receivables_workbook import AGING_SHEET, FIRST_ROW, ITEMS_SHEET
from crm_desktop.services.container import Services
from crm_desktop.services.receivables.export import export_receivables

DAY = dt.date(2026, 11, 23)


def fen(value: object) -> int:
    """A ¥ cell back in fen (blank is no value)."""
    if value is None:
        return -1
    return int(Decimal(str(value)) * 100)


def test_every_figure_equals_the_store_read_in_sql(services: Services, tmp_path: Path) -> None:
    build_ledgers(services, tmp_path)
    out = tmp_path / "out" / "aging.xlsx"
    report = export_receivables(services.store, services.user, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [AGING_SHEET, ITEMS_SHEET]
    sheet = book[AGING_SHEET]
    assert "2026-11-23" in str(sheet["A2"].value)
    expected = independent_figures(services.store, DAY)
    rows = list(sheet.iter_rows(min_row=FIRST_ROW, values_only=True))
    body, total = rows[:-1], rows[-1]
    assert len(body) == len(expected) == len(report.rows) == 3
    for row in body:
        name = str(row[0])
        balance, *buckets, overdue, limit = expected.pop(name)
        assert [fen(v) for v in row[2:8]] == [balance, *buckets, overdue], name
        assert fen(row[9]) == limit
        assert (row[10] == "是") == (limit >= 0 and balance > limit)
        assert (row[8] is None) == (overdue == 0)
    assert expected == {}
    assert total[0] == "合计 Total"
    for column in range(2, 8):
        assert fen(total[column]) == sum(fen(row[column]) for row in body)
    # The open items add up to each customer's four buckets.
    items = list(book[ITEMS_SHEET].iter_rows(min_row=FIRST_ROW, values_only=True))
    assert items
    for row in body:
        mine = [i for i in items if i[0] == row[0]]
        assert sum(fen(i[6]) for i in mine) == sum(fen(v) for v in row[3:7])
        assert sum(fen(i[6]) for i in mine if i[7] == "是") == fen(row[7])
        for item in mine:
            assert item[4] == (DAY - item[2].date()).days


def test_english_labels_and_an_empty_scope(services: Services, tmp_path: Path) -> None:
    out = tmp_path / "empty.xlsx"
    report = export_receivables(services.store, services.user, out, "en")
    assert report.rows == []
    sheet = openpyxl.load_workbook(out)[AGING_SHEET]
    assert sheet["A1"].value == "Receivables aging report"
    assert fen(sheet.cell(FIRST_ROW, 3).value) == 0


def test_an_unwritable_target_leaves_no_file(services: Services, tmp_path: Path) -> None:
    with pytest.raises(ExportFileError) as raised:
        export_receivables(services.store, services.user, tmp_path)  # a folder
    assert "文件夹" in raised.value.message_zh
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]

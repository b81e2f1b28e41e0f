"""`crm-desktop export-receivables` in a subprocess: the file's figures equal the store's
read in SQL, and bad input is refused in plain words."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from fixed_time import fixed_clock
from receivable_data import build_ledgers, independent_figures

from crm_desktop.export.receivables_workbook import AGING_SHEET, FIRST_ROW
from crm_desktop.services.container import Services
from crm_desktop.store.database import open_store

pytestmark = pytest.mark.slow
DAY = "2026-11-23"  # the fixed clock's day the ledgers were built on


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("CRM_DESKTOP_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "crm_desktop", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=240, check=False,
    )  # fmt: skip


def test_the_aging_report_of_the_users_scope(tmp_path: Path) -> None:
    data = tmp_path / "data"
    services = Services.open(data, clock=fixed_clock())
    try:
        build_ledgers(services, tmp_path)
    finally:
        services.close()
    out = tmp_path / "aging.xlsx"
    result = run("export-receivables", "--data-dir", data, "-o", out, "--as-of", DAY)
    assert result.returncode == 0, result.stderr
    assert "3 个客户" in result.stdout and "应收账款账龄表" in result.stdout
    store = open_store(data, clock=fixed_clock())
    try:
        expected = independent_figures(store, dt.date.fromisoformat(DAY))
    finally:
        store.close()
    sheet = openpyxl.load_workbook(out)[AGING_SHEET]
    assert DAY in str(sheet["A2"].value) and DAY in result.stdout  # the day asked for
    for row in sheet.iter_rows(min_row=FIRST_ROW, values_only=True):
        if row[0] == "合计 Total":
            break
        balance, *buckets, overdue, _limit = expected.pop(str(row[0]))
        figures = [int(Decimal(str(v)) * 100) for v in row[2:8]]
        assert figures == [balance, *buckets, overdue]
    assert expected == {}
    english = run("export-receivables", "--data-dir", data, "-o", out, "--as-of", DAY,
                  "--lang", "en")  # fmt: skip
    assert english.returncode == 0 and "3 customers" in english.stdout


def test_a_bad_date_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    result = run("export-receivables", "--data-dir", tmp_path / "data", "-o", out,
                 "--as-of", "30/11/2026")  # fmt: skip
    assert result.returncode == 2
    assert "不是有效日期" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []

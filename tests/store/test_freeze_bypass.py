"""A signed report stays signed even against SQL that sidesteps the row triggers.

SQLite's REPLACE deletes the row it collides with without firing delete triggers, so an
`INSERT OR REPLACE` from a script (sqlite3 on the laptop's file) rewrote a signed report.
Each bypass is tried for real through a plain sqlite3 connection on the store's file.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from crm_desktop.store.database import DB_FILENAME, Store, open_store
from crm_desktop.store.models import Customer, DailyReport, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork

DAY = dt.date(2026, 11, 20)
FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_REPORT = "0190a5f0-0000-7000-8000-000000000400"
FIXTURE_VISIT = "0190a5f0-0000-7000-8000-000000000401"


def _signed_report(store: Store) -> tuple[str, str, str, str]:
    """A signed report with a visit, and a draft report of the next day with a visit."""
    with UnitOfWork(store, "rep") as uow:
        customer = Customer(name="华联超市", owner_id="rep", name_key="华联超市")
        report = DailyReport(owner_id="rep", report_date=DAY, status="submitted")
        draft = DailyReport(owner_id="rep", report_date=DAY + dt.timedelta(days=1))
        uow.session.add_all([customer, report, draft])
        uow.session.flush()
        visit = VisitRecord(report_id=report.id, customer_id=customer.id, visit_date=DAY)
        other = VisitRecord(report_id=draft.id, customer_id=customer.id, visit_date=DAY)
        uow.session.add_all([visit, other])
        uow.commit()
    with UnitOfWork(store, "boss") as uow:
        row = uow.session.get(DailyReport, report.id)
        assert row is not None
        row.status = "signed"
        uow.commit()
    return report.id, visit.id, draft.id, other.id


def _row(conn: sqlite3.Connection, table: str, row_id: str) -> dict[str, Any]:
    conn.row_factory = sqlite3.Row
    found = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
    conn.row_factory = None
    assert found is not None
    return dict(found)


def _replace_sql(table: str, row: dict[str, Any]) -> tuple[str, tuple[Any, ...]]:
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    return f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({marks})", tuple(row.values())


BYPASSES = [
    "insert_or_replace_report",
    "replace_report_by_unique_key",
    "insert_or_replace_visit",
    "update_or_replace_report_id",
    "update_or_replace_report_date",
    "update_or_replace_visit_id",
]


def _attempt(conn: sqlite3.Connection, bypass: str, ids: tuple[str, str, str, str]) -> None:
    rid, vid, draft, other = ids
    if bypass == "insert_or_replace_report":
        row = {**_row(conn, "daily_reports", rid), "status": "draft", "reflections": "改过"}
        conn.execute(*_replace_sql("daily_reports", row))
    elif bypass == "replace_report_by_unique_key":
        # A new id, but the signed report's (owner, day): REPLACE would delete it.
        row = {**_row(conn, "daily_reports", rid), "id": "new-report", "status": "draft"}
        conn.execute(*_replace_sql("daily_reports", row))
    elif bypass == "insert_or_replace_visit":
        row = {**_row(conn, "visit_records", vid), "report_id": draft, "order_amount_fen": 999}
        conn.execute(*_replace_sql("visit_records", row))
    elif bypass == "update_or_replace_report_id":
        conn.execute("UPDATE OR REPLACE daily_reports SET id = ? WHERE id = ?", (rid, draft))
    elif bypass == "update_or_replace_report_date":
        conn.execute(
            "UPDATE OR REPLACE daily_reports SET report_date = ? WHERE id = ?",
            (DAY.isoformat(), draft),
        )
    elif bypass == "update_or_replace_visit_id":
        conn.execute("UPDATE OR REPLACE visit_records SET id = ? WHERE id = ?", (vid, other))
    else:  # pragma: no cover
        raise AssertionError(bypass)


@pytest.mark.parametrize("bypass", BYPASSES)
def test_replace_cannot_rewrite_a_signed_report(store: Store, bypass: str) -> None:
    ids = _signed_report(store)
    rid, vid, _draft, _other = ids
    conn = sqlite3.connect(store.path)
    try:
        before = (_row(conn, "daily_reports", rid), _row(conn, "visit_records", vid))
        with pytest.raises(sqlite3.IntegrityError, match="frozen_report"), conn:
            _attempt(conn, bypass, ids)
        assert (_row(conn, "daily_reports", rid), _row(conn, "visit_records", vid)) == before
    finally:
        conn.close()


def test_draft_reports_are_still_replaceable(store: Store) -> None:
    """The guard is about signed rows only: REPLACE of an unsigned row works as before."""
    _rid, _vid, draft, _other = _signed_report(store)
    conn = sqlite3.connect(store.path)
    try:
        with conn:
            row = {**_row(conn, "daily_reports", draft), "reflections": "可以改"}
            conn.execute(*_replace_sql("daily_reports", row))
        assert _row(conn, "daily_reports", draft)["reflections"] == "可以改"
    finally:
        conn.close()


def test_an_upgraded_store_gets_the_guard(tmp_path: Path) -> None:
    """A store made before the guard existed (fixture of revision 0005) is migrated."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(FIXTURES / "store-0005.sqlite3", data_dir / DB_FILENAME)
    open_store(data_dir).close()
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        assert _row(conn, "daily_reports", FIXTURE_REPORT)["status"] == "signed"
        with pytest.raises(sqlite3.IntegrityError, match="frozen_report"), conn:
            row = {**_row(conn, "daily_reports", FIXTURE_REPORT), "status": "draft"}
            conn.execute(*_replace_sql("daily_reports", row))
        with pytest.raises(sqlite3.IntegrityError, match="frozen_report"), conn:
            row = {**_row(conn, "visit_records", FIXTURE_VISIT), "order_amount_fen": 1}
            conn.execute(*_replace_sql("visit_records", row))
        assert _row(conn, "daily_reports", FIXTURE_REPORT)["status"] == "signed"
    finally:
        conn.close()

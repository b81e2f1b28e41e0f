"""The server's freeze holds against SQL that sidesteps its row triggers.

SQLite server: REPLACE deleted a signed report without firing its delete trigger.
PostgreSQL: TRUNCATE fires no row trigger. Each is tried for real in raw SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError
from sync_helpers import Api, create_org
from test_sync_policy import signed_report

from crm_desktop.sync.server.db import MIGRATIONS_DIR, make_engine, upgrade
from crm_desktop.sync.server.triggers import ALLOW_TRUNCATE


def _row(conn: Connection, table: str, row_id: str) -> dict[str, Any]:
    found = conn.execute(text(f"SELECT * FROM {table} WHERE id = :id"), {"id": row_id})
    return dict(found.mappings().one())


def _snapshot(engine: Engine, rid: str, vid: str) -> tuple[dict[str, Any], dict[str, Any]]:
    with engine.connect() as conn:
        return _row(conn, "daily_reports", rid), _row(conn, "visit_records", vid)


def _replace(conn: Connection, table: str, row: dict[str, Any]) -> None:
    names = ", ".join(row)
    marks = ", ".join(f":{name}" for name in row)
    conn.execute(text(f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({marks})"), row)


SQLITE_BYPASSES = [
    "insert_or_replace_report",
    "replace_report_by_unique_key",
    "insert_or_replace_visit",
    "insert_or_replace_visit_elsewhere",
    "update_or_replace_report_date",
]


@pytest.mark.parametrize("bypass", SQLITE_BYPASSES)
def test_sqlite_server_refuses_replace_of_a_signed_report(
    api: Callable[[str], Api], server_engine: Engine, db_url: str, bypass: str
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("REPLACE is SQLite's")
    rid, vid, _cid = signed_report(api("rep1"), api("sup"))
    before = _snapshot(server_engine, rid, vid)
    with pytest.raises(DBAPIError, match="frozen_report"), server_engine.begin() as conn:
        report, visit = before
        if bypass == "insert_or_replace_report":
            _replace(conn, "daily_reports", {**report, "status": "draft", "reflections": "x"})
        elif bypass == "replace_report_by_unique_key":
            _replace(conn, "daily_reports", {**report, "id": "other", "status": "draft"})
        elif bypass == "insert_or_replace_visit":
            _replace(conn, "visit_records", {**visit, "order_amount_fen": 1})
        elif bypass == "insert_or_replace_visit_elsewhere":
            # Moved to another report: the insert trigger on report_id alone let it by.
            _replace(conn, "visit_records", {**visit, "report_id": "another-report"})
        else:
            other = {**report, "id": "other", "status": "draft", "report_date": "2026-01-01"}
            conn.execute(
                text(
                    "INSERT INTO daily_reports ("
                    + ", ".join(other)
                    + ") VALUES ("
                    + ", ".join(f":{n}" for n in other)
                    + ")"
                ),
                other,
            )
            conn.execute(
                text("UPDATE OR REPLACE daily_reports SET report_date = :day WHERE id = 'other'"),
                {"day": report["report_date"]},
            )
    assert _snapshot(server_engine, rid, vid) == before


@pytest.mark.parametrize(
    "statement",
    ["TRUNCATE visit_records", "TRUNCATE daily_reports", "TRUNCATE daily_reports, visit_records"],
)
def test_postgres_server_refuses_truncate_while_a_report_is_signed(
    api: Callable[[str], Api], server_engine: Engine, db_url: str, statement: str
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("TRUNCATE is PostgreSQL's")
    rid, vid, _cid = signed_report(api("rep1"), api("sup"))
    before = _snapshot(server_engine, rid, vid)
    with pytest.raises(DBAPIError, match="frozen_report"), server_engine.begin() as conn:
        conn.execute(text(statement))
    assert _snapshot(server_engine, rid, vid) == before
    # A deliberate reset says so in its own transaction (the simulation test's reset).
    with server_engine.begin() as conn:
        conn.execute(text(ALLOW_TRUNCATE))
        conn.execute(text(statement))
    # ... and only in it: the next transaction is guarded again.
    with server_engine.connect() as conn:
        remaining = conn.execute(text("SELECT count(*) FROM daily_reports")).scalar_one()
    if remaining:
        with pytest.raises(DBAPIError, match="frozen_report"), server_engine.begin() as conn:
            conn.execute(text(statement))


def test_an_upgraded_server_gets_the_guards(db_url: str) -> None:
    """A server database at s0004 (before the guards) gets them from the upgrade."""
    engine = make_engine(db_url)
    try:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["engine"] = engine
        command.upgrade(config, "s0004_device_wipe")
        with engine.connect() as conn:
            before = _guard_names(conn)
        upgrade(engine)
        with engine.connect() as conn:
            after = _guard_names(conn)
        assert before == set()
        if engine.dialect.name == "postgresql":
            assert after == {"daily_reports_frozen_truncate", "visit_records_frozen_truncate"}
        else:
            assert len(after) == 4
        create_org(engine)  # the upgraded database still works
    finally:
        engine.dispose()


def _guard_names(conn: Connection) -> set[str]:
    if conn.dialect.name == "postgresql":
        query = (
            "SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace AND tgname LIKE '%truncate'"
        )
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%replace%'"
    return {r[0] for r in conn.execute(text(query))}

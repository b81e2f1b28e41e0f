"""Re-download support: wipe what came from the server, and the checksum drift check."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Connection, text

from crm_desktop.store.database import Store
from crm_desktop.sync import protocol as p
from crm_desktop.sync.client import local
from crm_desktop.sync.client.transport import Transport
from crm_desktop.sync.content import CHECKSUM_COLUMNS, set_checksum
from crm_desktop.sync.entities import ENTITY_TABLES


def wipe_server_rows(conn: Connection) -> None:
    """Delete every row the server ever sent (version > 0); local-only rows stay."""
    report_ids = [r[0] for r in conn.execute(text("SELECT id FROM daily_reports"))]
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO report_reopen_grants (report_id) VALUES (?)",
        [(r,) for r in report_ids],
    ) if report_ids else None
    for table in ENTITY_TABLES.values():
        conn.execute(text(f"DELETE FROM {table.name} WHERE version > 0"))
    conn.execute(text("DELETE FROM report_reopen_grants"))


def local_checksums(conn: Connection) -> dict[str, tuple[int, str]]:
    """Per entity: the checksum of the rows that came from the server, content included.

    Raw rows, as the file stores them, are what the checksum hashes (content.stored_form)."""
    sums = {}
    cursor = conn.connection.cursor()  # the driver's plain tuples, no Row objects
    try:
        for entity, table in ENTITY_TABLES.items():
            columns = ", ".join(CHECKSUM_COLUMNS[entity])
            cursor.execute(f"SELECT {columns} FROM {table.name} WHERE deleted = 0 AND version > 0")
            # sqlite3's cursor iterates its rows as tuples (PEP 249 leaves it optional).
            sums[entity] = set_checksum(cast("Iterable[Sequence[Any]]", cursor))
    finally:
        cursor.close()
    return sums


def checksum_matches(store: Store, transport: Transport) -> bool:
    """Compare the server's scoped checksum with ours, when both stand at the same seq."""
    answer = transport.call(
        "GET", p.CHECKSUM_PATH, p.ChecksumResponse, params={"form": p.CHECKSUM_CONTENT}
    )
    with store.engine.connect() as conn:
        cursor = int(local.get_meta(conn, local.CURSOR) or "0")
        pending = conn.execute(text("SELECT count(*) FROM outbox")).scalar_one()
        if cursor != answer.upto_seq or pending:
            return True  # the server moved on, or edits are in flight: nothing to compare
        mine = local_checksums(conn)
    return all(
        mine.get(entity, (0, f"{0:016x}")) == (theirs.count, theirs.hash)
        for entity, theirs in answer.entities.items()
    )

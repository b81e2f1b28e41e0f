"""The laptop store as the sync engine sees it: sync_meta keys and the apply connection.

Applying the server's feed goes through Core on a connection whose session has no
outbox flag (so nothing echoes back) and with foreign keys off: a laptop holds only its
user's slice of the data, so a visit may legitimately point at a customer that was
handed to someone else.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table, delete, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from crm_desktop.store.database import Store
from crm_desktop.store.errors import user_errors
from crm_desktop.store.models import ConflictEntry, OutboxEntry, SyncMeta

META: Table = SyncMeta.__table__  # type: ignore[assignment]
OUTBOX: Table = OutboxEntry.__table__  # type: ignore[assignment]
CONFLICTS: Table = ConflictEntry.__table__  # type: ignore[assignment]

# sync_meta keys
USER_ID = "user_id"  # the same key services.actor reads
USERNAME = "username"
DEVICE_ID = "device_id"
CURSOR = "last_pulled_seq"
SERVER_URL = "server_url"
EPOCH = "epoch"
TOKEN = "token"
TOKEN_EXPIRES = "token_expires"
LAST_SYNC = "last_sync_at"
ROLE = "role"
REVOKED = "device_revoked"  # an admin revoked this laptop; set until a handshake succeeds


def get_meta(conn: Connection, key: str) -> str | None:
    value = conn.execute(select(META.c.value).where(META.c.key == key)).scalar()
    return None if value is None else str(value)


def set_meta(conn: Connection, key: str, value: str | None) -> None:
    if value is None:
        conn.execute(delete(META).where(META.c.key == key))
        return
    stmt = sqlite_insert(META).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def read_meta(store: Store) -> dict[str, str]:
    with user_errors(), store.engine.connect() as conn:
        return {str(k): str(v) for k, v in conn.execute(select(META.c.key, META.c.value))}


def write_meta(store: Store, values: dict[str, str | None]) -> None:
    with applying(store) as conn:
        for key, value in values.items():
            set_meta(conn, key, value)


@contextmanager
def applying(store: Store) -> Iterator[Connection]:
    """One write transaction (BEGIN IMMEDIATE) with foreign keys off, for applying the feed."""
    engine = store.engine.execution_options(sqlite_begin="IMMEDIATE")
    with user_errors(), engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        # PRAGMA foreign_keys is ignored inside a transaction: set it before BEGIN.
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                yield conn
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def upsert_conflict(conn: Connection, record: dict[str, Any]) -> None:
    """Mirror one of the user's conflicts into the local inbox (id is the server's)."""
    values = {
        "id": record["id"],
        "entity": record["entity"],
        "row_id": record["row_id"],
        "kind": record["kind"],
        "client_payload": json.dumps(record["client_payload"], ensure_ascii=False),
        "server_snapshot": None
        if record.get("server_snapshot") is None
        else json.dumps(record["server_snapshot"], ensure_ascii=False),
        "created_at": _storage_datetime(record["created_at"]),
        "resolved": 1 if record.get("resolved") else 0,
    }
    conn.execute(
        text(
            "INSERT INTO conflicts (id, entity, row_id, kind, client_payload, server_snapshot,"
            " created_at, resolved) VALUES (:id, :entity, :row_id, :kind, :client_payload,"
            " :server_snapshot, :created_at, :resolved) ON CONFLICT(id) DO UPDATE SET"
            " resolved = MAX(conflicts.resolved, excluded.resolved)"
        ),
        values,
    )


def _storage_datetime(value: str) -> str:
    """ISO 8601 as SQLAlchemy stores DateTime in SQLite ('YYYY-MM-DD HH:MM:SS.ffffff')."""
    text_value = value.replace("T", " ").rstrip("Z")
    return text_value if len(text_value) > 19 else text_value + ".000000"


storage_datetime = _storage_datetime

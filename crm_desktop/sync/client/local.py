"""The laptop store as the sync engine sees it: sync_meta keys and the apply connection.

Applying the server's feed goes through Core on a connection whose session has no
outbox flag (so nothing echoes back) and with foreign keys off: a laptop holds only its
user's slice of the data, so a visit may legitimately point at a customer that was
handed to someone else.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table, delete, func, select, text
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
# Where the device identity was made: this machine and this store file. A store found
# elsewhere (copied to another folder or laptop) or restored from a backup (the restore
# writes RESTORED here) takes a new device identity, see `claim_identity`.
HOME = "store_home"
RESTORED = "restored"
# JSON [[device id, last mutation id], ...]: earlier identities of this store and the
# highest mutation id each had handed out; entries up to it still go out under it.
INHERITED = "inherited_devices"


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


# --- device identity and mutation ids (SYNC.md "Device identity is never reused") -------


def store_home(store: Store) -> str:
    """This machine and this store file: a copy of the folder anywhere else differs."""
    return f"{platform.node()}|{store.path.resolve()}"


def claim_identity(store: Store) -> None:
    """Before a handshake: a store that moved (copied elsewhere, restored) takes a new
    device identity, because the device id it holds may be sending edits of its own
    from the original under the same mutation ids. What the store queued before it
    moved still goes out under the old id, so the server recognises what it already has.
    """
    home = store_home(store)
    with applying(store) as conn:
        recorded = get_meta(conn, HOME)
        device = get_meta(conn, DEVICE_ID)
        # No record: a store from before this rule, or never synced; it starts here.
        if device is not None and recorded not in (None, home):
            pairs = inherited(conn)
            upto = last_mutation_id(conn)
            if upto > (pairs[-1][1] if pairs else 0):
                set_meta(conn, INHERITED, json.dumps([*pairs, (device, upto)]))
            set_meta(conn, DEVICE_ID, None)
        set_meta(conn, HOME, home)


def inherited(conn: Connection) -> list[tuple[str, int]]:
    """Earlier identities of the store, oldest first: (device id, its last mutation id)."""
    raw = get_meta(conn, INHERITED)
    return [(str(d), int(u)) for d, u in json.loads(raw)] if raw else []


def forget_inherited(conn: Connection) -> None:
    """Drop the earlier identities that have nothing left in the outbox."""
    pairs = inherited(conn)
    oldest = conn.execute(select(func.min(OUTBOX.c.mutation_id))).scalar()
    keep = [(d, u) for d, u in pairs if oldest is not None and u >= oldest]
    if keep != pairs:
        set_meta(conn, INHERITED, json.dumps(keep) if keep else None)


def last_mutation_id(conn: Connection) -> int:
    """The highest mutation id this store has handed out (AUTOINCREMENT's sequence)."""
    return int(
        conn.exec_driver_sql(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0),"
            " coalesce((SELECT max(mutation_id) FROM outbox), 0))"
        ).scalar_one()
    )


def reserve_mutation_ids(conn: Connection, upto: int) -> None:
    """Make every mutation id handed out from now on greater than `upto`."""
    if last_mutation_id(conn) >= upto:
        return
    updated = conn.exec_driver_sql(
        "UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'", (upto,)
    ).rowcount
    if not updated:
        conn.exec_driver_sql(
            "INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)", (upto,)
        )


def renumber(conn: Connection, mutation_id: int) -> int:
    """Give an outbox entry a new, never used id (it goes out again, after the others)."""
    fresh = last_mutation_id(conn) + 1
    reserve_mutation_ids(conn, fresh)
    conn.execute(
        OUTBOX.update().where(OUTBOX.c.mutation_id == mutation_id).values(mutation_id=fresh)
    )
    return fresh

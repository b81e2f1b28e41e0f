"""The server's tables: copies of the laptop's synced tables plus server-only bookkeeping.

The synced tables are copied column by column from the laptop's mapped models so both
ends agree on every field; foreign keys are left out on purpose, because the server
must keep tombstones and purge them in any order, and scope (not the database) decides
what a laptop may reference. Laptop-only tables (outbox, sync_meta, search) are absent.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from crm_desktop.store.base import NAMING
from crm_desktop.sync.entities import ENTITY_TABLES

metadata = MetaData(naming_convention=NAMING)


def _copy_synced(source: Table) -> Table:
    columns = [
        Column(
            c.name,
            c.type,
            primary_key=c.primary_key,
            nullable=c.nullable,
            server_default=c.server_default,
            # Python-side defaults too, so a create may leave a field out as on the laptop.
            default=None if c.default is None else c.default.arg,  # type: ignore[attr-defined]
        )
        for c in source.columns
    ]
    uniques = [
        UniqueConstraint(*[c.name for c in constraint.columns])
        for constraint in source.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    table = Table(
        source.name,
        metadata,
        *columns,
        # Which user last wrote each field ({field: user id}), so a last-arrival-wins
        # override can file the loser's value in the loser's inbox. Never sent to clients.
        Column("last_writers", Text, nullable=True),
        *uniques,
    )
    Index(f"ix_{source.name}_server_seq", table.c.server_seq)
    Index(f"ix_{source.name}_owner_seq", table.c.owner_id, table.c.server_seq)
    unique_cols = {
        c.name for u in source.constraints if isinstance(u, UniqueConstraint) for c in u.columns
    }
    for column in source.columns:
        if column.index and column.name not in unique_cols:
            Index(f"ix_{source.name}_{column.name}", table.c[column.name])
    return table


SYNCED: dict[str, Table] = {entity: _copy_synced(t) for entity, t in ENTITY_TABLES.items()}

sync_counter = Table(
    "sync_counter",
    metadata,
    Column("id", Integer, primary_key=True),
    # Last server_seq handed out; taken as the last statement of each write transaction.
    Column("value", BigInteger, nullable=False),
    # Pulls from below this seq get 410: tombstones they would need were purged.
    Column("horizon", BigInteger, nullable=False),
    # Changes when the database is recreated: laptops must then re-download.
    Column("epoch", String(36), nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), nullable=False, index=True),
    Column("last_mutation_id", BigInteger, nullable=False, default=0),
    Column("last_pulled_seq", BigInteger, nullable=False, default=0),
    Column("last_seen", DateTime, nullable=False),
    Column("app_version", String(40), nullable=True),
    Column("client_schema", Integer, nullable=True),
    Column("revoked", Boolean, nullable=False, default=False),
    # With `revoked`: the laptop erases its data at its next contact (a lost laptop).
    Column("wipe", Boolean, nullable=False, default=False, server_default=false()),
    Column("created_at", DateTime, nullable=False),
)

mutation_receipts = Table(
    "mutation_receipts",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("mutation_id", BigInteger, primary_key=True),
    Column("result", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

conflicts = Table(
    "sync_conflicts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("row_id", String(36), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("client_payload", Text, nullable=False),
    Column("server_snapshot", Text, nullable=True),
    Column("created_at", DateTime, nullable=False),
    Column("resolved", Boolean, nullable=False, default=False),
    Column("server_seq", BigInteger, nullable=True),
    Index("ix_sync_conflicts_user_seq", "user_id", "server_seq"),
)

scope_exits = Table(
    "scope_exits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", String(36), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("row_id", String(36), nullable=False),
    Column("server_seq", BigInteger, nullable=True),
    Column("created_at", DateTime, nullable=False),
    Index("ix_scope_exits_user_seq", "user_id", "server_seq"),
)

report_signoffs = Table(
    "report_signoffs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(36), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("snapshot", Text, nullable=False),
    Column("signed_by", String(36), nullable=False),
    Column("signed_at", DateTime, nullable=False),
)

report_reopen_grants = Table(
    "report_reopen_grants",
    metadata,
    Column("report_id", String(36), primary_key=True),
)

credentials = Table(
    "credentials",
    metadata,
    Column("user_id", String(36), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

tokens = Table(
    "auth_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(36), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
)

login_throttle = Table(
    "login_throttle",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_start", DateTime, nullable=False),
    Column("locked_until", DateTime, nullable=True),
)

"""Declarative base and the sync columns every replicated table carries (SYNC.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import BigInteger, Boolean, DateTime, Integer, MetaData, String
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from crm_desktop.domain.clock import Clock, SystemClock
from crm_desktop.domain.ids import uuid7

# Stable constraint names keep Alembic batch migrations on SQLite predictable.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """The machine's now as naive UTC: for the server and tools, whose clock is the machine.

    The laptop's services read `Store.clock` instead, so tests can fix the time.
    """
    return SystemClock().utcnow()


# The engine's execution option that carries the store's clock (database.make_engine).
CLOCK_OPTION = "crm_clock"


def engine_clock(options: Mapping[str, Any]) -> Clock:
    """The clock in an engine's execution options; the machine's for one made without."""
    clock = options.get(CLOCK_OPTION)
    return clock if isinstance(clock, Clock) else SystemClock()


def session_clock(session: Session) -> Clock:
    """The clock of the store a session works on."""
    return engine_clock(session.get_bind().get_execution_options())


def stamp_now(context: DefaultExecutionContext | None) -> dt.datetime:
    """Column default "now": the naive UTC of the clock of the engine running the insert.

    SQLite has no time zones, so everything stored is UTC.
    """
    return engine_clock(context.execution_options if context is not None else {}).utcnow()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Columns of every synced record: client-made UUIDv7 id, scope, version, seq, tombstone.

    `version` and `server_seq` belong to the server: the laptop writes 0 / NULL for a row it
    created and takes the server's values from the pull feed.
    """

    __sync_entity__: str  # the entity name used in outbox mutations and the sync feed

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    owner_id: Mapped[str | None] = mapped_column(String(36), index=True)
    team_id: Mapped[str | None] = mapped_column(String(36), index=True)
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    server_seq: Mapped[int | None] = mapped_column(BigInteger)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=stamp_now)
    created_by: Mapped[str | None] = mapped_column(String(36))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=stamp_now)
    updated_by: Mapped[str | None] = mapped_column(String(36))


# Columns the outbox never sends in a patch: the server owns them or takes them from the
# authenticated user of the request.
SERVER_OWNED = frozenset(
    {"version", "server_seq", "created_at", "updated_at", "created_by", "updated_by"}
)

__all__ = [
    "CLOCK_OPTION",
    "SERVER_OWNED",
    "Base",
    "BigInteger",
    "Boolean",
    "Integer",
    "Synced",
    "stamp_now",
    "utcnow",
]

"""Open the laptop's SQLite store: engine, pragmas, migrations, and environment checks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from crm_desktop.domain.clock import Clock, SystemClock
from crm_desktop.store.base import CLOCK_OPTION
from crm_desktop.store.checkpoint import SAFETY_NET_PAGES, WalCheckpointer
from crm_desktop.store.errors import DatabaseCorrupt, DatabaseUnavailable, user_errors
from crm_desktop.store.migrate import upgrade_to_head
from crm_desktop.store.pinyin import register as register_pinyin

DB_FILENAME = "crm.sqlite3"
BUSY_TIMEOUT_S = 5.0


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Autocommit at the driver level so SQLAlchemy's "begin" hook decides how a
    # transaction starts (DEFERRED for reads, IMMEDIATE for writes).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets the GUI read while a background sync writes; it is persistent in the file,
    # and asking again on each connection costs nothing.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA cache_size = -32000")  # 32 MB page cache per connection
    cursor.execute("PRAGMA temp_store = MEMORY")
    # Ordinary checkpoints run in the background (checkpoint.py), not inside a user's save.
    cursor.execute(f"PRAGMA wal_autocheckpoint = {SAFETY_NET_PAGES}")
    cursor.close()
    # Lists of names sort in pinyin order through `pinyin_key()` (store/pinyin.py).
    register_pinyin(dbapi_connection)


def _on_begin(connection: Any) -> None:
    # Writers take the write lock up front: a deferred transaction that upgrades from
    # read to write can fail with SQLITE_BUSY without waiting, losing the edit.
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(
    path: Path,
    *,
    read_only: bool = False,
    busy_timeout_s: float = BUSY_TIMEOUT_S,
    clock: Clock | None = None,
) -> Engine:
    """An engine on the file at `path` with the store's pragmas; `read_only` opens it ro.

    `busy_timeout_s` is how long a statement waits for another writer's lock before
    failing as locked (tests lower it to see the failure without waiting). `clock` stamps
    the columns that default to "now" (`base.stamp_now` reads it from the statement).
    """
    url = f"sqlite:///file:{path}?mode=ro&uri=true" if read_only else f"sqlite:///{path}"
    engine = create_engine(
        url,
        connect_args={"timeout": busy_timeout_s, "check_same_thread": False},
        execution_options={CLOCK_OPTION: clock or SystemClock()},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


@dataclass
class Store:
    """The open local store. Sessions are made per unit of work and never cross threads."""

    path: Path
    engine: Engine
    read_sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]
    checkpointer: WalCheckpointer | None = None  # None for a read-only store
    # The one source of "now" for everything that works on this store (domain/clock.py).
    clock: Clock = field(default_factory=SystemClock)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A short read-only session; environment errors come out as StoreError."""
        with user_errors(), self.read_sessions() as session:
            yield session

    def close(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self.engine.dispose()


def _check_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database before SQLAlchemy touches it."""
    try:
        if not path.exists() or path.stat().st_size == 0:
            return
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        # An unreadable file (no permission, a folder in its place) is the environment's
        # fault too: a message, not a traceback.
        raise DatabaseUnavailable(f"{path}: {error.strerror}") from error
    if header != b"SQLite format 3\x00":
        raise DatabaseCorrupt()


def open_store(
    data_dir: Path,
    *,
    migrate: bool = True,
    read_only: bool = False,
    busy_timeout_s: float = BUSY_TIMEOUT_S,
    clock: Clock | None = None,
) -> Store:
    """Open (creating if needed) the store in `data_dir`, in WAL mode, migrated to head.

    `read_only` opens an existing store without write access (writes then fail with
    DatabaseReadOnly); `busy_timeout_s` bounds the wait for another writer's lock;
    `clock` is the store's source of "now" (the machine's when not given).
    """
    clock = clock or SystemClock()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseUnavailable(f"{data_dir}: {error.strerror}") from error
    path = data_dir / DB_FILENAME
    _check_file(path)
    engine = make_engine(path, read_only=read_only, busy_timeout_s=busy_timeout_s, clock=clock)
    with user_errors():
        with engine.connect() as conn:
            # Reading the schema catches a damaged file at startup, not at the first edit.
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        if migrate:
            upgrade_to_head(engine)
    write_engine = engine.execution_options(sqlite_begin="IMMEDIATE")
    return Store(
        path=path,
        engine=engine,
        read_sessions=sessionmaker(engine, expire_on_commit=False),
        write_sessions=sessionmaker(write_engine, expire_on_commit=False),
        checkpointer=None if read_only else WalCheckpointer(path).start(),
        clock=clock,
    )

"""The server database: URL resolution, engine setup, migrations, and the seq counter."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

DATABASE_URL_ENV = "CRM_DATABASE_URL"
CONNECTIONS_ENV = "CRM_DB_CONNECTIONS"
# Database connections per worker process, which is also how many requests a worker
# serves at once (see app._lifespan). Four per worker kept two cores busiest; raise it
# when PostgreSQL is on another machine and requests spend longer waiting on it.
DEFAULT_CONNECTIONS = 4
DATA_DIR_ENV = "CRM_SERVER_DATA_DIR"
SQLITE_FILENAME = "crm-server.sqlite3"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def server_data_dir() -> Path:
    """`CRM_SERVER_DATA_DIR` or the platform's per-user data folder for the server."""
    chosen = os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir("CRMServer", "CRMDesktop"))


def resolve_url(url: str | None = None) -> str:
    """`--database-url` beats `CRM_DATABASE_URL` beats the embedded SQLite file."""
    chosen = url or os.environ.get(DATABASE_URL_ENV)
    if not chosen:
        folder = server_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{folder / SQLITE_FILENAME}"
    parsed = make_url(chosen)
    if parsed.drivername in ("postgresql", "postgres"):
        # psycopg 3 is the driver we ship; a plain postgresql:// URL means it.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # Every server transaction may write; taking the lock up front avoids the deadlock
    # of two readers upgrading to writers at once (SQLITE_BUSY without waiting).
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | None = None, *, pool_size: int = DEFAULT_CONNECTIONS) -> Engine:
    """An engine on the server database with a fixed pool of `pool_size` connections;
    SQLite gets WAL and write-locking transactions.

    No overflow connections: SQLAlchemy closes an overflow connection as soon as it is
    returned, so each burst of laptops opened and closed a score of PostgreSQL backends
    (450 in the device bench's 20 bursts, half again the CPU of the pulls themselves).
    """
    resolved = resolve_url(url)
    if resolved.startswith("sqlite"):
        engine = create_engine(
            resolved,
            connect_args={"timeout": 30, "check_same_thread": False},
            pool_size=pool_size,
            max_overflow=0,
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(resolved, pool_size=pool_size, max_overflow=0, pool_pre_ping=True)


def upgrade(engine: Engine) -> None:
    """Bring the server schema to the newest Alembic revision."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    command.upgrade(config, "head")


def take_seqs(conn: Connection, count: int) -> int:
    """Reserve `count` server_seq values; returns the first. Call it last before COMMIT.

    The UPDATE locks the counter row until the transaction ends, so transactions get
    their numbers in the order they commit, and a pull cursor never passes a number
    whose rows are not yet visible.
    """
    value = conn.execute(
        text("UPDATE sync_counter SET value = value + :n WHERE id = 1 RETURNING value"),
        {"n": count},
    ).scalar_one()
    return int(value) - count + 1


def counter(conn: Connection) -> tuple[int, int, str]:
    """(last seq committed, tombstone horizon, epoch)."""
    row = conn.execute(text("SELECT value, horizon, epoch FROM sync_counter WHERE id = 1")).one()
    return int(row[0]), int(row[1]), str(row[2])

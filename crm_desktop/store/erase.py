"""Erase every record of the laptop's store in place: the lost-laptop wipe.

The rows are deleted, then VACUUM rewrites the file so deleted pages do not linger in it,
and the WAL is truncated, since it still holds copies of the pages the deletes changed.
The schema stays, so the app keeps running on an empty store (and a new login can fill
it again). Backups in the data folder hold the same records and go too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from crm_desktop.store.backup import BACKUPS_DIRNAME
from crm_desktop.store.base import Base
from crm_desktop.store.database import Store

GRANTS = "report_reopen_grants"


def erase_local_data(store: Store) -> None:
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                # Signed reports are frozen by trigger; grant them all, and drop the
                # grants last, as the sync reset does.
                conn.execute(text(
                    "INSERT OR IGNORE INTO report_reopen_grants (report_id) "
                    "SELECT id FROM daily_reports"
                ))  # fmt: skip
                tables = [t for t in reversed(Base.metadata.sorted_tables) if t.name != GRANTS]
                for table in [*tables, Base.metadata.tables[GRANTS]]:
                    conn.execute(table.delete())
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
        # Outside any transaction (the driver connection autocommits, database.py).
        raw.execute("VACUUM")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backups = Path(store.path).parent / BACKUPS_DIRNAME
    shutil.rmtree(backups, ignore_errors=True)

"""Copy the write-ahead log back into the database file in the background.

SQLite's automatic checkpoint runs inside the commit that crosses its threshold: that
one save of a daily report waits for the log to be copied and the database file to be
synced. Measured on a store of a million visits: saves took 7 ms, except one in twenty,
which took 20 ms or more. So the store's connections leave the ordinary checkpoints to
this thread, which looks at the log's size every second and, past `threshold_bytes`,
runs a PASSIVE checkpoint on its own connection (it never blocks a reader or a writer).
The connections keep a far higher automatic threshold as a safety net, for bulk writes
(the demo, an import, a first download) that outrun the thread.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

# About 1,000 pages of 4 KB, SQLite's own default threshold.
THRESHOLD_BYTES = 4 * 1024 * 1024
INTERVAL_S = 1.0
# The connections' own (page count): reached only when bulk writes outrun the thread.
SAFETY_NET_PAGES = 25_000


class WalCheckpointer:
    def __init__(
        self,
        path: Path,
        *,
        threshold_bytes: int = THRESHOLD_BYTES,
        interval_s: float = INTERVAL_S,
    ) -> None:
        self.path = path
        self.wal = path.with_name(path.name + "-wal")
        self.threshold_bytes = threshold_bytes
        self.interval_s = interval_s
        self.checkpoints = 0  # how many ran
        # (busy, frames in the log, frames checkpointed) of the last run, as SQLite says.
        self.last: tuple[int, int, int] | None = None
        self.checkpointed = threading.Event()  # set after each run, for whoever waits
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"wal-checkpoint {path.name}", daemon=True
        )

    def start(self) -> WalCheckpointer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def wal_bytes(self) -> int:
        try:
            return self.wal.stat().st_size
        except OSError:
            return 0  # no log yet, or the store is closing

    def checkpoint_if_due(self) -> bool:
        """One PASSIVE checkpoint if the log has grown past the threshold."""
        if self.wal_bytes() < self.threshold_bytes:
            return False
        try:
            conn = sqlite3.connect(self.path, timeout=1.0)
            try:
                busy, log, done = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            return False  # busy or closing: the next round, or the safety net, will do it
        self.last = (int(busy), int(log), int(done))
        self.checkpoints += 1
        self.checkpointed.set()
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.checkpoint_if_due()

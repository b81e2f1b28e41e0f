"""The laptop's drift checksum over 10,000 customers (content form, and the (id, version)
form it replaced), as a figure: `python bench/drift_checksum.py`.

The checksum runs after every sync that pulled something, so its cost is paid often.
Rows are inserted directly with realistic text (the checksum does not care how they
came); the store is a real laptop store in a temporary folder.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from crm_desktop.store.database import open_store
from crm_desktop.sync.client.reset import local_checksums
from crm_desktop.sync.content import id_version_checksum

ROWS = 10_000
RUNS = 7


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder))
        conn = sqlite3.connect(store.path)
        with conn:
            conn.executemany(
                "INSERT INTO customers (id, name, name_key, customer_type, status,"
                " is_key_account, value_class, confidential, owner_id, version, deleted,"
                " created_at, updated_at, address, phone, notes)"
                " VALUES (?, ?, ?, 'enterprise', 'active', 0, 'B', 0, 'rep1', 3, 0,"
                " '2026-11-20 08:00:00.000000', '2026-11-21 09:30:00.123456',"
                " '上海市浦东新区张江路 88 号', '021-55550000', '每周二拜访，关注新品')",
                [(f"c{i:05d}", f"华联超市 {i}", f"华联超市{i}") for i in range(ROWS)],
            )
        conn.close()
        content, pairs = [], []
        with store.engine.connect() as read:
            for _ in range(RUNS):
                started = time.perf_counter()
                sums = local_checksums(read)
                content.append(time.perf_counter() - started)
                assert sums["customer"][0] == ROWS
                started = time.perf_counter()
                rows = read.exec_driver_sql("SELECT id, version FROM customers").all()
                id_version_checksum((r[0], int(r[1])) for r in rows)
                pairs.append(time.perf_counter() - started)
        store.close()
    load = os.getloadavg()[0]
    print(f"drift checksum, {ROWS:,} customers, median of {RUNS} (load {load:.1f}):")
    print(f"  content form (all synced tables): {statistics.median(content) * 1000:.0f} ms")
    print(f"  (id, version) form (customers):   {statistics.median(pairs) * 1000:.0f} ms")


if __name__ == "__main__":
    main()

"""Store revision 0010: a laptop's team policy rows from before the confirm ceiling keep
asking above the built-in 10亿 once upgraded, their other values untouched."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from crm_desktop.services.container import Services
from crm_desktop.store.database import DB_FILENAME

FIXTURE = Path(__file__).parent / "fixtures" / "store-0009.sqlite3"  # the revision before


def test_an_upgraded_laptop_keeps_its_policy_with_the_default_ceiling(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(FIXTURE, data_dir / DB_FILENAME)
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    try:  # a company default row as the 0009 schema held it (synced: version 1)
        with conn:
            conn.execute(
                "INSERT INTO team_policies (id, team_id, report_due_hour, version, created_at,"
                " updated_at) VALUES ('p1', NULL, 18, 1, '2026-11-23 08:00:00.000000',"
                " '2026-11-23 08:00:00.000000')"
            )
    finally:
        conn.close()
    services = Services.open(data_dir)  # migrates to head
    try:
        with services.store.engine.connect() as stored:
            row = stored.exec_driver_sql(
                "SELECT confirm_amount_above_yuan FROM team_policies WHERE id = 'p1'"
            ).one()
        assert row == (1_000_000_000,)
        policy = services.policy.current()
        assert (policy.report_due_hour, policy.confirm_above_fen) == (18, 1_000_000_000_00)
    finally:
        services.close()

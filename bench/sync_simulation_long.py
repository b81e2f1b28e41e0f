"""The long run of the sync simulation: 2,000 examples on SQLite (and 200 on PostgreSQL
when CRM_TEST_POSTGRES_URL is set). Prints pytest's summary; takes about half an hour.

    .venv/bin/python bench/sync_simulation_long.py [examples]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    examples = sys.argv[1] if len(sys.argv) > 1 else "2000"
    os.environ["SYNC_SIM_EXAMPLES"] = examples
    os.environ.setdefault("SYNC_SIM_PG_EXAMPLES", str(max(1, int(examples) // 10)))
    sys.exit(pytest.main([str(ROOT / "tests/sync/test_sync_simulation.py"), "-q", "--timeout=0"]))

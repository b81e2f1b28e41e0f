"""The long run of the sync simulation: 2,000 fresh (not the CI's fixed) examples on
SQLite, and a tenth of that on PostgreSQL when CRM_TEST_POSTGRES_URL is set. Prints
pytest's summary; about 1.5 hours on the shared two-core machine (~2.5 s an example).

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
    os.environ["SYNC_SIM_RANDOM"] = "1"  # new examples each run, unlike CI's fixed ones
    sys.exit(pytest.main([str(ROOT / "tests/sync/test_sync_simulation.py"), "-q", "--timeout=0"]))

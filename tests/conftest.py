"""Shared fixtures: a real SQLite store in a temporary folder, and the services on it."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt runs headless in tests; set before any Qt import. A Qt warning fails the test that
# caused it (pyproject.toml, qt_log_level_fail); the platform plugin's own category
# (qt.qpa: offscreen fonts, screens, window-manager hints) is silenced here because it
# describes the headless platform, not the app.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
# The server's notification sender is a thread that polls the server database on the
# machine's clock (sync/server/notifications/worker.py). Tests that start a server app
# don't want it: it would race the sync simulation's swap of database files and make
# runs depend on the time of day. The tests of the sender turn it on themselves.
os.environ.setdefault("CRM_NOTIFY_WORKER", "0")

from fixed_time import fixed_clock
from hypothesis import settings

from crm_desktop.domain.clock import FixedClock
from crm_desktop.services.container import Services
from crm_desktop.store.database import Store, open_store

# Date-proofing (tools/date_proof.sh): CRM_TEST_MACHINE_NOW moves the machine's clock to
# that wall-clock time (in the zone TZ names) for the whole run, so a test or a piece of
# code that reads the machine's clock instead of the injected one gives itself away.
_MACHINE_NOW = os.environ.get("CRM_TEST_MACHINE_NOW")
if _MACHINE_NOW:
    import time_machine

    time_machine.travel(dt.datetime.fromisoformat(_MACHINE_NOW).astimezone(), tick=True).start()

# CI (CI=true) runs a fixed sequence of Hypothesis examples, so whether a submission lands
# does not hinge on the draw; local runs keep exploring new examples (and the long
# simulation profile in bench/ explores far more).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def clock() -> FixedClock:
    """The clock of the `store` and `services` fixtures (tests/fixed_time.py)."""
    return fixed_clock()


@pytest.fixture
def store(data_dir: Path, clock: FixedClock) -> Iterator[Store]:
    opened = open_store(data_dir, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def services(data_dir: Path, clock: FixedClock) -> Iterator[Services]:
    opened = Services.open(data_dir, clock=clock)
    yield opened
    opened.close()

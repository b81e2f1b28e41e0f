"""Shared fixtures: a real SQLite store in a temporary folder, and the services on it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt runs headless in tests; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from hypothesis import settings

from crm_desktop.services.container import Services
from crm_desktop.store.database import Store, open_store

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
def store(data_dir: Path) -> Iterator[Store]:
    opened = open_store(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    opened = Services.open(data_dir)
    yield opened
    opened.close()

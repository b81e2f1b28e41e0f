"""Sync test fixtures: a server database (SQLite file, or PostgreSQL in its own schema),
an org tree of users, raw API access, and laptops (stores with a sync engine)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fixed_time import fixed_clock
from sqlalchemy import Engine
from sync_helpers import (
    BASE,
    PASSWORD,
    PG_ENV,
    Api,
    Laptop,
    create_org,
    make_client,
    postgres_schema_url,
)

from crm_desktop.domain.clock import Clock
from crm_desktop.store.database import Store, open_store
from crm_desktop.sync.client.engine import SyncEngine
from crm_desktop.sync.client.transport import Transport
from crm_desktop.sync.server import auth
from crm_desktop.sync.server.app import create_app
from crm_desktop.sync.server.db import make_engine, upgrade


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2, but with tiny cost parameters so tests create users quickly."""
    hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(auth, "_hasher", hasher)
    monkeypatch.setattr(auth, "_DUMMY_HASH", hasher.hash("dummy"))


def _db_params() -> list[Any]:
    return [
        pytest.param("sqlite", id="sqlite"),
        pytest.param(
            "postgres",
            id="postgres",
            marks=[
                pytest.mark.postgres,
                pytest.mark.skipif(
                    not os.environ.get(PG_ENV), reason=f"{PG_ENV} not set: no PostgreSQL"
                ),
            ],
        ),
    ]


@pytest.fixture(params=_db_params())
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    made = postgres_schema_url()
    assert made is not None
    url, drop = made
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def pg_url() -> Iterator[str]:
    made = postgres_schema_url()
    if made is None:
        pytest.skip(f"{PG_ENV} not set: no PostgreSQL")
    url, drop = made
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def server_engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def users(server_engine: Engine) -> dict[str, str]:
    """username -> user id for the ORG tree."""
    return create_org(server_engine)


@pytest.fixture
def app(server_engine: Engine, users: dict[str, str]) -> Any:
    return create_app(engine=server_engine)


@pytest.fixture
def api(app: Any) -> Callable[[str], Api]:
    client = make_client(app)
    return lambda username: Api(client, username).login()


def _laptops(app: Any, tmp_path: Path, clock: Clock | None) -> Iterator[Callable[..., Laptop]]:
    opened: list[Store] = []

    def make(username: str, name: str | None = None) -> Laptop:
        store = open_store(tmp_path / f"laptop-{name or username}", clock=clock)
        opened.append(store)
        engine = SyncEngine(store, Transport(BASE, make_client(app)), page_limit=50)
        answer = engine.login(username, PASSWORD)
        return Laptop(store, engine, answer.user_id)

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def laptop(app: Any, tmp_path: Path) -> Iterator[Callable[..., Laptop]]:
    """Laptops (a store with a sync engine) of users of the ORG tree, on the system clock."""
    yield from _laptops(app, tmp_path, None)


@pytest.fixture
def fixed_laptop(app: Any, tmp_path: Path) -> Iterator[Callable[..., Laptop]]:
    """Laptops on the fixed clock, so due times and plan years never depend on the machine."""
    yield from _laptops(app, tmp_path, fixed_clock())

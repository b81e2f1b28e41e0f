"""Machinery of the sync simulation: templates, the faulty transport, the server log."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, select
from sync_helpers import create_org

from crm_desktop.store.database import DB_FILENAME, open_store
from crm_desktop.sync import protocol as p
from crm_desktop.sync.server.db import make_engine, upgrade
from crm_desktop.sync.server.schema import sync_counter


class Killed(Exception):
    """The laptop 'crashed' between applying a page and writing its cursor."""


def make_templates(folder: Path) -> tuple[Path, Path, dict[str, str]]:
    """A migrated server database with the org, and a migrated empty laptop store."""
    folder.mkdir(parents=True, exist_ok=True)
    server = folder / "server.sqlite3"
    engine = make_engine(f"sqlite:///{server}")
    upgrade(engine)
    users = create_org(engine)
    engine.dispose()
    store = open_store(folder / "laptop")
    store.close()
    return server, folder / "laptop" / DB_FILENAME, users


def copy_template(template: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return target


@dataclass
class Write:
    """One field write the server applied (in the order the server applied them)."""

    user: str
    entity: str
    row_id: str
    field: str
    value: Any
    base: Any
    has_base: bool


@dataclass
class ServerLog:
    """Everything the transport saw come back from the server, dropped or not."""

    engine: Engine
    writes: list[Write] = field(default_factory=list)
    filed: dict[str, set[str]] = field(default_factory=dict)  # user -> conflict ids
    replays_checked: int = 0

    def counter(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(sync_counter.c.value)).scalar_one())

    def observe(self, user: str, request: p.PushRequest, answer: p.PushResponse) -> None:
        by_id = {m.mutation_id: m for m in request.mutations}
        for result in answer.results:
            m = by_id[result.mutation_id]
            if result.status in ("conflict", "rejected"):
                self.filed.setdefault(user, set()).update(c.id for c in result.conflicts)
            if result.status != "applied" or m.name != "update":
                continue
            base = m.base_values or {}
            for name, value in m.patch.items():
                self.writes.append(
                    Write(user, m.entity, m.row_id, name, value, base.get(name), name in base)
                )


class FaultyClient:
    """An httpx-like client that drops requests, drops responses after the server
    committed, duplicates requests and replays old ones out of order."""

    def __init__(self, inner: Any, user: str, log: ServerLog) -> None:
        self.inner = inner
        self.user = user
        self.log = log
        self.plan: list[str] = []
        self.old_pushes: list[bytes] = []

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        fault = self.plan.pop(0) if self.plan else "ok"
        if fault == "drop_request":
            raise httpx.ConnectError("dropped by the simulation")
        is_push = url.endswith(p.PUSH_PATH)
        if is_push and fault == "replay_old" and self.old_pushes:
            self._replay(self.old_pushes[0], kwargs)
        response = self.inner.request(method, url, **kwargs)
        if is_push and response.status_code == 200:
            request = p.PushRequest.model_validate_json(kwargs["content"])
            self.log.observe(
                self.user, request, p.PushResponse.model_validate_json(response.content)
            )
            self.old_pushes.append(kwargs["content"])
            if fault == "duplicate":
                self._replay(kwargs["content"], kwargs)
        if fault == "drop_response":
            raise httpx.ReadTimeout("response lost by the simulation")
        return response

    def _replay(self, content: bytes, kwargs: dict[str, Any]) -> None:
        """Send an already-answered push again: nothing may change on the server."""
        before = self.log.counter()
        again = self.inner.request(
            "POST", "http://testserver" + p.PUSH_PATH, content=content, headers=kwargs["headers"]
        )
        assert again.status_code == 200, again.text
        results = p.PushResponse.model_validate_json(again.content).results
        assert all(r.status == "duplicate" for r in results), results
        assert self.log.counter() == before, "a replayed push changed the server"
        self.log.replays_checked += 1

    def close(self) -> None:
        self.inner.close()

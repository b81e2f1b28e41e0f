"""Helpers of the sync tests: the org tree, raw protocol access, laptops, row builders."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, create_engine, text

from crm_desktop.domain.picklists import Role
from crm_desktop.store.database import Store
from crm_desktop.sync import protocol as p
from crm_desktop.sync.client.engine import SyncEngine
from crm_desktop.sync.server import admin

PG_ENV = "CRM_TEST_POSTGRES_URL"
PASSWORD = "secret-pw"
BASE = "http://testserver"

# Org tree used by most tests: mgr leads sup (team East: rep1, rep2) and sup2 (West: rep3).
ORG = [
    ("admin", Role.ADMIN, None, None),
    ("mgr", Role.MANAGER, None, "HQ"),
    ("sup", Role.SUPERVISOR, "mgr", "East"),
    ("sup2", Role.SUPERVISOR, "mgr", "West"),
    ("rep1", Role.REP, "sup", None),
    ("rep2", Role.REP, "sup", None),
    ("rep3", Role.REP, "sup2", None),
]


def postgres_schema_url() -> tuple[str, Callable[[], None]] | None:
    """A fresh schema on the test PostgreSQL and its URL; None when not configured."""
    base = os.environ.get(PG_ENV)
    if not base:
        return None
    schema = f"crm_sync_{uuid.uuid4().hex[:12]}"
    admin_engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options=-csearch_path%3D{schema}"

    def drop() -> None:
        with admin_engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin_engine.dispose()

    return url, drop


def create_org(engine: Engine) -> dict[str, str]:
    ids = {}
    for name, role, supervisor, team in ORG:
        ids[name] = admin.create_user(
            engine, name, role, PASSWORD, supervisor=supervisor, team=team
        )
    return ids


def make_client(app: Any) -> Any:
    from fastapi.testclient import TestClient

    return TestClient(app)


@dataclass
class Api:
    """Raw protocol access as one user on one device, for server-side tests."""

    client: Any
    username: str
    device_id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    token: str = ""
    next_mutation: int = 1

    def login(self) -> Api:
        answer = self.client.post(
            p.LOGIN_PATH, json={"username": self.username, "password": PASSWORD}
        )
        assert answer.status_code == 200, answer.text
        self.token = answer.json()["token"]
        shake = self.client.post(
            p.HANDSHAKE_PATH,
            json={"device_id": self.device_id, "client_schema": p.CLIENT_SCHEMA},
            headers=self.headers,
        )
        assert shake.status_code == 200, shake.text
        return self

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def push_raw(self, *mutations: dict[str, Any]) -> Any:
        batch = []
        for m in mutations:
            if "mutation_id" not in m:
                m = {**m, "mutation_id": self.next_mutation}
                self.next_mutation += 1
            batch.append(m)
        return self.client.post(
            p.PUSH_PATH,
            json={"device_id": self.device_id, "mutations": batch},
            headers=self.headers,
        )

    def push(self, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
        answer = self.push_raw(*mutations)
        assert answer.status_code == 200, answer.text
        results: list[dict[str, Any]] = answer.json()["results"]
        return results

    def pull_all(self, since: int = 0) -> tuple[list[dict[str, Any]], int]:
        ops: list[dict[str, Any]] = []
        while True:
            answer = self.client.get(
                p.PULL_PATH,
                params={"device_id": self.device_id, "since": since, "limit": 500},
                headers=self.headers,
            )
            assert answer.status_code == 200, answer.text
            body = answer.json()
            ops.extend(body["ops"])
            since = body["next_since"]
            if not body["has_more"]:
                return ops, since

    def rows(self, entity: str) -> dict[str, dict[str, Any]]:
        """The latest row of each id of `entity` visible to this user (tombstones too)."""
        found: dict[str, dict[str, Any]] = {}
        for op in self.pull_all()[0]:
            if op["entity"] == entity and op["row"] is not None:
                found[op["id"]] = op["row"]
        return found

    def conflicts(self) -> list[dict[str, Any]]:
        return [op["row"] for op in self.pull_all()[0] if op["entity"] == "conflict"]


@dataclass
class Laptop:
    store: Store
    engine: SyncEngine
    user_id: str


def customer_patch(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "name_key": name,
        "customer_type": "enterprise",
        "status": "potential",
        "is_key_account": False,
        "value_class": "C",
        "confidential": False,
        "deleted": False,
        **extra,
    }


def new_id() -> str:
    from crm_desktop.domain.ids import uuid7

    return uuid7()


def laptop_rows(store: Store) -> dict[tuple[str, str], dict[str, Any]]:
    """Every synced row on a laptop, as wire dicts keyed by (entity, id)."""
    from sqlalchemy import select

    from crm_desktop.sync.entities import ENTITY_TABLES, row_to_wire

    rows: dict[tuple[str, str], dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for entity, table in ENTITY_TABLES.items():
            columns = [c.name for c in table.columns]
            for row in conn.execute(select(table)).mappings():
                rows[(entity, row["id"])] = row_to_wire(dict(row), columns)
    return rows


# A confidential customer's sensitive fields (SPEC §2), spelled out here for the oracle.
SENSITIVE = ("tax_id", "tax_key", "credit_limit_fen", "payment_terms", "annual_sales_fen")


def server_projection(engine: Engine, user_id: str) -> dict[tuple[str, str], dict[str, Any]]:
    """What `user_id` may see on the server, as wire dicts keyed by (entity, id)."""
    from sqlalchemy import select

    from crm_desktop.sync.entities import REFERENCE_ENTITIES
    from crm_desktop.sync.server.schema import SYNCED
    from crm_desktop.sync.server.scope import OrgTree
    from crm_desktop.sync.server.tx import WIRE_COLUMNS, snapshot

    rows: dict[tuple[str, str], dict[str, Any]] = {}
    with engine.connect() as conn:
        principal = OrgTree.load(conn).principal(user_id)
        for entity, table in SYNCED.items():
            query = select(table)
            # Written out here rather than borrowed from the feed, so the oracle does not
            # share the feed's mistakes: reference rows go to everyone, the rest by owner.
            if entity not in REFERENCE_ENTITIES and principal.visible is not None:
                query = query.where(table.c.owner_id.in_(sorted(principal.visible)))
            for row in conn.execute(query).mappings():
                wire = snapshot(entity, dict(row))
                assert wire is not None and list(wire) == WIRE_COLUMNS[entity]
                if entity == "customer" and row["confidential"] and principal.visible is None:
                    # Sensitive fields stay in the owner's line; the admin is outside it.
                    for name in SENSITIVE:
                        wire[name] = None
                rows[(entity, row["id"])] = wire
    return rows


def assert_converged(store: Store, engine: Engine, user_id: str) -> None:
    """The laptop holds exactly the server's scoped projection, field for field."""
    mine = laptop_rows(store)
    theirs = server_projection(engine, user_id)
    assert mine.keys() == theirs.keys(), (
        f"only on laptop: {sorted(mine.keys() - theirs.keys())[:5]}, "
        f"only on server: {sorted(theirs.keys() - mine.keys())[:5]}"
    )
    for key, row in theirs.items():
        assert mine[key] == row, (
            key,
            {k: (mine[key][k], v) for k, v in row.items() if mine[key][k] != v},
        )


def create_customer(api: Api, **extra: Any) -> str:
    """A customer 华联超市 created through the server by `api`'s user; its id."""
    cid = new_id()
    result = api.push(
        {
            "name": "create",
            "entity": "customer",
            "row_id": cid,
            "patch": customer_patch("华联超市", **extra),
        }
    )[0]
    assert result["status"] == "applied", result
    return cid


def edit_customer(lap: Laptop, cid: str, **values: Any) -> None:
    """An edit on the laptop, as the customer form makes it (outbox in the same commit)."""
    from crm_desktop.store.models import Customer
    from crm_desktop.store.unit_of_work import UnitOfWork

    with UnitOfWork(lap.store, lap.user_id) as uow:
        row = uow.session.get(Customer, cid)
        assert row is not None
        for key, value in values.items():
            setattr(row, key, value)
        uow.commit()


def visit_mutation(report_id: str, customer_id: str) -> dict[str, Any]:
    """The create of an effective order visit (500 fen) on 2026-11-20 in a report."""
    return {
        "name": "create",
        "entity": "visit_record",
        "row_id": new_id(),
        "patch": {
            "report_id": report_id,
            "customer_id": customer_id,
            "visit_date": "2026-11-20",
            "planned": True,
            "purpose": "order",
            "is_effective": True,
            "order_amount_fen": 500,
            "collection_amount_fen": 0,
            "complaint_handled": False,
            "deleted": False,
        },
    }

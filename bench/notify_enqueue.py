"""What a team notification costs a push: `python bench/notify_enqueue.py`.

A rep pushes `submit_report` for 60 days, one push each, to the real server app on its
own SQLite file, with no notification channel and with three on the rep's team. The
enqueue (read the team's channels, gather the report's facts, insert one outbox row per
channel in a savepoint) is timed on its own, since the whole push's time on a shared
machine varies more than the enqueue costs. Nothing is sent during a push.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from crm_desktop.domain.ids import uuid7
from crm_desktop.domain.picklists import Role
from crm_desktop.sync import protocol as p
from crm_desktop.sync.server import admin, auth
from crm_desktop.sync.server.app import create_app
from crm_desktop.sync.server.db import make_engine, upgrade
from crm_desktop.sync.server.notifications import channels, events

DAYS = 60
PASSWORD = "bench-pw"


class Rep:
    def __init__(self, client: TestClient) -> None:
        self.client, self.device, self.next = client, uuid7()[:16], 1
        token = client.post(p.LOGIN_PATH, json={"username": "rep", "password": PASSWORD})
        self.headers = {"Authorization": f"Bearer {token.json()['token']}"}
        client.post(
            p.HANDSHAKE_PATH,
            json={"device_id": self.device, "client_schema": p.CLIENT_SCHEMA},
            headers=self.headers,
        )

    def push(self, **mutation: Any) -> None:
        body = {"device_id": self.device, "mutations": [{**mutation, "mutation_id": self.next}]}
        self.next += 1
        answer = self.client.post(p.PUSH_PATH, json=body, headers=self.headers).json()
        assert answer["results"][0]["status"] == "applied", answer


def run(folder: Path, channel_count: int) -> tuple[float, list[float]]:
    engine = make_engine(f"sqlite:///{folder / f'server-{uuid7()}.sqlite3'}")
    upgrade(engine)
    admin.create_user(engine, "sup", Role.SUPERVISOR, PASSWORD, team="East")
    admin.create_user(engine, "rep", Role.REP, PASSWORD, supervisor="sup")
    for _ in range(channel_count):
        channels.add_channel(engine, "East", "webhook", "http://127.0.0.1:9/hook")
    rep = Rep(TestClient(create_app(engine=engine)))
    cid = uuid7()
    customer = {"name": "华联超市", "name_key": "华联超市", "customer_type": "enterprise"}
    rep.push(name="create", entity="customer", row_id=cid, patch={**customer, "deleted": False})
    reports = []
    for day in range(DAYS):
        rid = uuid7()
        on = (dt.date(2026, 1, 1) + dt.timedelta(days=day)).isoformat()
        patch = {"report_date": on, "attendance": "present", "expenses_fen": 0, "deleted": False}
        rep.push(name="create", entity="daily_report", row_id=rid, patch=patch)
        visit = {"report_id": rid, "customer_id": cid, "visit_date": on, "purpose": "order"}
        visit |= {"is_effective": True, "order_amount_fen": 50_000, "deleted": False}
        rep.push(name="create", entity="visit_record", row_id=uuid7(), patch=visit)
        reports.append(rid)
    spent: list[float] = []
    original = events.enqueue_safely

    def timed(*args: Any, **kwargs: Any) -> None:
        started = time.perf_counter()
        original(*args, **kwargs)
        spent.append(time.perf_counter() - started)

    events.enqueue_safely = timed  # type: ignore[assignment]
    try:
        started = time.perf_counter()
        for rid in reports:
            rep.push(name="submit_report", entity="daily_report", row_id=rid)
        per_push = (time.perf_counter() - started) / DAYS
    finally:
        events.enqueue_safely = original  # type: ignore[assignment]
    engine.dispose()
    return per_push, spent


def main() -> None:
    hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    auth._hasher = hasher  # type: ignore[attr-defined]
    auth._DUMMY_HASH = hasher.hash("dummy")  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as folder:
        for count in (0, 3, 0, 3):
            per_push, spent = run(Path(folder), count)
            enqueue = statistics.median(spent) * 1000 if spent else 0.0
            print(
                f"{count} channel(s): submit push {per_push * 1000:.1f} ms mean, "
                f"enqueue {enqueue:.2f} ms median of {len(spent)}"
            )


if __name__ == "__main__":
    main()

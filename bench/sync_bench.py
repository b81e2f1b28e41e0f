"""Sync benchmarks: initial sync, apply rate vs raw executemany, no-op sync, push
throughput, and 50 concurrent devices; server on PostgreSQL over loopback uvicorn.

    CRM_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/sync_bench.py [--customers 100000] [--contacts 200000]

Each run works in its own PostgreSQL schema (dropped at the end) and temp folders.
Prints one line per figure; not a test.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, insert, text, update

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "sync"))

from test_sync_e2e import start_server, stop_server  # noqa: E402

from crm_desktop.domain.ids import uuid7  # noqa: E402
from crm_desktop.domain.picklists import Role  # noqa: E402
from crm_desktop.store.database import open_store  # noqa: E402
from crm_desktop.store.models import Customer  # noqa: E402
from crm_desktop.store.unit_of_work import UnitOfWork  # noqa: E402
from crm_desktop.sync import protocol as p  # noqa: E402
from crm_desktop.sync.client.apply import PLANS  # noqa: E402
from crm_desktop.sync.client.engine import SyncEngine, SyncReport  # noqa: E402
from crm_desktop.sync.client.transport import Transport  # noqa: E402
from crm_desktop.sync.server import admin  # noqa: E402
from crm_desktop.sync.server.db import make_engine, upgrade  # noqa: E402
from crm_desktop.sync.server.schema import SYNCED, sync_counter  # noqa: E402
from crm_desktop.sync.server.tx import WIRE_COLUMNS  # noqa: E402

PASSWORD = "bench-password"


def seed(engine: Any, owner: str, team: str | None, customers: int, contacts: int) -> int:
    """Bulk-load a territory straight into the server tables with stamped seqs."""
    now = dt.datetime(2026, 11, 1)
    with engine.begin() as conn:
        seq = int(conn.execute(text("SELECT value FROM sync_counter")).scalar_one())
        base = {
            "owner_id": owner,
            "team_id": team,
            "version": 1,
            "deleted": False,
            "created_at": now,
            "updated_at": now,
            "created_by": owner,
            "updated_by": owner,
        }
        customer_ids = []
        rows = []
        for i in range(customers):
            seq += 1
            cid = uuid7()
            customer_ids.append(cid)
            name = f"客户{i:06d}有限公司"
            rows.append(
                {
                    **base,
                    "id": cid,
                    "server_seq": seq,
                    "name": name,
                    "name_key": name,
                    "customer_type": "enterprise",
                    "status": "active",
                    "is_key_account": False,
                    "value_class": "C",
                    "confidential": False,
                    "phone": f"010-{i:08d}",
                    "region": "华北",
                    "notes": "备注" * 5,
                }
            )
            if len(rows) == 5000:
                conn.execute(insert(SYNCED["customer"]), rows)
                rows = []
        if rows:
            conn.execute(insert(SYNCED["customer"]), rows)
        rows = []
        for i in range(contacts):
            seq += 1
            rows.append(
                {
                    **base,
                    "id": uuid7(),
                    "server_seq": seq,
                    "customer_id": customer_ids[i % customers],
                    "name": f"联系人{i}",
                    "mobile": f"139{i:08d}",
                    "is_key_contact": False,
                }
            )
            if len(rows) == 5000:
                conn.execute(insert(SYNCED["contact"]), rows)
                rows = []
        if rows:
            conn.execute(insert(SYNCED["contact"]), rows)
        conn.execute(update(sync_counter).values(value=seq))
    return customers + contacts


class StallMeter:
    """Stands in for the GUI thread: wakes every 5 ms and records the longest gap."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        last = time.perf_counter()
        while not self._stop.wait(0.005):
            now = time.perf_counter()
            self.longest = max(self.longest, now - last - 0.005)
            last = now

    def __enter__(self) -> StallMeter:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def laptop(folder: Path, base: str, username: str, page: int = 2000) -> SyncEngine:
    store = open_store(folder)
    engine = SyncEngine(store, Transport(base, httpx.Client(timeout=120)), page_limit=page)
    engine.login(username, PASSWORD)
    return engine


def bench_initial(base: str, tmp: Path, rows: int) -> SyncEngine:
    engine = laptop(tmp / "initial", base, "rep1")
    # The sync runs in a worker thread, as from the GUI; the main thread measures stalls.
    result: list[SyncReport] = []
    with StallMeter() as meter:
        started = time.perf_counter()
        worker = threading.Thread(target=lambda: result.append(engine.sync(verify=False)))
        worker.start()
        worker.join()
        seconds = time.perf_counter() - started
    pulled = result[0].pulled
    print(
        f"initial sync: {pulled} ops in {seconds:.1f} s = {pulled / seconds:,.0f} rows/s "
        f"(longest stall of a 5 ms ticker thread: {meter.longest * 1000:.0f} ms)"
    )
    started = time.perf_counter()
    engine.sync(verify=True)
    print(f"first checksum-verified sync after it: {time.perf_counter() - started:.2f} s")
    return engine


def bench_apply_vs_raw(engine: Any, tmp: Path) -> None:
    """Client apply (PlanTable.upsert) vs plain executemany of the same rows."""
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(SYNCED["customer"].select()).mappings()]
        rows += [dict(r) for r in conn.execute(SYNCED["contact"].select()).mappings()]
    wire = {}
    for row in rows:
        entity = "contact" if "customer_id" in row else "customer"
        cols = WIRE_COLUMNS[entity]
        wire.setdefault(entity, []).append({k: _w(row[k]) for k in cols})
    for mode in ("apply", "raw"):
        store = open_store(tmp / f"apply-{mode}")
        values = {e: [PLANS[e].values(r) for r in rs] for e, rs in wire.items()}
        started = time.perf_counter()
        with store.engine.begin() as conn:
            for entity, batch in values.items():
                for start in range(0, len(batch), 5000):
                    chunk = batch[start : start + 5000]
                    if mode == "apply":
                        PLANS[entity].upsert(conn, chunk)
                    else:
                        conn.exec_driver_sql(PLANS[entity].insert_sql, chunk)
        seconds = time.perf_counter() - started
        total = sum(len(b) for b in values.values())
        print(f"SQLite {mode:5}: {total} rows in {seconds:.2f} s = {total / seconds:,.0f} rows/s")
        store.close()


def _w(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def bench_noop(engine: SyncEngine, label: str) -> None:
    engine.sync(verify=False)
    times = []
    for _ in range(20):
        started = time.perf_counter()
        report = engine.sync()
        times.append(time.perf_counter() - started)
        assert report.pulled == 0
    print(
        f"no-op sync at {label}: median {statistics.median(times) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms"
    )


def bench_push(base: str, tmp: Path, count: int = 5000) -> None:
    engine = laptop(tmp / "push", base, "rep2")
    engine.sync()
    with UnitOfWork(engine.store, None) as uow:
        for i in range(count):
            uow.session.add(Customer(name=f"新客户{i}", name_key=f"新客户{i}"))
        uow.commit()
    report = SyncReport()
    engine.handshake()
    started = time.perf_counter()
    engine.push(report)
    seconds = time.perf_counter() - started
    print(
        f"push: {report.pushed} applied mutations in {seconds:.2f} s = "
        f"{report.pushed / seconds:,.0f} mutations/s"
    )


def _device_loop(
    base: str,
    index: int,
    device: str,
    headers: dict[str, str],
    rounds: int,
    ticks: tuple[float, float] | None = None,
) -> list[float]:
    """One device for `rounds` rounds, every tenth device also pushing a customer first.

    Back to back (`ticks` None): pull again as soon as the last pull answered. On
    ticks ((first, every) in wall-clock seconds): each round is a whole sync -- handshake,
    push, pull -- started at `first + round * every`, the moment all 50 laptops' automatic
    sync timers fire together.
    """
    latencies = []
    since = 0
    with httpx.Client(base_url=base, timeout=60) as client:
        for round_ in range(rounds):
            if ticks is not None:
                time.sleep(max(0.0, ticks[0] + round_ * ticks[1] - time.time()))
                client.post(
                    p.HANDSHAKE_PATH,
                    json={"device_id": device, "client_schema": p.CLIENT_SCHEMA},
                    headers=headers,
                )
            if index % 10 == 0:  # every tenth device writes a customer each round
                client.post(
                    p.PUSH_PATH,
                    headers=headers,
                    json={
                        "device_id": device,
                        "mutations": [
                            {
                                "mutation_id": round_ + 1,
                                "name": "create",
                                "entity": "customer",
                                "row_id": uuid7(),
                                "patch": {"name": f"c{index}-{round_}", "name_key": "k"},
                            }
                        ],
                    },
                )
            while True:
                started = time.perf_counter()
                page = client.get(
                    p.PULL_PATH, headers=headers, params={"device_id": device, "since": since}
                )
                latencies.append(time.perf_counter() - started)
                assert page.status_code == 200, page.text
                since = page.json()["next_since"]
                if ticks is None or not page.json()["has_more"]:
                    break
    return latencies


def _device_group(
    base: str,
    group: list[tuple[int, str, dict[str, str]]],
    rounds: int,
    ticks: tuple[float, float] | None = None,
) -> list[float]:
    """Devices of one client process, each in its own thread."""
    results: list[list[float]] = []
    threads = [
        threading.Thread(target=lambda s=s: results.append(_device_loop(base, *s, rounds, ticks)))
        for s in group
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [x for r in results for x in r]


def _pg_sessions(engine: Any) -> int:
    """PostgreSQL backends started so far in this database (each a fork and a login)."""
    with engine.connect() as conn:
        query = "SELECT sessions FROM pg_stat_database WHERE datname = current_database()"
        return int(conn.execute(text(query)).scalar_one())


def bench_devices(
    base: str,
    engine: Any,
    devices: int = 50,
    rounds: int = 20,
    processes: int = 5,
    every: float | None = None,
) -> None:
    """50 devices (10 users) syncing concurrently while a tenth of them also push.

    Devices are light HTTP clients, spread over `processes` client processes of
    devices/processes threads each: one process of 50 threads measured its own GIL
    queue as much as the server. The figure is the pull latency. `every` None: each
    device pulls back to back (a stress test: 200 pulls a second, far beyond 50
    laptops); else all 50 run a whole sync together every `every` seconds, as their
    automatic sync timers would if they all fired at once.
    """
    sessions = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for i in range(devices):
            user = f"field{i % 10}"
            token = client.post(p.LOGIN_PATH, json={"username": user, "password": PASSWORD})
            headers = {"Authorization": f"Bearer {token.json()['token']}"}
            device = f"bench-{i}-{every}"
            client.post(
                p.HANDSHAKE_PATH, json={"device_id": device, "client_schema": 1}, headers=headers
            )
            sessions.append((i, device, headers))
    groups = [sessions[k::processes] for k in range(processes)]
    ticks = None if every is None else (time.time() + 2.0, every)
    backends = _pg_sessions(engine)
    started = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(processes) as pool:
        parts = pool.map(
            _device_group, [base] * processes, groups, [rounds] * processes, [ticks] * processes
        )
        latencies = sorted(x for part in parts for x in part)
    seconds = time.perf_counter() - started
    p95 = latencies[int(len(latencies) * 0.95)]
    how = "back to back" if every is None else f"a whole sync together every {every:g} s"
    rate = f" = {len(latencies) / seconds:.0f} pulls/s" if every is None else ""
    print(
        f"{devices} devices x {rounds} rounds, {how} ({processes} client processes) in "
        f"{seconds:.1f} s, {len(latencies)} pulls{rate}: "
        f"pull p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; "
        f"{_pg_sessions(engine) - backends} PostgreSQL connections opened"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--client-processes", type=int, default=5)
    parser.add_argument(
        "--only-small",
        action="store_true",
        help="skip the big territory: no-op, push and devices only",
    )
    args = parser.parse_args()
    base_url = os.environ.get("CRM_BENCH_POSTGRES_URL") or os.environ["CRM_TEST_POSTGRES_URL"]
    schema = f"crm_bench_{uuid.uuid4().hex[:8]}"
    admin_engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{base_url}{'&' if '?' in base_url else '?'}options=-csearch_path%3D{schema}"
    server = None
    try:
        engine = make_engine(url)
        upgrade(engine)
        admin.create_user(engine, "sup", Role.SUPERVISOR, PASSWORD, team="East")
        rep1 = admin.create_user(engine, "rep1", Role.REP, PASSWORD, supervisor="sup")
        small = admin.create_user(engine, "rep2", Role.REP, PASSWORD, supervisor="sup")
        for i in range(10):
            admin.create_user(engine, f"field{i}", Role.REP, PASSWORD, supervisor="sup")
        with engine.connect() as conn:
            team = conn.execute(
                text("SELECT team_id FROM users WHERE id = :id"), {"id": rep1}
            ).scalar()
        started = time.perf_counter()
        rows = 0 if args.only_small else seed(engine, rep1, team, args.customers, args.contacts)
        seed(engine, small, team, 700, 300)
        print(f"seeded {rows} rows in {time.perf_counter() - started:.1f} s")
        server, base = start_server(url, workers=args.workers)
        with tempfile.TemporaryDirectory() as folder:
            tmp = Path(folder)
            big = None if args.only_small else bench_initial(base, tmp, rows)
            if big is not None:
                bench_apply_vs_raw(engine, tmp)
            small_laptop = laptop(tmp / "small", base, "rep2")
            small_laptop.sync()
            bench_noop(small_laptop, "1,000 rows")
            if big is not None:
                bench_noop(big, f"{rows:,} rows")
            bench_push(base, tmp)
            bench_devices(base, engine, processes=args.client_processes)
            bench_devices(base, engine, processes=args.client_processes, every=1.0)
        engine.dispose()
    finally:
        if server is not None:
            stop_server(server)
        with admin_engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()

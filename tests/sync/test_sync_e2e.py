"""End to end over real HTTP: `crm-server serve` (uvicorn) in a subprocess, two laptops.

The server is started the way the README's "Run a server" section does it and waited
on by polling /healthz; the laptops are two data folders edited offline, then synced.
"""

from __future__ import annotations

import concurrent.futures
import os
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, text
from sync_helpers import PASSWORD, assert_converged

from crm_desktop.app import run_cli_sync
from crm_desktop.services.sync import SyncService
from crm_desktop.store.database import open_store
from crm_desktop.store.models import Contact, Customer
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync import protocol as p

STARTUP_TIMEOUT_S = 30.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    url: str, *, workers: int = 1, connections: int | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """`crm-server serve` on a free port; returns once /healthz answers."""
    port = _free_port()
    pool = [] if connections is None else ["--db-connections", str(connections)]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crm_desktop.sync.server.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--database-url",
            url,
            *pool,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = STARTUP_TIMEOUT_S
    with httpx.Client(timeout=1.0) as client:
        while deadline > 0:
            try:
                if client.get(base + "/healthz").status_code == 200:
                    return process, base
            except httpx.TransportError:
                pass
            try:  # waiting on the process doubles as the pause between polls
                process.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                deadline -= 0.05
                continue
            raise AssertionError(f"server died: {process.stderr.read().decode()[-2000:]}")
    process.kill()
    raise AssertionError("server did not answer /healthz in time")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def http_server(server_engine: Engine, users: dict[str, str], db_url: str) -> Iterator[str]:
    process, base = start_server(db_url)
    yield base
    stop_server(process)


def _edit(data_dir: Path, user_id: str, change: Callable[[UnitOfWork], None]) -> None:
    store = open_store(data_dir)
    try:
        with UnitOfWork(store, user_id) as uow:
            change(uow)
            uow.commit()
    finally:
        store.close()


def test_two_laptops_converge_after_offline_edits(
    http_server: str,
    tmp_path: Path,
    server_engine: Engine,
    users: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    rep_dir, sup_dir = tmp_path / "rep-laptop", tmp_path / "sup-laptop"
    out: list[str] = []
    assert run_cli_sync(rep_dir, http_server, "rep1", out=out.append) == 0
    assert run_cli_sync(sup_dir, http_server, "sup", out=out.append) == 0
    rep, sup = users["rep1"], users["sup"]
    customer = Customer(name="华联超市", name_key="华联超市", owner_id=rep, notes="first")

    def create(uow: UnitOfWork) -> None:
        uow.session.add(customer)
        uow.session.flush()
        uow.session.add(Contact(customer_id=customer.id, name="王经理", owner_id=rep))

    _edit(rep_dir, rep, create)
    assert run_cli_sync(rep_dir, http_server, "rep1", out=out.append) == 0
    assert run_cli_sync(sup_dir, http_server, "sup", out=out.append) == 0

    # Offline on both laptops: different fields, then the same plain field and a guarded one.
    def rep_edit(uow: UnitOfWork) -> None:
        row = uow.session.get(Customer, customer.id)
        assert row is not None
        row.phone, row.notes, row.name = "010-1", "rep notes", "华联"

    def sup_edit(uow: UnitOfWork) -> None:
        row = uow.session.get(Customer, customer.id)
        assert row is not None
        row.address, row.notes, row.name = "北京", "sup notes", "华联集团"

    _edit(rep_dir, rep, rep_edit)
    _edit(sup_dir, sup, sup_edit)
    for data_dir, user in ((sup_dir, "sup"), (rep_dir, "rep1"), (sup_dir, "sup")):
        assert run_cli_sync(data_dir, http_server, user, out=out.append) == 0, out
    for data_dir, user in ((rep_dir, rep), (sup_dir, sup)):
        store = open_store(data_dir)
        try:
            assert_converged(store, server_engine, user)
            with store.reading() as s:
                row = s.get(Customer, customer.id)
                assert row is not None
                assert (row.name, row.phone, row.address, row.notes) == (
                    "华联集团",
                    "010-1",
                    "北京",
                    "rep notes",
                )
            kinds = {c.kind for c in SyncService(store).conflicts()}
            assert kinds == ({"guarded_field"} if user == rep else {"overwritten"})
        finally:
            store.close()


def test_cli_sync_fails_cleanly(
    http_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli_sync(tmp_path / "a", http_server, "rep1", password="wrong") == 1
    assert capsys.readouterr().err.strip() == "用户名或密码不正确，请重新输入。"
    assert run_cli_sync(tmp_path / "b", "http://127.0.0.1:9", "rep1", password="x") == 1
    assert "无法连接" in capsys.readouterr().err


def test_cli_sync_says_how_to_give_the_password_without_a_terminal(
    http_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    import getpass

    def no_terminal(prompt: str = "") -> str:
        raise EOFError  # what getpass raises when input ends at once (no one to type)

    monkeypatch.delenv("CRM_PASSWORD", raising=False)
    monkeypatch.setattr(getpass, "getpass", no_terminal)
    assert run_cli_sync(tmp_path / "a", http_server, "rep1", lang="en") == 1
    assert "set CRM_PASSWORD" in capsys.readouterr().err


def test_an_expired_sign_in_says_so(http_server: str, tmp_path: Path) -> None:
    from crm_desktop.sync.client import local
    from crm_desktop.sync.client.errors import AuthFailed

    assert run_cli_sync(tmp_path / "a", http_server, "rep1", password=PASSWORD) == 0
    store = open_store(tmp_path / "a")
    try:
        local.write_meta(store, {local.TOKEN: "no-longer-valid"})  # as after 30 days
        with pytest.raises(AuthFailed) as expired:
            SyncService(store).sync_now(server_url=http_server)
    finally:
        store.close()
    assert not expired.value.at_sign_in
    assert expired.value.message("zh_CN").startswith("登录已过期")


@pytest.mark.postgres
def test_two_server_processes_share_one_postgres(pg_url: str, tmp_path: Path) -> None:
    from sync_helpers import create_org

    from crm_desktop.sync.server.db import make_engine, upgrade

    engine = make_engine(pg_url)
    upgrade(engine)
    users = create_org(engine)
    first, base1 = start_server(pg_url)
    second, base2 = start_server(pg_url, workers=2)
    try:
        os.environ["CRM_PASSWORD"] = PASSWORD
        a, b = tmp_path / "a", tmp_path / "b"
        assert run_cli_sync(a, base1, "rep1") == 0
        assert run_cli_sync(b, base2, "sup") == 0
        for i in range(5):
            _edit(
                a,
                users["rep1"],
                lambda uow, i=i: uow.session.add(
                    Customer(name=f"客户{i}", name_key=f"客户{i}", owner_id=users["rep1"])
                ),
            )
        assert run_cli_sync(a, base2, "rep1") == 0  # the same laptop, the other server
        assert run_cli_sync(b, base1, "sup") == 0
        for data_dir, user in ((a, "rep1"), (b, "sup")):
            store = open_store(data_dir)
            try:
                assert_converged(store, engine, users[user])
            finally:
                store.close()
    finally:
        os.environ.pop("CRM_PASSWORD", None)
        stop_server(first)
        stop_server(second)
        engine.dispose()


@pytest.mark.postgres
def test_a_burst_beyond_the_pool_is_served_on_the_pools_connections(pg_url: str) -> None:
    """More laptops syncing at once than a worker has connections: every push and pull
    is answered, the excess waits its turn, and the worker never holds more than its
    connections (an admin sizes max_connections by workers x --db-connections)."""
    from sync_helpers import create_org

    from crm_desktop.domain.ids import uuid7
    from crm_desktop.sync.server.db import make_engine, upgrade

    engine = make_engine(pg_url)
    upgrade(engine)
    create_org(engine)
    name = f"crm-burst-{uuid.uuid4().hex[:8]}"
    server, base = start_server(f"{pg_url}&application_name={name}", connections=2)
    burst = 16
    start = threading.Barrier(burst)

    def laptop(index: int) -> list[int]:
        device = f"burst-{index}"
        with httpx.Client(base_url=base, timeout=60) as client:
            login = client.post(p.LOGIN_PATH, json={"username": "rep1", "password": PASSWORD})
            auth = {"Authorization": f"Bearer {login.json()['token']}"}
            hello = {"device_id": device, "client_schema": p.CLIENT_SCHEMA}
            answers = [client.post(p.HANDSHAKE_PATH, json=hello, headers=auth)]
            start.wait()
            for mutation_id in (1, 2, 3):  # writes hold their connection longest
                create = {
                    "mutation_id": mutation_id,
                    "name": "create",
                    "entity": "customer",
                    "row_id": uuid7(),
                    "patch": {"name": f"客户{index}-{mutation_id}", "name_key": f"k{index}"},
                }
                push = {"device_id": device, "mutations": [create]}
                answers.append(client.post(p.PUSH_PATH, json=push, headers=auth))
            answers.append(client.get(p.PULL_PATH, params={"device_id": device}, headers=auth))
        return [a.status_code for a in answers]

    held = []
    count = text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name")
    try:
        with (
            concurrent.futures.ThreadPoolExecutor(burst) as pool,
            engine.connect() as watch,
        ):
            laptops = [pool.submit(laptop, i) for i in range(burst)]
            while not all(f.done() for f in laptops):
                held.append(watch.execute(count, {"name": name}).scalar_one())
                concurrent.futures.wait(laptops, timeout=0.002)
            assert [f.result() for f in laptops] == [[200] * 5] * burst
        assert held and max(held) <= 2
    finally:
        stop_server(server)
        engine.dispose()

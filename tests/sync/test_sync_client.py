"""The laptop engine and the SyncService facade, against the in-process server."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from simulation import Killed
from sqlalchemy import Engine, select
from sync_helpers import PASSWORD, Api, Laptop, assert_converged, customer_patch, new_id

from crm_desktop.services.actor import current_actor
from crm_desktop.services.sync import SyncService
from crm_desktop.store.database import open_store
from crm_desktop.store.models import Customer, User
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.client import local
from crm_desktop.sync.client.engine import SyncEngine
from crm_desktop.sync.client.errors import Cancelled, Offline, UserMismatch
from crm_desktop.sync.client.transport import Transport


def _customers(api: Api, count: int) -> list[str]:
    ids = [new_id() for _ in range(count)]
    api.push(
        *[
            {
                "name": "create",
                "entity": "customer",
                "row_id": cid,
                "patch": customer_patch(f"客户{i}"),
            }
            for i, cid in enumerate(ids)
        ]
    )
    return ids


def test_a_killed_page_is_fetched_again_never_skipped(
    api: Callable[[str], Api], laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    me = laptop("rep1")
    ids = _customers(api("rep1"), 120)  # page size 50: three pages
    calls = [0]

    def crash() -> None:
        calls[0] += 1
        if calls[0] == 2:
            raise Killed()

    me.engine.before_cursor = crash
    with pytest.raises(Killed):
        me.engine.sync()
    me.engine.before_cursor = None
    with me.store.reading() as s:
        held = set(s.scalars(select(Customer.id)).all())
    cursor = int(local.read_meta(me.store)[local.CURSOR])
    assert 0 < len(held & set(ids)) < len(ids)  # the first page landed, the second did not
    me.engine.sync()
    assert int(local.read_meta(me.store)[local.CURSOR]) > cursor
    assert_converged(me.store, server_engine, me.user_id)


def test_progress_and_cancel(api: Callable[[str], Api], laptop: Callable[[str], Laptop]) -> None:
    me = laptop("rep1")
    _customers(api("rep1"), 120)
    seen: list[tuple[str, int, int | None]] = []
    me.engine.progress = lambda phase, done, total: seen.append((phase, done, total))
    me.engine.cancel = lambda: len(seen) >= 1
    with pytest.raises(Cancelled):
        me.engine.sync()
    assert seen == [("pull", 50, None)]
    me.engine.cancel = lambda: False
    report = me.engine.sync()
    assert report.pulled > 0 and seen[-1][0] == "pull"


def test_pending_local_edits_survive_a_pull(
    api: Callable[[str], Api], laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    me = laptop("rep1")
    [cid] = _customers(api("rep1"), 1)
    me.engine.sync()
    with UnitOfWork(me.store, me.user_id) as uow:
        row = uow.session.get(Customer, cid)
        assert row is not None
        row.notes = "offline note"
        uow.commit()
    other = api("sup")
    other.push(
        {
            "name": "update",
            "entity": "customer",
            "row_id": cid,
            "base_version": 1,
            "patch": {"phone": "123"},
            "base_values": {"phone": None},
        }
    )
    me.engine.pull(__import__("crm_desktop.sync.client.engine", fromlist=["x"]).SyncReport())
    with me.store.reading() as s:
        row = s.get(Customer, cid)
        assert row is not None and (row.phone, row.notes) == ("123", "offline note")
    me.engine.sync()
    assert_converged(me.store, server_engine, me.user_id)


def test_login_adopts_the_stand_in_users_records(
    app: object, tmp_path: object, server_engine: Engine
) -> None:
    from pathlib import Path

    from sync_helpers import BASE, make_client

    store = open_store(Path(str(tmp_path)) / "fresh")
    try:
        local_actor = current_actor(store)  # the app before any server exists
        with UnitOfWork(store, local_actor.user_id) as uow:
            uow.session.add(
                Customer(name="本地客户", name_key="本地客户", owner_id=local_actor.user_id)
            )
            uow.commit()
        engine = SyncEngine(store, Transport(BASE, make_client(app)))
        user_id = engine.login("rep1", PASSWORD).user_id
        engine.sync()
        assert current_actor(store).user_id == user_id
        with store.reading() as s:
            assert s.get(User, local_actor.user_id) is None
            owners = set(s.scalars(select(Customer.owner_id)).all())
        assert owners == {user_id}
        assert_converged(store, server_engine, user_id)
        # Another person may not take over a laptop with unsent changes of this one.
        with UnitOfWork(store, user_id) as uow:
            uow.session.add(Customer(name="未同步", name_key="未同步", owner_id=user_id))
            uow.commit()
        with pytest.raises(UserMismatch):
            engine.login("rep2", PASSWORD)
    finally:
        store.close()


def test_sync_service_status_and_inbox(
    app: object,
    api: Callable[[str], Api],
    laptop: Callable[[str], Laptop],
    server_engine: Engine,
) -> None:
    from sync_helpers import make_client

    me = laptop("rep1")
    service = SyncService(me.store, client_factory=lambda: make_client(app))
    [cid] = _customers(api("rep1"), 1)
    service.sync_now(server_url="http://testserver")
    with UnitOfWork(me.store, me.user_id) as uow:
        row = uow.session.get(Customer, cid)
        assert row is not None
        row.name, row.name_key = "我的名字", "我的名字"
        uow.commit()
    api("sup").push(
        {
            "name": "update",
            "entity": "customer",
            "row_id": cid,
            "base_version": 1,
            "patch": {"name": "主管改名", "name_key": "主管改名"},
            "base_values": {"name": "客户0"},
        }
    )
    assert service.status().pending == 1
    service.sync_now()
    status = service.status()
    assert (status.pending, status.open_conflicts, status.online) == (0, 1, True)
    assert status.last_sync_at is not None and status.username == "rep1"
    [conflict] = service.conflicts()
    assert (
        conflict.kind == "guarded_field" and conflict.client_payload["patch"]["name"] == "我的名字"
    )
    service.reapply(conflict.id, me.user_id)
    service.sync_now()
    with me.store.reading() as s:
        row = s.get(Customer, cid)
        assert row is not None and row.name == "我的名字"
    assert service.conflicts() == []
    assert_converged(me.store, server_engine, me.user_id)


def test_offline_is_a_clean_error(laptop: Callable[[str], Laptop]) -> None:
    me = laptop("rep1")
    service = SyncService(me.store)
    with pytest.raises(Offline):
        service.sync_now(server_url="http://127.0.0.1:9")
    assert service.status().online is False

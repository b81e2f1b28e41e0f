"""A lost laptop: an admin revokes it; at its next contact it drops its token and refuses
to sync, and with --wipe it also erases its data (store rows, WAL, backups)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, func, select
from sync_helpers import PASSWORD, Laptop

from crm_desktop.store.backup import BACKUPS_DIRNAME
from crm_desktop.store.models import Customer, OutboxEntry
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.client import local
from crm_desktop.sync.client.errors import DeviceRevoked
from crm_desktop.sync.server.admin import revoke_device


def _add_customer(lap: Laptop, name: str) -> None:
    with UnitOfWork(lap.store, lap.user_id) as uow:
        uow.session.add(Customer(name=name, name_key=name, owner_id=lap.user_id))
        uow.commit()


def _count(lap: Laptop, model: type) -> int:
    with lap.store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_a_revoked_laptop_signs_out_and_keeps_its_data(
    laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    lap = laptop("rep1")
    _add_customer(lap, "已同步客户")
    lap.engine.sync()
    _add_customer(lap, "未同步客户")
    device = local.read_meta(lap.store)[local.DEVICE_ID]
    assert revoke_device(server_engine, device) == 1

    with pytest.raises(DeviceRevoked) as refused:
        lap.engine.sync()
    assert not refused.value.wipe
    assert "revoked" in refused.value.message("en")
    meta = local.read_meta(lap.store)
    assert local.TOKEN not in meta and meta[local.REVOKED] == "1"
    # Without a wipe nothing is lost: the unsent customer waits in the outbox.
    assert _count(lap, Customer) == 2 and _count(lap, OutboxEntry) == 1

    # The next sync is refused on the laptop itself, without a token to present.
    with pytest.raises(DeviceRevoked):
        lap.engine.sync()
    # Signing in again does not get past the server while the device stays revoked.
    lap.engine.login("rep1", PASSWORD)
    with pytest.raises(DeviceRevoked):
        lap.engine.sync()
    assert local.TOKEN not in local.read_meta(lap.store)


def test_a_lost_laptop_erases_its_data(
    laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    lap = laptop("rep1")
    for n in range(20):
        _add_customer(lap, f"机密客户{n}")
    lap.engine.sync()
    backups = lap.store.path.parent / BACKUPS_DIRNAME
    backups.mkdir()
    (backups / "crm-2026-11-21.sqlite3").write_bytes(b"a copy of the same records")
    device = local.read_meta(lap.store)[local.DEVICE_ID]
    assert revoke_device(server_engine, device, wipe=True) == 1

    with pytest.raises(DeviceRevoked) as refused:
        lap.engine.sync()

    assert refused.value.wipe
    assert _count(lap, Customer) == 0 and _count(lap, OutboxEntry) == 0
    assert set(local.read_meta(lap.store)) == {local.REVOKED}
    assert not backups.exists()
    data = lap.store.path.read_bytes()
    wal = lap.store.path.with_name(lap.store.path.name + "-wal")
    leftovers = data + (wal.read_bytes() if wal.exists() else b"")
    assert "机密客户".encode() not in leftovers  # VACUUM and the WAL truncate left no copy

"""A (device, mutation id) pair names one edit forever (SYNC.md "Device identity is never
reused").

A store restored from a backup, or a data folder copied to a second laptop, used to send
new edits under ids the server had already answered for that device: the server said
`duplicate`, the laptop dropped the edit, and it existed nowhere. Real laptops (SQLite
stores with a SyncEngine) against the real server app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sync_helpers import BASE, Laptop, make_client

from crm_desktop.store.backup import backup_to, copy_database, restore_from
from crm_desktop.store.database import DB_FILENAME, Store, open_store
from crm_desktop.store.models import ConflictEntry, Customer
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.client import local
from crm_desktop.sync.client.engine import SyncEngine
from crm_desktop.sync.client.transport import Transport
from crm_desktop.sync.server.admin import revoke_device
from crm_desktop.sync.server.schema import SYNCED


@pytest.fixture
def reopen(app: Any) -> Iterator[Callable[[Path, Laptop], Laptop]]:
    """Open another data folder of the same user as a laptop (a restore, a copy)."""
    opened: list[Store] = []

    def make(folder: Path, like: Laptop) -> Laptop:
        store = open_store(folder)
        opened.append(store)
        return Laptop(store, SyncEngine(store, Transport(BASE, make_client(app))), like.user_id)

    yield make
    for store in opened:
        store.close()


def _customer(machine: Laptop, name: str) -> str:
    with UnitOfWork(machine.store, machine.user_id) as uow:
        row = Customer(name=name, name_key=name, owner_id=machine.user_id)
        uow.session.add(row)
        uow.commit()
    return row.id


def _on_server(engine: Engine) -> dict[str, str]:
    customers = SYNCED["customer"]
    with engine.connect() as conn:
        return {r.id: r.name for r in conn.execute(select(customers.c.id, customers.c.name))}


def _inbox(machine: Laptop) -> list[str]:
    with machine.store.reading() as s:
        return list(s.scalars(select(ConflictEntry.kind)).all())


def _device(machine: Laptop) -> str:
    return local.read_meta(machine.store)[local.DEVICE_ID]


def test_a_backup_restored_into_a_new_folder_sends_every_edit(
    laptop: Callable[[str], Laptop],
    reopen: Callable[[Path, Laptop], Laptop],
    server_engine: Engine,
    tmp_path: Path,
) -> None:
    me = laptop("rep1")
    before = _customer(me, "备份前")
    me.engine.sync()
    queued = _customer(me, "备份时未发送")  # in the backup's outbox, sent afterwards
    backup = backup_to(me.store, tmp_path / "backup.sqlite3")
    after = [_customer(me, f"备份后{i}") for i in range(3)]
    assert me.engine.sync().pushed == 4
    folder = tmp_path / "restored"
    folder.mkdir()
    restore_from(folder, backup)
    restored = reopen(folder, me)
    # The restored store's next mutation ids are the ones the three edits above took.
    edits = [_customer(restored, f"恢复后{i}") for i in range(2)]
    report = restored.engine.sync()
    assert report.rejected == 0 and report.conflicts == 0
    names = _on_server(server_engine)
    assert {before, queued, *after, *edits} <= names.keys()
    assert [names[e] for e in edits] == ["恢复后0", "恢复后1"]
    # The queued create the server had already applied is recognised, not made twice.
    assert _inbox(restored) == [] and len(names) == 7
    assert _device(restored) != _device(me)
    # And it goes on: a later edit on either store reaches the server.
    later = _customer(restored, "再后来"), _customer(me, "原来的")
    restored.engine.sync()
    me.engine.sync()
    assert set(later) <= _on_server(server_engine).keys()


def test_a_data_folder_copied_to_a_second_laptop_keeps_every_edit_of_both(
    laptop: Callable[[str], Laptop],
    reopen: Callable[[Path, Laptop], Laptop],
    server_engine: Engine,
    tmp_path: Path,
) -> None:
    me = laptop("rep1")
    _customer(me, "复制前")
    me.engine.sync()
    queued = _customer(me, "复制时未发送")  # both copies hold it in their outbox
    folder = tmp_path / "copied"
    folder.mkdir()
    copy_database(me.store.path, folder / DB_FILENAME)  # the file as it is, byte for byte
    copy = reopen(folder, me)
    # Both stores hand out the same next mutation ids.
    mine = [_customer(me, f"原机{i}") for i in range(2)]
    theirs = [_customer(copy, f"副本{i}") for i in range(2)]
    first = me.engine.sync()
    second = copy.engine.sync()
    assert (first.pushed, first.rejected) == (3, 0)
    assert second.rejected == 0 and second.conflicts == 0
    names = _on_server(server_engine)
    assert {queued, *mine, *theirs} <= names.keys() and len(names) == 6
    assert _inbox(me) == [] and _inbox(copy) == []
    assert _device(copy) != _device(me)
    # Both go on editing and syncing, in either order.
    more = [_customer(copy, "副本再"), _customer(me, "原机再")]
    copy.engine.sync()
    me.engine.sync()
    assert set(more) <= _on_server(server_engine).keys()


def test_a_rewound_outbox_sequence_never_drops_an_edit(
    laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    """A store put back by hand (an old copy of the file over the new one) is not seen as
    moved: the edit under a reused id is recognised by its fingerprint and sent again
    under a new id, and the handshake moves the next ids above the server's last one."""
    me = laptop("rep1")
    for i in range(3):
        _customer(me, f"早先{i}")
    me.engine.sync()
    with me.store.engine.begin() as conn:
        conn.execute(text("UPDATE sqlite_sequence SET seq = 1 WHERE name = 'outbox'"))
    edit = _customer(me, "倒回之后")
    report = me.engine.sync()
    assert report.pushed == 1 and report.rejected == 0
    assert _on_server(server_engine)[edit] == "倒回之后"
    with me.store.engine.connect() as conn:
        seq = conn.execute(
            text("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")
        ).scalar_one()
    assert seq >= 4


def test_a_backup_of_a_lost_laptop_restored_on_a_new_one_sends_its_queue(
    laptop: Callable[[str], Laptop],
    reopen: Callable[[Path, Laptop], Laptop],
    server_engine: Engine,
    tmp_path: Path,
) -> None:
    """The old device is revoked with a wipe; the restored store is a new device, and
    what the backup had queued goes out under it instead of under the revoked one."""
    me = laptop("rep1")
    _customer(me, "丢失前")
    me.engine.sync()
    queued = _customer(me, "丢失前未发送")
    backup = backup_to(me.store, tmp_path / "backup.sqlite3")
    assert revoke_device(server_engine, _device(me), wipe=True) == 1
    folder = tmp_path / "new-laptop"
    folder.mkdir()
    restore_from(folder, backup)
    restored = reopen(folder, me)
    report = restored.engine.sync()
    assert report.rejected == 0
    assert _on_server(server_engine)[queued] == "丢失前未发送"
    with restored.store.reading() as s:
        assert len(s.scalars(select(Customer.id)).all()) == 2
    assert local.INHERITED not in local.read_meta(restored.store)

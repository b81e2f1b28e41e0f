"""The write-ahead log is checkpointed in the background, not inside a user's commit."""

from __future__ import annotations

from pathlib import Path

from crm_desktop.store.checkpoint import SAFETY_NET_PAGES, WalCheckpointer
from crm_desktop.store.database import Store, open_store
from crm_desktop.store.models import Customer
from crm_desktop.store.unit_of_work import UnitOfWork


def _grow_wal(store: Store, customers: int = 300) -> None:
    with UnitOfWork(store, None) as uow:
        for i in range(customers):
            uow.session.add(Customer(name=f"华东{i:04d}贸易有限公司" * 3, notes="备注" * 200))
        uow.commit()


def test_connections_leave_ordinary_checkpoints_to_the_thread(store: Store) -> None:
    with store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    assert pages == SAFETY_NET_PAGES
    assert store.checkpointer is not None


def test_a_checkpoint_runs_once_the_log_passes_the_threshold(store: Store) -> None:
    probe = WalCheckpointer(store.path)
    checkpointer = WalCheckpointer(store.path, threshold_bytes=probe.wal_bytes() + 64 * 1024)
    assert not checkpointer.checkpoint_if_due()  # below the threshold: nothing to do
    assert checkpointer.last is None
    _grow_wal(store)
    assert checkpointer.checkpoint_if_due()
    assert checkpointer.last is not None
    busy, log, done = checkpointer.last
    assert (busy, done) == (0, log) and log > 0  # every frame copied into the database


def test_the_thread_checkpoints_on_its_own_and_stops_on_close(data_dir: Path) -> None:
    store = open_store(data_dir)
    assert store.checkpointer is not None
    store.checkpointer.stop()  # replaced by a quick one with a low threshold
    store.checkpointer = WalCheckpointer(
        store.path, threshold_bytes=64 * 1024, interval_s=0.01
    ).start()
    _grow_wal(store)
    assert store.checkpointer.checkpointed.wait(timeout=30)
    thread = store.checkpointer._thread
    store.close()
    assert not thread.is_alive()


def test_a_read_only_store_has_no_checkpointer(data_dir: Path) -> None:
    open_store(data_dir).close()
    store = open_store(data_dir, read_only=True)
    try:
        assert store.checkpointer is None
    finally:
        store.close()

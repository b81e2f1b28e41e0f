"""Backups of the store on real files: online copy, checks, restore, daily pruning."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services import backups
from crm_desktop.services.container import Services
from crm_desktop.store import backup
from crm_desktop.store.backup import (
    BackupDamaged,
    BackupTooNew,
    NotACrmStore,
    backup_to,
    inspect_backup,
    restore_from,
)
from crm_desktop.store.database import DB_FILENAME, Store, open_store
from crm_desktop.store.errors import DatabaseLocked
from crm_desktop.store.migrate import HEAD_REVISION
from crm_desktop.store.models import Customer, OutboxEntry
from crm_desktop.store.unit_of_work import UnitOfWork


def _add_customers(store: Store, names: list[str], owner: str | None = None) -> list[str]:
    with UnitOfWork(store, owner) as uow:
        rows = [Customer(name=name, name_key=name, owner_id=owner) for name in names]
        uow.session.add_all(rows)
        uow.commit()
        return [row.id for row in rows]


def _rename(store: Store, customer_id: str, name: str) -> None:
    with UnitOfWork(store, None) as uow:
        customer = uow.session.get(Customer, customer_id)
        assert customer is not None
        customer.name = customer.name_key = name
        uow.commit()


def _names(store: Store) -> set[str]:
    with store.reading() as session:
        return set(session.scalars(select(Customer.name).where(Customer.deleted.is_(False))))


def _outbox(store: Store) -> list[tuple[int, str, str, str]]:
    with store.reading() as session:
        rows = session.execute(
            select(
                OutboxEntry.mutation_id, OutboxEntry.name, OutboxEntry.entity, OutboxEntry.row_id
            ).order_by(OutboxEntry.mutation_id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def _search(store: Store, term: str) -> int:
    with store.reading() as session:
        return session.execute(
            text("SELECT count(*) FROM customer_search WHERE deleted = 0 AND instr(haystack, :t)"),
            {"t": term},
        ).scalar_one()


def test_backup_while_another_connection_writes(store: Store, tmp_path: Path) -> None:
    # Enough rows for many 8-page steps; the app commits a customer after every step.
    _add_customers(store, [f"客户{i:04d}" + "有限公司" * 20 for i in range(600)])
    steps: list[tuple[int, int]] = []

    def write_between_steps(done: int, total: int) -> None:
        steps.append((done, total))
        # A copy that restarts on every commit would loop here for ever: stop it.
        assert len(steps) < 500, "the backup keeps restarting"
        _add_customers(store, [f"备份期间{len(steps)}"])

    target = backup_to(store, tmp_path / "copy.sqlite3", progress=write_between_steps, step_pages=8)

    assert len(steps) > 5
    dones = [done for done, _total in steps]
    assert dones == sorted(dones)  # never restarted from the first page
    assert steps[-1][0] == steps[-1][1]
    copy = open_store(_as_data_dir(target, tmp_path / "check"), migrate=False)
    try:
        assert len(_names(copy)) == 600  # the moment the copy began, none of the later rows
        assert len(_outbox(copy)) == 600
    finally:
        copy.close()
    assert len(_names(store)) == 600 + len(steps)  # the writer was never held up


def _as_data_dir(backup_file: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(backup_file, folder / DB_FILENAME)
    return folder


def test_backup_file_is_one_self_contained_file(store: Store, tmp_path: Path) -> None:
    _add_customers(store, ["华东贸易", "华南贸易"])
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    target = backup_to(store, tmp_path / "sub" / "copy.sqlite3")

    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.sqlite3"]
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()
    info = inspect_backup(target)
    assert info.revision == HEAD_REVISION
    assert info.customers == 2 and info.pending_outbox == 2
    assert before - dt.timedelta(seconds=1) <= info.saved_at <= before + dt.timedelta(minutes=1)


def test_restore_round_trip_keeps_data_and_outbox(data_dir: Path, tmp_path: Path) -> None:
    store = open_store(data_dir)
    first = _add_customers(store, ["甲公司", "乙公司"])
    saved = backup_to(store, tmp_path / "saved.sqlite3")
    outbox_at_backup = _outbox(store)
    _rename(store, first[0], "甲公司（改名）")
    _add_customers(store, ["丙公司"])
    store.close()

    result = restore_from(data_dir, saved, keep_pending=False)

    assert result.kept_pending == 0 and result.info.customers == 2
    restored = open_store(data_dir)
    try:
        assert _names(restored) == {"甲公司", "乙公司"}
        assert _outbox(restored) == outbox_at_backup  # the backup's own unsent changes
        assert _search(restored, "丙公司") == 0 and _search(restored, "甲公司") == 1
        with restored.reading() as session:
            assert (
                session.execute(
                    text("SELECT count(*) FROM sync_meta WHERE key = 'backup_saved_at'")
                ).scalar_one()
                == 0
            )
        # A new edit never reuses a mutation id the replaced store already handed out.
        _add_customers(restored, ["丁公司"])
        assert _outbox(restored)[-1][0] > 4
    finally:
        restored.close()
    assert result.previous is not None and result.previous.exists()
    backup.discard_previous(data_dir)
    assert not result.previous.exists()


def test_restore_keeps_unsent_changes_made_after_the_backup(data_dir: Path, tmp_path: Path) -> None:
    store = open_store(data_dir)
    first = _add_customers(store, ["甲公司", "乙公司"])
    saved = backup_to(store, tmp_path / "saved.sqlite3")
    _rename(store, first[1], "乙公司（新名）")
    added = _add_customers(store, ["丙公司"])
    pending_now = _outbox(store)
    assert len(pending_now) == 4
    store.close()

    result = restore_from(data_dir, saved, keep_pending=True)

    assert result.kept_pending == 2
    restored = open_store(data_dir)
    try:
        # The unsent changes travel on, with their own ids, and the rows show them.
        assert _outbox(restored) == pending_now
        assert _names(restored) == {"甲公司", "乙公司（新名）", "丙公司"}
        assert _search(restored, "丙公司") == 1 and _search(restored, "乙公司（新名）") == 1
        with restored.reading() as session:
            assert session.get(Customer, added[0]) is not None
    finally:
        restored.close()


def test_unsent_changes_of_another_user_are_not_carried(data_dir: Path, tmp_path: Path) -> None:
    other = open_store(tmp_path / "other")
    with other.engine.begin() as conn:
        conn.execute(text("INSERT INTO sync_meta (key, value) VALUES ('user_id', 'someone')"))
    _add_customers(other, ["别人的客户"])
    saved = backup_to(other, tmp_path / "other.sqlite3")
    other.close()
    store = open_store(data_dir)
    _add_customers(store, ["我的客户"])
    store.close()

    info = inspect_backup(saved)
    assert backup.pending_changes(data_dir / DB_FILENAME, info) == backup.PendingChanges(
        1, can_keep=False
    )
    result = restore_from(data_dir, saved, keep_pending=True)

    assert result.kept_pending == 0
    restored = open_store(data_dir)
    try:
        assert _names(restored) == {"别人的客户"}
        assert len(_outbox(restored)) == 1
    finally:
        restored.close()


def test_an_older_schema_is_restored_and_migrated(data_dir: Path, tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "store-0001.sqlite3"
    store = open_store(data_dir)
    store.close()

    result = restore_from(data_dir, fixture)

    assert result.info.revision == "0001_initial"
    restored = open_store(data_dir)
    try:
        with restored.engine.connect() as conn:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert revision == HEAD_REVISION
        assert _names(restored)
    finally:
        restored.close()


def test_refuses_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("这不是数据库" * 100, encoding="utf-8")
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    for path in (junk, empty):
        with pytest.raises(NotACrmStore) as refused:
            inspect_backup(path)
        assert "CRM Desktop" in refused.value.message("zh_CN")
        assert "not a CRM Desktop" in refused.value.message("en")


def test_refuses_an_sqlite_file_that_is_not_a_crm_store(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(NotACrmStore):
        inspect_backup(other)


def test_refuses_a_backup_from_a_newer_app(store: Store, tmp_path: Path) -> None:
    saved = backup_to(store, tmp_path / "future.sqlite3")
    conn = sqlite3.connect(saved)
    conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.commit()
    conn.close()
    with pytest.raises(BackupTooNew) as refused:
        inspect_backup(saved)
    assert "0099_from_the_future" in refused.value.message("en")
    assert "升级" in refused.value.message("zh_CN")


def test_refuses_a_damaged_backup(store: Store, tmp_path: Path) -> None:
    _add_customers(store, [f"客户{i}" + "有限公司" * 30 for i in range(300)])
    saved = backup_to(store, tmp_path / "damaged.sqlite3")
    size = saved.stat().st_size
    with saved.open("r+b") as handle:  # scribble over the middle of the file
        handle.seek(size // 2)
        handle.write(b"\xff" * 20_000)
    with pytest.raises(BackupDamaged):
        inspect_backup(saved)


def test_a_refused_restore_changes_nothing(data_dir: Path, tmp_path: Path) -> None:
    store = open_store(data_dir)
    _add_customers(store, ["甲公司"])
    store.close()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    before = sorted(p.name for p in data_dir.iterdir())

    with pytest.raises(UserFacingError):
        restore_from(data_dir, junk)

    assert sorted(p.name for p in data_dir.iterdir()) == before
    reopened = open_store(data_dir)
    try:
        assert _names(reopened) == {"甲公司"}
    finally:
        reopened.close()


def test_restore_refuses_while_another_program_has_the_store_open(
    data_dir: Path, tmp_path: Path
) -> None:
    store = open_store(data_dir)
    _add_customers(store, ["甲公司"])
    saved = backup_to(store, tmp_path / "saved.sqlite3")
    _add_customers(store, ["乙公司"])  # a second window, still open and writing
    try:
        with pytest.raises(DatabaseLocked):
            restore_from(data_dir, saved)
        assert _names(store) == {"甲公司", "乙公司"}
        assert not backup.previous_path(data_dir).exists()
    finally:
        store.close()


def test_undo_restore_puts_the_previous_store_back(data_dir: Path, tmp_path: Path) -> None:
    store = open_store(data_dir)
    _add_customers(store, ["旧数据"])
    other = open_store(tmp_path / "other")
    _add_customers(other, ["备份数据"])
    saved = backup_to(other, tmp_path / "saved.sqlite3")
    other.close()
    store.close()

    restore_from(data_dir, saved)
    assert backup.undo_restore(data_dir)

    reopened = open_store(data_dir)
    try:
        assert _names(reopened) == {"旧数据"}
    finally:
        reopened.close()
    assert not backup.undo_restore(data_dir)


def test_restore_service_reopens_the_previous_store_when_refused(
    services: Services, tmp_path: Path
) -> None:
    _add_customers(services.store, ["甲公司"])
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("junk", encoding="utf-8")

    outcome = backups.restore(services, junk)
    try:
        assert not outcome.restored and isinstance(outcome.error, NotACrmStore)
        assert _names(outcome.services.store) == {"甲公司"}
    finally:
        outcome.services.close()


def test_daily_backup_once_a_day_keeping_the_last_n(services: Services) -> None:
    _add_customers(services.store, ["甲公司"])
    folder = backups.backups_folder(services)
    start = dt.date(2026, 11, 1)
    made = [backups.backup_if_due(services, start + dt.timedelta(days=i), 3) for i in range(5)]
    assert all(path is not None for path in made)
    assert backups.backup_if_due(services, start + dt.timedelta(days=4), 3) is None  # done

    kept = backups.list_backups(folder)
    assert [b.path.name for b in kept] == [
        "crm-2026-11-05.sqlite3",
        "crm-2026-11-04.sqlite3",
        "crm-2026-11-03.sqlite3",
    ]
    assert backups.last_backup_on(services) == dt.date(2026, 11, 5)
    assert inspect_backup(kept[0].path).customers == 1


def test_pruning_leaves_other_files_alone(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in ("2026-10-01", "2026-10-02", "2026-10-03"):
        (folder / f"crm-{day}.sqlite3").write_bytes(b"x")
    (folder / "crm-before-move.sqlite3").write_bytes(b"mine")
    (folder / "notes.txt").write_text("keep", encoding="utf-8")

    removed = backups.prune_backups(folder, 1)

    assert sorted(p.name for p in removed) == ["crm-2026-10-01.sqlite3", "crm-2026-10-02.sqlite3"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "crm-2026-10-03.sqlite3",
        "crm-before-move.sqlite3",
        "notes.txt",
    ]
    assert backups.prune_backups(folder, 0) == []  # the newest one always stays


def test_backup_now_to_a_chosen_file(services: Services, tmp_path: Path) -> None:
    _add_customers(services.store, ["甲公司"])
    path = backups.backup_now(services, tmp_path / "我的备份.sqlite3")
    preview = backups.preview_restore(services, path)
    assert preview.info.customers == 1
    assert preview.pending == backup.PendingChanges(1, can_keep=True)
    with services.store.reading() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 1

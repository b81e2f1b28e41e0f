"""Copy the store to a backup file while the app runs, check a backup, restore one.

A backup is made with SQLite's online backup API from a connection that holds one read
transaction for the whole copy. In WAL mode that reader never blocks the app's writers,
and the copy is of one consistent moment: without the held transaction, every commit by
another connection restarts the copy from the first page, and on a busy store it never
finishes (measured: a copy in 64-page steps with a write per step never completed). The
pages go in steps, and the driver releases the GIL during each step, so the GUI thread
keeps running. The copy is written under a temporary name and renamed into place, so a
backup file is either complete or absent, and it is switched to a rollback journal: one
self-contained file the user can move anywhere.

A restore replaces the store file while no one uses it (the caller has closed the store):
the backup is copied next to it, migrated to this app's schema, given the current store's
unsent changes (see `_carry_pending`), and only then swapped in. The current file is kept
as `crm.sqlite3.before-restore` until the caller has opened the restored store; then
`discard_previous` removes it, or `undo_restore` puts it back.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.config.atomic_file import atomic_target
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.store.base import utcnow
from crm_desktop.store.database import DB_FILENAME, Store, make_engine
from crm_desktop.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseUnavailable,
    translate,
    user_errors,
)
from crm_desktop.store.migrate import MIGRATIONS_DIR, upgrade_to_head
from crm_desktop.store.models import SYNCED_MODELS
from crm_desktop.store.pinyin import register as register_pinyin

log = logging.getLogger(__name__)

# The data folder's subfolder of automatic daily backups (services/backups.py writes them;
# the lost-laptop wipe, store/erase.py, deletes them with the store).
BACKUPS_DIRNAME = "backups"
STEP_PAGES = 1024  # 4 MB of 4 KB pages per backup step
SAVED_AT_KEY = "backup_saved_at"  # sync_meta of a backup copy: when it was made (UTC ISO)
PREVIOUS_SUFFIX = ".before-restore"
STAGED_SUFFIX = ".restoring"
SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every CRM store has had since the first schema.
CORE_TABLES = frozenset({"alembic_version", "customers", "users", "outbox", "sync_meta"})
_SIDECARS = ("", "-wal", "-shm", "-journal")
# sync_meta keys (the same as sync/client/local.py, which the store layer cannot import)
_USER_ID, _DEVICE_ID = "user_id", "device_id"
_HOME, _RESTORED = "store_home", "restored"
_ENTITY_TABLES = {model.__sync_entity__: str(model.__tablename__) for model in SYNCED_MODELS}


class BackupRefused(UserFacingError):
    """The chosen file cannot be restored; the message says why."""


class NotACrmStore(BackupRefused):
    def __init__(self) -> None:
        super().__init__(
            "所选文件不是 CRM Desktop 的数据文件或备份，无法恢复。",
            "The chosen file is not a CRM Desktop data file or backup, so it cannot be restored.",
        )


class BackupDamaged(BackupRefused):
    def __init__(self) -> None:
        super().__init__(
            "备份文件已损坏，无法恢复。请选择另一个备份。",
            "The backup file is damaged and cannot be restored. Choose another backup.",
        )


class BackupTooNew(BackupRefused):
    def __init__(self, revision: str) -> None:
        super().__init__(
            f"该备份由较新版本的 CRM Desktop 创建（数据结构 {revision}），请先升级本程序再恢复。",
            f"The backup was made by a newer CRM Desktop (schema {revision}). Update this "
            "app before restoring it.",
        )


@dataclass(frozen=True)
class BackupInfo:
    """What a restore would bring back, read from the backup file itself."""

    path: Path
    revision: str
    saved_at: dt.datetime  # naive UTC, like the store's times
    customers: int  # live (not deleted) customers
    pending_outbox: int  # unsent changes inside the backup
    user_id: str | None
    user_name: str | None  # the display name of the laptop's user in the backup
    device_id: str | None


@dataclass(frozen=True)
class PendingChanges:
    """The unsent changes of the current store, and whether a restore can keep them."""

    count: int
    # The backup is of this laptop's user and device, so the changes can travel on top of
    # it; another user's backup would send them under the wrong account.
    can_keep: bool


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    kept_pending: int  # unsent changes of the replaced store carried into the restored one
    previous: Path | None  # the replaced store, until discard_previous / undo_restore


# --- backup ----------------------------------------------------------------------------


def _uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in _SIDECARS]


def _remove(path: Path) -> None:
    for file in _sidecars(path):
        file.unlink(missing_ok=True)


def copy_database(
    source: Path,
    target: Path,
    *,
    read_only_source: bool = False,
    progress: Callable[[int, int], None] | None = None,
    finish: Callable[[sqlite3.Connection], None] | None = None,
    step_pages: int = STEP_PAGES,
) -> None:
    """Copy the database at `source` to `target` (replaced atomically) with the backup API.

    `progress(done, total)` is called in pages after each step; `finish(connection)` may
    change the copy before it is renamed into place. Environment failures come out as
    StoreError.
    """
    # config/atomic_file.py: a temporary file beside the target (0666 less the umask, so
    # a backup saved for the user has their ordinary permissions), renamed when complete.
    temp: Path | None = None
    try:
        with user_errors(), atomic_target(target) as temp:
            src = sqlite3.connect(
                _uri(source, "ro") if read_only_source else str(source),
                uri=read_only_source,
                isolation_level=None,
                check_same_thread=False,
            )
            try:
                # One read transaction for the whole copy: a consistent snapshot, no restarts.
                src.execute("BEGIN")
                src.execute("SELECT count(*) FROM sqlite_master").fetchone()
                dst = sqlite3.connect(str(temp), isolation_level=None)
                try:

                    def report(_status: int, remaining: int, total: int) -> None:
                        if progress is not None:
                            progress(total - remaining, total)

                    src.backup(dst, pages=step_pages, progress=report)
                    dst.execute("PRAGMA journal_mode = DELETE")
                    if finish is not None:
                        finish(dst)
                finally:
                    dst.close()
                src.execute("COMMIT")
            finally:
                src.close()
    except OSError as error:
        raise DatabaseUnavailable(f"{target}: {error.strerror}") from error
    finally:
        if temp is not None:
            _remove(temp)  # SQLite's journal of the temporary copy, if a step failed


def backup_to(
    store: Store,
    path: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    step_pages: int = STEP_PAGES,
) -> Path:
    """Write a consistent copy of the open `store` to `path` while the app keeps working.

    The copy records when it was made (sync_meta `backup_saved_at`), which a restore
    shows and then removes.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseUnavailable(f"{path.parent}: {error.strerror}") from error

    def stamp(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?, ?)",
            (SAVED_AT_KEY, utcnow().isoformat()),
        )

    copy_database(store.path, path, progress=progress, finish=stamp, step_pages=step_pages)
    return path


# --- inspect ---------------------------------------------------------------------------


def known_revisions() -> frozenset[str]:
    """Every schema revision this app's migrations know (a backup at another is newer)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return frozenset(revision.revision for revision in script.walk_revisions())


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseUnavailable(f"{path}: {error.strerror}") from error


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM sync_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def inspect_backup(path: Path) -> BackupInfo:
    """Read a backup's revision, date and counts; refuse a file that cannot be restored.

    Refused (BackupRefused, in Chinese and English): a file that is not SQLite, an SQLite
    file that is not a CRM store, a damaged one (`PRAGMA quick_check`), and one whose
    schema revision this app does not know, i.e. made by a newer version.
    """
    if _read_header(path) != SQLITE_HEADER:
        raise NotACrmStore()
    try:
        conn = sqlite3.connect(_uri(path, "ro"), uri=True)
    except sqlite3.Error as error:
        raise DatabaseUnavailable(f"{path}: {error}") from error
    try:
        return _inspect(conn, path)
    except sqlite3.Error as error:
        translated = translate(error)
        if translated is None or isinstance(translated, DatabaseCorrupt):
            raise BackupDamaged() from error
        raise translated from error
    finally:
        conn.close()


def _inspect(conn: sqlite3.Connection, path: Path) -> BackupInfo:
    tables = {
        str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if not CORE_TABLES.issubset(tables):
        raise NotACrmStore()
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None:
        raise NotACrmStore()
    if revision[0] not in known_revisions():
        raise BackupTooNew(str(revision[0]))
    if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
        raise BackupDamaged()
    saved = _meta(conn, SAVED_AT_KEY)
    if saved is not None:
        saved_at = dt.datetime.fromisoformat(saved)
    else:  # a plain copy of a store file: its modification time is the best we know
        saved_at = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(tzinfo=None)
    user_id = _meta(conn, _USER_ID)
    name = conn.execute("SELECT display_name FROM users WHERE id = ?", (user_id,)).fetchone()
    return BackupInfo(
        path=path,
        revision=str(revision[0]),
        saved_at=saved_at,
        customers=conn.execute("SELECT count(*) FROM customers WHERE deleted = 0").fetchone()[0],
        pending_outbox=conn.execute("SELECT count(*) FROM outbox").fetchone()[0],
        user_id=user_id,
        user_name=None if name is None else str(name[0]),
        device_id=_meta(conn, _DEVICE_ID),
    )


def pending_changes(store_path: Path, info: BackupInfo) -> PendingChanges:
    """The current store's unsent changes and whether restoring `info` can keep them.

    Reads the file directly, so it works whether or not the store is open; a store that
    cannot be read has nothing that could be kept.
    """
    if not store_path.exists():
        return PendingChanges(0, can_keep=False)
    try:
        conn = sqlite3.connect(_uri(store_path, "ro"), uri=True)
        try:
            count = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
            same = (_meta(conn, _USER_ID), _meta(conn, _DEVICE_ID)) == (
                info.user_id,
                info.device_id,
            )
        finally:
            conn.close()
    except sqlite3.Error:
        return PendingChanges(0, can_keep=False)
    return PendingChanges(int(count), can_keep=same)


# --- restore ---------------------------------------------------------------------------


def previous_path(data_dir: Path) -> Path:
    return data_dir / (DB_FILENAME + PREVIOUS_SUFFIX)


def restore_from(data_dir: Path, backup: Path, *, keep_pending: bool = True) -> RestoreResult:
    """Replace the store in `data_dir` with `backup`; the caller has closed the store.

    The backup is checked (`inspect_backup`), copied beside the store, migrated to this
    app's schema and, with `keep_pending`, given the current store's unsent changes; only
    then is the current file moved to `crm.sqlite3.before-restore` and the copy put in its
    place. Nothing in `data_dir` changes when any step before the swap fails.
    """
    info = inspect_backup(backup)
    live = data_dir / DB_FILENAME
    staged = data_dir / (DB_FILENAME + STAGED_SUFFIX)
    _remove(staged)
    try:
        copy_database(backup, staged, read_only_source=True)
        engine = make_engine(staged)
        try:
            with user_errors():
                upgrade_to_head(engine)
        finally:
            engine.dispose()
        kept = _finish_staged(staged, live, info, keep_pending=keep_pending)
        previous = _swap_in(staged, live)
    except BaseException:
        _remove(staged)
        raise
    return RestoreResult(info=info, kept_pending=kept, previous=previous)


def _finish_staged(staged: Path, live: Path, info: BackupInfo, *, keep_pending: bool) -> int:
    """Forget the backup's own date, keep the outbox sequence, carry the unsent changes."""
    with user_errors():
        conn = sqlite3.connect(str(staged), isolation_level=None)
        register_pinyin(conn)  # the search triggers fire as unsent customers are carried
        try:
            attached = live.exists() and _attach_current(conn, live)
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DELETE FROM sync_meta WHERE key = ?", (SAVED_AT_KEY,))
            # A restored store takes a new device identity at its next sync: the device
            # it was made on may have sent other edits under its next mutation ids.
            conn.execute(
                "INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?, ?)", (_HOME, _RESTORED)
            )
            kept = 0
            if attached:
                _keep_outbox_sequence(conn)
                if keep_pending and pending_changes(live, info).can_keep:
                    kept = _carry_pending(conn)
            conn.execute("COMMIT")
            if attached:
                conn.execute("DETACH DATABASE cur")
        finally:
            conn.close()
    return kept


def _attach_current(conn: sqlite3.Connection, live: Path) -> bool:
    """Attach the current store read-only as `cur`; False when it cannot be read (damaged)."""
    try:
        conn.execute("ATTACH DATABASE ? AS cur", (_uri(live, "ro"),))
    except sqlite3.Error:
        return False
    try:
        conn.execute("SELECT count(*) FROM cur.outbox").fetchone()
    except sqlite3.Error:
        conn.execute("DETACH DATABASE cur")
        return False
    return True


def _keep_outbox_sequence(conn: sqlite3.Connection) -> None:
    """Never hand out a mutation id again that the replaced store already used.

    The server keeps a receipt per (device, mutation id) and answers a repeated id with
    the stored result: a new edit under an id the device already sent after the backup
    was made would be taken for that old edit and never applied.
    """
    used = conn.execute(
        "SELECT max(coalesce((SELECT seq FROM main.sqlite_sequence WHERE name = 'outbox'), 0),"
        " coalesce((SELECT seq FROM cur.sqlite_sequence WHERE name = 'outbox'), 0),"
        " coalesce((SELECT max(mutation_id) FROM cur.outbox), 0))"
    ).fetchone()[0]
    if used == 0:
        return
    updated = conn.execute(
        "UPDATE main.sqlite_sequence SET seq = ? WHERE name = 'outbox'", (used,)
    ).rowcount
    if not updated:
        conn.execute("INSERT INTO main.sqlite_sequence (name, seq) VALUES ('outbox', ?)", (used,))


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def _carry_pending(conn: sqlite3.Connection) -> int:
    """Append the current store's outbox entries the backup lacks, with their rows.

    An entry is the same mutation when its id and content match one in the backup (the
    backup was made while it was still unsent). The others are appended under their own
    id, so a replay the server already received stays recognisable, or under a new id if
    the backup used theirs for something else. The rows those entries change are copied
    from the current store as they are now, so the restored store shows what will be
    sent; the next pull brings the rest of the server's side.
    """
    outbox_columns = _columns(conn, "main", "outbox")
    shared = [c for c in _columns(conn, "cur", "outbox") if c in outbox_columns]
    listed = ", ".join(shared)
    backup_entries = {
        row[0]: row[1:]
        for row in conn.execute("SELECT mutation_id, name, entity, row_id, patch FROM main.outbox")
    }
    rows = conn.execute(f"SELECT {listed} FROM cur.outbox ORDER BY mutation_id").fetchall()
    index = {name: i for i, name in enumerate(shared)}
    touched: dict[str, set[str]] = {}
    kept = 0
    for row in rows:
        mutation_id = row[index["mutation_id"]]
        content = tuple(row[index[c]] for c in ("name", "entity", "row_id", "patch"))
        if backup_entries.get(mutation_id) == content:
            continue
        values = list(row)
        if mutation_id in backup_entries:
            values[index["mutation_id"]] = None  # taken in the backup: the next free id
        marks = ", ".join("?" for _ in shared)
        conn.execute(f"INSERT INTO main.outbox ({listed}) VALUES ({marks})", values)
        entity = str(row[index["entity"]])
        touched.setdefault(entity, set()).add(str(row[index["row_id"]]))
        kept += 1
    _copy_rows(conn, touched)
    return kept


def _copy_rows(conn: sqlite3.Connection, touched: dict[str, set[str]]) -> None:
    """Copy the current rows of (entity → ids) over the restored ones, by id.

    The freeze triggers refuse changes to a signed report and its visits; as in the sync
    apply, a grant row per report lets the copy through and is removed afterwards. An
    upsert (not INSERT OR REPLACE) keeps the rowid, which the search index is keyed by,
    and fires the triggers that keep that index current.
    """
    reports = set(touched.get("daily_report", ()))
    visits = sorted(touched.get("visit_record", ()))
    for schema in ("main", "cur"):
        for start in range(0, len(visits), 500):
            chunk = visits[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            reports.update(
                str(r[0])
                for r in conn.execute(
                    f"SELECT report_id FROM {schema}.visit_records WHERE id IN ({marks})", chunk
                )
            )
    grants = [(r,) for r in sorted(reports)]
    conn.executemany("INSERT OR IGNORE INTO main.report_reopen_grants VALUES (?)", grants)
    for entity, ids in touched.items():
        table = _ENTITY_TABLES.get(entity)
        if table is None:  # a command on something that is not a row (resolve_conflict)
            continue
        have = set(_columns(conn, "cur", table))
        columns = [c for c in _columns(conn, "main", table) if c in have]
        listed = ", ".join(columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
        statement = (
            f"INSERT INTO main.{table} ({listed}) SELECT {listed} FROM cur.{table} "
            f"WHERE id = ? ON CONFLICT (id) DO UPDATE SET {updates}"
        )
        for row_id in sorted(ids):
            conn.execute("SAVEPOINT carry")
            try:
                conn.execute(statement, (row_id,))
            except sqlite3.IntegrityError as error:
                # e.g. a second report for one day: the entry still goes to the server,
                # whose answer then settles the row.
                log.warning("restore: row %s %s not copied: %s", entity, row_id, error)
                conn.execute("ROLLBACK TO carry")
            conn.execute("RELEASE carry")
    conn.executemany("DELETE FROM main.report_reopen_grants WHERE report_id = ?", grants)


def _swap_in(staged: Path, live: Path) -> Path | None:
    """Move the current store (with its log) aside and the staged copy into its place."""
    if not live.exists():
        os.replace(staged, live)
        return None
    _checkpoint_closed(live)
    previous = live.with_name(live.name + PREVIOUS_SUFFIX)
    _remove(previous)
    for source, target in zip(_sidecars(live), _sidecars(previous), strict=True):
        if source.exists():
            os.replace(source, target)
    os.replace(staged, live)
    return previous


def _checkpoint_closed(live: Path) -> None:
    """Fold the current store's log into its file; refuse if another program has it open.

    Closing the last connection of a WAL database checkpoints it and deletes the log; a
    log that outlives our own connection means someone else (a second window) still has
    the store open, and moving the file under them would lose their writes.
    """
    wal = live.with_name(live.name + "-wal")
    if not wal.exists():
        return
    try:
        conn = sqlite3.connect(str(live), timeout=1.0)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return  # a damaged store: it moves aside together with its log
    if wal.exists():
        raise DatabaseLocked()


def discard_previous(data_dir: Path) -> None:
    """The restored store opened fine: remove the replaced one."""
    _remove(previous_path(data_dir))


def undo_restore(data_dir: Path) -> bool:
    """Put the replaced store back (the restored one failed to open); False if none."""
    previous = previous_path(data_dir)
    if not previous.exists():
        return False
    live = data_dir / DB_FILENAME
    _remove(live)
    for source, target in zip(_sidecars(previous), _sidecars(live), strict=True):
        if source.exists():
            os.replace(source, target)
    return True

"""Backups of the local store: the automatic daily copy, backup now, and restore.

The daily backup goes to `<data folder>/backups/crm-YYYY-MM-DD.sqlite3`, at most one a
day, and only the newest `keep` of those files stay; a backup the user saves elsewhere
(`backup_now`) is theirs and never pruned. The copy itself, the checks of a backup file
and the file swap of a restore are in store/backup.py; here they meet the services of
the open store, which a restore closes and reopens.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.container import Services
from crm_desktop.store import backup as store_backup
from crm_desktop.store.backup import BackupInfo, PendingChanges

log = logging.getLogger(__name__)

_DAILY_NAME = re.compile(r"^crm-(\d{4}-\d{2}-\d{2})\.sqlite3$")

__all__ = [
    "BackupFile",
    "BackupInfo",
    "PendingChanges",
    "RestoreFailed",
    "RestoreOutcome",
    "RestorePreview",
    "backup_if_due",
    "backup_now",
    "backups_folder",
    "daily_backup_name",
    "last_backup_on",
    "list_backups",
    "preview_restore",
    "prune_backups",
    "restore",
    "restore_closed",
]


@dataclass(frozen=True)
class BackupFile:
    path: Path
    day: dt.date
    size: int  # bytes


@dataclass(frozen=True)
class RestorePreview:
    """What the restore confirmation shows: the backup, and the current unsent changes."""

    info: BackupInfo
    pending: PendingChanges


@dataclass(frozen=True)
class RestoreOutcome:
    """The services to use from now on: the restored store's, or (when `error` is set)
    the previous store's, put back."""

    services: Services
    error: UserFacingError | None
    info: BackupInfo | None
    kept_pending: int

    @property
    def restored(self) -> bool:
        return self.error is None


class RestoreFailed(UserFacingError):
    def __init__(self, cause: UserFacingError) -> None:
        super().__init__(
            f"恢复失败，已换回恢复前的数据，没有任何更改。原因：{cause.message_zh}",
            "The restore failed; the data from before the restore is back and nothing "
            f"changed. Reason: {cause.message_en}",
        )
        self.cause = cause


def backups_folder(services: Services) -> Path:
    return services.database_path.parent / store_backup.BACKUPS_DIRNAME


def daily_backup_name(day: dt.date) -> str:
    return f"crm-{day.isoformat()}.sqlite3"


def list_backups(folder: Path) -> list[BackupFile]:
    """The automatic daily backups in `folder`, newest first."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:  # no folder yet
        return []
    for path in entries:
        match = _DAILY_NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        try:
            day = dt.date.fromisoformat(match.group(1))
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(BackupFile(path, day, size))
    return sorted(found, key=lambda backup: backup.day, reverse=True)


def last_backup_on(services: Services) -> dt.date | None:
    """The day of the newest automatic backup, None if there is none yet."""
    backups = list_backups(backups_folder(services))
    return backups[0].day if backups else None


def prune_backups(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` (at least one) daily backups; the deleted paths."""
    removed = []
    for old in list_backups(folder)[max(1, keep) :]:
        try:
            old.path.unlink()
        except OSError as error:  # e.g. open in another program: next time
            log.warning("backup %s not removed: %s", old.path, error)
            continue
        removed.append(old.path)
    return removed


def backup_if_due(services: Services, today: dt.date, keep: int) -> Path | None:
    """Today's automatic backup, unless it exists already (then None); prunes the rest."""
    folder = backups_folder(services)
    target = folder / daily_backup_name(today)
    if target.exists():
        return None
    store_backup.backup_to(services.store, target)
    prune_backups(folder, keep)
    return target


def backup_now(
    services: Services, path: Path, *, progress: Callable[[int, int], None] | None = None
) -> Path:
    """Back up the store to a file the user chose (replacing it if it exists)."""
    return store_backup.backup_to(services.store, path, progress=progress)


def preview_restore(services: Services, path: Path) -> RestorePreview:
    """Check a backup file (BackupRefused when it cannot be restored) for the confirmation."""
    info = store_backup.inspect_backup(path)
    return RestorePreview(info, store_backup.pending_changes(services.database_path, info))


def restore_closed(
    data_dir: Path, path: Path, *, keep_pending: bool = True
) -> tuple[Services, store_backup.RestoreResult]:
    """Restore the backup at `path` into `data_dir`, whose store nobody has open, and
    open the services on the result.

    A refused backup raises (BackupRefused, DatabaseLocked, ...) with nothing changed; a
    restored store that does not open is replaced by the previous one again and
    RestoreFailed is raised.
    """
    result = store_backup.restore_from(data_dir, path, keep_pending=keep_pending)
    try:
        restored = Services.open(data_dir)
    except UserFacingError as error:
        log.error("restored store does not open (%s); putting the previous one back", error)
        store_backup.undo_restore(data_dir)
        raise RestoreFailed(error) from error
    store_backup.discard_previous(data_dir)
    log.info(
        "restored %s (schema %s, %d unsent changes kept)",
        path,
        result.info.revision,
        result.kept_pending,
    )
    return restored, result


def restore(services: Services, path: Path, *, keep_pending: bool = True) -> RestoreOutcome:
    """Close `services`, restore the backup at `path`, and open the store again.

    With `keep_pending`, the unsent changes of the current store travel into the restored
    one (when it is the same user's and laptop's). If the backup is refused or the
    restored store does not open, the previous store is (put back and) opened, and the
    outcome carries the error; only a store that cannot be reopened at all raises.
    """
    data_dir = services.database_path.parent
    services.close()
    try:
        restored, result = restore_closed(data_dir, path, keep_pending=keep_pending)
    except UserFacingError as error:
        log.warning("restore of %s not done: %s", path, error.message_en)
        return RestoreOutcome(Services.open(data_dir), error, None, 0)
    return RestoreOutcome(restored, None, result.info, result.kept_pending)

"""Moving the data folder (Settings → Move…): copy, then point the settings at the copy.

The copy is made beside the target first and renamed into place piece by piece, the
database last, so a failure leaves no half-written store in the target: a start on the
target either finds the whole copy or no store. The store is copied with SQLite's
backup API (services/backups.backup_now), a consistent snapshot even while it is open.
The settings point to the new folder only once the copy is complete; the old folder is
left as it was (on Windows and macOS it also holds the settings, so it must stay).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from crm_desktop.config.paths import check_writable
from crm_desktop.config.settings import DATA_FOLDER, Settings
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services import backups
from crm_desktop.services.container import Services

STAGING_PREFIX = ".crm-move-"
# Besides the store: the automatic daily backups (folder) travel with the data.
BACKUPS_DIR = "backups"


class MoveRefused(UserFacingError):
    """The chosen folder cannot take the data; nothing was copied."""


def check_target(current: Path, target: Path, database_name: str) -> None:
    """Refuse a target that is the current folder, inside it, or already holds a store."""
    current, target = current.resolve(), target.resolve()
    if target == current:
        raise MoveRefused(
            "这就是当前的数据文件夹，请选择另一个文件夹。",
            "This is the current data folder; choose another folder.",
        )
    if target.is_relative_to(current):
        raise MoveRefused(
            f"不能把数据移到当前数据文件夹里面（{target}）。请选择它之外的文件夹。",
            f"The data cannot move into the current data folder ({target}). Choose a "
            "folder outside it.",
        )
    if (target / database_name).exists() or (target / BACKUPS_DIR).exists():
        raise MoveRefused(
            f"文件夹 {target} 里已经有 CRM Desktop 的数据，为避免覆盖，请选择一个空文件夹。",
            f"The folder {target} already holds CRM Desktop data. To overwrite nothing, "
            "choose an empty folder.",
        )


def move_data_folder(services: Services, settings: Settings, target: Path) -> Path:
    """Copy the data to `target` and save the setting pointing to it; the new folder.

    Takes effect at the next start: the running app keeps using the old folder.
    """
    current = services.database_path.parent
    database_name = services.database_path.name
    target = target.expanduser().resolve()
    check_target(current, target, database_name)
    check_writable(target)
    staging = target / f"{STAGING_PREFIX}{os.getpid()}"
    placed: list[Path] = []
    previous = settings.get(DATA_FOLDER)
    try:
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        if (current / BACKUPS_DIR).is_dir():
            shutil.copytree(current / BACKUPS_DIR, staging / BACKUPS_DIR)
        backups.backup_now(services, staging / database_name)
        for name in (BACKUPS_DIR, database_name):  # the store last: it marks a whole copy
            if (staging / name).exists():
                os.replace(staging / name, target / name)
                placed.append(target / name)
        settings.set(DATA_FOLDER, str(target))
        settings.save()
    except OSError as error:
        _undo(placed)
        settings.set(DATA_FOLDER, previous)
        raise UserFacingError(
            f"无法把数据复制到 {target}：{error.strerror or error}。数据仍在原来的文件夹里，"
            "没有任何改动。",
            f"The data could not be copied to {target}: {error.strerror or error}. It stays "
            "in the current folder, unchanged.",
        ) from error
    except BaseException:
        _undo(placed)
        settings.set(DATA_FOLDER, previous)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _undo(placed: list[Path]) -> None:
    for path in reversed(placed):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)

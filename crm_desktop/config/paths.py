"""Where CRM Desktop keeps its data, settings and logs (platformdirs, with overrides)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from crm_desktop.domain.errors import UserFacingError

APP_NAME = "CRMDesktop"
APP_AUTHOR = "CRMDesktop"
DATA_DIR_ENV = "CRM_DESKTOP_DATA_DIR"
# The settings key (config/settings.py DATA_FOLDER) a moved data folder is written to.
DATA_FOLDER_KEY = "data_folder"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "crm-desktop.log"


def default_paths() -> AppPaths:
    """The platform's per-user folders (platformdirs), before any move or override."""
    return AppPaths(
        Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )


def resolve_paths(
    data_dir: str | os.PathLike[str] | None = None, *, defaults: AppPaths | None = None
) -> AppPaths:
    """`--data-dir` beats `CRM_DESKTOP_DATA_DIR` beats the folder chosen in Settings beats
    the platform default.

    An overridden data folder is self-contained (settings and logs live inside it), so
    two folders can be two independent laptops on one machine, as the sync tests need.
    A folder chosen in Settings only moves the data: settings and logs stay in the
    platform's folders, where the setting that points to the data is read.
    """
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(root, root / "config", root / "logs")
    base = defaults or default_paths()
    moved = chosen_data_folder(base.settings_file)
    return AppPaths(moved or base.data_dir, base.config_dir, base.log_dir)


def chosen_data_folder(settings_file: Path) -> Path | None:
    """The data folder a move wrote to the settings file, if any.

    Read here without the Settings class: the settings are loaded after the paths. A
    damaged file is Settings' to report; here it only means "no move".
    """
    try:
        raw = json.loads(settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = raw.get(DATA_FOLDER_KEY) if isinstance(raw, dict) else None
    return Path(value) if isinstance(value, str) and value else None


def data_folder_is_movable(data_dir: Path, settings_file: Path) -> bool:
    """A folder can be moved in Settings unless `--data-dir` or CRM_DESKTOP_DATA_DIR
    chose it: the command line decides that folder, not a setting. Such a folder keeps
    its settings in its own `config/` (see `resolve_paths`). (By default the settings may
    share the data folder too: on Windows and macOS platformdirs gives both one folder.)
    """
    return settings_file.resolve() != (data_dir / "config" / "settings.json").resolve()


class DataFolderUnwritable(UserFacingError):
    """The data folder exists (or can be made) but nothing can be written in it."""

    def __init__(self, data_dir: Path, reason: str) -> None:
        super().__init__(
            f"无法写入数据文件夹 {data_dir}（{reason}）。CRM Desktop 需要在这里保存客户和拜访数据。"
            "请检查这个文件夹的权限（不能是只读的），或用 --data-dir 指定另一个可写的文件夹。",
            f"Cannot write to the data folder {data_dir} ({reason}). CRM Desktop keeps your "
            "customers and visits there. Check the folder's permissions (it must not be "
            "read-only), or start with --data-dir pointing to a folder you can write to.",
        )
        self.data_dir = data_dir


class DataFolderIsAFile(UserFacingError):
    """The data folder's path names a file: no permission change would help."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"{data_dir} 是一个文件，不是文件夹。CRM Desktop 需要一个文件夹来保存客户和拜访数据。"
            "请用 --data-dir 指定一个文件夹（不存在时会自动创建）。",
            f"{data_dir} is a file, not a folder. CRM Desktop keeps your customers and visits "
            "in a folder: start with --data-dir pointing to a folder (it is created if missing).",
        )
        self.data_dir = data_dir


def check_writable(data_dir: Path, files: Iterable[str] = ()) -> None:
    """Raise DataFolderUnwritable unless a file can be created in `data_dir` and each of
    `files` in it that exists (the database and its journals) can be written.

    Asked at start, before the store opens: a read-only folder otherwise shows up only at
    the first save, as SQLite's "attempt to write a readonly database".
    """
    if data_dir.exists() and not data_dir.is_dir():
        raise DataFolderIsAFile(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=data_dir, prefix=".write-check-")
        os.close(fd)
        os.unlink(probe)
    except OSError as error:
        raise DataFolderUnwritable(data_dir, error.strerror or str(error)) from error
    # A writable folder may still hold a read-only database (copied from a CD, a share).
    for name in files:
        path = data_dir / name
        if path.exists() and not os.access(path, os.W_OK):
            raise DataFolderUnwritable(data_dir, f"{name}: read-only / 只读")

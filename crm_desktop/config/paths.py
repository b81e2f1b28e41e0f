"""Where CRM Desktop keeps its data, settings and logs (platformdirs, with overrides)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "CRMDesktop"
APP_AUTHOR = "CRMDesktop"
DATA_DIR_ENV = "CRM_DESKTOP_DATA_DIR"


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


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """`--data-dir` beats `CRM_DESKTOP_DATA_DIR` beats the platform default.

    An overridden data folder is self-contained (settings and logs live inside it), so
    two folders can be two independent laptops on one machine, as the sync tests need.
    """
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(root, root / "config", root / "logs")
    return AppPaths(
        Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )

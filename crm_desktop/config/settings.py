"""One typed registry of settings with defaults and upgrades (after Picard's options).

Every setting is declared once below with its type and default; reading an unknown name
is a bug, and a stored value of the wrong type falls back to the default instead of
crashing the app.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    kind: type
    doc: str


REGISTRY: dict[str, Option] = {}


def option(name: str, default: Any, doc: str) -> Option:
    opt = Option(name, default, type(default), doc)
    REGISTRY[name] = opt
    return opt


LANGUAGE = option("language", "zh_CN", "Interface language: zh_CN or en")
SERVER_URL = option("server_url", "", "Central sync server, e.g. https://crm.example.com")
USERNAME = option("username", "", "Account used for the last sync login")
SYNC_INTERVAL_MIN = option("sync_interval_minutes", 5, "Automatic sync period while online")
WINDOW_GEOMETRY = option("window_geometry", "", "Main window geometry (base64)")
BACKUP_KEEP = option("backup_keep", 7, "Daily automatic backups of the store to keep")
# Written by Settings → Move data folder; read at start by config/paths.py (default layout only).
DATA_FOLDER = option("data_folder", "", "Data folder chosen in Settings (empty: the default)")
# Reminders (domain/reminders.py, services/reminders.py): the user's choices, and which
# reminders already popped up or were dismissed ({key: ISO day first seen}, pruned).
REMINDER_PREFERENCES = option("reminders", {}, "Reminder kinds off, plan hour, quiet hours")
REMINDERS_POPPED = option("reminders_popped", {}, "Reminders already popped up")
REMINDERS_DISMISSED = option("reminders_dismissed", {}, "Reminders dismissed from the list")
# Attachments (issue 17): what this laptop accepts and how far it shrinks a photo on import
# (domain/attachments.AttachmentLimits; the server has its own hard ceiling).
ATTACHMENT_MAX_FILE_MB = option("attachment_max_file_mb", 25, "Largest attachment stored, MB")
ATTACHMENT_DOWNSCALE_EDGE = option(
    "attachment_downscale_edge_px", 2560, "Photos larger than this are shrunk (0: keep)"
)
# The report due hour, visit cadence and A/B shares were settings here; they decide synced
# values, so they are now the synced team policy (domain/policy.py, services/policy.py).
# Their keys in an old settings file are dropped on load like any unknown key.

SCHEMA_VERSION = 1
# Upgrades from a stored schema version to the next: {from_version: function}.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class Settings:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._values: dict[str, Any] = {}
        self._load()

    def _load(self) -> None:
        try:
            raw = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as error:
            # A damaged settings file must not stop the app: keep defaults, say so.
            log.warning("settings file %s unreadable (%s); using defaults", self._path, error)
            return
        if not isinstance(raw, dict):
            return
        version = int(raw.pop("_version", SCHEMA_VERSION))
        while version in UPGRADES:
            raw = UPGRADES[version](raw)
            version += 1
        self._values = {k: v for k, v in raw.items() if k in REGISTRY}

    @property
    def path(self) -> Path:
        return self._path

    def get(self, opt: Option) -> Any:
        value = self._values.get(opt.name, opt.default)
        return value if isinstance(value, opt.kind) else opt.default

    def set(self, opt: Option, value: Any) -> None:
        if not isinstance(value, opt.kind):
            raise TypeError(f"{opt.name} takes {opt.kind.__name__}, not {type(value).__name__}")
        self._values[opt.name] = value

    def save(self) -> None:
        """Write atomically: a crash mid-save leaves the previous file intact."""
        self._path.parent.mkdir(parents=True, exist_ok=True)
        data = {"_version": SCHEMA_VERSION, **self._values}
        fd, tmp = tempfile.mkstemp(dir=self._path.parent, prefix=".settings-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
        os.replace(tmp, self._path)

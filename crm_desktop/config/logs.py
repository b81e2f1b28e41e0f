"""Logging to a rotating file in the log folder (and stderr for warnings)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path


def setup_logging(log_file: Path, *, verbose: bool = False) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_crm_desktop", False) for h in root.handlers):
        return  # already set up (tests build several apps in one process)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()  # an unwritable log folder must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._crm_desktop = True  # type: ignore[attr-defined]
    root.addHandler(handler)

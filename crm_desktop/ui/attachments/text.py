"""The attachment screens' texts, each written once in Chinese and English side by side
and chosen by the interface language (as the key-account screens do), plus the small
formatters the strip and the viewer share."""

from __future__ import annotations

import datetime as dt


def bi(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


def size_text(size_bytes: int) -> str:
    """1.2 MB / 340 KB / 12 B: what a salesperson reads on a phone too."""
    if size_bytes >= 1024 * 1024:
        return f"{size_bytes / (1024 * 1024):.1f} MB"
    if size_bytes >= 1024:
        return f"{size_bytes / 1024:.0f} KB"
    return f"{size_bytes} B"


def time_text(moment: dt.datetime | None) -> str:
    """A photo's own time (naive, as the camera wrote it) or an added time, to the minute."""
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M")

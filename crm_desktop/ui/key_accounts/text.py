"""The key-account screens' texts: each written once in Chinese and English, side by
side, and chosen by the interface language, as the domain's picklists are."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def current_lang() -> str:
    """The interface language (ui/i18n.py sets QLocale's default when it installs it)."""
    return "en" if QLocale().name().startswith("en") else "zh_CN"


def bi(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh

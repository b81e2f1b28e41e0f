"""Sync 同步: status, pending changes and the conflict inbox (placeholder)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crm_desktop.ui.pages.base import PlaceholderPage


class SyncPage(PlaceholderPage):
    key = "sync"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Sync")

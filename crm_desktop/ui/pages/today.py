"""Today 今日: today's plan, visits to log, due follow-ups, overdue customers (placeholder)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crm_desktop.ui.pages.base import PlaceholderPage


class TodayPage(PlaceholderPage):
    key = "today"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Today")

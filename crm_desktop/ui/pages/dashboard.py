"""Dashboard 看板: charts of visits, targets, funnel, A/B/C (placeholder)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crm_desktop.ui.pages.base import PlaceholderPage


class DashboardPage(PlaceholderPage):
    key = "dashboard"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Dashboard")

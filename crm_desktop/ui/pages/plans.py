"""Plans and reports 计划与日报: calendar of daily plans and reports (placeholder)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crm_desktop.ui.pages.base import PlaceholderPage


class PlansPage(PlaceholderPage):
    key = "plans"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Plans & reports")

"""Pipeline 商机: opportunities by stage, weighted pipeline, funnel (placeholder)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crm_desktop.ui.pages.base import PlaceholderPage


class PipelinePage(PlaceholderPage):
    key = "pipeline"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Pipeline")

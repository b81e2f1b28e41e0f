"""Review 审阅: supervisors sign off or return the team's plans and reports (placeholder)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crm_desktop.ui.pages.base import PageContext, PlaceholderPage


class ReviewPage(PlaceholderPage):
    key = "review"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Review")

    @classmethod
    def available(cls, context: PageContext) -> bool:
        # Only supervisors and managers review; reps never see the page.
        return context.services.actor.can_review

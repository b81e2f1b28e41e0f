"""Review 审阅: supervisors countersign plans and sign off or return the team's reports."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from crm_desktop.services.review.review import ReviewService
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.review.panel import ReviewPanel


class ReviewPage(Page):
    key = "review"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # The container builds it with the due hour of the viewer's team policy.
        self.service: ReviewService = context.services.review()
        heading = QLabel(self.title())
        heading.setObjectName("pageTitle")
        self.panel = ReviewPanel(self.service, context.lang, operations=context.operations)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.panel, 1)
        if context.sync is not None:
            # A sync may bring new submissions; an item already open stays as it is (its
            # sign-off is checked against the store anyway).
            context.sync.synced.connect(self._synced)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Review")

    @classmethod
    def available(cls, context: PageContext) -> bool:
        # Only supervisors and managers review; reps never see the page.
        return context.services.actor.can_review

    def page_shown(self) -> None:
        # The team policy may have changed with a sync since the page was built.
        self.service = self.panel.service = self.context.services.review()
        self.panel.refresh()

    def _synced(self, _report: object) -> None:
        if self.isVisible():
            self.panel.refresh()

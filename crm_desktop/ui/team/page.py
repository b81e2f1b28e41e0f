"""Team 团队 (supervisors and managers): who has not submitted and the on-time rates, and
the team's week with a drill-down to a rep's days; the weekly summary 周报 export."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from crm_desktop.ui.activity.page_parts import heading
from crm_desktop.ui.customers.handover_dialog import HandoverDialog
from crm_desktop.ui.export.weekly_dialog import WeeklySummaryDialog
from crm_desktop.ui.operations import PLANS, REPORTS, OpChanges
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.team.submissions_tab import SubmissionsTab
from crm_desktop.ui.team.week_tab import WeekTab


class TeamPage(Page):
    key = "team"
    # Submissions and the team's week come from reports and plans (ui/operations.py).
    SHOWN = REPORTS | PLANS

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Team")

    @classmethod
    def available(cls, context: PageContext) -> bool:
        # The reps below the user: only supervisors and managers have any.
        return context.services.actor.can_review

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        services = context.services
        # The deadline is the viewer's effective team policy (one due hour for every rep
        # shown: docs/user-guide.md); the container builds the service with it.
        self.service = services.team_progress()
        self.submissions = SubmissionsTab(self.service, context.lang)
        self.week = WeekTab(self.service, context.lang)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.submissions, self.tr("Submissions"))
        self.tabs.addTab(self.week, self.tr("This week"))
        self.weekly_button = QPushButton(self.tr("Weekly summary to Excel…"))
        self.weekly_button.clicked.connect(self.open_weekly_summary)
        self.handover_button = QPushButton(self.tr("Hand over a rep's customers…"))
        self.handover_button.clicked.connect(self.open_handover)
        self.handover_button.setVisible(services.handover.can_hand_over())
        top = QHBoxLayout()
        top.addWidget(heading(self.title()))
        top.addStretch(1)
        top.addWidget(self.handover_button)
        top.addWidget(self.weekly_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _index: self.page_shown())
        self.page_shown()
        context.operations.did_change.connect(self._on_changes)

    def _on_changes(self, changes: OpChanges, _origin: object) -> None:
        # A report or plan signed, returned or submitted on this laptop: the tab in view
        # follows at once (a hidden page re-reads when it is shown anyway).
        if changes.touches(self.SHOWN) and self.isVisible():
            self.page_shown()

    def open_weekly_summary(self) -> WeeklySummaryDialog:
        """The 周报 export for this team (or one rep), in the background."""
        dialog = WeeklySummaryDialog(self.context, self)
        dialog.open()
        return dialog

    def open_handover(self) -> HandoverDialog:
        """交接: a departing rep's whole book, each customer to its new owner; the dialog
        also writes the handover report."""
        services = self.context.services
        dialog = HandoverDialog(
            services,
            self.context.lang,
            [],
            self,
            operations=self.context.operations,
            book_owners=services.handover.targets(),
        )
        dialog.open()
        return dialog

    def page_shown(self) -> None:
        """Re-read the tab in view (a sync may have brought reports); the other tab is
        read when it is opened."""
        # The team policy may have changed with a sync since the page was built.
        self.service.due_hour = self.context.services.policy.current().report_due_hour
        if self.tabs.currentWidget() is self.week:
            self.week.reload()
        else:
            self.submissions.reload()

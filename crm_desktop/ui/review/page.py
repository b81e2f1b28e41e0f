"""Review 审阅: supervisors countersign plans and sign off or return the team's reports."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from crm_desktop.services.printing.forms import PLAN as PLAN_FORM
from crm_desktop.services.printing.forms import REPORT as REPORT_FORM
from crm_desktop.services.review.review import PLAN, ReviewItem, ReviewService
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.printing.print_menu import PrintButton, PrintJob, bi
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
        # 打印: the opened plan or report as its paper form, or the rep's week (issue 17).
        self.print_button = PrintButton(context.lang, self._print_jobs, context.operations)
        self.print_button.setEnabled(False)
        self.panel.item_opened.connect(lambda item: self.print_button.setEnabled(item is not None))
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
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

    def _print_jobs(self) -> list[PrintJob]:
        """The opened item's form (as the rep wrote it, with the sign-off box), the rep's
        week of plans and reports, and the day of the rep's whole team."""
        item: ReviewItem | None = self.panel.item
        if item is None:
            return []
        lang, day, rep = self.context.lang, item.day, item.rep_id
        forms = self.context.services.print_forms()
        team = forms.team_of(rep)
        kind = PLAN_FORM if item.kind == PLAN else REPORT_FORM
        what = bi(lang, "计划", "plan") if kind == PLAN_FORM else bi(lang, "日报", "report")
        jobs = [
            PrintJob(bi(lang, f"{item.rep_name} {day.isoformat()} {what}",
                        f"{item.rep_name}'s {what} {day.isoformat()}"),
                     lambda: forms.bundle([kind], day, lang, rep_id=rep)),
            PrintJob(bi(lang, f"{item.rep_name} {day.isoformat()} 所在周的计划与日报",
                        f"{item.rep_name}'s plans and reports, week of {day.isoformat()}"),
                     lambda: forms.bundle([PLAN_FORM, REPORT_FORM], day, lang, rep_id=rep,
                                          week=True)),
        ]  # fmt: skip
        if team:
            jobs.append(PrintJob(bi(lang, f"{team} {day.isoformat()} 全组的计划与日报",
                                    f"{team}: every rep's plan and report {day.isoformat()}"),
                                 lambda: forms.bundle([PLAN_FORM, REPORT_FORM], day, lang,
                                                      team=team)))  # fmt: skip
        return jobs

    def page_shown(self) -> None:
        # The team policy may have changed with a sync since the page was built.
        self.service = self.panel.service = self.context.services.review()
        self.panel.refresh()

    def _synced(self, _report: object) -> None:
        if self.isVisible():
            self.panel.refresh()

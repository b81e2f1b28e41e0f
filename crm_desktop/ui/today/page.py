"""Today 今日: today's plan and report, visits still to log, follow-ups and appointments
due, and customers overdue by their class's visit cadence.

The figures come from `TodayService` (services/day/today.py) on the task pool, re-read each
time the page is shown: cheap (a few indexed queries), but a laptop with a million
visits must never freeze the window for it. A double-click on a row that names a
customer opens that customer's card; ticking a follow-up marks it done at once.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.picklists import PlanStatus, ReportStatus, ValueClass, VisitPurpose
from crm_desktop.services.day.today import DueFollowUp, TodayView
from crm_desktop.ui import application
from crm_desktop.ui.customers.card import CustomerCardDialog, replace_card
from crm_desktop.ui.operations import (
    CUSTOMERS,
    FOLLOW_UPS,
    PLANS,
    REPORTS,
    VISITS,
    OpChanges,
    report_error,
)
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.tasks import BackgroundTask, run_task
from crm_desktop.ui.today.sections import CheckSection, Section
from crm_desktop.ui.widgets import picklist_label

log = logging.getLogger(__name__)


class TodayPage(Page):
    key = "today"
    # What the sections show: a write of these on another page re-reads the view (the
    # customers: the overdue list; a customer's card may log a visit or a follow-up).
    SHOWN = PLANS | REPORTS | VISITS | FOLLOW_UPS | CUSTOMERS
    shown_view = Signal(object)  # the TodayView just put on screen (tests, benchmarks)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Today")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.lang = context.lang
        self.view: TodayView | None = None
        self.task: BackgroundTask | None = None
        self._again = False  # shown again while a refresh ran: refresh once more after it
        self.card_dialog: CustomerCardDialog | None = None
        self._build()
        context.operations.did_change.connect(self._on_changes)

    # --- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        heading = QLabel(self.title())
        heading.setObjectName("pageTitle")
        self.date_label = QLabel()
        self.date_label.setObjectName("pageNote")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.date_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        # A supervisor's morning starts with the team's submissions: say how many wait.
        self.review_button = QPushButton()
        self.review_button.setObjectName("primary")
        self.review_button.clicked.connect(self.open_review)
        self.review_button.hide()
        top.addWidget(self.review_button)
        top.addWidget(self.refresh_button)

        self.plan_section = Section(
            self.tr("Today's plan and report"),
            [self.tr("Time"), self.tr("Customer"), self.tr("Purpose")],
            self.tr("Every planned visit is logged."),
            stretch=(1,),
        )
        self.plan_line = QLabel()
        self.report_line = QLabel()
        self.open_plans_button = QPushButton(self.tr("Open today's plan and report"))
        self.open_plans_button.setObjectName("primary")
        self.open_plans_button.clicked.connect(self.open_plans)
        self.to_log_label = QLabel(self.tr("Visits still to log"))
        self.to_log_label.setObjectName("hint")
        plan_box = self.plan_section.layout_
        for position, widget in enumerate((self.plan_line, self.report_line)):
            plan_box.insertWidget(position, widget)
        plan_box.insertWidget(2, self.open_plans_button, 0, Qt.AlignmentFlag.AlignLeft)
        plan_box.insertWidget(3, self.to_log_label)

        self.appointment_section = CheckSection(
            self.tr("Appointments to confirm (for tomorrow)"),
            [self.tr("Confirmed"), self.tr("Customer"), self.tr("Appointment")],
            self.tr("No appointments to confirm today."),
            stretch=(1, 2),
        )
        self.follow_up_section = CheckSection(
            self.tr("Follow-ups due"),
            [
                self.tr("Done"),
                self.tr("Due"),
                self.tr("Customer"),
                self.tr("To do"),
            ],
            self.tr("No follow-ups due — well done."),
            stretch=(2, 3),
        )
        self.overdue_section = Section(
            self.tr("Customers overdue for a visit"),
            [
                self.tr("Customer"),
                self.tr("Class"),
                self.tr("Last effective visit"),
                self.tr("Cadence"),
                self.tr("Overdue"),
            ],
            self.tr("No customer is overdue for a visit."),
            stretch=(0,),
        )
        for section in (self.plan_section, self.appointment_section, self.follow_up_section,
                        self.overdue_section):  # fmt: skip
            section.customer_opened.connect(self.open_customer)
        for check in (self.appointment_section, self.follow_up_section):
            check.toggled.connect(self.set_done)
        for section in (self.appointment_section, self.follow_up_section, self.overdue_section):
            section.empty.hide()  # no "well done" before the figures are in

        # Two sections side by side over the overdue list, which needs the width.
        self.left = QVBoxLayout()
        self.left.addWidget(self.plan_section)
        self.left.addWidget(self.appointment_section)
        self.left.addStretch(0)
        self.right = QVBoxLayout()
        self.right.addWidget(self.follow_up_section)
        self.right.addStretch(0)
        self.upper = QHBoxLayout()
        self.upper.addLayout(self.left, 1)
        self.upper.addLayout(self.right, 1)
        self.main = QVBoxLayout(self)
        self.main.addLayout(top)
        self.main.addLayout(self.upper, 1)
        self.main.addWidget(self.overdue_section, 1)
        self.main.addStretch(0)

    # --- loading -----------------------------------------------------------------------
    def page_shown(self) -> None:
        self.refresh()

    def _on_changes(self, changes: OpChanges, origin: object) -> None:
        """Another page wrote what Today shows: re-read it if on screen (page_shown
        re-reads it anyway). Its own tick-offs already show on the boxes."""
        if origin is not self and changes.touches(self.SHOWN) and self.isVisible():
            self.refresh()

    def refresh(self) -> BackgroundTask | None:
        """Re-read the view in the background (None: one is running; it will re-run)."""
        if self.task is not None and self.task.running:
            self._again = True
            return None
        # The container builds it with the team's cadence as it is now (synced).
        service = self.context.services.today()
        self.refresh_button.setEnabled(False)
        task = run_task(lambda _ctx: service.view(), parent=self)
        task.succeeded.connect(self.show_view)
        task.failed.connect(self._failed)
        task.finished.connect(self._finished)
        self.task = task
        return task

    def _failed(self, error: object) -> None:
        if isinstance(error, UserFacingError):
            application.show_error(error, self)
        else:
            crash = error if isinstance(error, BaseException) else None
            log.error("the Today view failed to load", exc_info=crash)

    def _finished(self) -> None:
        self.refresh_button.setEnabled(True)
        if self._again:
            self._again = False
            self.refresh()

    # --- showing -----------------------------------------------------------------------
    def show_view(self, view: TodayView) -> None:
        self.view = view
        locale = QLocale(
            QLocale.Language.English if self.lang == "en" else QLocale.Language.Chinese
        )
        day = QDate(view.day.year, view.day.month, view.day.day)
        self.date_label.setText(locale.toString(day, QLocale.FormatType.LongFormat))
        self._show_plan(view)
        self.review_button.setText(
            self.tr("%1 waiting for your review →").replace("%1", str(view.to_review))
        )
        self.review_button.setVisible(view.to_review > 0)
        self._show_follow_ups(self.appointment_section, view.appointments, view, due=False)
        self._show_follow_ups(self.follow_up_section, view.follow_ups, view, due=True)
        self._show_overdue(view)
        self._restretch()
        self.shown_view.emit(view)

    def _show_plan(self, view: TodayView) -> None:
        lang, plan, report = self.lang, view.plan, view.report
        if plan is None:
            self.plan_line.setText(self.tr("No visit plan for today yet."))
        else:
            status = picklist_label(PlanStatus, plan.status, lang)
            self.plan_line.setText(
                self.tr("Plan: %1 · %2 customers").replace("%1", status)
                .replace("%2", str(plan.items))
            )  # fmt: skip
        if report is None:
            self.report_line.setText(self.tr("Today's report is not started yet."))
        else:
            status = picklist_label(ReportStatus, report.status, lang)
            self.report_line.setText(
                self.tr("Report: %1 · %2 visits logged, %3 planned")
                .replace("%1", status)
                .replace("%2", str(report.visits_logged))
                .replace("%3", str(report.visits_planned))
            )
        section = self.plan_section
        rows = [
            (v.planned_time or "", v.customer_name, picklist_label(VisitPurpose, v.purpose, lang))
            for v in view.to_log
        ]
        section.set_rows(rows, [(v.plan_item_id, v.customer_id) for v in view.to_log])
        has_plan = plan is not None
        self.to_log_label.setVisible(has_plan and bool(view.to_log))
        closed = report is not None and not report.open_for_visits
        section.empty.setText(
            self.tr("The report is handed in: nothing more to log today.")
            if closed
            else self.tr("Every planned visit is logged.")
        )
        section.empty.setVisible(has_plan and not view.to_log)
        self.open_plans_button.setText(
            self.tr("Open today's plan and report") if has_plan else self.tr("Plan today's visits")
        )

    def _show_follow_ups(
        self, section: CheckSection, items: list[DueFollowUp], view: TodayView, *, due: bool
    ) -> None:
        rows = []
        for f in items:
            cells = [""]
            if due:
                cells.append(self._due_text(f, view.day))
            cells += [f.customer_name or "—", f.title]
            rows.append(cells)
        section.set_check_rows(
            rows,
            [(f.id, f.customer_id) for f in items],
            alert=[r for r, f in enumerate(items) if f.overdue],
            alert_column=1,
        )
        for r, f in enumerate(items):  # the due date itself, on the due cell and the title
            for column in (1, len(rows[r]) - 1):
                cell = section.table.item(r, column)
                if cell is not None:
                    cell.setToolTip(self.tr("Due %1").replace("%1", f.due_on.isoformat()))

    def _due_text(self, follow_up: DueFollowUp, today: dt.date) -> str:
        if not follow_up.overdue:
            return self.tr("Today")
        late = (today - follow_up.due_on).days
        if late == 1:
            return self.tr("1 day late")
        return self.tr("%1 days late").replace("%1", str(late))

    def _show_overdue(self, view: TodayView) -> None:
        lang, section = self.lang, self.overdue_section
        rows = [
            (
                c.name,
                picklist_label(ValueClass, c.value_class, lang),
                c.last_effective_visit_on.isoformat()
                if c.last_effective_visit_on
                else self.tr("Never visited"),
                self.tr("%1 days").replace("%1", str(c.cadence_days)),
                self.tr("%1 days").replace("%1", str(c.days_overdue))
                if c.days_overdue is not None
                else "—",
            )
            for c in view.overdue
        ]
        section.set_rows(rows, [(c.id, c.id) for c in view.overdue], right_aligned=(3, 4))
        if view.overdue_total > len(view.overdue):
            note = (
                self.tr("%1 customers are overdue; the %2 most overdue are listed.")
                .replace("%1", f"{view.overdue_total:,}")
                .replace("%2", str(len(view.overdue)))
            )
        elif view.overdue_total:
            note = self.tr("%1 customers are overdue.").replace("%1", str(view.overdue_total))
        else:
            note = ""
        section.set_note(note)

    def _restretch(self) -> None:
        """Sections with rows share the height; empty ones keep to their one line."""
        plan, appointments = not self.plan_section.is_empty, not self.appointment_section.is_empty
        follow_ups, overdue = not self.follow_up_section.is_empty, not self.overdue_section.is_empty
        _stretch(self.left, plan, appointments, not (plan or appointments))
        _stretch(self.right, follow_ups, not follow_ups)
        upper = plan or appointments or follow_ups
        _stretch(self.main, False, upper, overdue, not (upper or overdue))

    # --- actions -----------------------------------------------------------------------
    def _show_page(self, key: str) -> Page | None:
        show_page = getattr(self.window(), "show_page", None)
        if not callable(show_page):
            return None  # the page is shown outside the main window (tests)
        page = show_page(key)
        return page if isinstance(page, Page) else None

    def open_review(self) -> Page | None:
        """Show the Review page with its queue."""
        return self._show_page("review")

    def open_plans(self) -> Page | None:
        """Show the Plans page, on today if it can open a day (PlansPage.open_day)."""
        page = self._show_page("plans")
        open_day = getattr(page, "open_day", None)
        if callable(open_day):
            open_day(self.view.day if self.view else self.context.services.clock.today())
        return page

    def open_customer(self, customer_id: str) -> CustomerCardDialog | None:
        services = self.context.services
        dialog = replace_card(
            self.card_dialog, services, self.lang, customer_id, self, self.refresh
        )
        self.card_dialog = dialog
        return dialog if dialog.card is not None else None

    def set_done(self, follow_up_id: str, done: bool) -> bool:
        """Tick a follow-up off (or back on) on the writer lane; True when the write
        started. The box shows the new state at once; on an error it goes back."""
        follow_ups = self.context.services.follow_ups
        self.context.operations.write(
            lambda: follow_ups.set_done(follow_up_id, done),
            FOLLOW_UPS,
            parent=self,
            failure=lambda error: self._not_done(follow_up_id, done, error),
        )
        return True

    def _not_done(self, follow_up_id: str, done: bool, error: BaseException) -> None:
        for section in (self.follow_up_section, self.appointment_section):
            row = section.row_of(follow_up_id)
            if row is not None:
                section.set_checked(row, not done)
        report_error(error, self)


def _stretch(layout: QVBoxLayout | QHBoxLayout, *grow: bool) -> None:
    """Give the layout's items stretch 1 where `grow` says so, 0 elsewhere."""
    for index, flag in enumerate(grow):
        layout.setStretch(index, 1 if flag else 0)

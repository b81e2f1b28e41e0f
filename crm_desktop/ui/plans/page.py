"""Plans and reports 计划与日报: the month calendar, and the selected day's plan and report."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QCloseEvent, QHideEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.printing.forms import PLAN as PLAN_FORM
from crm_desktop.services.printing.forms import REPORT as REPORT_FORM
from crm_desktop.ui import application
from crm_desktop.ui.attachments.strip import AttachmentStrip
from crm_desktop.ui.calendar_feed.dialog import CalendarDialog
from crm_desktop.ui.operations import PLANS, REPORTS, VISITS, OpChanges
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.plans.calendar import CalendarPanel, status_text
from crm_desktop.ui.plans.plan_editor import PlanEditor
from crm_desktop.ui.plans.report_editor import ReportEditor
from crm_desktop.ui.printing.print_menu import PrintButton, PrintJob, bi


class PlansPage(Page):
    key = "plans"
    # What the calendar and the editors show: a write of these elsewhere (Review, Today,
    # another dialog) re-reads the day.
    SHOWN = PLANS | REPORTS | VISITS

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        services = context.services
        # The container builds them with the team policy as it is now (synced, set by the
        # user's manager: services/policy.py); page_shown asks again.
        self.plans = services.day_plans()
        self.reports = services.daily_reports()
        self.calendar_service = services.day_calendar()
        self.drafts = services.form_drafts
        owner = services.actor.user_id
        self.day: dt.date | None = None
        self._stale = False  # a change from elsewhere while hidden: re-read when shown

        heading = QLabel(self.title())
        heading.setObjectName("pageTitle")
        self.day_label = QLabel()
        self.day_label.setObjectName("cardTitle")
        self.panel = CalendarPanel(context.lang)
        self.plan_editor = PlanEditor(
            self.plans,
            services.customer_list,
            self.drafts,
            owner,
            context.lang,
            operations=context.operations,
        )
        self.report_editor = ReportEditor(
            self.reports,
            services.customer_list,
            self.drafts,
            owner,
            context.lang,
            open_market_report=self.open_market_report,
            open_complaint=self.open_complaint,
            confirm_above_fen=self._confirm_above_fen(),
            operations=context.operations,
        )
        self.report_editor.form.credit_warning = services.receivables.credit_warning
        # The selected visit's photos, under the visit table: the form beside it has no
        # room left on a 1366×768 screen (ui/attachments/).
        visit_photos = AttachmentStrip(
            services, context.operations, context.lang, "visit_record",
            icon_edge=44, compact=True, captions=False,
            title=bi(context.lang, "本条拜访的附件", "This visit's attachments"),
        )  # fmt: skip
        self.report_editor.form.set_attachments(visit_photos, place=False)
        self.report_editor.left_layout.addWidget(visit_photos)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plan_editor, self.tr("Visit plan"))
        self.tabs.addTab(self.report_editor, self.tr("Daily report"))
        # The calendar folds away to give the report its width on a 1366×768 laptop: by
        # default it shows beside the plan and is folded beside the report.
        self.calendar_button = QPushButton()
        self.calendar_button.setCheckable(True)
        self.calendar_button.setObjectName("calendarToggle")
        self.calendar_button.toggled.connect(self._show_calendar)
        self._calendar_shown = {0: True, 1: False}  # per tab, as the user last left it
        # 日历: the plans and follow-ups as an .ics file or a subscription (issue 17).
        self.calendar_feed_button = QPushButton(self.tr("Export / subscribe…"))
        self.calendar_feed_button.clicked.connect(self.open_calendar_feed)
        # 打印: the day's plan and report as the paper forms, or the week's (issue 17).
        self.print_button = PrintButton(context.lang, self._print_jobs, context.operations)
        day_row = QHBoxLayout()
        day_row.addWidget(self.calendar_button)
        day_row.addWidget(self.day_label, 1)
        day_row.addWidget(self.calendar_feed_button)
        day_row.addWidget(self.print_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(day_row)
        right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter()
        splitter.addWidget(self.panel)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)

        self.panel.calendar.day_selected.connect(self.open_day)
        self.panel.calendar.month_shown.connect(self.refresh_month)
        self.plan_editor.changed.connect(self._day_changed)
        self.report_editor.changed.connect(self._day_changed)
        self.tabs.currentChanged.connect(self._tab_changed)
        context.operations.did_change.connect(self._on_changes)
        self._tab_changed(self.tabs.currentIndex())
        self.open_day(context.services.clock.today())

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Plans & reports")

    def open_day(self, day: dt.date) -> None:
        """Show `day` in the calendar and load its plan and report (the Today page calls
        this); unsaved edits of the previous day are kept as drafts first."""
        self.flush_drafts()
        self.day = day
        self.panel.calendar.select_day(day)
        self.day_label.setText(
            self.tr("%1, %2").replace("%1", day.isoformat()).replace("%2", self._weekday(day))
        )
        self.refresh_month(day.year, day.month)
        self.plan_editor.load(day)
        self.report_editor.load(day)

    def _print_jobs(self) -> list[PrintJob]:
        """The selected day's plan and report, and its week's, as the user's own forms."""
        day, lang = self.day, self.context.lang
        if day is None:
            return []
        forms = self.context.services.print_forms()
        both = [PLAN_FORM, REPORT_FORM]
        return [
            PrintJob(bi(lang, f"{day.isoformat()} 计划与日报",
                        f"Plan and report {day.isoformat()}"),
                     lambda: forms.bundle(both, day, lang)),
            PrintJob(bi(lang, f"{day.isoformat()} 所在周的计划与日报",
                        f"Plans and reports, week of {day.isoformat()}"),
                     lambda: forms.bundle(both, day, lang, week=True)),
        ]  # fmt: skip

    def show_report(self) -> None:
        self.tabs.setCurrentWidget(self.report_editor)

    def show_plan(self) -> None:
        self.tabs.setCurrentWidget(self.plan_editor)

    def _tab_changed(self, index: int) -> None:
        shown = self._calendar_shown.get(index, True)
        self.calendar_button.blockSignals(True)
        self.calendar_button.setChecked(shown)
        self.calendar_button.blockSignals(False)
        self._show_calendar(shown)

    def _show_calendar(self, shown: bool) -> None:
        self._calendar_shown[self.tabs.currentIndex()] = shown
        self.panel.setVisible(shown)
        self.calendar_button.setText(self.tr("◀ Calendar") if shown else self.tr("Calendar ▶"))
        self.calendar_button.setToolTip(
            self.tr("Hide the month calendar") if shown else self.tr("Show the month calendar")
        )

    def refresh_month(self, year: int, month: int) -> None:
        try:
            statuses = self.calendar_service.month(year, month)
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self.panel.calendar.set_statuses(statuses)
        if self.day is not None and (self.day.year, self.day.month) == (year, month):
            self.panel.status_label.setText(
                status_text(
                    statuses.get(self.day),
                    self.context.lang,
                    self.tr("Plan: "),
                    self.tr("Report: "),
                )
            )

    def flush_drafts(self) -> None:
        self.plan_editor.autosaver.flush()
        self.report_editor.autosaver.flush()

    def _follow_policy(self) -> None:
        """Take the team policy as it is now: a sync may have brought a new one since the
        page was built, and a new report's due_at (a synced field) must follow it."""
        services = self.context.services
        self.plans = self.plan_editor.plans = services.day_plans()
        self.reports = self.report_editor.reports = services.daily_reports()
        self.calendar_service = services.day_calendar()
        self.report_editor.confirm_above_fen = self._confirm_above_fen()

    def _confirm_above_fen(self) -> int:
        """The amount above which the report editor asks to confirm: the ceiling of the
        reports' owner's team policy (the signed-in user writes their own reports here)."""
        services = self.context.services
        return services.policy.for_user(services.actor.user_id).confirm_above_fen

    def page_shown(self) -> None:
        self._follow_policy()
        if self._stale:
            self._reload_day()
        elif self.day is not None:
            self.refresh_month(self.day.year, self.day.month)

    def _on_changes(self, changes: OpChanges, origin: object) -> None:
        """Another page (or dialog) wrote what this page shows: re-read the day. The
        editors' own saves arrive through their `changed` instead."""
        if origin in (self.plan_editor, self.report_editor) or not changes.touches(self.SHOWN):
            return
        if self.isVisible():
            self._reload_day()
        else:
            self._stale = True

    def _reload_day(self) -> None:
        self._stale = False
        if self.day is None:
            return
        self.refresh_month(self.day.year, self.day.month)
        # An editor mid-write reloads when its write lands; the others keep what is typed
        # (load() flushes it to a draft first and restores it).
        for editor in (self.plan_editor, self.report_editor):
            if not editor.saving:
                editor.load(self.day)

    def _day_changed(self) -> None:
        if self.day is None:
            return
        self.refresh_month(self.day.year, self.day.month)
        if self.sender() is self.plan_editor and not self.report_editor.saving:
            # A saved plan changes the report's pre-fill (new planned visits).
            self.report_editor.autosaver.flush()
            self.report_editor.load(self.day)

    def _weekday(self, day: dt.date) -> str:
        names = [self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"), self.tr("Thursday"),
                 self.tr("Friday"), self.tr("Saturday"), self.tr("Sunday")]  # fmt: skip
        return names[day.weekday()]

    # --- the other engineers' dialogs, imported when first used ---------------------------
    def open_calendar_feed(self) -> CalendarDialog:
        dialog = CalendarDialog(self.context, self)
        dialog.show()
        return dialog

    def open_market_report(self, customer_id: str | None) -> None:
        from crm_desktop.ui.activity.market_report_dialog import MarketReportDialog

        MarketReportDialog(self.context, customer_id=customer_id, parent=self).exec()

    def open_complaint(self, customer_id: str | None) -> None:
        from crm_desktop.ui.activity.complaint_dialog import ComplaintDialog

        ComplaintDialog(self.context, customer_id=customer_id, parent=self).exec()

    # --- what is typed survives a closed window -----------------------------------------
    def hideEvent(self, event: QHideEvent) -> None:
        self.flush_drafts()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_drafts()
        super().closeEvent(event)

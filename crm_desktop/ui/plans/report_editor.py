"""The daily sales report editor: the day's header, the visits (a compact table and the
selected visit's form beside it), live totals vs targets.

Laid out for a 1366×768 laptop: the header is two rows, the totals panel has a fixed
layout (report_totals.py), and the visit form has two columns, so one whole visit shows
without scrolling. Returned reports show the supervisor's comment (report_banner.py) and
stay editable for resubmission; signed reports open read-only. What is typed is
autosaved to the local store as a draft until a real save. The checks before a write
(every problem at once, absurd amounts, planned visits left empty) are report_checks.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.daily import DayTotals, ReportDraft, TargetProgress, VisitDraft, day_totals
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.money import DEFAULT_CONFIRM_ABOVE_FEN, format_fen
from crm_desktop.domain.picklists import TargetKind
from crm_desktop.services.customers.customer_list import CustomerList
from crm_desktop.services.day.daily_reports import DailyReportService, ReportView
from crm_desktop.services.day.form_drafts import FormDraftService, report_key
from crm_desktop.ui import application, messages
from crm_desktop.ui.operations import FOLLOW_UPS, REPORTS, VISITS, Operations, report_error
from crm_desktop.ui.plans.autosave import Autosaver
from crm_desktop.ui.plans.customer_picker import CustomerPicker
from crm_desktop.ui.plans.report_banner import ReportBanner
from crm_desktop.ui.plans.report_checks import (
    all_problems,
    amounts_to_confirm,
    build_report,
    empty_planned,
    visit_row,
)
from crm_desktop.ui.plans.report_header import ReportHeader
from crm_desktop.ui.plans.report_totals import TotalsPanel
from crm_desktop.ui.plans.visit_form import VisitForm, raw_to_visit, visit_to_raw
from crm_desktop.ui.plans.visit_table import VisitTable
from crm_desktop.ui.widgets import mark_invalid

# What a report's save or submit writes: the report, its visits, and the follow-ups its
# visits' next steps become.
REPORT_CHANGES = REPORTS | VISITS | FOLLOW_UPS


class ReportEditor(QWidget):
    """Edits one day's report. `changed` after a save or submit lands (both run on the
    writer lane)."""

    changed = Signal()

    def __init__(
        self,
        reports: DailyReportService,
        customer_list: CustomerList,
        drafts: FormDraftService,
        owner_id: str,
        lang: str,
        open_market_report: Any = None,
        open_complaint: Any = None,
        parent: QWidget | None = None,
        # The owner's team policy's ceiling (the Plans page passes it and keeps it current).
        confirm_above_fen: int = DEFAULT_CONFIRM_ABOVE_FEN,
        operations: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.reports = reports
        # Saves and submits run on the writer lane (ui/operations.py).
        self.operations = operations or Operations(self)
        self._saving = False
        self.drafts = drafts
        self.lang = lang
        self.confirm_above_fen = confirm_above_fen
        self.day: dt.date | None = None
        self.view: ReportView | None = None
        self.visits: list[dict[str, Any]] = []
        self.current = -1
        self._month_before: dict[str, int] = {}
        self.autosaver = Autosaver(drafts, self.form_state, self)
        self._open_market_report = open_market_report
        self._open_complaint = open_complaint

        self.banner = ReportBanner(lang)
        self.status_label = self.banner.status_label
        self.comment_label = self.banner.comment_label
        self.restored_label = QLabel(self.tr("Restored unsaved changes."))
        self.restored_label.setObjectName("hint")
        self.restored_label.hide()

        self.header = ReportHeader(lang)
        self.header.edited.connect(self.autosaver.touch)
        # The tests and the autosave read the header's fields by these names.
        self.attendance = self.header.attendance
        self.expenses = self.header.expenses
        self.expense_note = self.header.expense_note
        self.reflections = self.header.reflections

        self.totals = TotalsPanel()
        self.totals_labels = self.totals.labels
        # The panel keeps its size; on a pane narrower than it (calendar shown) it
        # scrolls sideways instead of widening the window. Its height has room for that
        # scroll bar, so the bar coming or going moves nothing either.
        totals_scroll = QScrollArea()
        totals_scroll.setFrameShape(QFrame.Shape.NoFrame)
        totals_scroll.setWidget(self.totals)
        totals_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = totals_scroll.horizontalScrollBar().sizeHint().height()
        totals_scroll.setFixedHeight(self.totals.sizeHint().height() + bar)
        totals_scroll.setMaximumWidth(self.totals.sizeHint().width() + 4)
        totals_scroll.setMinimumWidth(120)
        self.totals_scroll = totals_scroll
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(totals_scroll, 1, Qt.AlignmentFlag.AlignTop)

        # Visits: the table on the left, the selected visit's form on the right.
        self.visit_list = VisitTable()
        self.visit_list.currentRowChanged.connect(self._select)
        self.add_visit_button = QPushButton(self.tr("Add unplanned visit…"))
        self.add_visit_button.setCheckable(True)
        self.remove_visit_button = QPushButton(self.tr("Remove visit"))
        self.remove_visit_button.clicked.connect(self.remove_current)
        self.picker = CustomerPicker(customer_list, owner_id)
        self.picker.hide()
        self.picker.picked.connect(self.add_visit)
        self.add_visit_button.toggled.connect(self._toggle_picker)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.add_visit_button)
        list_buttons.addWidget(self.remove_visit_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.visit_list, 2)
        left_layout.addLayout(list_buttons)
        left_layout.addWidget(self.picker, 2)
        self.left_layout = left_layout  # the Plans page adds the visit's attachments here
        self.visit_list.setMinimumWidth(300)

        self.form = VisitForm(lang)
        self.form.edited.connect(self._visit_edited)
        self.form.market_report_requested.connect(self._market_report)
        self.form.complaint_requested.connect(self._complaint)
        self.empty_note = QLabel(self.tr("No visits yet. Add an unplanned visit, or plan the day."))
        self.empty_note.setObjectName("hint")
        self.empty_note.setWordWrap(True)
        form_holder = QWidget()
        holder_layout = QVBoxLayout(form_holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.empty_note)
        holder_layout.addWidget(self.form)
        # Only a screen smaller than 1366×768 scrolls; never sideways.
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setWidget(form_holder)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.form_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 7)
        splitter.setChildrenCollapsible(False)

        self.save_button = QPushButton(self.tr("Save report"))
        self.submit_button = QPushButton(self.tr("Submit report"))
        self.submit_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.submit_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restored_label)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    # --- loading -----------------------------------------------------------------------
    def load(self, day: dt.date) -> None:
        """Show `day`'s report (pre-filled from the plan when new), restoring unsaved
        changes left by a crash or a closed window."""
        self.autosaver.flush()
        self.day = day
        self.autosaver.key = report_key(day)
        try:
            self.view = self.reports.report(day)
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self._month_before = {t.kind: t.month_actual - t.day_actual for t in self.view.targets}
        draft = self.view.draft
        header = ReportHeader.raw_of(self.view)
        visits = [visit_to_raw(v) for v in draft.visits]
        restored = self.drafts.load(report_key(day)) if self.view.editable else None
        if not self.view.editable:
            self.autosaver.discard()  # submitted or signed meanwhile: the draft is moot
        if restored is not None:
            header = dict(restored.payload.get("header", header))
            visits = [dict(v) for v in restored.payload.get("visits", visits)]
        self.header.set_raw(header)
        self.visits = visits
        self.visit_list.problem_rows = set()
        self.current = -1
        self._fill_list(0 if visits else -1)
        self.restored_label.setVisible(restored is not None)
        self._show_status()
        self._update_totals()
        if restored is None:
            self.autosaver.pending = False

    def _fill_list(self, select: int) -> None:
        self.visit_list.set_visits(self.visits)
        self.current = -1
        if 0 <= select < len(self.visits):
            self.visit_list.setCurrentRow(select)
            if self.current != select:  # the table already had that row current
                self._select(select)
        else:
            self._select(-1)

    def _show_status(self) -> None:
        view = self.view
        if view is None:
            return
        self.banner.show_view(view, view.late(self.reports.clock.utcnow()))
        editable = view.editable
        self.header.setEnabled(editable)
        self.form.set_read_only(not editable)
        for button in (
            self.save_button,
            self.submit_button,
            self.add_visit_button,
            self.remove_visit_button,
        ):
            button.setVisible(editable)
        if not editable:
            self.add_visit_button.setChecked(False)

    # --- editing -----------------------------------------------------------------------
    def _select(self, row: int) -> None:
        self._store_current()
        self.current = row
        has = 0 <= row < len(self.visits)
        self.form.setVisible(has)
        self.empty_note.setVisible(not has)
        self.remove_visit_button.setEnabled(has)
        if has:
            self.form.set_raw(self.visits[row], row + 1)
            if row in self.visit_list.problem_rows and self.day is not None:
                # A visit the last save found wrong: its problems as they stand now.
                _visit, problems = visit_row(self.day, row, self.visits[row])
                self.form.show_problems(problems)

    def _store_current(self) -> None:
        if 0 <= self.current < len(self.visits):
            self.visits[self.current] = self.form.raw()

    def _visit_edited(self) -> None:
        self._store_current()
        if 0 <= self.current < len(self.visits):
            self.visit_list.show_visit(self.current, self.visits[self.current])
        self._update_totals()
        self.autosaver.touch()

    def _toggle_picker(self, shown: bool) -> None:
        self.picker.setVisible(shown)
        if shown:
            self.picker.refresh()
            self.picker.search.setFocus()

    def add_visit(self, customer_id: str, name: str) -> None:
        """Add an unplanned visit to this customer and select it."""
        if self.view is None or not self.view.editable:
            return
        self._store_current()
        self.visits.append(
            visit_to_raw(VisitDraft(customer_id=customer_id, customer_name=name, planned=False))
        )
        self._fill_list(len(self.visits) - 1)
        self.add_visit_button.setChecked(False)
        self._update_totals()
        self.autosaver.touch()

    def remove_current(self) -> None:
        row = self.current
        if not 0 <= row < len(self.visits):
            return
        name = str(self.visits[row].get("customer_name") or "")
        if not messages.confirm(
            self,
            self.tr("Remove visit"),
            self.tr("Remove the visit to %1 from this report?").replace("%1", name),
        ):
            return
        self.current = -1
        del self.visits[row]
        self.visit_list.problem_rows = set()
        self._fill_list(min(row, len(self.visits) - 1))
        self._update_totals()
        self.autosaver.touch()

    def form_state(self) -> dict[str, Any]:
        self._store_current()
        return {"header": self.header.raw(), "visits": [dict(v) for v in self.visits]}

    # --- totals ------------------------------------------------------------------------
    def live_totals(self) -> DayTotals:
        """The totals as typed, by the domain's rules: a bad amount counts as 0 (never
        a negative), an empty planned visit is no visit made."""
        return day_totals(raw_to_visit(raw, lenient=True) for raw in self.visits)

    def live_targets(self, totals: DayTotals) -> list[TargetProgress]:
        if self.view is None:
            return []
        day_actual = {
            TargetKind.VISITS.value: totals.visits,
            TargetKind.SALES.value: totals.order_amount_fen,
            TargetKind.COLLECTION.value: totals.collection_fen,
        }
        return [
            TargetProgress(
                t.kind,
                day_actual[t.kind],
                t.day_target,
                self._month_before.get(t.kind, 0) + day_actual[t.kind],
                t.month_target,
            )
            for t in self.view.targets
            if t.kind in day_actual
        ]

    def _update_totals(self) -> None:
        totals = self.live_totals()
        self.totals.show_totals(totals, self.live_targets(totals), self.lang)

    # --- saving ------------------------------------------------------------------------
    def draft(self) -> ReportDraft | None:
        """The form as a ReportDraft; on problems, shows every one of them at once (one
        message, a mark on each visit and field) and returns None."""
        if self.view is None or self.day is None:
            return None
        self._store_current()
        draft, problems = build_report(self.day, self.view.draft.id, self.header.raw(), self.visits)
        rows = {p.row for p in problems if p.row is not None}
        self.visit_list.problem_rows = rows
        for row, raw in enumerate(self.visits):
            self.visit_list.show_visit(row, raw)
        if draft is not None:
            return draft
        mark_invalid(self.expenses, any(p.row is None for p in problems))
        if rows:
            first = min(rows)
            if first != self.current:
                self.visit_list.setCurrentRow(first)
            self.form.show_problems([p.error for p in problems if p.row == first])
        else:
            self.expenses.setFocus()
        application.show_error(all_problems(problems), self)
        return None

    def save(self) -> bool:
        """Check the form and queue its save; True when the write started (`changed`
        follows when it lands)."""
        if self._saving:
            return False
        draft = self.draft()
        if draft is None or not self._amounts_confirmed(draft):
            return False
        return self._write(draft, submit=False)

    def submit(self) -> bool:
        """Check, confirm and queue save-and-submit; True when the write started."""
        if self._saving or self.view is None or not self.view.editable:
            return False
        draft = self.draft()
        if draft is None or not self._amounts_confirmed(draft):
            return False
        empty = empty_planned(draft)
        question = (
            self.tr(
                "%1 planned visit(s) not filled in; submit anyway? They will count as not visited."
            ).replace("%1", str(empty))
            if empty
            else self.tr("Submit this report to your supervisor for sign-off?")
        )
        if not messages.confirm(self, self.tr("Submit report"), question):
            return False
        return self._write(draft, submit=True)

    def _amounts_confirmed(self, draft: ReportDraft) -> bool:
        """An amount above the ceiling is possible but more likely a typo: ask."""
        lines = amounts_to_confirm(draft, self.confirm_above_fen)
        if not lines:
            return True
        listed = "\n".join(zh if not self.lang.startswith("en") else en for zh, en in lines)
        return messages.confirm(
            self,
            self.tr("Check the amounts"),
            self.tr("These amounts are above %1. Are they right?").replace(
                "%1", format_fen(self.confirm_above_fen)
            )
            + "\n"
            + listed,
        )

    @property
    def saving(self) -> bool:
        return self._saving

    def _write(self, draft: ReportDraft, *, submit: bool) -> bool:
        """Queue the save or submit on the writer lane (ui/operations.py); True when it
        started. The form is read and checked before, on the GUI thread; while the write
        runs the form is locked, so the reload after it loses nothing typed meanwhile."""
        day = self.day
        if day is None or self._saving:
            return False
        reports = self.reports
        write = reports.submit if submit else reports.save
        self._set_saving(True)
        self.operations.write(
            lambda: write(draft),
            REPORT_CHANGES,
            parent=self,
            success=lambda _view: self._written(day),
            failure=self._not_written,
        )
        return True

    def _written(self, day: dt.date) -> None:
        self._set_saving(False)
        self.drafts.clear(report_key(day))
        if day == self.day:
            self.autosaver.pending = False
            self.autosaver.timer.stop()
            self.load(day)
        self.changed.emit()

    def _not_written(self, error: BaseException) -> None:
        """The write failed: say why; the form keeps everything as typed."""
        self._set_saving(False)
        report_error(error, self)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        for widget in (self.header, self.form_scroll, self.visit_list, self.add_visit_button,
                       self.remove_visit_button, self.picker, self.save_button,
                       self.submit_button):  # fmt: skip
            widget.setEnabled(not saving)
        if not saving:
            # Unlocked as the selection and the view say (a read-only report stays so).
            self.remove_visit_button.setEnabled(0 <= self.current < len(self.visits))
            if self.view is not None:
                self.header.setEnabled(self.view.editable)

    # --- other forms -------------------------------------------------------------------
    def current_customer(self) -> str | None:
        if 0 <= self.current < len(self.visits):
            return str(self.visits[self.current].get("customer_id") or "") or None
        return None

    def _market_report(self) -> None:
        if self._open_market_report is not None:
            self._open_market_report(self.current_customer())

    def _complaint(self) -> None:
        if self._open_complaint is not None:
            self._open_complaint(self.current_customer())

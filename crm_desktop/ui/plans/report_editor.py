"""The daily sales report editor: header, visits (list + form), live totals vs targets.

Returned reports show the supervisor's comment and stay editable for resubmission;
signed reports open read-only with the comment. Like the plan editor, what is typed is
autosaved to the local store as a draft until a real save.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.daily import (
    DayTotals,
    ReportDraft,
    TargetProgress,
    VisitDraft,
    validate_visit,
)
from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.kpi import to_percent
from crm_desktop.domain.money import format_fen, parse_yuan
from crm_desktop.domain.picklists import Attendance, ReportStatus, TargetKind
from crm_desktop.services.customer_list import CustomerList
from crm_desktop.services.daily_reports import DailyReportService, ReportView
from crm_desktop.services.form_drafts import FormDraftService, report_key
from crm_desktop.ui import application, messages
from crm_desktop.ui.plans.autosave import Autosaver
from crm_desktop.ui.plans.customer_picker import CustomerPicker
from crm_desktop.ui.plans.visit_form import (
    VisitForm,
    lenient_amount,
    raw_to_visit,
    visit_to_raw,
)
from crm_desktop.ui.widgets import combo_code, picklist_combo, select_code

MONEY_KINDS = {TargetKind.SALES.value, TargetKind.COLLECTION.value}


def percent_text(progress: Any) -> str:
    value = to_percent(progress)
    return "—" if value is None else f"{value}%"


class ReportEditor(QWidget):
    """Edits one day's report. `changed` after a save or submit."""

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
    ) -> None:
        super().__init__(parent)
        self.reports = reports
        self.drafts = drafts
        self.lang = lang
        self.day: dt.date | None = None
        self.view: ReportView | None = None
        self.visits: list[dict[str, Any]] = []
        self.current = -1
        self._loading = False
        self._month_before: dict[str, int] = {}
        self.autosaver = Autosaver(drafts, self.form_state, self)
        self._open_market_report = open_market_report
        self._open_complaint = open_complaint

        self.status_label = QLabel()
        self.status_label.setObjectName("cardSubtitle")
        self.status_label.setWordWrap(True)
        self.comment_label = QLabel()
        self.comment_label.setObjectName("conflictBanner")
        self.comment_label.setWordWrap(True)
        self.comment_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comment_label.hide()
        self.restored_label = QLabel(self.tr("Restored unsaved changes."))
        self.restored_label.setObjectName("hint")
        self.restored_label.hide()

        # Header: attendance, expenses, reflections.
        self.attendance = picklist_combo(Attendance, lang)
        self.expenses = QLineEdit()
        self.expenses.setPlaceholderText(self.tr("yuan, e.g. 86.50"))
        self.expense_note = QLineEdit()
        self.expense_note.setPlaceholderText(self.tr("Taxi, meals, samples…"))
        self.reflections = QPlainTextEdit()
        self.reflections.setTabChangesFocus(True)
        self.reflections.setPlaceholderText(self.tr("What went well today, what to do better"))
        self.reflections.setFixedHeight(64)
        header = QGroupBox(self.tr("Day"))
        header_form = QFormLayout(header)
        header_form.addRow(self.tr("Attendance"), self.attendance)
        header_form.addRow(self.tr("Expenses"), self.expenses)
        header_form.addRow(self.tr("Expense note"), self.expense_note)
        header_form.addRow(self.tr("Reflections"), self.reflections)
        self.header = header

        # Totals vs targets.
        totals = QGroupBox(self.tr("Day totals"))
        self.totals_grid = QGridLayout(totals)
        self.totals_labels: dict[str, QLabel] = {}
        for row, (key, text) in enumerate(
            (
                ("visits", self.tr("Visits")),
                ("effective", self.tr("Effective visits")),
                ("orders", self.tr("Orders")),
                ("collections", self.tr("Collections")),
            )
        ):
            self.totals_grid.addWidget(QLabel(text), row, 0)
            value = QLabel()
            value.setObjectName(f"total_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.totals_grid.addWidget(value, row, 1)
            self.totals_labels[key] = value
        self.targets_label = QLabel()
        self.targets_label.setObjectName("targetsLabel")
        self.targets_label.setTextFormat(Qt.TextFormat.RichText)
        self.targets_label.setWordWrap(True)
        self.totals_grid.addWidget(self.targets_label, 4, 0, 1, 2)
        self.totals_grid.setColumnStretch(0, 1)

        top = QHBoxLayout()
        top.addWidget(header, 3)
        top.addWidget(totals, 2)

        # Visits: list on the left, form on the right.
        self.visit_list = QListWidget()
        self.visit_list.setObjectName("visitList")
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
        left_layout.addWidget(QLabel(self.tr("Visits")))
        left_layout.addWidget(self.visit_list, 2)
        # Room for a time and a customer name: "09:00  明通百货商店（静安店）".
        self.visit_list.setMinimumWidth(230)
        left_layout.addLayout(list_buttons)
        left_layout.addWidget(self.picker, 2)

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
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # The form scrolls down, never sideways: its fields shrink to the width given.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(form_holder)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        self.save_button = QPushButton(self.tr("Save report"))
        self.submit_button = QPushButton(self.tr("Submit report"))
        self.submit_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.submit_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label)
        layout.addWidget(self.comment_label)
        layout.addWidget(self.restored_label)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.attendance.currentIndexChanged.connect(self._header_edited)
        self.expenses.textChanged.connect(self._header_edited)
        self.expense_note.textChanged.connect(self._header_edited)
        self.reflections.textChanged.connect(self._header_edited)

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
        header = {
            "attendance": self.view.draft.attendance,
            "expenses": format_fen(self.view.draft.expenses_fen, symbol=False)
            if self.view.draft.expenses_fen
            else "",
            "expense_note": self.view.draft.expense_note or "",
            "reflections": self.view.draft.reflections or "",
        }
        visits = [visit_to_raw(v) for v in self.view.draft.visits]
        restored = self.drafts.load(report_key(day)) if self.view.editable else None
        if not self.view.editable:
            self.autosaver.discard()  # submitted or signed meanwhile: the draft is moot
        if restored is not None:
            header = dict(restored.payload.get("header", header))
            visits = [dict(v) for v in restored.payload.get("visits", visits)]
        self._loading = True
        try:
            select_code(self.attendance, header.get("attendance") or "present")
            self.expenses.setText(str(header.get("expenses") or ""))
            self.expense_note.setText(str(header.get("expense_note") or ""))
            self.reflections.setPlainText(str(header.get("reflections") or ""))
        finally:
            self._loading = False
        self.visits = visits
        self.current = -1
        self._fill_list(0 if visits else -1)
        self.restored_label.setVisible(restored is not None)
        self._show_status()
        self._update_totals()
        if restored is None:
            self.autosaver.pending = False

    def _fill_list(self, select: int) -> None:
        self.visit_list.blockSignals(True)
        self.visit_list.clear()
        for raw in self.visits:
            self.visit_list.addItem(QListWidgetItem(self._visit_title(raw)))
        self.visit_list.blockSignals(False)
        self.current = -1
        if 0 <= select < len(self.visits):
            self.visit_list.setCurrentRow(select)
        else:
            self._select(-1)

    def _visit_title(self, raw: dict[str, Any]) -> str:
        mark = "" if raw.get("planned") else self.tr(" (unplanned)")
        start = str(raw.get("start_time") or "").strip()
        return f"{start + '  ' if start else ''}{raw.get('customer_name') or ''}{mark}"

    def _show_status(self) -> None:
        view = self.view
        if view is None:
            return
        status = ReportStatus(view.status)
        text = self.tr("Report status: %1").replace("%1", status.label(self.lang))
        if view.draft.id is None:
            text = self.tr("New report, filled in from the day's plan; not saved yet.")
        if view.late(self.reports.clock.utcnow()):
            text += self.tr(" · late")
        if status is ReportStatus.SIGNED:
            text = (
                self.tr("Signed by %1: read-only.").replace("%1", view.signed_by_name)
                if view.signed_by_name
                else self.tr("Signed: read-only.")
            )
        self.status_label.setText(text)
        comment = view.review_comment
        self.comment_label.setVisible(bool(comment))
        if comment:
            self.comment_label.setText(self.tr("Supervisor's comment: %1").replace("%1", comment))
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
            self.form.set_raw(self.visits[row])

    def _store_current(self) -> None:
        if 0 <= self.current < len(self.visits):
            self.visits[self.current] = self.form.raw()

    def _visit_edited(self) -> None:
        self._store_current()
        item = self.visit_list.item(self.current)
        if item is not None:
            item.setText(self._visit_title(self.visits[self.current]))
        self._update_totals()
        self.autosaver.touch()

    def _header_edited(self, *_args: object) -> None:
        if not self._loading:
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
        self._fill_list(min(row, len(self.visits) - 1))
        self._update_totals()
        self.autosaver.touch()

    def form_state(self) -> dict[str, Any]:
        self._store_current()
        return {
            "header": {
                "attendance": combo_code(self.attendance),
                "expenses": self.expenses.text(),
                "expense_note": self.expense_note.text(),
                "reflections": self.reflections.toPlainText(),
            },
            "visits": [dict(v) for v in self.visits],
        }

    # --- totals ------------------------------------------------------------------------
    def live_totals(self) -> DayTotals:
        count = effective = orders = amount = collected = 0
        for raw in self.visits:
            order = lenient_amount(raw, "order_amount")
            count += 1
            effective += bool(raw.get("is_effective"))
            orders += order > 0
            amount += order
            collected += lenient_amount(raw, "collection_amount")
        return DayTotals(count, effective, orders, amount, collected)

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
        self.totals_labels["visits"].setText(str(totals.visits))
        self.totals_labels["effective"].setText(
            f"{totals.effective_visits}  ({percent_text(totals.effective_rate)})"
        )
        self.totals_labels["orders"].setText(
            f"{totals.orders}  ·  {format_fen(totals.order_amount_fen)}"
        )
        self.totals_labels["collections"].setText(format_fen(totals.collection_fen))
        lines = []
        for t in self.live_targets(totals):
            kind = TargetKind(t.kind).label(self.lang)

            def show(value: int, kind_code: str = t.kind) -> str:
                return format_fen(value) if kind_code in MONEY_KINDS else str(value)

            lines.append(
                self.tr("%1 — today %2 / %3 (%4); month %5 / %6 (%7)")
                .replace("%1", f"<b>{kind}</b>")
                .replace("%2", show(t.day_actual))
                .replace("%3", show(t.day_target))
                .replace("%4", percent_text(t.day_ratio))
                .replace("%5", show(t.month_actual))
                .replace("%6", show(t.month_target))
                .replace("%7", percent_text(t.month_ratio))
            )
        self.targets_label.setText("<br>".join(lines) or self.tr("No targets set for this month."))

    # --- saving ------------------------------------------------------------------------
    def draft(self) -> ReportDraft | None:
        """The form as a ReportDraft; on a problem, shows it at its field and returns None."""
        if self.view is None or self.day is None:
            return None
        self._store_current()
        try:
            text = self.expenses.text().strip()
            expenses = parse_yuan(text) if text else 0
        except ValidationError as error:
            self.expenses.setFocus()
            application.show_error(error, self)
            return None
        visits = []
        for row, raw in enumerate(self.visits):
            try:
                visit = raw_to_visit(raw)
                validate_visit(visit.cleaned(), self.day)
            except ValidationError as error:
                self.visit_list.setCurrentRow(row)
                self.form.show_problem(error)
                application.show_error(error, self)
                return None
            visits.append(visit)
        return ReportDraft(
            report_date=self.day,
            id=self.view.draft.id,
            attendance=combo_code(self.attendance) or Attendance.PRESENT.value,
            expenses_fen=expenses,
            expense_note=self.expense_note.text(),
            reflections=self.reflections.toPlainText(),
            visits=tuple(visits),
        )

    def save(self) -> bool:
        return self._write(submit=False)

    def submit(self) -> bool:
        if self.view is None or not self.view.editable:
            return False
        if not messages.confirm(
            self,
            self.tr("Submit report"),
            self.tr("Submit this report to your supervisor for sign-off?"),
        ):
            return False
        return self._write(submit=True)

    def _write(self, *, submit: bool) -> bool:
        draft = self.draft()
        if draft is None:
            return False
        try:
            self.view = (self.reports.submit if submit else self.reports.save)(draft)
        except UserFacingError as error:
            application.show_error(error, self)
            return False
        self.autosaver.discard()
        day = self.day
        if day is not None:
            self.load(day)
        self.changed.emit()
        return True

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

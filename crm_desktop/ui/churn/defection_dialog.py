"""Record or edit a defector case 流失客户调查 (F16): type, root causes, interviewer, notes,
improvement measures and status, with the customer's spend in the years before."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from crm_desktop.domain.churn import (
    DefectionCause,
    DefectionDraft,
    DefectionStatus,
    DefectionType,
    defection_problems,
)
from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.services.customers.defections import DefectionService
from crm_desktop.ui import application
from crm_desktop.ui.activity.form import (
    ActivityDialog,
    CustomerField,
    date_edit,
    from_qdate,
    to_qdate,
)
from crm_desktop.ui.operations import CUSTOMERS, DEFECTIONS
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.widgets import combo_code, compact_money, picklist_combo, select_code

CAUSE_ROWS_SHOWN = 6  # the list scrolls; a 1366×768 screen keeps the whole dialog


def _text_box(height: int = 64) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setFixedHeight(height)
    box.setTabChangesFocus(True)
    return box


def _optional_date(label: str, day: dt.date) -> tuple[QWidget, QCheckBox, QDateEdit]:
    check = QCheckBox(label)
    edit = date_edit(day)
    edit.setEnabled(False)
    check.toggled.connect(edit.setEnabled)
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(check)
    row.addWidget(edit, 1)
    return box, check, edit


class DefectionDialog(ActivityDialog):
    """A new case (for `customer_id` when given) or `case_id` to edit one."""

    changes = DEFECTIONS | CUSTOMERS  # a case marks the card lost, won back, active

    def __init__(
        self,
        context: PageContext,
        customer_id: str | None = None,
        parent: QWidget | None = None,
        *,
        case_id: str | None = None,
        defection_type: str | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.service: DefectionService = context.services.defections
        self.draft: DefectionDraft | None = None
        if case_id is not None:
            self.draft = self.service.get(case_id)
            customer_id = self.draft.customer_id
        self.setWindowTitle(
            self.tr("Edit defector case") if case_id else self.tr("Record a defector case")
        )
        today = context.services.clock.today()
        name = self.service.customer_name(customer_id) if customer_id else ""
        self.customer = CustomerField(context, customer_id, name)
        self.defection_type = picklist_combo(DefectionType, self.lang)
        select_code(self.defection_type, defection_type or DefectionType.COMPLETE.value)
        self.defected_on = date_edit(today)
        self.causes = QListWidget()
        for cause in DefectionCause:
            item = QListWidgetItem(cause.label(self.lang))
            item.setData(Qt.ItemDataRole.UserRole, cause.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.causes.addItem(item)
        self.causes.setFixedHeight(self.causes.sizeHintForRow(0) * CAUSE_ROWS_SHOWN + 6)
        self.interviewer = QLineEdit()
        self.interviewer.setPlaceholderText(self.tr("Who heard the customer out"))
        interviewed, self.has_interview, self.interviewed_on = _optional_date(
            self.tr("Interviewed"), today
        )
        self.notes = _text_box()
        self.measures = _text_box()
        self.status = picklist_combo(DefectionStatus, self.lang)
        won_back, self.is_won_back, self.won_back_on = _optional_date(self.tr("Won back"), today)
        self.is_won_back.toggled.connect(self._won_back_toggled)
        self.spend = QLabel()
        self.spend.setObjectName("hint")
        self.spend.setWordWrap(True)
        for label, field, editor, flagged in (
            (self.tr("Customer *"), "customer", self.customer, self.customer.editor()),
            (self.tr("Type"), "type", self.defection_type, None),
            (self.tr("Defected on *"), "defected_on", self.defected_on, None),
            (self.tr("Root causes *"), "root_causes", self.causes, None),
            (self.tr("Interviewer"), "interviewer", self.interviewer, None),
            (self.tr("Interview date"), "interviewed_on", interviewed, self.interviewed_on),
            (self.tr("Interview notes"), "interview_notes", self.notes, None),
            (self.tr("Improvement measures"), "improvement_measures", self.measures, None),
            (self.tr("Status"), "status", self.status, None),
            (self.tr("Won back on"), "won_back_on", won_back, self.won_back_on),
            (self.tr("Spend before"), "spend", self.spend, None),
        ):
            self.add_row(label, field, editor, flagged)
        self.customer.changed.connect(self.show_spend)
        self.defected_on.dateChanged.connect(lambda _d: self.show_spend())
        self._load(self.draft)
        self.show_spend()

    def _won_back_toggled(self, on: bool) -> None:
        if on:
            select_code(self.status, DefectionStatus.WON_BACK.value)
        elif combo_code(self.status) == DefectionStatus.WON_BACK.value:
            select_code(self.status, DefectionStatus.OPEN.value)

    def show_spend(self) -> None:
        """The customer's orders in each of the three years before the defection
        (历期消费数额), so the interviewer sees what was lost."""
        customer_id = self.customer.customer_id()
        if not customer_id:
            self.spend.setText("—")
            return
        try:
            years = self.service.spend_history(customer_id, from_qdate(self.defected_on.date()))
        except UserFacingError as error:
            self.spend.setText(error.message(self.lang))
            return
        chinese = not self.lang.startswith("en")
        self.spend.setText(
            self.tr("3 years ago %1 · 2 years ago %2 · last 12 months %3")
            .replace("%1", compact_money(years[0], chinese=chinese))
            .replace("%2", compact_money(years[1], chinese=chinese))
            .replace("%3", compact_money(years[2], chinese=chinese))
        )

    def checked_causes(self) -> tuple[str, ...]:
        codes = []
        for index in range(self.causes.count()):
            item = self.causes.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                codes.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(codes)

    def check_causes(self, codes: tuple[str, ...]) -> None:
        for index in range(self.causes.count()):
            item = self.causes.item(index)
            chosen = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)

    def _load(self, draft: DefectionDraft | None) -> None:
        if draft is None:
            return
        self.customer.select(draft.customer_id, self.service.customer_name(draft.customer_id))
        select_code(self.defection_type, draft.defection_type)
        self.defected_on.setDate(to_qdate(draft.defected_on))
        self.check_causes(draft.root_causes)
        self.interviewer.setText(draft.interviewer or "")
        self.has_interview.setChecked(draft.interviewed_on is not None)
        if draft.interviewed_on is not None:
            self.interviewed_on.setDate(to_qdate(draft.interviewed_on))
        self.notes.setPlainText(draft.interview_notes or "")
        self.measures.setPlainText(draft.improvement_measures or "")
        select_code(self.status, draft.status)
        self.is_won_back.setChecked(draft.won_back_on is not None)
        if draft.won_back_on is not None:
            self.won_back_on.setDate(to_qdate(draft.won_back_on))

    def read_draft(self) -> DefectionDraft:
        return DefectionDraft(
            id=self.draft.id if self.draft else None,
            customer_id=self.customer.customer_id() or "",
            defected_on=from_qdate(self.defected_on.date()),
            defection_type=combo_code(self.defection_type) or DefectionType.COMPLETE.value,
            root_causes=self.checked_causes(),
            interviewer=self.interviewer.text(),
            interviewed_on=(
                from_qdate(self.interviewed_on.date()) if self.has_interview.isChecked() else None
            ),
            interview_notes=self.notes.toPlainText(),
            improvement_measures=self.measures.toPlainText(),
            status=combo_code(self.status) or DefectionStatus.OPEN.value,
            won_back_on=(
                from_qdate(self.won_back_on.date()) if self.is_won_back.isChecked() else None
            ),
        ).cleaned()

    def problems(self) -> list[ValidationError]:
        return defection_problems(self.read_draft(), self.context.services.clock.today())


def open_case(
    context: PageContext, case_id: str, parent: QWidget | None = None
) -> DefectionDialog | None:
    """The edit dialog of a case, or None (error shown) when it is gone."""
    try:
        return DefectionDialog(context, parent=parent, case_id=case_id)
    except UserFacingError as error:
        application.show_error(error, parent)
        return None

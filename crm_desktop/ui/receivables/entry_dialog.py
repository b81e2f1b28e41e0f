"""新增款项 New entry: a manual order, collection or adjustment in a customer's ledger."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import parse_yuan
from crm_desktop.domain.receivables import MANUAL_KINDS, EntryDraft, EntryKind, entry_problems
from crm_desktop.ui.activity.form import ActivityDialog, CustomerField, date_edit, from_qdate
from crm_desktop.ui.operations import RECEIVABLES
from crm_desktop.ui.pages.base import PageContext


class EntryDialog(ActivityDialog):
    changes = RECEIVABLES

    def __init__(
        self,
        context: PageContext,
        customer_id: str | None = None,
        customer_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.receivables = context.services.receivables
        self.setWindowTitle(self.tr("New entry"))
        today = context.services.clock.today()
        self.customer = CustomerField(context, customer_id, customer_name)
        self.kind = self._kinds()
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(
            self.tr("e.g. 12,000 or 1.2万; an adjustment may be negative")
        )
        self.entry_date = date_edit(today)
        self.has_due = QCheckBox(self.tr("Set a due date"))
        self.due_on = date_edit(today)
        self.due_on.setEnabled(False)
        self.has_due.toggled.connect(self.due_on.setEnabled)
        due_row = QWidget()
        due_layout = QHBoxLayout(due_row)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.addWidget(self.has_due)
        due_layout.addWidget(self.due_on, 1)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("Invoice or receipt number"))
        self.note = QLineEdit()
        for label, field, editor, flagged in (
            (self.tr("Customer *"), "customer", self.customer, self.customer.editor()),
            (self.tr("Kind *"), "kind", self.kind, None),
            (self.tr("Amount (yuan) *"), "amount", self.amount, None),
            (self.tr("Date *"), "entry_date", self.entry_date, None),
            (self.tr("Due date"), "due_on", due_row, self.due_on),
            (self.tr("Reference"), "reference", self.reference, None),
            (self.tr("Note"), "note", self.note, None),
        ):
            self.add_row(label, field, editor, flagged)
        # The credit-limit warning for an order as typed: a note, the save stays allowed.
        self.credit_note = QLabel()
        self.credit_note.setObjectName("fieldError")
        self.credit_note.setWordWrap(True)
        self.credit_note.hide()
        self.form.addRow("", self.credit_note)
        self.amount.textChanged.connect(self.check_credit)
        self.kind.currentIndexChanged.connect(self.check_credit)
        self.customer.changed.connect(self.check_credit)

    def check_credit(self, *_args: object) -> str:
        """Show the warning when this order would pass the customer's credit limit."""
        text = ""
        customer_id = self.customer.customer_id()
        if customer_id and self.kind.currentData() == EntryKind.ORDER.value:
            try:
                amount = self._amount_fen()
            except ValidationError:
                amount = 0
            warning = self.receivables.credit_warning(customer_id, amount)
            text = "" if warning is None else warning.message(self.lang)
        self.credit_note.setText(text)
        self.credit_note.setVisible(bool(text))
        return text

    def _kinds(self) -> QComboBox:
        """Orders, collections and adjustments; opening balances come from the import."""
        combo = QComboBox()
        for kind in MANUAL_KINDS:
            combo.addItem(kind.label(self.lang), kind.value)
        return combo

    def _amount_fen(self) -> int:
        text = self.amount.text().strip()
        if not text:
            raise ValidationError("请填写金额", "Enter the amount", "amount")
        return parse_yuan(text)

    def read_draft(self) -> EntryDraft:
        try:
            amount = self._amount_fen()
        except ValidationError:
            amount = 0
        return EntryDraft(
            customer_id=self.customer.customer_id() or "",
            kind=str(self.kind.currentData()),
            amount_fen=amount,
            entry_date=from_qdate(self.entry_date.date()),
            due_on=from_qdate(self.due_on.date()) if self.has_due.isChecked() else None,
            reference=self.reference.text(),
            note=self.note.text(),
        ).cleaned()

    def problems(self) -> list[ValidationError]:
        problems: list[ValidationError] = []
        if not self.customer.customer_id():
            problems.append(ValidationError("请选择客户", "Choose the customer", "customer"))
        try:
            self._amount_fen()
        except ValidationError as error:
            problems.append(ValidationError(error.message_zh, error.message_en, "amount"))
        draft = self.read_draft()
        found = entry_problems(draft.kind, draft.amount_fen, draft.entry_date, draft.due_on)
        taken = {p.field for p in problems}
        problems.extend(p for p in found if p.field not in taken)
        return problems

    def writer(self) -> Callable[[], str]:
        draft, service = self.read_draft(), self.receivables
        return lambda: service.add_entry(draft)

"""Add or edit a contact 联系人 of a customer: every ContactDraft field, inline problems."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.customer import ContactDraft, contact_problems
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import BuyingRole
from crm_desktop.services.container import Services
from crm_desktop.ui.activity.form import to_qdate
from crm_desktop.ui.operations import CONTACTS, Operations
from crm_desktop.ui.tasks import BackgroundTask
from crm_desktop.ui.widgets import (
    ErrorLabel,
    combo_code,
    mark_invalid,
    picklist_combo,
    select_code,
)

TEXT_FIELDS = ("name", "title", "department", "mobile", "phone", "email", "hobbies")


class ContactDialog(QDialog):
    """Edits `draft` (a new one when its id is None); emits `saved(id)` and accepts."""

    saved = Signal(str)

    def __init__(
        self,
        services: Services,
        lang: str,
        draft: ContactDraft,
        parent: QWidget | None = None,
        *,
        operations: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.operations = operations or Operations(self)
        self.save_task: BackgroundTask | None = None
        self.lang = lang
        self.draft = draft
        self.setWindowTitle(self.tr("Edit contact") if draft.id else self.tr("New contact"))
        self.edits = {name: QLineEdit() for name in TEXT_FIELDS}
        self.buying_role = picklist_combo(BuyingRole, lang, empty="—")
        self.has_birthday = QCheckBox(self.tr("Known"))
        self.birthday = QDateEdit()
        self.birthday.setCalendarPopup(True)
        self.birthday.setDisplayFormat("yyyy-MM-dd")
        self.birthday.setMaximumDate(to_qdate(services.clock.today()))
        self.has_birthday.toggled.connect(self.birthday.setEnabled)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(72)
        self.notes.setTabChangesFocus(True)
        self.is_key_contact = QCheckBox(self.tr("Key contact"))
        self.errors: dict[str, ErrorLabel] = {}
        self.general_error = ErrorLabel()
        self._build_layout()
        self._load(draft)

    def _row(self, form: QFormLayout, label: str, name: str, editor: QWidget) -> None:
        error = ErrorLabel()
        self.errors[name] = error
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        column.addWidget(error)
        form.addRow(label, box)

    def _build_layout(self) -> None:
        form = QFormLayout()
        birthday_row = QWidget()
        row = QHBoxLayout(birthday_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_birthday)
        row.addWidget(self.birthday, 1)
        for label, name, editor in (
            (self.tr("Name *"), "name", self.edits["name"]),
            (self.tr("Title"), "title", self.edits["title"]),
            (self.tr("Department"), "department", self.edits["department"]),
            (self.tr("Buying role"), "buying_role", self.buying_role),
            (self.tr("Mobile"), "mobile", self.edits["mobile"]),
            (self.tr("Phone"), "phone", self.edits["phone"]),
            (self.tr("Email"), "email", self.edits["email"]),
            (self.tr("Birthday"), "birthday", birthday_row),
            (self.tr("Hobbies"), "hobbies", self.edits["hobbies"]),
            (self.tr("Notes"), "notes", self.notes),
            ("", "is_key_contact", self.is_key_contact),
        ):
            self._row(form, label, name, editor)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("primary")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _load(self, draft: ContactDraft) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(draft, name) or "")
        select_code(self.buying_role, draft.buying_role)
        self.has_birthday.setChecked(draft.birthday is not None)
        self.birthday.setEnabled(draft.birthday is not None)
        if draft.birthday is not None:
            self.birthday.setDate(
                QDate(draft.birthday.year, draft.birthday.month, draft.birthday.day)
            )
        else:
            self.birthday.setDate(QDate(1980, 1, 1))
        self.notes.setPlainText(draft.notes or "")
        self.is_key_contact.setChecked(draft.is_key_contact)

    def read_draft(self) -> ContactDraft:
        birthday: dt.date | None = None
        if self.has_birthday.isChecked():
            day = self.birthday.date()
            birthday = dt.date(day.year(), day.month(), day.day())
        texts = {name: edit.text() or None for name, edit in self.edits.items()}
        texts["name"] = self.edits["name"].text()
        return ContactDraft(
            customer_id=self.draft.customer_id,
            id=self.draft.id,
            buying_role=combo_code(self.buying_role),
            birthday=birthday,
            notes=self.notes.toPlainText() or None,
            is_key_contact=self.is_key_contact.isChecked(),
            **texts,  # type: ignore[arg-type]
        )

    def save(self) -> bool:
        """Check the input and start saving on the writer lane; True when started. The
        dialog accepts (and emits `saved`) when the save lands, and stays open if not."""
        if self.save_task is not None and self.save_task.running:
            return False
        draft = self.read_draft()
        problems = contact_problems(draft.cleaned(), self.services.clock.today())
        if problems:
            self._show_problems(problems)
            return False
        customers = self.services.customers
        self.save_task = self.operations.save(
            lambda: customers.save_contact(draft),
            CONTACTS,
            parent=self,
            button=self.save_button,
            saved=self._saved,
            refused=lambda error: self._show_problems([error]),
        )
        return True

    def _saved(self, contact_id: str) -> None:
        self.saved.emit(contact_id)
        self.accept()

    def _show_problems(self, problems: list[ValidationError]) -> None:
        general: list[str] = []
        for name, label in self.errors.items():
            label.clear_message()
            if name in self.edits:
                mark_invalid(self.edits[name], False)
        for problem in problems:
            target = self.errors.get(problem.field or "")
            if target is None:
                general.append(problem.message(self.lang))
                continue
            target.show_message(problem.message(self.lang))
            if problem.field in self.edits:
                mark_invalid(self.edits[problem.field], True)
        self.general_error.show_message("\n".join(general))

"""What the activity dialogs share: labelled rows with inline problems, date helpers,
and the customer field (fixed when the dialog is opened for one customer, else a picker)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.customers.customer_list import CustomerQuery
from crm_desktop.ui.operations import OpChanges
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.tasks import BackgroundTask
from crm_desktop.ui.widgets import ErrorLabel, dialog_buttons, mark_invalid

PICKER_LIMIT = 50  # matches shown while typing; typing more narrows the list


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(to_qdate(day))
    return edit


class CustomerField(QWidget):
    """The customer of a record. Fixed (a label) when the dialog was opened for one
    customer; otherwise a search box and a list of matches from the customer list.

    Reps are offered only their own customers: those are the ones they may work on.
    """

    changed = Signal()

    def __init__(
        self,
        context: PageContext,
        customer_id: str | None,
        customer_name: str = "",
        *,
        optional: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.fixed = customer_id is not None
        self.optional = optional
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name_label = QLabel(customer_name)
        self.name_label.setProperty("role", "value")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search customers"))
        self.choices = QComboBox()
        self.choices.setMinimumContentsLength(16)
        self._fixed_id = customer_id
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        if self.fixed:
            layout.addWidget(self.name_label, 1)
        else:
            self.search.textChanged.connect(lambda _text: self._timer.start())
            self.choices.currentIndexChanged.connect(lambda _index: self.changed.emit())
            layout.addWidget(self.search, 1)
            layout.addWidget(self.choices, 1)
            self.refresh()

    def refresh(self) -> None:
        """Re-run the search now (the text box waits a moment after each keystroke)."""
        actor = self.context.services.actor
        query = CustomerQuery(
            text=self.search.text(),
            owner_id=actor.user_id if actor.role is Role.REP else None,
        )
        customer_list = self.context.services.customer_list
        handles = customer_list.handles(query)[:PICKER_LIMIT]
        rows = customer_list.rows(handles)
        current = self.customer_id()
        self.choices.blockSignals(True)
        self.choices.clear()
        self.choices.addItem(
            self.tr("— none —") if self.optional else self.tr("— choose a customer —"), None
        )
        for handle in handles:
            row = rows.get(handle)
            if row is not None:
                self.choices.addItem(row.name, row.id)
        index = self.choices.findData(current) if current else -1
        self.choices.setCurrentIndex(index if index >= 0 else (1 if self._one_match() else 0))
        self.choices.blockSignals(False)
        self.changed.emit()

    def _one_match(self) -> bool:
        return bool(self.search.text().strip()) and self.choices.count() == 2

    def select(self, customer_id: str | None, name: str = "") -> None:
        """Preselect a customer (editing an existing record) in the picker."""
        if self.fixed or customer_id is None:
            return
        if self.choices.findData(customer_id) < 0:
            self.choices.addItem(name or customer_id, customer_id)
        self.choices.setCurrentIndex(self.choices.findData(customer_id))

    def customer_id(self) -> str | None:
        if self.fixed:
            return self._fixed_id
        value = self.choices.currentData()
        return value if isinstance(value, str) and value else None

    def editor(self) -> QWidget:
        """The widget to flag red when the customer is the problem."""
        return self.name_label if self.fixed else self.choices


class DraftService(Protocol):
    """What the activity services share: create a record from a draft, or update it."""

    def create(self, draft: Any) -> str: ...

    def update(self, draft: Any) -> None: ...


class ActivityDialog(QDialog):
    """A form dialog: rows with inline problems under each field, Save / Cancel.

    Subclasses set `service` and `changes` (what a save changes, for the pages) and
    implement `read_draft()` and `problems()`. `save()` validates, then runs the write (a
    create, or an update of a draft that has an id) as an operation on the writer lane
    (ui/operations.py); the dialog accepts when the write lands and stays open with what
    was typed on any problem.
    """

    saved = Signal(str)
    service: DraftService
    changes: OpChanges = OpChanges()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.lang
        self.saved_id: str | None = None
        self.save_task: BackgroundTask | None = None
        self.errors: dict[str, ErrorLabel] = {}
        self.editors: dict[str, QWidget] = {}
        self.general_error = ErrorLabel()
        self.form = QFormLayout()
        self.buttons, self.save_button = dialog_buttons(
            self, QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Cancel,
            self.save,
        )  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(self.form)
        layout.addStretch(1)  # extra height goes below the form, not into its rows
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def add_row(
        self, label: str, name: str, editor: QWidget, flagged: QWidget | None = None
    ) -> None:
        error = ErrorLabel()
        self.errors[name] = error
        self.editors[name] = flagged or editor
        box = QWidget()
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        column.addWidget(error)
        self.form.addRow(label, box)

    def read_draft(self) -> Any:
        raise NotImplementedError

    def problems(self) -> list[ValidationError]:
        raise NotImplementedError

    def writer(self) -> Callable[[], str]:
        """The write to run on the writer lane. The draft is read here, on the GUI thread:
        the worker never touches a widget."""
        draft, service = self.read_draft(), self.service
        if draft.id is None:
            return lambda: service.create(draft)

        def update() -> str:
            service.update(draft)
            return str(draft.id)

        return update

    @property
    def saving(self) -> bool:
        return self.save_task is not None and self.save_task.running

    def save(self) -> bool:
        """Validate and start the write; True when it started (see the class note)."""
        if self.saving:
            return False
        problems = self.problems()
        self.show_problems(problems)  # or clears the last attempt's
        if problems:
            return False
        self.save_task = self.context.operations.save(
            self.writer(),
            self.changes,
            parent=self,
            button=self.save_button,
            saved=self._saved,
            refused=lambda error: self.show_problems([error]),
        )
        return True

    def _saved(self, saved_id: str) -> None:
        self.saved_id = saved_id
        self.saved.emit(saved_id)
        self.accept()

    def show_problems(self, problems: list[ValidationError]) -> None:
        general: list[str] = []
        for name, label in self.errors.items():
            label.clear_message()
            mark_invalid(self.editors[name], False)
        for problem in problems:
            target = self.errors.get(problem.field or "")
            if target is None:
                general.append(problem.message(self.lang))
                continue
            target.show_message(problem.message(self.lang))
            mark_invalid(self.editors[problem.field or ""], True)
        self.general_error.show_message("\n".join(general))

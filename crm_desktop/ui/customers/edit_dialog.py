"""Create or edit a customer: validate inline, warn about duplicates (撞单), then save.

The dialog stays open with everything the user typed whenever saving does not happen:
rule violations (shown next to their fields), a cancelled duplicate warning, or a
service error (shown with `application.show_error`). The save itself runs on the writer
lane (ui/operations.py): the window stays live while a sync holds the database, and the
dialog closes when the save has landed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.customer import CustomerDraft, customer_problems
from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.services.container import Services
from crm_desktop.ui import application
from crm_desktop.ui.customers import duplicates
from crm_desktop.ui.customers.customer_form import CustomerForm
from crm_desktop.ui.customers.fields import DUPLICATE_KEYS
from crm_desktop.ui.operations import CUSTOMERS, Operations
from crm_desktop.ui.tasks import BackgroundTask
from crm_desktop.ui.widgets import ErrorLabel


class CustomerEditDialog(QDialog):
    """`draft=None` creates a customer owned by the current user. Emits `saved(id)`."""

    saved = Signal(str)

    def __init__(
        self,
        services: Services,
        lang: str,
        draft: CustomerDraft | None = None,
        parent: QWidget | None = None,
        *,
        operations: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.lang = lang
        self.original = draft
        self.saved_id: str | None = None
        # The pages' hub, so they hear of the save; a dialog opened alone gets its own.
        self.operations = operations or Operations(self)
        self.save_task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("Edit customer") if draft else self.tr("New customer"))
        self.form = CustomerForm(lang, services.customers.owners())
        self.form.set_draft(draft or CustomerDraft(name="", owner_id=services.actor.user_id))
        if draft is not None and draft.id is not None:
            # The server moves an owner only with a handover (交接, with what goes with
            # the customer); a plain edit of the field would be refused at the next sync.
            owner = self.form.editors["owner_id"]
            owner.setEnabled(False)
            owner.setToolTip(self.tr("To change the owner, use Hand over… on the Customers page"))
        self.general_error = ErrorLabel()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("primary")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(920, 720)

    def save(self) -> bool:
        """Check the input and start saving; True when the save started. The dialog is
        accepted (and `saved` emitted) when it lands, and stays open if it fails."""
        if self.saving:
            return False
        draft, problems = self.form.read_draft()
        problems += [
            p
            for p in customer_problems(draft.cleaned())
            if p.field not in {q.field for q in problems}
        ]
        if self._show_problems(problems):
            return False
        if self._needs_duplicate_check(draft):
            try:
                matches = self.services.customers.find_duplicates(draft)
            except UserFacingError as error:
                application.show_error(error, self)
                return False
            if matches and not duplicates.confirm_duplicates(self, matches):
                return False
        customers = self.services.customers
        self.save_task = self.operations.save(
            lambda: customers.save(draft),
            CUSTOMERS,
            parent=self,
            button=self.save_button,
            saved=self._saved,
            refused=lambda error: self._show_problems([error]),
        )
        return True

    @property
    def saving(self) -> bool:
        return self.save_task is not None and self.save_task.running

    def _saved(self, customer_id: str) -> None:
        self.saved_id = customer_id
        self.saved.emit(customer_id)
        self.accept()

    def _show_problems(self, problems: list[ValidationError]) -> bool:
        unplaced = self.form.show_problems(problems)
        self.general_error.show_message("\n".join(p.message(self.lang) for p in unplaced))
        return bool(problems)

    def _needs_duplicate_check(self, draft: CustomerDraft) -> bool:
        if self.original is None or self.original.id is None:
            return True
        before, after = self.original.cleaned(), draft.cleaned()
        return any(getattr(before, k) != getattr(after, k) for k in DUPLICATE_KEYS)

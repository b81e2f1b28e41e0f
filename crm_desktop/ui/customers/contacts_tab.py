"""The card's 联系人 tab: the customer's contacts with add / edit / delete."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from crm_desktop.domain.customer import ContactDraft
from crm_desktop.domain.picklists import BuyingRole
from crm_desktop.services.container import Services
from crm_desktop.ui import messages
from crm_desktop.ui.customers.contact_dialog import ContactDialog
from crm_desktop.ui.operations import CONTACTS, Operations
from crm_desktop.ui.widgets import fill_table, picklist_label, read_only_table


class ContactsTab(QWidget):
    """Emits `changed` after a contact was saved or deleted (on the writer lane)."""

    changed = Signal()

    def __init__(
        self,
        services: Services,
        lang: str,
        parent: QWidget | None = None,
        *,
        operations: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.operations = operations or Operations(self)
        self.lang = lang
        self.customer_id = ""
        self.contacts: list[ContactDraft] = []
        self.dialog: ContactDialog | None = None
        self.table = read_only_table(
            [
                self.tr("Name"),
                self.tr("Title"),
                self.tr("Department"),
                self.tr("Buying role"),
                self.tr("Mobile"),
                self.tr("Phone"),
                self.tr("Email"),
                self.tr("Birthday"),
            ]
        )
        self.table.doubleClicked.connect(lambda _index: self.edit_contact())
        self.add_button = QPushButton(self.tr("Add contact"))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.add_button.clicked.connect(self.add_contact)
        self.edit_button.clicked.connect(self.edit_contact)
        self.delete_button.clicked.connect(self.delete_contact)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

    def show_contacts(self, customer_id: str, contacts: list[ContactDraft]) -> None:
        self.customer_id = customer_id
        self.contacts = contacts
        fill_table(
            self.table,
            [
                [
                    ("★ " if c.is_key_contact else "") + c.name,
                    c.title or "",
                    c.department or "",
                    picklist_label(BuyingRole, c.buying_role, self.lang),
                    c.mobile or "",
                    c.phone or "",
                    c.email or "",
                    c.birthday.isoformat() if c.birthday else "",
                ]
                for c in contacts
            ],
        )

    def selected(self) -> ContactDraft | None:
        row = self.table.currentRow()
        return self.contacts[row] if 0 <= row < len(self.contacts) else None

    def add_contact(self) -> ContactDialog:
        return self._open(ContactDraft(customer_id=self.customer_id, name=""))

    def edit_contact(self) -> ContactDialog | None:
        contact = self.selected()
        return self._open(contact) if contact else None

    def _open(self, draft: ContactDraft) -> ContactDialog:
        # Window-modal but not blocking (open(), not exec()), so tests can drive it.
        self.dialog = ContactDialog(
            self.services, self.lang, draft, self, operations=self.operations
        )
        self.dialog.saved.connect(lambda _id: self.changed.emit())
        self.dialog.open()
        return self.dialog

    def delete_contact(self) -> bool:
        contact = self.selected()
        if contact is None or contact.id is None:
            return False
        if not messages.confirm(
            self,
            self.tr("Delete contact"),
            self.tr("Delete the contact %1?").replace("%1", contact.name),
        ):
            return False
        customers, contact_id = self.services.customers, contact.id
        self.operations.write(
            lambda: customers.delete_contact(contact_id),
            CONTACTS,
            parent=self,
            success=lambda _none: self.changed.emit(),
        )
        return True  # started; `changed` follows when it lands

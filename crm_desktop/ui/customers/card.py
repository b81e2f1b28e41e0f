"""The customer card 客户资料卡: overview, contacts, visits, opportunities, complaints.

A non-blocking dialog over the list. "Edit" opens the edit dialog; after any change the
card reloads itself from the service and emits `changed` so the list can refresh.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.money import format_fen
from crm_desktop.domain.picklists import (
    ComplaintCategory,
    ComplaintStatus,
    CustomerStatus,
    CustomerType,
    VisitOutcome,
    VisitPurpose,
)
from crm_desktop.domain.stages import find_stage
from crm_desktop.services.container import Services
from crm_desktop.services.customers import CustomerCard
from crm_desktop.ui import application
from crm_desktop.ui.customers.card_overview import CustomerOverview
from crm_desktop.ui.customers.contacts_tab import ContactsTab
from crm_desktop.ui.customers.edit_dialog import CustomerEditDialog
from crm_desktop.ui.widgets import date_text, fill_table, picklist_label, read_only_table


def stage_name(code: str, lang: str) -> str:
    try:
        return find_stage(code).name(lang)
    except UserFacingError:
        return code  # a stage of a sales method this laptop does not know


class CustomerCardDialog(QDialog):
    changed = Signal()

    def __init__(
        self, services: Services, lang: str, customer_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.lang = lang
        self.customer_id = customer_id
        self.card: CustomerCard | None = None
        self.edit_dialog: CustomerEditDialog | None = None
        self.setWindowTitle(self.tr("Customer card"))
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("cardSubtitle")
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setObjectName("primary")
        self.edit_button.clicked.connect(self.edit)
        self.tabs = QTabWidget()
        self.overview = CustomerOverview(lang)
        self.contacts = ContactsTab(services, lang)
        self.contacts.changed.connect(self._after_change)
        self.visits = read_only_table(
            [
                self.tr("Date"),
                self.tr("Purpose"),
                self.tr("Outcome"),
                self.tr("Effective"),
                self.tr("Order"),
                self.tr("Next step"),
            ]
        )
        self.opportunities = read_only_table(
            [self.tr("Opportunity"), self.tr("Stage"), self.tr("Amount"), self.tr("Expected close")]
        )
        self.complaints = read_only_table(
            [self.tr("Received"), self.tr("Category"), self.tr("Status"), self.tr("Description")]
        )
        self._build_layout()
        self.resize(980, 700)
        self.reload()

    def _build_layout(self) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.overview)
        self.tabs.addTab(scroll, self.tr("Details"))
        self.tabs.addTab(self.contacts, self.tr("Contacts"))
        self.tabs.addTab(self.visits, self.tr("Visits"))
        self.tabs.addTab(self.opportunities, self.tr("Opportunities"))
        self.tabs.addTab(self.complaints, self.tr("Complaints"))
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addWidget(self.edit_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)

    def reload(self) -> bool:
        try:
            card = self.services.customers.card(self.customer_id)
        except UserFacingError as error:
            application.show_error(error, self)
            return False
        self.card = card
        self._show(card)
        return True

    def _show(self, card: CustomerCard) -> None:
        d, lang = card.draft, self.lang
        self.title.setText(("★ " if d.is_key_account else "") + d.name)
        self.setWindowTitle(self.tr("Customer card") + " — " + d.name)
        parts = [
            picklist_label(CustomerType, d.customer_type, lang),
            picklist_label(CustomerStatus, d.status, lang),
            self.tr("Class %1").replace("%1", card.value_class),
            card.owner_name or "",
            d.region or "",
        ]
        self.subtitle.setText(" · ".join(p for p in parts if p))
        self.overview.show_card(card)
        self.contacts.show_contacts(self.customer_id, card.contacts)
        self._show_history(card)
        for index, count in (
            (1, len(card.contacts)),
            (2, len(card.visits)),
            (3, len(card.opportunities)),
            (4, len(card.complaints)),
        ):
            self.tabs.setTabText(index, f"{self._tab_title(index)} ({count})")

    def _show_history(self, card: CustomerCard) -> None:
        lang = self.lang
        fill_table(
            self.visits,
            [
                [
                    date_text(v.visit_date),
                    picklist_label(VisitPurpose, v.purpose, lang),
                    picklist_label(VisitOutcome, v.outcome, lang),
                    "✓" if v.is_effective else "",
                    format_fen(v.order_amount_fen) if v.order_amount_fen else "",
                    v.next_step or "",
                ]
                for v in card.visits
            ],
            right_aligned=[4],
        )
        fill_table(
            self.opportunities,
            [
                [
                    o.name,
                    stage_name(o.stage_code, lang),
                    format_fen(o.amount_fen),
                    date_text(o.expected_close_on),
                ]
                for o in card.opportunities
            ],
            right_aligned=[2],
        )
        fill_table(
            self.complaints,
            [
                [
                    date_text(c.received_on),
                    picklist_label(ComplaintCategory, c.category, lang),
                    picklist_label(ComplaintStatus, c.status, lang),
                    c.description,
                ]
                for c in card.complaints
            ],
        )

    def _tab_title(self, index: int) -> str:
        titles = (
            self.tr("Details"),
            self.tr("Contacts"),
            self.tr("Visits"),
            self.tr("Opportunities"),
            self.tr("Complaints"),
        )
        return titles[index]

    def edit(self) -> CustomerEditDialog | None:
        if self.card is None:
            return None
        self.edit_dialog = CustomerEditDialog(self.services, self.lang, self.card.draft, self)
        self.edit_dialog.saved.connect(lambda _id: self._after_change())
        self.edit_dialog.open()
        return self.edit_dialog

    def _after_change(self) -> None:
        self.reload()
        self.changed.emit()

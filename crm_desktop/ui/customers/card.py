"""The customer card 客户资料卡: overview, contacts, visits, opportunities, complaints,
market reports.

A non-blocking dialog over the list. "Edit" opens the edit dialog; after any change the
card reloads itself from the service and emits `changed` so the list can refresh. The
complaints and market-report tabs open the activity dialogs prefilled with the customer.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

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

from crm_desktop.config.settings import Settings
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.money import format_fen
from crm_desktop.domain.picklists import (
    CustomerStatus,
    CustomerType,
    VisitOutcome,
    VisitPurpose,
)
from crm_desktop.domain.stages import find_stage
from crm_desktop.services.container import Services
from crm_desktop.services.customers.customers import CustomerCard, VisitSummary
from crm_desktop.services.exporting.list_export import (
    ListKind,
    OpportunityListQuery,
    VisitListQuery,
)
from crm_desktop.ui import application
from crm_desktop.ui.activity.table import RowsModel, table_view
from crm_desktop.ui.attachments.strip import AttachmentStrip, attachments_title
from crm_desktop.ui.churn.value_line import value_text
from crm_desktop.ui.customers.card_activity import ComplaintsTab, MarketReportsTab
from crm_desktop.ui.customers.card_handovers import HandoversTab
from crm_desktop.ui.customers.card_overview import CustomerOverview
from crm_desktop.ui.customers.contacts_tab import ContactsTab
from crm_desktop.ui.customers.edit_dialog import CustomerEditDialog
from crm_desktop.ui.export.list_export_dialog import ListExportDialog
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.pipeline.opportunity_dialog import OpportunityDialog, open_opportunity
from crm_desktop.ui.receivables.card_tab import LedgerTab
from crm_desktop.ui.widgets import date_text, fill_table, picklist_label, read_only_table


def stage_name(code: str, lang: str) -> str:
    try:
        return find_stage(code).name(lang)
    except UserFacingError:
        return code  # a stage of a sales method this laptop does not know


def _page_context(
    services: Services, lang: str, parent: QWidget | None, context: PageContext | None
) -> PageContext:
    """The context the card's dialogs get: the one given, the opening page's, or one
    with default settings (a card built alone, as in tests)."""
    if context is not None:
        return context
    widget = parent
    while widget is not None:
        if isinstance(widget, Page):
            return widget.context
        widget = widget.parentWidget()
    # Never saved; a path that does not exist reads as all defaults.
    unused = Path(tempfile.gettempdir()) / "crm-card-default-settings" / "settings.json"
    return PageContext(services, Settings(unused), lang)


class CustomerCardDialog(QDialog):
    changed = Signal()

    def __init__(
        self,
        services: Services,
        lang: str,
        customer_id: str,
        parent: QWidget | None = None,
        *,
        context: PageContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.lang = lang
        self.customer_id = customer_id
        self.context = _page_context(services, lang, parent, context)
        self.cadence = services.policy.current().cadence  # the team policy's, synced
        self.card: CustomerCard | None = None
        self.edit_dialog: CustomerEditDialog | None = None
        self.opportunity_dialog: OpportunityDialog | None = None
        self.opportunity_ids: list[str] = []
        self.setWindowTitle(self.tr("Customer card"))
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("cardSubtitle")
        self.value_line = QLabel()  # trailing spend, share of customer, lifetime value
        self.value_line.setObjectName("hint")
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setObjectName("primary")
        self.edit_button.clicked.connect(self.edit)
        self.tabs = QTabWidget()
        self.overview = CustomerOverview(lang)
        self.contacts = ContactsTab(services, lang, operations=self.context.operations)
        self.contacts.changed.connect(self._after_change)
        # The history can hold hundreds of visits: a model over the service's rows, so
        # opening the card builds no per-cell items and the view paints only what shows.
        self.visits_model: RowsModel[VisitSummary] = RowsModel(
            [
                self.tr("Date"),
                self.tr("Purpose"),
                self.tr("Outcome"),
                self.tr("Effective"),
                self.tr("Order"),
                self.tr("Next step"),
            ],
            self._visit_cells,
            right_aligned=[4],
        )
        self.visits = table_view(self.visits_model)
        self._labels = {
            kind: {m.value: m.label(lang) for m in kind} for kind in (VisitPurpose, VisitOutcome)
        }
        self._size_visit_columns()
        self.opportunities = read_only_table(
            [self.tr("Opportunity"), self.tr("Stage"), self.tr("Amount"), self.tr("Expected close")]
        )
        self.opportunities.doubleClicked.connect(lambda index: self.open_opportunity(index.row()))
        self.complaints_tab = ComplaintsTab(self.context, customer_id)
        self.complaints = self.complaints_tab.table
        self.market_tab = MarketReportsTab(self.context, customer_id)
        self.market_reports = self.market_tab.table
        for tab in (self.complaints_tab, self.market_tab):
            tab.changed.connect(self._after_change)
        self.handovers_tab = HandoversTab(services.clock)
        self.receivables_tab = LedgerTab(self.context, customer_id)
        # Shelf photos, business cards, contracts (ui/attachments/): read when the card opens.
        self.attachments_tab = AttachmentStrip(
            services, self.context.operations, lang, "customer", icon_edge=112
        )
        self.attachments_tab.loaded.connect(self._count_attachments)
        self.attachments_tab.added.connect(self._count_attachments)
        self.attachments_tab.removed.connect(self._count_attachments)
        self._build_layout()
        self.resize(1120, 700)  # nine tabs fit side by side in English too
        self.reload()

    def _exportable(self) -> tuple[ListKind, VisitListQuery | OpportunityListQuery] | None:
        current = self.tabs.currentWidget()
        if current is self.visits:
            return ListKind.VISITS, VisitListQuery(customer_id=self.customer_id)
        if current is self.opportunities:
            return ListKind.OPPORTUNITIES, OpportunityListQuery(customer_id=self.customer_id)
        return None

    def _tab_changed(self) -> None:
        self.export_button.setVisible(self._exportable() is not None)
        self.new_opportunity_button.setVisible(self.tabs.currentWidget() is self.opportunities)

    def export_tab(self) -> ListExportDialog | None:
        """The visits or opportunities tab to .xlsx, in the background."""
        exportable = self._exportable()
        if exportable is None:
            return None
        dialog = ListExportDialog(self.context, *exportable, parent=self)
        dialog.open()
        return dialog

    def _build_layout(self) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.overview)
        self.tabs.addTab(scroll, self.tr("Details"))
        self.tabs.addTab(self.contacts, self.tr("Contacts"))
        self.tabs.addTab(self.visits, self.tr("Visits"))
        self.tabs.addTab(self.opportunities, self.tr("Opportunities"))
        self.tabs.addTab(self.complaints_tab, self.tr("Complaints"))
        self.tabs.addTab(self.market_tab, self.tr("Market reports"))
        self.tabs.addTab(self.handovers_tab, self.tr("Handovers"))
        self.tabs.addTab(self.receivables_tab, self.receivables_tab.title())
        self.tabs.addTab(self.attachments_tab, attachments_title(self.lang))
        # The visit history and the opportunities export "as shown": this customer's rows.
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.clicked.connect(self.export_tab)
        self.new_opportunity_button = QPushButton(self.tr("New opportunity…"))
        self.new_opportunity_button.clicked.connect(self.new_opportunity)
        corner = QWidget()
        corner_row = QHBoxLayout(corner)
        corner_row.setContentsMargins(0, 0, 0, 0)
        corner_row.addWidget(self.new_opportunity_button)
        corner_row.addWidget(self.export_button)
        self.tabs.setCornerWidget(corner)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._tab_changed()
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        heading.addWidget(self.value_line)
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
            card = self.services.customers.card(self.customer_id, self.cadence)
        except UserFacingError as error:
            application.show_error(error, self)
            return False
        try:
            handovers = self.services.handover.history(self.customer_id)
        except UserFacingError as error:
            application.show_error(error, self)
            return False
        self.card = card
        self._show(card)
        self.handovers_tab.show_entries(handovers)
        self.receivables_tab.reload()
        self.attachments_tab.set_owner(self.customer_id)
        index = self.tabs.indexOf(self.handovers_tab)
        self.tabs.setTabText(index, f"{self.tr('Handovers')} ({len(handovers)})")
        return True

    def _count_attachments(self, *_args: object) -> None:
        index = self.tabs.indexOf(self.attachments_tab)
        count = self.attachments_tab.model.rowCount()
        self.tabs.setTabText(index, attachments_title(self.lang, count))

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
        self.value_line.setText(value_text(self.services, self.customer_id, lang))
        self.overview.show_card(card)
        self.contacts.show_contacts(self.customer_id, card.contacts)
        self._show_history(card)
        for index, count in (
            (1, len(card.contacts)),
            (2, len(card.visits)),
            (3, len(card.opportunities)),
            (4, len(card.complaints)),
            (5, len(card.market_reports)),
        ):
            self.tabs.setTabText(index, f"{self._tab_title(index)} ({count})")

    def _show_history(self, card: CustomerCard) -> None:
        lang = self.lang
        self.visits_model.set_rows(card.visits)
        self.opportunity_ids = [o.id for o in card.opportunities]
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
        self.complaints_tab.show_complaints(card.complaints)
        self.market_tab.show_reports(card.market_reports)

    def _size_visit_columns(self) -> None:
        """Widths from the header and the longest possible label, not from the rows:
        measuring hundreds of rows would cost more than the rest of the card."""
        metrics = self.visits.fontMetrics()
        header = self.visits_model.headers
        samples: list[list[str]] = [
            ["0000-00-00"],
            list(self._labels[VisitPurpose].values()),
            list(self._labels[VisitOutcome].values()),
            ["✓"],
            ["¥9,999,999.00"],
        ]
        for column, texts in enumerate(samples):
            widest = max(metrics.horizontalAdvance(t) for t in [*texts, header[column]])
            self.visits.setColumnWidth(column, widest + 32)

    def _visit_cells(self, v: VisitSummary) -> list[str]:
        purposes, outcomes = self._labels[VisitPurpose], self._labels[VisitOutcome]
        return [
            v.visit_date.isoformat(),
            purposes.get(v.purpose, v.purpose),
            outcomes.get(v.outcome, v.outcome) if v.outcome else "",
            "✓" if v.is_effective else "",
            format_fen(v.order_amount_fen) if v.order_amount_fen else "",
            v.next_step or "",
        ]

    def _tab_title(self, index: int) -> str:
        titles = (
            self.tr("Details"),
            self.tr("Contacts"),
            self.tr("Visits"),
            self.tr("Opportunities"),
            self.tr("Complaints"),
            self.tr("Market reports"),
            self.tr("Handovers"),
        )
        return titles[index]

    def edit(self) -> CustomerEditDialog | None:
        if self.card is None:
            return None
        self.edit_dialog = CustomerEditDialog(
            self.services, self.lang, self.card.draft, self, operations=self.context.operations
        )
        self.edit_dialog.saved.connect(lambda _id: self._after_change())
        self.edit_dialog.open()
        return self.edit_dialog

    def open_opportunity(self, row: int) -> OpportunityDialog | None:
        if not 0 <= row < len(self.opportunity_ids):
            return None
        dialog = open_opportunity(self.context, self.opportunity_ids[row], self)
        return self._watch(dialog)

    def new_opportunity(self) -> OpportunityDialog | None:
        if self.card is None:
            return None
        dialog = OpportunityDialog(
            self.context,
            customer_id=self.customer_id,
            parent=self,
            customer_name=self.card.draft.name,
        )
        dialog.open()
        return self._watch(dialog)

    def _watch(self, dialog: OpportunityDialog | None) -> OpportunityDialog | None:
        self.opportunity_dialog = dialog
        if dialog is not None:
            dialog.changed.connect(self._after_change)
        return dialog

    def _after_change(self) -> None:
        self.reload()
        self.changed.emit()


def replace_card(
    previous: CustomerCardDialog | None,
    services: Services,
    lang: str,
    customer_id: str,
    parent: QWidget,
    on_change: Callable[[], object],
) -> CustomerCardDialog:
    """Open a customer's card from a page that shows one card at a time: the previous
    one closes, and `on_change` runs when the card saves. A card whose customer vanished
    (or whose store failed; the error was shown) is returned unshown: `card` is None."""
    if previous is not None:
        previous.close()
    dialog = CustomerCardDialog(services, lang, customer_id, parent)
    if dialog.card is not None:
        dialog.changed.connect(on_change)
        dialog.show()
    return dialog

"""Customers 客户 page: search-as-you-type list with filters, SQL sorting, and the actions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.picklists import CustomerStatus, CustomerType
from crm_desktop.services.exporting.list_export import ListKind
from crm_desktop.ui import application, messages
from crm_desktop.ui.customers.card import CustomerCardDialog
from crm_desktop.ui.customers.edit_dialog import CustomerEditDialog
from crm_desktop.ui.customers.filters import CustomerFilterBar
from crm_desktop.ui.customers.handover_dialog import HandoverDialog
from crm_desktop.ui.customers.import_dialog import ImportDialog
from crm_desktop.ui.customers.list_model import (
    Column,
    CustomerListModel,
    header_text,
)
from crm_desktop.ui.export.list_export_dialog import ListExportDialog
from crm_desktop.ui.operations import CUSTOMERS, OpChanges
from crm_desktop.ui.pages.base import Page, PageContext

# Search re-runs the query per keystroke. A zero-interval single shot runs after the key
# events already queued: keys typed while a query ran coalesce into one query, and no
# fixed delay is added to each keystroke.
SEARCH_DEBOUNCE_MS = 0
COLUMN_WIDTHS = {
    Column.NAME: 260,
    Column.SHORT_NAME: 110,
    Column.TYPE: 80,
    Column.STATUS: 80,
    Column.CLASS: 50,
    Column.REGION: 80,
    Column.OWNER: 80,
    Column.PHONE: 130,
}


class CustomersPage(Page):
    key = "customers"
    # What the list shows: it re-reads only when an operation changed one of these.
    SHOWN = CUSTOMERS

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Customers")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.services = context.services
        self.lang = context.lang
        self.card_dialog: CustomerCardDialog | None = None
        self.edit_dialog: CustomerEditDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.export_dialog: ListExportDialog | None = None
        self.model = CustomerListModel(self.services.customer_list, self.lang, parent=self)
        self.filters = CustomerFilterBar(self.lang)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.view = self._make_view()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.filters.text_changed.connect(self._debounce.start)
        self.filters.filters_changed.connect(self.refresh)
        self._build_layout()
        self.reload_choices()
        self.refresh()
        context.operations.did_change.connect(self._on_changes)

    def _on_changes(self, changes: OpChanges, _origin: object) -> None:
        if changes.touches(self.SHOWN):
            self._after_change()

    def _make_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows for a handover 交接; edit and delete act on the first.
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(28)
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        for column, width in self._column_widths(view).items():
            header.resizeSection(column, width)
        header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.doubleClicked.connect(lambda index: self.open_card(index.row()))
        return view

    def _column_widths(self, view: QTableView) -> dict[Column, int]:
        """Default widths, widened to fit the header and, for picklists, every label (an
        English "Retail outlet" needs more room than 零售终端)."""
        view.ensurePolished()
        view.horizontalHeader().ensurePolished()
        cell = view.fontMetrics()
        head = view.horizontalHeader().fontMetrics()
        labels = {Column.TYPE: CustomerType, Column.STATUS: CustomerStatus}
        widths: dict[Column, int] = {}
        for column, default in COLUMN_WIDTHS.items():
            needed = head.horizontalAdvance(header_text(column)) + 36  # room for the arrow
            if column in labels:
                needed = max(
                    needed,
                    *(cell.horizontalAdvance(m.label(self.lang)) + 20 for m in labels[column]),
                )
            widths[column] = max(default, needed)
        return widths

    def _build_layout(self) -> None:
        self.new_button = QPushButton(self.tr("New customer"))
        self.new_button.setObjectName("primary")
        self.edit_button = QPushButton(self.tr("Edit"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.import_button = QPushButton(self.tr("Import Excel"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.handover_button = QPushButton(self.tr("Hand over…"))
        self.handover_button.setToolTip(
            self.tr("Hand the selected customers to new owners, with a note for each")
        )
        self.handover_button.clicked.connect(self.hand_over_selected)
        self.handover_button.setVisible(self.services.handover.can_hand_over())
        self.export_button.setToolTip(
            self.tr("Export the list as shown (search, filters, sort) to an Excel file")
        )
        self.new_button.clicked.connect(self.new_customer)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_excel)
        self.export_button.clicked.connect(self.export_list)
        actions = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.import_button,
            self.export_button,
            self.handover_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        heading = QLabel(self.title())
        heading.setObjectName("pageTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.filters)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

    # --- list --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-run the query from the widgets (search, filters, current sort)."""
        self._debounce.stop()
        current = self.model.query
        try:
            self.model.set_query(self.filters.query(current.sort, current.descending))
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self.count_label.setText(
            self.tr("%1 customers").replace("%1", f"{self.model.rowCount():,}")
        )
        self._update_buttons()

    def reload_choices(self) -> None:
        try:
            self.filters.set_choices(self.services.customer_list.filter_choices())
        except UserFacingError as error:
            application.show_error(error, self)

    def selected_row(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return min(r.row() for r in rows) if rows else None

    def selected_ids(self) -> list[str]:
        rows = sorted(r.row() for r in self.view.selectionModel().selectedRows())
        return [i for i in (self.model.customer_id(row) for row in rows) if i is not None]

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return self.model.customer_id(row) if row is not None else None

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))

    def _update_buttons(self) -> None:
        has = self.selected_row() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.handover_button.setEnabled(has)

    def _after_change(self) -> None:
        """Re-query after an edit, keeping the selected customer selected if still listed."""
        row = self.selected_row()
        handle = self.model.handle_at(row) if row is not None else None
        self.reload_choices()
        self.refresh()
        new_row = self.model.row_of_handle(handle) if handle is not None else None
        if new_row is not None:
            self.select_row(new_row)

    # --- actions -----------------------------------------------------------------------
    def open_card(self, row: int) -> CustomerCardDialog | None:
        customer_id = self.model.customer_id(row)
        if customer_id is None:
            return None
        if self.card_dialog is not None:
            self.card_dialog.close()
        self.card_dialog = CustomerCardDialog(self.services, self.lang, customer_id, self)
        if self.card_dialog.card is None:
            return None  # it vanished or the store failed; the error was shown
        self.card_dialog.changed.connect(self._after_change)
        self.card_dialog.show()
        return self.card_dialog

    def new_customer(self) -> CustomerEditDialog:
        return self._open_editor(None)

    def edit_selected(self) -> CustomerEditDialog | None:
        customer_id = self.selected_id()
        if customer_id is None:
            return None
        try:
            card = self.services.customers.card(customer_id)
        except UserFacingError as error:
            application.show_error(error, self)
            return None
        return self._open_editor(card.draft)

    def _open_editor(self, draft: CustomerDraft | None) -> CustomerEditDialog:
        self.edit_dialog = CustomerEditDialog(
            self.services, self.lang, draft, self, operations=self.context.operations
        )
        self.edit_dialog.open()
        return self.edit_dialog

    def delete_selected(self) -> bool:
        row = self.selected_row()
        found = self.model.row_at(row) if row is not None else None
        if found is None:
            return False
        if not messages.confirm(
            self,
            self.tr("Delete customer"),
            self.tr("Delete the customer %1? Its visit history is kept.").replace("%1", found.name),
        ):
            return False
        customers = self.services.customers
        self.context.operations.write(lambda: customers.delete(found.id), CUSTOMERS, parent=self)
        return True  # the list follows when the delete lands (`_on_changes`)

    def hand_over_selected(self) -> HandoverDialog | None:
        """交接客户: the selected customers, each to the owner chosen in the dialog."""
        ids = self.selected_ids()
        if not ids:
            return None
        try:
            candidates = self.services.handover.candidates(ids)
        except UserFacingError as error:
            application.show_error(error, self)
            return None
        dialog = HandoverDialog(
            self.services, self.lang, candidates, self, operations=self.context.operations
        )
        dialog.open()
        return dialog

    def import_excel(self) -> ImportDialog:
        self.import_dialog = ImportDialog(self.services, self.lang, self)
        self.import_dialog.imported.connect(lambda _count: self._after_change())
        self.import_dialog.open()
        return self.import_dialog

    def export_list(self) -> ListExportDialog:
        """Export the list as shown -- search, filters, sort -- to .xlsx in the background."""
        if self._debounce.isActive():
            self.refresh()  # a keystroke still waiting: export what the user typed
        self.export_dialog = ListExportDialog(
            self.context, ListKind.CUSTOMERS, self.model.query, self
        )
        self.export_dialog.open()
        self.export_dialog.choose_and_start()
        return self.export_dialog

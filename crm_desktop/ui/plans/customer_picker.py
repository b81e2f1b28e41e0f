"""Find one of my customers by typing: a search box over the customer list and results."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.customers.customer_list import CustomerList, CustomerQuery
from crm_desktop.ui import application

RESULT_LIMIT = 50
SEARCH_DELAY_MS = 150


class CustomerPicker(QWidget):
    """Emits `picked(customer_id, name)` on a double click or Enter on a result."""

    picked = Signal(str, str)

    def __init__(
        self, customer_list: CustomerList, owner_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._list = customer_list
        self._owner_id = owner_id
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search customers by name, phone, contact…"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("pickerResults")
        # Long company names end in "…" (full name in the tooltip) rather than hiding
        # the rest of the list behind a sideways scroll bar in the narrow side panel.
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._pick_first)
        # Activation is the platform's double click (or Enter): listening to the double
        # click as well picked the customer twice, adding the visit twice.
        self.results.itemActivated.connect(self._pick)

    def refresh(self) -> None:
        """Re-run the search (the first `RESULT_LIMIT` matches, in name order)."""
        self._debounce.stop()
        query = CustomerQuery(text=self.search.text(), owner_id=self._owner_id)
        try:
            handles = self._list.handles(query)[:RESULT_LIMIT]
            rows = self._list.rows(handles)
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self.results.clear()
        for handle in handles:
            row = rows.get(handle)
            if row is None:
                continue
            text = row.name if not row.region else f"{row.name}  ·  {row.region}"
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, row.name)
            self.results.addItem(item)

    def current(self) -> tuple[str, str] | None:
        item = self.results.currentItem()
        if item is None:
            return None
        return str(item.data(Qt.ItemDataRole.UserRole)), str(
            item.data(Qt.ItemDataRole.UserRole + 1)
        )

    def _pick(self, item: QListWidgetItem) -> None:
        self.results.setCurrentItem(item)
        chosen = self.current()
        if chosen is not None:
            self.picked.emit(*chosen)

    def _pick_first(self) -> None:
        self.refresh()
        if self.results.count():
            self._pick(self.results.item(0))

"""Table model of the customer list: ordered handles from one query, rows loaded lazily.

As in Anki's browser table: `set_query` asks the service for the ordered handle list
(the SQL does search, filter and sort), and `data()` loads only the rows the view asks
for, a batch at a time, into a bounded LRU cache. A reset is cheap -- a new list of ints
and an empty cache -- so search-as-you-type stays instant at 100,000 customers.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from crm_desktop.domain.picklists import CustomerStatus, CustomerType
from crm_desktop.services.customers.customer_list import (
    CustomerList,
    CustomerQuery,
    CustomerRow,
    SortKey,
)
from crm_desktop.ui.widgets import date_text, picklist_label

AnyIndex = QModelIndex | QPersistentModelIndex
BATCH_SIZE = 100
CACHE_SIZE = 5000
KEY_MARK = "★ "
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    NAME = 0
    SHORT_NAME = 1
    TYPE = 2
    STATUS = 3
    CLASS = 4
    REGION = 5
    OWNER = 6
    PHONE = 7
    LAST_VISIT = 8


# Every column sorts in SQL through the service.
SORT_KEYS = {
    Column.NAME: SortKey.NAME,
    Column.SHORT_NAME: SortKey.SHORT_NAME,
    Column.TYPE: SortKey.TYPE,
    Column.PHONE: SortKey.PHONE,
    Column.STATUS: SortKey.STATUS,
    Column.CLASS: SortKey.VALUE_CLASS,
    Column.REGION: SortKey.REGION,
    Column.OWNER: SortKey.OWNER,
    Column.LAST_VISIT: SortKey.LAST_VISIT,
}


def header_text(column: Column) -> str:
    # Spelled out so lupdate sees each literal.
    texts = (
        QCoreApplication.translate("CustomerColumns", "Name"),
        QCoreApplication.translate("CustomerColumns", "Short name"),
        QCoreApplication.translate("CustomerColumns", "Type"),
        QCoreApplication.translate("CustomerColumns", "Status"),
        QCoreApplication.translate("CustomerColumns", "Class"),
        QCoreApplication.translate("CustomerColumns", "Region"),
        QCoreApplication.translate("CustomerColumns", "Owner"),
        QCoreApplication.translate("CustomerColumns", "Phone"),
        QCoreApplication.translate("CustomerColumns", "Last effective visit"),
    )
    return texts[column]


class CustomerListModel(QAbstractTableModel):
    """Rows of `CustomerList`; `rows_loaded` counts rows fetched since the last reset."""

    def __init__(
        self,
        customer_list: CustomerList,
        lang: str,
        *,
        batch_size: int = BATCH_SIZE,
        cache_size: int = CACHE_SIZE,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._list = customer_list
        self._lang = lang
        self._batch = batch_size
        self._cache_size = max(cache_size, batch_size * 2)
        self._query = CustomerQuery()
        self._handles: list[int] = []
        self._cache: OrderedDict[int, CustomerRow] = OrderedDict()
        self.rows_loaded = 0
        self.batches_loaded = 0
        self._bold = QFont()
        self._bold.setBold(True)

    # --- querying ----------------------------------------------------------------------
    @property
    def query(self) -> CustomerQuery:
        return self._query

    def set_query(self, query: CustomerQuery) -> None:
        """Re-run the handle query and reset the view (drops every cached row)."""
        handles = self._list.handles(query)  # before the reset: a failure leaves the list
        self.beginResetModel()
        self._query = query
        self._handles = handles
        self._cache.clear()
        self.rows_loaded = 0
        self.batches_loaded = 0
        self.endResetModel()

    @property
    def cached_rows(self) -> int:
        return len(self._cache)

    def refresh(self) -> None:
        self.set_query(self._query)

    def handle_at(self, row: int) -> int | None:
        return self._handles[row] if 0 <= row < len(self._handles) else None

    def row_of_handle(self, handle: int) -> int | None:
        try:
            return self._handles.index(handle)
        except ValueError:
            return None

    def row_at(self, row: int) -> CustomerRow | None:
        """The row's data, loading its batch if needed; None if it vanished meanwhile."""
        handle = self.handle_at(row)
        if handle is None:
            return None
        cached = self._cache.get(handle)
        if cached is None:
            self._load_around(row)
            cached = self._cache.get(handle)
            if cached is None:
                return None
        self._cache.move_to_end(handle)
        return cached

    def customer_id(self, row: int) -> str | None:
        found = self.row_at(row)
        return found.id if found else None

    def _load_around(self, row: int) -> None:
        # Views paint top-down and users mostly scroll down: most of the batch goes ahead.
        start = max(0, row - self._batch // 4)
        end = min(len(self._handles), start + self._batch)
        wanted = [h for h in self._handles[start:end] if h not in self._cache]
        fetched = self._list.rows(wanted)
        self.rows_loaded += len(fetched)
        self.batches_loaded += 1
        for handle in wanted:
            if handle in fetched:
                self._cache[handle] = fetched[handle]
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    # --- Qt model interface ------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._handles)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            return header_text(Column(section))
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._handles):
            return section + 1
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in _ROLES:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if row.is_key_account and column == Column.NAME else None
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.NAME:
            return row.name
        return None

    def _text(self, row: CustomerRow, column: Column) -> str:
        match column:
            case Column.NAME:
                return KEY_MARK + row.name if row.is_key_account else row.name
            case Column.SHORT_NAME:
                return row.short_name or ""
            case Column.TYPE:
                return picklist_label(CustomerType, row.customer_type, self._lang)
            case Column.STATUS:
                return picklist_label(CustomerStatus, row.status, self._lang)
            case Column.CLASS:
                return row.value_class
            case Column.REGION:
                return row.region or ""
            case Column.OWNER:
                return row.owner_name or ""
            case Column.PHONE:
                return row.phone or ""
            case Column.LAST_VISIT:
                return date_text(row.last_effective_visit_on)
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-run the query ordered by the column (in SQL); unsortable columns are ignored."""
        key = SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._query.sort and descending == self._query.descending:
            return
        self.set_query(replace(self._query, sort=key, descending=descending))


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        ID_ROLE,
    }
)

"""A small read-only table model over a list of service rows (dataclasses).

The lists of this package hold at most a few thousand rows of the user's own work, so
the whole list is loaded at once; the customer list's lazy model is for 100,000 rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from crm_desktop.ui.widgets import ALERT_COLOR

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
MIN_WIDTH = 64
MAX_WIDTH = 260
ALERT_BACKGROUND = "#fdecea"  # a pale red behind overdue rows; the alert cell turns red too


class RowsModel(QAbstractTableModel, Generic[T]):
    """Rows of `T` shown through `cells(row) -> list[str]`.

    `alert(row)` marks a row overdue: a pale red row whose `alert_column` (the due date,
    the severity) is in bold red -- a whole list of bold red rows shouts and reads worse.
    `check_column` shows a
    checkbox whose state is `checked(row)` and whose clicks call `on_check(row, bool)`.
    """

    def __init__(
        self,
        headers: Sequence[str],
        cells: Callable[[T], list[str]],
        *,
        alert: Callable[[T], bool] | None = None,
        alert_column: int = 0,
        check_column: int | None = None,
        checked: Callable[[T], bool] | None = None,
        on_check: Callable[[T, bool], None] | None = None,
        right_aligned: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[T] = []
        self._cells = cells
        self._texts: list[list[str]] = []
        self._alert = alert
        self._alert_column = alert_column
        self._check_column = check_column
        self._checked = checked
        self._on_check = on_check
        self._right = set(right_aligned)

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = [self._cells(row) for row in self.rows]
        self.endResetModel()

    def row_at(self, index: int) -> T | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():  # the root is no cell: views and Qt's tester rely on it
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self._check_column:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        if role == Qt.ItemDataRole.ToolTipRole and column == len(self.headers) - 1:
            return self._texts[index.row()][column] or None  # the long text, elided in the cell
        if role == Qt.ItemDataRole.CheckStateRole and column == self._check_column:
            done = self._checked(row) if self._checked else False
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        alert = self._alert is not None and self._alert(row)
        in_alert_cell = alert and column == self._alert_column
        if role == Qt.ItemDataRole.ForegroundRole and in_alert_cell:
            return QBrush(QColor(ALERT_COLOR))
        if role == Qt.ItemDataRole.BackgroundRole and alert:
            return QBrush(QColor(ALERT_BACKGROUND))
        if role == Qt.ItemDataRole.FontRole and in_alert_cell:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != self._check_column:
            return False
        if self._on_check is None:
            return False
        # A view sends the state as an int, code as the enum member.
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self._on_check(self.rows[index.row()], checked)
        return True

    def is_alert(self, index: int) -> bool:
        row = self.row_at(index)
        return row is not None and self._alert is not None and self._alert(row)


def table_view(model: QAbstractTableModel, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def fit(view: QTableView, widths: Sequence[int]) -> None:
    """Minimum widths per column; `fit_to_contents` widens them to what they hold."""
    view.setProperty("min_widths", list(widths))
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)


def fit_to_contents(view: QTableView) -> None:
    """Size columns to header and contents with some air, never below the minimum set
    by `fit` and never so wide that long text pushes the others away (the last column
    stretches and elides)."""
    minimums = view.property("min_widths") or []
    view.resizeColumnsToContents()
    model = view.model()
    for column in range(model.columnCount() - 1):
        floor = minimums[column] if column < len(minimums) else MIN_WIDTH
        width = max(view.columnWidth(column) + 20, floor)
        view.setColumnWidth(column, min(width, MAX_WIDTH))


def selected_row(view: QTableView) -> int:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].row() if rows else view.currentIndex().row()

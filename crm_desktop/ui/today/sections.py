"""The Today page's building blocks: a titled section that shows either a table or a
friendly empty line, and the tables of follow-ups (with a done checkbox) and customers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from crm_desktop.ui.review.fit_table import WidthFitter
from crm_desktop.ui.widgets import ALERT_COLOR, read_only_table

ID_ROLE = Qt.ItemDataRole.UserRole  # the row's record id, on the first cell
CUSTOMER_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's customer id, on the first cell


class Section(QGroupBox):
    """A group box holding a table, or — while the table would be empty — one calm line.

    `customer_opened(customer_id)` on a double-click of a row that names a customer.
    """

    customer_opened = Signal(str)

    def __init__(
        self, title: str, headers: Sequence[str], empty_text: str, stretch: Sequence[int] = ()
    ) -> None:
        """`stretch`: the columns that share the width left (names, titles): each as wide
        as its contents when all fit, else by equal shares, eliding what still does not
        fit; the others fit their contents, so the table never scrolls sideways."""
        super().__init__(title)
        self.layout_ = QVBoxLayout(self)
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.note.hide()
        self.table = read_only_table(headers)
        self.table.setMinimumHeight(120)
        self.table.setWordWrap(False)
        # Fitted once per fill (set_rows) and on resizes: ResizeToContents would
        # re-measure every column on every cell set, which costs a tenth of a second for
        # fifty rows. Equal stretching left a long name elided beside a half-empty column.
        self.fitter = WidthFitter(self.table, {c: 1 for c in stretch}, wrap_text=False)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        self.empty = QLabel(empty_text)
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.layout_.addWidget(self.note)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(self.empty)
        self.set_rows([])

    def fit(self) -> None:
        """Size the columns to their header and cells, within the table's width."""
        self.fitter.fit()

    @property
    def is_empty(self) -> bool:
        return self.table.rowCount() == 0

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def set_rows(
        self,
        rows: Sequence[Sequence[str]],
        ids: Sequence[tuple[str, str | None]] = (),
        alert: Sequence[int] = (),
        right_aligned: Sequence[int] = (),
        alert_column: int = 0,
    ) -> None:
        """Fill the table: `ids` (record id, customer id) per row; the `alert` rows'
        `alert_column` in red (one red cell says "late" more calmly than a red row)."""
        table, alerts, right = self.table, set(alert), set(right_aligned)
        table.setUpdatesEnabled(False)
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c in right:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if r in alerts and c == alert_column:
                    item.setForeground(QColor(ALERT_COLOR))
                if c == 0 and r < len(ids):
                    item.setData(ID_ROLE, ids[r][0])
                    item.setData(CUSTOMER_ROLE, ids[r][1])
                table.setItem(r, c, item)
        self.fit()
        table.setUpdatesEnabled(True)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def row_id(self, row: int) -> str | None:
        item = self.table.item(row, 0)
        value = item.data(ID_ROLE) if item is not None else None
        return value if isinstance(value, str) else None

    def customer_id(self, row: int) -> str | None:
        item = self.table.item(row, 0)
        value = item.data(CUSTOMER_ROLE) if item is not None else None
        return value if isinstance(value, str) else None

    def _double_clicked(self, row: int, _column: int) -> None:
        customer_id = self.customer_id(row)
        if customer_id:
            self.customer_opened.emit(customer_id)


class CheckSection(Section):
    """A section whose first column is a done checkbox: `toggled(record id, checked)`.

    A ticked row stays, struck through, until the next refresh, so a slip can be undone.
    """

    toggled = Signal(str, bool)

    def __init__(
        self, title: str, headers: Sequence[str], empty_text: str, stretch: Sequence[int] = ()
    ) -> None:
        super().__init__(title, headers, empty_text, stretch)
        self.table.itemChanged.connect(self._item_changed)

    def set_check_rows(
        self,
        rows: Sequence[Sequence[str]],
        ids: Sequence[tuple[str, str | None]],
        alert: Sequence[int] = (),
        alert_column: int = 0,
    ) -> None:
        was = self.table.blockSignals(True)
        try:
            self.set_rows(rows, ids, alert, alert_column=alert_column)
            flags = (
                Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEnabled
            )
            for r in range(len(rows)):
                item = self.table.item(r, 0)
                if item is not None:
                    item.setFlags(flags)
                    item.setCheckState(Qt.CheckState.Unchecked)
            self.fit()  # the boxes take room too
        finally:
            self.table.blockSignals(was)

    def set_checked(self, row: int, checked: bool) -> None:
        """Show a row done or not (without emitting `toggled`)."""
        table = self.table
        was = table.blockSignals(True)
        try:
            item = table.item(row, 0)
            if item is not None:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            _strike(table, row, checked)
        finally:
            table.blockSignals(was)

    def row_of(self, record_id: str) -> int | None:
        for row in range(self.table.rowCount()):
            if self.row_id(row) == record_id:
                return row
        return None

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        record_id = self.row_id(item.row())
        if record_id is not None:
            checked = item.checkState() == Qt.CheckState.Checked
            _strike(self.table, item.row(), checked)
            self.toggled.emit(record_id, checked)


def _strike(table: QTableWidget, row: int, on: bool) -> None:
    was = table.blockSignals(True)  # a font change is an itemChanged too
    try:
        for column in range(1, table.columnCount()):
            item = table.item(row, column)
            if item is not None:
                font = item.font()
                font.setStrikeOut(on)
                item.setFont(font)
    finally:
        table.blockSignals(was)

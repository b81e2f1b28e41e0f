"""The report's visits as a compact table: one line per visit, the selected one edited
in the form beside it. Shows at a glance which visits are unplanned, still empty, or
have a problem to fix."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from crm_desktop.domain.daily import is_visited
from crm_desktop.domain.money import format_fen
from crm_desktop.ui.plans.visit_form import lenient_amount, raw_to_visit

TIME, CUSTOMER, AMOUNT, STATE = range(4)


class VisitTable(QTableWidget):
    """Rows of raw visits; `currentRowChanged(row)` like a QListWidget's (-1: none)."""

    currentRowChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("visitList")
        self.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Customer"), self.tr("Amount"), self.tr("State")]
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CUSTOMER, QHeaderView.ResizeMode.Stretch)
        # A fixed amount column: a long (or absurd) amount elides instead of pushing the
        # customer's name out of the table.
        header.setSectionResizeMode(AMOUNT, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(AMOUNT, self.fontMetrics().horizontalAdvance("¥999,999.99") + 16)
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.ResizeToContents)
        self.problem_rows: set[int] = set()
        self.currentCellChanged.connect(self._cell_changed)

    # QListWidget's names, so the editor reads the same with a list or a table.
    def count(self) -> int:
        return self.rowCount()

    def setCurrentRow(self, row: int) -> None:
        if 0 <= row < self.rowCount():
            self.setCurrentCell(row, CUSTOMER)
        else:
            self.setCurrentCell(-1, -1)

    def _cell_changed(self, row: int, _column: int, old_row: int, _old_column: int) -> None:
        if row != old_row:
            self.currentRowChanged.emit(row)

    def set_visits(self, visits: list[dict[str, Any]]) -> None:
        self.blockSignals(True)
        self.setRowCount(len(visits))
        for row, raw in enumerate(visits):
            self.show_visit(row, raw)
        self.blockSignals(False)

    def show_visit(self, row: int, raw: dict[str, Any]) -> None:
        amount = lenient_amount(raw, "order_amount") + lenient_amount(raw, "collection_amount")
        state = self._state(row, raw)
        cells = (
            str(raw.get("start_time") or "").strip(),
            str(raw.get("customer_name") or ""),
            format_fen(amount) if amount else "",
            state,
        )
        for column, text in enumerate(cells):
            item = self.item(row, column)
            if item is None:
                item = QTableWidgetItem()
                self.setItem(row, column, item)
            if item.text() != text:
                item.setText(text)
            if column in (CUSTOMER, AMOUNT):
                item.setToolTip(text)  # the column may elide it
            if column == AMOUNT:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _state(self, row: int, raw: dict[str, Any]) -> str:
        if row in self.problem_rows:
            return self.tr("⚠ to fix")
        if not raw.get("planned"):
            return self.tr("unplanned")
        if not is_visited(raw_to_visit(raw, lenient=True)):
            return self.tr("not filled in")
        return self.tr("planned")

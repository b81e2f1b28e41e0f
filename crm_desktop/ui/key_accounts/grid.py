"""A small editable grid for the plan's lists (competitors, objectives, actions, revenue):
a QTableWidget with add / remove buttons, read and written as rows of text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class Grid(QWidget):
    def __init__(
        self,
        headers: Sequence[str],
        add_text: str,
        remove_text: str,
        *,
        fixed_rows: int | None = None,
        read_only: Sequence[int] = (),
        combo_column: int | None = None,
        height: int = 150,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.read_only = set(read_only)
        self.combo_column = combo_column
        self.choices: list[tuple[str, str]] = []  # (id, name) of the combo column
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setMinimumHeight(height)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton(remove_text)
        if fixed_rows is None:
            row = QHBoxLayout()
            row.addWidget(self.add_button)
            row.addWidget(self.remove_button)
            row.addStretch(1)
            layout.addLayout(row)
            self.add_button.clicked.connect(lambda: self.add_row([]))
            self.remove_button.clicked.connect(self.remove_selected)
        else:
            self.add_button.hide()
            self.remove_button.hide()

    def set_rows(self, rows: Sequence[Sequence[str]], owners: Sequence[str | None] = ()) -> None:
        self.table.setRowCount(0)
        for n, row in enumerate(rows):
            self.add_row(row, owners[n] if n < len(owners) else None)

    def add_row(self, values: Sequence[str], chosen: str | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(self.table.columnCount()):
            if column == self.combo_column:
                combo = QComboBox()
                combo.addItem("", None)
                for key, name in self.choices:
                    combo.addItem(name, key)
                combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
                self.table.setCellWidget(row, column, combo)
                continue
            item = QTableWidgetItem(values[column] if column < len(values) else "")
            if column in self.read_only:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, item)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def rows(self) -> list[list[str]]:
        found = []
        for row in range(self.table.rowCount()):
            values = []
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                values.append(item.text().strip() if item is not None else "")
            found.append(values)
        return found

    def chosen(self, row: int) -> str | None:
        if self.combo_column is None:
            return None
        widget = self.table.cellWidget(row, self.combo_column)
        if isinstance(widget, QComboBox):
            data = widget.currentData()
            return data if isinstance(data, str) else None
        return None

    def set_editable(self, editable: bool) -> None:
        trigger = (
            QAbstractItemView.EditTrigger.AllEditTriggers
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.table.setEditTriggers(trigger)
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)
        if self.combo_column is not None:
            for row in range(self.table.rowCount()):
                widget = self.table.cellWidget(row, self.combo_column)
                if widget is not None:
                    widget.setEnabled(editable)

    def set_cell(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, column, item)
        item.setText(text)

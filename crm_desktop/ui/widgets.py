"""Small widget helpers shared by the pages: picklist combos, inline errors, plain tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.picklists import Picklist
from crm_desktop.ui.application import current_lang

ALERT_COLOR = "#c62828"
MIN_COLUMN_WIDTH = 64
MAX_COLUMN_WIDTH = 240  # long names elide rather than push other columns away


def dialog_buttons(
    dialog: QDialog,
    primary: QDialogButtonBox.StandardButton,
    other: QDialogButtonBox.StandardButton,
    on_primary: Callable[[], object],
) -> tuple[QDialogButtonBox, QPushButton]:
    """A dialog's button row: the primary button (styled as such) runs `on_primary`, which
    decides whether the dialog closes; the other one rejects it."""
    buttons = QDialogButtonBox(primary | other)
    button = buttons.button(primary)
    assert button is not None
    button.setObjectName("primary")
    buttons.accepted.connect(on_primary)
    buttons.rejected.connect(dialog.reject)
    return buttons, button


def picklist_combo(
    kind: type[Picklist], lang: str, *, empty: str | None = None, parent: QWidget | None = None
) -> QComboBox:
    """A combo of a picklist's labels with their codes as item data.

    `empty` adds a first item with no code (shown as the given text) for optional fields.
    """
    combo = QComboBox(parent)
    if empty is not None:
        combo.addItem(empty, None)
    for member in kind:
        combo.addItem(member.label(lang), member.value)
    return combo


def combo_code(combo: QComboBox) -> str | None:
    value = combo.currentData()
    return value if isinstance(value, str) and value else None


def select_code(combo: QComboBox, code: str | None) -> None:
    """Select the item whose data is `code` (the empty item for None) if there is one."""
    index = combo.findData(code) if code is not None else combo.findData(None)
    if index >= 0:
        combo.setCurrentIndex(index)


def or_dash(text: str) -> str:
    """An empty read-only value shown as a dash, so it reads as "none", not as missing."""
    return text or "—"


def picklist_label(kind: type[Picklist], code: str | None, lang: str) -> str:
    """A code's label; an unknown code (e.g. from a newer server) is shown as is."""
    if not code:
        return ""
    try:
        return kind(code).label(lang)
    except ValueError:
        return code


def join_items(items: Iterable[str]) -> str:
    """A short inline list in the interface language: 甲、乙 or a, b."""
    return (", " if current_lang().startswith("en") else "、").join(items)


def compact_money(fen: int, *, chinese: bool) -> str:
    """Yuan in a few characters, for a chart label or a narrow card: ¥12.3万 / ¥123.4K."""
    yuan = fen / 100
    size = abs(yuan)
    if chinese:
        if size >= 1e8:
            return f"¥{yuan / 1e8:.2f}亿"
        if size >= 1e4:
            return f"¥{yuan / 1e4:.1f}万"
        return f"¥{yuan:,.0f}"
    if size >= 1e6:
        return f"¥{yuan / 1e6:.2f}M"
    if size >= 1e3:
        return f"¥{yuan / 1e3:.1f}K"
    return f"¥{yuan:,.0f}"


def date_text(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


class ErrorLabel(QLabel):
    """Red inline text under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def two_columns(boxes: Iterable[tuple[int, QWidget]], parent: QWidget) -> QHBoxLayout:
    """Stack (column, box) pairs into two independent columns, each packed to the top
    (a grid would stretch a short box to its neighbour's height)."""
    row = QHBoxLayout(parent)
    row.setContentsMargins(0, 0, 0, 0)
    columns = [QVBoxLayout(), QVBoxLayout()]
    for column, box in boxes:
        columns[min(column, 1)].addWidget(box)
    for layout in columns:
        layout.addStretch(1)
        row.addLayout(layout, 1)
    return row


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Flag a field for the stylesheet's red border (style.qss: *[invalid="true"])."""
    widget.setProperty("invalid", invalid)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def read_only_table(headers: Sequence[str], parent: QWidget | None = None) -> QTableWidget:
    """A plain, non-editable, row-selecting table for short lists shown on the card."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    fit_columns(table)
    return table


def fit_columns(table: QTableWidget) -> None:
    """Size columns to header and contents with some air; an empty column keeps a
    usable width instead of shrinking to nothing."""
    table.resizeColumnsToContents()
    for column in range(table.columnCount() - 1):
        width = max(table.columnWidth(column) + 24, MIN_COLUMN_WIDTH)
        table.setColumnWidth(column, min(width, MAX_COLUMN_WIDTH))


def fill_table(
    table: QTableWidget,
    rows: Iterable[Sequence[str]],
    right_aligned: Iterable[int] = (),
    alert_column: int | None = None,
) -> None:
    """Replace a read-only table's contents; `right_aligned` columns hold amounts, and
    text in `alert_column` (e.g. 撞单) is shown in bold red."""
    right = set(right_aligned)
    data = list(rows)
    table.setRowCount(len(data))
    for r, row in enumerate(data):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if c == alert_column and text:
                item.setForeground(QColor(ALERT_COLOR))
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            table.setItem(r, c, item)
    fit_columns(table)

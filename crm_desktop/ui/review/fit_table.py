"""A read-only table whose columns always fit its width: no sideways scroll, nothing cut.

Qt's own resize modes cannot say "these columns as wide as their contents, those share
what is left by weight and wrap": Stretch shares equally, and ResizeToContents lets one
long label ("Complaint handling") push the rest off the screen. So the widths are set
here, on every resize and after every fill:

- fixed columns (dates, ticks, amounts) get their contents' width;
- wrapping columns get their contents' width when everything fits; otherwise the width
  left is shared by weight, a column needing less than its share giving the rest back;
- rows then grow to show every wrapped line.

With `wrap_text=False` (the Today page's calm one-line rows) the widths are shared the
same way and a cell that still does not fit elides instead of wrapping.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
)

MIN_WRAP_WIDTH = 64  # a wrapping column never narrower: three or four characters a line
CELL_PADDING = 12  # style.qss pads table items 4 px each side; a little more for safety


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights that fit wrapped text: Qt measures the wrap on the whole cell width,
    but the stylesheet's item padding leaves the text less, so a measured line breaks
    once more when drawn and its last line is cut off."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        narrower = QStyleOptionViewItem(option)
        narrower.rect = option.rect.adjusted(0, 0, -CELL_PADDING, 0)
        return super().sizeHint(narrower, index)


class WidthFitter(QObject):
    """Keeps `table`'s columns fitted to its width; `wrap` maps the columns that share
    the width left to their weights. Call `fit()` after filling the table; resizes refit
    by themselves."""

    def __init__(
        self, table: QTableWidget, wrap: Mapping[int, int], *, wrap_text: bool = True
    ) -> None:
        super().__init__(table)
        self.table = table
        self.wrap = dict(wrap)
        self.wrap_text = wrap_text
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        if wrap_text:
            table.setItemDelegate(_WrappingDelegate(table))
            table.setWordWrap(True)
            table.setTextElideMode(Qt.TextElideMode.ElideNone)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def natural_width(self, column: int) -> int:
        header = self.table.horizontalHeader()
        return max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column)) + 4

    def fit(self) -> None:
        table = self.table
        columns = [c for c in range(table.columnCount()) if not table.isColumnHidden(c)]
        natural = {c: self.natural_width(c) for c in columns}
        fixed = [c for c in columns if c not in self.wrap]
        wrapping = [c for c in columns if c in self.wrap]
        room = table.viewport().width() - sum(natural[c] for c in fixed)
        widths = {c: natural[c] for c in fixed}
        widths.update(_share(room, {c: natural[c] for c in wrapping}, self.wrap))
        for column, width in widths.items():
            table.setColumnWidth(column, width)
        if self.wrap_text:
            table.resizeRowsToContents()


def _share(room: int, natural: Mapping[int, int], weights: Mapping[int, int]) -> dict[int, int]:
    """Widths for the wrapping columns in `room` px: each its natural width if all fit
    (the last one taking what is left over); else by weight, a column that needs less
    than its share keeping only what it needs and the rest shared again."""
    if not natural:
        return {}
    widths: dict[int, int] = dict(natural)
    if sum(natural.values()) <= room:
        widths[max(widths)] += room - sum(widths.values())
        return widths
    left = dict(natural)
    space = room
    while left:
        total = sum(weights[c] for c in left)
        small = {c: w for c, w in left.items() if w <= space * weights[c] / total}
        if not small:
            for c in left:
                widths[c] = max(MIN_WRAP_WIDTH, int(space * weights[c] / total))
            break
        for c, w in small.items():
            widths[c] = w
            space -= w
            del left[c]
    return widths

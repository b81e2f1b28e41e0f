"""The pipeline's rows in memory: the filter, one board column's model, the list's model.

The page loads every opportunity the user sees once (a few thousand rows, tens of
milliseconds) and filters here, in Python: grouping 5,000 rows by stage takes a few
milliseconds, so a keystroke or an owner change never waits on SQL. The models hold the
service's frozen rows and format them only for the cells on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from crm_desktop.domain.money import format_fen
from crm_desktop.domain.stages import StageDef
from crm_desktop.services.pipeline.pipeline import OpportunityRow
from crm_desktop.ui.widgets import ALERT_COLOR, date_text

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the OpportunityRow behind an item
MIME_TYPE = "application/x-crm-opportunity"


@dataclass(frozen=True, slots=True)
class BoardFilter:
    """What the toolbar asks for; every field narrows the rows."""

    text: str = ""
    owner_id: str | None = None
    open_only: bool = False


class PipelineRows:
    """The loaded rows, each with its search text lower-cased once, filtered on demand."""

    def __init__(self, rows: Sequence[OpportunityRow], stages: Iterable[StageDef]) -> None:
        self.rows = list(rows)
        self.closed = {stage.code for stage in stages if stage.is_closed}
        self._haystacks = [f"{r.name}\n{r.customer_name}".casefold() for r in self.rows]

    def matching(self, flt: BoardFilter) -> list[OpportunityRow]:
        terms = flt.text.casefold().split()
        owner, closed = flt.owner_id, self.closed if flt.open_only else set()
        return [
            row
            for row, haystack in zip(self.rows, self._haystacks, strict=True)
            if (owner is None or row.owner_id == owner)
            and row.stage_code not in closed
            and all(term in haystack for term in terms)
        ]


def encode_drag(row: OpportunityRow) -> bytes:
    return f"{row.id}\n{row.stage_code}".encode()


def decode_drag(data: QMimeData) -> tuple[str, str] | None:
    """(opportunity id, its stage when the drag began), or None for a foreign drag."""
    if not data.hasFormat(MIME_TYPE):
        return None
    text = bytes(data.data(MIME_TYPE).data()).decode("utf-8", "replace")
    opportunity_id, _sep, stage = text.partition("\n")
    return (opportunity_id, stage) if opportunity_id else None


class ColumnModel(QAbstractListModel):
    """The cards of one board column. A card dropped here emits `dropped(id, stage)`;
    the model itself never moves rows: the page asks the service, then reloads, so a
    refused move leaves the card where it was."""

    dropped = Signal(str, str)

    def __init__(self, stage: StageDef, parent: Any = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.rows: list[OpportunityRow] = []

    def set_rows(self, rows: list[OpportunityRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_at(self, index: int) -> OpportunityRow | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{row.name} · {row.customer_name} · {format_fen(row.amount_fen)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.name}\n{row.customer_name}\n{row.next_step or ''}".strip()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land on the column, not a card
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | (Qt.ItemFlag.ItemIsDragEnabled)
        )

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = [self.rows[i.row()] for i in indexes if i.isValid()]
        if rows:
            data.setData(MIME_TYPE, QByteArray(encode_drag(rows[0])))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        dragged = decode_drag(data)
        return dragged is not None and dragged[1] != self.stage.code

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        dragged = decode_drag(data)
        assert dragged is not None
        self.dropped.emit(dragged[0], self.stage.code)
        # False: the drop is only a request, so the source column keeps its card until
        # the service has moved it and the board reloads.
        return False


def _pct(value: int) -> str:
    return f"{value}%"


@dataclass(frozen=True, slots=True)
class _Column:
    title: str
    text: Callable[[OpportunityRow], str]
    key: Callable[[OpportunityRow], Any]
    right: bool = False


def _optional(value: Any) -> tuple[bool, Any]:
    """Sort key putting missing values last whatever their type."""
    return (value is None, value if value is not None else 0)


class OpportunityTableModel(QAbstractTableModel):
    """The 列表 tab: one opportunity per row, sortable on every column by its raw value
    (amounts as numbers, dates as dates), not by the formatted text."""

    def __init__(self, stage_names: dict[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self.stage_names = stage_names
        self.rows: list[OpportunityRow] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.columns = [
            _Column(
                QCoreApplication.translate("PipelineList", "Opportunity"),
                lambda r: r.name,
                lambda r: r.name,
            ),
            _Column(
                QCoreApplication.translate("PipelineList", "Customer"),
                lambda r: r.customer_name,
                lambda r: r.customer_name,
            ),
            _Column(
                QCoreApplication.translate("PipelineList", "Owner"),
                lambda r: r.owner_name,
                lambda r: r.owner_name,
            ),
            _Column(
                QCoreApplication.translate("PipelineList", "Stage"),
                lambda r: self.stage_names.get(r.stage_code, r.stage_code),
                lambda r: r.probability_pct,
            ),
            _Column(
                QCoreApplication.translate("PipelineList", "Success"),
                lambda r: _pct(r.probability_pct),
                lambda r: r.probability_pct,
                True,
            ),
            _Column(
                QCoreApplication.translate("PipelineList", "Amount"),
                lambda r: format_fen(r.amount_fen),
                lambda r: r.amount_fen,
                True,
            ),
            _Column(
                QCoreApplication.translate("PipelineList", "Weighted"),
                lambda r: format_fen(r.weighted_fen),
                lambda r: r.weighted_fen,
                True,
            ),
            _Column(
                QCoreApplication.translate("PipelineList", "Expected close"),
                lambda r: date_text(r.expected_close_on),
                lambda r: _optional(r.expected_close_on),
            ),
            _Column(
                QCoreApplication.translate("PipelineList", "Next step"),
                lambda r: r.next_step or "",
                lambda r: r.next_step or "",
            ),
            _Column(
                QCoreApplication.translate("PipelineList", "In stage since"),
                lambda r: date_text(r.stage_since),
                lambda r: _optional(r.stage_since),
            ),
        ]

    def set_rows(self, rows: list[OpportunityRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def row_at(self, index: int) -> OpportunityRow | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 7 and row.overdue:
            return QBrush(QColor(ALERT_COLOR))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 8:
            return row.next_step or None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        # A reset rather than a layout change: the selection is cleared instead of being
        # left on whatever row now sits where the selected one was.
        self.beginResetModel()
        self._sort_rows(column, order)
        self.endResetModel()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        if not 0 <= column < len(self.columns):
            return  # no sort column: the service's order
        key = self.columns[column].key
        # Python's sort is stable: ties keep the service's order (expected close, name).
        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)

"""The 看板 board: one column per stage, each a list view whose delegate paints cards.

No widget per opportunity: a column is a QListView over a ColumnModel, and the
delegate paints each visible card, so 5,000 open opportunities cost 5,000 small frozen
rows and the painting of the few dozen cards on screen. Every card has the same height
(uniform item sizes), so a column lays out without measuring its rows.

Dragging a card onto another column emits `move_requested(id, stage)` once the drag has
ended (queued), so the page's stage dialog never opens inside the drag's event loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.money import format_fen
from crm_desktop.domain.stages import StageDef
from crm_desktop.services.pipeline.pipeline import OpportunityRow
from crm_desktop.ui.application import current_lang
from crm_desktop.ui.pipeline.list_model import ROW_ROLE, ColumnModel, decode_drag
from crm_desktop.ui.widgets import ALERT_COLOR, compact_money, date_text

Index = QModelIndex | QPersistentModelIndex
OPEN_WIDTH = 200  # a column's least width: a card shows a name of ~12 Chinese characters
CLOSED_WIDTH = 168
COLLAPSED_WIDTH = 76
CARD_MARGIN = 4  # around each card, inside its item rectangle
CARD_PADDING = 8
ACCENT = {"open": "#4a90d9", "won": "#2e7d32", "lost": "#9aa5b1"}
MUTED = QColor("#5f6b7a")
TEXT = QColor("#1f2a37")
COLUMN_STYLE = """
QFrame#boardColumn { background: #eef1f4; border: 1px solid #dde2e8; border-radius: 6px; }
QFrame#boardColumn[dropTarget="true"] { border: 2px solid #4a90d9; }
QLabel#columnTitle { font-weight: bold; color: #1f2a37; }
QLabel#columnFigures { color: #5f6b7a; }
QListView#columnCards { background: transparent; border: none; }
QListView#columnCards QScrollBar:vertical { width: 8px; background: transparent; margin: 0; }
QListView#columnCards QScrollBar::handle:vertical {
    background: #c3cad3; border-radius: 4px; min-height: 32px; }
QListView#columnCards QScrollBar::add-line, QListView#columnCards QScrollBar::sub-line {
    height: 0; }
QListView#columnCards QScrollBar::add-page, QListView#columnCards QScrollBar::sub-page {
    background: transparent; }
"""


def card_amount(fen: int) -> str:
    """An amount on a card: whole yuan without the ".00" a deal's size never needs."""
    text = format_fen(fen)
    return text[:-3] if text.endswith(".00") else text


def fitted_amount(fen: int, metrics: QFontMetrics, width: int, chinese: bool) -> str:
    """The card's amount in `width` pixels: whole yuan when they fit, else compact (on a
    1366-px laptop ¥173.7万 says more than "¥1,737,…")."""
    text = card_amount(fen)
    if metrics.horizontalAdvance(text) > width:
        text = compact_money(fen, chinese=chinese)
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


class CardDelegate(QStyledItemDelegate):
    """Paints an opportunity as a card: name, customer, amount and expected close, and
    the owner for someone who sees more than their own (`show_owner`). `compact` (the
    closed columns) drops the customer and owner lines."""

    def __init__(self, parent: QWidget, *, show_owner: bool, compact: bool = False) -> None:
        super().__init__(parent)
        self.show_owner = show_owner and not compact
        self.compact = compact

    def _lines(self) -> int:
        return 2 if self.compact else 3 + int(self.show_owner)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        height = self._lines() * (line + 2) + 2 * (CARD_PADDING + CARD_MARGIN)
        return QSize(OPEN_WIDTH - 24, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, OpportunityRow):
            return
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        rect = QRect(option.rect).adjusted(CARD_MARGIN, CARD_MARGIN, -CARD_MARGIN, -CARD_MARGIN)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#4a90d9" if selected else "#d3d9e0"), 1.5 if selected else 1))
        painter.setBrush(QColor("#eef5fd" if selected else "#ffffff"))
        painter.drawRoundedRect(rect, 5, 5)
        accent = QColor(ACCENT.get(self._outcome(index), ACCENT["open"]))
        painter.fillRect(QRect(rect.left() + 1, rect.top() + 5, 3, rect.height() - 10), accent)
        inner = rect.adjusted(CARD_PADDING + 2, CARD_PADDING - 2, -CARD_PADDING, -CARD_PADDING)
        base: QFont = option.font
        line = QFontMetrics(base).lineSpacing() + 2
        bold = QFont(base)
        bold.setBold(True)
        y = inner.top()
        y = self._text(painter, bold, TEXT, inner, y, row.name)
        if not self.compact:
            y = self._text(painter, base, MUTED, inner, y, row.customer_name)
        amount_rect = QRect(inner.left(), y, inner.width(), line)
        painter.setFont(base)
        close = row.expected_close_on
        if close is not None and not self.compact:
            # The date first, at the right; the amount gets what is left of the line.
            painter.setPen(QColor(ALERT_COLOR) if row.overdue else MUTED)
            text = date_text(close)
            painter.drawText(amount_rect, Qt.AlignmentFlag.AlignRight, text)
            amount_rect.setRight(
                amount_rect.right() - QFontMetrics(base).horizontalAdvance(text) - 8
            )
        painter.setPen(TEXT)
        chinese = not current_lang().startswith("en")
        amount = fitted_amount(row.amount_fen, QFontMetrics(base), amount_rect.width(), chinese)
        painter.drawText(amount_rect, Qt.AlignmentFlag.AlignLeft, amount)
        y += line
        if self.show_owner:
            self._text(painter, base, MUTED, inner, y, row.owner_name)
        painter.restore()

    def _outcome(self, index: Index) -> str:
        model = index.model()
        return model.stage.outcome if isinstance(model, ColumnModel) else "open"

    @staticmethod
    def _text(
        painter: QPainter, font: QFont, color: QColor, inner: QRect, y: int, text: str
    ) -> int:
        metrics = QFontMetrics(font)
        line = metrics.lineSpacing() + 2
        painter.setFont(font)
        painter.setPen(color)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(
            QRect(inner.left(), y, inner.width(), line), Qt.AlignmentFlag.AlignLeft, elided
        )
        return y + line


class CardList(QListView):
    """A column's cards: drag source and drop target, Enter or double-click opens."""

    menu_requested = QtSignal(object, QPoint)  # (OpportunityRow, global position)

    def __init__(self, model: ColumnModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("columnCards")
        self.setModel(model)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)  # the order inside a column is not the user's
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        row = index.data(ROW_ROLE) if index.isValid() else None
        if isinstance(row, OpportunityRow):
            self.setCurrentIndex(index)
            self.menu_requested.emit(row, event.globalPos())


class StageColumn(QFrame):
    """A stage's header (name, success rate, count, amount, weighted) over its cards.

    A closed stage's column can be collapsed to a narrow strip; it still takes drops,
    as does the header of any column.
    """

    def __init__(self, stage: StageDef, lang: str, show_owner: bool) -> None:
        super().__init__()
        self.stage = stage
        self.lang = lang
        self.setObjectName("boardColumn")
        self.setProperty("dropTarget", False)
        self.setAcceptDrops(True)
        self.model = ColumnModel(stage, self)
        self.view = CardList(self.model)
        self.view.setItemDelegate(
            CardDelegate(self.view, show_owner=show_owner, compact=stage.is_closed)
        )
        self.title = QLabel()
        self.title.setObjectName("columnTitle")
        self.figures = QLabel()
        self.figures.setObjectName("columnFigures")
        self.weighted = QLabel()
        self.weighted.setObjectName("columnFigures")
        for label in (self.title, self.figures, self.weighted):
            label.setWordWrap(True)
        self.collapse = QToolButton()
        self.collapse.setCheckable(True)
        self.collapse.setAutoRaise(True)
        self.collapse.setVisible(stage.is_closed)
        self.collapse.toggled.connect(self.set_collapsed)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.collapse, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.figures)
        layout.addWidget(self.weighted)
        layout.addSpacing(4)
        layout.addWidget(self.view, 1)
        self.filler = QWidget()  # keeps a folded column's header at the top
        layout.addWidget(self.filler, 1)
        self.count = 0
        self.amount_fen = 0
        self.weighted_fen = 0
        self.set_collapsed(False)

    def set_collapsed(self, collapsed: bool) -> None:
        self.view.setVisible(not collapsed)
        self.filler.setVisible(collapsed)
        self.weighted.setVisible(not collapsed and not self.stage.is_closed)
        self.collapse.setText("»" if collapsed else "«")
        self.collapse.setToolTip(
            QCoreApplication.translate("PipelineBoard", "Show the cards")
            if collapsed
            else QCoreApplication.translate("PipelineBoard", "Collapse")
        )
        if collapsed:
            self.setFixedWidth(COLLAPSED_WIDTH)
        elif self.stage.is_closed:
            self.setFixedWidth(CLOSED_WIDTH)
        else:
            self.setMinimumWidth(OPEN_WIDTH)
            self.setMaximumWidth(16_777_215)
        self._show_header()

    @property
    def collapsed(self) -> bool:
        return self.collapse.isChecked()

    def set_rows(self, rows: list[OpportunityRow]) -> None:
        self.model.set_rows(rows)
        self.count = len(rows)
        self.amount_fen = sum(r.amount_fen for r in rows)
        self.weighted_fen = sum(r.weighted_fen for r in rows)
        self._show_header()

    def _show_header(self) -> None:
        name = self.stage.name(self.lang)
        if self.collapsed:
            self.title.setText(name)
            self.figures.setText(
                QCoreApplication.translate("PipelineBoard", "%1 deals").replace(
                    "%1", str(self.count)
                )
            )
            return
        self.title.setText(f"{name}  {self.stage.probability_pct}%")
        self.figures.setText(
            QCoreApplication.translate("PipelineBoard", "%1 deals · %2")
            .replace("%1", str(self.count))
            .replace("%2", format_fen(self.amount_fen))
        )
        self.weighted.setText(
            QCoreApplication.translate("PipelineBoard", "Weighted %1").replace(
                "%1", format_fen(self.weighted_fen)
            )
        )

    # --- drops on the header or a collapsed column ---------------------------------------
    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        dragged = decode_drag(event.mimeData())
        return dragged is not None and dragged[1] != self.stage.code

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            self._highlight(True)
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QEvent) -> None:
        self._highlight(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._highlight(False)
        if self._accepts(event):
            action = Qt.DropAction.MoveAction
            self.model.dropMimeData(event.mimeData(), action, -1, -1, QModelIndex())
            event.ignore()  # nothing leaves the source column until the service moved it

    def _highlight(self, on: bool) -> None:
        self.setProperty("dropTarget", on)
        self.style().unpolish(self)
        self.style().polish(self)


class Board(QScrollArea):
    """The columns side by side, scrolling sideways when the window is narrow."""

    opened = QtSignal(str)  # an opportunity's id: open its card
    move_requested = QtSignal(str, str)  # (id, target stage code; "" = let the user pick)
    current_changed = QtSignal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.columns: dict[str, StageColumn] = {}
        self._current: OpportunityRow | None = None
        self.inner = QWidget()
        self.inner.setStyleSheet(COLUMN_STYLE)
        self.row_layout = QHBoxLayout(self.inner)
        self.row_layout.setContentsMargins(0, 0, 0, 0)
        self.row_layout.setSpacing(8)
        self.setWidget(self.inner)

    def set_stages(self, stages: list[StageDef], show_owner: bool) -> None:
        """Build one column per stage (once per page, and after the method changed)."""
        for column in self.columns.values():
            self.row_layout.removeWidget(column)
            column.deleteLater()
        self.columns = {}
        self._current = None
        for stage in stages:
            column = StageColumn(stage, self.lang, show_owner)
            # Won and lost start folded: the open stages are what the board is for, and
            # five open columns then fit a 1280-pixel window without scrolling.
            column.collapse.setChecked(stage.is_closed)
            self.columns[stage.code] = column
            self.row_layout.addWidget(column, 0 if stage.is_closed else 1)
            column.model.dropped.connect(self.move_requested, Qt.ConnectionType.QueuedConnection)
            view = column.view
            view.activated.connect(self._open_index)
            view.doubleClicked.connect(self._open_index)
            view.clicked.connect(lambda index, v=view: self._select(v, index))
            view.menu_requested.connect(self._menu)

    def show_rows(self, rows: list[OpportunityRow]) -> None:
        """Put each row in its stage's column; rows of stages not on the board (another
        sales method) show in the list only."""
        grouped: dict[str, list[OpportunityRow]] = {code: [] for code in self.columns}
        for row in rows:
            bucket = grouped.get(row.stage_code)
            if bucket is not None:
                bucket.append(row)
        for code, column in self.columns.items():
            column.set_rows(grouped[code])
        self._reselect(self._current.id if self._current else None)

    def _reselect(self, opportunity_id: str | None) -> None:
        """Select the card that was selected before the columns were refilled (a model
        reset clears the selection), as read now: its stage may have changed."""
        self._current = None
        for column in self.columns.values() if opportunity_id else ():
            for position, row in enumerate(column.model.rows):
                if row.id == opportunity_id:
                    column.view.setCurrentIndex(column.model.index(position))
                    self._current = row
                    break
        self.current_changed.emit()

    def current(self) -> OpportunityRow | None:
        return self._current

    def _select(self, view: CardList, index: QModelIndex) -> None:
        for column in self.columns.values():
            if column.view is not view:
                column.view.clearSelection()
        row = index.data(ROW_ROLE)
        self._current = row if isinstance(row, OpportunityRow) else None
        self.current_changed.emit()

    def _open_index(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, OpportunityRow):
            self.opened.emit(row.id)

    def _menu(self, row: OpportunityRow, position: QPoint) -> None:
        self._current = row
        self.current_changed.emit()
        menu = card_menu(
            self, lambda: self.opened.emit(row.id), lambda: self.move_requested.emit(row.id, "")
        )
        menu.popup(position)


def card_menu(
    parent: QWidget, open_card: Callable[[], object], move: Callable[[], object]
) -> QMenu:
    """The keyboard and right-click way to what a double-click and a drag do."""
    menu = QMenu(parent)
    menu.addAction(QCoreApplication.translate("PipelineBoard", "Open…"), open_card)
    menu.addAction(QCoreApplication.translate("PipelineBoard", "Move to stage…"), move)
    return menu

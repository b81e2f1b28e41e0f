"""The Review 审阅 page's body: the queue on the left, the opened item, the comment box and
the actions on the right. Built for clearing twenty reports quickly from the keyboard:

- Up/Down move in the queue (also from the comment box, when its cursor cannot move that
  way), and each move opens the item; focus lands in the comment box.
- Ctrl+Enter countersigns a plan or signs a report, Ctrl+R returns it; after an action the
  next item opens.
- A stale sign-off (the report changed after it was opened) shows the message and opens the
  report again with its new content.
- Each action says what it did, naming the item, in a line beside the buttons
  ("已签核 张伟 11月23日日报"), because the item itself leaves the queue at once.
- The queue's columns are as wide as their contents in either language, and the queue
  pane as wide as its columns: nothing in it is clipped. In a window narrower than
  `QUEUE_ABOVE_WIDTH` the queue goes above the item, which keeps the whole width.

Reads (the queue, opening an item) run on the task pool; the actions are one short write
each and run on the GUI thread, like the editors' saves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.commands import review_comment
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.workflow import PlanAction, ReportAction
from crm_desktop.services.review.review import (
    PLAN,
    QueueItem,
    ReviewItem,
    ReviewService,
    StaleReview,
)
from crm_desktop.ui import application, messages
from crm_desktop.ui.activity.table import RowsModel, selected_row, table_view
from crm_desktop.ui.operations import PLANS, REPORTS, Operations, report_error
from crm_desktop.ui.review.item_view import ItemView, local_time
from crm_desktop.ui.tasks import TaskContext, run_task

TO_REVIEW = "to_review"
SIGNED = "signed"
_ACCEPT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Narrower than this (a 1024 px screen, a half-screen window) the queue goes above the
# item: beside it, it would leave the report too little width. A 1366 px screen gives
# the panel about 1170 px, so the laptop keeps the queue beside the item.
QUEUE_ABOVE_WIDTH = 1000
QUEUE_ABOVE_HEIGHT = 150  # the list and three rows; the splitter can give it more


class ReviewPanel(QWidget):
    """The queue and the review of one item. Signals: `queue_loaded()` after the queue is
    (re)loaded, `item_opened(item or None)` after an item is shown, `acted(action)`."""

    queue_loaded = Signal()
    item_opened = Signal(object)
    acted = Signal(str)

    def __init__(
        self,
        service: ReviewService,
        lang: str,
        parent: QWidget | None = None,
        *,
        operations: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        # Sign-offs and returns run on the writer lane (ui/operations.py).
        self.operations = operations or Operations(self)
        self._acting = False
        self.lang = lang
        self.item: ReviewItem | None = None
        self._comments: dict[str, str] = {}  # typed but not yet used, per item id
        self._queue_generation = 0
        self._open_generation = 0
        self._shown_id: str | None = None

        # Left: which list, the list, a hint.
        self.mode = QComboBox()
        self.mode.addItem(self.tr("To review"), TO_REVIEW)
        self.mode.addItem(self.tr("Signed, last 14 days"), SIGNED)
        self.mode.currentIndexChanged.connect(lambda _i: self.refresh())
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.model: RowsModel[QueueItem] = RowsModel(
            [
                self.tr("Rep"),
                self.tr("Day"),
                self.tr("Kind"),
                self.tr("Submitted"),
                self.tr("Late"),
            ],
            self._cells,
            alert=lambda i: i.late,
        )
        self.queue = table_view(self.model)
        self.queue.setObjectName("reviewQueue")
        queue_header = self.queue.horizontalHeader()
        queue_header.setStretchLastSection(False)
        queue_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.queue.selectionModel().selectionChanged.connect(self._selection_changed)
        hint = QLabel(self.tr("↑/↓ next item · Ctrl+Enter sign · Ctrl+R return"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.left = left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.mode, 1)
        mode_row.addWidget(self.count_label)
        left_layout.addLayout(mode_row)
        left_layout.addWidget(self.queue, 1)
        left_layout.addWidget(hint)

        # Right: the item, the comment, the actions.
        self.view = ItemView(lang)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("reviewComment")
        self.comment.setPlaceholderText(
            self.tr("Comment: required to return or reopen, optional to sign")
        )
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(64)
        self.countersign_button = QPushButton(self.tr("Countersign (Ctrl+Enter)"))
        self.sign_button = QPushButton(self.tr("Sign off (Ctrl+Enter)"))
        self.return_button = QPushButton(self.tr("Return (Ctrl+R)"))
        self.reopen_button = QPushButton(self.tr("Reopen…"))
        for button in (self.countersign_button, self.sign_button):
            button.setObjectName("primary")
        self.countersign_button.clicked.connect(self.countersign)
        self.sign_button.clicked.connect(self.sign)
        self.return_button.clicked.connect(self.return_item)
        self.reopen_button.clicked.connect(self.reopen)
        # What the last action did; the acted-on item has left the queue by then.
        self.notice = QLabel()
        self.notice.setObjectName("reviewNotice")
        self.notice.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.notice, 1)
        for button in (
            self.reopen_button,
            self.return_button,
            self.countersign_button,
            self.sign_button,
        ):
            buttons.addWidget(button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(10, 0, 0, 0)  # air between the queue and the item
        right_layout.addWidget(self.view, 1)
        right_layout.addWidget(self.comment)
        right_layout.addLayout(buttons)

        self.splitter = splitter = QSplitter()
        self.queue_above = False
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 1140])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        # Keys: handled directly in the comment box and the queue (so the box's own Up/Down
        # and the shortcuts never both act), and by shortcuts anywhere else on the page.
        self.comment.installEventFilter(self)
        self.queue.installEventFilter(self)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+Return", self.accept_item),
            ("Ctrl+Enter", self.accept_item),
            ("Ctrl+R", self.return_item),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self._update_buttons()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        above = event.size().width() < QUEUE_ABOVE_WIDTH
        if above == self.queue_above:
            return
        self.queue_above = above
        if above:
            self.splitter.setOrientation(Qt.Orientation.Vertical)
            rest = max(event.size().height() - QUEUE_ABOVE_HEIGHT, QUEUE_ABOVE_HEIGHT)
            self.splitter.setSizes([QUEUE_ABOVE_HEIGHT, rest])
        else:
            self.splitter.setOrientation(Qt.Orientation.Horizontal)
            self.splitter.setSizes([self.left.minimumWidth(), event.size().width()])

    # --- the queue ---------------------------------------------------------------------
    @property
    def showing_signed(self) -> bool:
        return bool(self.mode.currentData() == SIGNED)

    def refresh(self) -> None:
        """Reload the list in the background, keeping the selected item if still there."""
        self._queue_generation += 1
        generation = self._queue_generation
        service = self.service
        load: Callable[[TaskContext], list[QueueItem]] = (
            (lambda _ctx: service.signed_recently())
            if self.showing_signed
            else (lambda _ctx: service.queue())
        )
        task = run_task(load, parent=self)
        task.succeeded.connect(lambda items: self._queue_ready(generation, items))
        task.failed.connect(self._failed)

    def _queue_ready(self, generation: int, items: list[QueueItem]) -> None:
        if generation != self._queue_generation:
            return  # a newer load is on its way
        keep = self.item.id if self.item is not None else None
        self._set_queue(items, next((r for r, i in enumerate(items) if i.id == keep), 0))
        self.queue_loaded.emit()

    def _set_queue(self, items: list[QueueItem], select: int) -> None:
        self.model.set_rows(items)
        self.count_label.setText(self.tr("%1 items").replace("%1", str(len(items))))
        self._fit_queue_pane()
        if items:
            self.queue.selectRow(min(max(select, 0), len(items) - 1))
        else:
            self._show(None)

    def _cells(self, item: QueueItem) -> list[str]:
        # Short dates keep the queue narrow, leaving the width to the item (a laptop
        # screen is 1280 px): the year only when it is not this one, the submission's
        # date only when it is not the item's own day.
        this_year = self.service.clock.today().year
        day = item.day.strftime("%m-%d") if item.day.year == this_year else item.day.isoformat()
        submitted = local_time(item.submitted_at, "%Y-%m-%d %H:%M")
        same_day = submitted.startswith(item.day.isoformat())
        return [
            item.rep_name,
            day,
            self.tr("Plan") if item.kind == PLAN else self.tr("Report"),
            submitted[11:] if same_day else submitted[5:],
            self.tr("late") if item.late else "",
        ]

    def _fit_queue_pane(self) -> None:
        """The queue pane as wide as its columns (they size to their contents, which
        differ by language), so no column is clipped and no sideways scroll appears."""
        header = self.queue.horizontalHeader()
        columns = sum(header.sectionSize(c) for c in range(header.count()))
        scrollbar = self.queue.verticalScrollBar().sizeHint().width()
        frame = 2 * self.queue.frameWidth()
        self.left.setMinimumWidth(columns + scrollbar + frame)

    def step_queue(self, step: int) -> None:
        """Select the previous (-1) or next (+1) item of the queue."""
        count = self.model.rowCount()
        if count == 0:
            return
        row = selected_row(self.queue)
        self.queue.selectRow(min(max(row + step, 0), count - 1))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        entry = self.model.row_at(selected_row(self.queue))
        if entry is None:
            return
        if self._shown_id == entry.id and self.item is not None:
            return
        self.open(entry.kind, entry.id)

    # --- opening -----------------------------------------------------------------------
    def open(self, kind: str, item_id: str) -> None:
        """Open an item in the background; `item_opened` when it is shown."""
        self._keep_comment()
        self._open_generation += 1
        generation = self._open_generation
        self._shown_id = item_id
        service = self.service
        task = run_task(lambda _ctx: service.open_item(kind, item_id), parent=self)
        task.succeeded.connect(lambda item: self._opened(generation, item))
        task.failed.connect(self._failed)

    def _opened(self, generation: int, item: ReviewItem) -> None:
        if generation != self._open_generation:
            return  # the user has moved on
        self._show(item)

    def _show(self, item: ReviewItem | None) -> None:
        self.item = item
        self._shown_id = item.id if item is not None else None
        empty = (
            self.tr("No report signed in the last 14 days.")
            if self.showing_signed
            else self.tr("Nothing waiting for review.")
        )
        self.view.show_item(item, empty)
        self.comment.setPlainText(self._comments.get(item.id, "") if item else "")
        self.comment.moveCursor(QTextCursor.MoveOperation.End)
        self._update_buttons()
        if item is not None and self.isVisible():
            self.comment.setFocus()
        self.item_opened.emit(item)

    def _keep_comment(self) -> None:
        if self.item is not None:
            text = self.comment.toPlainText()
            if text.strip():
                self._comments[self.item.id] = text
            else:
                self._comments.pop(self.item.id, None)

    def _update_buttons(self) -> None:
        actions = set(self.item.actions) if self.item is not None else set()
        is_plan = self.item is not None and self.item.kind == PLAN
        self.countersign_button.setVisible(is_plan or self.item is None)
        self.sign_button.setVisible(not is_plan)
        self.countersign_button.setEnabled("countersign" in actions)
        self.sign_button.setEnabled("sign" in actions)
        self.return_button.setEnabled("return" in actions)
        self.reopen_button.setVisible("reopen" in actions)
        self.comment.setEnabled(self.item is not None)

    # --- actions -----------------------------------------------------------------------
    def accept_item(self) -> None:
        """Ctrl+Enter: countersign a plan, sign a report."""
        if self.item is None:
            return
        if self.item.kind == PLAN:
            self.countersign()
        else:
            self.sign()

    def countersign(self) -> None:
        item = self.item
        if item is not None and "countersign" in item.actions:
            self._act("countersign", lambda: self.service.countersign_plan(item.id, self._text()))

    def sign(self) -> None:
        item = self.item
        if item is not None and "sign" in item.actions:
            self._act("sign", lambda: self.service.sign_report(item, self._text()))

    def return_item(self) -> None:
        item = self.item
        if item is None or "return" not in item.actions:
            return
        if item.kind == PLAN:
            self._act("return", lambda: self.service.return_plan(item.id, self._text()))
        else:
            self._act("return", lambda: self.service.return_report(item.id, self._text()))

    def reopen(self) -> None:
        item = self.item
        if item is None or "reopen" not in item.actions:
            return
        if self._text().strip() and not messages.confirm(
            self,
            self.tr("Reopen report"),
            self.tr(
                "Reopen %1's signed report of %2? The rep can then change it and must "
                "submit it again."
            )
            .replace("%1", item.rep_name)
            .replace("%2", item.day.isoformat()),
        ):
            return
        self._act("reopen", lambda: self.service.reopen_report(item.id, self._text()))

    def _text(self) -> str:
        return self.comment.toPlainText()

    def _act(self, action: str, run: Callable[[], None]) -> None:
        """Run the sign-off, return or reopen on the writer lane; one at a time."""
        item = self.item
        if item is None or self._acting:
            return
        try:
            # A missing reason is said at once, before anything is queued (the domain's
            # rule; the service applies it again when it writes).
            review_comment(
                (PlanAction if item.kind == PLAN else ReportAction)(action), self._text()
            )
        except UserFacingError as error:
            application.show_error(error, self)
            self.comment.setFocus()
            return
        self._acting = True
        self.operations.write(
            run,
            PLANS if item.kind == PLAN else REPORTS,
            parent=self,
            success=lambda _result: self._acted(action, item),
            failure=lambda error: self._not_acted(item, error),
        )

    def _acted(self, action: str, item: ReviewItem) -> None:
        self._acting = False
        self._comments.pop(item.id, None)
        if self.item is not None and self.item.id == item.id:
            self.item = None
        rows = [i for i in self.model.rows if i.id != item.id]
        row = selected_row(self.queue)
        self.notice.setText(self._done_text(action, item))
        self.acted.emit(action)
        self._set_queue(rows, row)  # the item at the same place -- the next one -- opens

    def _not_acted(self, item: ReviewItem, error: BaseException) -> None:
        self._acting = False
        if isinstance(error, StaleReview):
            application.show_error(error, self)
            self._shown_id = None
            self.open(item.kind, item.id)  # show what changed; the comment is kept
        elif isinstance(error, UserFacingError):
            application.show_error(error, self)
            self.comment.setFocus()
        else:
            report_error(error, self)

    def _done_text(self, action: str, item: ReviewItem) -> str:
        """已签核 张伟 11月23日日报 / Signed 张伟's report of 23 Nov."""
        day = _day_text(item.day, self.service.clock.today().year, self.lang)
        texts = {
            ("countersign", True): self.tr("Countersigned %1's plan of %2"),
            ("return", True): self.tr("Returned %1's plan of %2"),
            ("sign", False): self.tr("Signed %1's report of %2"),
            ("return", False): self.tr("Returned %1's report of %2"),
            ("reopen", False): self.tr("Reopened %1's report of %2"),
        }
        text = texts.get((action, item.kind == PLAN), "")
        return text.replace("%1", item.rep_name).replace("%2", day)

    def _failed(self, error: object) -> None:
        if isinstance(error, UserFacingError):
            application.show_error(error, self)
            return
        raise error if isinstance(error, BaseException) else RuntimeError(str(error))

    # --- keys --------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched not in (self.comment, self.queue):
            return False
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        handled: Callable[[], None] | None = None
        if control and key in _ACCEPT_KEYS:
            handled = self.accept_item
        elif control and key == Qt.Key.Key_R:
            handled = self.return_item
        elif watched is self.comment and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            up = key == Qt.Key.Key_Up
            probe = self.comment.textCursor()
            direction = QTextCursor.MoveOperation.Up if up else QTextCursor.MoveOperation.Down
            if not probe.movePosition(direction):  # already on the first / last line
                handled = lambda: self.step_queue(-1 if up else 1)  # noqa: E731
        if handled is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the key comes to us as a key press, not to a shortcut
            return True
        handled()
        return True


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day_text(day: dt.date, this_year: int, lang: str) -> str:
    """11月23日 / 23 Nov; the year only when it is not this one. Spelled out here, not
    with strftime, whose month names follow the machine's locale, not the app's."""
    if lang.startswith("zh"):
        text = f"{day.month}月{day.day}日"
        return text if day.year == this_year else f"{day.year}年{text}"
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == this_year else f"{text} {day.year}"

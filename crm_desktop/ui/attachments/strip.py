"""附件 The attachment strip: a row of thumbnails of one record's photos and files, with
添加附件 / 粘贴 / 删除, drops of files and pasted images.

One strip shows one owner record (`owner_kind`, `owner_id`). Reading the list runs on
the read lane; each add and each remove is an operation on the writer lane
(ui/operations.py), so a large photo's downscale and EXIF read never run on the GUI
thread, and thumbnails are decoded on the image pool (images.py). An add that is refused
(too large, unreadable) says so in the strip's message line, naming the file, in the
interface's language; nothing is stored and nothing else is lost.

A record not saved yet has no id to hang a file on. Where saving is one click that also
closes the form (the complaint and market report dialogs, `hold_until_saved=True`), the
strip holds what is added -- shown with a 保存后添加 badge -- and `commit(owner_id)` adds it
once the record's save lands: a salesperson photographs the damaged goods while filling
in the complaint, not after reopening it. Elsewhere (a visit in an unsaved report) the
strip says 保存后可添加附件: saving the report keeps the editor open, and the strip is
ready the moment the save lands.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.attachments.attachments import AttachmentView
from crm_desktop.services.container import Services
from crm_desktop.ui import messages
from crm_desktop.ui.attachments import incoming
from crm_desktop.ui.attachments.incoming import Gathered, Incoming
from crm_desktop.ui.attachments.model import AttachmentModel, Row, ViewRole
from crm_desktop.ui.attachments.text import bi
from crm_desktop.ui.operations import ATTACHMENTS, OpChanges, Operations, report_error


def choose_files(parent: QWidget | None, lang: str) -> list[Path]:
    """The file picker (tests monkeypatch this, as they do `messages.choose_excel_file`)."""
    names, _filter = QFileDialog.getOpenFileNames(
        parent,
        bi(lang, "选择要添加的照片或文件", "Choose photos or files to attach"),
        str(Path.home()),
        bi(lang, "照片和文件 (*)", "Photos and files (*)"),
    )
    return [Path(name) for name in names]


class _List(QListView):
    """The thumbnails: Enter opens the viewer, Delete removes, Ctrl+V pastes."""

    open_requested = Signal()
    delete_requested = Signal()
    paste_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.open_requested.emit()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class AttachmentStrip(QWidget):
    """Thumbnails of one record's attachments. Signals, all on the GUI thread:
    `loaded` (the list was read), `added(view)`, `removed(id)`, `refused(message)`."""

    loaded = Signal()
    added = Signal(object)
    removed = Signal(str)
    refused = Signal(str)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        lang: str,
        owner_kind: str,
        parent: QWidget | None = None,
        *,
        hold_until_saved: bool = False,
        icon_edge: int = 96,
        compact: bool = False,
        captions: bool = True,
        title: str = "",
    ) -> None:
        """`compact`: one row of thumbnails that scrolls sideways (a form's field);
        `captions=False`: no name and time under the tiles (the tooltip has them) and no
        查看 button (Enter or a double click views), for a narrow pane; `title` above."""
        super().__init__(parent)
        self.services = services
        self.operations = operations
        self.lang = lang
        self.owner_kind = owner_kind
        self.owner_id: str | None = None
        self.hold_until_saved = hold_until_saved
        self.read_only = False
        self.held: list[Incoming] = []
        self._adding = 0
        self._reading = 0
        self.viewer: QWidget | None = None
        t = self.t
        self.model = AttachmentModel(lang, services.clock.to_local, icon_edge, self)
        self.model.captions = captions
        self.list = _List()
        self.list.setObjectName("attachmentStrip")
        self.list.setModel(self.model)
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(not compact)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setIconSize(QSize(icon_edge, icon_edge))
        line = self.list.fontMetrics().lineSpacing() if captions else 0
        self.list.setGridSize(QSize(icon_edge + (56 if captions else 8), icon_edge + 2 * line + 14))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName(t("附件", "Attachments"))
        rows_shown = 1
        self.list.setMinimumHeight(icon_edge + 2 * line + 22)
        if compact:
            bar = self.list.horizontalScrollBar().sizeHint().height() if not captions else 0
            self.list.setFixedHeight(rows_shown * (icon_edge + 2 * line + 14) + 8 + bar)
            self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.list.doubleClicked.connect(lambda index: self.open_viewer(index.row()))
        self.list.open_requested.connect(lambda: self.open_viewer(self.list.currentIndex().row()))
        self.list.delete_requested.connect(self.remove_selected)
        self.list.paste_requested.connect(self.paste)
        self.list.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.setAcceptDrops(True)
        self.list.setAcceptDrops(True)
        self.list.viewport().setAcceptDrops(True)
        self.list.viewport().installEventFilter(self)

        self.add_button = QPushButton(t("添加附件…", "Add files…"))
        self.add_button.setToolTip(
            t(
                "选择照片或文件；也可以把文件拖到这里，或复制图片后点“粘贴”",
                "Choose photos or files; you can also drop files here, or copy a picture and "
                "click Paste",
            )
        )
        self.paste_button = QPushButton(t("粘贴", "Paste"))
        self.paste_button.setToolTip(
            t(
                "粘贴剪贴板里的图片或文件 (Ctrl+V)",
                "Paste a picture or files from the clipboard (Ctrl+V)",
            )
        )
        self.delete_button = QPushButton(t("删除", "Remove"))
        self.view_button = QPushButton(t("查看", "View"))
        self.add_button.clicked.connect(self.pick_files)
        self.paste_button.clicked.connect(self.paste)
        self.delete_button.clicked.connect(self.remove_selected)
        self.view_button.clicked.connect(lambda: self.open_viewer(self.list.currentIndex().row()))
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        shown_buttons = [self.add_button, self.paste_button, self.view_button, self.delete_button]
        if not captions:  # a narrow pane: Enter or a double click views
            shown_buttons.remove(self.view_button)
            self.view_button.hide()
        for button in shown_buttons:
            buttons.addWidget(button)
        if not compact:
            buttons.addWidget(self.note, 1)
        else:  # a form's narrow column: the note gets a line of its own, not a wrapped corner
            buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if title:
            heading = QLabel(title)
            heading.setObjectName("hint")
            layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        if compact:
            layout.addWidget(self.note)
        layout.addWidget(self.message)
        operations.did_change.connect(self._on_changes)
        self._update_buttons()

    def t(self, zh: str, en: str) -> str:
        return bi(self.lang, zh, en)

    # --- the owner record --------------------------------------------------------------
    def set_owner(self, owner_id: str | None) -> None:
        """Show `owner_id`'s attachments (None: a record not saved yet)."""
        if owner_id != self.owner_id:
            self.message.hide()
        self.owner_id = owner_id
        if owner_id is None:
            self.model.set_rows([Row(held=item) for item in self.held])
            self._update_buttons()
            self.loaded.emit()
            return
        self.reload()

    def reload(self) -> None:
        owner_id, kind = self.owner_id, self.owner_kind
        if owner_id is None:
            return
        service = self.services.attachments
        self._reading += 1
        self.operations.read(
            lambda: service.list_for(kind, owner_id),
            parent=self,
            success=partial(self._show, owner_id),
            failure=self._read_failed,
        )

    def _show(self, owner_id: str, views: list[AttachmentView]) -> None:
        self._reading -= 1
        if owner_id != self.owner_id:
            return  # another record was chosen meanwhile
        selected = {v.id for v in self.selected_views()}
        self.model.set_rows([Row(view=v) for v in views] + [Row(held=i) for i in self.held])
        for number, row in enumerate(self.model.rows):
            if row.view is not None and row.view.id in selected:
                self.list.selectionModel().select(
                    self.model.index(number), self.list.selectionModel().SelectionFlag.Select
                )
        self._update_buttons()
        self.loaded.emit()

    def _read_failed(self, error: BaseException) -> None:
        self._reading -= 1
        self._say(error)

    def _on_changes(self, changes: OpChanges, origin: object) -> None:
        """Another strip (the card and the visit can show the same photos) changed some."""
        if origin is not self and changes.touches(ATTACHMENTS) and self.owner_id is not None:
            self.reload()

    @property
    def views(self) -> list[AttachmentView]:
        return self.model.views()

    @property
    def busy(self) -> bool:
        """An add, a remove or a read is still on its way."""
        return self._adding > 0 or self._reading > 0

    def set_read_only(self, read_only: bool) -> None:
        """A signed report's visit: its photos are seen, not changed."""
        self.read_only = read_only
        self._update_buttons()

    def _can_add(self) -> bool:
        return not self.read_only and (self.owner_id is not None or self.hold_until_saved)

    def _update_buttons(self) -> None:
        can_add = self._can_add()
        self.add_button.setEnabled(can_add)
        self.paste_button.setEnabled(can_add)
        selected = self.selected_rows()
        self.view_button.setEnabled(bool(selected))
        self.delete_button.setEnabled(
            not self.read_only
            and bool(selected)
            and all(
                r.held is not None or (r.view is not None and r.view.can_delete) for r in selected
            )
        )
        if self.owner_id is None and not self.hold_until_saved:
            self.note.setText(self.t("保存后可添加附件", "Save first to add attachments"))
        elif self.owner_id is None and self.held:
            self.note.setText(self.t("保存时一并添加", "Added when you save"))
        elif can_add:
            self.note.setText(self.t("可拖入文件或粘贴图片", "Drop files or paste a picture"))
        else:
            self.note.setText("")

    # --- adding ------------------------------------------------------------------------
    def pick_files(self) -> None:
        if not self._can_add():
            return
        paths = choose_files(self, self.lang)
        if paths:
            self.add_gathered(incoming.from_paths(paths))

    def add_paths(self, paths: list[Path]) -> None:
        self.add_gathered(incoming.from_paths(paths))

    def paste(self) -> None:
        """Add what the clipboard holds: copied files, or a picture."""
        if not self._can_add():
            return
        mime = QGuiApplication.clipboard().mimeData()
        gathered = incoming.from_mime(mime, self._now())
        if not gathered.items and not gathered.skipped:
            self._say_text(
                self.t("剪贴板里没有图片或文件", "The clipboard holds no picture or file")
            )
            return
        self.add_gathered(gathered)

    def _now(self) -> dt.datetime:
        return self.services.clock.local_now().replace(tzinfo=None)

    def add_gathered(self, gathered: Gathered) -> None:
        self.message.hide()
        if gathered.skipped:
            self._say_text(
                self.t(
                    "不能添加（只能添加本机文件）：", "Not added (only files on this computer): "
                )
                + "、".join(gathered.skipped)
            )
        if not self._can_add():
            return
        if self.owner_id is None:
            self.held.extend(gathered.items)
            self.set_owner(None)
            return
        for item in gathered.items:
            self._add(self.owner_id, item)

    def commit(self, owner_id: str) -> None:
        """The record was saved: hang the held files on it (each its own write)."""
        held, self.held = self.held, []
        if not held:
            return
        self.owner_id = owner_id
        for item in held:
            self._add(owner_id, item)
        self.reload()

    def _add(self, owner_id: str, item: Incoming) -> None:
        service, kind = self.services.attachments, self.owner_kind
        if item.path is not None:
            path = item.path

            def write() -> AttachmentView:
                return service.add_file(kind, owner_id, path)
        else:

            def write() -> AttachmentView:
                return service.add_bytes(kind, owner_id, item.payload(), item.file_name)

        self._adding += 1
        self.operations.write(
            write,
            ATTACHMENTS,
            parent=self,
            success=partial(self._added, owner_id),
            failure=partial(self._add_failed, item.file_name),
        )

    def _added(self, owner_id: str, view: AttachmentView) -> None:
        self._adding -= 1
        if owner_id == self.owner_id:
            rows = [r for r in self.model.rows if r.view is None or r.view.id != view.id]
            stored = [r for r in rows if r.view is not None]
            held = [r for r in rows if r.view is None]
            self.model.set_rows([*stored, Row(view=view), *held])
            self.list.setCurrentIndex(self.model.index(len(stored)))
        self._update_buttons()
        self.added.emit(view)

    def _add_failed(self, file_name: str, error: BaseException) -> None:
        self._adding -= 1
        if isinstance(error, UserFacingError):
            self._say_text(f"{file_name}：{error.message(self.lang)}")
        elif isinstance(error, OSError):  # the file went away or cannot be read
            self._say_text(
                f"{file_name}："
                + self.t(
                    f"无法读取文件（{error.strerror or error}）",
                    f"cannot be read ({error.strerror or error})",
                )
            )
        else:
            report_error(error, self)

    # --- removing ----------------------------------------------------------------------
    def selected_rows(self) -> list[Row]:
        rows = sorted({i.row() for i in self.list.selectionModel().selectedIndexes()})
        return [self.model.rows[r] for r in rows if 0 <= r < len(self.model.rows)]

    def selected_views(self) -> list[AttachmentView]:
        return [r.view for r in self.selected_rows() if r.view is not None]

    def remove_selected(self) -> None:
        rows = self.selected_rows()
        if self.read_only or not rows:
            return
        held = [r.held for r in rows if r.held is not None]
        if held:
            self.held = [h for h in self.held if h not in held]
        views = [v for v in self.selected_views() if v.can_delete]
        if views:
            names = "、".join(v.file_name for v in views)
            if not messages.confirm(
                self,
                self.t("删除附件", "Remove attachments"),
                self.t(f"删除 {names}？", f"Remove {names}?"),
            ):
                return
        if self.owner_id is None:
            self.set_owner(None)
        service = self.services.attachments
        for view in views:
            self._adding += 1
            self.operations.write(
                partial(service.remove, view.id),
                ATTACHMENTS,
                parent=self,
                success=partial(self._removed, view.id),
                failure=self._remove_failed,
            )

    def _removed(self, attachment_id: str, _result: object = None) -> None:
        self._adding -= 1
        self.model.set_rows(
            [r for r in self.model.rows if r.view is None or r.view.id != attachment_id]
        )
        self._update_buttons()
        self.removed.emit(attachment_id)

    def _remove_failed(self, error: BaseException) -> None:
        self._adding -= 1
        self._say(error)

    # --- viewing -----------------------------------------------------------------------
    def open_viewer(self, row: int) -> QWidget | None:
        from crm_desktop.ui.attachments.viewer import AttachmentViewer

        views = self.views
        if not 0 <= row < len(self.model.rows):
            return None
        view = self.model.data(self.model.index(row), ViewRole)
        if view is None:
            return None
        viewer = AttachmentViewer(
            views, views.index(view), self.lang, self.services.clock.to_local, self
        )
        viewer.open()
        self.viewer = viewer
        return viewer

    # --- messages ----------------------------------------------------------------------
    def _say(self, error: BaseException) -> None:
        if isinstance(error, UserFacingError):
            self._say_text(error.message(self.lang))
        else:
            report_error(error, self)

    def _say_text(self, text: str) -> None:
        shown = self.message.text() if self.message.isVisible() else ""
        self.message.setText(f"{shown}\n{text}" if shown else text)
        self.message.show()
        self.refused.emit(text)

    # --- drag and drop -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list.viewport() and event.type() in (
            QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop,
        ):  # fmt: skip
            if event.type() == QEvent.Type.Drop:
                self.dropEvent(event)  # type: ignore[arg-type]
            else:
                self.dragEnterEvent(event)  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._can_add() and incoming.accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if not self._can_add():
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_gathered(incoming.from_mime(event.mimeData(), self._now()))


def attachments_title(lang: str, count: int | None = None) -> str:
    base = bi(lang, "附件", "Attachments")
    return base if count is None else f"{base} ({count})"

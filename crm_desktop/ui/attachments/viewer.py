"""The attachment viewer: one photo at a time, scaled to the window, ← / → through the
record's attachments, the file's name, size and times, 打开文件 for the original.

The photo is decoded at viewer size on the image pool (images.py), never on the GUI
thread; a file that is not an image shows its kind and 打开文件, which hands the stored
file to the desktop's own program (QDesktopServices). A file not downloaded yet says
so instead of showing a blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.attachments.attachments import AttachmentView, TransferState
from crm_desktop.ui.attachments.images import image_loader
from crm_desktop.ui.attachments.text import bi, size_text, time_text

VIEW_EDGE = 1600  # decoded at most this large: sharp on a 1920×1080 screen, 10 MB at most


def open_file(path: Path) -> bool:
    """Open a stored file in the desktop's program for it (tests monkeypatch this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class AttachmentViewer(QDialog):
    def __init__(
        self,
        views: list[AttachmentView],
        index: int,
        lang: str,
        to_local: Callable[[dt.datetime], dt.datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.views = views
        self.index = max(0, min(index, len(views) - 1))
        self.lang = lang
        self.to_local = to_local
        self._image: QImage | None = None
        self._pixmap = QPixmap()  # the image converted once; each resize only scales it
        t = self.t
        self.setWindowTitle(t("查看附件", "Attachment"))
        self.picture = QLabel()
        self.picture.setObjectName("attachmentPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(320, 240)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.picture.setStyleSheet(
            "QLabel#attachmentPicture { background: #2b2f33; color: #e8ebee; }"
        )
        self.name = QLabel()
        self.name.setObjectName("cardTitle")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel()
        self.details.setObjectName("hint")
        self.details.setWordWrap(True)
        self.position = QLabel()
        self.prev_button = QPushButton(t("← 上一张", "← Previous"))
        self.next_button = QPushButton(t("下一张 →", "Next →"))
        self.open_button = QPushButton(t("打开文件", "Open file"))
        self.open_button.setToolTip(
            t("用电脑上的程序打开原文件", "Open the stored file in the computer's own program")
        )
        self.close_button = QPushButton(t("关闭", "Close"))
        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.open_button.clicked.connect(self.open_original)
        self.close_button.clicked.connect(self.reject)
        info = QVBoxLayout()
        info.addWidget(self.name)
        info.addWidget(self.details)
        bar = QHBoxLayout()
        bar.addLayout(info, 1)
        bar.addWidget(self.position)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.open_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addLayout(bar)
        image_loader().loaded.connect(self._loaded)
        self.resize(960, 680)
        self.show_index(self.index)

    def t(self, zh: str, en: str) -> str:
        return bi(self.lang, zh, en)

    @property
    def current(self) -> AttachmentView:
        return self.views[self.index]

    def show_index(self, index: int) -> None:
        self.index = max(0, min(index, len(self.views) - 1))
        view = self.current
        self.name.setText(view.file_name)
        self.details.setText(self.details_text(view))
        self.position.setText(f"{self.index + 1} / {len(self.views)}")
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.views) - 1)
        self.open_button.setEnabled(view.local_path is not None)
        self._image = None
        self.picture.setPixmap(QPixmap())
        if view.local_path is None:
            self.picture.setText(
                self.t(
                    "文件还没有下载到这台电脑，同步后即可查看",
                    "The file is not on this computer yet; it arrives with the next sync",
                )
            )
            return
        if not view.is_image:
            ext = view.file_name.rpartition(".")[2].upper() if "." in view.file_name else ""
            self.picture.setText(
                f"{ext}\n\n" + self.t("点击“打开文件”查看", "Click “Open file” to see it")
            )
            return
        self.picture.setText(self.t("正在载入…", "Loading…"))
        image = image_loader().request(view.local_path, VIEW_EDGE)
        if image is not None:
            self._set_image(image)

    def details_text(self, view: AttachmentView) -> str:
        parts = [size_text(view.size_bytes)]
        if view.width and view.height:
            parts.append(f"{view.width} × {view.height}")
        if view.taken_at is not None:
            parts.append(self.t("拍摄时间 ", "Taken ") + time_text(view.taken_at))
        added = self.t("添加时间 ", "Added ") + time_text(self.to_local(view.created_at))
        if view.created_by_name:
            added += (
                f"（{view.created_by_name}）"
                if not self.lang.startswith("en")
                else f" by {view.created_by_name}"
            )
        parts.append(added)
        if view.state is TransferState.LOCAL_ONLY:
            parts.append(self.t("待上传", "not uploaded yet"))
        return " · ".join(parts)

    def _loaded(self, key: str, image: QImage) -> None:
        view = self.current
        if view.local_path is None or key != image_loader().key(view.local_path, VIEW_EDGE):
            return
        if image.isNull():
            self.picture.setText(self.t("无法显示这张图片", "This picture cannot be shown"))
            return
        self._set_image(image)

    def _set_image(self, image: QImage) -> None:
        self._image = image
        self._pixmap = QPixmap.fromImage(image)
        self.picture.setText("")
        self._fit()

    def _fit(self) -> None:
        if self._image is None:
            return
        size = self.picture.size()
        pixmap = self._pixmap
        if pixmap.width() > size.width() or pixmap.height() > size.height():
            pixmap = pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)  # fmt: skip
        self.picture.setPixmap(pixmap)

    @property
    def image_shown(self) -> bool:
        return self._image is not None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def previous(self) -> None:
        if self.index > 0:
            self.show_index(self.index - 1)

    def next(self) -> None:
        if self.index < len(self.views) - 1:
            self.show_index(self.index + 1)

    def open_original(self) -> bool:
        path = self.current.local_path
        return path is not None and open_file(path)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Left:
            self.previous()
        elif event.key() == Qt.Key.Key_Right:
            self.next()
        else:
            super().keyPressEvent(event)

"""The strip's list model: one row per attachment (or per file held until the record is
saved), a thumbnail as decoration, the name and the photo's own time as text.

Thumbnails come from `images.image_loader()` off the GUI thread; until one arrives the
row shows a plain tile, and the row repaints when it does. A badge on the tile says what
has not moved yet: 待上传 (on this laptop only, not yet on the server), 未下载 (on the
server, not yet downloaded here), 保存后添加 (held until the record is saved).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPixmap

from crm_desktop.services.attachments.attachments import AttachmentView, TransferState
from crm_desktop.ui.attachments.images import THUMB_EDGE, image_loader
from crm_desktop.ui.attachments.incoming import Incoming
from crm_desktop.ui.attachments.text import bi, size_text, time_text

ViewRole = Qt.ItemDataRole.UserRole + 1  # the AttachmentView (None for a held file)
BadgeRole = Qt.ItemDataRole.UserRole + 2  # the badge's text, "" when none

TILE_BG = QColor("#eef1f4")
TILE_TEXT = QColor("#3c4855")
BADGE_BG = QColor(198, 40, 40, 220)  # the app's one alert red, a little see-through
BADGE_WAIT = QColor(37, 99, 235, 220)  # the accent blue: waiting, nothing wrong


@dataclass(frozen=True)
class Row:
    view: AttachmentView | None = None
    held: Incoming | None = None

    @property
    def file_name(self) -> str:
        if self.view is not None:
            return self.view.file_name
        return self.held.file_name if self.held is not None else ""


def badge_text(row: Row, lang: str) -> str:
    if row.held is not None:
        return bi(lang, "保存后添加", "on save")
    state = row.view.state if row.view is not None else None
    if state is TransferState.LOCAL_ONLY:
        return bi(lang, "待上传", "to upload")
    if state is TransferState.REMOTE_ONLY:
        return bi(lang, "未下载", "not here yet")
    if state is TransferState.MISSING:
        return bi(lang, "文件缺失", "missing")
    return ""


def when_text(
    view: AttachmentView, lang: str, to_local: Callable[[dt.datetime], dt.datetime]
) -> str:
    """拍摄 (the photo's own EXIF time) when the photo has one, else 添加 (added)."""
    if view.taken_at is not None:
        return bi(lang, "拍摄 ", "Taken ") + time_text(view.taken_at)
    return bi(lang, "添加 ", "Added ") + time_text(to_local(view.created_at))


class AttachmentModel(QAbstractListModel):
    def __init__(
        self,
        lang: str,
        to_local: Callable[[dt.datetime], dt.datetime],
        icon_edge: int = 96,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self.to_local = to_local
        self.icon_edge = icon_edge
        self.rows: list[Row] = []
        self.captions = True  # the name and time under each tile (the tooltip has them too)
        self._icons: dict[tuple[str, str, bool], QIcon] = {}
        image_loader().loaded.connect(self._thumb_loaded)

    # --- contents ----------------------------------------------------------------------
    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def views(self) -> list[AttachmentView]:
        return [r.view for r in self.rows if r.view is not None]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row) if self.captions else None
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(row).replace("\n", "，") + (
                f"，{badge_text(row, self.lang)}" if badge_text(row, self.lang) else ""
            )
        if role == ViewRole:
            return row.view
        if role == BadgeRole:
            return badge_text(row, self.lang)
        return None

    def _text(self, row: Row) -> str:
        if row.view is None:
            return row.file_name
        return f"{row.file_name}\n{when_text(row.view, self.lang, self.to_local)}"

    def _tooltip(self, row: Row) -> str:
        view, lang = row.view, self.lang
        if view is None:
            return bi(lang, "保存记录后添加：", "Added when the record is saved: ") + row.file_name
        lines = [view.file_name, size_text(view.size_bytes)]
        if view.width and view.height:
            lines.append(f"{view.width} × {view.height}")
        if view.taken_at is not None:
            lines.append(bi(lang, "拍摄时间：", "Taken: ") + time_text(view.taken_at))
        lines.append(
            bi(lang, "添加时间：", "Added: ")
            + time_text(self.to_local(view.created_at))
            + (f" · {view.created_by_name}" if view.created_by_name else "")
        )
        badge = badge_text(row, lang)
        if badge:
            lines.append(badge)
        return "\n".join(lines)

    # --- tiles -------------------------------------------------------------------------
    def _icon(self, row: Row) -> QIcon:
        badge = badge_text(row, self.lang)
        path = self._thumb_path(row)
        image = image_loader().request(path) if path is not None else None
        key = (row.view.id if row.view else f"held:{row.file_name}", badge, image is not None)
        icon = self._icons.get(key)
        if icon is None:
            icon = QIcon(self._tile(row, image, badge))
            self._icons[key] = icon
        return icon

    @staticmethod
    def _thumb_path(row: Row) -> Path | None:
        view = row.view
        if view is not None:
            return view.local_path if view.is_image and view.local_path is not None else None
        held = row.held
        if held is not None and held.path is not None and _looks_like_image(held.path):
            return held.path
        return None

    def _tile(self, row: Row, image: QImage | None, badge: str) -> QPixmap:
        edge = self.icon_edge
        tile = QPixmap(edge, edge)
        tile.fill(Qt.GlobalColor.transparent)
        painter = QPainter(tile)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if image is not None and not image.isNull():
            scaled = image.scaled(edge, edge, Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)  # fmt: skip
            painter.drawImage((edge - scaled.width()) // 2, (edge - scaled.height()) // 2, scaled)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TILE_BG)
            painter.drawRoundedRect(QRect(0, 0, edge, edge), 6, 6)
            painter.setPen(TILE_TEXT)
            font = QFont(painter.font())
            font.setBold(True)
            font.setPixelSize(max(10, edge // 5))
            painter.setFont(font)
            ext = row.file_name.rpartition(".")[2].upper() if "." in row.file_name else "…"
            painter.drawText(QRect(0, 0, edge, edge), Qt.AlignmentFlag.AlignCenter, ext[:5])
        if badge:
            font = QFont(painter.font())
            font.setBold(False)
            font.setPixelSize(max(9, edge // 9))
            painter.setFont(font)
            height = painter.fontMetrics().height() + 4
            width = min(edge, painter.fontMetrics().horizontalAdvance(badge) + 10)
            box = QRect(edge - width, edge - height, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            red = row.view is not None and row.view.state is TransferState.MISSING
            painter.setBrush(BADGE_BG if red else BADGE_WAIT)
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(QColor("white"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, badge)
        painter.end()
        return tile

    def _thumb_loaded(self, key: str, _image: QImage) -> None:
        """A thumbnail arrived: repaint the rows that show that file."""
        for number, row in enumerate(self.rows):
            path = self._thumb_path(row)
            if path is not None and image_loader().key(path, THUMB_EDGE) == key:
                index = self.index(number)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def thumbnails_ready(self) -> bool:
        """Every image row has its thumbnail decoded (tests and screenshots wait on it)."""
        loader = image_loader()
        return all(
            loader.cached(path, THUMB_EDGE) is not None
            for path in (self._thumb_path(r) for r in self.rows)
            if path is not None
        )


def icon_size(edge: int) -> QSize:
    return QSize(edge, edge)


IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff"})


def _looks_like_image(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES

"""What a drop, a paste or the file picker brings in: files by path, or image bytes.

Reading the clipboard or a drop is cheap and happens on the GUI thread; nothing here
decodes a photo. A pasted screenshot that exists only as a decoded QImage is encoded to
PNG by `Incoming.payload()`, which the strip runs on the writer lane with the add.

Order of preference for one paste or drop: local files (a photo copied in the file
manager: its own bytes, EXIF time included), then the raw JPEG/PNG bytes a program put
on the clipboard, then the decoded image. Links to web pages or remote files are not
fetched: the laptop is often offline, and a salesperson means the picture, not the link.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QUrl
from PySide6.QtGui import QImage

RAW_IMAGE_FORMATS = (("image/jpeg", "jpg"), ("image/png", "png"))


@dataclass(frozen=True)
class Incoming:
    """One thing to attach: a file on disk, bytes, or a decoded image (pasted)."""

    file_name: str
    path: Path | None = None
    data: bytes | None = None
    image: QImage | None = None

    def payload(self) -> bytes:
        """The bytes to store for a pasted item (not for a path). Call off the GUI thread
        for an image: encoding a screen-sized PNG takes tens of milliseconds."""
        if self.data is not None:
            return self.data
        if self.image is None:
            raise ValueError("a file item has no payload; add it by its path")
        return encode_png(self.image)


@dataclass(frozen=True)
class Gathered:
    items: list[Incoming]
    skipped: list[str]  # what was offered but cannot be attached (folders, web links)


def encode_png(image: QImage) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; it takes str
    buffer.close()
    return bytes(array.data())


def pasted_name(stamp: dt.datetime, ext: str) -> str:
    """粘贴图片-20261123-100502.png: when it was pasted, so several pastes differ."""
    return f"粘贴图片-{stamp:%Y%m%d-%H%M%S}.{ext}"


def from_paths(paths: list[Path]) -> Gathered:
    items, skipped = [], []
    for path in paths:
        if path.is_file():
            items.append(Incoming(path.name, path=path))
        else:
            skipped.append(path.name or str(path))
    return Gathered(items, skipped)


def from_urls(urls: list[QUrl]) -> Gathered:
    local = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    gathered = from_paths(local)
    remote = [url.toString() for url in urls if not url.isLocalFile()]
    return Gathered(gathered.items, gathered.skipped + remote)


def from_mime(mime: QMimeData | None, stamp: dt.datetime) -> Gathered:
    """What a drop or the clipboard holds, best form first (see the module's note)."""
    if mime is None:
        return Gathered([], [])
    if mime.hasUrls():
        gathered = from_urls(list(mime.urls()))
        if gathered.items or not (mime.hasImage() or _raw_format(mime)):
            return gathered
    raw = _raw_format(mime)
    if raw is not None:
        kind, ext = raw
        return Gathered([Incoming(pasted_name(stamp, ext), data=bytes(mime.data(kind).data()))], [])
    if mime.hasImage():
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            return Gathered([Incoming(pasted_name(stamp, "png"), image=image)], [])
    return Gathered([], [])


def _raw_format(mime: QMimeData) -> tuple[str, str] | None:
    for kind, ext in RAW_IMAGE_FORMATS:
        if mime.hasFormat(kind) and not mime.data(kind).isEmpty():
            return kind, ext
    return None


def accepts(mime: QMimeData | None) -> bool:
    """Whether a drag carries something the strip could take (checked while dragging)."""
    if mime is None:
        return False
    return mime.hasUrls() or mime.hasImage() or _raw_format(mime) is not None

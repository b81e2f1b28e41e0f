"""Photos decoded off the GUI thread, scaled while they are read, kept in memory.

A phone photo is 3-12 MB of JPEG; decoding one on the GUI thread takes 100-400 ms, far
past the 50 ms the window may stall. `ImageLoader.request` answers from its cache at
once, or starts `QImageReader` with `setScaledSize` (the JPEG decoder then reads at
1/2, 1/4 or 1/8 scale, so a thumbnail costs a fraction of a full decode) and
`setAutoTransform` (a photo taken upright shows upright) on a pool of its own, and emits
`loaded(key, image)` on the GUI thread. A QImage may be made and passed between threads;
only the QPixmap/QIcon the views build from it belong to the GUI thread.

The pool is not one of the task lanes: a page of thumbnails never waits behind a page
load or a save, nor holds one up.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader

from crm_desktop.ui.tasks import TaskContext, run_task

THUMB_EDGE = 112  # the strip's thumbnails fit this square
THUMB_CACHE = 400  # thumbnails kept (~50 KB each at most)
LARGE_CACHE = 3  # viewer-size images kept (the one shown and its neighbours)
IMAGE_THREADS = 2

_KEEP_ASPECT = Qt.AspectRatioMode.KeepAspectRatio
_SMOOTH = Qt.TransformationMode.SmoothTransformation

_POOL: QThreadPool | None = None


def image_pool() -> QThreadPool:
    """The attachments' decoding pool (tests wait on it with `waitForDone`)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(IMAGE_THREADS)
    return _POOL


def read_scaled(path: Path, edge: int) -> QImage:
    """The image at `path` turned upright and scaled to fit `edge`×`edge` (never up);
    a null QImage when it cannot be read. Runs on a worker thread."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > edge or size.height() > edge):
        # The stored size is before the EXIF rotation; fitting the longer side to the
        # square is right either way round.
        reader.setScaledSize(size.scaled(QSize(edge, edge), _KEEP_ASPECT))
    image = reader.read()
    if image.isNull():
        return QImage()
    if image.width() > edge or image.height() > edge:  # a format the reader cannot scale
        image = image.scaled(edge, edge, _KEEP_ASPECT, _SMOOTH)
    return image


class ImageLoader(QObject):
    """One per process (`image_loader()`): scaled images by (path, edge), cached."""

    loaded = Signal(str, QImage)  # key, image (null when unreadable)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thumbs: OrderedDict[str, QImage] = OrderedDict()
        self._large: OrderedDict[str, QImage] = OrderedDict()
        self._running: set[str] = set()

    @staticmethod
    def key(path: Path, edge: int) -> str:
        return f"{edge}|{path}"

    def cached(self, path: Path, edge: int) -> QImage | None:
        key = self.key(path, edge)
        cache = self._cache(edge)
        image = cache.get(key)
        if image is not None:
            cache.move_to_end(key)
        return image

    def request(self, path: Path, edge: int = THUMB_EDGE) -> QImage | None:
        """The image if cached; else None, and `loaded` follows once it is decoded."""
        image = self.cached(path, edge)
        if image is not None:
            return image
        key = self.key(path, edge)
        if key not in self._running:
            self._running.add(key)

            def work(_ctx: TaskContext) -> QImage:
                return read_scaled(path, edge)

            task = run_task(work, parent=self, pool=image_pool())
            task.succeeded.connect(lambda result, k=key, e=edge: self._done(k, e, result))
            task.failed.connect(lambda _error, k=key, e=edge: self._done(k, e, QImage()))
        return None

    def _done(self, key: str, edge: int, image: object) -> None:
        self._running.discard(key)
        result = image if isinstance(image, QImage) else QImage()
        cache = self._cache(edge)
        cache[key] = result
        while len(cache) > (THUMB_CACHE if cache is self._thumbs else LARGE_CACHE):
            cache.popitem(last=False)
        self.loaded.emit(key, result)

    def _cache(self, edge: int) -> OrderedDict[str, QImage]:
        return self._thumbs if edge <= THUMB_EDGE else self._large

    @property
    def busy(self) -> bool:
        return bool(self._running)


_LOADER: ImageLoader | None = None


def image_loader() -> ImageLoader:
    global _LOADER
    if _LOADER is None:
        _LOADER = ImageLoader()
    return _LOADER

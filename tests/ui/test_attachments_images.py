"""Attachments: photos decoded off the GUI thread, upright and scaled; what a paste or a
drop brings in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QMimeData, QThread, QUrl
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from crm_desktop.ui.attachments import images, incoming
from crm_desktop.ui.attachments.images import THUMB_EDGE, ImageLoader, read_scaled

STAMP = dt.datetime(2026, 11, 23, 10, 5, 2)


def _photo(path: Path, size: tuple[int, int] = (1200, 600), orientation: int = 1) -> Path:
    """A JPEG as a phone writes it: landscape pixels, EXIF Orientation saying how to turn."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.new("RGB", size, (200, 40, 40)).save(path, "JPEG", exif=exif.tobytes())
    return path


def test_a_thumbnail_is_decoded_off_the_gui_thread_upright_and_small(
    qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:
    threads: list[QThread] = []
    real = images.read_scaled

    def spy(path: Path, edge: int) -> QImage:
        threads.append(QThread.currentThread())
        return real(path, edge)

    monkeypatch.setattr(images, "read_scaled", spy)
    photo = _photo(tmp_path / "shelf.jpg", orientation=6)  # taken with the phone upright
    loader = ImageLoader()
    with qtbot.waitSignal(loader.loaded, timeout=10_000) as arrived:
        assert loader.request(photo) is None  # nothing decoded on this thread
    key, image = arrived.args
    assert key == loader.key(photo, THUMB_EDGE)
    assert threads and threads[0] is not QThread.currentThread()
    assert (image.width(), image.height()) == (56, 112)  # turned upright, fits the square
    again = loader.request(photo)  # cached: the next paint decodes nothing
    assert again is not None and again.size() == image.size() and len(threads) == 1


def test_an_unreadable_file_gives_a_null_image_not_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"a text file someone named .jpg")
    assert read_scaled(broken, THUMB_EDGE).isNull()


def test_a_small_picture_is_never_scaled_up(tmp_path: Path) -> None:
    image = read_scaled(_photo(tmp_path / "card.jpg", (80, 50)), THUMB_EDGE)
    assert (image.width(), image.height()) == (80, 50)


def test_copied_files_come_as_paths_and_links_are_not_fetched(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "合同.jpg")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo)), QUrl("https://example.com/a.png"),
                  QUrl.fromLocalFile(str(tmp_path))])  # fmt: skip
    gathered = incoming.from_mime(mime, STAMP)
    assert [i.path for i in gathered.items] == [photo]
    assert gathered.skipped == [tmp_path.name, "https://example.com/a.png"]


def test_raw_jpeg_bytes_win_over_the_decoded_picture(tmp_path: Path) -> None:
    raw = _photo(tmp_path / "p.jpg").read_bytes()
    mime = QMimeData()
    picture = QImage(20, 10, QImage.Format.Format_RGB32)
    picture.fill(QColor("blue"))
    mime.setImageData(picture)
    mime.setData("image/jpeg", raw)
    (item,) = incoming.from_mime(mime, STAMP).items
    assert item.data == raw and item.file_name == "粘贴图片-20261123-100502.jpg"


def test_a_pasted_screenshot_becomes_png_bytes(tmp_path: Path) -> None:
    mime = QMimeData()
    picture = QImage(20, 10, QImage.Format.Format_RGB32)
    picture.fill(QColor("blue"))
    mime.setImageData(picture)
    (item,) = incoming.from_mime(mime, STAMP).items
    assert item.file_name.endswith(".png")
    decoded = QImage.fromData(item.payload())
    assert (decoded.width(), decoded.height()) == (20, 10)

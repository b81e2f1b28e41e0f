"""The attachment strip and viewer on a real store: drop, paste, pick, remove, view,
refuse. Each add runs on the writer lane; tests wait for the strip's signals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crm_desktop.domain.attachments import AttachmentLimits
from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.services.container import Services
from crm_desktop.ui.attachments import strip as strip_module
from crm_desktop.ui.attachments import viewer as viewer_module
from crm_desktop.ui.attachments.images import image_pool
from crm_desktop.ui.attachments.strip import AttachmentStrip
from crm_desktop.ui.attachments.viewer import AttachmentViewer
from crm_desktop.ui.pages.base import PageContext

EXIF_IFD, DATE_TIME_ORIGINAL = 0x8769, 0x9003


def photo(path: Path, taken: str | None = "2026:11:20 14:03:05", size=(1600, 1200)) -> Path:
    """A JPEG as a phone writes it, with the moment it was taken in its EXIF."""
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(EXIF_IFD)[DATE_TIME_ORIGINAL] = taken
    Image.new("RGB", size, (30, 120, 200)).save(path, "JPEG", exif=exif.tobytes())
    return path


@pytest.fixture(autouse=True)
def _clipboard_emptied(qapp: QApplication) -> Iterator[None]:
    """Empty the clipboard after each test: mime data a test put there and left would
    be deleted after the application at the interpreter's exit, a segmentation fault
    that failed the whole run after every test had passed."""
    yield
    QGuiApplication.clipboard().clear()
    QApplication.processEvents()


@pytest.fixture
def customer_id(services: Services) -> str:
    return services.customers.save(CustomerDraft(name="明通百货有限公司"))


@pytest.fixture
def make_strip(qtbot: QtBot, context: PageContext) -> Callable[..., AttachmentStrip]:
    def make(owner_id: str | None, kind: str = "customer", **kwargs: object) -> AttachmentStrip:
        strip = AttachmentStrip(
            context.services,
            context.operations,
            context.lang,
            kind,
            **kwargs,  # type: ignore[arg-type]
        )
        qtbot.addWidget(strip)
        strip.resize(700, 260)
        strip.show()
        with qtbot.waitSignal(strip.loaded, timeout=10_000):
            strip.set_owner(owner_id)
        return strip

    return make


def drop(strip: AttachmentStrip, mime: QMimeData) -> None:
    """Drag over the thumbnails (Qt delivers a drop only where the enter was accepted),
    then drop."""
    target = strip.list.viewport()
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, event)


def wait_thumbnails(qtbot: QtBot, strip: AttachmentStrip) -> None:
    qtbot.waitUntil(strip.model.thumbnails_ready, timeout=10_000)


def _select_only(strip: AttachmentStrip, row: int) -> None:
    """Select just this row. (The view's own setCurrentIndex reads the keyboard's
    modifiers: right after a Ctrl+V it toggled the row into the selection instead.)"""
    strip.list.selectionModel().setCurrentIndex(
        strip.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def test_a_dropped_photo_is_stored_and_shown_with_its_own_time(
    qtbot: QtBot, services: Services, make_strip, customer_id: str, tmp_path: Path
) -> None:
    strip = make_strip(customer_id)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo(tmp_path / "货架.jpg")))])
    with qtbot.waitSignal(strip.added, timeout=10_000):
        drop(strip, mime)
    (stored,) = services.attachments.list_for("customer", customer_id)
    assert stored.file_name == "货架.jpg" and stored.local_path is not None
    assert stored.local_path.read_bytes()[:3] == b"\xff\xd8\xff"
    wait_thumbnails(qtbot, strip)
    index = strip.model.index(0)
    assert strip.model.data(index, Qt.ItemDataRole.DisplayRole) == "货架.jpg\n拍摄 2026-11-20 14:03"
    assert "待上传" in strip.model.data(index, Qt.ItemDataRole.ToolTipRole)  # not synced yet
    icon = strip.model.data(index, Qt.ItemDataRole.DecorationRole)
    # The thumbnail, not the plain tile: the photo's blue shows in the middle of the icon.
    middle = icon.pixmap(96, 96).toImage().pixelColor(48, 48)
    assert (middle.red(), middle.blue()) == pytest.approx((30, 200), abs=12)


def test_a_photo_without_exif_shows_when_it_was_added(
    qtbot: QtBot, make_strip, customer_id: str, tmp_path: Path
) -> None:
    strip = make_strip(customer_id)
    with qtbot.waitSignal(strip.added, timeout=10_000):
        strip.add_paths([photo(tmp_path / "名片.jpg", taken=None)])
    text = strip.model.data(strip.model.index(0), Qt.ItemDataRole.DisplayRole)
    assert text == "名片.jpg\n添加 2026-11-23 10:00"  # the fixed clock, in China's time


def test_a_pasted_picture_is_stored(
    qtbot: QtBot, services: Services, make_strip, customer_id: str, tmp_path: Path
) -> None:
    strip = make_strip(customer_id)
    mime = QMimeData()
    mime.setData("image/png", _png_bytes(tmp_path))
    QGuiApplication.clipboard().setMimeData(mime)
    with qtbot.waitSignal(strip.added, timeout=10_000) as added:
        strip.paste_button.click()
    assert added.args[0].file_name == "粘贴图片-20261123-100000.png"
    assert [v.mime_type for v in services.attachments.list_for("customer", customer_id)] == [
        "image/png"
    ]


def test_the_file_picker_adds_each_chosen_file(
    qtbot: QtBot, services: Services, make_strip, customer_id: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    contract = tmp_path / "合同.pdf"
    contract.write_bytes(b"%PDF-1.4 a contract")
    chosen = [photo(tmp_path / "a.jpg"), contract]
    monkeypatch.setattr(strip_module, "choose_files", lambda _parent, _lang: chosen)
    strip = make_strip(customer_id)
    strip.add_button.click()
    qtbot.waitUntil(lambda: len(strip.views) == 2 and not strip.busy, timeout=10_000)
    names = {v.file_name for v in services.attachments.list_for("customer", customer_id)}
    assert names == {"a.jpg", "合同.pdf"}


def test_an_oversize_file_is_refused_with_its_name_and_nothing_is_stored(
    qtbot: QtBot, services: Services, make_strip, customer_id: str, tmp_path: Path
) -> None:
    services.attachments.limits = AttachmentLimits(max_file_bytes=1024 * 1024)
    big = tmp_path / "报价单.pdf"
    big.write_bytes(b"%PDF-1.4" + b"0" * (2 * 1024 * 1024))
    strip = make_strip(customer_id)
    with qtbot.waitSignal(strip.refused, timeout=10_000) as refused:
        strip.add_paths([big])
    assert refused.args[0].startswith("报价单.pdf：文件太大")
    assert strip.message.isVisible() and "不能超过 1.0 MB" in strip.message.text()
    assert services.attachments.list_for("customer", customer_id) == []
    assert strip.views == []


def test_remove_asks_then_removes(
    qtbot: QtBot, services: Services, make_strip, customer_id: str, tmp_path: Path,
    answer_confirm,
) -> None:  # fmt: skip
    services.attachments.add_file("customer", customer_id, photo(tmp_path / "a.jpg"))
    strip = make_strip(customer_id)
    asked = answer_confirm(True)
    _select_only(strip, 0)
    with qtbot.waitSignal(strip.removed, timeout=10_000):
        strip.delete_button.click()
    assert asked == ["删除 a.jpg？"]
    assert services.attachments.list_for("customer", customer_id) == []
    assert strip.model.rowCount() == 0


def test_a_file_held_until_the_record_is_saved(
    qtbot: QtBot, services: Services, make_strip, customer_id: str, tmp_path: Path
) -> None:
    strip = make_strip(None, hold_until_saved=True)
    strip.add_paths([photo(tmp_path / "破损.jpg")])
    assert strip.model.rowCount() == 1 and strip.views == []
    assert strip.model.data(strip.model.index(0), Qt.ItemDataRole.UserRole + 2) == "保存后添加"
    with qtbot.waitSignal(strip.added, timeout=10_000):
        strip.commit(customer_id)
    assert [v.file_name for v in services.attachments.list_for("customer", customer_id)] == [
        "破损.jpg"
    ]


def test_an_unsaved_record_says_save_first(make_strip) -> None:
    strip = make_strip(None)
    assert strip.note.text() == "保存后可添加附件"
    assert not strip.add_button.isEnabled() and not strip.paste_button.isEnabled()


def test_the_viewer_steps_through_the_photos(
    qtbot: QtBot, services: Services, make_strip, customer_id: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    for name in ("1.jpg", "2.jpg"):
        services.attachments.add_file("customer", customer_id, photo(tmp_path / name))
    contract = tmp_path / "合同.pdf"
    contract.write_bytes(b"%PDF-1.4 a contract")
    services.attachments.add_file("customer", customer_id, contract)
    opened: list[Path] = []
    monkeypatch.setattr(viewer_module, "open_file", lambda path: opened.append(path) or True)
    strip = make_strip(customer_id)
    viewer = strip.open_viewer(0)
    assert isinstance(viewer, AttachmentViewer)
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.image_shown, timeout=10_000)
    assert viewer.name.text() == "1.jpg" and viewer.position.text() == "1 / 3"
    assert "拍摄时间 2026-11-20 14:03" in viewer.details.text()
    assert not viewer.prev_button.isEnabled()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.name.text() == "2.jpg"
    qtbot.waitUntil(lambda: viewer.image_shown, timeout=10_000)
    viewer.next_button.click()
    assert viewer.name.text() == "合同.pdf" and not viewer.image_shown
    assert not viewer.next_button.isEnabled() and "PDF" in viewer.picture.text()
    viewer.open_button.click()
    assert opened == [services.attachments.list_for("customer", customer_id)[2].local_path]
    viewer.prev_button.click()
    assert viewer.name.text() == "2.jpg"
    image_pool().waitForDone(10_000)


def _png_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "shot.png"
    Image.new("RGB", (40, 30), (250, 250, 0)).save(path, "PNG")
    return path.read_bytes()


def test_the_keyboard_views_pastes_and_removes(
    qtbot: QtBot, services: Services, make_strip, customer_id: str, tmp_path: Path,
    answer_confirm,
) -> None:  # fmt: skip
    services.attachments.add_file("customer", customer_id, photo(tmp_path / "a.jpg"))
    strip = make_strip(customer_id)
    strip.list.setFocus()
    _select_only(strip, 0)
    qtbot.keyClick(strip.list, Qt.Key.Key_Return)
    assert isinstance(strip.viewer, AttachmentViewer) and strip.viewer.name.text() == "a.jpg"
    strip.viewer.close()
    mime = QMimeData()
    mime.setData("image/png", _png_bytes(tmp_path))
    QGuiApplication.clipboard().setMimeData(mime)
    with qtbot.waitSignal(strip.added, timeout=10_000):
        qtbot.keyClick(strip.list, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    answer_confirm(True)
    _select_only(strip, 0)
    with qtbot.waitSignal(strip.removed, timeout=10_000):
        qtbot.keyClick(strip.list, Qt.Key.Key_Delete)
    assert [v.mime_type for v in services.attachments.list_for("customer", customer_id)] == [
        "image/png"
    ]
    image_pool().waitForDone(10_000)

"""The main window opens sized to the screen it has (a 1366x768 laptop included) and a
saved geometry is pulled back onto the screen. The screen is given (`available=`), not
the offscreen platform's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from crm_desktop.config.settings import WINDOW_GEOMETRY, Settings
from crm_desktop.services.container import Services
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.window_geometry import FIRST_SIZE, first_geometry, fit_to_screen

LAPTOP = QRect(0, 0, 1366, 728)  # 1366x768 less a 40-pixel taskbar
MARGINS = (1, 31, 1, 1)


def _with_frame(client: QRect, margins: tuple[int, int, int, int] = MARGINS) -> QRect:
    left, top, right, bottom = margins
    return client.adjusted(-left, -top, right, bottom)


def test_a_laptop_screen_is_used_whole_frame_included() -> None:
    client = first_geometry(LAPTOP, MARGINS)
    assert LAPTOP.contains(_with_frame(client))
    assert client.width() == 1366 - 2 and client.height() == 728 - 32


def test_a_large_screen_gets_a_centred_window() -> None:
    area = QRect(0, 0, 2560, 1400)
    client = first_geometry(area, MARGINS)
    assert (client.width(), client.height()) == FIRST_SIZE
    assert abs(client.center().x() - area.center().x()) <= 1
    assert area.contains(_with_frame(client))


def test_a_screen_right_of_the_first_one_is_respected() -> None:
    area = QRect(1920, 0, 1366, 728)
    assert area.contains(_with_frame(first_geometry(area, MARGINS)))


def test_a_saved_geometry_larger_than_the_screen_is_shrunk_onto_it() -> None:
    saved = QRect(2000, 300, 1800, 1000)  # from a large monitor, now unplugged
    fitted = fit_to_screen(saved, MARGINS, LAPTOP)
    assert LAPTOP.contains(_with_frame(fitted))
    small = QRect(100, 80, 900, 600)  # already fits: kept as it was
    assert fit_to_screen(small, MARGINS, LAPTOP) == small


def _window(
    services: Services, settings: Settings, qtbot: QtBot, area: QRect = LAPTOP
) -> MainWindow:
    window = MainWindow(services, settings, "zh_CN", first_run=False, available=area)
    qtbot.addWidget(window)
    return window


def test_first_start_fits_a_1366x768_laptop_with_the_status_bar_visible(
    services: Services, settings: Settings, qtbot: QtBot
) -> None:
    window = _window(services, settings, qtbot)
    assert LAPTOP.contains(window.geometry())
    assert window.width() >= 1200 and window.height() >= 650  # used, not a small box
    window.show()
    bar = window.statusBar()
    assert bar.isVisible()
    bottom_left = bar.mapTo(window, bar.rect().bottomLeft())
    assert window.rect().contains(bottom_left)
    assert LAPTOP.contains(window.geometry())


def test_a_saved_geometry_is_restored_but_kept_on_the_screen(
    services: Services, settings: Settings, qtbot: QtBot, tmp_path: Path
) -> None:
    big = QRect(0, 0, 2560, 1400)
    first = _window(services, settings, qtbot, big)
    first.show()
    first.setGeometry(QRect(1500, 200, 1000, 900))
    first.close()
    assert settings.get(WINDOW_GEOMETRY)
    reread = Settings(tmp_path / "config" / "settings.json")
    again = _window(services, reread, qtbot, big)
    assert (again.width(), again.height()) == (1000, 900)  # as it was left
    on_laptop = _window(services, Settings(tmp_path / "config" / "settings.json"), qtbot)
    assert LAPTOP.contains(on_laptop.geometry())


def test_a_damaged_saved_geometry_gives_the_first_start_size(
    services: Services, settings: Settings, qtbot: QtBot
) -> None:
    settings.set(WINDOW_GEOMETRY, "bm90IGEgZ2VvbWV0cnk=")  # base64 of "not a geometry"
    window = _window(services, settings, qtbot)
    assert window.geometry() == first_geometry(LAPTOP, window._frame_margins())

"""The main window: navigation in SPEC §3 order, Review for reviewers only, status bar,
geometry kept in the settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from crm_desktop.config.settings import WINDOW_GEOMETRY, Settings
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.pages.base import PlaceholderPage
from crm_desktop.ui.today.page import TodayPage


def _keys(window: MainWindow) -> list[str]:
    nav = window.navigation
    return [nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(nav.count())]


def _window(services: Services, settings: Settings, qtbot: QtBot) -> MainWindow:
    window = MainWindow(services, settings, "zh_CN")
    qtbot.addWidget(window)
    window.show()
    return window


def test_navigation_for_a_rep(services: Services, settings: Settings, qtbot: QtBot) -> None:
    window = _window(services, settings, qtbot)
    assert _keys(window) == [
        "today",
        "customers",
        "leads",
        "plans",
        "follow_ups",
        "complaints",
        "receivables",
        "churn",
        "market",
        "pipeline",
        "targets",
        "key_accounts",
        "dashboard",
        "sync",
        "settings",
    ]
    assert isinstance(window.stack.currentWidget(), TodayPage)
    assert set(window.stack.pages) == {"today"}  # other pages are built when opened


def test_navigation_for_a_supervisor(
    services: Services, settings: Settings, qtbot: QtBot, add_user: Callable[..., str]
) -> None:
    services.user.switch(add_user("boss", "陈主管", Role.SUPERVISOR))
    window = _window(services, settings, qtbot)
    assert _keys(window) == [
        "today",
        "customers",
        "leads",
        "plans",
        "follow_ups",
        "complaints",
        "receivables",
        "churn",
        "market",
        "review",
        "team",
        "pipeline",
        "targets",
        "key_accounts",
        "dashboard",
        "sync",
        "settings",
    ]


def test_every_page_opens(services: Services, settings: Settings, qtbot: QtBot) -> None:
    window = _window(services, settings, qtbot)
    for row, key in enumerate(_keys(window)):
        window.navigation.setCurrentRow(row)
        page = window.stack.currentWidget()
        assert page is window.stack.pages[key]
        if isinstance(page, PlaceholderPage):
            assert page.findChild(QLabel, "pageTitle").text() == page.title()
            assert page.findChild(QLabel, "pageNote").text()
    assert window.show_page("customers") is window.stack.pages["customers"]


def test_status_bar_names_the_user(services: Services, settings: Settings, qtbot: QtBot) -> None:
    window = _window(services, settings, qtbot)
    label = window.statusBar().findChild(QLabel, "statusUser")
    assert label.text() == "本机用户 · 销售员"
    assert label.toolTip() == str(services.database_path)


def test_geometry_is_saved_and_restored(
    services: Services, settings: Settings, qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(services, settings, qtbot)
    window.resize(700, 500)  # within the offscreen 800x600 screen
    size = (window.width(), window.height())  # the minimum width may have won
    window.close()
    assert settings.get(WINDOW_GEOMETRY)
    again = MainWindow(services, Settings(tmp_path / "config" / "settings.json"), "zh_CN")
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == size

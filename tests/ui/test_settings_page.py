"""The settings page reads the typed settings and writes them back on Save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crm_desktop.config.settings import (
    CADENCE_A_DAYS,
    CADENCE_C_DAYS,
    LANGUAGE,
    SERVER_URL,
    USERNAME,
    Settings,
)
from crm_desktop.services.container import Services
from crm_desktop.ui import messages
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.pages.settings import SettingsPage


def test_settings_page_saves(
    context: PageContext, settings: Settings, qtbot: QtBot, tmp_path: Path
) -> None:
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert page.language.currentData() == "zh_CN"
    assert page.cadence["A"].value() == 14
    page.language.setCurrentIndex(page.language.findData("en"))
    page.server_url.setText(" https://crm.example.cn ")
    page.username.setText("zhangsan")
    page.cadence["A"].setValue(7)
    page.cadence["C"].setValue(60)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.saved_label.text()

    reread = Settings(tmp_path / "config" / "settings.json")
    assert reread.get(LANGUAGE) == "en"
    assert reread.get(SERVER_URL) == "https://crm.example.cn"
    assert reread.get(USERNAME) == "zhangsan"
    assert reread.get(CADENCE_A_DAYS) == 7 and reread.get(CADENCE_C_DAYS) == 60


def test_data_folder_is_shown_read_only(
    context: PageContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(messages, "open_folder", lambda path: opened.append(path) or True)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    folder = context.services.database_path.parent
    assert page.data_folder_edit.isReadOnly()
    assert page.data_folder_edit.text() == str(folder)
    qtbot.mouseClick(page.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [folder]


def test_demo_store_offers_to_sign_in_as_a_rep(
    services: Services, settings: Settings, qtbot: QtBot
) -> None:
    from crm_desktop.services.demo import DemoOptions, generate_demo
    from crm_desktop.ui.main_window import MainWindow

    generate_demo(services, DemoOptions(customers=30, seed=3))
    window = MainWindow(services, settings, "zh_CN", first_run=False)
    qtbot.addWidget(window)
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    assert page.demo_person.currentData() == services.actor.user_id  # the supervisor
    rep_index = next(
        i for i in range(page.demo_person.count()) if "销售员" in page.demo_person.itemText(i)
    )
    page.demo_person.setCurrentIndex(rep_index)
    rep_id = page.demo_person.currentData()
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    assert services.actor.user_id == rep_id
    assert "review" not in window.stack.keys  # the pages were rebuilt for a rep


def test_a_real_store_has_no_demo_switch(context: PageContext, qtbot: QtBot) -> None:
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert not hasattr(page, "demo_person")

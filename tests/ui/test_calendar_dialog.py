"""The Calendar dialog 日历: the file export off the GUI thread, read back; asking for a
subscription address with no server, and offline (it says so, keeps the old address)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from calendar_data import events, fill_week
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crm_desktop.services.container import Services
from crm_desktop.services.day.calendar import FEED_URL_KEY
from crm_desktop.sync.client import local
from crm_desktop.ui.calendar_feed.dialog import CalendarDialog
from crm_desktop.ui.pages.base import PageContext


def test_the_dialog_exports_the_file(
    context: PageContext, services: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    week = fill_week(services)
    dialog = CalendarDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.link_button.text() == "Get address" and not dialog.copy_button.isEnabled()
    target = tmp_path / "我的日历.ics"
    dialog.export_to(target)
    qtbot.waitUntil(lambda: dialog.open_button.isVisible(), timeout=10_000)
    assert str(target) in dialog.file_status.text()
    assert f"{week.timed}@crm-desktop" in events(target.read_bytes())
    dialog.export_to(tmp_path / "no-such-folder" / "x.ics")
    qtbot.waitUntil(lambda: dialog.file_error.isVisible(), timeout=10_000)
    assert "不存在" in dialog.file_error.text()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends


def test_asking_for_an_address_without_a_server_or_offline_says_so(
    context: PageContext,
    services: Services,
    qtbot: QtBot,
    answer_confirm: Callable[[bool], list[str]],
) -> None:
    dialog = CalendarDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.link_button.click()
    qtbot.waitUntil(lambda: dialog.link_error.isVisible(), timeout=10_000)
    assert "尚未设置同步服务器" in dialog.link_error.text()

    old = "http://127.0.0.1/v1/calendar/old.ics"
    local.write_meta(
        services.store,
        {
            local.SERVER_URL: f"http://127.0.0.1:{_closed_port()}",
            local.TOKEN: "t",
            FEED_URL_KEY: old,
        },
    )
    dialog = CalendarDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.url_edit.text() == old and dialog.link_button.text() == "Reset address"
    asked = answer_confirm(True)
    dialog.link_button.click()
    assert asked and "old one stop updating" in asked[0]
    qtbot.waitUntil(lambda: dialog.link_error.isVisible(), timeout=15_000)
    assert "无法连接同步服务器" in dialog.link_error.text()
    assert dialog.url_edit.text() == old and dialog.link_button.isEnabled()


def test_the_dialog_speaks_chinese(context: PageContext, qtbot: QtBot, qapp: QApplication) -> None:
    from crm_desktop.ui.i18n import install_translators, lrelease_command

    if lrelease_command() is None:
        pytest.skip("pyside6-lrelease is not installed")
    locale = QLocale()
    installed = install_translators(qapp, "zh_CN")
    try:
        dialog = CalendarDialog(context)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "日历"
        assert dialog.link_button.text() == "获取链接"
        assert dialog.copy_button.text() == "复制"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)

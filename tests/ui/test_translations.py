"""The Chinese catalogue is complete and loads; the interface then speaks Chinese."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from crm_desktop.services.customers import DuplicateMatch
from crm_desktop.ui.customers.duplicates import DuplicateWarningDialog
from crm_desktop.ui.i18n import TRANSLATIONS_DIR, install_translators, lrelease_command

ZH_TS = TRANSLATIONS_DIR / "crm_desktop_zh_CN.ts"


def test_every_chinese_entry_is_translated() -> None:
    messages = list(ET.parse(ZH_TS).getroot().iter("message"))
    assert len(messages) > 100
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        or not (m.findtext("translation") or "").strip()
    ]
    assert unfinished == []


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    if lrelease_command() is None:
        pytest.skip("pyside6-lrelease is not installed")
    locale = QLocale()
    installed = install_translators(qapp, "zh_CN")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)  # install_translators sets it; later tests expect the old


def test_chinese_catalogue_loads(chinese: None, qtbot) -> None:
    assert QCoreApplication.translate("Pages", "Customers") == "客户"
    dialog = DuplicateWarningDialog(
        [DuplicateMatch("1", "申达贸易", "u2", "王五", ("name",), other_owner=True)]
    )
    qtbot.addWidget(dialog)
    assert dialog.conflict_banner.text().startswith("撞单")
    assert "撞单" in dialog.table.item(0, 3).text()

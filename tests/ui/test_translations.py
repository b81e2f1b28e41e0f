"""The Chinese catalogue is complete and loads; the interface then speaks Chinese."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

import crm_desktop
from crm_desktop.services.customers.customers import DuplicateMatch
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


def _lupdate() -> str | None:
    tool = shutil.which("pyside6-lupdate") or str(Path(sys.executable).with_name("pyside6-lupdate"))
    return tool if Path(tool).exists() else None


def _sources() -> list[str]:
    package = Path(crm_desktop.__file__).resolve().parent
    return [str(p) for p in sorted((package / "ui").rglob("*.py"))] + [str(package / "app.py")]


@pytest.mark.parametrize("catalogue", ["crm_desktop_zh_CN.ts", "crm_desktop_en.ts"])
def test_every_string_in_the_code_is_translated(catalogue: str, tmp_path: Path) -> None:
    """Extract the strings from the code as it is now, into a copy of the catalogue: any
    string the catalogue lacks (or has unfinished) is a screen a user would see untranslated."""
    lupdate = _lupdate()
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    copy = tmp_path / catalogue
    shutil.copy(TRANSLATIONS_DIR / catalogue, copy)
    subprocess.run([lupdate, "-silent", "-no-obsolete", *_sources(), "-ts", str(copy)],
                   check=True, capture_output=True)  # fmt: skip
    missing = [
        f"{context.findtext('name')}: {message.findtext('source')!r}"
        for context in ET.parse(copy).getroot().iter("context")
        for message in context.iter("message")
        if message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        or not (message.findtext("translation") or "").strip()
    ]
    assert missing == [], f"{len(missing)} strings missing from {catalogue}"

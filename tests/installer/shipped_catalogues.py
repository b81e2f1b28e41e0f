"""What the installer and wheel tests check of a shipped Qt catalogue (.qm)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path


def first_finished_translation(ts: Path) -> tuple[str, str, str]:
    """(context, source, translation) of the first finished message of a .ts file."""
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if (
                translation is not None
                and translation.text
                and translation.get("type") not in {"unfinished", "obsolete", "vanished"}
                and message.get("numerus") != "yes"
            ):
                return name, message.findtext("source") or "", translation.text
    raise AssertionError(f"no finished translation in {ts}")


def assert_translates_as_its_source(qm: Path, ts: Path) -> None:
    """The compiled catalogue `qm` loads and translates what its source `ts` says it does."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(qm)), qm
    context, source, translation = first_finished_translation(ts)
    assert translator.translate(context, source) == translation

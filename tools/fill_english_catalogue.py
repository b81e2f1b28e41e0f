"""Fill the English catalogue after lupdate: every unfinished translation becomes its source.

    .venv/bin/python tools/fill_english_catalogue.py

The source strings are English, so the English translation of each is the string itself;
the catalogue is kept complete (tests/ui/test_translations.py) so that an English wording
can later be changed in the catalogue without touching code.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

CATALOGUE = (
    Path(__file__).resolve().parent.parent / "resources" / "translations" / "crm_desktop_en.ts"
)


def main() -> None:
    tree = ET.parse(CATALOGUE)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None:
            continue
        if translation.get("type") == "unfinished" or not (translation.text or "").strip():
            translation.text = message.findtext("source")
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(CATALOGUE, encoding="utf-8", xml_declaration=True)
    print(f"{filled} English entries filled")


if __name__ == "__main__":
    main()

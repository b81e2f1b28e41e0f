"""Qt Linguist translations: .ts sources in resources/translations, .qm built from them.

A wheel (setup.py) and the installer (build_installer.spec) ship the .qm files compiled
with lrelease. A source checkout has only the .ts files, so on first use the .qm is
compiled into the user's cache folder, and recompiled when the .ts is newer.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from crm_desktop.config.paths import APP_AUTHOR, APP_NAME
from crm_desktop.config.resources import resource

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = resource("translations")
CATALOG = "crm_desktop"
# Source strings in the code are English; English therefore needs no catalogue.
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


def lrelease_command() -> list[str] | None:
    tool = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).with_name("pyside6-lrelease")
    )
    return [tool] if Path(tool).exists() else None


def compile_ts(ts: Path, qm: Path) -> bool:
    command = lrelease_command()
    if command is None:
        log.warning("pyside6-lrelease not found; %s stays untranslated", ts.name)
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [*command, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        log.warning("lrelease failed for %s: %s", ts, result.stderr.strip())
    return result.returncode == 0 and qm.exists()


def qm_path(lang: str) -> Path | None:
    """The compiled catalogue for `lang`, building it if the checkout has none."""
    shipped = TRANSLATIONS_DIR / f"{CATALOG}_{lang}.qm"
    source = TRANSLATIONS_DIR / f"{CATALOG}_{lang}.ts"
    if shipped.exists() and (
        not source.exists() or shipped.stat().st_mtime >= source.stat().st_mtime
    ):
        return shipped
    if not source.exists():
        return None
    cached = Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)) / f"{CATALOG}_{lang}.qm"
    if cached.exists() and cached.stat().st_mtime >= source.stat().st_mtime:
        return cached
    return cached if compile_ts(source, cached) else None


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install the app's and Qt's own catalogues (standard buttons, dialogs) for `lang`."""
    QLocale.setDefault(QLocale(lang))
    installed: list[QTranslator] = []
    if lang.startswith("en"):
        return installed
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(QLocale(lang), "qtbase", "_", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    path = qm_path(lang)
    translator = QTranslator(app)
    if path is not None and translator.load(str(path)):
        app.installTranslator(translator)
        installed.append(translator)
    else:
        log.warning("no %s catalogue; the interface falls back to English", lang)
    return installed

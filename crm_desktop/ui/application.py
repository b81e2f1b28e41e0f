"""The QApplication: translators, stylesheet, fonts, and the last-resort error dialogs."""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.ui.i18n import install_translators

log = logging.getLogger(__name__)
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
STYLESHEET = RESOURCES / "style.qss"


def load_stylesheet() -> str:
    """style.qss with `@ICONS@` pointing at the icons folder (QSS urls need a real path)."""
    text = STYLESHEET.read_text(encoding="utf-8")
    return text.replace("@ICONS@", (RESOURCES / "icons").as_posix())


def create_application(lang: str) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("CRM Desktop")
    app.setOrganizationName("CRMDesktop")
    app.setProperty("crm_lang", lang)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    install_translators(app, lang)
    if STYLESHEET.exists():
        app.setStyleSheet(load_stylesheet())
    sys.excepthook = _excepthook
    return app


def current_lang() -> str:
    app = QApplication.instance()
    value = app.property("crm_lang") if app is not None else None
    return value if isinstance(value, str) else "zh_CN"


_FREEZE_ENABLED = False


def freeze_long_lived(*, enable: bool = False) -> None:
    """Move every object alive now out of the garbage collector's way (gc.freeze).

    What startup builds (Qt wrappers, SQLAlchemy's mappers, later matplotlib) lives as
    long as the app; left in the collector's oldest generation, each full collection
    walks it and holds the interpreter lock ~100 ms, which stalls the window while a
    background task (a sync, the dashboard) allocates. The app turns this on once it
    shows its window (`enable`); in tests, which build pages by the hundred, it stays a
    no-op so that their garbage is still collected.
    """
    global _FREEZE_ENABLED
    _FREEZE_ENABLED = _FREEZE_ENABLED or enable
    if _FREEZE_ENABLED:
        gc.freeze()


def show_error(error: UserFacingError, parent: QWidget | None = None) -> None:
    """Show a message the user can act on; the caller keeps its state (and input)."""
    QMessageBox.warning(
        parent, QApplication.translate("Errors", "CRM Desktop"), error.message(current_lang())
    )


def show_fatal(error: UserFacingError, lang: str) -> None:
    QMessageBox.critical(None, "CRM Desktop", error.message(lang))


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """Environment errors become a message; bugs are logged and reported, never silent."""
    if isinstance(error, UserFacingError):
        show_error(error)
        return
    log.critical("unexpected error", exc_info=(kind, error, tb))
    QMessageBox.critical(
        None,
        "CRM Desktop",
        QApplication.translate(
            "Errors",
            "An unexpected error occurred. Your saved data is safe; details are in the log file.",
        ),
    )

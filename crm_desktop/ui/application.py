"""The QApplication: translators, stylesheet, fonts, and the last-resort error dialogs."""

from __future__ import annotations

import gc
import hashlib
import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from crm_desktop.config.resources import resource
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.ui.i18n import install_translators
from crm_desktop.ui.wheel_guard import install_wheel_guard

log = logging.getLogger(__name__)
STYLESHEET = resource("style.qss")


def load_stylesheet() -> str:
    """style.qss with `@ICONS@` pointing at the icons folder (QSS urls need a real path)."""
    text = STYLESHEET.read_text(encoding="utf-8")
    return text.replace("@ICONS@", resource("icons").as_posix())


def create_application(lang: str) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("CRM Desktop")
    app.setOrganizationName("CRMDesktop")
    app.setProperty("crm_lang", lang)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    install_translators(app, lang)
    install_wheel_guard(app)
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


# --- one window per data folder -------------------------------------------------------
# The store layer's FolderLock decides who owns a folder; these let a second start hand
# over to the window that owns it instead of only refusing.
_RAISE = b"raise\n"
_RAISED = b"raised\n"
RAISE_TIMEOUT_MS = 2000


def window_server_name(data_dir: Path) -> str:
    """The local socket name of the window working on `data_dir` (one per folder)."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"crm-desktop-{digest}"


def ask_running_window_forward(data_dir: Path, timeout_ms: int = RAISE_TIMEOUT_MS) -> bool:
    """Ask the window that holds `data_dir` to come forward; True when it answered.

    False when nothing answers: the folder is held by a command (sync, import...), not a
    window, or the window is stuck; the caller then says the folder is in use."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(window_server_name(data_dir))
    try:
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(_RAISE)
        if not socket.waitForBytesWritten(timeout_ms):
            return False
        answer = b""
        while not answer.endswith(b"\n") and socket.waitForReadyRead(timeout_ms):
            answer += bytes(socket.readAll().data())
        return answer == _RAISED
    finally:
        socket.abort()


class WindowRaiser(QObject):
    """Listens for a second start on the same data folder and brings `window` forward."""

    def __init__(self, data_dir: Path, window: QWidget) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(window)
        self._window = window
        self._server = QLocalServer(self)
        name = window_server_name(data_dir)
        # Safe only because this process holds the folder's lock: no live window listens
        # on this name, so a socket file left by a killed one is stale.
        QLocalServer.removeServer(name)
        if not self._server.listen(name):
            log.warning("cannot listen as %s: %s", name, self._server.errorString())
        self._server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._serve(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._serve(socket)

    def _serve(self, socket: QObject) -> None:
        from PySide6.QtNetwork import QLocalSocket

        assert isinstance(socket, QLocalSocket)
        if not socket.canReadLine() or bytes(socket.readLine().data()) != _RAISE:
            return
        self.bring_forward()
        socket.write(_RAISED)
        socket.flush()

    def bring_forward(self) -> None:
        window = self._window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def close(self) -> None:
        self._server.close()

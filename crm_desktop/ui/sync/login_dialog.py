"""Sign in to a sync server: server URL, username, password; errors shown inline.

The password is handed to the controller's background login and cleared from the field
once the login succeeds; it is never written to the settings or the store.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.config.settings import SERVER_URL, USERNAME
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.ui.application import current_lang
from crm_desktop.ui.sync.controller import SyncController


class LoginDialog(QDialog):
    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Sign in to the sync server"))
        self.setMinimumWidth(460)
        intro = QLabel(
            self.tr(
                "Your changes are kept on this computer and exchanged with the server "
                "whenever you are online. After one sign-in the app also opens offline."
            )
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        status = controller.status
        settings = controller.settings
        self.server_url = QLineEdit(
            (status.server_url if status else None) or settings.get(SERVER_URL)
        )
        self.server_url.setPlaceholderText("https://crm.example.com")
        self.username = QLineEdit((status.username if status else None) or settings.get(USERNAME))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.busy = QLabel(self.tr("Signing in and downloading your data…"))
        self.busy.setObjectName("hint")
        self.busy.hide()
        form = QFormLayout()
        form.addRow(self.tr("Server URL"), self.server_url)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Sign in"))
        self.ok_button.setObjectName("primary")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        for edit in (self.server_url, self.username, self.password):
            edit.returnPressed.connect(self.submit)
        first_empty = next(
            (e for e in (self.server_url, self.username, self.password) if not e.text()),
            self.password,
        )
        first_empty.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.ok_button.setEnabled(not busy)
        for edit in (self.server_url, self.username, self.password):
            edit.setEnabled(not busy)

    def submit(self) -> None:
        url = self.server_url.text().strip()
        name = self.username.text().strip()
        password = self.password.text()
        if not url.startswith(("http://", "https://")):
            self.show_error(self.tr("Enter the server address, e.g. https://crm.example.com"))
            return
        if not name or not password:
            self.show_error(self.tr("Enter your username and password."))
            return
        task = self.controller.login(url, name, password)
        if task is None:
            self.show_error(self.tr("A sync is running; try again when it has finished."))
            return
        self.error.hide()
        self._set_busy(True)
        task.succeeded.connect(self._succeeded)
        task.failed.connect(self._failed)

    def _succeeded(self, _result: object) -> None:
        self.password.clear()
        self._set_busy(False)
        self.accept()

    def _failed(self, error: object) -> None:
        self._set_busy(False)
        if isinstance(error, UserFacingError):
            self.show_error(error.message(current_lang()))
        else:
            self.show_error(self.tr("Sign-in failed unexpectedly; details are in the log file."))
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
        self.password.selectAll()

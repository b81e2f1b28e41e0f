"""Settings 设置, the data folder rows: where the data is, open it, move it elsewhere.

A move copies the data (settings/data_move.py), then closes the window: the app must
start again on the new folder, and nothing may be written to the old one meanwhile.

A part of SettingsPage (settings/page.py): its strings keep the page's translation
context, so they are written `translate("SettingsPage", …)`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from crm_desktop.config.paths import data_folder_is_movable
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.ui import application, messages
from crm_desktop.ui.settings.data_move import move_data_folder
from crm_desktop.ui.settings.form import SectionBase

translate = QCoreApplication.translate


class DataFolderSection(SectionBase):
    """The data folder rows of the General group (mixed into SettingsPage)."""

    data_folder_moved: SignalInstance  # declared on SettingsPage
    data_folder: Path

    def _add_data_folder_rows(self, form: QFormLayout) -> None:
        self.data_folder_edit = QLineEdit(str(self.data_folder))
        self.data_folder_edit.setReadOnly(True)
        self.open_folder_button = QPushButton(translate("SettingsPage", "Open folder"))
        self.open_folder_button.clicked.connect(lambda: messages.open_folder(self.data_folder))
        self.move_folder_button = QPushButton(translate("SettingsPage", "Move…"))
        self.move_folder_button.clicked.connect(self.choose_new_data_folder)
        row = QHBoxLayout()
        row.addWidget(self.data_folder_edit, 1)
        row.addWidget(self.open_folder_button)
        row.addWidget(self.move_folder_button)
        form.addRow(translate("SettingsPage", "Data folder"), row)
        self.move_note = QLabel()
        self.move_note.setObjectName("hint")
        self.move_note.setWordWrap(True)
        if data_folder_is_movable(self.data_folder, self.context.settings.path):
            self.move_note.setText(
                translate(
                    "SettingsPage",
                    "Move copies the data to another folder; the app then closes and uses "
                    "the new folder from its next start.",
                )
            )
        else:
            self.move_folder_button.setEnabled(False)
            self.move_note.setText(
                translate(
                    "SettingsPage",
                    "This folder was given with --data-dir or CRM_DESKTOP_DATA_DIR; change "
                    "it there.",
                )
            )
        form.addRow("", self.move_note)

    def choose_new_data_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, translate("SettingsPage", "Move the data to"), str(self.data_folder.parent)
        )
        if chosen:
            self.move_data_folder(Path(chosen))

    def move_data_folder(self, target: Path) -> bool:
        """Copy the data to `target` and point the settings at it; True when done.

        The window's background work (sync, nightly jobs) stops first, so the copy has
        everything; after the copy the window closes, so nothing more goes to the old
        folder. A refusal or failure leaves everything as it was, with a message.
        """
        window = self.window()
        pause = getattr(window, "pause_background_work", None)
        resume = getattr(window, "resume_background_work", None)
        if pause is not None:
            pause()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            moved = move_data_folder(self.context.services, self.context.settings, target)
        except UserFacingError as error:
            QGuiApplication.restoreOverrideCursor()
            if resume is not None:
                resume()
            application.show_error(error, self)
            return False
        QGuiApplication.restoreOverrideCursor()
        self.data_folder_moved.emit(moved)
        QMessageBox.information(
            self,
            translate("SettingsPage", "Data folder moved"),
            translate(
                "SettingsPage",
                "The data was copied to %1.\n\nCRM Desktop closes now; start it again to "
                "work in the new folder. The copy in the old folder %2 is left as it was "
                "(the settings may live there: keep the folder).",
            )
            .replace("%1", str(moved))
            .replace("%2", str(self.data_folder)),
        )
        if window is not self:
            window.close()
        return True

"""Settings 设置, the backup and restore group: the last automatic backup, back up now,
restore a backup (checked in the background, then confirmed), the backups folder.

A part of SettingsPage (settings/page.py): its strings keep the page's translation
context, so they are written `translate("SettingsPage", …)`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
)

from crm_desktop.config.settings import BACKUP_KEEP
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services import backups
from crm_desktop.services.container import Services
from crm_desktop.ui import application, messages
from crm_desktop.ui.settings.form import SectionBase, group_form
from crm_desktop.ui.tasks import BackgroundTask, run_task
from crm_desktop.ui.widgets import date_text

translate = QCoreApplication.translate


class BackupSection(SectionBase):
    """The backup and restore group (mixed into SettingsPage)."""

    backup_finished: SignalInstance  # declared on SettingsPage
    restore_checked: SignalInstance  # declared on SettingsPage

    # --- backup and restore ----------------------------------------------------------
    def _backup_group(self) -> QGroupBox:
        self.last_backup = QLabel()
        self.backup_note = QLabel()
        self.backup_note.setObjectName("hint")
        self.backup_note.setWordWrap(True)
        self.backup_button = QPushButton(translate("SettingsPage", "Back up now…"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(translate("SettingsPage", "Restore…"))
        self.restore_button.clicked.connect(self.choose_restore)
        self.backups_folder_button = QPushButton(translate("SettingsPage", "Open backups folder"))
        self.backups_folder_button.clicked.connect(self.open_backups_folder)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.backups_folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        group = QGroupBox(translate("SettingsPage", "Backup and restore"))
        form = group_form(group)
        form.addRow(translate("SettingsPage", "Last automatic backup"), self.last_backup)
        form.addRow("", self.backup_note)
        form.addRow("", buttons)
        self.backup_task: BackgroundTask | None = None
        self.restore_task: BackgroundTask | None = None
        return group

    def _show_last_backup(self) -> None:
        last = backups.last_backup_on(self.context.services)
        self.last_backup.setText(date_text(last) if last else translate("SettingsPage", "None yet"))
        self.backup_note.setText(
            translate(
                "SettingsPage",
                "The data is copied to the backups folder once a day; the last %1 copies are kept.",
            ).replace("%1", str(self.context.settings.get(BACKUP_KEEP)))
        )

    def open_backups_folder(self) -> None:
        folder = backups.backups_folder(self.context.services)
        with contextlib.suppress(OSError):  # the file manager then says what is wrong
            folder.mkdir(parents=True, exist_ok=True)
        messages.open_folder(folder)

    def backup_now(self) -> None:
        """Copy the data to a file the user picks, in the background."""
        suggested = (
            Path.home() / f"crm-backup-{self.context.services.clock.today().isoformat()}.sqlite3"
        )
        name, _filter = QFileDialog.getSaveFileName(
            self,
            translate("SettingsPage", "Back up the data"),
            str(suggested),
            translate("SettingsPage", "CRM backups (*.sqlite3)"),
        )
        if not name:
            return
        services = self.context.services
        self.backup_button.setEnabled(False)
        self.backup_note.setText(translate("SettingsPage", "Backing up…"))
        task = run_task(lambda _ctx: backups.backup_now(services, Path(name)), parent=self)
        task.succeeded.connect(self._backed_up)
        task.failed.connect(self._backup_failed)
        self.backup_task = task

    def _backed_up(self, path: object) -> None:
        self.backup_button.setEnabled(True)
        self.backup_note.setText(
            translate("SettingsPage", "Backed up to %1").replace("%1", str(path))
        )
        self.backup_finished.emit()

    def _backup_failed(self, error: object) -> None:
        self.backup_button.setEnabled(True)
        self._show_last_backup()
        self.backup_finished.emit()
        if not isinstance(error, UserFacingError):
            raise error if isinstance(error, BaseException) else RuntimeError(str(error))
        application.show_error(error, self)

    def choose_restore(self) -> None:
        """Pick a backup; it is checked in the background, then the user confirms."""
        name, _filter = QFileDialog.getOpenFileName(
            self,
            translate("SettingsPage", "Restore a backup"),
            str(backups.backups_folder(self.context.services)),
            translate("SettingsPage", "CRM backups (*.sqlite3);;All files (*)"),
        )
        if not name:
            return
        services = self.context.services
        self.restore_button.setEnabled(False)
        task = run_task(lambda _ctx: backups.preview_restore(services, Path(name)), parent=self)
        task.succeeded.connect(self._confirm_restore)
        task.failed.connect(self._restore_refused)
        self.restore_task = task

    def _restore_refused(self, error: object) -> None:
        self.restore_button.setEnabled(True)
        self.restore_checked.emit()
        if not isinstance(error, UserFacingError):
            raise error if isinstance(error, BaseException) else RuntimeError(str(error))
        application.show_error(error, self)

    def _confirm_restore(self, preview: backups.RestorePreview) -> None:
        self.restore_button.setEnabled(True)
        self.restore_checked.emit()
        keep = self._ask_restore(preview)
        if keep is not None:
            self.restore(preview.info.path, keep_pending=keep)

    def _ask_restore(self, preview: backups.RestorePreview) -> bool | None:
        """Ask before replacing the data: None to cancel, else whether to keep the
        current unsent changes."""
        info, pending = preview.info, preview.pending
        saved = info.saved_at.replace(tzinfo=dt.UTC).astimezone()
        lines = [
            translate("SettingsPage", "Restore the backup of %1?").replace(
                "%1", saved.strftime("%Y-%m-%d %H:%M")
            ),
            translate("SettingsPage", "Customers: %1").replace("%1", str(info.customers)),
            translate("SettingsPage", "Unsent changes in the backup: %1").replace(
                "%1", str(info.pending_outbox)
            ),
        ]
        if info.user_name:
            lines.append(translate("SettingsPage", "User: %1").replace("%1", info.user_name))
        lines.append("")
        lines.append(translate("SettingsPage", "The current data will be replaced by the backup."))
        if pending.count and not pending.can_keep:
            lines.append(
                translate(
                    "SettingsPage",
                    "The current data has %1 changes not yet sent to the server, and they "
                    "cannot be kept with another user's backup: they will be lost. To keep "
                    "them, cancel and sync first.",
                ).replace("%1", str(pending.count))
            )
        title = translate("SettingsPage", "Restore backup")
        if not messages.confirm(self, title, "\n".join(lines)):
            return None
        if not pending.count or not pending.can_keep:
            return False
        answer = QMessageBox.question(
            self,
            title,
            translate(
                "SettingsPage",
                "The current data has %1 changes not yet sent to the server. Keep them?\n\n"
                "Yes: add them to the restored data and send them at the next sync.\n"
                "No: discard them.",
            ).replace("%1", str(pending.count)),
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return None
        return answer == QMessageBox.StandardButton.Yes

    def restore(self, path: Path, *, keep_pending: bool) -> None:
        """Replace the data with the backup; the window reopens the store and its pages.

        This page is rebuilt too, so what follows talks to the window only.
        """
        window = self.window()
        if not hasattr(window, "reopen_store"):
            return  # a page shown alone (tests) has no window to reopen the store
        outcomes: list[backups.RestoreOutcome] = []

        def reopen(old: Services) -> Services:
            outcomes.append(backups.restore(old, path, keep_pending=keep_pending))
            return outcomes[-1].services

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            window.reopen_store(reopen)
        finally:
            QGuiApplication.restoreOverrideCursor()
        outcome = outcomes[-1]
        if outcome.error is not None:
            application.show_error(outcome.error, window)
            return
        text = QCoreApplication.translate("SettingsPage", "The backup was restored.")
        if outcome.kept_pending:
            text += "\n" + QCoreApplication.translate(
                "SettingsPage", "Unsent changes kept: %1. They are sent at the next sync."
            ).replace("%1", str(outcome.kept_pending))
        QMessageBox.information(
            window, QCoreApplication.translate("SettingsPage", "Restore backup"), text
        )

"""Settings 设置: language, data folder, sync server and account, the team policy (report
due hour, A/B shares of sales for value classes, visit cadence per class; recompute now),
and backup and restore.

The team policy decides synced values, so it is synced team data (services/policy.py),
not a setting of this laptop: a manager edits their team's, an admin the company
default; everyone else sees the values that apply to them, read-only."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.config.settings import BACKUP_KEEP, LANGUAGE, SERVER_URL, USERNAME
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.policy import TeamPolicy
from crm_desktop.services import backups
from crm_desktop.services.classification import classified_on, recompute_value_classes
from crm_desktop.services.container import Services
from crm_desktop.services.demo import DemoPerson, demo_people, sign_in_as_demo_person
from crm_desktop.ui import application, messages
from crm_desktop.ui.i18n import LANGUAGES
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.tasks import BackgroundTask, run_task
from crm_desktop.ui.widgets import date_text

MAX_WIDTH = 760
CADENCES = (("A", "cadence_a_days"), ("B", "cadence_b_days"), ("C", "cadence_c_days"))
SHARES = (("A", "abc_a_share_pct"), ("B", "abc_b_share_pct"))


class SettingsPage(Page):
    key = "settings"
    recompute_finished = Signal()  # the value classes were recomputed (or it failed)
    backup_finished = Signal()  # "Back up now" wrote its file (or failed)
    restore_checked = Signal()  # the chosen backup was checked (and the user asked)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Settings")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.data_folder = context.services.database_path.parent
        heading = QLabel(self.title())
        heading.setObjectName("pageTitle")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("pageNote")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_label, 1)
        # Settings read best as a column, not stretched across a wide window.
        content = QWidget()
        content.setMaximumWidth(MAX_WIDTH)
        column = QWidget()
        row = QHBoxLayout(column)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(content, 3)
        row.addStretch(1)
        # The groups scroll, the title and Save stay put: on a 768-pixel laptop screen the
        # page is taller than the window, and it must not stretch the window off screen.
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(column)
        outer = QVBoxLayout(self)
        outer.addWidget(heading)
        outer.addWidget(self.scroll_area, 1)
        outer.addLayout(buttons)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        groups = (
            self._general_group(),
            self._sync_group(),
            self._classes_group(),
            self._backup_group(),
        )
        for group in groups:
            layout.addWidget(group)
        people = demo_people(context.services)
        if people:
            layout.addWidget(self._demo_group(people))
        layout.addStretch(1)
        self.load()

    def _demo_group(self, people: list[DemoPerson]) -> QGroupBox:
        """Only in a demo store: see the app as another member of the demo team."""
        note = QLabel(
            self.tr(
                "This is demo data. Sign in as another member of the demo team to see the "
                "app as a sales rep or a supervisor does."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.demo_person = QComboBox()
        for person in people:
            role = person.role.label(self.context.lang)
            self.demo_person.addItem(f"{person.display_name} · {role}", person.id)
        current = self.demo_person.findData(self.context.services.actor.user_id)
        self.demo_person.setCurrentIndex(max(current, 0))
        self.switch_button = QPushButton(self.tr("Switch user"))
        self.switch_button.clicked.connect(self.switch_demo_user)
        row = QHBoxLayout()
        row.addWidget(self.demo_person, 1)
        row.addWidget(self.switch_button)
        group = QGroupBox(self.tr("Demo data"))
        form = QFormLayout(group)
        form.addRow(note)
        form.addRow(self.tr("Signed in as"), row)
        return group

    def switch_demo_user(self) -> None:
        try:
            sign_in_as_demo_person(self.context.services, self.demo_person.currentData())
        except UserFacingError as error:
            application.show_error(error, self)
            return
        window = self.window()
        if hasattr(window, "user_changed"):  # the pages are rebuilt for the new user
            window.user_changed()

    def _general_group(self) -> QGroupBox:
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        restart = QLabel(self.tr("A new language takes effect the next time you start the app."))
        restart.setObjectName("hint")
        restart.setWordWrap(True)
        self.data_folder_edit = QLineEdit(str(self.data_folder))
        self.data_folder_edit.setReadOnly(True)
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        self.open_folder_button.clicked.connect(lambda: messages.open_folder(self.data_folder))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_folder_edit, 1)
        folder_row.addWidget(self.open_folder_button)
        group = QGroupBox(self.tr("General"))
        form = QFormLayout(group)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", restart)
        form.addRow(self.tr("Data folder"), folder_row)
        return group

    def _sync_group(self) -> QGroupBox:
        self.server_url = QLineEdit()
        self.server_url.setPlaceholderText("https://crm.example.com")
        self.username = QLineEdit()
        self.login_button = QPushButton(self.tr("Sign in…"))
        self.login_button.clicked.connect(self.open_login)
        group = QGroupBox(self.tr("Sync server"))
        form = QFormLayout(group)
        form.addRow(self.tr("Server URL"), self.server_url)
        form.addRow(self.tr("Username"), self.username)
        login_row = QHBoxLayout()
        login_row.addWidget(self.login_button)
        login_row.addStretch(1)
        form.addRow("", login_row)
        return group

    def open_login(self) -> None:
        """The login dialog (ui/sync/login_dialog.py); it saves server and username."""
        from crm_desktop.ui.sync.controller import SyncController
        from crm_desktop.ui.sync.login_dialog import LoginDialog

        controller = self.context.sync or SyncController(
            self.context.services, self.context.settings, self
        )
        dialog = LoginDialog(controller, self.window())
        dialog.accepted.connect(self.load)
        self.login_dialog = dialog
        dialog.open()

    def _classes_group(self) -> QGroupBox:
        """The team policy: the report due hour, value classes A/B/C (SPEC §5: the Pareto
        shares) and the visit cadence per class."""
        group = QGroupBox(self.tr("Team policy: report deadline, customer classes, visits"))
        self.policy_group = group
        form = QFormLayout(group)
        self.policy_note = QLabel()
        self.policy_note.setObjectName("hint")
        self.policy_note.setWordWrap(True)
        form.addRow(self.policy_note)
        self.due_hour = QSpinBox()
        self.due_hour.setRange(0, 23)
        self.due_hour.setSuffix(":00")
        self.due_hour.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.due_hour.setFixedWidth(120)
        form.addRow(self.tr("Daily report due at"), self.due_hour)
        self.shares: dict[str, QSpinBox] = {}
        for letter, _option in SHARES:
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setFixedWidth(120)
            self.shares[letter] = spin
        form.addRow(self.tr("Class A: top share of sales"), self.shares["A"])
        form.addRow(self.tr("Class B: next share of sales"), self.shares["B"])
        self.cadence: dict[str, QSpinBox] = {}
        for letter, _option in CADENCES:
            spin = QSpinBox()
            spin.setRange(1, 365)
            spin.setSuffix(self.tr(" days"))
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setFixedWidth(120)
            self.cadence[letter] = spin
            form.addRow(self.tr("Class %1 customers every").replace("%1", letter), spin)
        self.recompute_button = QPushButton(self.tr("Recompute classes now"))
        self.recompute_button.clicked.connect(self.recompute_classes)
        self.classes_note = QLabel()
        self.classes_note.setObjectName("hint")
        self.classes_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.recompute_button)
        row.addWidget(self.classes_note, 1)
        form.addRow("", row)
        self.recompute_task: BackgroundTask | None = None
        return group

    def _show_classified_on(self) -> None:
        last = classified_on(self.context.services)
        text = self.tr("Recomputed every night; last on %1.").replace("%1", date_text(last))
        self.classes_note.setText(text if last else self.tr("Recomputed every night."))

    def recompute_classes(self) -> None:
        """Save the shares first, so the run uses what the user sees, then recompute."""
        if not self.save():
            return
        services = self.context.services
        today = services.clock.today()
        self.recompute_button.setEnabled(False)
        self.classes_note.setText(self.tr("Recomputing…"))
        # With the synced team policy of each customer's owner, as the nightly run.
        task = run_task(lambda _ctx: recompute_value_classes(services, today), parent=self)
        task.succeeded.connect(self._recomputed)
        task.failed.connect(self._recompute_failed)
        self.recompute_task = task

    def _recomputed(self, changed: object) -> None:
        self.recompute_button.setEnabled(True)
        self.recompute_finished.emit()
        self.classes_note.setText(
            self.tr("Done. Customers whose class changed: %1").replace("%1", str(changed))
        )

    def _recompute_failed(self, error: object) -> None:
        self.recompute_button.setEnabled(True)
        self.recompute_finished.emit()
        self._show_classified_on()
        if not isinstance(error, UserFacingError):
            raise error if isinstance(error, BaseException) else RuntimeError(str(error))
        application.show_error(error, self)

    # --- backup and restore ----------------------------------------------------------
    def _backup_group(self) -> QGroupBox:
        self.last_backup = QLabel()
        self.backup_note = QLabel()
        self.backup_note.setObjectName("hint")
        self.backup_note.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("Back up now…"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.clicked.connect(self.choose_restore)
        self.backups_folder_button = QPushButton(self.tr("Open backups folder"))
        self.backups_folder_button.clicked.connect(self.open_backups_folder)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.backups_folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        group = QGroupBox(self.tr("Backup and restore"))
        form = QFormLayout(group)
        form.addRow(self.tr("Last automatic backup"), self.last_backup)
        form.addRow("", self.backup_note)
        form.addRow("", buttons)
        self.backup_task: BackgroundTask | None = None
        self.restore_task: BackgroundTask | None = None
        return group

    def _show_last_backup(self) -> None:
        last = backups.last_backup_on(self.context.services)
        self.last_backup.setText(date_text(last) if last else self.tr("None yet"))
        self.backup_note.setText(
            self.tr(
                "The data is copied to the backups folder once a day; the last %1 copies are kept."
            ).replace("%1", str(self.context.settings.get(BACKUP_KEEP)))
        )

    def page_shown(self) -> None:
        self._show_last_backup()

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
            self, self.tr("Back up the data"), str(suggested), self.tr("CRM backups (*.sqlite3)")
        )
        if not name:
            return
        services = self.context.services
        self.backup_button.setEnabled(False)
        self.backup_note.setText(self.tr("Backing up…"))
        task = run_task(lambda _ctx: backups.backup_now(services, Path(name)), parent=self)
        task.succeeded.connect(self._backed_up)
        task.failed.connect(self._backup_failed)
        self.backup_task = task

    def _backed_up(self, path: object) -> None:
        self.backup_button.setEnabled(True)
        self.backup_note.setText(self.tr("Backed up to %1").replace("%1", str(path)))
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
            self.tr("Restore a backup"),
            str(backups.backups_folder(self.context.services)),
            self.tr("CRM backups (*.sqlite3);;All files (*)"),
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
            self.tr("Restore the backup of %1?").replace("%1", saved.strftime("%Y-%m-%d %H:%M")),
            self.tr("Customers: %1").replace("%1", str(info.customers)),
            self.tr("Unsent changes in the backup: %1").replace("%1", str(info.pending_outbox)),
        ]
        if info.user_name:
            lines.append(self.tr("User: %1").replace("%1", info.user_name))
        lines.append("")
        lines.append(self.tr("The current data will be replaced by the backup."))
        if pending.count and not pending.can_keep:
            lines.append(
                self.tr(
                    "The current data has %1 changes not yet sent to the server, and they "
                    "cannot be kept with another user's backup: they will be lost. To keep "
                    "them, cancel and sync first."
                ).replace("%1", str(pending.count))
            )
        title = self.tr("Restore backup")
        if not messages.confirm(self, title, "\n".join(lines)):
            return None
        if not pending.count or not pending.can_keep:
            return False
        answer = QMessageBox.question(
            self,
            title,
            self.tr(
                "The current data has %1 changes not yet sent to the server. Keep them?\n\n"
                "Yes: add them to the restored data and send them at the next sync.\n"
                "No: discard them."
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

    def load(self) -> None:
        settings = self.context.settings
        index = self.language.findData(settings.get(LANGUAGE))
        self.language.setCurrentIndex(max(index, 0))
        self.server_url.setText(settings.get(SERVER_URL))
        self.username.setText(settings.get(USERNAME))
        self._load_policy()
        self._show_classified_on()
        self._show_last_backup()

    def _policy_spins(self) -> list[QSpinBox]:
        return [self.due_hour, *self.shares.values(), *self.cadence.values()]

    def _load_policy(self) -> None:
        """The policy that applies to the user; editable only by whom may set it."""
        view = self.context.services.policy.view()
        self.policy_editable = view.editable
        columns = view.policy.columns()
        self.due_hour.setValue(columns["report_due_hour"])
        for letter, name in CADENCES:
            self.cadence[letter].setValue(columns[name])
        for letter, name in SHARES:
            self.shares[letter].setValue(columns[name])
        for spin in self._policy_spins():
            spin.setReadOnly(not view.editable)
            spin.setButtonSymbols(
                QSpinBox.ButtonSymbols.UpDownArrows
                if view.editable
                else QSpinBox.ButtonSymbols.NoButtons
            )
        if not view.editable:
            note = self.tr("Set by your manager; the same on every laptop of your team.")
        elif view.team_id is None:
            note = self.tr("The company default: applies to every team without its own.")
        else:
            note = self.tr("Your team's policy: synced to the laptops of everyone in it.")
        self.policy_note.setText(note)

    def _shown_policy(self) -> TeamPolicy:
        values = {name: self.shares[letter].value() for letter, name in SHARES}
        values |= {name: self.cadence[letter].value() for letter, name in CADENCES}
        return TeamPolicy.from_columns({"report_due_hour": self.due_hour.value(), **values})

    def _save_policy(self) -> bool:
        """Write the shown policy to the team's synced row if the user may and it changed."""
        if not self.policy_editable:
            return True
        policies = self.context.services.policy
        try:
            shown = self._shown_policy()
            if shown != policies.view().policy:
                policies.save(shown)
        except UserFacingError as error:
            application.show_error(error, self)
            return False
        return True

    def save(self) -> bool:
        """Store what the page shows; False (with a message) when it cannot be saved."""
        settings = self.context.settings
        if not self._save_policy():
            return False
        settings.set(LANGUAGE, str(self.language.currentData()))
        settings.set(SERVER_URL, self.server_url.text().strip())
        settings.set(USERNAME, self.username.text().strip())
        try:
            settings.save()
        except OSError as error:
            application.show_error(
                UserFacingError(
                    f"无法保存设置：{error}", f"The settings could not be saved: {error}"
                ),
                self,
            )
            return False
        self.saved_label.setText(self.tr("Settings saved."))
        return True

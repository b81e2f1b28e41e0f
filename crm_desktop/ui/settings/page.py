"""Settings 设置: language, data folder (open, move), sync server and account, the team
policy (settings/policy.py), backup and restore (settings/backup.py), and in a demo store
the demo user switch. Save stores what the page shows.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.config.settings import LANGUAGE, SERVER_URL, USERNAME
from crm_desktop.demo.generator import DemoPerson, demo_people, sign_in_as_demo_person
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.ui import application
from crm_desktop.ui.i18n import LANGUAGES
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.settings.attachments import AttachmentLimitsSection
from crm_desktop.ui.settings.backup import BackupSection
from crm_desktop.ui.settings.data_folder import DataFolderSection
from crm_desktop.ui.settings.form import group_form
from crm_desktop.ui.settings.policy import PolicySection
from crm_desktop.ui.settings.reminders import ReminderSection

MAX_WIDTH = 760


class SettingsPage(
    PolicySection, BackupSection, DataFolderSection, ReminderSection, AttachmentLimitsSection, Page
):
    key = "settings"
    recompute_finished = Signal()  # the value classes were recomputed (or it failed)
    backup_finished = Signal()  # "Back up now" wrote its file (or failed)
    restore_checked = Signal()  # the chosen backup was checked (and the user asked)
    data_folder_moved = Signal(object)  # the new folder (Path), once the copy is complete

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Settings")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.data_folder = context.services.database_path.parent
        self._chosen_language: str | None = None  # saved on this page, for the next start
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
            self._reminders_group(),
            self._attachments_group(),
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
        form = group_form(group)
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
        group = QGroupBox(self.tr("General"))
        form = group_form(group)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", restart)
        self._add_data_folder_rows(form)
        return group

    def _sync_group(self) -> QGroupBox:
        self.server_url = QLineEdit()
        self.server_url.setPlaceholderText("https://crm.example.com")
        self.username = QLineEdit()
        self.login_button = QPushButton(self.tr("Sign in…"))
        self.login_button.clicked.connect(self.open_login)
        group = QGroupBox(self.tr("Sync server"))
        form = group_form(group)
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

    def _running_language(self) -> str:
        lang = self.context.lang
        return "en" if lang.startswith("en") else lang

    def page_shown(self) -> None:
        self._show_last_backup()

    def load(self) -> None:
        settings = self.context.settings
        # The language the app runs in (it may come from --lang, not the settings), until
        # the user picks another one for the next start.
        shown = self._chosen_language or self._running_language()
        self.language.setCurrentIndex(max(self.language.findData(shown), 0))
        self.server_url.setText(settings.get(SERVER_URL))
        self.username.setText(settings.get(USERNAME))
        self._load_policy()
        self._load_reminders()
        self._load_attachment_limits()
        self._show_classified_on()
        self._show_last_backup()

    def save(self) -> bool:
        """Store what the page shows; False (with a message) when it cannot be saved."""
        settings = self.context.settings
        if not self._save_policy():
            return False
        self._chosen_language = str(self.language.currentData())
        settings.set(LANGUAGE, self._chosen_language)
        settings.set(SERVER_URL, self.server_url.text().strip())
        settings.set(USERNAME, self.username.text().strip())
        self._save_reminders()
        self._save_attachment_limits()
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
        self._reminders_saved()
        return True

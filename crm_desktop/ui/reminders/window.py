"""The reminders' part of the main window: the controller, the tray notifier, the status
bar's bell and the list, wired together. MainWindow holds one `WindowReminders` and calls
`attach` when its pages are (re)built, `install` when its status bar is, `start`/`stop`
with its other background work."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow, QStatusBar

from crm_desktop.config.settings import Settings
from crm_desktop.domain.reminders import PopUp, Reminder
from crm_desktop.services.container import Services
from crm_desktop.ui.operations import Operations
from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.reminders.controller import ReminderController
from crm_desktop.ui.reminders.navigation import open_target
from crm_desktop.ui.reminders.panel import ReminderBell, ReminderPanel, t
from crm_desktop.ui.reminders.tray import TrayNotifier


class WindowReminders(QObject):
    def __init__(
        self, window: QMainWindow, services: Services, settings: Settings, lang: str
    ) -> None:
        super().__init__(window)
        self.window = window
        self.lang = lang
        self.controller = ReminderController(services, settings, lang, self)
        self.tray = TrayNotifier(self, tooltip=t(lang, "CRM 客户管理", "CRM Desktop"))
        self.panel = ReminderPanel(lang, window)
        self.bell: ReminderBell | None = None
        self.controller.updated.connect(self._updated)
        self.controller.popped.connect(self._popped)
        self.panel.opened.connect(self.open)
        self.panel.dismissed.connect(self.controller.dismiss)
        self.panel.settings_requested.connect(self._open_settings)
        self.tray.activated.connect(self.show_list)
        window.installEventFilter(self)  # the open list follows the window's size
        self._note()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.panel.isVisible():
            self.panel.place()
        return False

    def attach(self, services: Services, operations: Operations) -> None:
        self.controller.attach(services, operations)

    def install(self, status_bar: QStatusBar) -> None:
        """Put the bell into a (new) status bar, showing the current count."""
        self.bell = ReminderBell(self.lang)
        self.bell.clicked.connect(self.toggle_list)
        self.bell.show_reminders(self.controller.reminders)
        status_bar.addPermanentWidget(self.bell)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    def shutdown(self) -> None:
        self.controller.stop()
        self.tray.hide()

    # --- showing -------------------------------------------------------------------------
    def _updated(self, reminders: list[Reminder]) -> None:
        if self.bell is not None:
            self.bell.show_reminders(reminders)
        self.panel.show_reminders(reminders)
        self.tray.set_tooltip(
            t(self.lang, f"CRM 客户管理 · {len(reminders)} 条提醒",
              f"CRM Desktop · {len(reminders)} reminders")
        )  # fmt: skip

    def _popped(self, message: PopUp) -> None:
        self.tray.notify(message)

    def _note(self) -> None:
        self.panel.show_note(self.controller.preferences(), self.tray.available)

    def toggle_list(self) -> None:
        self._note()
        self.panel.toggle()

    def show_list(self) -> None:
        if self.window.isMinimized():
            self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        self._note()
        self.panel.open()

    def open(self, reminder: Reminder) -> Page | None:
        self.panel.hide()
        stack = getattr(self.window, "stack", None)
        available = list(stack.keys) if stack is not None else []
        return open_target(self.window, available, reminder.target)  # type: ignore[arg-type]

    def _open_settings(self) -> None:
        self.panel.hide()
        show_page = getattr(self.window, "show_page", None)
        if show_page is not None:
            page = show_page("settings")
            reveal = getattr(page, "show_reminder_settings", None)
            if reveal is not None:
                reveal()

    def preferences_changed(self) -> None:
        """The Settings page saved new choices: evaluate again and say them in the list."""
        self._note()
        self.controller.tick()

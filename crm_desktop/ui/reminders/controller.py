"""The reminders' clock: a QTimer on the GUI thread asks the service every minute (and a
second after another page wrote plans, reports or follow-ups) on the read lane of the
operations hub, then decides on the GUI thread what the list shows and what pops up.

The rule is domain/reminders.py; the facts come from services/reminders.py. The memory of
pop-ups and dismissals is the settings file (`ReminderMemory`), written here, on the GUI
thread, like every other setting.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from crm_desktop.config.settings import Settings
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.reminders import (
    PopUp,
    Reminder,
    ReminderPreferences,
    pop_up,
    to_pop,
    visible,
)
from crm_desktop.services.container import Services
from crm_desktop.services.reminders import ReminderMemory
from crm_desktop.ui.operations import FOLLOW_UPS, PLANS, REPORTS, OpChanges, Operations
from crm_desktop.ui.tasks import BackgroundTask

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 10_000  # after start: the first screen comes first
CHECK_EVERY_MS = 60_000
AFTER_CHANGE_MS = 1_000  # a burst of writes gives one evaluation
# What a write must touch for the reminders to be looked at again before the next minute.
WATCHED = PLANS | REPORTS | FOLLOW_UPS


class ReminderController(QObject):
    updated = Signal(object)  # list[Reminder]: what the in-app list shows now
    popped = Signal(object)  # PopUp: new reminders to pop up (never in quiet hours)

    def __init__(
        self, services: Services, settings: Settings, lang: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.memory = ReminderMemory(settings)
        self.lang = lang
        self.reminders: list[Reminder] = []
        self._hub: Operations | None = None
        self._task: BackgroundTask | None = None
        self._again = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AFTER_CHANGE_MS)
        self._soon.timeout.connect(self.tick)

    # --- lifetime ------------------------------------------------------------------------
    def start(self) -> None:
        self._timer.start(FIRST_CHECK_MS)

    def stop(self) -> None:
        """No further checks (the store is about to close); a running one still lands."""
        self._timer.stop()
        self._soon.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def attach(self, services: Services, operations: Operations) -> None:
        """Follow the pages' hub (rebuilt with the pages after a login or a restore)."""
        if self._hub is not None:
            self._hub.did_change.disconnect(self._changed)
        self.services = services
        self._hub = operations
        operations.did_change.connect(self._changed)
        if self.running:  # another user, or another store: look again soon
            self._soon.start()

    def _changed(self, changes: OpChanges, _origin: object) -> None:
        if self.running and changes.touches(WATCHED):
            self._soon.start()

    # --- evaluation ----------------------------------------------------------------------
    def preferences(self) -> ReminderPreferences:
        return self.memory.preferences()

    def tick(self) -> BackgroundTask | None:
        """Evaluate now (the timer's slot; tests call it). None while one is under way:
        that one's result is followed by another evaluation."""
        if self._timer.isActive():
            self._timer.setInterval(CHECK_EVERY_MS)
        if self._task is not None:
            self._again = True
            return None
        prefs = self.memory.preferences()
        services = self.services
        hub = self._hub or Operations(self)
        task = hub.read(
            lambda: services.reminders().due(prefs),
            parent=self,
            success=lambda found: self._arrived(found, prefs),
            failure=self._failed,
        )
        self._task = task
        return task

    def _arrived(self, found: list[Reminder], prefs: ReminderPreferences) -> None:
        self._task = None
        clock = self.services.clock
        now = clock.local_now().replace(tzinfo=None)
        self.reminders = visible(found, self.memory.dismissed())
        new = to_pop(self.reminders, self.memory.popped(), now, prefs)
        message: PopUp | None = pop_up(new, self.lang)
        if message is not None:
            self.memory.mark_popped([r.key for r in new], now.date())
        self.updated.emit(self.reminders)
        if message is not None:
            self.popped.emit(message)
        self._next()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        # A locked or closing store now is looked at again in a minute; not worth a dialog.
        if isinstance(error, UserFacingError):
            log.warning("reminders not read: %s", error.message("en"))
        else:
            log.error("reminders not read", exc_info=error)
        self._next()

    def _next(self) -> None:
        if self._again:
            self._again = False
            self.tick()

    # --- the user's actions --------------------------------------------------------------
    def dismiss(self, keys: list[str]) -> None:
        """Take reminders off the list for good (a changed fact brings a new one)."""
        self.memory.dismiss(keys, self.services.clock.today())
        gone = set(keys)
        self.reminders = [r for r in self.reminders if r.key not in gone]
        self.updated.emit(self.reminders)

    def set_preferences(self, prefs: ReminderPreferences) -> BackgroundTask | None:
        """New choices from Settings: kept (the page saves the file) and applied now."""
        self.memory.set_preferences(prefs)
        return self.tick()

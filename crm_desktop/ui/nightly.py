"""Work the app does once a day in the background: today, recomputing value classes A/B/C.

A laptop is rarely on at midnight, so "nightly" means the first chance each day: a check
shortly after start (not during it: the first screen comes first) and then every hour,
each a no-op when the day's run is done (services/classification.recompute_if_due).
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QObject, QTimer, Signal

from crm_desktop.config.settings import Settings, abc_thresholds
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.classification import recompute_if_due
from crm_desktop.services.container import Services
from crm_desktop.ui.tasks import BackgroundTask, run_task

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 60_000
CHECK_EVERY_MS = 60 * 60_000


class NightlyJobs(QObject):
    finished = Signal(object)  # customers reclassified, or None when already done today

    def __init__(self, services: Services, settings: Settings, parent: QObject | None = None):
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self._task: BackgroundTask | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.run_now)

    def start(self) -> None:
        self._timer.start(FIRST_CHECK_MS)

    def run_now(self) -> BackgroundTask | None:
        """Start the day's run unless one is under way; the timer then checks hourly."""
        self._timer.setInterval(CHECK_EVERY_MS)
        if self._task is not None:
            return None
        services, today = self._services, dt.date.today()
        thresholds = abc_thresholds(self._settings)
        task = run_task(lambda _ctx: recompute_if_due(services, today, thresholds), parent=self)
        task.succeeded.connect(self._done)
        task.failed.connect(self._failed)
        self._task = task
        return task

    def _done(self, changed: object) -> None:
        self._task = None
        if changed is not None:
            log.info("nightly: value classes recomputed, %s customers changed class", changed)
        self.finished.emit(changed)

    def _failed(self, error: object) -> None:
        # A locked or full store tonight is retried in an hour; it is not worth a dialog.
        self._task = None
        if not isinstance(error, UserFacingError):
            log.error("nightly: value class recomputation failed", exc_info=error)  # type: ignore[arg-type]
        else:
            log.warning("nightly: value classes not recomputed: %s", error.message("en"))
        self.finished.emit(None)

"""Work the app does once a day in the background: recomputing value classes A/B/C, then
the daily backup of the store, then (on a supervisor's or manager's laptop) returning the
leads over the pool rule to the team's pool (services/leads/leads.py `sweep`), and a
collection follow-up for each overdue debt of the user's customers
(services/receivables/overdue.py; one per debt, however often it runs).

A laptop is rarely on at midnight, so "nightly" means the first chance each day: a check
shortly after start (not during it: the first screen comes first) and then every hour,
each a no-op when the day's run is done (services/customers/classification.recompute_if_due,
services/backups.backup_if_due). Both jobs run in one background task, so they never
compete with each other for the store; a failed job is simply tried again next hour.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from crm_desktop.config.settings import BACKUP_KEEP, Settings
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.backups import backup_if_due
from crm_desktop.services.container import Services
from crm_desktop.services.customers.classification import recompute_if_due
from crm_desktop.services.receivables.overdue import create_overdue_follow_ups
from crm_desktop.ui.tasks import BackgroundTask, run_task

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 60_000
CHECK_EVERY_MS = 60 * 60_000


@dataclass(frozen=True)
class NightlyRun:
    reclassified: int | None  # customers whose class changed; None: already done today
    backup: Path | None  # today's backup; None: already made today
    # A job that failed this time (it runs again at the next hourly check).
    class_error: Exception | None = None
    backup_error: Exception | None = None
    # Collection follow-ups made for overdue money (0 once every debt has one).
    overdue_follow_ups: int | None = None


def run_nightly(services: Services, today: dt.date, settings: Settings) -> NightlyRun:
    """The day's jobs in order; one job failing does not keep the other from running.

    Value classes follow the synced team policy (services/policy.py), never this laptop's
    settings: every laptop holding a portfolio must compute the same classes."""
    keep = settings.get(BACKUP_KEEP)
    reclassified: int | None = None
    backup: Path | None = None
    class_error = backup_error = None
    try:
        reclassified = recompute_if_due(services, today)
    except Exception as error:  # reported on the GUI thread, like a task failure
        class_error = error
    try:
        backup = backup_if_due(services, today, keep)
    except Exception as error:
        backup_error = error
    try:  # a leader's laptop gives the leads over the pool rule back to the pool
        services.leads.sweep()
    except Exception:  # tried again at the next hourly check
        log.warning("returning overdue leads to the pool failed", exc_info=True)
    follow_ups: int | None = None
    try:
        follow_ups = create_overdue_follow_ups(services.store, services.user, today)
    except Exception:  # tried again at the next hourly check
        log.warning("follow-ups for overdue money failed", exc_info=True)
    return NightlyRun(reclassified, backup, class_error, backup_error, follow_ups)


class NightlyJobs(QObject):
    finished = Signal(object)  # customers reclassified, or None when already done today
    backed_up = Signal(object)  # the path of today's new backup

    def __init__(self, services: Services, settings: Settings, parent: QObject | None = None):
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self._task: BackgroundTask | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.run_now)

    def start(self) -> None:
        self._timer.start(FIRST_CHECK_MS)

    def stop(self) -> None:
        """No further runs (the store is about to close); a running one still finishes."""
        self._timer.stop()

    def run_now(self) -> BackgroundTask | None:
        """Start the day's run unless one is under way; the timer then checks hourly."""
        self._timer.setInterval(CHECK_EVERY_MS)
        if self._task is not None:
            return None
        services, settings = self._services, self._settings
        today = services.clock.today()
        task = run_task(lambda _ctx: run_nightly(services, today, settings), parent=self)
        task.succeeded.connect(self._done)
        task.failed.connect(self._failed)
        self._task = task
        return task

    def _done(self, run: NightlyRun) -> None:
        self._task = None
        if run.class_error is not None:
            self._log_failure("value class recomputation", run.class_error)
        elif run.reclassified is not None:
            log.info(
                "nightly: value classes recomputed, %s customers changed class", run.reclassified
            )
        if run.backup_error is not None:
            self._log_failure("backup", run.backup_error)
        elif run.backup is not None:
            log.info("nightly: store backed up to %s", run.backup)
            self.backed_up.emit(run.backup)
        self.finished.emit(run.reclassified)

    def _failed(self, error: object) -> None:
        self._task = None
        self._log_failure("run", error)
        self.finished.emit(None)

    @staticmethod
    def _log_failure(job: str, error: object) -> None:
        # A locked or full store tonight is retried in an hour; it is not worth a dialog.
        if not isinstance(error, UserFacingError):
            log.error("nightly: %s failed", job, exc_info=error)  # type: ignore[arg-type]
        else:
            log.warning("nightly: %s not done: %s", job, error.message("en"))

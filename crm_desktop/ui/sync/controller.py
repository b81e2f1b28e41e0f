"""The GUI's one sync driver: sync now, automatic sync, login, and the status snapshot.

Everything that talks to the store or the server runs on the task pool (`ui/tasks.py`,
one background thread); the controller lives on the GUI thread and tells the widgets
through signals. Only plain dataclasses (`SyncStatus`, `Conflict`, `SyncReport`) cross
threads.

- `sync_now()` starts a sync unless one is running; `cancel()` asks it to stop between
  batches and pages. `progressed(phase, done, total)` reports it (total -1: unknown).
- While signed in, a QTimer syncs every `SYNC_INTERVAL_MIN` minutes; a tick is skipped
  when a sync is already running, and an Offline error does not stop the timer.
- `refresh()` re-reads status and the conflict inbox; `state_changed` follows.
- `login(url, username, password)` signs in and then syncs once, so the user's own row
  arrives before the laptop switches to that user; `user_changed` follows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot

from crm_desktop.config.settings import SERVER_URL, SYNC_INTERVAL_MIN, USERNAME, Settings
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.container import Services
from crm_desktop.services.sync import Conflict, SyncStatus
from crm_desktop.sync.client.engine import SyncReport
from crm_desktop.sync.client.errors import Cancelled, DeviceRevoked
from crm_desktop.ui.tasks import (
    PROGRESS_INTERVAL_S,
    BackgroundTask,
    Lane,
    TaskContext,
    run_task,
)


@dataclass(frozen=True)
class Snapshot:
    status: SyncStatus
    conflicts: list[Conflict]


@dataclass(frozen=True)
class LoginOutcome:
    user_id: str
    report: SyncReport | None
    sync_error: UserFacingError | None


class SyncController(QObject):
    state_changed = Signal()  # status / conflicts re-read
    running_changed = Signal(bool)
    progressed = Signal(str, int, int)  # phase ("push" / "pull"), done, total (-1 unknown)
    synced = Signal(object)  # SyncReport
    sync_failed = Signal(object)  # UserFacingError (or a bug's exception)
    sync_cancelled = Signal()
    login_succeeded = Signal(str)  # user id
    login_failed = Signal(object)  # the exception
    user_changed = Signal()

    # Emitted on the worker thread, delivered on the GUI thread.
    _phase_from_worker = Signal(str, int, int)

    def __init__(
        self, services: Services, settings: Settings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.status: SyncStatus | None = None
        self.conflicts: list[Conflict] = []
        self.last_error: UserFacingError | None = None
        self.last_report: SyncReport | None = None
        self.automatic = False  # whether the running sync was started by the timer
        self._task: BackgroundTask | None = None
        self._adopt_user_id: str | None = None  # signed in, user row not pulled yet
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self._phase_from_worker.connect(self._on_phase, Qt.ConnectionType.QueuedConnection)

    # --- state -----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._task is not None

    @property
    def interval_ms(self) -> int:
        return max(1, int(self.settings.get(SYNC_INTERVAL_MIN))) * 60_000

    def refresh(self) -> BackgroundTask:
        """Re-read status and inbox in the background; `state_changed` when done."""
        sync = self.services.sync
        task = run_task(lambda _ctx: Snapshot(sync.status(), sync.conflicts()), parent=self)
        task.succeeded.connect(self._apply_snapshot)
        return task

    @Slot(object)
    def _apply_snapshot(self, snapshot: Snapshot) -> None:
        self.status = snapshot.status
        self.conflicts = snapshot.conflicts
        if snapshot.status.signed_in and not self.timer.isActive():
            self.timer.start(self.interval_ms)
        elif not snapshot.status.signed_in:
            self.timer.stop()
        self.state_changed.emit()

    def _tick(self) -> None:
        if not self.running and self.status is not None and self.status.signed_in:
            self.sync_now(automatic=True)

    # --- sync ------------------------------------------------------------------------
    def sync_now(self, *, automatic: bool = False) -> BackgroundTask | None:
        """Start a sync; None when one is already running."""
        if self._task is not None:
            return None
        sync = self.services.sync
        emit = self._phase_from_worker.emit

        def work(ctx: TaskContext) -> tuple[SyncReport, Snapshot]:
            last = [0.0]

            def progress(phase: str, done: int, total: int | None) -> None:
                now = time.monotonic()
                final = total is not None and done >= total
                if final or now - last[0] >= PROGRESS_INTERVAL_S:
                    last[0] = now
                    emit(phase, done, -1 if total is None else total)

            report = sync.sync_now(progress=progress, cancel=ctx.is_cancelled)
            return report, Snapshot(sync.status(), sync.conflicts())

        self.automatic = automatic
        self.last_error = None
        # Its own lane: minutes of pulled pages never hold up a page's load or a save.
        task = run_task(work, parent=self, cancel_exceptions=(Cancelled,), lane=Lane.SYNC)
        task.succeeded.connect(self._on_synced)
        task.failed.connect(self._on_failed)
        task.cancelled.connect(self._on_cancelled)
        task.finished.connect(self._on_finished)
        self._task = task
        self.running_changed.emit(True)
        return task

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    @Slot(str, int, int)
    def _on_phase(self, phase: str, done: int, total: int) -> None:
        if self._task is not None:
            self.progressed.emit(phase, done, total)

    @Slot(object)
    def _on_synced(self, result: tuple[SyncReport, Snapshot]) -> None:
        report, snapshot = result
        self.last_report = report
        if self._adopt_user_id is not None:
            self._switch_user(self._adopt_user_id)
        self._apply_snapshot(snapshot)
        self.synced.emit(report)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self.last_error = error if isinstance(error, UserFacingError) else None
        if isinstance(error, DeviceRevoked) and error.wipe:
            # The store was emptied under the pages: they are rebuilt on the empty store.
            self.services.user.reload()
            self.user_changed.emit()
        self.sync_failed.emit(error)
        self.refresh()

    @Slot()
    def _on_cancelled(self) -> None:
        self.sync_cancelled.emit()
        self.refresh()

    @Slot()
    def _on_finished(self) -> None:
        self._task = None
        self.running_changed.emit(False)

    # --- login -----------------------------------------------------------------------
    def login(self, server_url: str, username: str, password: str) -> BackgroundTask | None:
        """Sign in and sync once in the background; None while a sync is running.

        The password lives only in this call's closure; it is never stored.
        """
        if self._task is not None:
            return None
        sync = self.services.sync
        url = server_url.strip().rstrip("/")
        name = username.strip()

        def work(_ctx: TaskContext) -> tuple[LoginOutcome, Snapshot]:
            user_id = sync.login(url, name, password)
            report: SyncReport | None = None
            error: UserFacingError | None = None
            try:
                report = sync.sync_now(server_url=url)
            except UserFacingError as failed:
                error = failed
            return LoginOutcome(user_id, report, error), Snapshot(sync.status(), sync.conflicts())

        self.last_error = None
        task = run_task(work, parent=self, lane=Lane.SYNC)  # the first sync follows the login
        task.succeeded.connect(lambda result: self._on_logged_in(result, url, name))
        task.failed.connect(self.login_failed.emit)
        task.failed.connect(lambda _error: self.refresh())
        task.finished.connect(self._on_finished)
        self._task = task
        self.running_changed.emit(True)
        return task

    def _on_logged_in(self, result: tuple[LoginOutcome, Snapshot], url: str, name: str) -> None:
        outcome, snapshot = result
        self.settings.set(SERVER_URL, url)
        self.settings.set(USERNAME, name)
        # The store remembers the server and the user; the settings only prefill forms.
        with contextlib.suppress(OSError):
            self.settings.save()
        if outcome.sync_error is None:
            self.last_report = outcome.report
            self._switch_user(outcome.user_id)
        else:
            # The user's own row comes with the first pull: switch after the next sync.
            self._adopt_user_id = outcome.user_id
            self.last_error = outcome.sync_error
        self._apply_snapshot(snapshot)
        self.login_succeeded.emit(outcome.user_id)
        if outcome.sync_error is not None:
            self.sync_failed.emit(outcome.sync_error)

    def _switch_user(self, user_id: str) -> None:
        self._adopt_user_id = None
        if self.services.actor.user_id != user_id:
            self.services.user.switch(user_id)
            self.user_changed.emit()

    # --- conflicts -------------------------------------------------------------------
    def resolve(self, conflict_id: str, *, reapply: bool) -> BackgroundTask:
        """Re-apply or discard one inbox entry in the background, then refresh."""
        sync = self.services.sync
        actor_id = self.services.actor.user_id

        def work(_ctx: TaskContext) -> Snapshot:
            if reapply:
                sync.reapply(conflict_id, actor_id)
            else:
                sync.discard(conflict_id, actor_id)
            return Snapshot(sync.status(), sync.conflicts())

        task = run_task(work, parent=self, lane=Lane.WRITE)  # a user's write: the writer lane
        task.succeeded.connect(self._apply_snapshot)
        return task

    # --- lifetime --------------------------------------------------------------------
    def start(self) -> None:
        """Read the status once; the timer starts when it says the user is signed in."""
        self.refresh()

    def shutdown(self) -> None:
        self.timer.stop()
        self.cancel()


def relative_time(when: dt.datetime | None, now: dt.datetime) -> str:
    """ "3 分钟前" style; `when` is naive UTC (as the store keeps it) or aware, `now` aware."""
    if when is None:
        return QCoreApplication.translate("SyncTime", "never")
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return QCoreApplication.translate("SyncTime", "just now")
    if seconds < 3600:
        return QCoreApplication.translate("SyncTime", "%1 min ago").replace(
            "%1", str(int(seconds // 60))
        )
    if seconds < 86400:
        return QCoreApplication.translate("SyncTime", "%1 h ago").replace(
            "%1", str(int(seconds // 3600))
        )
    if seconds < 7 * 86400:
        return QCoreApplication.translate("SyncTime", "%1 days ago").replace(
            "%1", str(int(seconds // 86400))
        )
    return when.astimezone().strftime("%Y-%m-%d %H:%M")

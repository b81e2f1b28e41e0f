"""Background tasks: run a plain-Python callable off the GUI thread, report on the GUI thread.

In the spirit of Anki's aqt/operations and Orange's concurrent.py. The callable gets a
`TaskContext` for progress and cooperative cancel and must return plain data (services
already return dataclasses; sessions and ORM objects never cross threads). Everything the
caller hears -- progress, result, error, cancellation -- arrives as a Qt signal delivered
on the GUI thread, so slots may touch widgets freely.

    task = run_task(lambda ctx: import_customers(services, path, progress=ctx.progress,
                                                 cancel=ctx.is_cancelled),
                    cancel_exceptions=(ImportCancelled,))
    task.progressed.connect(bar.set_progress)
    task.succeeded.connect(show_report)
    cancel_button.clicked.connect(task.cancel)

Tasks run on one of three lanes, each a pool of one thread (see `Lane`): reads, writes
and the sync. A lane is serial, so writers never race each other for SQLite's write
lock, while a long sync never holds up a page's load or a user's save. User actions that
write go through `ui/operations.py`, which adds the changes signal on top of this.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

# Progress callbacks may fire per row; more than ~20 updates a second only floods the queue.
PROGRESS_INTERVAL_S = 0.05


class TaskCancelled(Exception):
    """Raise from a task (e.g. after `ctx.check_cancelled()`) to end it as cancelled."""


class TaskContext:
    """What the worker callable sees: a thread-safe progress reporter and a cancel flag."""

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self._report = report
        self._cancel = threading.Event()
        self._last_report = 0.0

    def progress(self, done: int, total: int) -> None:
        """Report progress; throttled, but the final step (done == total) always goes out."""
        now = time.monotonic()
        if done >= total or now - self._last_report >= PROGRESS_INTERVAL_S:
            self._last_report = now
            self._report(done, total)

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise TaskCancelled()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, seconds: float) -> bool:
        """Pause the worker (e.g. before a retry); True at once when cancel is asked."""
        return self._cancel.wait(seconds)


class BackgroundTask(QObject):
    """Handle of one running task; lives on the GUI thread, so its signals arrive there.

    Exactly one of `succeeded(result)`, `failed(exception)` or `cancelled()` is emitted,
    then `finished()`.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    # Emitted from the worker thread; queued onto this object's (the GUI) thread.
    _progress_from_worker = Signal(int, int)
    _outcome_from_worker = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = TaskContext(self._progress_from_worker.emit)
        self.running = True
        queued = Qt.ConnectionType.QueuedConnection
        self._progress_from_worker.connect(self._on_progress, queued)
        self._outcome_from_worker.connect(self._on_outcome, queued)

    def cancel(self) -> None:
        """Ask the task to stop; it ends as `cancelled` when the callable notices."""
        self.context.cancel()

    def is_cancel_requested(self) -> bool:
        return self.context.is_cancelled()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self.running:
            self.progressed.emit(done, total)

    @Slot(str, object)
    def _on_outcome(self, kind: str, value: object) -> None:
        self.running = False
        _RUNNING.discard(self)
        if kind == "ok":
            self.succeeded.emit(value)
        elif kind == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(value)
        self.finished.emit()


class _Runner(QRunnable):
    def __init__(
        self,
        task: BackgroundTask,
        fn: Callable[[TaskContext], Any],
        cancel_exceptions: tuple[type[BaseException], ...],
    ) -> None:
        super().__init__()
        self._task = task
        self._fn = fn
        self._cancel_exceptions = cancel_exceptions

    def run(self) -> None:
        try:
            result = self._fn(self._task.context)
        except self._cancel_exceptions:
            self._report("cancelled", None)
        except Exception as error:  # delivered to the GUI thread, which decides
            log.debug("background task failed", exc_info=True)
            self._report("error", error)
        else:
            self._report("ok", result)

    def _report(self, kind: str, value: object) -> None:
        try:
            self._task._outcome_from_worker.emit(kind, value)
        except RuntimeError:
            # The task's owner (a page, a dialog) was closed while it ran, and the task
            # with it: nobody is left to tell.
            _RUNNING.discard(self._task)


class Lane(Enum):
    """Where a task runs. Each lane is one thread, so its tasks run one after another."""

    READ = "read"  # page loads, exports, everything that is not a user's write
    WRITE = "write"  # user actions that change records (ui/operations.py)
    SYNC = "sync"  # the sync: minutes of pulled pages must not hold up a load or a save


# Handles of running tasks, so a caller that drops its reference does not lose the signals.
_RUNNING: set[BackgroundTask] = set()
_POOLS: dict[Lane, QThreadPool] = {}


def lane_pool(lane: Lane) -> QThreadPool:
    """The one-thread pool of `lane` (Anki's single collection thread, for the same reason:
    SQLite has one write lock, and a lane's tasks never race each other for it)."""
    pool = _POOLS.get(lane)
    if pool is None:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)
        _POOLS[lane] = pool
    return pool


def task_pool() -> QThreadPool:
    """The read lane's pool, where `run_task` runs by default."""
    return lane_pool(Lane.READ)


def run_task(
    fn: Callable[[TaskContext], Any],
    *,
    parent: QObject | None = None,
    cancel_exceptions: tuple[type[BaseException], ...] = (),
    lane: Lane = Lane.READ,
    pool: QThreadPool | None = None,
) -> BackgroundTask:
    """Start `fn(context)` on `lane` and return its handle (call on the GUI thread).

    Exceptions in `cancel_exceptions` (and `TaskCancelled`) end the task as cancelled;
    any other exception is delivered by `failed`.
    """
    task = BackgroundTask(parent)
    _RUNNING.add(task)
    runner = _Runner(task, fn, (TaskCancelled, *cancel_exceptions))
    (pool or lane_pool(lane)).start(runner)
    return task


def cancel_all_tasks() -> None:
    """Ask every running task to stop (the window is closing)."""
    for task in list(_RUNNING):
        task.cancel()


def wait_for_all_tasks(timeout_ms: int = 30_000) -> bool:
    """Block until every lane is idle (for shutdown and tests); False on timeout."""
    deadline = time.monotonic() + timeout_ms / 1000
    for pool in list(_POOLS.values()):
        left_ms = max(0, int((deadline - time.monotonic()) * 1000))
        if not pool.waitForDone(left_ms):
            return False
    return True

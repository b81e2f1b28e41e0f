"""Operations: user actions that write run on the writer lane and say what they changed.

After Anki's CollectionOp / OpChanges / `operation_did_execute`. A page never writes on
the GUI thread: it hands the service call to `Operations.write` with the kinds of
records the call changes. The call runs on the one writer lane (`tasks.Lane.WRITE`), so
writes never race each other for SQLite's write lock and a sync pulling pages on its own
lane never freezes the window. A locked database is waited out on that lane, not shown.

On success the caller's `success(result)` runs on the GUI thread, then `did_change(changes,
origin)` tells every page; each page refreshes only when the changes touch what it shows
(`changes.touches(SHOWN)`), and may skip its own actions (`origin is self`). A failure
becomes the usual bilingual message box (`application.show_error`), or goes to the
caller's `failure(error)`; the dialog stays open with the user's input.

    ops = self.context.operations
    ops.write(lambda: service.save(draft), CUSTOMERS, parent=self, success=self._saved)

    ops.did_change.connect(self._on_changes)          # in a page
    def _on_changes(self, changes: OpChanges, origin: object) -> None:
        if changes.touches(SHOWN):
            self.reload()

Reads go to `Operations.read` (the read lane), which never waits behind a write or a sync.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QWidget

from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.services.store_errors import DatabaseLocked
from crm_desktop.ui.tasks import BackgroundTask, Lane, TaskContext, run_task

log = logging.getLogger(__name__)

T = TypeVar("T")

# How long the writer lane keeps retrying a save the sync (or another program) has locked
# out. Each try already waits SQLite's busy timeout; a sync page commits in well under it,
# so this only runs out when another program holds the database for good.
LOCKED_WAIT_S = 30.0
RETRY_PAUSE_S = 0.1


@dataclass(frozen=True)
class OpChanges:
    """Which kinds of records an operation changed (Anki's OpChanges, as plain flags)."""

    customers: bool = False
    contacts: bool = False
    opportunities: bool = False
    sales_methods: bool = False
    complaints: bool = False
    follow_ups: bool = False
    market_reports: bool = False
    visits: bool = False
    reports: bool = False
    plans: bool = False
    targets: bool = False
    receivables: bool = False
    defections: bool = False
    leads: bool = False
    key_accounts: bool = False
    attachments: bool = False  # photos and files on any record (ui/attachments/)

    def kinds(self) -> frozenset[str]:
        return frozenset(f.name for f in dataclasses.fields(self) if getattr(self, f.name))

    def touches(self, shown: OpChanges) -> bool:
        """True if this changed any kind of record `shown` names (what a page shows)."""
        return bool(self.kinds() & shown.kinds())

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(**{name: True for name in self.kinds() | other.kinds()})

    def __bool__(self) -> bool:
        return bool(self.kinds())


CUSTOMERS = OpChanges(customers=True)
CONTACTS = OpChanges(contacts=True)
OPPORTUNITIES = OpChanges(opportunities=True)
SALES_METHODS = OpChanges(sales_methods=True)
COMPLAINTS = OpChanges(complaints=True)
FOLLOW_UPS = OpChanges(follow_ups=True)
MARKET_REPORTS = OpChanges(market_reports=True)
VISITS = OpChanges(visits=True)
REPORTS = OpChanges(reports=True)
PLANS = OpChanges(plans=True)
TARGETS = OpChanges(targets=True)
RECEIVABLES = OpChanges(receivables=True)
DEFECTIONS = OpChanges(defections=True)
LEADS = OpChanges(leads=True)
KEY_ACCOUNTS = OpChanges(key_accounts=True)
ATTACHMENTS = OpChanges(attachments=True)
EVERYTHING = OpChanges(**{f.name: True for f in dataclasses.fields(OpChanges)})


def report_error(error: BaseException, parent: QWidget | None) -> None:
    """Show a failed operation the usual way: a user-facing message, or the bug handler."""
    from crm_desktop.ui import application  # the window's module: imported when needed

    if isinstance(error, UserFacingError):
        application.show_error(error, parent)
    else:
        sys.excepthook(type(error), error, error.__traceback__)


def wait_out_locks(fn: Callable[[], T], ctx: TaskContext, *, wait_s: float = LOCKED_WAIT_S) -> T:
    """Run `fn`, trying again while the database is locked, for up to `wait_s` seconds.

    Safe because a write is one unit of work: a locked attempt rolled back entirely.
    """
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return fn()
        except DatabaseLocked:
            if time.monotonic() >= deadline or ctx.wait(RETRY_PAUSE_S):
                raise
            log.info("database locked; the writer lane tries again")


class Operations(QObject):
    """The hub every page shares (PageContext.operations): runs writes, announces changes."""

    # (OpChanges, origin): origin is the widget that acted, so it may skip its own echo.
    did_change = Signal(object, object)

    def __init__(self, parent: QObject | None = None, *, locked_wait_s: float = LOCKED_WAIT_S):
        super().__init__(parent)
        self.locked_wait_s = locked_wait_s
        self._pending = 0

    @property
    def busy(self) -> bool:
        """A write is queued or running (e.g. to keep the window open until it lands)."""
        return self._pending > 0

    def write(
        self,
        fn: Callable[[], T],
        changes: OpChanges,
        *,
        parent: QWidget | None = None,
        origin: object | None = None,
        success: Callable[[T], Any] | None = None,
        failure: Callable[[BaseException], Any] | None = None,
        wait_locked: bool = True,
    ) -> BackgroundTask:
        """Run `fn()` (a service call) on the writer lane; announce `changes` when it succeeds.

        `parent` is the widget that acted: errors are shown over it, and `success` /
        `failure` are skipped if it was closed meanwhile (the change is still announced).
        `origin` defaults to `parent`. A locked database is waited out by running `fn`
        again, which is safe when `fn` is one unit of work (a locked one rolled back
        whole); pass `wait_locked=False` for a call that commits more than once.
        """
        wait_s = self.locked_wait_s if wait_locked else 0.0
        # The hub owns the task: a dialog closed mid-save must not silence the announcement.
        task = run_task(
            lambda ctx: wait_out_locks(fn, ctx, wait_s=wait_s), parent=self, lane=Lane.WRITE
        )
        self._pending += 1
        who = parent if origin is None else origin

        def succeeded(result: object) -> None:
            try:
                if success is not None and _alive(parent):
                    success(result)  # type: ignore[arg-type]
            finally:
                self.did_change.emit(changes, who)

        def failed(error: object) -> None:
            if not isinstance(error, BaseException):
                return
            if failure is not None and _alive(parent):
                failure(error)
            else:
                report_error(error, parent if _alive(parent) else None)

        task.succeeded.connect(succeeded)
        task.failed.connect(failed)
        task.finished.connect(self._one_done)
        return task

    def save(
        self,
        fn: Callable[[], T],
        changes: OpChanges,
        *,
        parent: QWidget,
        button: QAbstractButton,
        saved: Callable[[T], Any],
        refused: Callable[[ValidationError], Any],
    ) -> BackgroundTask:
        """A dialog's Save: `write` with `button` off while the write runs. The service's
        ValidationError goes to `refused` (said inline, the input kept); any other
        failure is reported the usual way."""
        button.setEnabled(False)

        def succeeded(result: T) -> None:
            button.setEnabled(True)
            saved(result)

        def failed(error: BaseException) -> None:
            button.setEnabled(True)
            if isinstance(error, ValidationError):
                refused(error)
            else:
                report_error(error, parent)

        return self.write(fn, changes, parent=parent, success=succeeded, failure=failed)

    def read(
        self,
        fn: Callable[[], T],
        *,
        parent: QObject | None = None,
        success: Callable[[T], Any] | None = None,
        failure: Callable[[BaseException], Any] | None = None,
    ) -> BackgroundTask:
        """Run `fn()` on the read lane (never behind a write or the sync); same callbacks."""
        task = run_task(lambda _ctx: fn(), parent=parent, lane=Lane.READ)
        if success is not None:
            task.succeeded.connect(success)
        task.failed.connect(
            lambda error: (
                failure(error)
                if failure is not None
                else report_error(error, parent if isinstance(parent, QWidget) else None)
            )
        )
        return task

    def _one_done(self) -> None:
        self._pending -= 1


def _alive(widget: QObject | None) -> bool:
    """False once the Qt object behind `widget` was deleted (its page or dialog closed)."""
    return widget is None or shiboken6.isValid(widget)

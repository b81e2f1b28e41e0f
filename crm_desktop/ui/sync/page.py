"""Sync 同步: server and account, sync now with progress and cancel, the conflict inbox.

The page is a view of the window's `SyncController` (ui/sync/controller.py); it reads
the controller's cached status and conflicts and redraws on its signals.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.clock import Clock
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.sync import SyncStatus
from crm_desktop.sync.client.engine import SyncReport
from crm_desktop.ui import application
from crm_desktop.ui.application import current_lang
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.sync.conflicts import ConflictInbox
from crm_desktop.ui.sync.controller import SyncController, relative_time

log = logging.getLogger(__name__)


def connection_text(status: SyncStatus | None) -> str:
    """在线 / 离线 / 未连接 / 未登录, for the page and the status bar."""

    if status is None or not status.server_url:
        return QCoreApplication.translate("SyncState", "Not connected")
    if not status.signed_in:
        return QCoreApplication.translate("SyncState", "Not signed in")
    if status.online is None:
        return QCoreApplication.translate("SyncState", "Not synced yet")
    return (
        QCoreApplication.translate("SyncState", "Online")
        if status.online
        else QCoreApplication.translate("SyncState", "Offline")
    )


def delivery_text(status: SyncStatus | None, clock: Clock) -> str:
    """Whether the user's changes are on the server, as far as this laptop knows: never
    synced / N changes waiting / all sent at a time. Never "all sent" while a change
    waits or before the first sync."""
    if status is None:
        return ""
    count = str(status.pending)
    if status.last_sync_at is None:  # "Last sync: never" is said on the row above
        if status.pending:
            return QCoreApplication.translate(
                "SyncState", "Never synced: %1 changes are only on this laptop."
            ).replace("%1", count)
        return QCoreApplication.translate("SyncState", "Nothing to send yet.")
    if status.pending:
        return QCoreApplication.translate("SyncState", "%1 changes waiting to be sent.").replace(
            "%1", count
        )
    return QCoreApplication.translate("SyncState", "All changes sent at %1.").replace(
        "%1", _sync_time(status.last_sync_at, clock)
    )


def _sync_time(when: dt.datetime, clock: Clock) -> str:
    """The time of day in the laptop's zone, with the date when it is not today."""
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    local = clock.to_local(when)
    return local.strftime("%H:%M" if local.date() == clock.today() else "%Y-%m-%d %H:%M")


def phase_text(phase: str, done: int, total: int) -> str:

    if phase == "push":
        return (
            QCoreApplication.translate("SyncState", "Sending changes %1 / %2")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )
    return QCoreApplication.translate("SyncState", "Receiving changes: %1").replace("%1", str(done))


class SyncPage(Page):
    key = "sync"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Sync")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.controller = context.sync or SyncController(context.services, context.settings, self)
        heading = QLabel(self.title())
        heading.setObjectName("pageTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        top = QHBoxLayout()
        top.addWidget(self._account_group(), 1)
        top.addWidget(self._sync_group(), 1)
        layout.addLayout(top)
        inbox_group = QGroupBox(self.tr("Conflict inbox"))
        inbox_layout = QVBoxLayout(inbox_group)
        hint = QLabel(
            self.tr(
                "Edits the server overrode or refused. Re-apply writes your values again; "
                "discard keeps the server's version."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.inbox = ConflictInbox()
        self.inbox.reapply_requested.connect(lambda cid: self._resolve(cid, reapply=True))
        self.inbox.discard_requested.connect(lambda cid: self._resolve(cid, reapply=False))
        inbox_layout.addWidget(hint)
        inbox_layout.addWidget(self.inbox, 1)
        layout.addWidget(inbox_group, 1)
        # An empty inbox takes only its note's height; the space below stays empty.
        self.inbox_group = inbox_group
        layout.addStretch(0)
        self.page_layout = layout
        c = self.controller
        c.state_changed.connect(self.update_view)
        c.running_changed.connect(self._running)
        c.progressed.connect(self._progress)
        c.synced.connect(self._synced)
        c.sync_failed.connect(self._failed)
        c.sync_cancelled.connect(self._cancelled)
        self._running(c.running)
        self.update_view()
        if c.status is None:
            c.refresh()

    def _account_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Server and account"))
        form = QFormLayout(group)
        self.server_label = QLabel()
        self.server_label.setObjectName("syncServer")
        self.user_label = QLabel()
        self.user_label.setObjectName("syncUser")
        self.state_label = QLabel()
        self.state_label.setObjectName("syncState")
        self.login_button = QPushButton(self.tr("Sign in…"))
        self.login_button.clicked.connect(self.open_login)
        form.addRow(self.tr("Server"), self.server_label)
        form.addRow(self.tr("Username"), self.user_label)
        form.addRow(self.tr("Connection"), self.state_label)
        login_row = QHBoxLayout()
        login_row.addWidget(self.login_button)
        login_row.addStretch(1)
        form.addRow("", login_row)
        return group

    def _sync_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Sync"))
        form = QFormLayout(group)
        self.pending_label = QLabel()
        self.pending_label.setObjectName("syncPending")
        self.last_sync_label = QLabel()
        self.last_sync_label.setObjectName("syncLast")
        self.delivery_label = QLabel()
        self.delivery_label.setObjectName("syncDelivery")
        self.delivery_label.setWordWrap(True)
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setObjectName("primary")
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.controller.cancel)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("hint")
        self.result_label = QLabel()
        self.result_label.setObjectName("syncResult")
        self.result_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        form.addRow(self.tr("Pending changes"), self.pending_label)
        form.addRow(self.tr("Last sync"), self.last_sync_label)
        form.addRow("", self.delivery_label)
        form.addRow("", buttons)
        form.addRow("", self.progress)
        form.addRow("", self.progress_label)
        form.addRow("", self.result_label)
        return group

    # --- view ------------------------------------------------------------------------
    def update_view(self) -> None:
        status = self.controller.status
        self.server_label.setText((status.server_url if status else None) or "—")
        self.user_label.setText((status.username if status else None) or "—")
        self.state_label.setText(connection_text(status))
        signed_in = bool(status and status.signed_in)
        self.login_button.setText(self.tr("Switch account…") if signed_in else self.tr("Sign in…"))
        self.pending_label.setText(str(status.pending) if status else "—")
        self.last_sync_label.setText(
            relative_time(
                status.last_sync_at if status else None, self.context.services.clock.now()
            )
        )
        self.delivery_label.setText(delivery_text(status, self.context.services.clock))
        self.sync_button.setEnabled(signed_in and not self.controller.running)
        self.inbox.set_conflicts(self.controller.conflicts)
        has_conflicts = bool(self.controller.conflicts)
        self.page_layout.setStretchFactor(self.inbox_group, 1 if has_conflicts else 0)
        self.page_layout.setStretch(self.page_layout.count() - 1, 0 if has_conflicts else 1)
        self.inbox.set_busy(self.controller.running)

    def page_shown(self) -> None:
        if not self.controller.running:
            self.controller.refresh()

    def _running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress_label.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.progress_label.setText(self.tr("Connecting…"))
        status = self.controller.status
        self.sync_button.setEnabled(not running and bool(status and status.signed_in))
        self.login_button.setEnabled(not running)
        self.inbox.set_busy(running)
        if running:
            self.result_label.clear()

    def _progress(self, phase: str, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)
        self.progress_label.setText(phase_text(phase, done, total))

    def _synced(self, report: SyncReport) -> None:
        text = (
            self.tr("Sync finished: sent %1, received %2, conflicts %3.")
            .replace("%1", str(report.pushed))
            .replace("%2", str(report.pulled))
            .replace("%3", str(report.conflicts + report.rejected))
        )
        self.result_label.setText(text)

    def _failed(self, error: object) -> None:
        if isinstance(error, UserFacingError):
            self.result_label.setText(error.message(current_lang()))
        else:
            log.error("sync failed", exc_info=error if isinstance(error, BaseException) else None)
            self.result_label.setText(
                self.tr("Sync failed unexpectedly; details are in the log file.")
            )

    def _cancelled(self) -> None:
        self.result_label.setText(self.tr("Sync cancelled; the next sync resumes."))

    # --- actions ---------------------------------------------------------------------
    def sync_now(self) -> None:
        self.controller.sync_now()

    def open_login(self) -> None:
        from crm_desktop.ui.sync.login_dialog import LoginDialog

        dialog = LoginDialog(self.controller, self.window())
        dialog.open()
        self.login_dialog = dialog

    def _resolve(self, conflict_id: str, *, reapply: bool) -> None:
        task = self.controller.resolve(conflict_id, reapply=reapply)
        task.failed.connect(self._resolve_failed)

    def _resolve_failed(self, error: object) -> None:
        if isinstance(error, UserFacingError):
            application.show_error(error, self)
        else:
            log.error("resolving a conflict failed: %r", error)
            application.show_error(
                UserFacingError(
                    "处理冲突时出错，详情见日志文件。",
                    "Resolving the conflict failed; details are in the log file.",
                ),
                self,
            )

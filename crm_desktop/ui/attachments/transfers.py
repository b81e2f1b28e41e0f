"""Photos move after the records: when a sync lands, the blobs this laptop owes the server
go up and the ones it lacks come down (`services.attachments.transfer_now`), on the sync
lane, so a slow upload never holds up a page load, a save or the next record sync.

When something moved, the operations hub announces ATTACHMENTS and every strip re-reads
its badges (待上传 goes, 未下载 becomes a thumbnail). A transfer that fails (offline,
signed out) is only logged: the sync has just said so, and what did not move stays
queued for the next sync.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from crm_desktop.services.container import Services
from crm_desktop.ui.operations import ATTACHMENTS, Operations
from crm_desktop.ui.tasks import BackgroundTask, Lane, TaskContext, run_task

log = logging.getLogger(__name__)


class BlobTransfers(QObject):
    """One per window: `after_sync()` (connected to the sync controller's `synced`)."""

    finished = Signal(object)  # the TransferReport, or the error

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.operations: Operations | None = None
        self.task: BackgroundTask | None = None

    def attach(self, operations: Operations) -> None:
        """The pages' hub (rebuilt with the pages when the user changes)."""
        self.operations = operations

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def after_sync(self, _report: object = None) -> BackgroundTask | None:
        if self.running:
            return None  # the one under way takes what this sync brought too
        attachments = self.services.attachments

        def work(ctx: TaskContext) -> object:
            return attachments.transfer_now(progress=ctx.progress, cancel=ctx.is_cancelled)

        self.task = run_task(work, parent=self, lane=Lane.SYNC)
        self.task.succeeded.connect(self._moved)
        self.task.failed.connect(self._failed)
        return self.task

    def _moved(self, report: object) -> None:
        moved = getattr(report, "uploaded", 0) + getattr(report, "downloaded", 0)
        if moved and self.operations is not None:
            self.operations.did_change.emit(ATTACHMENTS, self)
        self.finished.emit(report)

    def _failed(self, error: object) -> None:
        log.info("attachment transfer did not finish: %s", error)
        self.finished.emit(error)

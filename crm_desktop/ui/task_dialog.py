"""A dialog that runs one long job in the background: progress bar, status line, Cancel.

The Excel import and the two exports share it. Closing the dialog while the job runs
cancels the job first and closes when it has stopped, so nothing is left half-done
behind a closed window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QWidget

from crm_desktop.ui.tasks import BackgroundTask, TaskContext, run_task


def _tr(text: str) -> str:
    # An explicit context: self.tr() in a base class would look the text up under the
    # subclass's name.
    return QCoreApplication.translate("TaskDialog", text)


class TaskDialog(QDialog):
    """Subclasses build their form around `progress`, `status` and `cancel_button`, start
    the job with `run_in_background`, and implement `succeeded` and `failed`."""

    def __init__(self, cancel_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: BackgroundTask | None = None
        self._close_when_done = False
        self.cancel_button = QPushButton(cancel_text)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setValue(0)
        self.progress.setTextVisible(False)  # no "0%" before anything has started
        self.status = QLabel()
        self.status.setWordWrap(True)

    # --- for subclasses ----------------------------------------------------------------
    def inputs(self) -> Sequence[QWidget]:
        """The widgets to disable while the job runs."""
        return ()

    def progress_text(self, done: int, total: int) -> str | None:
        """The status line while the job reports progress; None keeps the current one."""
        return None

    def cancelled_text(self) -> str:
        return _tr("Cancelled; nothing was written.")

    def succeeded(self, result: Any) -> None:
        raise NotImplementedError

    def failed(self, error: BaseException) -> None:
        raise NotImplementedError

    def job_ended(self) -> None:
        """Hook: the job stopped, however it ended."""

    # --- running -----------------------------------------------------------------------
    def run_in_background(
        self,
        work: Callable[[TaskContext], Any],
        *,
        cancel_exceptions: tuple[type[BaseException], ...],
        busy_text: str,
    ) -> BackgroundTask:
        self.task = run_task(work, cancel_exceptions=cancel_exceptions)
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(self._succeeded)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)
        self.task.finished.connect(self._finished)
        self._set_running(True)
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.status.setText(busy_text)
        return self.task

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(_tr("Cancelling…"))

    def reject(self) -> None:
        """Closing while the job runs cancels it first, then closes."""
        if self.task is not None and self.task.running:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()

    def _set_running(self, running: bool) -> None:
        for widget in self.inputs():
            widget.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setTextVisible(True)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        text = self.progress_text(done, total)
        if text is not None:
            self.status.setText(text)

    def _stopped(self, complete: bool) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if complete else 0)

    def _succeeded(self, result: Any) -> None:
        self._stopped(True)
        self.succeeded(result)

    def _failed(self, error: BaseException) -> None:
        self._stopped(False)
        self.failed(error)

    def _cancelled(self) -> None:
        self._stopped(False)
        self.status.setText(self.cancelled_text())

    def _finished(self) -> None:
        self._set_running(False)
        self.job_ended()
        if self._close_when_done:
            super().reject()

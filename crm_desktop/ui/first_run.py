"""First run: an empty, never signed-in store offers "connect to a server" or "try with
demo data".

`MainWindow` calls `offer_first_run(window)` once after it is shown when its
`first_run` flag allows it: by default only on a real screen (not when
QT_QPA_PLATFORM=offscreen, so `selftest` and the tests never see it) and not when
CRM_NO_FIRST_RUN=1. `crm-desktop --demo` fills the store before the window opens, so the
store is no longer empty and nothing is offered. The check itself runs in the background.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.container import Services
from crm_desktop.services.customers.customer_list import CustomerQuery
from crm_desktop.ui.application import current_lang
from crm_desktop.ui.tasks import BackgroundTask, TaskContext, run_task

NO_FIRST_RUN_ENV = "CRM_NO_FIRST_RUN"


def first_run_allowed() -> bool:
    """The default of MainWindow's `first_run` flag (see the module docstring)."""
    return os.environ.get("QT_QPA_PLATFORM") != "offscreen" and os.environ.get(
        NO_FIRST_RUN_ENV, ""
    ) not in ("1", "true", "yes")


def first_run_needed(services: Services) -> bool:
    """Nobody ever signed in here and there is no customer (worker thread)."""
    if services.sync.status().signed_in:
        return False
    return not services.customer_list.handles(CustomerQuery())


class FirstRunDialog(QDialog):
    """Two choices; the demo is generated in the background while the dialog waits."""

    connect_chosen = Signal()
    demo_ready = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Welcome to CRM Desktop"))
        self.setMinimumWidth(440)
        heading = QLabel(self.tr("Welcome to CRM Desktop"))
        heading.setObjectName("pageTitle")
        text = QLabel(
            self.tr(
                "Connect to your company's sync server to get your customers, or look "
                "around first with a demo team and its customers."
            )
        )
        text.setWordWrap(True)
        self.connect_button = QPushButton(self.tr("Connect to a server"))
        self.connect_button.setObjectName("primary")
        self.demo_button = QPushButton(self.tr("Try with demo data"))
        self.later_button = QPushButton(self.tr("Later"))
        self.busy = QLabel(self.tr("Creating the demo data…"))
        self.busy.setObjectName("hint")
        self.busy.hide()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.connect_button.clicked.connect(self._connect)
        self.demo_button.clicked.connect(self.start_demo)
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)
        for widget in (
            self.connect_button,
            self.demo_button,
            self.later_button,
            self.busy,
            self.error,
        ):
            layout.addWidget(widget)
        self.demo_task: BackgroundTask | None = None

    def _connect(self) -> None:
        self.accept()
        self.connect_chosen.emit()

    def start_demo(self) -> BackgroundTask:
        from crm_desktop.demo.generator import ensure_demo_data

        services = self.services

        def work(_ctx: TaskContext) -> None:
            ensure_demo_data(services)

        for button in (self.connect_button, self.demo_button, self.later_button):
            button.setEnabled(False)
        self.busy.show()
        task = run_task(work, parent=self)
        task.succeeded.connect(self._demo_done)
        task.failed.connect(self._demo_failed)
        self.demo_task = task
        return task

    def _demo_done(self, _result: object) -> None:
        self.accept()
        self.demo_ready.emit()

    def _demo_failed(self, error: object) -> None:
        self.busy.hide()
        for button in (self.connect_button, self.demo_button, self.later_button):
            button.setEnabled(True)
        message = (
            error.message(current_lang())
            if isinstance(error, UserFacingError)
            else self.tr("The demo data could not be created; details are in the log file.")
        )
        self.error.setText(message)
        self.error.show()


def offer_first_run(
    services: Services, parent: QWidget, opened: Callable[[FirstRunDialog], None]
) -> BackgroundTask:
    """Check in the background; when the store is empty, open the dialog (window-modal,
    not blocking) and pass it to `opened` so the caller can connect its choices."""

    def decided(needed: object) -> None:
        if needed:
            dialog = FirstRunDialog(services, parent)
            opened(dialog)
            dialog.open()

    task = run_task(lambda _ctx: first_run_needed(services), parent=parent)
    task.succeeded.connect(decided)
    return task

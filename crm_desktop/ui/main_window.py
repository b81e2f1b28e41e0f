"""Main window: left navigation over the pages of SPEC §3, status bar, saved geometry.

The window only assembles: pages come from pages/registry.py, navigation and the lazy
page stack from navigation.py, the status bar from status_bar.py. It owns the one
`SyncController` (ui/sync/controller.py) the status bar and the Sync page share.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QWidget

from crm_desktop.config.settings import WINDOW_GEOMETRY, Settings
from crm_desktop.services.container import Services
from crm_desktop.sync.client.errors import DeviceRevoked
from crm_desktop.ui import application
from crm_desktop.ui.attachments.transfers import BlobTransfers
from crm_desktop.ui.first_run import FirstRunDialog, first_run_allowed, offer_first_run
from crm_desktop.ui.navigation import Navigation, PageStack
from crm_desktop.ui.nightly import NightlyJobs
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.pages.registry import START_PAGE, available_pages
from crm_desktop.ui.reminders.window import WindowReminders
from crm_desktop.ui.settings.attachments import apply_attachment_limits
from crm_desktop.ui.status_bar import build_status_bar
from crm_desktop.ui.sync.controller import SyncController
from crm_desktop.ui.tasks import BackgroundTask, wait_for_all_tasks
from crm_desktop.ui.window_geometry import first_geometry, fit_to_screen, read_saved_geometry

SHUTDOWN_WAIT_MS = 10_000  # a cancelled sync stops at the next batch or page


class MainWindow(QMainWindow):
    first_run_opened = Signal(object)  # the FirstRunDialog, for tests

    def __init__(
        self,
        services: Services,
        settings: Settings,
        lang: str,
        *,
        first_run: bool | None = None,
        available: QRect | None = None,
    ) -> None:
        """`first_run`: offer the first-run choice after show (None: see first_run.py).
        `available`: the screen area to fit in (None: the primary screen's, without
        taskbar and docks; tests give one)."""
        super().__init__()
        self._available = available
        self.services = services
        self.settings = settings
        self.lang = lang
        apply_attachment_limits(services, settings)  # this laptop's, from Settings
        self.first_run = first_run_allowed() if first_run is None else first_run
        self._shown_once = False
        self.first_run_dialog: FirstRunDialog | None = None
        self.login_dialog: QWidget | None = None
        self.setWindowTitle(self.tr("CRM Desktop"))
        self.sync = SyncController(services, settings, self)
        self.sync.user_changed.connect(self.user_changed)
        self.sync.sync_failed.connect(self._sync_failed)
        self.central: QWidget | None = None
        self.reminders = WindowReminders(self, services, settings, lang)
        # Photos follow the records: after each sync, on the sync lane (ui/attachments/).
        self.blob_transfers = BlobTransfers(services, self)
        self.sync.synced.connect(self.blob_transfers.after_sync)
        self._build_pages()
        status_bar = build_status_bar(services, lang, self, self.sync)
        status_bar.open_sync.connect(lambda: self.show_page("sync"))
        self.setStatusBar(status_bar)
        self.reminders.install(status_bar)
        self._restore_geometry()
        self.sync.start()
        self.nightly = NightlyJobs(services, settings, self)
        self.nightly.start()
        self.reminders.start()

    def _build_pages(self, key: str | None = None) -> None:
        context = PageContext(self.services, self.settings, self.lang, self.sync)
        pages = available_pages(context)
        self.reminders.attach(self.services, context.operations)
        self.blob_transfers.attach(context.operations)
        self.stack = PageStack(context, pages)
        self.navigation = Navigation(self.stack, pages)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)  # deletes the previous pages, if any
        self.central = central
        if key not in self.stack.keys:
            key = START_PAGE if START_PAGE in self.stack.keys else pages[0].key
        self.navigation.select(key)

    def user_changed(self) -> None:
        """A login or the demo changed the laptop's user: rebuild the pages for them."""
        current = self.stack.currentWidget()
        key = current.key if isinstance(current, Page) else None
        self._build_pages(key)
        bar = self.statusBar()
        if hasattr(bar, "update_user"):
            bar.update_user()
        self.sync.refresh()

    def _sync_failed(self, error: object) -> None:
        # Most failures wait quietly in the status bar for the next try; a revocation
        # will not pass by itself, so it is said at once, even after an automatic sync.
        if isinstance(error, DeviceRevoked):
            application.show_error(error, self)

    def reopen_store(self, reopen: Callable[[Services], Services]) -> None:
        """Swap the open store (a restore): stop the sync and the nightly jobs, wait for
        background work, let `reopen(old)` close the store and return the services to use
        now, then rebuild the sync controller, status bar, jobs and pages on those.

        If `reopen` fails with a bug, the store in the data folder is opened again, so
        the window never keeps closed services, and the bug propagates.
        """
        current = self.stack.currentWidget()
        key = current.key if isinstance(current, Page) else None
        self.sync.shutdown()
        self.nightly.stop()
        self.reminders.stop()
        wait_for_all_tasks(SHUTDOWN_WAIT_MS)
        old = self.services
        try:
            self.services = reopen(old)
        except BaseException:
            old.close()
            self.services = Services.open(old.database_path.parent)
            raise
        finally:
            self._attach_services(key)

    def _attach_services(self, key: str | None) -> None:
        for stale in (self.sync, self.nightly):
            stale.deleteLater()
        self.sync = SyncController(self.services, self.settings, self)
        self.sync.user_changed.connect(self.user_changed)
        self.sync.sync_failed.connect(self._sync_failed)
        self._build_pages(key)
        status_bar = build_status_bar(self.services, self.lang, self, self.sync)
        status_bar.open_sync.connect(lambda: self.show_page("sync"))
        self.setStatusBar(status_bar)  # deletes the previous one
        self.reminders.install(status_bar)
        self.sync.start()
        self.nightly = NightlyJobs(self.services, self.settings, self)
        self.nightly.start()
        self.reminders.start()

    def show_page(self, key: str) -> Page:
        """Switch to a page by key (e.g. "customers"); other code navigates through this."""
        self.navigation.select(key)
        return self.stack.page(key)

    def open_login(self) -> None:
        from crm_desktop.ui.sync.login_dialog import LoginDialog

        dialog = LoginDialog(self.sync, self)
        self.login_dialog = dialog
        dialog.open()

    # --- first run -------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self.first_run:
                QTimer.singleShot(0, self.offer_first_run)

    def offer_first_run(self) -> BackgroundTask:
        return offer_first_run(self.services, self, self._first_run_opened)

    def _first_run_opened(self, dialog: FirstRunDialog) -> None:
        self.first_run_dialog = dialog
        dialog.connect_chosen.connect(self.open_login)
        dialog.demo_ready.connect(self.user_changed)
        self.first_run_opened.emit(dialog)

    # --- lifetime --------------------------------------------------------------------
    def available_geometry(self) -> QRect:
        """The screen area the window must fit in (taskbar and docks left out)."""
        if self._available is not None:
            return QRect(self._available)
        screen = QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)

    def _restore_geometry(self) -> None:
        """First start: sized to the screen. Later: as left, but never off the screen
        (the last screen may have been larger, or a second monitor now unplugged)."""
        area = self.available_geometry()
        saved = self.settings.get(WINDOW_GEOMETRY)
        restored = read_saved_geometry(bytes(QByteArray.fromBase64(saved.encode("ascii")).data()))
        if restored is None:
            self.setGeometry(first_geometry(area, self._frame_margins()))
            return
        normal, maximized = restored
        self.setGeometry(fit_to_screen(normal, self._frame_margins(), area))
        if maximized:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _frame_margins(self) -> tuple[int, int, int, int]:
        """The title bar and borders (left, top, right, bottom); an estimate until shown."""
        frame, inner = self.frameGeometry(), self.geometry()
        margins = (
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            frame.right() - inner.right(),
            frame.bottom() - inner.bottom(),
        )
        return margins if any(margins) else (1, 31, 1, 1)

    # --- a data folder move ----------------------------------------------------------
    def pause_background_work(self) -> None:
        """Stop the sync and the nightly jobs and wait for running work (a copy of the
        store must not miss a write made while it runs)."""
        self.sync.shutdown()
        self.nightly.stop()
        self.reminders.stop()
        wait_for_all_tasks(SHUTDOWN_WAIT_MS)

    def resume_background_work(self) -> None:
        self.sync.start()
        self.nightly.start()
        self.reminders.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self.settings.set(WINDOW_GEOMETRY, geometry)
        # Losing the window size is not worth a dialog on the way out.
        with contextlib.suppress(OSError):
            self.settings.save()
        # The store closes after the window: let a running sync stop at its next step.
        self.reminders.shutdown()
        self.sync.shutdown()
        wait_for_all_tasks(SHUTDOWN_WAIT_MS)
        super().closeEvent(event)

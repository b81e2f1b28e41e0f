"""Main window: left navigation over the pages of SPEC §3, status bar, saved geometry.

The window only assembles: pages come from pages/registry.py, navigation and the lazy
page stack from navigation.py, the status bar from status_bar.py.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QWidget

from crm_desktop.config.settings import WINDOW_GEOMETRY, Settings
from crm_desktop.services.container import Services
from crm_desktop.ui.navigation import Navigation, PageStack
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.pages.registry import START_PAGE, available_pages
from crm_desktop.ui.status_bar import build_status_bar


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: Settings, lang: str) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        self.lang = lang
        self.setWindowTitle(self.tr("CRM Desktop"))
        context = PageContext(services, settings, lang)
        pages = available_pages(context)
        self.stack = PageStack(context, pages)
        self.navigation = Navigation(self.stack, pages)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setStatusBar(build_status_bar(services, lang, self))
        self._restore_geometry()
        self.navigation.select(START_PAGE if START_PAGE in self.stack.keys else pages[0].key)

    def show_page(self, key: str) -> Page:
        """Switch to a page by key (e.g. "customers"); other code navigates through this."""
        self.navigation.select(key)
        return self.stack.page(key)

    def _restore_geometry(self) -> None:
        saved = self.settings.get(WINDOW_GEOMETRY)
        if not saved or not self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
            self.resize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self.settings.set(WINDOW_GEOMETRY, geometry)
        # Losing the window size is not worth a dialog on the way out.
        with contextlib.suppress(OSError):
            self.settings.save()
        super().closeEvent(event)

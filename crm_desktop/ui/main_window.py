"""Main window: navigation of SPEC §3 and the pages (placeholder until the UI lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from crm_desktop.config.settings import Settings
from crm_desktop.services.container import Services


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: Settings, lang: str) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        self.lang = lang
        self.setWindowTitle(self.tr("CRM Desktop"))
        self.setCentralWidget(QLabel(self.tr("Customers")))

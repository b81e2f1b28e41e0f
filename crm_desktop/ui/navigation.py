"""Left navigation and the page stack; pages are built the first time they are opened."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStackedWidget, QWidget

from crm_desktop.ui.pages.base import Page, PageContext


class PageStack(QStackedWidget):
    """One slot per page class; a page's widget is made on first show (lazy)."""

    page_changed = Signal(str)

    def __init__(
        self, context: PageContext, pages: list[type[Page]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._classes = {page.key: page for page in pages}
        self.pages: dict[str, Page] = {}

    @property
    def keys(self) -> list[str]:
        return list(self._classes)

    def page(self, key: str) -> Page:
        """The page widget for `key`, building it if it was never shown."""
        if key not in self.pages:
            page = self._classes[key](self._context)
            self.pages[key] = page
            self.addWidget(page)
        return self.pages[key]

    def show_page(self, key: str) -> Page:
        page = self.page(key)
        self.setCurrentWidget(page)
        page.page_shown()
        self.page_changed.emit(key)
        return page


class Navigation(QListWidget):
    """The list of page titles; selecting one shows its page in the stack."""

    def __init__(
        self, stack: PageStack, pages: list[type[Page]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self._stack = stack
        for page in pages:
            item = QListWidgetItem(page.title())
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            self.addItem(item)
        self.currentItemChanged.connect(self._selected)
        self.setFixedWidth(176)

    def _selected(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self._stack.show_page(str(item.data(Qt.ItemDataRole.UserRole)))

    def select(self, key: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.setCurrentRow(row)
                return

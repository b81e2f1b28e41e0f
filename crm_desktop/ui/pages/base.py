"""What every page gets (PageContext) and is (Page), plus the not-yet-built placeholder."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from crm_desktop.config.settings import Settings
from crm_desktop.services.container import Services
from crm_desktop.ui.operations import Operations

if TYPE_CHECKING:
    from crm_desktop.ui.sync.controller import SyncController


@dataclass(frozen=True)
class PageContext:
    """The composition root's objects a page may use; pages hold no other globals."""

    services: Services
    settings: Settings
    lang: str
    # The window's sync driver; None in tests that build a page alone.
    sync: SyncController | None = None
    # The pages' one operations hub (ui/operations.py): writes off the GUI thread and the
    # `did_change` signal every page listens to. One per context, so per set of pages.
    operations: Operations = field(default_factory=Operations)


class Page(QWidget):
    """A page of the main window. Subclasses set `key` and implement `title()`.

    `available()` hides a page from users it is not for (e.g. Review for reps);
    `page_shown()` runs each time the page becomes current, for a cheap refresh.
    """

    key: str = ""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"page_{self.key}")

    @classmethod
    def title(cls) -> str:
        raise NotImplementedError

    @classmethod
    def available(cls, context: PageContext) -> bool:
        return True

    def page_shown(self) -> None:
        """Hook: the page became current."""


class PlaceholderPage(Page):
    """A page whose feature arrives in a later release: its title and one line."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        heading = QLabel(self.title())
        heading.setObjectName("pageTitle")
        note = QLabel(QCoreApplication.translate("Pages", "Coming in a later release."))
        note.setObjectName("pageNote")
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)

"""Status bar: sync state (online / offline / not connected, pending changes, last sync,
progress with cancel while syncing) and who is signed in; the store path on hover.

Clicking the sync part emits `open_sync` (the window shows the Sync page).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from crm_desktop.services.container import Services
from crm_desktop.ui.sync.controller import SyncController, relative_time
from crm_desktop.ui.sync.page import connection_text

CLOCK_REFRESH_MS = 30_000  # "3 分钟前" is redrawn from the cached time, no store access


class _Clickable(QWidget):
    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class SyncStatusBar(QStatusBar):
    open_sync = Signal()

    def __init__(
        self,
        services: Services,
        lang: str,
        controller: SyncController | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.lang = lang
        self.controller = controller
        self.sync_area = _Clickable()
        self.sync_area.setObjectName("statusSync")
        self.sync_area.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sync_area.setToolTip(QCoreApplication.translate("StatusBar", "Open the Sync page"))
        self.sync_area.clicked.connect(self.open_sync)
        self.state = QLabel()
        self.state.setObjectName("statusConnection")
        self.pending = QLabel()
        self.pending.setObjectName("statusPending")
        self.last_sync = QLabel()
        self.last_sync.setObjectName("statusLastSync")
        self.progress = QProgressBar()
        self.progress.setObjectName("statusProgress")
        self.progress.setFixedWidth(120)
        self.progress.setMaximumHeight(12)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel = QToolButton()
        self.cancel.setObjectName("statusCancel")
        self.cancel.setText(QCoreApplication.translate("StatusBar", "Cancel"))
        self.cancel.hide()
        row = QHBoxLayout(self.sync_area)
        row.setContentsMargins(0, 0, 8, 0)
        row.setSpacing(12)
        for widget in (self.state, self.pending, self.last_sync, self.progress, self.cancel):
            row.addWidget(widget)
        self.addWidget(self.sync_area)
        self.user = QLabel()
        self.user.setObjectName("statusUser")
        self.user.setToolTip(str(services.database_path))
        self.addPermanentWidget(self.user)
        self.setToolTip(str(services.database_path))
        self.update_user()
        self.clock = QTimer(self)
        self.clock.timeout.connect(self.update_sync)
        self.clock.start(CLOCK_REFRESH_MS)
        if controller is not None:
            self.cancel.clicked.connect(controller.cancel)
            controller.state_changed.connect(self.update_sync)
            controller.running_changed.connect(self._running)
            controller.progressed.connect(self._progress)
            controller.user_changed.connect(self.update_user)
        self.update_sync()

    def update_user(self) -> None:
        actor = self.services.actor
        self.user.setText(f"{actor.display_name} · {actor.role.label(self.lang)}")

    def update_sync(self) -> None:

        status = self.controller.status if self.controller else None
        self.state.setText(connection_text(status))
        self.state.setProperty("online", "yes" if status and status.online else "no")
        if status is None:
            self.pending.clear()
            self.last_sync.clear()
            return
        self.pending.setText(
            QCoreApplication.translate("StatusBar", "Pending: %1").replace(
                "%1", str(status.pending)
            )
        )
        self.last_sync.setText(
            QCoreApplication.translate("StatusBar", "Last sync: %1").replace(
                "%1", relative_time(status.last_sync_at, self.services.clock.now())
            )
        )
        self.last_sync.setVisible(status.signed_in)
        if status.open_conflicts:
            self.pending.setText(
                self.pending.text()
                + "  "
                + QCoreApplication.translate("StatusBar", "Conflicts: %1").replace(
                    "%1", str(status.open_conflicts)
                )
            )

    def _running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel.setVisible(running)
        self.progress.setRange(0, 0)
        if running:
            self.state.setText(QCoreApplication.translate("StatusBar", "Syncing…"))
        else:
            self.update_sync()

    def _progress(self, _phase: str, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)


def build_status_bar(
    services: Services,
    lang: str,
    parent: QWidget | None = None,
    controller: SyncController | None = None,
) -> SyncStatusBar:
    return SyncStatusBar(services, lang, controller, parent)

"""The system tray's pop-up for new reminders.

Only where the desktop has a tray (`QSystemTrayIcon.isSystemTrayAvailable()`): Windows,
macOS's menu bar, most Linux desktops. Without one (a bare window manager, the offscreen
platform of the tests) nothing pops up and the reminders stay in the status bar's list.
`shown` is emitted for every message either way, so tests see what would have popped up.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon

from crm_desktop.domain.reminders import PopUp

MESSAGE_MS = 10_000


def tray_icon() -> QIcon:
    """A small blue badge with 客: the app has no icon file of its own yet."""
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#4a90d9"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(2, 2, 60, 60), 14, 14)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setPixelSize(38)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, 64, 64), Qt.AlignmentFlag.AlignCenter, "客")
    painter.end()
    return QIcon(pixmap)


class TrayNotifier(QObject):
    shown = Signal(object)  # PopUp: each message popped up (or that would be, trayless)
    activated = Signal()  # the tray icon or its message was clicked: show the reminders

    def __init__(self, parent: QObject | None = None, *, tooltip: str = "CRM Desktop") -> None:
        super().__init__(parent)
        self.icon: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(tray_icon(), self)
            self.icon.setToolTip(tooltip)
            self.icon.messageClicked.connect(self.activated)
            self.icon.activated.connect(self._icon_activated)
            self.icon.show()

    @property
    def available(self) -> bool:
        return self.icon is not None

    def notify(self, message: PopUp) -> None:
        if self.icon is not None:
            self.icon.showMessage(
                message.title, message.body, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS
            )
        self.shown.emit(message)

    def set_tooltip(self, text: str) -> None:
        if self.icon is not None:
            self.icon.setToolTip(text)

    def hide(self) -> None:
        if self.icon is not None:
            self.icon.hide()

    def _icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.activated.emit()

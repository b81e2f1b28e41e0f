"""A mouse wheel over a field the user is not editing scrolls the page, never the value.

Qt's combo boxes and spin boxes take wheel events even when they do not have focus, so
scrolling down a long form turned 洽谈结果 "—" into "其他" and changed Settings' numbers
without the user noticing. The guard, installed once on the application, hands such a
wheel event to the nearest scrolling area instead (the page scrolls on as expected);
a field the user has clicked into (has focus) still takes the wheel.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget

GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, GUARDED):
            return False
        if event.type() == QEvent.Type.Polish:
            # Focus by click or Tab only: with Qt's default (wheel focus) the wheel would
            # give the field focus before it reaches this guard.
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if event.type() != QEvent.Type.Wheel:
            return False
        if watched.hasFocus():
            return False
        area = _scroll_area_of(watched)
        if area is not None:
            QCoreApplication.sendEvent(area.viewport(), event)
        return True  # the value stays as it is


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def install_wheel_guard(app: QCoreApplication) -> WheelGuard:
    """Install the guard on the application, once."""
    guard = app.findChild(WheelGuard)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
    return guard

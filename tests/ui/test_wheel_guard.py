"""A wheel over a combo or spin box the user is not editing scrolls the page instead."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from crm_desktop.ui.wheel_guard import WheelGuard, install_wheel_guard


@pytest.fixture
def guard(qapp: QApplication) -> Iterator[WheelGuard]:
    """The guard as create_application installs it, taken off again afterwards."""
    installed = install_wheel_guard(qapp)
    yield installed
    qapp.removeEventFilter(installed)
    installed.setParent(None)  # gone with the fixture, so the next test installs its own


def _wheel(widget: QWidget, notches: int = -1) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _form(qtbot: QtBot) -> tuple[QScrollArea, QComboBox, QSpinBox]:
    area = QScrollArea()
    body = QWidget()
    layout = QVBoxLayout(body)
    combo = QComboBox()
    combo.addItems(["—", "成交", "其他"])
    spin = QSpinBox()
    spin.setRange(0, 100)
    spin.setValue(20)
    layout.addWidget(combo)
    layout.addWidget(spin)
    layout.addSpacing(2000)  # a long form: the page can scroll
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area, combo, spin


@pytest.mark.usefixtures("guard")
def test_the_wheel_scrolls_the_page_not_the_field(qtbot: QtBot) -> None:
    area, combo, spin = _form(qtbot)
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    _wheel(combo)
    _wheel(spin)
    assert (combo.currentText(), spin.value()) == ("—", 20)
    assert area.verticalScrollBar().value() > 0  # the page scrolled instead


@pytest.mark.usefixtures("guard")
def test_a_field_being_edited_still_takes_the_wheel(qtbot: QtBot) -> None:
    _area, _combo, spin = _form(qtbot)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    _wheel(spin, notches=1)
    assert spin.value() == 21


def test_the_guard_is_installed_once(guard: WheelGuard, qapp: QApplication) -> None:
    assert install_wheel_guard(qapp) is guard
    assert len(qapp.findChildren(WheelGuard)) == 1

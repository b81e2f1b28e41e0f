"""Pieces the three activity pages share: heading, toolbar, period choices."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

# (key, label) of the period filter; the dates are worked out when the list is read.
PERIODS = (
    ("30d", "Last 30 days"),
    ("week", "This week"),
    ("month", "This month"),
    ("quarter", "Last 90 days"),
    ("all", "All"),
)


def period_combo() -> QComboBox:
    combo = QComboBox()
    labels = {
        "30d": QCoreApplication.translate("ActivityPages", "Last 30 days"),
        "week": QCoreApplication.translate("ActivityPages", "This week"),
        "month": QCoreApplication.translate("ActivityPages", "This month"),
        "quarter": QCoreApplication.translate("ActivityPages", "Last 90 days"),
        "all": QCoreApplication.translate("ActivityPages", "All"),
    }
    for key, _english in PERIODS:
        combo.addItem(labels[key], key)
    return combo


def period_dates(key: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """(from, to) of a period key; (None, None) for all."""
    if key == "week":
        return today - dt.timedelta(days=today.weekday()), today
    if key == "month":
        return today.replace(day=1), today
    if key == "30d":
        return today - dt.timedelta(days=29), today
    if key == "quarter":
        return today - dt.timedelta(days=89), today
    return None, None


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    return label


def toolbar(*widgets: QWidget, stretch_after: int | None = None) -> QHBoxLayout:
    """Widgets in a row; a stretch after widget number `stretch_after` (end if None)."""
    row = QHBoxLayout()
    for position, widget in enumerate(widgets):
        row.addWidget(widget)
        if stretch_after is not None and position == stretch_after:
            row.addStretch(1)
    if stretch_after is None:
        row.addStretch(1)
    return row


def primary(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName("primary")
    return button


def empty_note() -> QLabel:
    note = QLabel()
    note.setObjectName("pageNote")
    return note

"""The month calendar of plans and reports: a dot for the plan, a bar for the report.

Each cell of a QCalendarWidget gets two marks painted over the day number -- a dot in
the top right corner for the plan's status and a bar along the bottom for the report's
(red when late) -- explained by the legend beside it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.picklists import PlanStatus, ReportStatus
from crm_desktop.services.day.day_calendar import LATE, NONE, DayStatus
from crm_desktop.ui.widgets import ALERT_COLOR

GREY = "#9e9e9e"
BLUE = "#1976d2"
GREEN = "#2e7d32"
ORANGE = "#ef6c00"
PURPLE = "#6a1b9a"

PLAN_COLORS = {
    PlanStatus.DRAFT.value: GREY,
    PlanStatus.SUBMITTED.value: BLUE,
    PlanStatus.COUNTERSIGNED.value: GREEN,
    PlanStatus.RETURNED.value: ORANGE,
}
REPORT_COLORS = {
    ReportStatus.DRAFT.value: GREY,
    ReportStatus.SUBMITTED.value: BLUE,
    ReportStatus.SIGNED.value: GREEN,
    ReportStatus.RETURNED.value: ORANGE,
    ReportStatus.REOPENED.value: PURPLE,
    LATE: ALERT_COLOR,
}


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class PlanCalendar(QCalendarWidget):
    """`day_selected(date)` when the user picks a day; `month_shown(year, month)` when the
    visible month changes, so the page can load that month's statuses."""

    day_selected = Signal(object)
    month_shown = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planCalendar")
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        # Work weeks run Monday to Sunday (the weekly summary's ISO weeks) in every
        # language; an English locale would otherwise start the grid on Sunday.
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setMinimumSize(320, 240)
        self.statuses: dict[dt.date, DayStatus] = {}
        self.clicked.connect(lambda day: self.day_selected.emit(to_date(day)))
        self.activated.connect(lambda day: self.day_selected.emit(to_date(day)))
        self.currentPageChanged.connect(self.month_shown.emit)

    def set_statuses(self, statuses: dict[dt.date, DayStatus]) -> None:
        """Show these days' marks; days with something on them are bold."""
        for day in self.statuses:
            self.setDateTextFormat(to_qdate(day), QTextCharFormat())
        self.statuses = dict(statuses)
        bold = QTextCharFormat()
        bold.setFontWeight(700)
        for day in self.statuses:
            self.setDateTextFormat(to_qdate(day), bold)
        self.updateCells()

    def select_day(self, day: dt.date) -> None:
        self.setSelectedDate(to_qdate(day))

    def paintCell(self, painter: QPainter, rect: QRect, date: QDate) -> None:
        super().paintCell(painter, rect, date)
        status = self.statuses.get(to_date(date))
        if status is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        plan_color = PLAN_COLORS.get(status.plan)
        if plan_color is not None:
            painter.setBrush(QColor(plan_color))
            painter.drawEllipse(QPoint(rect.right() - 7, rect.top() + 7), 4, 4)
        report_color = REPORT_COLORS.get(status.report_badge)
        if report_color is not None:
            bar = QRect(rect.left() + 4, rect.bottom() - 5, rect.width() - 8, 3)
            painter.setBrush(QColor(report_color))
            painter.drawRoundedRect(bar, 1.5, 1.5)
        painter.restore()


class Legend(QWidget):
    """What the dots and bars mean, with picklist labels in the interface language."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.addWidget(QLabel(self.tr("● Plan")), 0, 0)
        grid.addWidget(QLabel(self.tr("▬ Report")), 0, 1)
        plan_rows = [(PlanStatus(code).label(lang), color) for code, color in PLAN_COLORS.items()]
        report_rows = [
            (ReportStatus(code).label(lang) if code != LATE else self.tr("Late"), color)
            for code, color in REPORT_COLORS.items()
        ]
        for column, rows in ((0, plan_rows), (1, report_rows)):
            for row, (label, color) in enumerate(rows, start=1):
                mark = "●" if column == 0 else "▬"
                text = QLabel(f'<span style="color:{color}">{mark}</span> {label}')
                text.setTextFormat(Qt.TextFormat.RichText)
                grid.addWidget(text, row, column)
        grid.setColumnStretch(2, 1)


def status_text(status: DayStatus | None, lang: str, plan_label: str, report_label: str) -> str:
    """ "计划：已提交 · 日报：草稿" for the selected day; `*_label` are the translated words."""
    plan = NONE if status is None else status.plan
    report = NONE if status is None else status.report
    dash = "—"
    plan_text = PlanStatus(plan).label(lang) if plan != NONE else dash
    report_text = ReportStatus(report).label(lang) if report != NONE else dash
    return f"{plan_label}{plan_text}  ·  {report_label}{report_text}"


class CalendarPanel(QWidget):
    """The calendar with its legend and the selected day's status line."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.calendar = PlanCalendar()
        self.status_label = QLabel()
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar)
        layout.addWidget(self.status_label)
        layout.addWidget(Legend(lang))
        layout.addStretch(1)

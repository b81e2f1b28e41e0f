"""A rep's days, the team view's drill-down: each day's plan and report status and what
the visits brought. Non-blocking, so the supervisor can open several reps side by side."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from crm_desktop.services.team.team_progress import RepDay, TeamProgressService
from crm_desktop.ui.activity.table import RowsModel, fit, table_view
from crm_desktop.ui.team.cells import (
    fit_all_columns,
    local_time,
    money,
    plan_label,
    report_label,
    weekday_name,
)
from crm_desktop.ui.widgets import date_text

RIGHT = (5, 6, 7, 8, 9)


class RepDaysDialog(QDialog):
    """Raises the service's UserFacingError (e.g. a rep outside the team) from the
    constructor, before anything is shown."""

    def __init__(
        self,
        service: TeamProgressService,
        rep_id: str,
        rep_name: str,
        start: dt.date,
        end: dt.date,
        lang: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.lang = lang
        self.days = service.rep_days(rep_id, start, end)
        self.setWindowTitle(self.tr("%1's days").replace("%1", rep_name))
        title = QLabel(
            self.tr("%1 · %2 – %3")
            .replace("%1", rep_name)
            .replace("%2", date_text(start))
            .replace("%3", date_text(end))
        )
        title.setObjectName("cardTitle")
        self.model: RowsModel[RepDay] = RowsModel(
            [
                self.tr("Day"),
                self.tr("Weekday"),
                self.tr("Plan"),
                self.tr("Report"),
                self.tr("Submitted"),
                self.tr("Visits"),
                self.tr("Effective"),
                self.tr("Orders"),
                self.tr("Order amount"),
                self.tr("Collections"),
            ],
            self._cells,
            alert=lambda d: d.status.late,
            right_aligned=RIGHT,
        )
        self.model.set_rows(self.days)
        self.view = table_view(self.model)
        self.view.horizontalHeader().setStretchLastSection(False)
        fit(self.view, (96, 56, 72, 72, 96, 64, 64, 64, 110, 110))
        fit_all_columns(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        columns = sum(self.view.columnWidth(c) for c in range(self.model.columnCount()))
        self.resize(columns + 60, 420)

    def _cells(self, d: RepDay) -> list[str]:
        report = report_label(d.status.report, self.lang)
        if d.status.late:
            report += " · " + self.tr("late")
        return [
            date_text(d.day),
            weekday_name(d.day),
            plan_label(d.status.plan, self.lang),
            report,
            local_time(d.submitted_at),
            str(d.visits),
            str(d.effective_visits),
            str(d.orders),
            money(d.order_amount_fen),
            money(d.collection_fen),
        ]

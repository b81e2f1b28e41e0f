"""The Submissions tab: one day's plans and reports of every rep (no plan, no report and
late stand out in red), and each rep's on-time rate over a chosen period."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.team.team_progress import (
    OnTime,
    Submission,
    TeamProgressService,
    is_workday,
)
from crm_desktop.ui import application
from crm_desktop.ui.activity.form import date_edit, from_qdate, to_qdate
from crm_desktop.ui.activity.page_parts import empty_note, toolbar
from crm_desktop.ui.activity.table import RowsModel, fit, fit_to_contents, table_view
from crm_desktop.ui.team.cells import (
    fit_all_columns,
    local_time,
    percent,
    plan_label,
    previous_workday,
    report_label,
    show_team_column,
    weekday_name,
)
from crm_desktop.ui.widgets import join_items

RIGHT = (2, 3, 4, 5, 6)  # the on-time table's numbers


class SubmissionsTab(QWidget):
    def __init__(
        self, service: TeamProgressService, lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.lang = lang
        today = service.clock.today()

        # --- one day ---
        self.day = date_edit(previous_workday(today))
        self.day_name = QLabel()
        self.previous_button = QPushButton(self.tr("◀ Previous day"))
        self.next_button = QPushButton(self.tr("Next day ▶"))
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.model: RowsModel[Submission] = RowsModel(
            [
                self.tr("Rep"),
                self.tr("Team"),
                self.tr("Plan"),
                self.tr("Report"),
                self.tr("Submitted"),
                self.tr("Attention"),
            ],
            self._cells,
            alert=lambda r: r.needs_attention,
        )
        self.view = table_view(self.model)
        fit(self.view, (110, 90, 80, 80, 100))
        self.empty = empty_note()

        day_box = QGroupBox(self.tr("Plans and reports of the day"))
        day_layout = QVBoxLayout(day_box)
        day_layout.addLayout(
            toolbar(
                QLabel(self.tr("Day")),
                self.day,
                self.day_name,
                self.previous_button,
                self.next_button,
                self.summary,
                stretch_after=4,
            )
        )
        day_layout.addWidget(self.view, 1)
        day_layout.addWidget(self.empty)

        # --- the on-time rate over a period ---
        self.rate_from = date_edit(today.replace(day=1))
        self.rate_to = date_edit(today)
        self.rates_model: RowsModel[OnTime] = RowsModel(
            [
                self.tr("Rep"),
                self.tr("Team"),
                self.tr("Workdays"),
                self.tr("On time"),
                self.tr("Late"),
                self.tr("Missing"),
                self.tr("On-time rate"),
            ],
            self._rate_cells,
            right_aligned=RIGHT,
        )
        self.rates_view = table_view(self.rates_model)
        self.rates_view.horizontalHeader().setStretchLastSection(False)
        fit(self.rates_view, (110, 90, 72, 72, 72, 72, 90))
        rate_box = QGroupBox(self.tr("On-time daily reports"))
        rate_layout = QVBoxLayout(rate_box)
        rate_layout.addLayout(
            toolbar(QLabel(self.tr("From")), self.rate_from, QLabel(self.tr("to")), self.rate_to)
        )
        rate_layout.addWidget(self.rates_view, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(day_box)
        splitter.addWidget(rate_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.day.dateChanged.connect(lambda _d: self.reload_day())
        self.previous_button.clicked.connect(lambda: self.shift_day(-1))
        self.next_button.clicked.connect(lambda: self.shift_day(1))
        self.rate_from.dateChanged.connect(lambda _d: self.reload_rates())
        self.rate_to.dateChanged.connect(lambda _d: self.reload_rates())

    # --- cells -----------------------------------------------------------------------
    def _cells(self, r: Submission) -> list[str]:
        return [
            r.rep_name,
            r.team_name,
            plan_label(r.status.plan, self.lang),
            report_label(r.status.report, self.lang),
            local_time(r.submitted_at),
            join_items(self._notes(r)),
        ]

    def _notes(self, r: Submission) -> list[str]:
        notes = []
        if r.plan_missing and is_workday(r.status.day):
            notes.append(self.tr("No plan"))
        if r.missing:
            notes.append(self.tr("No report"))
        elif r.status.late:
            notes.append(self.tr("Late"))
        return notes

    def _rate_cells(self, r: OnTime) -> list[str]:
        return [
            r.rep_name,
            r.team_name,
            str(r.workdays),
            str(r.on_time),
            str(r.late),
            str(r.missing),
            percent(r.rate),
        ]

    # --- loading ---------------------------------------------------------------------
    def selected_day(self) -> dt.date:
        return from_qdate(self.day.date())

    def set_day(self, day: dt.date) -> None:
        self.day.setDate(to_qdate(day))  # dateChanged reloads

    def shift_day(self, days: int) -> None:
        self.set_day(self.selected_day() + dt.timedelta(days=days))

    def reload(self) -> None:
        self.reload_day()
        self.reload_rates()

    def reload_day(self) -> None:
        day = self.selected_day()
        self.day_name.setText(weekday_name(day))
        try:
            rows = self.service.submissions(day)
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self.model.set_rows(rows)
        show_team_column(self.view, (r.team_name for r in rows))
        fit_to_contents(self.view)
        flagged = sum(r.needs_attention for r in rows)
        self.summary.setText(
            self.tr("%1 of %2 reps need attention")
            .replace("%1", str(flagged))
            .replace("%2", str(len(rows)))
            if rows
            else ""
        )
        self.empty.setText("" if rows else self.tr("Nobody reports to you yet."))
        self.empty.setVisible(not rows)

    def reload_rates(self) -> None:
        start, end = from_qdate(self.rate_from.date()), from_qdate(self.rate_to.date())
        try:
            rows = self.service.on_time_rates(start, end)
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self.rates_model.set_rows(rows)
        show_team_column(self.rates_view, (r.team_name for r in rows))
        fit_all_columns(self.rates_view)

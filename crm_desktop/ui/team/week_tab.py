"""The This week tab: per rep — visits, effective visit rate, orders, collections, new
customers, target achievement to date — with the team's total; a double-click on a rep
opens their days."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.team.team_progress import TeamProgressService, TeamWeek, WeekRow
from crm_desktop.ui import application
from crm_desktop.ui.activity.page_parts import empty_note, toolbar
from crm_desktop.ui.activity.table import RowsModel, fit, table_view
from crm_desktop.ui.team.cells import fit_all_columns, money, percent, show_team_column
from crm_desktop.ui.team.rep_days_dialog import RepDaysDialog

RIGHT = tuple(range(2, 10))


class WeekModel(RowsModel[WeekRow]):
    """The reps' rows and, last, the team's total in bold."""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.FontRole and index.isValid():
            row = self.row_at(index.row())
            if row is not None and row.figures is None:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)


class WeekTab(QWidget):
    def __init__(
        self, service: TeamProgressService, lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.lang = lang
        self.iso_year, self.week, _ = service.clock.today().isocalendar()
        self.loaded: TeamWeek | None = None
        self.dialog: RepDaysDialog | None = None

        self.previous_button = QPushButton(self.tr("◀ Previous week"))
        self.next_button = QPushButton(self.tr("Next week ▶"))
        self.this_week_button = QPushButton(self.tr("This week"))
        self.week_label = QLabel()
        self.week_label.setObjectName("cardTitle")
        self.model = WeekModel(
            [
                self.tr("Rep"),
                self.tr("Team"),
                self.tr("Visits"),
                self.tr("Effective rate"),
                self.tr("Orders"),
                self.tr("Order amount"),
                self.tr("Collections"),
                self.tr("New customers"),
                self.tr("Sales target %"),
                self.tr("Collection target %"),
            ],
            self._cells,
            right_aligned=RIGHT,
        )
        self.view = table_view(self.model)
        # Numbers only: a stretched last column would push its figure to the far right.
        self.view.horizontalHeader().setStretchLastSection(False)
        fit(self.view, (110, 90, 64, 96, 64, 110, 110, 80, 96, 96))
        hint = QLabel(self.tr("Double-click a rep to see their days."))
        hint.setObjectName("hint")
        self.empty = empty_note()

        layout = QVBoxLayout(self)
        layout.addLayout(
            toolbar(
                self.previous_button,
                self.week_label,
                self.next_button,
                self.this_week_button,
                stretch_after=3,
            )
        )
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(hint)

        self.previous_button.clicked.connect(lambda: self.shift_week(-1))
        self.next_button.clicked.connect(lambda: self.shift_week(1))
        self.this_week_button.clicked.connect(self.show_this_week)
        self.view.doubleClicked.connect(self._double_clicked)

    def _cells(self, r: WeekRow) -> list[str]:
        return [
            r.rep_name if r.figures is not None else self.tr("Team total"),
            r.team_name,
            str(r.visits),
            percent(r.effective_rate),
            str(r.orders),
            money(r.order_amount_fen),
            money(r.collection_fen),
            str(r.new_customers),
            percent(r.sales_achievement),
            percent(r.collection_achievement),
        ]

    # --- the week shown --------------------------------------------------------------
    def set_week(self, iso_year: int, week: int) -> None:
        self.iso_year, self.week = iso_year, week
        self.reload()

    def shift_week(self, weeks: int) -> None:
        monday = dt.date.fromisocalendar(self.iso_year, self.week, 1)
        year, week, _ = (monday + dt.timedelta(weeks=weeks)).isocalendar()
        self.set_week(year, week)

    def show_this_week(self) -> None:
        year, week, _ = self.service.clock.today().isocalendar()
        self.set_week(year, week)

    def reload(self) -> None:
        monday = dt.date.fromisocalendar(self.iso_year, self.week, 1)
        sunday = monday + dt.timedelta(days=6)
        self.week_label.setText(
            self.tr("Week %2 of %1 (%3 – %4)")
            .replace("%1", str(self.iso_year))
            .replace("%2", str(self.week))
            .replace("%3", monday.strftime("%m-%d"))
            .replace("%4", sunday.strftime("%m-%d"))
        )
        try:
            team_week = self.service.week(self.iso_year, self.week)
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self.loaded = team_week
        rows = [*team_week.rows, team_week.total] if team_week.rows else []
        self.model.set_rows(rows)
        show_team_column(self.view, (r.team_name for r in team_week.rows))
        fit_all_columns(self.view)
        self.empty.setText("" if rows else self.tr("Nobody reports to you yet."))
        self.empty.setVisible(not rows)

    # --- drill-down --------------------------------------------------------------------
    def _double_clicked(self, index: QModelIndex | QPersistentModelIndex) -> None:
        self.open_rep_days(index.row())

    def open_rep_days(self, row_index: int) -> RepDaysDialog | None:
        """The days of the rep on row `row_index` (none for the total row)."""
        row = self.model.row_at(row_index)
        if row is None or row.figures is None or self.loaded is None:
            return None
        try:
            dialog = RepDaysDialog(
                self.service,
                row.rep_id,
                row.rep_name,
                self.loaded.start,
                self.loaded.end,
                self.lang,
                self,
            )
        except UserFacingError as error:
            application.show_error(error, self)
            return None
        self.dialog = dialog
        # The dialog deletes itself when closed: drop the reference with it.
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.show()  # not modal: several reps' days can stay open side by side
        return dialog

    def _forget(self, dialog: RepDaysDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

"""Set a target 设定目标: kind, rep or team, period and value; or change a target's value.

Setting a target for a kind, assignee and period that already has one changes its value
(the service's `set`), so the dialog never makes a second, competing target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.kpi import iso_week_bounds
from crm_desktop.domain.picklists import PeriodKind, TargetKind
from crm_desktop.domain.targets import is_money, period_label, sub_periods
from crm_desktop.services.targets.targets import TargetRow, TargetService
from crm_desktop.ui.activity.form import ActivityDialog
from crm_desktop.ui.operations import TARGETS
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.targets.cells import assignee_text, edit_text, parse_value
from crm_desktop.ui.widgets import combo_code, picklist_combo, select_code


def period_starts(period: PeriodKind, year: int) -> list[dt.date]:
    """The first days of the year's periods of a kind (ISO weeks of the ISO year)."""
    if period is PeriodKind.YEAR:
        return [dt.date(year, 1, 1)]
    if period in (PeriodKind.QUARTER, PeriodKind.MONTH):
        return [first for first, _last in sub_periods(PeriodKind.YEAR, dt.date(year, 1, 1), period)]
    weeks = dt.date(year, 12, 28).isocalendar().week  # 28 December is always in the last
    return [iso_week_bounds(year, week)[0] for week in range(1, weeks + 1)]


class TargetDialog(ActivityDialog):
    """A new target (preset to `year` and `assignee_id` when given), or `row` to change
    the value of an existing one (its kind, assignee and period are then fixed)."""

    changes = TARGETS

    def __init__(
        self,
        context: PageContext,
        *,
        year: int | None = None,
        assignee_id: str | None = None,
        row: TargetRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.service: TargetService = context.services.targets  # type: ignore[assignment]
        self.row = row
        self.setWindowTitle(self.tr("Change target") if row else self.tr("New target"))
        self.kind = picklist_combo(TargetKind, self.lang)
        self.assignee = QComboBox()
        for item_id, name, is_team in self.service.assignees():
            self.assignee.addItem(assignee_text(name, is_team), (item_id, is_team))
        self.period_kind = picklist_combo(PeriodKind, self.lang)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(
            year or (row.period_start.year if row else context.services.clock.today().year)
        )
        self.period = QComboBox()
        self.period.setMinimumContentsLength(14)
        period_box = QWidget()
        period_row = QHBoxLayout(period_box)
        period_row.setContentsMargins(0, 0, 0, 0)
        period_row.addWidget(self.year)
        period_row.addWidget(self.period, 1)
        self.value = QLineEdit()
        self.unit = QLabel()
        value_box = QWidget()
        value_row = QHBoxLayout(value_box)
        value_row.setContentsMargins(0, 0, 0, 0)
        value_row.addWidget(self.unit)
        value_row.addWidget(self.value, 1)
        self.add_row(self.tr("Kind"), "kind", self.kind)
        self.add_row(self.tr("For"), "assignee", self.assignee)
        self.add_row(self.tr("Period kind"), "period_kind", self.period_kind)
        self.add_row(self.tr("Period"), "period_start", period_box, self.period)
        self.add_row(self.tr("Target"), "value", value_box, self.value)
        self.kind.currentIndexChanged.connect(lambda _i: self._update_unit())
        self.period_kind.currentIndexChanged.connect(lambda _i: self._fill_periods())
        self.year.valueChanged.connect(lambda _v: self._fill_periods())
        select_code(self.period_kind, PeriodKind.MONTH.value)
        if row is not None:
            self._show_row(row)
        else:
            self._select_assignee(assignee_id)
            self._fill_periods()
            self._select_start(context.services.clock.today().replace(day=1))
        self._update_unit()

    def _show_row(self, row: TargetRow) -> None:
        select_code(self.kind, row.kind.value)
        self._select_assignee(row.assignee_team_id or row.assignee_user_id)
        select_code(self.period_kind, row.period_kind.value)
        week = row.period_kind is PeriodKind.WEEK  # a week belongs to its ISO year
        self.year.setValue(row.period_start.isocalendar().year if week else row.period_start.year)
        self._fill_periods()
        self._select_start(row.period_start)
        self.value.setText(edit_text(row.value, row.kind))
        for fixed in (self.kind, self.assignee, self.period_kind, self.year, self.period):
            fixed.setEnabled(False)

    def _select_assignee(self, assignee_id: str | None) -> None:
        for index in range(self.assignee.count()):
            data = self.assignee.itemData(index)
            if data and data[0] == assignee_id:
                self.assignee.setCurrentIndex(index)
                return

    def _select_start(self, day: dt.date) -> None:
        """The period holding `day` when the list has it (this month, this quarter…)."""
        for index in range(self.period.count()):
            start = self.period.itemData(index)
            following = self.period.itemData(index + 1)
            if start <= day and (following is None or day < following):
                self.period.setCurrentIndex(index)
                return

    def _fill_periods(self) -> None:
        kind = PeriodKind(combo_code(self.period_kind) or PeriodKind.MONTH.value)
        previous = self.period.currentData()
        self.period.blockSignals(True)
        self.period.clear()
        for start in period_starts(kind, self.year.value()):
            label = period_label(kind, start, self.lang)
            if kind is PeriodKind.WEEK:
                end = start + dt.timedelta(days=6)
                label += f"  {start:%m-%d}–{end:%m-%d}"
            self.period.addItem(label, start)
        self.period.blockSignals(False)
        if isinstance(previous, dt.date):
            self._select_start(previous)

    def _update_unit(self) -> None:
        money = is_money(self.target_kind())
        self.unit.setText("¥" if money else "")
        self.unit.setVisible(money)
        self.value.setPlaceholderText(
            self.tr("Amount in yuan, e.g. 120000 or 12万") if money else self.tr("A whole number")
        )

    def target_kind(self) -> TargetKind:
        return TargetKind(combo_code(self.kind) or TargetKind.SALES.value)

    # --- ActivityDialog ----------------------------------------------------------------
    def read_draft(self) -> None:
        return None

    def problems(self) -> list[ValidationError]:
        found = []
        if self.assignee.currentData() is None:
            found.append(
                ValidationError("请选择销售员或团队", "Choose a rep or a team", "assignee")
            )
        if not isinstance(self.period.currentData(), dt.date):
            found.append(ValidationError("请选择期间", "Choose a period", "period_start"))
        try:
            parse_value(self.value.text(), self.target_kind())
        except ValidationError as error:
            found.append(error)
        return found

    def writer(self) -> Callable[[], str]:
        assignee_id, is_team = self.assignee.currentData()
        kind, service = self.target_kind(), self.service
        period_kind = PeriodKind(combo_code(self.period_kind) or PeriodKind.MONTH.value)
        start, value = self.period.currentData(), parse_value(self.value.text(), kind)
        return lambda: service.set(kind, assignee_id, bool(is_team), period_kind, start, value)

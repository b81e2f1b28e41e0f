"""How the team page writes its values and sizes its tables: rates as percentages, empty
as a dash, statuses by their picklist labels, UTC timestamps in the laptop's local time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableView

from crm_desktop.domain.kpi import to_percent
from crm_desktop.domain.money import format_fen
from crm_desktop.domain.picklists import PlanStatus, ReportStatus
from crm_desktop.services.day.day_calendar import NONE
from crm_desktop.ui.activity.table import fit_to_contents

DASH = "—"


def percent(ratio: Decimal | None) -> str:
    """0.875 → "87.5%"; no rate (nothing to measure) → "—", never a red 0 %."""
    value = to_percent(ratio)
    return DASH if value is None else f"{value}%"


def money(fen: int) -> str:
    return format_fen(fen)


def plan_label(code: str, lang: str) -> str:
    return DASH if code == NONE else PlanStatus(code).label(lang)


def report_label(code: str, lang: str) -> str:
    return DASH if code == NONE else ReportStatus(code).label(lang)


def local_time(value: dt.datetime | None, fmt: str = "%m-%d %H:%M") -> str:
    """A stored (naive UTC) timestamp as the laptop's local time; empty for None."""
    if value is None:
        return ""
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone().strftime(fmt)


def weekday_name(day: dt.date) -> str:
    names = (
        QCoreApplication.translate("TeamCells", "Mon"),
        QCoreApplication.translate("TeamCells", "Tue"),
        QCoreApplication.translate("TeamCells", "Wed"),
        QCoreApplication.translate("TeamCells", "Thu"),
        QCoreApplication.translate("TeamCells", "Fri"),
        QCoreApplication.translate("TeamCells", "Sat"),
        QCoreApplication.translate("TeamCells", "Sun"),
    )
    return names[day.weekday()]


def previous_workday(today: dt.date) -> dt.date:
    """The day a supervisor checks in the morning: yesterday, or Friday on a Monday."""
    day = today - dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def fit_all_columns(view: QTableView) -> None:
    """`fit_to_contents` for a table of figures whose last column does not stretch: that
    column gets the same air and minimum as the others."""
    fit_to_contents(view)
    last = view.model().columnCount() - 1
    minimums = view.property("min_widths") or []
    floor = minimums[last] if last < len(minimums) else 0
    view.setColumnWidth(last, max(view.columnWidth(last) + 20, floor))


TEAM_COLUMN = 1  # every team table has the rep's team second


def show_team_column(view: QTableView, team_names: Iterable[str]) -> None:
    """A supervisor's reps are all of one team: the column only repeats it. A manager's
    subtree has several, and then it says who is whose."""
    view.setColumnHidden(TEAM_COLUMN, len({name for name in team_names if name}) <= 1)

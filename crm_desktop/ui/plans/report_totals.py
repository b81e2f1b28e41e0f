"""The report's live totals and targets panel, laid out once and never re-wrapped.

Every figure sits in a label of fixed width (wide enough for the widest figure that
is plausible, elided beyond, the whole in its tooltip) and nothing wraps: a total
changing while an amount is typed never changes the panel's size, so the fields
beside and below it never move under the pointer (a re-wrap once moved 回款金额 away
mid-entry and the amount went into the wrong field).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QSizePolicy, QWidget

from crm_desktop.domain.daily import DayTotals, TargetProgress
from crm_desktop.domain.kpi import to_percent
from crm_desktop.domain.money import format_fen
from crm_desktop.domain.picklists import TargetKind

MONEY_KINDS = {TargetKind.SALES.value, TargetKind.COLLECTION.value}
# The widest figures each column is sized for; anything wider is elided (whole in the
# tooltip).
_WIDE_TODAY = "99 · ¥9,999,999.99"
_WIDE_RATIO = "¥9,999,999.99 (100.0%)"
_WIDE_MONTH = "¥99,999,999.99"
# Rows: the day's figure, and the target kind measured against it (if any).
ROWS = (
    ("visits", TargetKind.VISITS.value),
    ("effective", None),
    ("orders", TargetKind.SALES.value),
    ("collections", TargetKind.COLLECTION.value),
)


def percent_text(progress: Any) -> str:
    value = to_percent(progress)
    return "—" if value is None else f"{value}%"


class FigureLabel(QLabel):
    """A right-aligned figure of fixed width that elides instead of growing."""

    def __init__(self, widest: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setWordWrap(False)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance(widest) + 8)
        self.full_text = ""

    def set_figure(self, text: str) -> None:
        self.full_text = text
        metrics = self.fontMetrics()
        # Elided at the end: the leading digits tell the magnitude, the tooltip the rest.
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, self.width() - 4)
        self.setText(shown)
        self.setToolTip(text if shown != text else "")


class TotalsPanel(QGroupBox):
    """One small table: a row per figure (visits, effective visits, orders, collections),
    with today's value, today's target, the month to date and the month's target."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Day totals"), parent)
        grid = QGridLayout(self)
        grid.setVerticalSpacing(2)
        grid.setHorizontalSpacing(8)
        headings = (self.tr("Today"), self.tr("Day target"), self.tr("Month to date"),
                    self.tr("Month target"))  # fmt: skip
        for column, text in enumerate(headings, start=1):
            grid.addWidget(_heading(text), 0, column, Qt.AlignmentFlag.AlignRight)
        names = {
            "visits": self.tr("Visits"),
            "effective": self.tr("Effective visits"),
            "orders": self.tr("Orders"),
            "collections": self.tr("Collections"),
        }
        self.labels: dict[str, FigureLabel] = {}
        self.target_labels: dict[str, tuple[FigureLabel, FigureLabel, FigureLabel]] = {}
        for row, (key, kind) in enumerate(ROWS, start=1):
            grid.addWidget(QLabel(names[key]), row, 0)
            value = FigureLabel(_WIDE_TODAY)
            value.setObjectName(f"total_{key}")
            grid.addWidget(value, row, 1)
            self.labels[key] = value
            if kind is not None:
                cells = (
                    FigureLabel(_WIDE_RATIO),
                    FigureLabel(_WIDE_MONTH),
                    FigureLabel(_WIDE_RATIO),
                )
                for column, cell in enumerate(cells, start=2):
                    grid.addWidget(cell, row, column)
                self.target_labels[kind] = cells
        self.no_targets = QLabel(self.tr("No targets set for this month."))
        self.no_targets.setObjectName("hint")
        grid.addWidget(self.no_targets, 5, 0, 1, 5)
        grid.setColumnStretch(5, 1)
        # The hint's line is always there, empty when targets are set: nothing moves.
        policy = self.no_targets.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.no_targets.setSizePolicy(policy)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def show_totals(self, totals: DayTotals, targets: list[TargetProgress], lang: str) -> None:
        self.labels["visits"].set_figure(str(totals.visits))
        self.labels["effective"].set_figure(
            f"{totals.effective_visits} ({percent_text(totals.effective_rate)})"
        )
        self.labels["orders"].set_figure(f"{totals.orders} · {format_fen(totals.order_amount_fen)}")
        self.labels["collections"].set_figure(format_fen(totals.collection_fen))
        by_kind = {t.kind: t for t in targets}
        for kind, (day_target, month, month_target) in self.target_labels.items():
            target = by_kind.get(kind)
            if target is None:
                for cell in (day_target, month, month_target):
                    cell.set_figure("")
                continue

            def show(value: int, kind_code: str = kind) -> str:
                return format_fen(value) if kind_code in MONEY_KINDS else str(value)

            day_target.set_figure(f"{show(target.day_target)} ({percent_text(target.day_ratio)})")
            month.set_figure(show(target.month_actual))
            month_target.set_figure(
                f"{show(target.month_target)} ({percent_text(target.month_ratio)})"
            )
        self.no_targets.setVisible(not targets)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    return label

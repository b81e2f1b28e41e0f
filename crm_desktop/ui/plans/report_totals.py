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
SHOWN_KINDS = (TargetKind.VISITS.value, TargetKind.SALES.value, TargetKind.COLLECTION.value)
# The widest figures each column is sized for; anything wider is elided.
_WIDE_TOTAL = "999  ·  ¥99,999,999.99"
_WIDE_TARGET = "¥99,999,999.99 / ¥99,999,999.99 (999.9%)"


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
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideLeft, self.width() - 4)
        self.setText(shown)
        self.setToolTip(text if shown != text else "")


class TotalsPanel(QGroupBox):
    """Day totals (visits, effective visits, orders, collections) and the targets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Day totals"), parent)
        grid = QGridLayout(self)
        grid.setVerticalSpacing(2)
        grid.setHorizontalSpacing(10)
        self.labels: dict[str, FigureLabel] = {}
        for row, (key, text) in enumerate(
            (
                ("visits", self.tr("Visits")),
                ("effective", self.tr("Effective visits")),
                ("orders", self.tr("Orders")),
                ("collections", self.tr("Collections")),
            )
        ):
            grid.addWidget(QLabel(text), row, 0)
            value = FigureLabel(_WIDE_TOTAL)
            value.setObjectName(f"total_{key}")
            grid.addWidget(value, row, 1)
            self.labels[key] = value
        # Targets: one fixed row per kind, today and month to date side by side.
        grid.addWidget(_heading(self.tr("Target")), 0, 2)
        grid.addWidget(_heading(self.tr("Today")), 0, 3, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(_heading(self.tr("Month to date")), 0, 4, Qt.AlignmentFlag.AlignRight)
        self.kind_labels: dict[str, QLabel] = {}
        self.day_labels: dict[str, FigureLabel] = {}
        self.month_labels: dict[str, FigureLabel] = {}
        for row, kind in enumerate(SHOWN_KINDS, start=1):
            self.kind_labels[kind] = QLabel()
            self.day_labels[kind] = FigureLabel(_WIDE_TARGET)
            self.month_labels[kind] = FigureLabel(_WIDE_TARGET)
            grid.addWidget(self.kind_labels[kind], row, 2)
            grid.addWidget(self.day_labels[kind], row, 3)
            grid.addWidget(self.month_labels[kind], row, 4)
        self.no_targets = QLabel(self.tr("No targets set for this month."))
        self.no_targets.setObjectName("hint")
        grid.addWidget(self.no_targets, 1, 2, 1, 3)
        grid.setColumnStretch(5, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def show_totals(self, totals: DayTotals, targets: list[TargetProgress], lang: str) -> None:
        self.labels["visits"].set_figure(str(totals.visits))
        self.labels["effective"].set_figure(
            f"{totals.effective_visits}  ({percent_text(totals.effective_rate)})"
        )
        self.labels["orders"].set_figure(
            f"{totals.orders}  ·  {format_fen(totals.order_amount_fen)}"
        )
        self.labels["collections"].set_figure(format_fen(totals.collection_fen))
        by_kind = {t.kind: t for t in targets}
        for kind in SHOWN_KINDS:
            target = by_kind.get(kind)
            shown = target is not None
            # Hidden rows keep their place: retainSizeWhenHidden (set below) holds the grid.
            for widget in (self.kind_labels[kind], self.day_labels[kind], self.month_labels[kind]):
                policy = widget.sizePolicy()
                policy.setRetainSizeWhenHidden(True)
                widget.setSizePolicy(policy)
                widget.setVisible(shown)
            if target is None:
                continue

            def show(value: int, kind_code: str = kind) -> str:
                return format_fen(value) if kind_code in MONEY_KINDS else str(value)

            self.kind_labels[kind].setText(TargetKind(kind).label(lang))
            self.day_labels[kind].set_figure(
                f"{show(target.day_actual)} / {show(target.day_target)} "
                f"({percent_text(target.day_ratio)})"
            )
            self.month_labels[kind].set_figure(
                f"{show(target.month_actual)} / {show(target.month_target)} "
                f"({percent_text(target.month_ratio)})"
            )
        self.no_targets.setVisible(not targets)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    return label

"""The Dashboard's defection charts (F16, §2.13), from services/team/defection_figures.py:
the defection rate per value class and per rep over the trailing 12 months, and the root
causes named in each month (stacked bars, the most named five and the rest)."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from crm_desktop.domain.churn import DefectionCause
from crm_desktop.services.team.defection_figures import (
    DefectionFigures,
    LossReasonTrend,
    RateRow,
)
from crm_desktop.ui.dashboard.charts import (
    ACCENT,
    CLASS_COLOURS,
    GRID,
    MUTED,
    SERIES,
    TEXT,
    ChartText,
    _axes,
    _percent_axis,
    _thin_ticks,
    percent_label,
    show_empty,
)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate; translated when drawn by ChartText."""
    return text


NO_DEFECTIONS = QT_TRANSLATE_NOOP("DashboardCharts", "No active customers in the last 12 months")
NO_CAUSES = QT_TRANSLATE_NOOP("DashboardCharts", "No defector cases in the last 12 months")
BY_CLASS = QT_TRANSLATE_NOOP("DashboardCharts", "By class")
BY_REP = QT_TRANSLATE_NOOP("DashboardCharts", "By rep")
ALL = QT_TRANSLATE_NOOP("DashboardCharts", "All")
OTHER_CAUSES = QT_TRANSLATE_NOOP("DashboardCharts", "Other causes")
CASES = QT_TRANSLATE_NOOP("DashboardCharts", "Cases")

MAX_REPS = 10  # the reps with the highest rates; a manager's hundred bars say nothing


def _bars(ax: Axes, labels: list[str], rows: list[RateRow], colours: list[str], top: float) -> None:
    positions = list(range(len(rows)))[::-1]
    values = [float(r.rate) * 100 if r.rate is not None else 0.0 for r in rows]
    ax.barh(positions, values, height=0.6, color=colours)
    ax.set_yticks(positions, labels)
    ax.set_xlim(0, top * 1.6)
    _percent_axis(ax, "x")
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    for position, value, row in zip(positions, values, rows, strict=True):
        label = percent_label(row.rate)
        if row.rate is not None:
            label += f" ({row.lost}/{row.active})"
        ax.text(value + top * 0.02, position, label, va="center", fontsize=8, color=TEXT)


def draw_defection_rates(fig: Figure, data: DefectionFigures | None, text: ChartText) -> None:
    if data is None or data.overall.active == 0:
        show_empty(fig, text(NO_DEFECTIONS))
        return
    fig.clear()
    left, right = fig.subplots(1, 2, width_ratios=(2, 3))
    classes = [*data.by_class, data.overall]
    reps = sorted(
        (r for r in data.by_rep if r.active),
        key=lambda r: (-(r.rate or 0), r.label),
    )[:MAX_REPS]
    every = [r.rate for r in (*classes, *reps) if r.rate is not None]
    top = max([float(x) * 100 for x in every] + [10.0])
    for ax in (left, right):
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(colors=MUTED, labelsize=9)
        ax.set_axisbelow(True)
    _bars(
        left,
        [r.label or text(ALL) for r in classes],
        classes,
        [CLASS_COLOURS.get(r.key, MUTED) for r in classes],
        top,
    )
    left.set_title(text(BY_CLASS), fontsize=9, color=MUTED)
    if reps:
        _bars(right, [r.label for r in reps], reps, [ACCENT] * len(reps), top)
    else:
        right.set_axis_off()
    right.set_title(text(BY_REP), fontsize=9, color=MUTED)


def draw_loss_reasons(fig: Figure, data: LossReasonTrend | None, text: ChartText) -> None:
    if data is None or data.total == 0:
        show_empty(fig, text(NO_CAUSES))
        return
    ax = _axes(fig)
    xs = list(range(len(data.months)))
    bottom = [0] * len(xs)
    for index, (code, counts) in enumerate(data.counts):
        if code:
            try:
                label = DefectionCause(code).label(text.lang)
            except ValueError:
                label = code
        else:
            label = text(OTHER_CAUSES)
        colour = SERIES[index % len(SERIES)] if code else MUTED
        ax.bar(xs, counts, bottom=bottom, color=colour, width=0.7, label=label)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    _thin_ticks(ax, [m.strftime("%Y-%m") for m in data.months], 6)
    ax.set_ylabel(text(CASES), color=MUTED, fontsize=9)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.legend(fontsize=8, frameon=False, loc="upper left")

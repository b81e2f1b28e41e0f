"""Drawing the Dashboard's charts on matplotlib Figures from services/team/dashboard.py's data.

Each `draw_*` clears the Figure it is given and draws one chart; the page keeps one
Figure per card for its lifetime and redraws it on new data. A chart without data says
so in its middle instead of drawing a 0 % bar, and a ratio that is None (no visits, no
target, nothing closed) is a gap or a "—", never a zero.

The texts inside the charts go through `ChartText`: Chinese when the interface is Chinese
and matplotlib has a CJK font (fonts.py), English otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PySide6.QtCore import QCoreApplication

from crm_desktop.domain.kpi import to_percent
from crm_desktop.services.targets.targets import Achievement
from crm_desktop.services.team.dashboard import (
    CloseRate,
    EffectiveTrend,
    Funnel,
    Pareto,
    Pyramid,
    WeeklyVisits,
    WeightedPipeline,
)
from crm_desktop.ui.widgets import compact_money

CONTEXT = "DashboardCharts"
T = TypeVar("T")

# The stylesheet's colours (resources/style.qss): the accent blue first, then calm
# companions that stay apart for a few reps' series.
ACCENT = "#2f7bd0"
TEXT = "#1f2a37"
MUTED = "#5f6b7a"
GRID = "#e3e7ec"
WARN = "#d93838"
SERIES = ("#2f7bd0", "#f0a030", "#3aa675", "#8e6cc9", "#d95f5f", "#4bb3c4", "#a0785a", "#7f8c9a")
CLASS_COLOURS = {"A": "#2f5f93", "B": "#4a90d9", "C": "#a9c8ec"}

# Above this many reps a per-week chart becomes a heat map: bars or lines of twenty reps
# cannot be told apart, a grid of numbers can.
MAX_REP_SERIES = 8
MAX_GROUPED_WEEKS = 8
# Charts with a row per rep grow with the reps, so that a name is never squeezed out;
# beyond MAX_REP_ROWS reps they show the highest and the lowest half of that each: a
# manager's hundred bars are unreadable and take a third of a second to render. Each row
# is a name and a value label, and text is matplotlib's costly part (~1 ms a label): 20
# rows keep the three per-rep charts near 100 ms each.
MAX_REP_ROWS = 20
ROW_PX = 22
MIN_CHART_PX = 300


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate (which knows this name); translated later by ChartText."""
    return text


# Chart texts, translated when drawn (ChartText); lupdate needs the literal context.
NO_VISITS = QT_TRANSLATE_NOOP("DashboardCharts", "No visits in this period")
EXTREMES_NOTE = QT_TRANSLATE_NOOP("DashboardCharts", "Highest and lowest %1 of %2 reps")
VISITS = QT_TRANSLATE_NOOP("DashboardCharts", "Visits")
EFFECTIVE_VISIT_RATE = QT_TRANSLATE_NOOP("DashboardCharts", "Effective visit rate")
NO_SALES_TARGETS = QT_TRANSLATE_NOOP("DashboardCharts", "No sales targets for this period")
NO_TARGET = QT_TRANSLATE_NOOP("DashboardCharts", "no target")
NONE_CLOSED = QT_TRANSLATE_NOOP("DashboardCharts", "No opportunities closed in this period")
NO_OPPORTUNITIES = QT_TRANSLATE_NOOP("DashboardCharts", "No opportunities")
CLOSED_SUMMARY = QT_TRANSLATE_NOOP("DashboardCharts", "Closed in period: won %1 · %2, lost %3 · %4")
NO_OPEN_OPPORTUNITIES = QT_TRANSLATE_NOOP("DashboardCharts", "No open opportunities")
WEIGHTED_PIPELINE = QT_TRANSLATE_NOOP("DashboardCharts", "Weighted pipeline %1")
NO_CUSTOMERS = QT_TRANSLATE_NOOP("DashboardCharts", "No customers")
CLASS = QT_TRANSLATE_NOOP("DashboardCharts", "Class %1")
CLASS_SHARE = QT_TRANSLATE_NOOP("DashboardCharts", "%1 customers · %2 of sales")
NO_SALES_YEAR = QT_TRANSLATE_NOOP("DashboardCharts", "No sales in the last 12 months")
SHARE_OF_CUSTOMERS = QT_TRANSLATE_NOOP("DashboardCharts", "Share of customers")
CUMULATIVE_SHARE_OF_SALES = QT_TRANSLATE_NOOP("DashboardCharts", "Cumulative share of sales")


class ChartText:
    """The language of the chart texts: the interface's, unless matplotlib has no CJK
    font, in which case English (so that no text draws as boxes)."""

    def __init__(self, lang: str, cjk_font: bool) -> None:
        self.chinese = cjk_font and not lang.startswith("en")

    def __call__(self, source: str) -> str:
        return QCoreApplication.translate(CONTEXT, source) if self.chinese else source

    @property
    def lang(self) -> str:
        return "zh_CN" if self.chinese else "en"

    def money(self, fen: int) -> str:
        """Compact yuan for a chart label: ¥12.3万 / ¥123K."""
        return compact_money(fen, chinese=self.chinese)


def percent_label(ratio: Decimal | None) -> str:
    """ "75%" (one decimal when needed), "—" for None: never "nan" or a made-up 0 %."""
    shown = to_percent(ratio, 0)
    return "—" if shown is None else f"{shown}%"


def rep_chart_height(reps: int) -> int:
    """Pixels for a chart with a row per rep (at most MAX_REP_ROWS are drawn)."""
    return max(MIN_CHART_PX, 90 + ROW_PX * min(reps, MAX_REP_ROWS))


def extremes(items: Sequence[T], value: Callable[[T], float | None]) -> tuple[list[T], int]:
    """All `items` when they fit in MAX_REP_ROWS; else the highest and the lowest by
    `value`, highest first, leaving out those without a value. Also returns how many
    are left out."""
    if len(items) <= MAX_REP_ROWS:
        return list(items), 0
    ranked = sorted(
        (item for item in items if value(item) is not None),
        key=lambda item: -(value(item) or 0.0),
    )
    half = MAX_REP_ROWS // 2
    shown = ranked if len(ranked) <= MAX_REP_ROWS else ranked[:half] + ranked[-half:]
    return shown, len(items) - len(shown)


def _note_hidden(fig: Figure, text: ChartText, shown: int, total: int) -> None:
    if shown < total:
        note = text(EXTREMES_NOTE).replace("%1", str(shown))
        fig.text(0.99, 0.005, note.replace("%2", str(total)), ha="right", va="bottom",
                 fontsize=8, color=MUTED)  # fmt: skip


# --- shared pieces --------------------------------------------------------------------
def _axes(fig: Figure) -> Axes:
    fig.clear()
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(GRID)
    ax.tick_params(colors=MUTED, labelsize=9)
    ax.set_axisbelow(True)
    return ax


def show_empty(fig: Figure, message: str) -> None:
    """The chart's middle says there is nothing to show; no axes, no zero bars."""
    fig.clear()
    fig.text(0.5, 0.5, message, ha="center", va="center", color=MUTED, fontsize=12)


def _week_labels(weeks: Sequence[object]) -> list[str]:
    return [f"W{w.isocalendar()[1]}" for w in weeks]  # type: ignore[attr-defined]


def _thin_ticks(ax: Axes, labels: list[str], limit: int = 14) -> None:
    step = max(1, math.ceil(len(labels) / limit))
    ticks = list(range(0, len(labels), step))
    ax.set_xticks(ticks, [labels[i] for i in ticks])


def _percent_axis(ax: Axes, axis: str = "y") -> None:
    formatter = FuncFormatter(lambda value, _pos: f"{value:.0f}%")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


def _rep_bars(
    fig: Figure,
    names: list[str],
    ratios: list[Decimal | None],
    notes: list[str],
    text: ChartText,
    reference: float | None,
) -> None:
    """Horizontal bars of a ratio per rep, first rep on top; None is a "—" with no bar."""
    ax = _axes(fig)
    rows = list(range(len(names)))[::-1]
    values = [float(r) * 100 if r is not None else 0.0 for r in ratios]
    colours = [ACCENT if r is not None else "none" for r in ratios]
    ax.barh(rows, values, height=0.6, color=colours)
    ax.set_yticks(rows, names)
    top = max([*values, reference or 0.0, 10.0])
    # Room on the right for the longest label ("143% ¥56.0万 / ¥39.2万").
    ax.set_xlim(0, top * (1.5 if any(notes) else 1.2))
    _percent_axis(ax, "x")
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    if reference is not None:
        ax.axvline(reference, color=MUTED, linestyle="--", linewidth=1)
    for row, value, ratio, note in zip(rows, values, ratios, notes, strict=True):
        label = percent_label(ratio) + (f"  {note}" if note else "")
        ax.text(value + top * 0.01, row, label, va="center", fontsize=8, color=TEXT)


# --- the charts -----------------------------------------------------------------------
def draw_weekly_visits(fig: Figure, data: WeeklyVisits, text: ChartText) -> None:
    if not data.reps or data.total == 0:
        show_empty(fig, text(NO_VISITS))
        return
    labels = _week_labels(data.weeks)
    ax = _axes(fig)
    if len(data.reps) > MAX_REP_SERIES:
        reps, _hidden = extremes(data.reps, lambda r: float(sum(r.visits)))
        grid = [list(r.visits) for r in reps]
        image = ax.imshow(grid, aspect="auto", cmap="Blues", interpolation="nearest")
        ax.set_yticks(range(len(reps)), [r.name for r in reps])
        _note_hidden(fig, text, len(reps), len(data.reps))
        _thin_ticks(ax, labels)
        if len(reps) * len(data.weeks) > 150:
            # Too many cells to print their counts: a colour scale reads them instead.
            fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02).ax.tick_params(labelsize=8)
            return
        peak = max(max(row) for row in grid) or 1
        for y, row in enumerate(grid):
            for x, count in enumerate(row):
                colour = "white" if count > peak * 0.6 else TEXT
                ax.text(x, y, str(count), ha="center", va="center", fontsize=7, color=colour)
        return
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    if len(data.weeks) <= MAX_GROUPED_WEEKS:
        width = 0.8 / len(data.reps)
        for i, rep in enumerate(data.reps):
            offsets = [x - 0.4 + width * (i + 0.5) for x in range(len(data.weeks))]
            ax.bar(offsets, rep.visits, width=width, label=rep.name, color=SERIES[i])
        ax.set_xticks(range(len(labels)), labels)
    else:
        for i, rep in enumerate(data.reps):
            ax.plot(range(len(data.weeks)), rep.visits, marker="o", markersize=3,
                    label=rep.name, color=SERIES[i])  # fmt: skip
        _thin_ticks(ax, labels)
    ax.set_ylabel(text(VISITS), color=MUTED, fontsize=9)
    # Above the axes: inside, the legend would cover the tallest bars.
    ax.legend(fontsize=8, frameon=False, ncols=min(4, len(data.reps)), loc="lower left",
              bbox_to_anchor=(0.0, 1.0))  # fmt: skip


def draw_effective_trend(fig: Figure, data: EffectiveTrend, text: ChartText) -> None:
    if sum(data.visits) == 0:
        show_empty(fig, text(NO_VISITS))
        return
    ax = _axes(fig)
    # A week without visits has no rate: NaN breaks the line there (a gap, not a 0).
    values = [float(r) * 100 if r is not None else math.nan for r in data.rates]
    xs = range(len(values))
    ax.plot(xs, values, marker="o", markersize=4, color=ACCENT, linewidth=2)
    ax.set_ylim(0, 110)
    ax.set_xlim(-0.5, len(values) - 0.5)
    _percent_axis(ax)
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    _thin_ticks(ax, _week_labels(data.weeks))
    ax.set_ylabel(text(EFFECTIVE_VISIT_RATE), color=MUTED, fontsize=9)
    if len(values) <= 16:
        for x, rate, visits in zip(xs, data.rates, data.visits, strict=True):
            if rate is not None:
                ax.annotate(
                    percent_label(rate), (x, float(rate) * 100), textcoords="offset points",
                    xytext=(0, 6), ha="center", fontsize=8, color=TEXT,
                )  # fmt: skip
            elif visits == 0:
                ax.text(x, 3, "—", ha="center", fontsize=9, color=MUTED)


def draw_achievement(fig: Figure, rows: Sequence[Achievement], text: ChartText) -> None:
    if not any(r.target is not None for r in rows):
        show_empty(fig, text(NO_SALES_TARGETS))
        return
    shown, _hidden = extremes(rows, lambda r: None if r.ratio is None else float(r.ratio))
    notes = [
        f"{text.money(r.actual)} / {text.money(r.target)}" if r.target is not None
        else text(NO_TARGET)
        for r in shown
    ]  # fmt: skip
    _rep_bars(fig, [r.name for r in shown], [r.ratio for r in shown], notes, text, 100.0)
    _note_hidden(fig, text, len(shown), len(rows))


def draw_close_rates(fig: Figure, rows: Sequence[CloseRate], text: ChartText) -> None:
    if all(r.rate is None for r in rows):
        show_empty(
            fig,
            text(NONE_CLOSED),
        )
        return
    shown, _hidden = extremes(rows, lambda r: None if r.rate is None else float(r.rate))
    notes = [f"({r.won}/{r.won + r.lost})" if r.rate is not None else "" for r in shown]
    _rep_bars(fig, [r.name for r in shown], [r.rate for r in shown], notes, text, None)
    _note_hidden(fig, text, len(shown), len(rows))


def draw_funnel(fig: Figure, data: Funnel, text: ChartText) -> None:
    if data.is_empty:
        show_empty(fig, text(NO_OPPORTUNITIES))
        return
    ax = _axes(fig)
    stages = list(data.stages)
    rows = list(range(len(stages)))[::-1]
    counts = [s.count for s in stages]
    widest = max([*counts, 1])
    # Centred bars: the funnel's shape; the count and amount are written beside them.
    ax.barh(rows, counts, left=[-c / 2 for c in counts], height=0.7, color=ACCENT)
    ax.set_yticks(rows, [s.name(text.lang) for s in stages])
    for row, stage in zip(rows, stages, strict=True):
        ax.text(widest * 0.55, row, f"{stage.count} · {text.money(stage.amount_fen)}",
                va="center", fontsize=8, color=TEXT)  # fmt: skip
    ax.set_xlim(-widest * 0.6, widest * 1.25)
    ax.set_xticks([])
    ax.spines["bottom"].set_visible(False)
    closed = text(CLOSED_SUMMARY)
    for key, value in (
        ("%1", str(data.won_count)),
        ("%2", text.money(data.won_amount_fen)),
        ("%3", str(data.lost_count)),
        ("%4", text.money(data.lost_amount_fen)),
    ):
        closed = closed.replace(key, value)
    ax.set_xlabel(closed, color=MUTED, fontsize=9)


def draw_weighted(fig: Figure, data: WeightedPipeline, text: ChartText) -> None:
    if not any(s.count for s in data.stages) and not data.other_weighted_fen:
        show_empty(fig, text(NO_OPEN_OPPORTUNITIES))
        return
    ax = _axes(fig)
    stages = list(data.stages)
    rows = list(range(len(stages)))[::-1]
    values = [s.weighted_fen / 100 for s in stages]
    ax.barh(rows, values, height=0.6, color=SERIES[2])
    ax.set_yticks(rows, [f"{s.name(text.lang)} {s.probability_pct}%" for s in stages])
    top = max([*values, 1.0])
    ax.set_xlim(0, top * 1.3)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: text.money(int(v * 100))))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4))  # money labels are wide
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    for row, stage, value in zip(rows, stages, values, strict=True):
        ax.text(value + top * 0.01, row, text.money(stage.weighted_fen), va="center",
                fontsize=8, color=TEXT)  # fmt: skip
    ax.set_title(
        text(WEIGHTED_PIPELINE).replace("%1", text.money(data.total_fen)),
        fontsize=10, color=TEXT, loc="left",
    )  # fmt: skip


def draw_pyramid(fig: Figure, data: Pyramid, text: ChartText) -> None:
    if data.customers == 0:
        show_empty(fig, text(NO_CUSTOMERS))
        return
    ax = _axes(fig)
    classes = list(data.classes)  # A, B, C: A on top, the widest class at the bottom
    rows = list(range(len(classes)))[::-1]
    counts = [c.customers for c in classes]
    widest = max([*counts, 1])
    ax.barh(rows, counts, left=[-c / 2 for c in counts], height=0.8,
            color=[CLASS_COLOURS.get(c.value_class, ACCENT) for c in classes])  # fmt: skip
    ax.set_yticks(
        rows,
        [text(CLASS).replace("%1", c.value_class) for c in classes],
    )
    for row, c in zip(rows, classes, strict=True):
        label = text(CLASS_SHARE).replace("%1", f"{c.customers:,}")
        ax.text(widest * 0.55, row, label.replace("%2", percent_label(c.share)),
                va="center", fontsize=8, color=TEXT)  # fmt: skip
    ax.set_xlim(-widest * 0.6, widest * 1.35)
    ax.set_xticks([])
    ax.spines["bottom"].set_visible(False)


def draw_pareto(
    fig: Figure, data: Pareto, text: ChartText, thresholds: Sequence[int] = (70, 90)
) -> None:
    if not data.points:
        show_empty(fig, text(NO_SALES_YEAR))
        return
    ax = _axes(fig)
    xs = [x * 100 for x, _y in data.points]
    ys = [y * 100 for _x, y in data.points]
    ax.plot(xs, ys, color=ACCENT, linewidth=2)
    ax.fill_between(xs, ys, color=ACCENT, alpha=0.08)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 105)
    _percent_axis(ax)
    _percent_axis(ax, "x")
    ax.grid(color=GRID, linewidth=0.8)
    ax.set_xlabel(text(SHARE_OF_CUSTOMERS), color=MUTED, fontsize=9)
    ax.set_ylabel(
        text(CUMULATIVE_SHARE_OF_SALES),
        color=MUTED,
        fontsize=9,
    )
    for pct in thresholds:
        x = _first_x_reaching(xs, ys, pct)
        ax.axhline(pct, color=WARN, linestyle="--", linewidth=0.8)
        if x is not None:
            ax.axvline(x, ymax=pct / 105, color=WARN, linestyle=":", linewidth=0.8)
            ax.text(x + 1, pct - 6, f"{pct}% ← {x:.0f}%", fontsize=8, color=WARN)


def _first_x_reaching(xs: list[float], ys: list[float], level: float) -> float | None:
    """Where the curve first reaches `level`, interpolated between points."""
    for i in range(1, len(ys)):
        if ys[i] >= level:
            x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
            return x1 if y1 == y0 else x0 + (x1 - x0) * (level - y0) / (y1 - y0)
    return None

"""Render the dashboard's charts to pixels off the GUI thread.

Each chart has one matplotlib `Figure` on a plain Agg canvas (not a Qt widget), so the
drawing -- the costly part, ~100 ms for a chart of thirty reps -- runs in a background
task, and the GUI thread only turns the finished pixels into a pixmap. matplotlib is not
thread-safe, so one lock keeps a single thread drawing the figures at a time, and the
page never touches a figure while a render may be running (export waits for it).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from crm_desktop.ui.dashboard import charts, defection_charts

DPI = 100
CHART_PX = charts.MIN_CHART_PX

# matplotlib is not thread-safe: one thread at a time draws or saves the figures.
RENDER_LOCK = threading.Lock()


@dataclass(frozen=True)
class RenderedChart:
    key: str
    rgba: bytes  # width × height × 4 bytes, rows top to bottom
    width: int  # physical pixels
    height: int
    ratio: float  # device pixels per logical pixel


def new_figure() -> Figure:
    figure = Figure(figsize=(6, CHART_PX / DPI), dpi=DPI, layout="constrained")
    figure.set_facecolor("white")
    FigureCanvasAgg(figure)  # attaches itself as figure.canvas
    return figure


def chart_height(key: str, value: Any) -> int:
    """The chart's height in logical pixels: per-rep charts grow with their rows."""
    if key == "weekly_visits" and len(value.reps) > charts.MAX_REP_SERIES and value.total:
        return charts.rep_chart_height(len(value.reps))
    if key in ("achievement", "close_rates"):
        return charts.rep_chart_height(len(value))
    return CHART_PX


# Chart key (a DashboardData field) → how to draw that field's value on a figure.
DRAWERS: dict[str, Callable[[Figure, Any, charts.ChartText, tuple[int, int]], None]] = {
    "weekly_visits": lambda f, v, t, _th: charts.draw_weekly_visits(f, v, t),
    "effective_trend": lambda f, v, t, _th: charts.draw_effective_trend(f, v, t),
    "achievement": lambda f, v, t, _th: charts.draw_achievement(f, v, t),
    "close_rates": lambda f, v, t, _th: charts.draw_close_rates(f, v, t),
    "funnel": lambda f, v, t, _th: charts.draw_funnel(f, v, t),
    "weighted": lambda f, v, t, _th: charts.draw_weighted(f, v, t),
    "pyramid": lambda f, v, t, _th: charts.draw_pyramid(f, v, t),
    "pareto": lambda f, v, t, th: charts.draw_pareto(f, v, t, th),
    "defection_rates": lambda f, v, t, _th: defection_charts.draw_defection_rates(f, v, t),
    "loss_reasons": lambda f, v, t, _th: defection_charts.draw_loss_reasons(f, v, t),
}


def render_one(
    key: str,
    figure: Figure,
    value: Any,
    text: charts.ChartText,
    thresholds: tuple[int, int],
    width: int,
    ratio: float,
) -> RenderedChart:
    """Draw and render the chart of one DashboardData field at `width` logical pixels."""
    with RENDER_LOCK:
        figure.set_dpi(DPI * ratio)
        figure.set_size_inches(width / DPI, chart_height(key, value) / DPI)
        DRAWERS[key](figure, value, text, thresholds)
        canvas = figure.canvas
        assert isinstance(canvas, FigureCanvasAgg)
        canvas.draw()  # type: ignore[no-untyped-call]
        pixels_wide, pixels_high = canvas.get_width_height(physical=True)
        rgba = bytes(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
    return RenderedChart(key, rgba, pixels_wide, pixels_high, ratio)


def render_parts(
    parts: Iterable[Mapping[str, Any]],
    figures: Mapping[str, Figure],
    text: charts.ChartText,
    thresholds: tuple[int, int],
    widths: Mapping[str, int],
    ratio: float,
    deliver: Callable[[RenderedChart], None],
    stale: Callable[[], bool],
) -> dict[str, Any] | None:
    """Render each chart as soon as its part of the figures arrives, and return all the
    fields; None when a newer request made this one `stale` on the way.

    The parts are produced on a helper thread: their SQL runs without the interpreter
    lock, so the next part is read while this thread draws the charts of the last one.
    """
    arrived: queue.Queue[Mapping[str, Any] | BaseException | None] = queue.Queue()

    def produce() -> None:
        try:
            for part in parts:
                arrived.put(part)
            arrived.put(None)
        except BaseException as error:  # handed to the consumer, which raises it
            arrived.put(error)

    threading.Thread(target=produce, name="dashboard-figures", daemon=True).start()
    fields: dict[str, Any] = {}
    while (part := arrived.get()) is not None:
        if isinstance(part, BaseException):
            raise part
        fields.update(part)
        for key, value in part.items():
            if stale():
                return None
            deliver(render_one(key, figures[key], value, text, thresholds, widths[key], ratio))
    return fields

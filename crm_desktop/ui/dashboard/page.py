"""Dashboard 看板 (SPEC §3): visits per rep, effective visit rate, target achievement, close
rates, the funnel and weighted pipeline, the A/B/C pyramid and Pareto curve.

The figures are computed by `DashboardService.figures()` in a background task; only the
newest request's answer is drawn. Drawing is on the GUI thread (matplotlib is not
thread-safe), one chart per turn of the event loop, so the window stays responsive while
eight figures render. Each card keeps its Figure and canvas for the page's lifetime.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.config.settings import ABC_A_SHARE_PCT, ABC_B_SHARE_PCT
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.dashboard import DashboardData, DashboardService
from crm_desktop.ui import application
from crm_desktop.ui.activity.form import date_edit, from_qdate, to_qdate
from crm_desktop.ui.activity.page_parts import heading
from crm_desktop.ui.dashboard import charts
from crm_desktop.ui.dashboard.fonts import configure_matplotlib
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.tasks import BackgroundTask, run_task

CHART_PX = charts.MIN_CHART_PX
DPI = 100
EXPORT_DPI = 150


def period_bounds(key: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """[start, today] of a period choice; the custom period is read from the date edits."""
    monday = today - dt.timedelta(days=today.weekday())
    if key == "week":
        return monday, today
    if key == "4weeks":  # this ISO week and the three before it
        return monday - dt.timedelta(weeks=3), today
    if key == "month":
        return today.replace(day=1), today
    if key == "quarter":
        return today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1), today
    if key == "year":
        return today.replace(month=1, day=1), today
    raise ValueError(f"unknown period {key!r}")


class ChartCard(QFrame):
    """A titled card with one chart (a Figure on a Qt canvas) and its PNG export."""

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("chartCard")
        self.figure = Figure(figsize=(6, CHART_PX / DPI), dpi=DPI, layout="constrained")
        self.figure.set_facecolor("white")
        self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.canvas.setFixedHeight(CHART_PX)
        self.title = QLabel(title)
        self.title.setObjectName("chartTitle")
        self.export_button = QPushButton(self.tr("Export PNG…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.canvas)

    def set_height(self, pixels: int) -> None:
        if self.canvas.height() != pixels:
            self.canvas.setFixedHeight(pixels)

    def export(self) -> str | None:
        """Ask for a file name and save the chart there as PNG; the path, or None."""
        default = re.sub(r"[\\/:*?\"<>|\s]+", "_", self.title.text()) + ".png"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export chart"), default, self.tr("PNG image (*.png)")
        )
        if not path:
            return None
        if not path.lower().endswith(".png"):
            path += ".png"
        self.figure.savefig(path, dpi=EXPORT_DPI, facecolor="white")
        return path


class DashboardPage(Page):
    key = "dashboard"
    # Emitted once every chart shows the newest figures (tests and the bench wait on it).
    charts_drawn = Signal()

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Dashboard")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        services = context.services
        self.service = DashboardService(services.store, services.user)
        self.text = charts.ChartText(context.lang, configure_matplotlib() is not None)
        self.data: DashboardData | None = None
        self.task: BackgroundTask | None = None
        self._request = 0
        self._pending: list[str] = []  # chart keys still to draw with self.data

        self.period = QComboBox()
        for key, label in (
            ("week", self.tr("This week")),
            ("4weeks", self.tr("Last 4 weeks")),
            ("month", self.tr("This month")),
            ("quarter", self.tr("This quarter")),
            ("year", self.tr("This year")),
            ("custom", self.tr("Custom…")),
        ):
            self.period.addItem(label, key)
        self.period.setCurrentIndex(1)
        today = dt.date.today()
        self.date_from = date_edit(today - dt.timedelta(days=27))
        self.date_to = date_edit(today)
        self.team = QComboBox()
        self.team.addItem(self.tr("All teams"), None)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.status = QLabel()
        self.status.setObjectName("hint")

        self.cards: dict[str, ChartCard] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        titles = (
            ("weekly_visits", self.tr("Weekly visits per rep")),
            ("effective_trend", self.tr("Effective visit rate by week")),
            ("achievement", self.tr("Sales target achievement")),
            ("close_rates", self.tr("Close rate by rep")),
            ("funnel", self.tr("Sales funnel")),
            ("weighted", self.tr("Weighted pipeline")),
            ("pyramid", self.tr("A/B/C customers")),
            ("pareto", self.tr("Pareto curve of sales")),
        )
        for position, (key, title) in enumerate(titles):
            card = ChartCard(key, title)
            self.cards[key] = card
            grid.addWidget(card, position // 2, position % 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(grid)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.scroll_area = scroll

        toolbar = QHBoxLayout()
        toolbar.addWidget(heading(self.title()))
        toolbar.addSpacing(16)
        toolbar.addWidget(self.period)
        toolbar.addWidget(self.date_from)
        toolbar.addWidget(self.date_to)
        toolbar.addWidget(self.team)
        toolbar.addWidget(self.refresh_button)
        toolbar.addWidget(self.status)
        toolbar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(scroll, 1)

        self._load_teams()
        self._period_changed()
        self.period.currentIndexChanged.connect(lambda _i: self._period_changed(refresh=True))
        self.date_from.dateChanged.connect(lambda _d: self.refresh())
        self.date_to.dateChanged.connect(lambda _d: self.refresh())
        self.team.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)

    # --- filters -----------------------------------------------------------------------
    def _load_teams(self) -> None:
        try:
            teams = self.service.teams()
        except UserFacingError as error:
            application.show_error(error, self)
            teams = []
        for team_id, name in teams:
            self.team.addItem(name, team_id)
        # A rep's figures are their own: no team to choose.
        self.team.setVisible(bool(teams))

    def _period_changed(self, refresh: bool = False) -> None:
        key = self.period.currentData()
        custom = key == "custom"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        if not custom:
            start, end = period_bounds(key, dt.date.today())
            for edit, day in ((self.date_from, start), (self.date_to, end)):
                edit.blockSignals(True)
                edit.setDate(to_qdate(day))
                edit.blockSignals(False)
        if refresh:
            self.refresh()

    def period_dates(self) -> tuple[dt.date, dt.date]:
        start, end = from_qdate(self.date_from.date()), from_qdate(self.date_to.date())
        return (start, end) if start <= end else (end, start)

    # --- computing ---------------------------------------------------------------------
    def page_shown(self) -> None:
        """Recompute on every visit: a sync may have brought visits or opportunities."""
        self.refresh()

    def refresh(self) -> BackgroundTask:
        """Compute the figures for the filters in the background; an answer to an older
        request is dropped when it arrives."""
        self._request += 1
        request = self._request
        start, end = self.period_dates()
        team_id = self.team.currentData()
        today = dt.date.today()
        service = self.service
        self.status.setText(self.tr("Updating…"))
        task = run_task(lambda _ctx: service.figures(start, end, team_id, today), parent=self)
        task.succeeded.connect(lambda data: self._received(request, data))
        task.failed.connect(lambda error: self._failed(request, error))
        self.task = task
        return task

    def _received(self, request: int, data: DashboardData) -> None:
        if request != self._request:
            return  # the filters changed since: a newer answer is on its way
        self.data = data
        self._pending = list(self.cards)
        QTimer.singleShot(0, self._draw_next)

    def _failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self.status.setText("")
        if isinstance(error, UserFacingError):
            application.show_error(error, self)
        else:
            raise error if isinstance(error, BaseException) else RuntimeError(error)

    # --- drawing -----------------------------------------------------------------------
    def _draw_next(self) -> None:
        """Draw one chart and come back on the next turn of the event loop."""
        if not self._pending or self.data is None:
            return
        key = self._pending.pop(0)
        self.draw_chart(key, self.data)
        if self._pending:
            QTimer.singleShot(0, self._draw_next)
        else:
            self.status.setText("")
            self.charts_drawn.emit()

    def draw_chart(self, key: str, data: DashboardData) -> None:
        card = self.cards[key]
        drawers: dict[str, tuple[Callable[[], None], int]] = {
            "weekly_visits": (
                lambda: charts.draw_weekly_visits(card.figure, data.weekly_visits, self.text),
                charts.rep_chart_height(len(data.weekly_visits.reps))
                if len(data.weekly_visits.reps) > charts.MAX_REP_SERIES and data.weekly_visits.total
                else CHART_PX,
            ),
            "effective_trend": (
                lambda: charts.draw_effective_trend(card.figure, data.effective_trend, self.text),
                CHART_PX,
            ),
            "achievement": (
                lambda: charts.draw_achievement(card.figure, data.achievement, self.text),
                charts.rep_chart_height(len(data.achievement)),
            ),
            "close_rates": (
                lambda: charts.draw_close_rates(card.figure, data.close_rates, self.text),
                charts.rep_chart_height(len(data.close_rates)),
            ),
            "funnel": (lambda: charts.draw_funnel(card.figure, data.funnel, self.text), CHART_PX),
            "weighted": (
                lambda: charts.draw_weighted(card.figure, data.weighted, self.text),
                CHART_PX,
            ),
            "pyramid": (
                lambda: charts.draw_pyramid(card.figure, data.pyramid, self.text),
                CHART_PX,
            ),
            "pareto": (
                lambda: charts.draw_pareto(card.figure, data.pareto, self.text, self._thresholds()),
                CHART_PX,
            ),
        }
        draw, height = drawers[key]
        card.set_height(height)  # the canvas resizes its figure to follow
        draw()
        # Rendered now rather than by draw_idle's own zero timer, so that each turn of
        # the event loop renders exactly one chart and input is handled in between.
        card.canvas.draw()  # type: ignore[no-untyped-call]
        card.export_button.setEnabled(True)

    def _thresholds(self) -> tuple[int, int]:
        a = int(self.context.settings.get(ABC_A_SHARE_PCT))
        b = int(self.context.settings.get(ABC_B_SHARE_PCT))
        return a, a + b

    def figure(self, key: str) -> Any:
        """The matplotlib Figure of a chart (for tests and the bench)."""
        return self.cards[key].figure

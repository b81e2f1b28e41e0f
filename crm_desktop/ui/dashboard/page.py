"""Dashboard 看板 (SPEC §3): visits per rep, effective visit rate, target achievement, close
rates, the funnel and weighted pipeline, the A/B/C pyramid and Pareto curve.

The figures are computed by `DashboardService.figures()` and the charts rendered to
pixels in the same background task (render.py); each chart is shown as soon as it is
rendered, and only the newest request's answer is shown. The GUI thread only turns the
pixels into a pixmap, so the window keeps answering while eight charts are drawn. A
resize renders the charts again at the new width from the figures already computed.
Each card keeps its Figure for the page's lifetime.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
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

from crm_desktop.config.atomic_file import atomic_target
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.export.errors import file_error
from crm_desktop.services.team.dashboard import DashboardData
from crm_desktop.ui import application
from crm_desktop.ui.activity.form import date_edit, from_qdate, to_qdate
from crm_desktop.ui.activity.page_parts import heading
from crm_desktop.ui.dashboard import charts, render
from crm_desktop.ui.dashboard.fonts import configure_matplotlib
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.tasks import BackgroundTask, TaskContext, run_task

EXPORT_DPI = 150
MIN_WIDTH = 320  # a card not laid out yet is rendered at least this wide
RESIZE_DELAY_MS = 150  # a window being dragged wider re-renders once it rests


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
    """A titled card with one chart (a Figure rendered to a pixmap) and its PNG export."""

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("chartCard")
        self.figure = render.new_figure()
        self.image = QLabel()
        self.image.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.image.setMinimumWidth(MIN_WIDTH // 2)
        self.image.setFixedHeight(render.CHART_PX)
        self.image.setStyleSheet("background: white;")
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
        layout.addWidget(self.image)

    def chart_width(self) -> int:
        return max(self.image.width(), MIN_WIDTH)

    def show_chart(self, chart: render.RenderedChart) -> None:
        image = QImage(
            chart.rgba, chart.width, chart.height, chart.width * 4, QImage.Format.Format_RGBA8888
        )
        pixmap = QPixmap.fromImage(image)  # copies the pixels: the bytes may go
        pixmap.setDevicePixelRatio(chart.ratio)
        self.image.setFixedHeight(round(chart.height / chart.ratio))
        self.image.setPixmap(pixmap)

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
        # Atomic like every export (config/atomic_file.py): no half-written image. Never
        # while a background render draws this figure. A folder that refuses the file is
        # said in plain words (export/errors.py), not as an unexpected error.
        try:
            with render.RENDER_LOCK, atomic_target(Path(path)) as temporary:
                self.figure.savefig(temporary, dpi=EXPORT_DPI, facecolor="white", format="png")
        except OSError as error:
            application.show_error(file_error(error, Path(path)), self)
            return None
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
        self.service = services.dashboard
        self.text = charts.ChartText(context.lang, configure_matplotlib() is not None)
        # matplotlib's import and font set-up made objects that live as long as the app.
        application.freeze_long_lived()
        self.data: DashboardData | None = None
        self.task: BackgroundTask | None = None
        self._request = 0
        # Charts a worker has rendered and the GUI thread has not shown yet.
        self._ready: list[tuple[int, render.RenderedChart]] = []
        self._ready_lock = threading.Lock()
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(RESIZE_DELAY_MS)
        self._resize_timer.timeout.connect(self.rerender)
        self._rendered_widths: dict[str, int] = {}

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
        today = services.clock.today()
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
            ("defection_rates", self.tr("Defection rate, last 12 months")),
            ("loss_reasons", self.tr("Root causes of defection by month")),
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
            start, end = period_bounds(key, self.context.services.clock.today())
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
        """Compute the figures for the filters and render the charts in the background;
        an answer to an older request is dropped when it arrives."""
        start, end = self.period_dates()
        team_id = self.team.currentData()
        today = self.context.services.clock.today()
        service = self.service
        return self._start(start, end, lambda: service.figure_parts(start, end, team_id, today))

    def rerender(self) -> BackgroundTask | None:
        """Render the figures already computed again when the charts' width changed."""
        data = self.data
        if data is None or self._widths() == self._rendered_widths:
            return None
        fields = {key: getattr(data, key) for key in self.cards}
        return self._start(data.start, data.end, lambda: [fields])

    def _widths(self) -> dict[str, int]:
        return {key: card.chart_width() for key, card in self.cards.items()}

    def _start(
        self, start: dt.date, end: dt.date, parts: Callable[[], Iterable[dict[str, Any]]]
    ) -> BackgroundTask:
        self._request += 1
        request = self._request
        text, thresholds, ratio = self.text, self._thresholds(), self.devicePixelRatioF()
        figures = {key: card.figure for key, card in self.cards.items()}
        widths = self._widths()
        self._rendered_widths = widths
        for card in self.cards.values():
            card.export_button.setEnabled(False)
        self.status.setText(self.tr("Updating…"))

        def work(ctx: TaskContext) -> DashboardData | None:
            done = [0]

            def deliver(chart: render.RenderedChart) -> None:
                with self._ready_lock:
                    self._ready.append((request, chart))
                done[0] += 1
                ctx.progress(done[0], len(figures))

            def stale() -> bool:
                return request != self._request

            fields = render.render_parts(
                parts(), figures, text, thresholds, widths, ratio, deliver, stale
            )
            return None if fields is None else DashboardData(start, end, **fields)

        task = run_task(work, parent=self)
        task.progressed.connect(lambda _done, _total: self._show_ready())
        task.succeeded.connect(lambda data: self._received(request, data))
        task.failed.connect(lambda error: self._failed(request, error))
        self.task = task
        return task

    def _show_ready(self) -> None:
        with self._ready_lock:
            ready, self._ready = self._ready, []
        for request, chart in ready:
            if request == self._request:
                self.cards[chart.key].show_chart(chart)

    def _received(self, request: int, data: DashboardData | None) -> None:
        if request != self._request or data is None:
            return  # the filters changed since: a newer answer is on its way
        self._show_ready()  # the last progress report may be throttled away
        self.data = data
        for card in self.cards.values():
            card.export_button.setEnabled(True)
        self.status.setText("")
        self.charts_drawn.emit()
        # The first answer may have been rendered before the layout settled.
        if self._widths() != self._rendered_widths:
            self._resize_timer.start()

    def _failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self.status.setText("")
        if isinstance(error, UserFacingError):
            application.show_error(error, self)
        else:
            raise error if isinstance(error, BaseException) else RuntimeError(error)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.data is not None:
            self._resize_timer.start()

    def _thresholds(self) -> tuple[int, int]:
        shares = self.context.services.policy.current().columns()  # the team policy's
        a, b = shares["abc_a_share_pct"], shares["abc_b_share_pct"]
        return a, a + b

    def figure(self, key: str) -> Any:
        """The matplotlib Figure of a chart (for tests and the bench)."""
        return self.cards[key].figure

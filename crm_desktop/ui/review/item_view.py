"""One plan or report shown for review, read-only: as the rep wrote it, with the day's plan
beside a report (planned vs visited), day totals against the rep's targets, and history.

The visits table is the report: it must show every column, the outcome included, without
scrolling sideways on a 1366 px laptop. So its short columns size to their contents, the
customer and the next step share what is left and wrap, and below `COMPACT_WIDTH` the plan
beside the report shrinks to its summary line under the visits (which names the customers
planned but not visited), leaving the report the whole width and most of the height.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.daily import VisitDraft
from crm_desktop.domain.money import format_fen
from crm_desktop.domain.picklists import (
    Attendance,
    PlanStatus,
    ReportStatus,
    TargetKind,
    VisitOutcome,
    VisitPurpose,
)
from crm_desktop.domain.workflow import PlanAction, ReportAction
from crm_desktop.services.review.review import PLAN, HistoryEvent, ReviewItem
from crm_desktop.ui.plans.report_totals import MONEY_KINDS, percent_text
from crm_desktop.ui.review.fit_table import WidthFitter
from crm_desktop.ui.widgets import (
    ALERT_COLOR,
    fill_table,
    join_items,
    or_dash,
    picklist_label,
    read_only_table,
)

PLANNED_VISITED = 1  # columns of the planned-vs-visited table
PLANNED_CUSTOMER = 2
PLANNED_PURPOSE = 3  # then the objective
VISIT_CUSTOMER = 1  # columns of the visits table that share the width left, and wrap
VISIT_PURPOSE = 2
VISIT_OUTCOME = 3
VISIT_NEXT_STEP = 7
# Below this width of the item view the plan goes under the report (a 1366 px screen
# leaves the view about 840 px; 1920 px leaves about 1400).
COMPACT_WIDTH = 1100


def local_time(value: dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored (naive UTC) time in the laptop's time zone."""
    if value is None:
        return ""
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone().strftime(fmt)


def _label(object_name: str | None = None, *, wrap: bool = True) -> QLabel:
    label = QLabel()
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ItemView(QWidget):
    """Shows a `ReviewItem`; `show_item(None)` shows the empty state."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.item: ReviewItem | None = None

        self.title = _label("cardTitle")
        self.subtitle = _label("cardSubtitle")
        self.empty = _label("hint")

        # The report as written: header, visits.
        self.attendance = _label()
        self.expenses = _label()
        self.reflections = _label()
        self.report_box = QGroupBox(self.tr("Daily report"))
        report_layout = QVBoxLayout(self.report_box)
        header = QFormLayout()
        header.addRow(self.tr("Attendance"), self.attendance)
        header.addRow(self.tr("Expenses"), self.expenses)
        header.addRow(self.tr("Reflections"), self.reflections)
        report_layout.addLayout(header)
        self.visits = read_only_table(
            [
                self.tr("Time"),
                self.tr("Customer"),
                self.tr("Purpose"),
                self.tr("Outcome"),
                self.tr("Effective"),
                self.tr("Order"),
                self.tr("Collection"),
                self.tr("Next step"),
            ]
        )
        self.visits.setObjectName("reviewVisits")
        self.visits_fitter = WidthFitter(
            self.visits, {VISIT_CUSTOMER: 3, VISIT_PURPOSE: 2, VISIT_OUTCOME: 2, VISIT_NEXT_STEP: 3}
        )
        report_layout.addWidget(self.visits, 1)
        self.plan_line = _label("cardSubtitle")  # the plan, when compact
        self.plan_line.setObjectName("reviewPlanLine")
        report_layout.addWidget(self.plan_line)

        # The plan beside it: planned vs visited.
        self.plan_box = QGroupBox(self.tr("Visit plan"))
        plan_layout = QVBoxLayout(self.plan_box)
        self.plan_summary = _label("cardSubtitle")
        self.planned = read_only_table(
            [
                self.tr("Time"),
                self.tr("Visited"),
                self.tr("Customer"),
                self.tr("Purpose"),
                self.tr("Objective"),
            ]
        )
        self.planned.setObjectName("reviewPlanned")
        self.planned_fitter = WidthFitter(
            self.planned, {PLANNED_CUSTOMER: 3, PLANNED_PURPOSE: 2, PLANNED_PURPOSE + 1: 3}
        )
        plan_layout.addWidget(self.plan_summary)
        plan_layout.addWidget(self.planned, 1)

        # The report and the plan side by side; when compact, the plan is a line.
        self.compact = False
        self._has_plan_box = False
        self.body = QWidget()
        body_layout = QHBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.report_box, 2)
        body_layout.addWidget(self.plan_box, 1)

        # Totals vs targets, and the history.
        self.totals_box = QGroupBox(self.tr("Day totals and targets"))
        totals_layout = QVBoxLayout(self.totals_box)
        self.totals = _label()
        self.targets = _label()
        self.targets.setTextFormat(Qt.TextFormat.RichText)
        totals_layout.addWidget(self.totals)
        totals_layout.addWidget(self.targets)
        self.history_box = QGroupBox(self.tr("History"))
        history_layout = QVBoxLayout(self.history_box)
        self.history = _label()
        self.history.setObjectName("reviewHistory")
        history_layout.addWidget(self.history)
        bottom = QHBoxLayout()
        bottom.addWidget(self.totals_box, 3)
        bottom.addWidget(self.history_box, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.empty)
        layout.addWidget(self.body, 1)
        layout.addLayout(bottom)
        self.show_item(None)

    # --- showing -----------------------------------------------------------------------
    def show_item(self, item: ReviewItem | None, empty_text: str = "") -> None:
        self.item = item
        has = item is not None
        for widget in (self.body, self.totals_box, self.history_box, self.subtitle):
            widget.setVisible(has)
        self.empty.setVisible(not has)
        if item is None:
            self.title.setText("")
            self.empty.setText(empty_text)
            return
        kind = self.tr("Visit plan") if item.kind == PLAN else self.tr("Daily report")
        self.title.setText(f"{item.rep_name} · {item.day.isoformat()} · {kind}")
        self.subtitle.setText(self._subtitle(item))
        is_report = item.report is not None
        self.report_box.setVisible(is_report)
        self.totals_box.setVisible(is_report)
        self._show_plan(item)
        if item.report is not None:
            self._show_report(item)
        self.history.setText(self._history_text(item.history))
        self._apply_compact()

    # --- layout ------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = event.size().width() < COMPACT_WIDTH
        if compact != self.compact:
            self.compact = compact
            self._apply_compact()

    def _apply_compact(self) -> None:
        """The plan beside the report, or only its summary line under the visits (a plan
        under review keeps its table: it is the whole item then)."""
        as_line = self.compact and self.item is not None and self.item.kind != PLAN
        self.plan_box.setVisible(self._has_plan_box and not as_line)
        self.plan_line.setVisible(as_line)
        self.plan_line.setText(
            self.tr("Visit plan: %1").replace("%1", self.plan_summary.text()) if as_line else ""
        )

    def _subtitle(self, item: ReviewItem) -> str:
        if item.kind == PLAN:
            status = picklist_label(PlanStatus, item.status, self.lang)
        else:
            status = picklist_label(ReportStatus, item.status, self.lang)
        parts = [self.tr("Status: %1").replace("%1", status)]
        submitted = next((e.at for e in reversed(item.history) if e.action == "submit"), None)
        if submitted is not None:
            parts.append(self.tr("submitted %1").replace("%1", local_time(submitted)))
        if item.late:
            parts.append(self.tr("late"))
        return " · ".join(parts)

    def _show_plan(self, item: ReviewItem) -> None:
        plan = item.plan
        self._has_plan_box = plan is not None or item.kind == PLAN
        if plan is None:
            self.plan_summary.setText(self.tr("No plan for this day."))
            fill_table(self.planned, [])
            self.planned_fitter.fit()
            return
        status = picklist_label(PlanStatus, plan.status, self.lang)
        if item.kind == PLAN:
            summary = self.tr("%1 customers planned · %2").replace("%1", str(len(plan.items)))
            summary = summary.replace("%2", status)
        else:
            visited = sum(p.visited for p in item.planned)
            summary = (
                self.tr("Planned %1, visited %2 (%3) · unplanned visits %4 · plan %5")
                .replace("%1", str(len(item.planned)))
                .replace("%2", str(visited))
                .replace("%3", percent_text(item.plan_completion))
                .replace("%4", str(item.unplanned_visits))
                .replace("%5", status)
            )
            missed = [p.customer_name for p in item.planned if not p.visited]
            if missed:
                summary += " · " + self.tr("not visited: %1").replace("%1", join_items(missed))
        self.plan_summary.setText(summary)
        rows = []
        for p in item.planned:
            # The outcome is in the visits table; here only the mark (and a tooltip).
            visited_text = "" if item.kind == PLAN else ("✓" if p.visited else "✗")
            rows.append(
                [
                    p.planned_time or "",
                    visited_text,
                    p.customer_name,
                    picklist_label(VisitPurpose, p.purpose, self.lang),
                    p.objective or "",
                ]
            )
        fill_table(self.planned, rows)
        # A plan under review shows what was planned and why; beside a report, the visits
        # say the rest, so the plan shows only whether each customer was visited.
        self.planned.setColumnHidden(PLANNED_VISITED, item.kind == PLAN)
        for column in (PLANNED_PURPOSE, PLANNED_PURPOSE + 1):
            self.planned.setColumnHidden(column, item.kind != PLAN)
        for r, p in enumerate(item.planned):
            cell = self.planned.item(r, PLANNED_VISITED)
            if cell is None or item.kind == PLAN:
                continue
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if p.visited:
                outcome = picklist_label(VisitOutcome, p.outcome, self.lang)
                cell.setToolTip(outcome or self.tr("Visited"))
            else:
                cell.setForeground(QColor(ALERT_COLOR))
                cell.setToolTip(self.tr("Not visited"))
        self.planned_fitter.fit()

    def _show_report(self, item: ReviewItem) -> None:
        view = item.report
        assert view is not None
        draft = view.draft
        self.attendance.setText(picklist_label(Attendance, draft.attendance, self.lang))
        expenses = format_fen(draft.expenses_fen) if draft.expenses_fen else ""
        if draft.expense_note:
            expenses = f"{expenses}  {draft.expense_note}".strip()
        self.expenses.setText(or_dash(expenses))
        self.reflections.setText(or_dash(draft.reflections or ""))
        fill_table(self.visits, [self._visit_cells(v) for v in draft.visits], right_aligned=(5, 6))
        self.visits_fitter.fit()
        totals = view.totals
        self.totals.setText(
            self.tr("Visits %1 · effective %2 (%3) · orders %4, %5 · collections %6")
            .replace("%1", str(totals.visits))
            .replace("%2", str(totals.effective_visits))
            .replace("%3", percent_text(totals.effective_rate))
            .replace("%4", str(totals.orders))
            .replace("%5", format_fen(totals.order_amount_fen))
            .replace("%6", format_fen(totals.collection_fen))
        )
        lines = []
        for t in view.targets:
            kind = TargetKind(t.kind).label(self.lang)

            def show(value: int, kind_code: str = t.kind) -> str:
                return format_fen(value) if kind_code in MONEY_KINDS else str(value)

            lines.append(
                self.tr("%1 — day %2 / %3 (%4); month to date %5 / %6 (%7)")
                .replace("%1", f"<b>{kind}</b>")
                .replace("%2", show(t.day_actual))
                .replace("%3", show(t.day_target))
                .replace("%4", percent_text(t.day_ratio))
                .replace("%5", show(t.month_actual))
                .replace("%6", show(t.month_target))
                .replace("%7", percent_text(t.month_ratio))
            )
        self.targets.setText("<br>".join(lines) or self.tr("No targets set for this month."))

    def _visit_cells(self, v: VisitDraft) -> list[str]:
        time = "–".join(t for t in (v.start_time, v.end_time) if t)
        name = v.customer_name if v.planned else f"{v.customer_name} {self.tr('(unplanned)')}"
        next_step = v.next_step or ""
        if v.next_step_on:
            next_step = f"{next_step} ({v.next_step_on.isoformat()})"
        return [
            time,
            name,
            picklist_label(VisitPurpose, v.purpose, self.lang),
            picklist_label(VisitOutcome, v.outcome, self.lang),
            "✓" if v.is_effective else "",
            format_fen(v.order_amount_fen) if v.order_amount_fen else "",
            format_fen(v.collection_amount_fen) if v.collection_amount_fen else "",
            next_step,
        ]

    def _history_text(self, events: Sequence[HistoryEvent]) -> str:
        lines = []
        for e in events:
            action = _action_label(e.action, self.lang)
            if e.action == ReportAction.REOPEN.value and e.count > 1:
                action = self.tr("%1 (%2 times)").replace("%1", action).replace("%2", str(e.count))
            parts = [p for p in (local_time(e.at), e.by_name, action) if p]
            line = "  ".join(parts)
            if e.comment:
                line += f"：{e.comment}" if self.lang.startswith("zh") else f": {e.comment}"
            lines.append(line)
        return "\n".join(lines) or "—"


def _action_label(code: str, lang: str) -> str:
    for kind in (ReportAction, PlanAction):
        try:
            return kind(code).label(lang)
        except ValueError:
            continue
    return code

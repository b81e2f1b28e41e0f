"""The weekly summary 周报 as plain data (SPEC §4): what the service collects from the
store and the workbook writer lays out. No SQL and no Excel here, so the service (above
the export layer) can build it and the writer (below the services) can read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from crm_desktop.domain import kpi

# Re-exported: the weekly dialog and the service take it from here with the data.
from crm_desktop.export.errors import ExportCancelled as ExportCancelled


@dataclass(frozen=True)
class SummaryRow:
    """One rep's line on the summary sheet (or the total line). Money in fen."""

    rep_name: str
    planned_items: int
    planned_items_visited: int
    visits: int
    effective_visits: int
    order_visits: int
    order_amount_fen: int
    collection_fen: int
    new_customers: int
    opportunities_advanced: int
    opportunities_won: int
    opportunities_lost: int
    reports_on_time: int
    reports_late: int
    reports_missing: int
    reports_signed: int
    # Targets: None when no target is set for the rep (no achievement, not 0 %).
    week_sales_target_fen: int | None
    week_collection_target_fen: int | None
    month_sales_fen: int  # month to date (first of the month to the week's Sunday)
    month_collection_fen: int
    month_sales_target_fen: int | None  # the whole month's target
    month_collection_target_fen: int | None
    # New customers developed (F6 新开发客户数), apart from the records created above:
    # a first order ever taken in the week, a lead converted in the week, and the
    # customers that are either (each customer once).
    first_orders: int = 0
    leads_converted: int = 0
    customers_developed: int = 0
    expenses_fen: int = 0  # the week's daily reports' expenses 费用

    @property
    def plan_completion(self) -> Decimal | None:
        return kpi.plan_completion(self.planned_items_visited, self.planned_items)

    @property
    def effective_rate(self) -> Decimal | None:
        return kpi.effective_visit_rate(self.effective_visits, self.visits)

    @property
    def transaction_rate(self) -> Decimal | None:
        return kpi.transaction_rate(self.order_visits, self.visits)

    @staticmethod
    def _achieved(actual: int, target: int | None) -> Decimal | None:
        return None if target is None else kpi.achievement(actual, target)

    @property
    def week_sales_achievement(self) -> Decimal | None:
        return self._achieved(self.order_amount_fen, self.week_sales_target_fen)

    @property
    def week_collection_achievement(self) -> Decimal | None:
        return self._achieved(self.collection_fen, self.week_collection_target_fen)

    @property
    def month_sales_achievement(self) -> Decimal | None:
        return self._achieved(self.month_sales_fen, self.month_sales_target_fen)

    @property
    def month_collection_achievement(self) -> Decimal | None:
        return self._achieved(self.month_collection_fen, self.month_collection_target_fen)


@dataclass(frozen=True)
class VisitLine:
    """One visit record, flat (the details sheet and the reps' day blocks)."""

    visit_date: dt.date
    rep_id: str
    rep_name: str
    customer: str
    planned: bool
    purpose: str  # label in the export's language
    start_time: str | None
    end_time: str | None
    outcome: str | None  # label
    effective: bool
    order_amount_fen: int
    collection_fen: int
    contacts_met: str | None
    next_step: str | None
    next_step_on: dt.date | None


@dataclass(frozen=True)
class RepDay:
    """One day of a rep's week: the report's state, the supervisor's comment, the visits."""

    day: dt.date
    report_status: str | None  # label; None: no report that day
    review_comment: str | None  # 批示意见
    visits: tuple[VisitLine, ...]


@dataclass(frozen=True)
class RepWeek:
    rep_id: str
    rep_name: str
    days: tuple[RepDay, ...]  # Monday to Sunday, always seven


@dataclass(frozen=True)
class StageChangeLine:
    changed_at: dt.datetime  # local time, naive
    rep_name: str
    customer: str
    opportunity: str
    amount_fen: int
    from_stage: str | None  # label
    to_stage: str
    change: str  # advanced / won / lost / back / new, as a label


@dataclass(frozen=True)
class MarketLine:
    report_date: dt.date
    rep_name: str
    region: str | None
    customer: str | None
    category: str
    severity: str
    description: str
    suggested_action: str | None
    acknowledged: bool


@dataclass(frozen=True)
class PlannedLine:
    plan_date: dt.date
    rep_name: str
    planned_time: str | None
    customer: str
    purpose: str
    objective: str | None
    plan_status: str


@dataclass(frozen=True)
class NewCustomerLine:
    """A customer new this week to a rep, with every way it is new, each labelled."""

    rep_name: str
    customer: str
    kinds: str  # labels joined, e.g. "新建档案、首次下单"
    created_on: dt.date | None  # the card was created this week (local day)
    first_order_on: dt.date | None  # the first order the customer ever gave
    first_order_fen: int
    converted_on: dt.date | None  # a lead converted into this customer (local day)
    lead: str | None  # the converted lead's name
    developed: bool  # a first order or a conversion: counts as developed


@dataclass(frozen=True)
class ExceptionLine:
    """One exception customer 异常客户 and why; one line per reason."""

    kind: str  # one of EXCEPTION_KINDS, as a code
    kind_label: str
    rep_name: str  # the customer's owner
    customer: str
    value_class: str
    since: dt.date | None  # last effective visit / received / defected / oldest due date
    days: int | None  # days overdue (None: never visited, or not a deadline)
    amount_fen: int | None  # money at stake: overdue debt, orders in the trailing period
    detail: str


# The kinds of exception, in the order the sheet lists them.
EXCEPTION_KINDS = ("overdue_a", "churn", "complaint", "lost", "collection")


@dataclass(frozen=True)
class CompetitorLine:
    """竞争者动态: a visit's competitor note or a market report about a competitor."""

    on: dt.date
    rep_name: str
    source: str  # label: visit record or market report
    customer: str | None
    category: str | None  # the market report's category label
    info: str


@dataclass(frozen=True)
class ExpenseLine:
    report_date: dt.date
    rep_name: str
    report_status: str  # label
    expenses_fen: int
    note: str | None


@dataclass(frozen=True)
class NextTargetRow:
    """下周目标与计划: one rep's targets for next week beside the visits planned."""

    rep_name: str
    sales_target_fen: int | None  # None: no target set (pro-rated from longer periods)
    collection_target_fen: int | None
    visits_target: int | None
    new_customers_target: int | None
    plan_days: int  # days with a plan
    planned_visits: int  # plan items
    planned_customers: int  # distinct customers among them


@dataclass(frozen=True)
class WeeklySummary:
    """Everything the workbook shows, in the language it is to be written in."""

    lang: str
    scope_label: str  # e.g. "华东办事处" or "张伟"
    year: int
    week: int
    start: dt.date  # Monday
    end: dt.date  # Sunday
    month_start: dt.date
    generated_at: dt.datetime  # local time, naive
    rows: tuple[SummaryRow, ...]
    total: SummaryRow
    rep_weeks: tuple[RepWeek, ...]
    visits: tuple[VisitLine, ...]
    stage_changes: tuple[StageChangeLine, ...]
    market: tuple[MarketLine, ...]
    next_week: tuple[PlannedLine, ...]
    next_start: dt.date = field(default=dt.date.min)
    next_end: dt.date = field(default=dt.date.min)
    new_customers: tuple[NewCustomerLine, ...] = ()
    exceptions: tuple[ExceptionLine, ...] = ()
    exceptions_as_of: dt.date = field(default=dt.date.min)  # the day overdue is judged on
    competitors: tuple[CompetitorLine, ...] = ()
    expenses: tuple[ExpenseLine, ...] = ()
    next_targets: tuple[NextTargetRow, ...] = ()

    @property
    def week_label(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def average_sales_fen(self) -> Decimal | None:
        """Average sales per person this week (人均周销售额), in fen; None with no reps."""
        return kpi.average_per_person(self.total.order_amount_fen, len(self.rows))

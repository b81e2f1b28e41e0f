"""Today 今日: the user's day at a glance — plan and report, visits still to log, follow-ups
and appointments due, and customers overdue by their class's visit cadence.

Everything is a handful of small SQL queries on the user's own rows (owner_id is
indexed everywhere); the overdue list is filtered, ordered and limited in SQL, with a
separate count, and reads only `Customer.last_effective_visit_on`, never the visit
history — so the page stays quick with a million visits in the store.

Scope: the user's own plan, report, follow-ups and customers, for every role. A
supervisor's view of the team is the Review page; spanning the team here would scan every
customer and follow-up the laptop holds, which no index of the store serves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from crm_desktop.domain.classification import DEFAULT_CADENCE, Cadence
from crm_desktop.domain.daily import VisitDraft, is_visited
from crm_desktop.domain.picklists import CustomerStatus, FollowUpKind, ReportStatus
from crm_desktop.domain.workflow import report_is_editable
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.day.daily_reports import VISIT_FIELDS
from crm_desktop.services.review.review import ReviewService
from crm_desktop.store.database import Store
from crm_desktop.store.models import (
    Customer,
    DailyReport,
    FollowUp,
    PlanItem,
    VisitPlan,
    VisitRecord,
)

OVERDUE_LIMIT = 50  # overdue customers listed; the total is counted separately
# Churned customers are not on a visit cadence: winning one back is a decision, not a
# reminder. Potential customers are: never visited, they are exactly the ones to call on.
_OFF_CADENCE = (CustomerStatus.LOST.value, CustomerStatus.FORMER.value)


@dataclass(frozen=True)
class TodayPlan:
    id: str
    status: str  # VisitPlan.status: draft, submitted, countersigned, returned
    items: int


@dataclass(frozen=True)
class TodayReport:
    id: str
    status: str  # DailyReport.status: draft, submitted, signed, returned
    visits_logged: int  # visits made (is_visited): an empty pre-filled one is not
    visits_planned: int  # the plan's items (0 without a plan)

    @property
    def open_for_visits(self) -> bool:
        """Whether visits can still be logged on it: not once submitted or signed (the
        workflow's one rule, domain/workflow.py); a returned or reopened one can again."""
        try:
            return report_is_editable(ReportStatus(self.status))
        except ValueError:  # a status from a newer server: show its visits as they are
            return False


@dataclass(frozen=True)
class PlannedVisit:
    """A plan item of today whose visit is not logged yet."""

    plan_item_id: str
    customer_id: str
    customer_name: str
    planned_time: str | None  # "HH:MM"
    purpose: str


@dataclass(frozen=True)
class DueFollowUp:
    id: str
    customer_id: str | None
    customer_name: str | None
    kind: str  # FollowUpKind value
    title: str
    due_on: dt.date
    overdue: bool  # due before today


@dataclass(frozen=True)
class OverdueCustomer:
    id: str
    name: str
    value_class: str
    last_effective_visit_on: dt.date | None  # None: never visited effectively
    cadence_days: int
    days_overdue: int | None  # days past the cadence; None when never visited


@dataclass(frozen=True)
class TodayView:
    day: dt.date
    plan: TodayPlan | None
    report: TodayReport | None
    to_log: list[PlannedVisit]
    follow_ups: list[DueFollowUp]  # open, due today or earlier; appointments of today aside
    appointments: list[DueFollowUp]  # appointments to confirm today (they are tomorrow)
    overdue: list[OverdueCustomer]  # most overdue first, at most the limit
    overdue_total: int
    cadence: Cadence = field(default=DEFAULT_CADENCE)
    to_review: int = 0  # submitted plans and reports waiting for this user's review


class TodayService:
    """The Today page's figures for the current user."""

    def __init__(self, store: Store, user: CurrentUser, cadence: Cadence = DEFAULT_CADENCE) -> None:
        self.store = store
        self.user = user
        self.cadence = cadence

    def view(self, day: dt.date | None = None, overdue_limit: int = OVERDUE_LIMIT) -> TodayView:
        """Today's view (or `day`'s, for tests and for a laptop whose clock is off)."""
        day = day or self.store.clock.today()
        user_id = self.user.actor.user_id
        with self.store.reading() as session:
            plan = _plan(session, user_id, day)
            report, visited = _report(session, user_id, day, plan)
            to_log = _to_log(session, plan, report, visited)
            follow_ups, appointments = _follow_ups(session, user_id, day)
            overdue, total = _overdue(session, user_id, day, self.cadence, overdue_limit)
        # A supervisor's day starts with the team's submissions, not with a plan of their own.
        to_review = ReviewService(self.store, self.user).waiting_count()
        return TodayView(day, plan, report, to_log, follow_ups, appointments, overdue, total,
                         self.cadence, to_review)  # fmt: skip


def _plan(session: Session, user_id: str, day: dt.date) -> TodayPlan | None:
    row = session.execute(
        select(VisitPlan.id, VisitPlan.status).where(
            VisitPlan.owner_id == user_id, VisitPlan.plan_date == day, VisitPlan.deleted.is_(False)
        )
    ).first()
    if row is None:
        return None
    items = session.scalar(
        select(func.count()).where(PlanItem.plan_id == row.id, PlanItem.deleted.is_(False))
    )
    return TodayPlan(row.id, row.status, int(items or 0))


def _report(
    session: Session, user_id: str, day: dt.date, plan: TodayPlan | None
) -> tuple[TodayReport | None, list[VisitDraft]]:
    """Today's report, and its visits that were made (`is_visited`, the domain's one rule:
    a saved report keeps its planned visits pre-filled and empty until they are logged)."""
    row = session.execute(
        select(DailyReport.id, DailyReport.status).where(
            DailyReport.owner_id == user_id,
            DailyReport.report_date == day,
            DailyReport.deleted.is_(False),
        )
    ).first()
    if row is None:
        return None, []
    records = session.scalars(
        select(VisitRecord).where(VisitRecord.report_id == row.id, VisitRecord.deleted.is_(False))
    )
    visited = [
        v
        for v in (
            VisitDraft(customer_id=r.customer_id, **{f: getattr(r, f) for f in VISIT_FIELDS})
            for r in records
        )
        if is_visited(v)
    ]
    planned = plan.items if plan else 0
    return TodayReport(row.id, row.status, len(visited), planned), visited


def _to_log(
    session: Session, plan: TodayPlan | None, report: TodayReport | None, visited: list[VisitDraft]
) -> list[PlannedVisit]:
    """Today's plan items without a visit made: none for the item, nor for its customer
    on today's report (a visit entered as unplanned still counts as done). None once the
    report is submitted or signed: a visit can no longer be logged on it, so listing
    the ones not made as "to log" would ask for the impossible."""
    if plan is None or (report is not None and not report.open_for_visits):
        return []
    logged_items = {v.plan_item_id for v in visited}
    logged_customers = {v.customer_id for v in visited}
    rows = session.execute(
        select(
            PlanItem.id,
            PlanItem.customer_id,
            Customer.name,
            PlanItem.planned_time,
            PlanItem.purpose,
        )
        .join(Customer, Customer.id == PlanItem.customer_id)
        .where(PlanItem.plan_id == plan.id, PlanItem.deleted.is_(False))
        .order_by(PlanItem.planned_time.is_(None), PlanItem.planned_time, PlanItem.position)
    ).all()
    return [
        PlannedVisit(item_id, customer_id, name, time, purpose)
        for item_id, customer_id, name, time, purpose in rows
        if item_id not in logged_items and customer_id not in logged_customers
    ]


def _follow_ups(
    session: Session, user_id: str, day: dt.date
) -> tuple[list[DueFollowUp], list[DueFollowUp]]:
    """Open follow-ups due by `day` (overdue first), and today's appointment confirmations."""
    appointment = FollowUpKind.APPOINTMENT.value
    rows = session.execute(
        select(
            FollowUp.id,
            FollowUp.customer_id,
            Customer.name,
            FollowUp.kind,
            FollowUp.title,
            FollowUp.due_on,
        )
        .outerjoin(Customer, Customer.id == FollowUp.customer_id)
        .where(
            FollowUp.owner_id == user_id,
            FollowUp.deleted.is_(False),
            FollowUp.done.is_(False),
            FollowUp.due_on <= day,
            # A follow-up on a customer deleted since is moot.
            or_(FollowUp.customer_id.is_(None), Customer.deleted.is_(False)),
        )
        .order_by(FollowUp.due_on, func.pinyin_key(Customer.name), FollowUp.title)
    ).all()
    follow_ups: list[DueFollowUp] = []
    appointments: list[DueFollowUp] = []
    for fid, cid, cname, kind, title, due in rows:
        item = DueFollowUp(fid, cid, cname, kind, title, due, due < day)
        (appointments if kind == appointment and due == day else follow_ups).append(item)
    return follow_ups, appointments


def _overdue(
    session: Session, user_id: str, day: dt.date, cadence: Cadence, limit: int
) -> tuple[list[OverdueCustomer], int]:
    """Live customers on a cadence whose last effective visit is older than their class's
    cadence (never visited included), most overdue first; and how many there are."""

    def per_class(a: object, b: object, c: object) -> Any:
        return case((Customer.value_class == "A", a), (Customer.value_class == "B", b), else_=c)

    # Overdue when the last visit is before today minus the cadence. Dates are ISO text
    # in SQLite, so comparing with the cut-off dates is textual, and cheap.
    cutoffs = [(day - dt.timedelta(days=n)).isoformat() for n in _cadence_days(cadence)]
    last = Customer.last_effective_visit_on
    where = and_(
        Customer.owner_id == user_id,
        Customer.deleted.is_(False),
        Customer.status.not_in(_OFF_CADENCE),
        or_(last.is_(None), last < per_class(*cutoffs)),
    )
    total = session.scalar(select(func.count()).select_from(Customer).where(where))
    # The last day on which the next visit was still on time: last visit + cadence.
    due = func.date(last, per_class(*(f"+{n} days" for n in _cadence_days(cadence))))
    rows = session.execute(
        select(Customer.id, Customer.name, Customer.value_class, last, due)
        .where(where)
        # Never visited first (a NULL due date sorts first), those by class A, B, C; then
        # the earliest due date, i.e. the longest overdue. The name (in pinyin order,
        # store/pinyin.py) keeps the order stable.
        .order_by(due, Customer.value_class, func.pinyin_key(Customer.name), Customer.name)
        .limit(limit)
    ).all()
    result = []
    for cid, name, value_class, last_on, due_text in rows:
        late = (day - dt.date.fromisoformat(due_text)).days if due_text else None
        days = _cadence_days(cadence)[{"A": 0, "B": 1}.get(value_class, 2)]
        result.append(OverdueCustomer(cid, name, value_class, last_on, days, late))
    return result, int(total or 0)


def _cadence_days(cadence: Cadence) -> tuple[int, int, int]:
    return cadence.a_days, cadence.b_days, cadence.c_days

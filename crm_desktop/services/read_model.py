"""The team's days as the reporting views read them: one read model, a few set-based reads.

Four views report per rep per day over a date range -- the Plans calendar
(day/day_calendar), the Team page (team/team_progress), the team figures
(team/team_figures, also the Team page's week) and the weekly workbook
(team/weekly_summary). Each used to spell out its own queries of the live plans, plan
items, reports and visits of some owners in some days. They read them here instead:
`read_days` answers "per rep per day over [start, end]: the plan, the report, the
visits" with one statement per part it is asked for (never one per rep or per day), and
`RepDays` answers the questions the views ask of it.

Which facts count is decided once, here: a deleted row is not a fact. The team's
reporting counts every live visit record (a submitted report holds only visits made, as
its submit drops the planned visits left empty), summed as `domain.daily.DayTotals` in
SQL so a team's month stays a GROUP BY over the covering period index; a plan item is
visited when a visit record of the days read points at it.
The visits themselves, when asked for, are `VisitDraft`s, told made or not by the
domain's rule `domain.daily.is_visited` (`DayFacts.made`, `made_totals`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from crm_desktop.domain.daily import DayTotals, VisitDraft, day_totals, is_visited
from crm_desktop.store.models import Customer, DailyReport, PlanItem, VisitPlan, VisitRecord

# A report's (status, due_at, submitted_at) as stored: what lateness is judged on.
ReportTimes = tuple[str, dt.datetime | None, dt.datetime | None]
# (owner, day): how every fact of the model is keyed.
Key = tuple[str, dt.date]
_NO_VISITS = DayTotals()

# The VisitDraft fields a visit record stores under the same name (the customer, the
# plan item, every field of SPEC §2.3): what is_visited and day_totals read.
_VISIT_COLUMNS = tuple(
    f.name for f in fields(VisitDraft) if f.name in VisitRecord.__table__.c and f.name != "id"
)


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """One live daily report, as the reporting views need it."""

    status: str
    due_at: dt.datetime | None
    submitted_at: dt.datetime | None
    review_comment: str | None

    @property
    def times(self) -> ReportTimes:
        return (self.status, self.due_at, self.submitted_at)


@dataclass(frozen=True, slots=True)
class PlanFacts:
    """One live visit plan: its status and how many of its live items were visited (a
    visit record of the days read points at the item)."""

    status: str
    items: int = 0
    items_visited: int = 0


@dataclass(frozen=True, slots=True)
class PlanItemFacts:
    """One live item of a live plan: a customer to visit."""

    id: str
    customer_id: str
    customer_name: str
    planned_time: str | None
    purpose: str
    objective: str | None


@dataclass(frozen=True)
class DayFacts:
    """One rep's day (None / zero / empty: nothing, or that part was not read)."""

    owner: str
    day: dt.date
    plan: PlanFacts | None
    report: ReportFacts | None
    totals: DayTotals  # of the day's visit records, made or not: what the team counts
    plan_items: tuple[PlanItemFacts, ...] = ()  # by position
    visits: tuple[VisitDraft, ...] = ()  # every live visit record, made or not

    @property
    def made(self) -> tuple[VisitDraft, ...]:
        """The visits made (domain.daily.is_visited), in the order read."""
        return tuple(v for v in self.visits if is_visited(v))

    @property
    def made_totals(self) -> DayTotals:
        """The totals of the visits made: the report editor's totals line."""
        return day_totals(self.visits)


@dataclass(frozen=True)
class RepDays:
    """What `read_days` read of `owners` over [start, end]; a part not read is empty."""

    owners: tuple[str, ...]
    start: dt.date
    end: dt.date
    plans: Mapping[Key, PlanFacts] = field(default_factory=dict)
    reports: Mapping[Key, ReportFacts] = field(default_factory=dict)
    totals: Mapping[Key, DayTotals] = field(default_factory=dict)
    plan_items: Mapping[Key, tuple[PlanItemFacts, ...]] = field(default_factory=dict)
    visits: Mapping[Key, tuple[VisitDraft, ...]] = field(default_factory=dict)

    def day(self, owner: str, day: dt.date) -> DayFacts:
        key = (owner, day)
        return DayFacts(
            owner,
            day,
            self.plans.get(key),
            self.reports.get(key),
            self.totals.get(key, _NO_VISITS),
            self.plan_items.get(key, ()),
            self.visits.get(key, ()),
        )

    def days(self, owner: str) -> list[DayFacts]:
        """Every day of [start, end] of one owner, in order."""
        count = (self.end - self.start).days + 1
        return [self.day(owner, self.start + dt.timedelta(days=n)) for n in range(count)]

    def active_days(self, owner: str) -> list[dt.date]:
        """The owner's days that have a plan or a report, in order."""
        return sorted({d for o, d in [*self.plans, *self.reports] if o == owner})

    def owner_totals(self, owner: str) -> DayTotals:
        """The owner's visit records over [start, end], summed (DayTotals' own sum)."""
        return self._owner_totals.get(owner, DayTotals())

    def owner_plan_items(self, owner: str) -> tuple[int, int]:
        """(items, items visited) on the owner's plans of [start, end]."""
        return self._owner_plan_items.get(owner, (0, 0))

    # Summed once for all the owners: asked per owner, a scan each would be reps × days².
    @cached_property
    def _owner_totals(self) -> dict[str, DayTotals]:
        found: dict[str, DayTotals] = defaultdict(DayTotals)
        for (owner, _day), totals in self.totals.items():
            found[owner] += totals
        return found

    @cached_property
    def _owner_plan_items(self) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
        for (owner, _day), plan in self.plans.items():
            items, visited = found[owner]
            found[owner] = (items + plan.items, visited + plan.items_visited)
        return found


def read_days(
    s: Session,
    owners: Sequence[str],
    start: dt.date,
    end: dt.date,
    *,
    plans: bool = True,
    reports: bool = True,
    visits: bool = True,
    plan_items: bool = False,
    visit_lines: bool = False,
) -> RepDays:
    """The facts of `owners` dated start..end, one statement for each part asked for
    whatever the number of owners and days: the plans (status, items, items visited),
    the reports, the day's visit totals, and on request each plan item (with the
    customer's name) and each visit record (a `VisitDraft`)."""
    owners = tuple(owners)
    if not owners or end < start:
        return RepDays(owners, start, end)
    return RepDays(
        owners,
        start,
        end,
        plans=plans_in_range(s, owners, start, end) if plans else {},
        reports=reports_in_range(s, owners, start, end) if reports else {},
        totals=visit_totals_in_range(s, owners, start, end) if visits else {},
        plan_items=plan_items_in_range(s, owners, start, end) if plan_items else {},
        visits=visits_in_range(s, owners, start, end) if visit_lines else {},
    )


def reports_in_range(
    s: Session, owners: Sequence[str], start: dt.date, end: dt.date
) -> dict[Key, ReportFacts]:
    """(owner, day) -> the facts of the owners' live reports dated start..end."""
    rows = s.execute(
        select(
            DailyReport.owner_id,
            DailyReport.report_date,
            DailyReport.status,
            DailyReport.due_at,
            DailyReport.submitted_at,
            DailyReport.review_comment,
        ).where(
            DailyReport.owner_id.in_(list(owners)),
            DailyReport.deleted.is_(False),
            DailyReport.report_date.between(start, end),
        )
    )
    return {
        (str(owner), day): ReportFacts(status, due, submitted, comment)
        for owner, day, status, due, submitted, comment in rows
        if owner
    }


def visits_of(reps: Sequence[str]) -> ColumnElement[bool]:
    """`owner in reps` for visit records, written so that SQLite does not use the owner
    index: a team owns most of the million visits, while a week's dates select a few
    thousand, so the visit_date index is the one to walk (seconds against milliseconds)."""
    return func.coalesce(VisitRecord.owner_id, "").in_(list(reps))


def _live_visits(
    owners: Sequence[str], start: dt.date, end: dt.date
) -> tuple[ColumnElement[bool], ...]:
    return (
        visits_of(owners),
        VisitRecord.deleted.is_(False),
        VisitRecord.visit_date.between(start, end),
    )


def plans_in_range(
    s: Session, owners: Sequence[str], start: dt.date, end: dt.date
) -> dict[Key, PlanFacts]:
    """(owner, day) -> the owners' live plans dated start..end, with their live items
    counted and those a visit record of start..end points at (a plan without items is
    there too: its status still shows)."""
    # Items visited are found from the range's visits (visit_date is indexed; a plan
    # item id is not), so a visit counts when it is dated inside the range -- as a
    # planned visit always is, on its plan's day.
    visited = (
        select(VisitRecord.plan_item_id)
        .where(*_live_visits(owners, start, end), VisitRecord.plan_item_id.is_not(None))
        .distinct()
        .subquery()
    )
    rows = s.execute(
        select(
            VisitPlan.owner_id,
            VisitPlan.plan_date,
            VisitPlan.status,
            func.count(PlanItem.id),
            func.count(visited.c.plan_item_id),
        )
        .outerjoin(PlanItem, and_(PlanItem.plan_id == VisitPlan.id, PlanItem.deleted.is_(False)))
        .outerjoin(visited, visited.c.plan_item_id == PlanItem.id)
        .where(
            VisitPlan.owner_id.in_(list(owners)),
            VisitPlan.deleted.is_(False),
            VisitPlan.plan_date.between(start, end),
        )
        .group_by(VisitPlan.id, VisitPlan.owner_id, VisitPlan.plan_date, VisitPlan.status)
    )
    return {
        (str(owner), day): PlanFacts(status, int(items), int(done))
        for owner, day, status, items, done in rows
        if owner
    }


def plan_items_in_range(
    s: Session, owners: Sequence[str], start: dt.date, end: dt.date
) -> dict[Key, tuple[PlanItemFacts, ...]]:
    """(owner, day) -> the live items of the owners' live plans dated start..end, by
    position, with the customer's name."""
    rows = s.execute(
        select(
            VisitPlan.owner_id,
            VisitPlan.plan_date,
            PlanItem.id,
            PlanItem.customer_id,
            Customer.name,
            PlanItem.planned_time,
            PlanItem.purpose,
            PlanItem.objective,
        )
        .join(PlanItem, PlanItem.plan_id == VisitPlan.id)
        .outerjoin(Customer, Customer.id == PlanItem.customer_id)
        .where(
            VisitPlan.owner_id.in_(list(owners)),
            VisitPlan.deleted.is_(False),
            PlanItem.deleted.is_(False),
            VisitPlan.plan_date.between(start, end),
        )
        .order_by(VisitPlan.owner_id, VisitPlan.plan_date, PlanItem.position, PlanItem.id)
    )
    found: dict[Key, list[PlanItemFacts]] = defaultdict(list)
    for owner, day, item, customer, name, time, purpose, objective in rows:
        if owner:
            found[(str(owner), day)].append(
                PlanItemFacts(item, customer, name or "", time, purpose, objective)
            )
    return {key: tuple(items) for key, items in found.items()}


def visit_totals_in_range(
    s: Session, owners: Sequence[str], start: dt.date, end: dt.date
) -> dict[Key, DayTotals]:
    """(owner, day) -> the totals (domain.daily.DayTotals, as day_totals sums them) of
    the owners' live visit records dated start..end, in SQL: the covering period index
    alone answers it."""
    rows = s.execute(
        select(
            VisitRecord.owner_id,
            VisitRecord.visit_date,
            # count(*), not count(id): id is not in the period index, which alone then
            # answers the query (a year of a team: 110 ms instead of 240).
            func.count(),
            func.coalesce(func.sum(case((VisitRecord.is_effective, 1), else_=0)), 0),
            func.coalesce(func.sum(case((VisitRecord.order_amount_fen > 0, 1), else_=0)), 0),
            func.coalesce(func.sum(VisitRecord.order_amount_fen), 0),
            func.coalesce(func.sum(VisitRecord.collection_amount_fen), 0),
        )
        .where(*_live_visits(owners, start, end))
        .group_by(VisitRecord.owner_id, VisitRecord.visit_date)
    )
    return {
        (str(owner), day): DayTotals(int(n), int(eff), int(orders), int(fen), int(collected))
        for owner, day, n, eff, orders, fen, collected in rows
    }


def visits_in_range(
    s: Session, owners: Sequence[str], start: dt.date, end: dt.date
) -> dict[Key, tuple[VisitDraft, ...]]:
    """(owner, day) -> the owners' live visit records dated start..end, as the report
    editor holds them (made or not: `is_visited` tells), with the customer's name."""
    columns = [getattr(VisitRecord, name) for name in _VISIT_COLUMNS]
    rows = s.execute(
        select(
            VisitRecord.owner_id, VisitRecord.visit_date, VisitRecord.id, Customer.name, *columns
        )
        .outerjoin(Customer, Customer.id == VisitRecord.customer_id)
        .where(*_live_visits(owners, start, end))
        .order_by(VisitRecord.visit_date, VisitRecord.start_time, VisitRecord.id)
    )
    found: dict[Key, list[VisitDraft]] = defaultdict(list)
    for owner, day, visit_id, customer_name, *values in rows:
        record = dict(zip(_VISIT_COLUMNS, values, strict=True))
        found[(str(owner), day)].append(
            VisitDraft(id=visit_id, customer_name=customer_name or "", **record)
        )
    return {key: tuple(visits) for key, visits in found.items()}

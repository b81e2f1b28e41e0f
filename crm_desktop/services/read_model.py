"""The team's days as the reporting views read them: one read model, a few set-based reads.

Four views report per rep per day over a date range -- the Plans calendar
(day/day_calendar), the Team page (team/team_progress), the team figures
(team/team_figures, also the Team page's week) and the weekly workbook
(team/weekly_summary). Each used to spell out its own queries of the live plans, plan
items, reports and visits of some owners in some days, and its own sums of them. They
read them here instead: `read_days` answers "per rep per day over [start, end]: the plan,
the report, the visits" with one statement per table it is asked for (at most three,
never one per rep or per day), and `RepDays` answers the questions the views ask of it.

Which facts count is decided once, here: a deleted row is not a fact. The team's
reporting counts every live visit record (`record_totals`; a submitted report holds only
visits made, as its submit drops the planned visits left empty), and a plan item is
visited when a visit record of the range points at it; each visit is also told made or
not by the domain's rule, `domain.daily.is_visited` (`DayFacts.made`, `made_totals`).
The formulas stay in the domain (domain/daily.py, domain/kpi.py, domain/lateness.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from crm_desktop.domain.daily import DayTotals, VisitDraft, day_totals, is_visited, record_totals
from crm_desktop.store.models import Customer, DailyReport, PlanItem, VisitPlan, VisitRecord

# A report's (status, due_at, submitted_at) as stored: what lateness is judged on.
ReportTimes = tuple[str, dt.datetime | None, dt.datetime | None]
# (owner, day): how every fact of the model is keyed.
Key = tuple[str, dt.date]

# The VisitDraft fields a visit record stores under the same name (the id, the customer,
# the plan item, every field of SPEC §2.3): what is_visited and day_totals read.
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
class PlanItemFacts:
    """One live item of a live plan: a customer to visit."""

    id: str
    customer_id: str
    customer_name: str
    planned_time: str | None
    purpose: str
    objective: str | None


@dataclass(frozen=True, slots=True)
class PlanFacts:
    """One live visit plan and its live items, by position."""

    status: str
    items: tuple[PlanItemFacts, ...] = ()


@dataclass(frozen=True)
class DayFacts:
    """One rep's day: the plan, the report and the visit records (None / empty: none)."""

    owner: str
    day: dt.date
    plan: PlanFacts | None
    report: ReportFacts | None
    visits: tuple[VisitDraft, ...]  # every live visit record of the day, made or not

    @property
    def made(self) -> tuple[VisitDraft, ...]:
        """The visits made (domain.daily.is_visited), in the order read."""
        return tuple(v for v in self.visits if is_visited(v))

    @property
    def totals(self) -> DayTotals:
        """The totals of the day's visit records, made or not: what the team's figures
        count (domain.daily.record_totals)."""
        return record_totals(self.visits)

    @property
    def made_totals(self) -> DayTotals:
        """The totals of the visits made: the report editor's totals line
        (domain.daily.day_totals)."""
        return day_totals(self.visits)


@dataclass(frozen=True)
class RepDays:
    """What `read_days` read: the plans, reports and visits of `owners` in [start, end].

    A part not asked for is empty. The queries take sub-ranges of [start, end] (the
    weekly workbook reads the month to date once and answers the week from it too).
    """

    owners: tuple[str, ...]
    start: dt.date
    end: dt.date
    plans: Mapping[Key, PlanFacts] = field(default_factory=dict)
    reports: Mapping[Key, ReportFacts] = field(default_factory=dict)
    visits: Mapping[Key, tuple[VisitDraft, ...]] = field(default_factory=dict)

    def day(self, owner: str, day: dt.date) -> DayFacts:
        key = (owner, day)
        return DayFacts(
            owner, day, self.plans.get(key), self.reports.get(key), self.visits.get(key, ())
        )

    def days(
        self, owner: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[DayFacts]:
        """Every day of [start, end] (default: the range read) of one owner, in order."""
        return [self.day(owner, d) for d in self._dates(start, end)]

    def active_days(self, owner: str) -> list[dt.date]:
        """The owner's days that have a plan or a report, in order."""
        return sorted(
            {d for o, d in self.plans if o == owner} | {d for o, d in self.reports if o == owner}
        )

    def totals(
        self, owner: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> DayTotals:
        """The totals of the owner's visit records over [start, end] (as `DayFacts.totals`)."""
        return record_totals(
            v for d in self._dates(start, end) for v in self.visits.get((owner, d), ())
        )

    def plan_items(
        self, owner: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> tuple[int, int]:
        """(items, items visited) on the owner's plans of [start, end]: an item is visited
        when a visit record dated inside [start, end] points at it -- as a planned visit
        always is, on its plan's day."""
        first, last = self._bounds(start, end)
        planned = visited = 0
        for d in self._dates(first, last):
            plan = self.plans.get((owner, d))
            if plan is None:
                continue
            for item in plan.items:
                planned += 1
                visited += any(first <= day <= last for day in self._item_visits.get(item.id, ()))
        return planned, visited

    @cached_property
    def _item_visits(self) -> dict[str, list[dt.date]]:
        """plan item id → the days of the visit records that point at it."""
        found: dict[str, list[dt.date]] = defaultdict(list)
        for (_owner, day), visits in self.visits.items():
            for v in visits:
                if v.plan_item_id:
                    found[v.plan_item_id].append(day)
        return found

    def _bounds(self, start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
        first, last = start or self.start, end or self.end
        if first < self.start or last > self.end:
            raise ValueError(f"{first}..{last} is outside the days read ({self.start}..{self.end})")
        return first, last

    def _dates(self, start: dt.date | None, end: dt.date | None) -> list[dt.date]:
        first, last = self._bounds(start, end)
        return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def read_days(
    s: Session,
    owners: Sequence[str],
    start: dt.date,
    end: dt.date,
    *,
    plans: bool = True,
    reports: bool = True,
    visits: bool = True,
) -> RepDays:
    """The plans (with their items), reports and visit records of `owners` dated
    start..end: one statement for each part asked for, whatever the number of owners
    and days."""
    owners = tuple(owners)
    if not owners or end < start:
        return RepDays(owners, start, end)
    return RepDays(
        owners,
        start,
        end,
        plans=plans_in_range(s, owners, start, end) if plans else {},
        reports=reports_in_range(s, owners, start, end) if reports else {},
        visits=visits_in_range(s, owners, start, end) if visits else {},
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


def plans_in_range(
    s: Session, owners: Sequence[str], start: dt.date, end: dt.date
) -> dict[Key, PlanFacts]:
    """(owner, day) -> the owners' live plans dated start..end with their live items (a
    plan without items is there too: its status still shows)."""
    rows = s.execute(
        select(
            VisitPlan.owner_id,
            VisitPlan.plan_date,
            VisitPlan.status,
            PlanItem.id,
            PlanItem.customer_id,
            Customer.name,
            PlanItem.planned_time,
            PlanItem.purpose,
            PlanItem.objective,
        )
        .outerjoin(PlanItem, and_(PlanItem.plan_id == VisitPlan.id, PlanItem.deleted.is_(False)))
        .outerjoin(Customer, Customer.id == PlanItem.customer_id)
        .where(
            VisitPlan.owner_id.in_(list(owners)),
            VisitPlan.deleted.is_(False),
            VisitPlan.plan_date.between(start, end),
        )
        .order_by(VisitPlan.owner_id, VisitPlan.plan_date, PlanItem.position, PlanItem.id)
    )
    status: dict[Key, str] = {}
    items: dict[Key, list[PlanItemFacts]] = defaultdict(list)
    for owner, day, plan_status, item, customer, name, time, purpose, objective in rows:
        if not owner:
            continue
        key = (str(owner), day)
        status[key] = plan_status
        if item is not None:
            items[key].append(PlanItemFacts(item, customer, name or "", time, purpose, objective))
    return {key: PlanFacts(st, tuple(items.get(key, ()))) for key, st in status.items()}


def visits_of(reps: Sequence[str]) -> ColumnElement[bool]:
    """`owner in reps` for visit records, written so that SQLite does not use the owner
    index: a team owns most of the million visits, while a week's dates select a few
    thousand, so the visit_date index is the one to walk (seconds against milliseconds)."""
    return func.coalesce(VisitRecord.owner_id, "").in_(list(reps))


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
        .where(
            visits_of(owners),
            VisitRecord.deleted.is_(False),
            VisitRecord.visit_date.between(start, end),
        )
        .order_by(VisitRecord.visit_date, VisitRecord.start_time, VisitRecord.id)
    )
    found: dict[Key, list[VisitDraft]] = defaultdict(list)
    for owner, day, visit_id, customer_name, *values in rows:
        record = dict(zip(_VISIT_COLUMNS, values, strict=True))
        found[(str(owner), day)].append(
            VisitDraft(id=visit_id, customer_name=customer_name or "", **record)
        )
    return {key: tuple(visits) for key, visits in found.items()}

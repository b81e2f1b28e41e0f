"""The month calendar of the Plans page: each day's plan and report status, read from the
shared read model (services/read_model.py) in two queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crm_desktop.domain.clock import Clock
from crm_desktop.domain.kpi import period_bounds
from crm_desktop.domain.lateness import counted_submission, due_at, is_late, report_deadline
from crm_desktop.domain.picklists import PeriodKind, ReportStatus
from crm_desktop.domain.policy import DEFAULT_DUE_HOUR
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.read_model import DayFacts, ReportTimes, read_days
from crm_desktop.store.database import Store

NONE = "none"
LATE = "late"


@dataclass(frozen=True)
class DayStatus:
    day: dt.date
    plan: str  # "none" or a PlanStatus code
    report: str  # "none" or a ReportStatus code
    late: bool  # the report came (or is still missing) after its deadline

    @property
    def report_badge(self) -> str:
        """What the calendar shows for the report: its status, or "late" while it is
        overdue and not yet with the supervisor (a late submission keeps its status and
        the `late` flag)."""
        if self.late and self.report in (NONE, ReportStatus.DRAFT.value):
            return LATE
        return self.report


def day_status(
    day: dt.date,
    plan: str | None,
    report: ReportTimes | None,
    now: dt.datetime,
    due_hour: int,
    clock: Clock,
) -> DayStatus:
    """A rep's day as the Plans calendar and the Team page show it: a draft's submission
    time does not count (a returned report keeps its first), and a missing report is late
    only on a day that had a plan -- a day off with nothing planned is not overdue."""
    if report is not None:
        status, due, submitted = report
        late = is_late(
            report_deadline(day, due, due_hour, clock), counted_submission(status, submitted), now
        )
    else:
        status = NONE
        late = plan is not None and is_late(due_at(day, due_hour, clock), None, now)
    return DayStatus(day, plan or NONE, status, late)


def status_of(facts: DayFacts, now: dt.datetime, due_hour: int, clock: Clock) -> DayStatus:
    """`day_status` of one rep's day as the read model holds it."""
    plan = facts.plan.status if facts.plan is not None else None
    report = facts.report.times if facts.report is not None else None
    return day_status(facts.day, plan, report, now, due_hour, clock)


class DayCalendar:
    def __init__(self, store: Store, user: CurrentUser, due_hour: int = DEFAULT_DUE_HOUR) -> None:
        self._store = store
        self._user = user
        self.due_hour = due_hour

    def month(
        self, year: int, month: int, now: dt.datetime | None = None
    ) -> dict[dt.date, DayStatus]:
        """Every day of the month with a plan or a report, keyed by date (`day_status`);
        days absent from the result have neither."""
        now = now or self._store.clock.utcnow()
        me = self._user.actor.user_id
        start, end = period_bounds(PeriodKind.MONTH, dt.date(year, month, 1))
        with self._store.reading() as s:
            mine = read_days(s, [me], start, end, visits=False)
        clock = self._store.clock
        return {
            day: status_of(mine.day(me, day), now, self.due_hour, clock)
            for day in mine.active_days(me)
        }

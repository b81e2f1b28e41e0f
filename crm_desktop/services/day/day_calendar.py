"""The month calendar of the Plans page: each day's plan and report status, two queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from crm_desktop.domain.clock import Clock
from crm_desktop.domain.kpi import period_bounds
from crm_desktop.domain.lateness import due_at, is_late
from crm_desktop.domain.picklists import PeriodKind, ReportStatus
from crm_desktop.domain.policy import DEFAULT_DUE_HOUR
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.read_model import ReportTimes, reports_in_range
from crm_desktop.store.database import Store
from crm_desktop.store.models import VisitPlan

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
        if status == ReportStatus.DRAFT.value:
            submitted = None
        late = is_late(due or due_at(day, due_hour, clock), submitted, now)
    else:
        status = NONE
        late = plan is not None and is_late(due_at(day, due_hour, clock), None, now)
    return DayStatus(day, plan or NONE, status, late)


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
            plans: dict[dt.date, str] = dict(
                s.execute(
                    select(VisitPlan.plan_date, VisitPlan.status).where(
                        VisitPlan.owner_id == me,
                        VisitPlan.deleted.is_(False),
                        VisitPlan.plan_date.between(start, end),
                    )
                ).all()
            )
            mine = reports_in_range(s, [me], start, end)
            reports = {day: facts.times for (_me, day), facts in mine.items()}
        return {
            day: day_status(
                day, plans.get(day), reports.get(day), now, self.due_hour, self._store.clock
            )
            for day in sorted(set(plans) | set(reports))
        }

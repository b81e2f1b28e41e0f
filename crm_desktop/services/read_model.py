"""The team's reports as the reporting views read them: one query, shared.

Four views report per rep over a date range -- the Plans calendar (day/day_calendar),
the Team page (team/team_progress), the team figures (team/team_figures) and the weekly
workbook (team/weekly_summary) -- and each used to spell out its own query of "the live
reports of these owners in these days". They read it here, so a rule about which reports
count (a deleted one does not) changes in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.store.models import DailyReport

# A report's (status, due_at, submitted_at) as stored: what lateness is judged on.
ReportTimes = tuple[str, dt.datetime | None, dt.datetime | None]


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


def reports_in_range(
    s: Session, owners: Sequence[str], start: dt.date, end: dt.date
) -> dict[tuple[str, dt.date], ReportFacts]:
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

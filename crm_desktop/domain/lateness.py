"""When a daily report falls due, and whether it is late: one rule for every page.

A report is due at `due_hour` o'clock on its day, in the zone of the clock the caller
runs on (domain/clock.py); stamps are the store's naive UTC.
"""

from __future__ import annotations

import datetime as dt

from crm_desktop.domain.clock import Clock
from crm_desktop.domain.picklists import ReportStatus


def is_workday(day: dt.date) -> bool:
    """Monday to Friday: the days a report is expected (and a plan is asked for)."""
    return day.weekday() < 5


def due_at(day: dt.date, due_hour: int, clock: Clock) -> dt.datetime:
    """The report's deadline: `due_hour` o'clock on `day` in the clock's zone, naive UTC."""
    return clock.to_utc(dt.datetime.combine(day, dt.time(min(max(due_hour, 0), 23))))


def is_late(due: dt.datetime | None, submitted: dt.datetime | None, now: dt.datetime) -> bool:
    """Submitted after the deadline, or not submitted and the deadline has passed."""
    if due is None:
        return False
    return (submitted or now) > due


def report_deadline(
    day: dt.date, stored: dt.datetime | None, due_hour: int, clock: Clock
) -> dt.datetime:
    """A report's deadline: the one stored on it when it was written, else `due_at` of
    its day (a day without a report is judged on the due hour in force)."""
    return stored or due_at(day, due_hour, clock)


def counted_submission(status: str, submitted: dt.datetime | None) -> dt.datetime | None:
    """The submission a report's lateness is judged on: none while it is a draft (a
    draft has not reached the supervisor, whatever time it carries), else its stored
    time -- a returned or reopened report keeps the submission it had."""
    return None if status == ReportStatus.DRAFT.value else submitted

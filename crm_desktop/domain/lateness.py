"""When a daily report falls due, and whether it is late: one rule for every page.

A report is due at `due_hour` o'clock on its day, in the zone of the clock the caller
runs on (domain/clock.py); stamps are the store's naive UTC.
"""

from __future__ import annotations

import datetime as dt

from crm_desktop.domain.clock import Clock


def due_at(day: dt.date, due_hour: int, clock: Clock) -> dt.datetime:
    """The report's deadline: `due_hour` o'clock on `day` in the clock's zone, naive UTC."""
    return clock.to_utc(dt.datetime.combine(day, dt.time(min(max(due_hour, 0), 23))))


def is_late(due: dt.datetime | None, submitted: dt.datetime | None, now: dt.datetime) -> bool:
    """Submitted after the deadline, or not submitted and the deadline has passed."""
    if due is None:
        return False
    return (submitted or now) > due

"""The one source of "now" and of the local time zone.

Every rule that depends on the time — is a report late, which week is "this week", what
is due today — reads it from a `Clock` handed to it, never from the machine. The
composition root gives the application the `SystemClock`; tests give a `FixedClock`, so
the suite gives the same answers on a Monday at 00:05, on 29 February and in any zone.

The store keeps naive UTC timestamps (SQLite has no time zones); a clock converts between
them and the wall-clock time of its zone, where days begin and reports fall due.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod


class Clock(ABC):
    """Now, today and local time, all in one zone (`tz`; None: the machine's zone)."""

    tz: dt.tzinfo | None = None

    @abstractmethod
    def now(self) -> dt.datetime:
        """The current instant, time-zone aware (UTC)."""

    def utcnow(self) -> dt.datetime:
        """The current instant as the naive UTC the store keeps."""
        return self.now().astimezone(dt.UTC).replace(tzinfo=None)

    def local_now(self) -> dt.datetime:
        """The current wall-clock time in the clock's zone (aware)."""
        return self.now().astimezone(self.tz)

    def today(self) -> dt.date:
        """Today's date in the clock's zone."""
        return self.local_now().date()

    def to_local(self, stamp: dt.datetime) -> dt.datetime:
        """A stored naive-UTC stamp as naive wall-clock time in the clock's zone."""
        return stamp.replace(tzinfo=dt.UTC).astimezone(self.tz).replace(tzinfo=None)

    def to_utc(self, local: dt.datetime) -> dt.datetime:
        """Naive wall-clock time in the clock's zone as the store's naive UTC."""
        aware = local.replace(tzinfo=self.tz) if self.tz is not None else local.astimezone()
        return aware.astimezone(dt.UTC).replace(tzinfo=None)

    def local_midnight(self, day: dt.date) -> dt.datetime:
        """The instant `day` begins in the clock's zone, as naive UTC."""
        return self.to_utc(dt.datetime.combine(day, dt.time()))


class SystemClock(Clock):
    """The machine's clock and zone: what the application runs on."""

    def __init__(self, tz: dt.tzinfo | None = None) -> None:
        self.tz = tz

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FixedClock(Clock):
    """A clock that stands still until moved: what tests and benchmarks run on."""

    def __init__(self, at: dt.datetime, tz: dt.tzinfo | None = None) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.tz = tz if tz is not None else at.tzinfo
        self._at = at

    def now(self) -> dt.datetime:
        return self._at.astimezone(dt.UTC)

    def set(self, at: dt.datetime) -> None:
        """Move to `at` (aware, or naive wall-clock time in the clock's zone)."""
        self._at = at if at.tzinfo is not None else at.replace(tzinfo=self.tz)

    def advance(self, delta: dt.timedelta) -> None:
        self._at += delta

"""The fixed time every test runs on, so no test depends on the day it runs.

Monday 23 November 2026, 10:00 in China (UTC+8, no daylight saving: a fixed offset is
exact and needs no time-zone database). Tests move a clock of their own when they need
another moment.
"""

from __future__ import annotations

import datetime as dt

from crm_desktop.domain.clock import FixedClock

CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
TEST_NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=CHINA)


def fixed_clock(at: dt.datetime = TEST_NOW) -> FixedClock:
    """A clock standing at `at` (default TEST_NOW), in China's zone."""
    return FixedClock(at, tz=CHINA)

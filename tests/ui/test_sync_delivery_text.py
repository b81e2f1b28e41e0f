"""What the Sync page says about the user's changes reaching the server: only what is
true — never synced, N changes waiting, or all sent at a time — never "all sent" while a
change waits or before the first sync."""

from __future__ import annotations

import datetime as dt

from fixed_time import TEST_NOW, fixed_clock
from PySide6.QtWidgets import QApplication

from crm_desktop.services.sync import SyncStatus
from crm_desktop.ui.sync.page import delivery_text


def _status(pending: int, last: dt.datetime | None) -> SyncStatus:
    return SyncStatus("https://crm.example.cn", "rep1", True, True, pending, last, 0)


def test_delivery_text_says_only_what_is_true(qapp: QApplication) -> None:
    clock = fixed_clock()
    # The store keeps naive UTC: 09:30 in China is 01:30 UTC.
    this_morning = (TEST_NOW - dt.timedelta(minutes=30)).astimezone(dt.UTC).replace(tzinfo=None)
    last_week = this_morning - dt.timedelta(days=7)

    assert delivery_text(None, clock) == ""
    assert delivery_text(_status(0, None), clock) == "Nothing to send yet."
    assert delivery_text(_status(3, None), clock) == (
        "Never synced: 3 changes are only on this laptop."
    )
    assert delivery_text(_status(2, this_morning), clock) == "2 changes waiting to be sent."
    assert delivery_text(_status(0, this_morning), clock) == "All changes sent at 09:30."
    assert delivery_text(_status(0, last_week), clock) == "All changes sent at 2026-11-16 09:30."
    aware = this_morning.replace(tzinfo=dt.UTC)
    assert delivery_text(_status(0, aware), clock) == "All changes sent at 09:30."
    for pending, last in ((1, None), (0, None), (5, this_morning)):
        assert "All changes sent" not in delivery_text(_status(pending, last), clock)

"""Calendar events as an iCalendar (RFC 5545) file, written with the `icalendar` library.

The laptop's export and the server's feed both call `calendar_bytes`, so one event is
written the same way wherever it comes from. Nothing here reads a clock: every stamp
comes from the rows, so the same rows give the same bytes (the feed's ETag).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import icalendar

from crm_desktop.domain.calendar_events import FEED_ZONE, CalendarEvent

PRODID = "-//CRM Desktop//Visit calendar//ZH"
MEDIA_TYPE = "text/calendar; charset=utf-8"
_ZONE = ZoneInfo(FEED_ZONE)


def _utc(stamp: dt.datetime) -> dt.datetime:
    return stamp.replace(tzinfo=dt.UTC)


def _when(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    # Wall-clock times are the team zone's, written with TZID and its VTIMEZONE, so a
    # calendar on a laptop in another zone still shows the visit at the typed time.
    return value.replace(tzinfo=_ZONE) if isinstance(value, dt.datetime) else value


def _event(event: CalendarEvent) -> icalendar.Event:
    out = icalendar.Event()
    out.add("uid", event.uid)
    out.add("dtstamp", _utc(event.stamp))
    out.add("last-modified", _utc(event.stamp))
    out.add("sequence", event.sequence)
    out.add("dtstart", _when(event.start))
    out.add("dtend", _when(event.end))
    out.add("summary", event.summary)
    if event.description:
        out.add("description", event.description)
    if event.location:
        out.add("location", event.location)
    out.add("categories", [event.category])
    out.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    # All-day follow-ups should not block the day in the user's free/busy.
    out.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    return out


@functools.cache
def _zone() -> icalendar.Timezone:
    # Built once: the library derives it from the zone's transitions (0.1 s, more than a
    # feed of a few weeks' events); the calendar only reads it while writing.
    return icalendar.Timezone.from_tzid(FEED_ZONE)


def calendar_bytes(events: Sequence[CalendarEvent], name: str) -> bytes:
    """The whole calendar: its name, the team zone's VTIMEZONE and every event."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", FEED_ZONE)
    # Ask subscribers to fetch again every hour (Outlook, Apple; others choose their own).
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    # Before the events that name it: some clients read the file in one pass.
    calendar.add_component(_zone())
    for event in events:
        calendar.add_component(_event(event))
    return bytes(calendar.to_ical())


def calendar_name(display_name: str, lang: str = "zh_CN") -> str:
    return (
        f"CRM visits · {display_name}"
        if lang.startswith("en")
        else f"CRM 拜访日历 · {display_name}"
    )

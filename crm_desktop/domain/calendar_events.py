"""Visit plans and follow-ups as calendar events (issue 17): the one rule both ends apply.

The laptop's `export-calendar` and the server's subscription feed read the same rows
(plan items with their plan and customer, follow-ups with their customer) and turn them
into events here, so the same data gives the same events wherever it is read. The
iCalendar text is written elsewhere (`sync/calendar/ics.py`); this module knows nothing
of the format.

- UID: `<record id>@crm-desktop`, so a changed plan item replaces its event in the
  subscribed calendar instead of adding a second one.
- SEQUENCE: the sum of the versions of the rows the event is made of (the item, its
  plan, its customer). The server adds one to a row's version for every write it
  applies, so every change raises it. The laptop keeps a row's version until the
  server hands back the new one, so it adds its unsent edits of those rows
  (`with_unsent`): exactly what the server's versions will be once they are applied,
  so the laptop's file and the server's feed agree before and after a sync. (A stamp
  in seconds would not do: two writes within one second would share a sequence.)
- DTSTAMP / LAST-MODIFIED: the newest `updated_at` of those rows.
- Times are wall-clock times in the team's zone, Asia/Shanghai (plan times are typed
  as local "HH:MM"); a plan item without a time and every follow-up are all-day events.
- A deleted item (or an item of a deleted plan) and a deleted follow-up stay in the
  window as CANCELLED, so a calendar that imported an earlier file removes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import FollowUpKind, Picklist, VisitPurpose

# The zone plan times are typed in. China keeps one zone and no summer time; a team
# elsewhere would need a zone of its own in the team policy.
FEED_ZONE = "Asia/Shanghai"
UID_DOMAIN = "crm-desktop"
VISIT_MINUTES = 60  # a plan item has a start time only; its event lasts an hour
DAYS_BACK = 30
DAYS_AHEAD = 90
MAX_WINDOW_DAYS = 731  # two years: a request for more is refused, not served slowly


@dataclass(frozen=True)
class Window:
    """The days whose events a calendar holds, both ends included."""

    first: dt.date
    last: dt.date


def default_window(today: dt.date, back: int = DAYS_BACK, ahead: int = DAYS_AHEAD) -> Window:
    return Window(today - dt.timedelta(days=back), today + dt.timedelta(days=ahead))


def checked_window(first: dt.date, last: dt.date) -> Window:
    if last < first:
        raise ValidationError("结束日期早于开始日期", "The end date is before the start date", "to")
    if (last - first).days + 1 > MAX_WINDOW_DAYS:
        raise ValidationError(
            f"日历最多导出 {MAX_WINDOW_DAYS} 天",
            f"A calendar covers at most {MAX_WINDOW_DAYS} days",
            "to",
        )
    return Window(first, last)


@dataclass(frozen=True)
class PlanItemFacts:
    """A plan item as both ends read it: the item, its plan's day and its customer."""

    id: str
    plan_date: dt.date
    planned_time: str | None  # "HH:MM", wall-clock time in FEED_ZONE
    purpose: str
    objective: str | None
    customer_name: str | None
    customer_address: str | None
    deleted: bool  # the item or its plan
    updated_at: dt.datetime  # naive UTC, the newest of item, plan and customer
    version: int  # the sum of the versions of item, plan and customer
    row_ids: tuple[str, ...]  # item, plan and customer


@dataclass(frozen=True)
class FollowUpFacts:
    id: str
    kind: str
    title: str
    due_on: dt.date
    done: bool
    note: str | None
    customer_name: str | None
    customer_address: str | None
    deleted: bool
    updated_at: dt.datetime
    version: int  # the sum of the versions of the follow-up and its customer
    row_ids: tuple[str, ...]


Facts = TypeVar("Facts", PlanItemFacts, FollowUpFacts)


def with_unsent(facts: Sequence[Facts], unsent: Mapping[str, int]) -> list[Facts]:
    """The laptop's facts with its unsent edits counted into the versions (row id ->
    how many edits of it are waiting to be sent): each will add one on the server."""
    return [
        replace(f, version=f.version + sum(unsent.get(row, 0) for row in f.row_ids)) for f in facts
    ]


@dataclass(frozen=True)
class CalendarEvent:
    """One event, format-free. `start`/`end` are dates (all day; `end` exclusive) or
    naive wall-clock datetimes in FEED_ZONE; `stamp` is naive UTC."""

    uid: str
    summary: str
    description: str
    location: str | None
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    cancelled: bool
    sequence: int
    stamp: dt.datetime
    category: str

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


def event_uid(record_id: str) -> str:
    return f"{record_id}@{UID_DOMAIN}"


def _label(picklist: type[Picklist], code: str, lang: str) -> str:
    try:
        return picklist(code).label(lang)
    except ValueError:
        return code  # a code this version does not know: show it rather than fail


def _time(text: str | None) -> dt.time | None:
    if not text:
        return None
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        return None  # a malformed time from an old row: the day still stands


def plan_item_event(item: PlanItemFacts, lang: str = "zh_CN") -> CalendarEvent:
    en = lang.startswith("en")
    customer = item.customer_name or ("(unknown customer)" if en else "（未知客户）")
    purpose = _label(VisitPurpose, item.purpose, lang)
    lines = [f"Purpose: {purpose}" if en else f"拜访目的：{purpose}"]
    if item.objective:
        lines.append(f"Objective: {item.objective}" if en else f"拜访目标：{item.objective}")
    at = _time(item.planned_time)
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    if at is None:
        start, end = item.plan_date, item.plan_date + dt.timedelta(days=1)
    else:
        start = dt.datetime.combine(item.plan_date, at)
        end = start + dt.timedelta(minutes=VISIT_MINUTES)
    return CalendarEvent(
        uid=event_uid(item.id),
        summary=f"Visit {customer}" if en else f"拜访 {customer}",
        description="\n".join(lines),
        location=item.customer_address or None,
        start=start,
        end=end,
        cancelled=item.deleted,
        sequence=item.version,
        stamp=item.updated_at,
        category="Visit plan" if en else "拜访计划",
    )


def follow_up_event(item: FollowUpFacts, lang: str = "zh_CN") -> CalendarEvent:
    en = lang.startswith("en")
    kind = _label(FollowUpKind, item.kind, lang)
    summary = f"{kind}: {item.title}" if en else f"{kind}：{item.title}"
    if item.done:
        summary = f"✓ {summary}"
    lines = []
    if item.customer_name:
        lines.append(f"Customer: {item.customer_name}" if en else f"客户：{item.customer_name}")
    if item.note:
        lines.append(item.note)
    if item.done:
        lines.append("Done" if en else "已完成")
    return CalendarEvent(
        uid=event_uid(item.id),
        summary=summary,
        description="\n".join(lines),
        location=item.customer_address or None,
        start=item.due_on,
        end=item.due_on + dt.timedelta(days=1),
        cancelled=item.deleted,
        sequence=item.version,
        stamp=item.updated_at,
        category="Follow-up" if en else "待办",
    )


def calendar_events(
    plan_items: Iterable[PlanItemFacts],
    follow_ups: Iterable[FollowUpFacts],
    window: Window,
    lang: str = "zh_CN",
) -> list[CalendarEvent]:
    """The events of the window's days, in a fixed order (day, then uid), so two
    exports of the same rows are the same bytes."""
    events = [plan_item_event(i, lang) for i in plan_items if _inside(i.plan_date, window)]
    events += [follow_up_event(f, lang) for f in follow_ups if _inside(f.due_on, window)]
    return sorted(events, key=lambda e: (_day(e.start), e.uid))


def _inside(day: dt.date, window: Window) -> bool:
    return window.first <= day <= window.last


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value

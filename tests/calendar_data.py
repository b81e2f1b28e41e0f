"""A rep's week for the calendar tests: customers with Chinese names and addresses, a
plan with a timed and an untimed visit, follow-ups in and out of the window."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import icalendar

from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.daily import PlanItemDraft
from crm_desktop.domain.follow_ups import FollowUpDraft
from crm_desktop.services.container import Services

MONDAY = dt.date(2026, 11, 23)


@dataclass(frozen=True)
class Week:
    timed: str  # plan item at 09:30 on Monday
    untimed: str  # plan item without a time on Tuesday
    appointment: str  # follow-up on Wednesday
    done: str  # a kept promise on Thursday
    far: str  # a follow-up a year ahead, outside the default window


def fill_week(services: Services) -> Week:
    huali = services.customers.save(
        CustomerDraft(name="北京华联商厦股份有限公司", address="北京市朝阳区建国路 88 号")
    )
    mingda = services.customers.save(CustomerDraft(name="杭州明达机电有限公司"))
    plans = services.day_plans()
    timed = plans.add_item(
        MONDAY,
        PlanItemDraft(
            customer_id=huali, planned_time="09:30", purpose="collection", objective="收回十万货款"
        ),
    )
    untimed = plans.add_item(MONDAY + dt.timedelta(days=1), PlanItemDraft(customer_id=mingda))
    follow_ups = services.follow_ups
    appointment = follow_ups.create(
        FollowUpDraft(
            title="与王总确认周四见面",
            due_on=MONDAY + dt.timedelta(days=2),
            kind="appointment",
            customer_id=huali,
        )
    )
    done = follow_ups.create(
        FollowUpDraft(title="寄送样品", due_on=MONDAY + dt.timedelta(days=3), note="顺丰")
    )
    follow_ups.set_done(done, True)
    far = follow_ups.create(FollowUpDraft(title="年度回顾", due_on=MONDAY + dt.timedelta(days=365)))
    return Week(timed, untimed, appointment, done, far)


def events(data: bytes) -> dict[str, icalendar.Event]:
    """The file's events by UID, parsed back with icalendar."""
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def facts(event: icalendar.Event) -> dict[str, Any]:
    """What a calendar shows of an event, decoded."""
    return {
        key: event.decoded(key) if key in event else None
        for key in (
            "UID",
            "SUMMARY",
            "DESCRIPTION",
            "LOCATION",
            "DTSTART",
            "DTEND",
            "SEQUENCE",
            "STATUS",
            "DTSTAMP",
        )
    }

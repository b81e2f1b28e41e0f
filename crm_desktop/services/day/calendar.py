"""Calendars (issue 17): a rep's plans and follow-ups as an .ics file, and the address
of the server's calendar feed the user subscribes to.

The export reads the laptop's rows with the same statements the server's feed runs
(`sync/calendar/rows.py`) and makes events with the same rule (`domain/calendar_events`),
so a calendar imported from the file and one subscribed to the server agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import func, select

from crm_desktop.config.atomic_file import atomic_target
from crm_desktop.domain.calendar_events import (
    Window,
    calendar_events,
    checked_window,
    default_window,
    with_unsent,
)
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import Role
from crm_desktop.export.errors import file_error
from crm_desktop.services.actor import Actor
from crm_desktop.services.org import OrgTree, Person
from crm_desktop.store.database import Store
from crm_desktop.sync.calendar import rows, wire
from crm_desktop.sync.calendar.ics import calendar_bytes, calendar_name
from crm_desktop.sync.client import local
from crm_desktop.sync.client.errors import AuthFailed
from crm_desktop.sync.client.transport import TIMEOUT, Transport
from crm_desktop.sync.entities import ENTITY_TABLES

# sync_meta: the last feed address this laptop was given (the server keeps only a hash,
# so this is the one place it can be shown again).
FEED_URL_KEY = "calendar_feed_url"


@dataclass(frozen=True)
class CalendarExport:
    path: Path
    person: str
    window: Window
    events: int


def export_window(
    today: dt.date, first: dt.date | None = None, last: dt.date | None = None
) -> Window:
    """The days to export: the given ones, else 30 days back and 90 ahead of today."""
    default = default_window(today)
    return checked_window(first or default.first, last or default.last)


def calendar_person(store: Store, actor: Actor, username: str | None) -> Person:
    """Whose calendar: the user's own, or (supervisors, managers, admins) a person below."""
    org = OrgTree.load(store)
    if not username:
        found = org.people.get(actor.user_id)
        if found is None:
            raise ValidationError("请先登录", "Sign in first", "rep")
        return found
    person = org.by_username(username)
    allowed = (
        person.id == actor.user_id
        or actor.role is Role.ADMIN
        or any(p.id == person.id for p in org.below(actor.user_id))
    )
    if not allowed:
        raise ValidationError(
            f"您无权查看“{username}”的日历",
            f"You may not see the calendar of “{username}”",
            "rep",
        )
    return person


def calendar_file(store: Store, person: Person, window: Window, lang: str) -> tuple[bytes, int]:
    """The person's calendar of the window as iCalendar bytes, and how many events."""
    with store.reading() as session:
        conn = session.connection()
        unsent = {
            str(row): int(n)
            for row, n in conn.execute(
                select(local.OUTBOX.c.row_id, func.count()).group_by(local.OUTBOX.c.row_id)
            )
        }
        events = calendar_events(
            with_unsent(rows.plan_item_facts(conn, ENTITY_TABLES, person.id, window), unsent),
            with_unsent(rows.follow_up_facts(conn, ENTITY_TABLES, person.id, window), unsent),
            window,
            lang,
        )
    return calendar_bytes(events, calendar_name(person.display_name, lang)), len(events)


def export_calendar(
    store: Store,
    actor: Actor,
    path: Path,
    *,
    rep: str | None = None,
    first: dt.date | None = None,
    last: dt.date | None = None,
    lang: str = "zh_CN",
) -> CalendarExport:
    """Write the calendar file (atomically: a failed write keeps the old file)."""
    window = export_window(store.clock.today(), first, last)
    person = calendar_person(store, actor, rep)
    body, count = calendar_file(store, person, window, lang)
    try:
        with atomic_target(path) as temporary:
            temporary.write_bytes(body)
    except OSError as error:
        raise file_error(error, path) from error
    return CalendarExport(path, person.display_name, window, count)


def parse_day(text: str | None, field: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise ValidationError(
            f"日期“{text}”无效，请写成 2026-11-30 的形式",
            f"“{text}” is not a date; write it like 2026-11-30",
            field,
        ) from error


class CalendarSubscription:
    """The server's feed address of the signed-in user: the one this laptop last got,
    or a new one (which retires every earlier address of the user)."""

    def __init__(
        self, store: Store, client_factory: Callable[[], httpx.Client] | None = None
    ) -> None:
        self._store = store
        self._client_factory = client_factory or (lambda: httpx.Client(timeout=TIMEOUT))

    def known_url(self) -> str | None:
        return local.read_meta(self._store).get(FEED_URL_KEY)

    def new_url(self) -> str:
        """Ask the server for a new address (network); raises a SyncError when offline,
        signed out or refused, with the message to show."""
        meta = local.read_meta(self._store)
        server, token = meta.get(local.SERVER_URL), meta.get(local.TOKEN)
        if not server:
            raise ValidationError(
                "尚未设置同步服务器：请先在“同步”页登录服务器。",
                "No sync server is set: sign in on the Sync page first.",
            )
        if not token:
            raise AuthFailed()
        transport = Transport(server, self._client_factory())
        transport.token = token
        try:
            answer = transport.call("POST", wire.TOKEN_PATH, wire.CalendarTokenResponse)
        finally:
            transport.close()
        # The laptop's own server address: the one it reaches the server at, which the
        # server behind a proxy may not know.
        url = transport.base_url + answer.path
        local.write_meta(self._store, {FEED_URL_KEY: url})
        return url

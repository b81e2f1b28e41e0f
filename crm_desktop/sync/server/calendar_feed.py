"""Calendar subscriptions (issue 17): a secret feed address per user, and its feed.

`POST /v1/calendar/token` (signed in like the sync) issues a new random token and
retires the user's earlier one; only its SHA-256 is stored, so the address is shown
once and a lost one is replaced, never recovered. `GET /v1/calendar/{token}.ics` needs
nothing but the token, because calendar apps (Outlook, 钉钉, phones) cannot sign in: it
answers the token's user's own plan items and follow-ups, the same events the laptop's
`export-calendar` writes (`domain/calendar_events.py`, `sync/calendar/`), with an ETag
and Last-Modified so a calendar polling every hour mostly gets 304.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
from collections.abc import Callable
from email.utils import format_datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import Response
from sqlalchemy import Column, Connection, DateTime, Engine, String, Table, delete, insert, select

from crm_desktop.domain.calendar_events import (
    FEED_ZONE,
    Window,
    calendar_events,
    checked_window,
    default_window,
)
from crm_desktop.domain.clock import SystemClock
from crm_desktop.domain.errors import ValidationError
from crm_desktop.store.base import utcnow
from crm_desktop.sync.calendar import rows, wire
from crm_desktop.sync.calendar.ics import MEDIA_TYPE, calendar_bytes, calendar_name
from crm_desktop.sync.server.schema import SYNCED, metadata
from crm_desktop.sync.server.scope import Principal

# One row per user who has a feed (revision s0015_calendar_feeds).
calendar_feeds = Table(
    "calendar_feeds",
    metadata,
    Column("user_id", String(36), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
)

PUBLIC_URL_ENV = "CRM_PUBLIC_URL"  # the address laptops and phones reach the server at
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
USERS = SYNCED["user"]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(conn: Connection, user_id: str) -> tuple[str, dt.datetime]:
    """A new feed token for the user; their earlier one stops working at once."""
    token = secrets.token_urlsafe(32)  # 256 bits: guessing one is hopeless
    now = utcnow()
    conn.execute(delete(calendar_feeds).where(calendar_feeds.c.user_id == user_id))
    conn.execute(
        insert(calendar_feeds).values(user_id=user_id, token_hash=_hash(token), created_at=now)
    )
    return token, now


def has_feed(conn: Connection, user_id: str) -> bool:
    found = conn.execute(
        select(calendar_feeds.c.user_id).where(calendar_feeds.c.user_id == user_id)
    ).first()
    return found is not None


def feed_owner(conn: Connection, token: str) -> tuple[str, str, dt.datetime] | None:
    """(user id, display name, feed created) of an active user's live token; None else."""
    if not _TOKEN_SHAPE.match(token):
        return None
    found = conn.execute(
        select(calendar_feeds.c.user_id, USERS.c.display_name, calendar_feeds.c.created_at)
        .join(USERS, USERS.c.id == calendar_feeds.c.user_id)
        .where(
            calendar_feeds.c.token_hash == _hash(token),
            USERS.c.active.is_(True),
            USERS.c.deleted.is_(False),
        )
    ).first()
    return None if found is None else (found[0], found[1], found[2])


def feed(
    conn: Connection, user_id: str, display_name: str, window: Window, lang: str
) -> tuple[bytes, dt.datetime | None]:
    """The user's calendar of the window and the newest stamp among its events."""
    events = calendar_events(
        rows.plan_item_facts(conn, SYNCED, user_id, window),
        rows.follow_up_facts(conn, SYNCED, user_id, window),
        window,
        lang,
    )
    newest = max((e.stamp for e in events), default=None)
    return calendar_bytes(events, calendar_name(display_name, lang)), newest


def server_today() -> dt.date:
    """Today in the team zone by the server's clock (the server's time is authoritative)."""
    return SystemClock(ZoneInfo(FEED_ZONE)).today()


def public_url(request: Request) -> str:
    return (os.environ.get(PUBLIC_URL_ENV) or str(request.base_url)).rstrip("/")


def add_routes(
    app: FastAPI,
    engine: Engine,
    bearer_token: Callable[..., object],
    authenticate: Callable[[Connection, str], Principal],
) -> None:
    # A default, not an Annotated alias: FastAPI reads this module's annotations as
    # strings (postponed evaluation) and could not resolve a local alias.
    signed_in = Depends(bearer_token)

    @app.post(wire.TOKEN_PATH, response_model=wire.CalendarTokenResponse)
    def new_calendar_token(request: Request, token: str = signed_in) -> wire.CalendarTokenResponse:
        with engine.begin() as conn:
            me = authenticate(conn, token)
            secret, created = issue(conn, me.user_id)
        path = wire.feed_path(secret)
        return wire.CalendarTokenResponse(
            token=secret,
            path=path,
            url=public_url(request) + path,
            created_at=created.isoformat() + "Z",
        )

    @app.get(
        wire.FEED_PREFIX + "{name}",
        response_class=Response,
        responses={200: {"content": {"text/calendar": {}}}, 304: {}, 404: {}},
    )
    def calendar_feed(
        request: Request,
        name: str,
        start: Annotated[dt.date | None, Query(alias="from")] = None,
        end: Annotated[dt.date | None, Query(alias="to")] = None,
        lang: Annotated[str, Query(pattern=r"^(zh_CN|zh|en)$")] = "zh_CN",
    ) -> Response:
        token = name.removesuffix(wire.FEED_SUFFIX)
        with engine.begin() as conn:
            owner = feed_owner(conn, token) if name.endswith(wire.FEED_SUFFIX) else None
            if owner is None:
                # Unknown, reset or malformed: the same answer, so nothing is learned.
                raise HTTPException(404, "no such calendar")
            user_id, display_name, created = owner
            try:
                window = _window(start, end)
            except ValidationError as error:
                raise HTTPException(422, error.message("en")) from error
            body, newest = feed(conn, user_id, display_name, window, lang)
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        stamp = max(newest, created) if newest is not None else created
        headers = {
            "ETag": etag,
            "Last-Modified": format_datetime(stamp.replace(tzinfo=dt.UTC), usegmt=True),
            # The address is the secret: no shared cache may keep the answer.
            "Cache-Control": "private, max-age=300",
            "Content-Disposition": 'inline; filename="crm-calendar.ics"',
        }
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type=MEDIA_TYPE, headers=headers)


def _window(start: dt.date | None, end: dt.date | None) -> Window:
    default = default_window(server_today())
    return checked_window(start or default.first, end or default.last)


def admin_token(engine: Engine, username: str, *, reset: bool) -> str | None:
    """`crm-server calendar-token`: a new token for the user, or None when they already
    have one and `reset` is not given (the old address keeps working)."""
    from crm_desktop.sync.server.admin import AdminError

    with engine.begin() as conn:
        user_id = conn.execute(
            select(USERS.c.id).where(USERS.c.username == username, USERS.c.deleted.is_(False))
        ).scalar()
        if user_id is None:
            raise AdminError(f"no such user: {username}")
        if has_feed(conn, str(user_id)) and not reset:
            return None
        return issue(conn, str(user_id))[0]

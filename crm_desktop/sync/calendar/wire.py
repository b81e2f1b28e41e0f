"""The calendar subscription's part of the protocol: its paths and the token answer."""

from __future__ import annotations

from pydantic import BaseModel

TOKEN_PATH = "/v1/calendar/token"
FEED_PREFIX = "/v1/calendar/"
FEED_SUFFIX = ".ics"


def feed_path(token: str) -> str:
    return f"{FEED_PREFIX}{token}{FEED_SUFFIX}"


class CalendarTokenResponse(BaseModel):
    """A new feed token (every earlier one of the user stops working), shown once:
    the server keeps only its hash."""

    token: str
    path: str  # the feed's path on this server, `feed_path(token)`
    url: str  # the full address as the server sees itself (CRM_PUBLIC_URL, or the request's)
    created_at: str

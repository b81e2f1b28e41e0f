"""What `crm-server notify ...` does: add, list and remove a team's channels, send a test
message now, and read the delivery log."""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from dataclasses import dataclass

from sqlalchemy import Engine, delete, insert, select

from crm_desktop.domain.clock import Clock, SystemClock
from crm_desktop.sync.server.admin import AdminError
from crm_desktop.sync.server.notifications.events import EVENTS, TEST, parse_events
from crm_desktop.sync.server.notifications.messages import compose
from crm_desktop.sync.server.notifications.senders import (
    KINDS,
    Channel,
    Sender,
    SendError,
    recipients,
)
from crm_desktop.sync.server.notifications.tables import channels, outbox
from crm_desktop.sync.server.schema import SYNCED

TEAMS = SYNCED["team"]


@dataclass(frozen=True)
class ChannelRow:
    id: int
    team: str
    kind: str
    target: str
    signed: bool
    events: str
    enabled: bool


@dataclass(frozen=True)
class LogRow:
    id: int
    created_at: dt.datetime
    channel_id: int
    kind: str
    team: str
    event: str
    state: str  # delivered | failed | pending
    attempts: int
    at: dt.datetime | None
    last_error: str | None


def _team_id(engine: Engine, name: str) -> str:
    with engine.begin() as conn:
        found = conn.execute(
            select(TEAMS.c.id).where(TEAMS.c.name == name, TEAMS.c.deleted.is_(False))
        ).scalar()
    if found is None:
        raise AdminError(f"no team named {name!r}")
    return str(found)


def _check_target(kind: str, target: str) -> str:
    target = target.strip()
    if kind == "email":
        addresses = recipients(target)
        if not addresses or any("@" not in a for a in addresses):
            raise AdminError("--target: one e-mail address or several, separated by commas")
        return ",".join(addresses)
    parts = urllib.parse.urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise AdminError("--target: the robot's or webhook's http(s) URL")
    return target


def add_channel(
    engine: Engine,
    team: str,
    kind: str,
    target: str,
    *,
    secret: str | None = None,
    events: str | None = None,
    clock: Clock | None = None,
) -> int:
    if kind not in KINDS:
        raise AdminError(f"--kind: one of {', '.join(KINDS)}")
    chosen = parse_events(events)
    unknown = sorted((chosen or frozenset()) - set(EVENTS))
    if unknown:
        raise AdminError(f"unknown events {', '.join(unknown)}; known: {', '.join(EVENTS)}")
    team_id = _team_id(engine, team)
    with engine.begin() as conn:
        key = conn.execute(
            insert(channels).values(
                team_id=team_id,
                kind=kind,
                target=_check_target(kind, target),
                secret=secret or None,
                events=None if chosen is None else ",".join(sorted(chosen)),
                enabled=True,
                created_at=(clock or SystemClock()).utcnow(),
            )
        ).inserted_primary_key
    assert key is not None
    return int(key[0])


def list_channels(engine: Engine) -> list[ChannelRow]:
    with engine.begin() as conn:
        rows = conn.execute(
            select(channels, TEAMS.c.name.label("team_name"))
            .select_from(channels.outerjoin(TEAMS, TEAMS.c.id == channels.c.team_id))
            .order_by(channels.c.id)
        ).all()
    return [
        ChannelRow(
            int(r.id),
            r.team_name or r.team_id,
            r.kind,
            r.target,
            bool(r.secret),
            r.events or "all",
            bool(r.enabled),
        )
        for r in rows
    ]


def remove_channel(engine: Engine, channel_id: int) -> None:
    """Drop the channel; its undelivered messages are marked failed when next claimed,
    and its log stays."""
    with engine.begin() as conn:
        gone = conn.execute(delete(channels).where(channels.c.id == channel_id)).rowcount
    if not gone:
        raise AdminError(f"no channel {channel_id}")


def test_channel(
    engine: Engine, channel_id: int, *, sender: Sender | None = None, clock: Clock | None = None
) -> str:
    """Send a test message now (not through the outbox); the receiver's answer.
    AdminError when it does not arrive."""
    with engine.begin() as conn:
        row = conn.execute(
            select(channels, TEAMS.c.name.label("team_name"))
            .select_from(channels.outerjoin(TEAMS, TEAMS.c.id == channels.c.team_id))
            .where(channels.c.id == channel_id)
        ).first()
    if row is None:
        raise AdminError(f"no channel {channel_id}")
    channel = Channel(int(row.id), row.team_id, row.kind, row.target, row.secret)
    message = compose({"event": TEST, "team_id": row.team_id, "team": row.team_name or ""})
    own = sender is None
    sender = sender or Sender()
    try:
        return sender.send(channel, message, 0, (clock or SystemClock()).now())
    except SendError as error:
        raise AdminError(f"test message to channel {channel_id} failed: {error}") from error
    finally:
        if own:
            sender.close()


def delivery_log(engine: Engine, team: str | None = None, limit: int = 50) -> list[LogRow]:
    """The newest outbox rows, newest first (of one team's channels when given)."""
    query = (
        select(
            outbox,
            channels.c.kind,
            TEAMS.c.name.label("team_name"),
        )
        .select_from(
            outbox.outerjoin(channels, channels.c.id == outbox.c.channel_id).outerjoin(
                TEAMS, TEAMS.c.id == channels.c.team_id
            )
        )
        .order_by(outbox.c.id.desc())
        .limit(limit)
    )
    if team is not None:
        query = query.where(channels.c.team_id == _team_id(engine, team))
    with engine.begin() as conn:
        rows = conn.execute(query).all()
    found = []
    for r in rows:
        if r.delivered_at is not None:
            state, at = "delivered", r.delivered_at
        elif r.failed_at is not None:
            state, at = "failed", r.failed_at
        else:
            state, at = "pending", r.next_attempt_at
        found.append(
            LogRow(
                int(r.id),
                r.created_at,
                int(r.channel_id),
                r.kind or "(removed)",
                r.team_name or "",
                r.event,
                state,
                int(r.attempts),
                at,
                r.last_error,
            )
        )
    return found


def payload_of(engine: Engine, outbox_id: int) -> dict[str, object]:
    with engine.begin() as conn:
        raw = conn.execute(select(outbox.c.payload).where(outbox.c.id == outbox_id)).scalar()
    return {} if raw is None else dict(json.loads(raw))

"""Delivering the outbox: claim due rows, send each, record the outcome.

At least once: a row is claimed (attempts + 1, and a lease: its next attempt moved past
the time a send may take) and committed before it is sent, then marked delivered after.
A process that dies between the send and the mark leaves the row to be sent again when
the lease ends, so a receiver may see a message twice (the generic webhook and e-mail
carry the outbox id to tell). Two processes never claim the same row at once: PostgreSQL
skips rows another claim holds (FOR UPDATE SKIP LOCKED); SQLite's write lock serialises
the claims. A failed send is retried after an exponential backoff; after `max_attempts`
the row is marked failed, and `crm-server notify log` shows it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Engine, delete, select, update

from crm_desktop.domain.clock import Clock
from crm_desktop.sync.server.notifications.messages import compose
from crm_desktop.sync.server.notifications.senders import Channel, Sender, SendError
from crm_desktop.sync.server.notifications.tables import channels, outbox

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Retry:
    """Backoff: `base` after the first failure, doubling up to `cap`; `max_attempts`
    sends in all (the defaults span about four hours); `lease`: how long a claimed row is
    left to its sender before another claim may take it."""

    base: dt.timedelta = dt.timedelta(seconds=30)
    cap: dt.timedelta = dt.timedelta(hours=1)
    max_attempts: int = 10
    lease: dt.timedelta = dt.timedelta(minutes=5)

    def delay(self, attempts: int) -> dt.timedelta:
        doubled: dt.timedelta = self.base * (2 ** min(max(attempts - 1, 0), 20))
        return min(self.cap, doubled)


@dataclass(frozen=True)
class Claimed:
    id: int
    channel_id: int
    attempts: int
    payload: str


def due(now: dt.datetime) -> tuple[ColumnElement[bool], ...]:
    """Neither delivered nor given up, and its next attempt is now or past."""
    return (
        outbox.c.delivered_at.is_(None),
        outbox.c.failed_at.is_(None),
        (outbox.c.next_attempt_at.is_(None)) | (outbox.c.next_attempt_at <= now),
    )


def claim(engine: Engine, now: dt.datetime, limit: int, lease: dt.timedelta) -> list[Claimed]:
    """Take up to `limit` due rows for this process, oldest first."""
    with engine.begin() as conn:
        rows = conn.execute(
            select(outbox.c.id, outbox.c.channel_id, outbox.c.attempts, outbox.c.payload)
            .where(*due(now))
            .order_by(outbox.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        if not rows:
            return []
        conn.execute(
            update(outbox)
            .where(outbox.c.id.in_([r.id for r in rows]))
            .values(attempts=outbox.c.attempts + 1, next_attempt_at=now + lease)
        )
    return [Claimed(int(r.id), int(r.channel_id), int(r.attempts) + 1, r.payload) for r in rows]


def load_channel(engine: Engine, channel_id: int) -> Channel | None:
    with engine.begin() as conn:
        row = conn.execute(select(channels).where(channels.c.id == channel_id)).first()
    if row is None or not row.enabled:
        return None
    return Channel(int(row.id), row.team_id, row.kind, row.target, row.secret)


def deliver_due(
    engine: Engine, clock: Clock, sender: Sender, retry: Retry, *, limit: int = 20
) -> int:
    """Send what is due now; how many rows were attempted."""
    claimed = claim(engine, clock.utcnow(), limit, retry.lease)
    found: dict[int, Channel | None] = {}
    for row in claimed:
        if row.channel_id not in found:
            found[row.channel_id] = load_channel(engine, row.channel_id)
        channel = found[row.channel_id]
        if channel is None:
            _finish(engine, row, clock, retry, "channel removed or disabled", final=True)
            continue
        try:
            message = compose(json.loads(row.payload))
            sender.send(channel, message, row.id, clock.now())
        except SendError as error:
            log.warning("notification %s to channel %s failed: %s", row.id, channel.id, error)
            _finish(engine, row, clock, retry, str(error))
        except Exception as error:  # a bug must not stop the worker, nor retry forever
            log.exception("notification %s could not be sent", row.id)
            _finish(engine, row, clock, retry, f"{type(error).__name__}: {error}", final=True)
        else:
            _finish(engine, row, clock, retry, None)
    return len(claimed)


def _finish(
    engine: Engine,
    row: Claimed,
    clock: Clock,
    retry: Retry,
    error: str | None,
    *,
    final: bool = False,
) -> None:
    now = clock.utcnow()
    values: dict[str, object]
    if error is None:
        values = {"delivered_at": now, "last_error": None, "next_attempt_at": None}
    elif final or row.attempts >= retry.max_attempts:
        values = {"failed_at": now, "last_error": error[:1000], "next_attempt_at": None}
    else:
        values = {"last_error": error[:1000], "next_attempt_at": now + retry.delay(row.attempts)}
    with engine.begin() as conn:
        conn.execute(update(outbox).where(outbox.c.id == row.id).values(**values))


# How long the log keeps a delivered or failed message (`crm-server notify log`).
KEEP = dt.timedelta(days=180)


def prune(engine: Engine, now: dt.datetime, keep: dt.timedelta = KEEP) -> int:
    """Forget messages delivered or given up more than `keep` ago; how many. (A complaint
    still overdue after that is announced again: its dedupe key went with its row.)"""
    before = now - keep
    with engine.begin() as conn:
        gone = conn.execute(
            delete(outbox).where((outbox.c.delivered_at < before) | (outbox.c.failed_at < before))
        ).rowcount
    return int(gone or 0)

"""Passwords (argon2), random bearer tokens stored hashed, and the login throttle.

All state lives in the database, so any worker can check any token and a throttle
cannot be dodged by landing on another process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, bindparam, delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from crm_desktop.store.base import utcnow
from crm_desktop.sync.server.schema import SYNCED, credentials, login_throttle, tokens
from crm_desktop.sync.server.scope import ORG_STAMP

TOKEN_TTL = dt.timedelta(days=30)
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
LOCKOUT = dt.timedelta(minutes=15)

_hasher = PasswordHasher()
# Verified against when the username is unknown, so timing does not reveal which exist.
_DUMMY_HASH = _hasher.hash("not a real password")
USERS = SYNCED["user"]


class LoginThrottled(Exception):
    """Too many failed logins for this username; try again later."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def set_password(conn: Connection, user_id: str, password: str) -> None:
    conn.execute(delete(credentials).where(credentials.c.user_id == user_id))
    conn.execute(
        insert(credentials).values(
            user_id=user_id, password_hash=hash_password(password), updated_at=utcnow()
        )
    )


def _lock_throttle(conn: Connection, username: str, now: dt.datetime) -> tuple[int, dt.datetime]:
    """Lock the username's throttle row for this transaction, creating it if need be;
    (failures, window start). LoginThrottled while the username is locked out.

    Concurrent logins of one username take turns from here to COMMIT, each seeing the
    failures of those before it: a read-check-write without the lock let 32 concurrent
    wrong passwords through to a dozen password checks instead of MAX_FAILURES.
    """
    values = {"username": username, "failures": 0, "window_start": now}
    if conn.dialect.name == "postgresql":
        conn.execute(pg_insert(login_throttle).values(values).on_conflict_do_nothing())
    else:  # SQLite: BEGIN IMMEDIATE already serialises every server transaction
        conn.execute(sqlite_insert(login_throttle).values(values).on_conflict_do_nothing())
    failures, start, locked_until = conn.execute(
        select(
            login_throttle.c.failures, login_throttle.c.window_start, login_throttle.c.locked_until
        )
        .where(login_throttle.c.username == username)
        .with_for_update()
    ).one()
    if locked_until is not None and locked_until > now:
        raise LoginThrottled()
    return int(failures), start


def _record_failure(
    conn: Connection, username: str, now: dt.datetime, failures: int, start: dt.datetime
) -> None:
    failures, start = (1, now) if now - start > FAILURE_WINDOW else (failures + 1, start)
    locked = now + LOCKOUT if failures >= MAX_FAILURES else None
    conn.execute(
        update(login_throttle)
        .where(login_throttle.c.username == username)
        .values(failures=failures, window_start=start, locked_until=locked)
    )


def verify_login(conn: Connection, username: str, password: str) -> str | None:
    """The user id for a correct password, None otherwise; LoginThrottled when locked.
    Holds the username's throttle row lock until the caller's transaction ends."""
    now = utcnow()
    username = username[:64]
    failures, start = _lock_throttle(conn, username, now)
    row = conn.execute(
        select(USERS.c.id, credentials.c.password_hash)
        .join(credentials, credentials.c.user_id == USERS.c.id)
        .where(USERS.c.username == username, USERS.c.deleted.is_(False), USERS.c.active)
    ).first()
    try:
        ok = _hasher.verify(row[1] if row else _DUMMY_HASH, password) and row is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or row is None:
        _record_failure(conn, username, now, failures, start)
        return None
    conn.execute(delete(login_throttle).where(login_throttle.c.username == username))
    return str(row[0])


def issue_token(
    conn: Connection, user_id: str, ttl: dt.timedelta = TOKEN_TTL
) -> tuple[str, dt.datetime]:
    """A new random token for the user; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    expires = now + ttl
    conn.execute(
        insert(tokens).values(
            token_hash=hash_token(token), user_id=user_id, created_at=now, expires_at=expires
        )
    )
    return token, expires


def _token_user_query() -> Any:
    return (
        select(tokens.c.user_id)
        .join(USERS, USERS.c.id == tokens.c.user_id)
        .where(
            tokens.c.token_hash == bindparam("token_hash"),
            tokens.c.revoked.is_(False),
            tokens.c.expires_at > bindparam("now"),
            USERS.c.deleted.is_(False),
            USERS.c.active,
        )
    )


_TOKEN_USER = _token_user_query()
# The token's user and the org's version stamp in one round trip: every request needs both.
_TOKEN_USER_AND_STAMP = select(_token_user_query().scalar_subquery(), *ORG_STAMP)


def _params(token: str) -> dict[str, Any]:
    return {"token_hash": hash_token(token), "now": utcnow()}


def token_user(conn: Connection, token: str) -> str | None:
    """The user a live token belongs to, or None (unknown, expired, revoked, user gone)."""
    row = conn.execute(_TOKEN_USER, _params(token)).first()
    return None if row is None else str(row[0])


def token_user_and_org(conn: Connection, token: str) -> tuple[str | None, tuple[Any, ...]]:
    """`token_user`, with the org tree's version stamp read in the same statement."""
    user_id, *stamp = conn.execute(_TOKEN_USER_AND_STAMP, _params(token)).one()
    return (None if user_id is None else str(user_id)), tuple(stamp)

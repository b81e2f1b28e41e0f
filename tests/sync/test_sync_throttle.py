"""The login throttle under concurrent wrong passwords (issue: sync hardening, item 10).

However many wrong passwords for one user arrive at once, at most MAX_FAILURES of them
get a password check per window: the failure count may not lose an update between
concurrent requests. Real threads, each with its own client, against the real app on
SQLite and PostgreSQL, with a connection per thread so requests really overlap.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sync_helpers import PASSWORD, make_client

from crm_desktop.sync import protocol as p
from crm_desktop.sync.server import auth
from crm_desktop.sync.server.app import create_app
from crm_desktop.sync.server.db import make_engine

ATTEMPTS = 32


class CountingHasher(PasswordHasher):
    """Real argon2 that counts the password checks it runs (from any thread)."""

    def __init__(self) -> None:
        # Costly enough (a few ms) that concurrent checks overlap, as on a real server.
        super().__init__(time_cost=2, memory_cost=8 * 1024, parallelism=1)
        self.checks = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        with self._lock:
            self.checks += 1
        return super().verify(hash, password)


def _at_once(app: Any, count: int, password: str) -> list[int]:
    """`count` logins as rep1, released together by a barrier; their status codes."""
    barrier = threading.Barrier(count)
    codes: list[int] = []
    lock = threading.Lock()

    def attempt() -> None:
        client = TestClient(app, raise_server_exceptions=False)  # a 500 is an answer too
        barrier.wait(timeout=60)
        answer = client.post(p.LOGIN_PATH, json={"username": "rep1", "password": password})
        with lock:
            codes.append(answer.status_code)

    threads = [threading.Thread(target=attempt) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(codes) == count, "a login attempt did not finish"
    return codes


def test_concurrent_wrong_passwords_get_at_most_five_checks(
    db_url: str, users: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    hasher = CountingHasher()
    monkeypatch.setattr(auth, "_hasher", hasher)
    monkeypatch.setattr(auth, "_DUMMY_HASH", hasher.hash("dummy"))
    engine = make_engine(db_url, pool_size=ATTEMPTS)
    try:
        app = create_app(engine=engine)
        before = hasher.checks
        codes = _at_once(app, ATTEMPTS, "wrong password")
        assert hasher.checks - before == auth.MAX_FAILURES
        assert sorted(codes) == [401] * auth.MAX_FAILURES + [429] * (ATTEMPTS - auth.MAX_FAILURES)
        # Locked: even the right password is not checked now; another user is not locked.
        client = make_client(app)
        right = client.post(p.LOGIN_PATH, json={"username": "rep1", "password": PASSWORD})
        assert right.status_code == 429
        assert hasher.checks - before == auth.MAX_FAILURES
        other = client.post(p.LOGIN_PATH, json={"username": "rep2", "password": PASSWORD})
        assert other.status_code == 200
    finally:
        engine.dispose()


def test_a_right_password_among_concurrent_wrong_ones_still_gets_in(
    db_url: str, users: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fewer wrong passwords than the limit, all at once: none is lost or locks the user,
    and the right password after them still signs in."""
    hasher = CountingHasher()
    monkeypatch.setattr(auth, "_hasher", hasher)
    engine = make_engine(db_url, pool_size=8)
    try:
        app = create_app(engine=engine)
        codes = _at_once(app, auth.MAX_FAILURES - 1, "wrong password")
        assert codes == [401] * (auth.MAX_FAILURES - 1)
        client = make_client(app)
        right = client.post(p.LOGIN_PATH, json={"username": "rep1", "password": PASSWORD})
        assert right.status_code == 200
    finally:
        engine.dispose()

"""Hypothesis against the HTTP API: whatever a client sends, the answer is 200 or a 4xx
with a message — never a 500 — and a refused request changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import Api

from crm_desktop.sync import protocol as p
from crm_desktop.sync.entities import ENTITY_TABLES

COLUMNS = sorted({c.name for t in ENTITY_TABLES.values() for c in t.columns})
values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["2026-11-20", "2026-11-20T10:00:00", "signed", "draft", "\x00"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=5,
)
mutation = st.fixed_dictionaries(
    {
        "mutation_id": st.integers(-5, 2**63),
        "name": st.sampled_from(["create", "update", "delete", "bogus", *sorted(p.COMMANDS)]),
        "entity": st.sampled_from([*ENTITY_TABLES, "conflict", "nope"]),
        "row_id": st.text(min_size=0, max_size=40),
        "base_version": st.integers(-1, 2**40),
        "patch": st.dictionaries(
            st.sampled_from(COLUMNS) | st.text(max_size=8), values, max_size=6
        ),
    },
    optional={"base_values": st.dictionaries(st.sampled_from(COLUMNS), values, max_size=3)},
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


_SESSIONS: dict[tuple[int, str], Api] = {}


def _signed_in(api: Callable[[str], Api], username: str) -> Api:
    """One login per test (the fixture is reused across Hypothesis examples)."""
    key = (id(api), username)
    if key not in _SESSIONS:
        _SESSIONS[key] = api(username)
    return _SESSIONS[key]


def _check(answer: Any) -> None:
    assert answer.status_code < 500, answer.text
    if answer.status_code >= 400:
        assert answer.json()["detail"]


@FUZZ
@given(batch=st.lists(mutation, max_size=4), raw=st.binary(max_size=64))
def test_push_never_fails_with_a_server_error(
    api: Callable[[str], Api], batch: list[dict[str, Any]], raw: bytes
) -> None:
    me = _signed_in(api, "rep1")
    _check(
        me.client.post(
            p.PUSH_PATH, json={"device_id": me.device_id, "mutations": batch}, headers=me.headers
        )
    )
    _check(
        me.client.post(
            p.PUSH_PATH, content=raw, headers={**me.headers, "Content-Type": "application/json"}
        )
    )


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["device_id", "since", "limit", "x"]),
        st.text(max_size=12) | st.integers(-(2**65), 2**65).map(str),
    ),
    login=st.dictionaries(st.sampled_from(["username", "password", "x"]), values),
)
def test_pull_and_login_never_fail_with_a_server_error(
    api: Callable[[str], Api], params: dict[str, str], login: dict[str, Any]
) -> None:
    me = _signed_in(api, "rep2")
    _check(me.client.get(p.PULL_PATH, params=params, headers=me.headers))
    _check(me.client.post(p.LOGIN_PATH, json=login))
    _check(me.client.post(p.HANDSHAKE_PATH, json=login, headers=me.headers))


def test_openapi_is_published(api: Callable[[str], Api]) -> None:
    spec = api("rep1").client.get("/openapi.json").json()
    for path in (
        p.LOGIN_PATH,
        p.HANDSHAKE_PATH,
        p.PUSH_PATH,
        p.PULL_PATH,
        p.CHECKSUM_PATH,
        p.HEALTH_PATH,
    ):
        assert path in spec["paths"]


def test_nul_characters_are_a_4xx_not_a_database_error(api: Callable[[str], Api]) -> None:
    """Found by the fuzz test on PostgreSQL, which refuses NUL in text: a 500 before."""
    me = _signed_in(api, "rep1")
    bad_id = {"mutation_id": 1, "name": "create", "entity": "team", "row_id": "\x00"}
    bad_patch = {**bad_id, "row_id": "r1", "entity": "customer", "patch": {"name": "a\x00b"}}
    for mutation in (bad_id, bad_patch):
        answer = me.client.post(
            p.PUSH_PATH,
            json={"device_id": me.device_id, "mutations": [mutation]},
            headers=me.headers,
        )
        assert answer.status_code == 422 and "NUL" in answer.text
    pulled = me.client.get(p.PULL_PATH, params={"device_id": "\x00"}, headers=me.headers)
    assert pulled.status_code == 422
    login = me.client.post(p.LOGIN_PATH, json={"username": "rep1\x00", "password": "x"})
    assert login.status_code == 422

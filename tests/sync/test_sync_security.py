"""Server security: tokens, scope on reads and writes, sign-off rights, bad payloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sync_helpers import PASSWORD, Api, customer_patch, make_client, new_id

from crm_desktop.sync import protocol as p
from crm_desktop.sync.server import auth
from crm_desktop.sync.server.schema import SYNCED, sync_counter

SYNC_ENDPOINTS = [
    ("POST", p.HANDSHAKE_PATH, {"device_id": "d1", "client_schema": 1}),
    ("POST", p.PUSH_PATH, {"device_id": "d1", "mutations": []}),
    ("GET", p.PULL_PATH + "?device_id=d1&since=0", None),
    ("GET", p.CHECKSUM_PATH, None),
]


def _counter(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(sync_counter.c.value)).scalar_one())


def _row_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return sum(
            conn.execute(select(func.count()).select_from(t)).scalar_one() for t in SYNCED.values()
        )


@pytest.mark.parametrize(("method", "path", "body"), SYNC_ENDPOINTS)
@pytest.mark.parametrize("token", [None, "Bearer nonsense", "Basic abc"])
def test_sync_endpoints_refuse_missing_or_bad_tokens(
    app: Any, method: str, path: str, body: Any, token: str | None
) -> None:
    client = make_client(app)
    headers = {"Authorization": token} if token else {}
    answer = client.request(method, path, json=body, headers=headers)
    assert answer.status_code == 401
    assert answer.json()["detail"]


def test_expired_token_is_refused(app: Any, server_engine: Engine, users: dict[str, str]) -> None:
    with server_engine.begin() as conn:
        token, _ = auth.issue_token(conn, users["rep1"], ttl=dt.timedelta(seconds=-1))
    answer = make_client(app).get(p.CHECKSUM_PATH, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401


def test_tokens_are_stored_hashed(api: Callable[[str], Api], server_engine: Engine) -> None:
    me = api("rep1")
    with server_engine.connect() as conn:
        stored = conn.execute(text("SELECT token_hash FROM auth_tokens")).scalars().all()
    assert me.token not in stored
    assert auth.hash_token(me.token) in stored


def test_login_is_throttled_after_repeated_failures(app: Any) -> None:
    client = make_client(app)
    for _ in range(auth.MAX_FAILURES):
        bad = client.post(p.LOGIN_PATH, json={"username": "rep1", "password": "wrong"})
        assert bad.status_code == 401
    # Even the right password is refused while locked: the lock lives in the database.
    locked = client.post(p.LOGIN_PATH, json={"username": "rep1", "password": PASSWORD})
    assert locked.status_code == 429
    fresh = make_client(app).post(p.LOGIN_PATH, json={"username": "rep1", "password": PASSWORD})
    assert fresh.status_code == 429
    other = client.post(p.LOGIN_PATH, json={"username": "rep2", "password": PASSWORD})
    assert other.status_code == 200


def test_rep_cannot_pull_another_reps_rows(api: Callable[[str], Api]) -> None:
    rep1, rep2, sup, sup2 = api("rep1"), api("rep2"), api("sup"), api("sup2")
    cid = new_id()
    assert (
        rep1.push(
            {
                "name": "create",
                "entity": "customer",
                "row_id": cid,
                "patch": customer_patch("甲公司"),
            }
        )[0]["status"]
        == "applied"
    )
    assert cid in rep1.rows("customer")
    assert cid not in rep2.rows("customer")
    assert cid in sup.rows("customer")  # the supervisor sees the team
    assert cid not in sup2.rows("customer")  # another team's supervisor does not
    assert api("mgr").rows("customer").keys() >= {cid}  # the manager sees the subtree
    # The org directory is visible to all.
    assert len(rep2.rows("user")) == 7


def test_rep_cannot_push_another_reps_rows(
    api: Callable[[str], Api], server_engine: Engine, users: dict[str, str]
) -> None:
    rep1, rep2 = api("rep1"), api("rep2")
    cid = new_id()
    rep1.push(
        {"name": "create", "entity": "customer", "row_id": cid, "patch": customer_patch("甲公司")}
    )
    before = _counter(server_engine)
    results = rep2.push(
        {
            "name": "update",
            "entity": "customer",
            "row_id": cid,
            "base_version": 1,
            "patch": {"notes": "mine now"},
            "base_values": {"notes": None},
        },
        {
            "name": "delete",
            "entity": "customer",
            "row_id": cid,
            "base_version": 1,
            "patch": {"deleted": True},
        },
        {
            "name": "create",
            "entity": "customer",
            "row_id": new_id(),
            "patch": customer_patch("乙公司", owner_id=users["rep1"]),
        },
        {
            "name": "create",
            "entity": "user",
            "row_id": new_id(),
            "patch": {"username": "evil", "display_name": "x", "role": "admin"},
        },
    )
    assert [r["status"] for r in results] == ["rejected"] * 4
    assert [r["reason"] for r in results] == ["not_found", "not_found", "forbidden", "forbidden"]
    row = rep1.rows("customer")[cid]
    assert row["notes"] is None and row["deleted"] is False and row["version"] == 1
    # Only rep2's own inbox entries were written.
    assert {c["kind"] for c in rep2.conflicts()} == {"not_found", "forbidden"}
    assert rep1.conflicts() == []
    assert _counter(server_engine) == before + 4


def _submitted_report(rep: Api) -> tuple[str, int]:
    rid = new_id()
    rep.push(
        {
            "name": "create",
            "entity": "daily_report",
            "row_id": rid,
            "patch": {
                "report_date": "2026-11-20",
                # A day of leave: a working day's report needs a visit before it goes in.
                "attendance": "leave",
                "expenses_fen": 0,
                "deleted": False,
            },
        },
        {"name": "submit_report", "entity": "daily_report", "row_id": rid, "base_version": 1},
    )
    row = rep.rows("daily_report")[rid]
    assert row["status"] == "submitted"
    return rid, row["version"]


def test_supervisor_signs_only_own_teams_reports(api: Callable[[str], Api]) -> None:
    from crm_desktop.sync.content import report_content_hash

    rep1, sup, sup2 = api("rep1"), api("sup"), api("sup2")
    rid, version = _submitted_report(rep1)
    row = rep1.rows("daily_report")[rid]
    digest = report_content_hash(_typed(row), [])
    sign = {
        "name": "sign_report",
        "entity": "daily_report",
        "row_id": rid,
        "base_version": version,
        "patch": {"version": version, "content_hash": digest},
    }
    other = sup2.push(dict(sign))[0]
    assert other["status"] == "rejected" and other["reason"] == "not_found"
    self_sign = rep1.push(dict(sign))[0]
    assert self_sign["status"] == "rejected" and self_sign["reason"] == "forbidden"
    mine = sup.push(dict(sign))[0]
    assert mine["status"] == "applied", mine
    assert rep1.rows("daily_report")[rid]["status"] == "signed"


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    from crm_desktop.sync.entities import from_wire
    from crm_desktop.sync.server.schema import SYNCED as TABLES

    return from_wire(TABLES["daily_report"], {k: v for k, v in row.items()})


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 422),
        (b"[]", 422),
        (b'{"device_id": "d", "mutations": "x"}', 422),
        (b'{"device_id": "d", "mutations": [{"mutation_id": -1}]}', 422),
        (b'{"device_id": "", "mutations": []}', 422),
        (b'{"device_id": "d", "mutations": [], "extra": 1}', 422),
    ],
)
def test_malformed_push_is_refused_with_a_message(
    api: Callable[[str], Api], server_engine: Engine, body: bytes, status: int
) -> None:
    me = api("rep1")
    before = (_counter(server_engine), _row_count(server_engine))
    answer = me.client.post(
        p.PUSH_PATH, content=body, headers={**me.headers, "Content-Type": "application/json"}
    )
    assert answer.status_code == status
    assert answer.json()["detail"]
    assert (_counter(server_engine), _row_count(server_engine)) == before


def test_oversized_push_is_refused(api: Callable[[str], Api], server_engine: Engine) -> None:
    me = api("rep1")
    before = _row_count(server_engine)
    big = [
        {
            "mutation_id": i + 1,
            "name": "create",
            "entity": "customer",
            "row_id": new_id(),
            "patch": customer_patch("x" * 190, notes="n" * 5000),
        }
        for i in range(500)
    ]
    answer = me.client.post(
        p.PUSH_PATH, json={"device_id": me.device_id, "mutations": big}, headers=me.headers
    )
    assert answer.status_code == 413
    too_many = me.push_raw(*[{"name": "delete", "entity": "customer", "row_id": "x"}] * 501)
    assert too_many.status_code == 422
    assert _row_count(server_engine) == before


def test_bad_field_values_are_rejected_not_crashing(api: Callable[[str], Api]) -> None:
    me = api("rep1")
    bad_patches = [
        customer_patch("甲", headcount="many"),
        customer_patch("甲", is_key_account="yes"),
        customer_patch("甲", last_effective_visit_on="not a date"),
        customer_patch("x" * 500),
        customer_patch("甲", no_such_field=1),
        {**customer_patch("甲"), "name": None},
        customer_patch("甲", credit_limit_fen=2**70),
    ]
    results = me.push(
        *[
            {"name": "create", "entity": "customer", "row_id": new_id(), "patch": patch}
            for patch in bad_patches
        ]
    )
    assert [r["reason"] for r in results] == ["invalid"] * len(bad_patches)
    unknown = me.push(
        {"name": "create", "entity": "spaceship", "row_id": "x"},
        {"name": "explode", "entity": "customer", "row_id": "x"},
    )
    assert [r["reason"] for r in unknown] == ["unknown_entity", "invalid"]


def test_unknown_device_revoked_device_and_old_client(
    api: Callable[[str], Api], server_engine: Engine
) -> None:
    from crm_desktop.sync.server.admin import revoke_device

    me = api("rep1")
    stranger = me.client.get(p.PULL_PATH, params={"device_id": "nope"}, headers=me.headers)
    assert stranger.status_code == 409
    old = me.client.post(
        p.HANDSHAKE_PATH,
        json={"device_id": me.device_id, "client_schema": p.CLIENT_SCHEMA_MIN - 1},
        headers=me.headers,
    )
    assert old.status_code == 426
    assert revoke_device(server_engine, me.device_id) == 1
    answer = me.push_raw({"name": "delete", "entity": "customer", "row_id": "x"})
    assert answer.status_code == 403
    pulled = me.client.get(p.PULL_PATH, params={"device_id": me.device_id}, headers=me.headers)
    assert pulled.status_code == 403


@pytest.mark.parametrize(("writer", "allowed"), [("mgr", True), ("admin", True), ("sup", False),
                                                 ("rep1", False), ("rep3", False)])  # fmt: skip
def test_targets_are_set_by_managers_and_admins_only(
    api: Callable[[str], Api], users: dict[str, str], writer: str, allowed: bool
) -> None:
    target = {
        "kind": "sales",
        "assignee_user_id": users["rep1"],
        "period_kind": "month",
        "period_start": "2026-11-01",
        "period_end": "2026-11-30",
        "value": 5_000_000,
        "owner_id": users["rep1"],
        "deleted": False,
    }
    [result] = api(writer).push({"name": "create", "entity": "target", "row_id": new_id(),
                                 "base_version": 0, "patch": target})  # fmt: skip
    # The rep measured by the target may not set it, nor may the rep's supervisor.
    assert (result["status"] == "applied") is allowed, result


def test_a_confidential_customers_sensitive_fields_stay_in_the_owners_line(
    api: Callable[[str], Api],
) -> None:
    """SPEC §2: sensitive fields of a confidential customer go to its owner and those
    above; the admin, who reads every record, gets the row with them blank."""
    rep1, admin = api("rep1"), api("admin")
    sensitive = {
        "tax_id": "91110000MA01ABCD2X",
        "tax_key": "91110000MA01ABCD2X",
        "credit_limit_fen": 50_000_000,
        "payment_terms": "net_30",
        "annual_sales_fen": 1_200_000_000,
    }
    secret, plain = new_id(), new_id()
    created = rep1.push(
        {
            "name": "create",
            "entity": "customer",
            "row_id": secret,
            "patch": customer_patch("甲公司", confidential=True, **sensitive),
        },
        {
            "name": "create",
            "entity": "customer",
            "row_id": plain,
            "patch": customer_patch("乙公司", **sensitive),
        },
    )
    assert [r["status"] for r in created] == ["applied", "applied"]
    for reader in (rep1, api("sup"), api("mgr")):
        row = reader.rows("customer")[secret]
        assert {k: row[k] for k in sensitive} == sensitive, reader.username
    rows = admin.rows("customer")
    assert {k: rows[secret][k] for k in sensitive} == dict.fromkeys(sensitive)
    assert (rows[secret]["name"], rows[secret]["confidential"]) == ("甲公司", True)
    assert {k: rows[plain][k] for k in sensitive} == sensitive
    # A refused write is answered with the server's row: blank for the admin too.
    [refused] = admin.push(
        {
            "name": "update",
            "entity": "customer",
            "row_id": secret,
            "base_version": 1,
            "patch": {"notes": "x"},
            "base_values": {"notes": None},
        }
    )
    assert refused["status"] == "rejected"
    assert refused["server_row"] is not None
    assert {k: refused["server_row"][k] for k in sensitive} == dict.fromkeys(sensitive)

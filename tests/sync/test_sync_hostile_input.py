"""The server under hostile and invalid input (issue: sync hardening, items 7 and 8).

A bad mutation is refused on its own (`rejected` with a reason) and the batch goes on; a
malformed request as a whole gets a 4xx; nothing answers 500. What the laptop forbids
(closing a deal at creation, forging stage history, editing a submitted report) the
server refuses too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sync_helpers import Api, customer_patch, new_id, visit_mutation

from crm_desktop.sync import protocol as p
from crm_desktop.sync.server.schema import SYNCED


def _good() -> dict[str, Any]:
    return {
        "name": "create",
        "entity": "customer",
        "row_id": new_id(),
        "patch": customer_patch("好客户"),
    }


def _refused_alone(rep: Api, bad: dict[str, Any]) -> dict[str, Any]:
    """Push `bad` between two good creates: it alone is rejected, the others apply."""
    answer = rep.push_raw(_good(), bad, _good())
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"], results
    refused: dict[str, Any] = results[1]
    assert refused["message"]
    return refused


def _customer(rep: Api) -> str:
    cid = new_id()
    [done] = rep.push(
        {"name": "create", "entity": "customer", "row_id": cid, "patch": customer_patch("甲")}
    )
    assert done["status"] == "applied", done
    return cid


def _opportunity(rep: Api, stage: str = "bid", **extra: Any) -> str:
    oid = new_id()
    patch = {
        "customer_id": _customer(rep),
        "name": "大单",
        "amount_fen": 100,
        "stage_code": stage,
        "method_code": "standard",
        "deleted": False,
        **extra,
    }
    [done] = rep.push({"name": "create", "entity": "opportunity", "row_id": oid, "patch": patch})
    assert done["status"] == "applied", done
    return oid


# --- 7: inputs that answered 500 --------------------------------------------------------


@pytest.mark.parametrize("stage", [[], {}, 7, None, True, ["won"]])
def test_change_stage_to_a_stage_that_is_not_text_is_rejected(
    api: Callable[[str], Api], stage: Any
) -> None:
    rep = api("rep1")
    oid = _opportunity(rep)
    move = {"name": "change_stage", "entity": "opportunity", "row_id": oid}
    refused = _refused_alone(rep, {**move, "patch": {"stage": stage}})
    assert refused["reason"] == "invalid"
    assert rep.rows("opportunity")[oid]["stage_code"] == "bid"


@pytest.mark.parametrize(
    "moment",
    [
        "9999-12-31T23:59:59-05:00",  # past the year 9999 in UTC
        "0001-01-01T00:00:00+08:00",  # before the year 1 in UTC
    ],
)
def test_a_datetime_whose_utc_time_overflows_is_rejected(
    api: Callable[[str], Api], moment: str
) -> None:
    rep = api("rep1")
    follow_up = {
        "name": "create",
        "entity": "follow_up",
        "row_id": new_id(),
        "patch": {
            "customer_id": _customer(rep),
            "kind": "next_step",
            "title": "call",
            "due_on": "2026-11-25",
            "done": True,
            "done_at": moment,
            "deleted": False,
        },
    }
    assert _refused_alone(rep, follow_up)["reason"] == "invalid"
    # The same value as a base value of an update is refused the same way.
    update = {
        "name": "update",
        "entity": "follow_up",
        "row_id": new_id(),
        "base_version": 1,
        "patch": {"title": "x"},
        "base_values": {"done_at": moment},
    }
    assert _refused_alone(rep, update)["reason"] in ("invalid", "not_found")


def _raw_push(rep: Api, mutations_json: str) -> Any:
    body = f'{{"device_id": "{rep.device_id}", "mutations": [{mutations_json}]}}'
    return rep.client.post(
        p.PUSH_PATH,
        content=body.encode(),
        headers={**rep.headers, "Content-Type": "application/json"},
    )


@pytest.mark.parametrize(
    "patch_json",
    [
        '{"name": "\\ud800", "name_key": "x"}',  # a lone surrogate in a value
        '{"\\ud800": 1}',  # ... in a field name
        '{"name": "ok\\udfff"}',
    ],
)
def test_a_lone_surrogate_is_refused_as_malformed_text(
    api: Callable[[str], Api], server_engine: Engine, patch_json: str
) -> None:
    """A laptop cannot hold a lone surrogate (its SQLite store refuses to encode one), so
    only a hand-made request carries it: refused whole with 422, like a NUL."""
    rep = api("rep1")
    mutation = (
        f'{{"mutation_id": 9999, "name": "create", "entity": "customer", '
        f'"row_id": "{new_id()}", "patch": {patch_json}}}'
    )
    answer = _raw_push(rep, mutation)
    assert answer.status_code == 422, answer.text
    assert "surrogate" in answer.json()["detail"]
    assert rep.push(_good())[0]["status"] == "applied"


@pytest.mark.parametrize("depth", [10, 40, 500, 900, 5000])
def test_a_deeply_nested_patch_value_is_refused(api: Callable[[str], Api], depth: int) -> None:
    rep = api("rep1")
    nested = "[" * depth + "]" * depth
    mutation = (
        f'{{"mutation_id": 9999, "name": "update", "entity": "customer", '
        f'"row_id": "{new_id()}", "patch": {{"notes": {nested}}}}}'
    )
    answer = _raw_push(rep, mutation)
    if depth == 10:  # shallow enough for the protocol: refused on its own
        assert answer.status_code == 200, answer.text
        assert answer.json()["results"][0]["status"] == "rejected"
    else:
        assert answer.status_code in (400, 422), answer.text
        assert answer.json()["detail"]
    assert rep.push(_good())[0]["status"] == "applied"


def _chunks(total: int, size: int = 1024 * 1024) -> Iterator[bytes]:
    yield b'{"device_id": "d", "mutations": [], "padding": "'
    sent = 0
    while sent < total:
        yield b"x" * size
        sent += size
    yield b'"}'


def test_a_50_mb_chunked_body_gets_413(api: Callable[[str], Api]) -> None:
    """No Content-Length (chunked): the limit counts the bytes as they arrive."""
    rep = api("rep1")
    answer = rep.client.post(
        p.PUSH_PATH,
        content=_chunks(50 * 1024 * 1024),
        headers={**rep.headers, "Content-Type": "application/json"},
    )
    assert answer.status_code == 413, answer.text
    assert answer.json()["code"] == "too_large"


def test_creating_with_the_id_of_a_row_the_user_cannot_see_reveals_nothing(
    api: Callable[[str], Api], server_engine: Engine, users: dict[str, str]
) -> None:
    """rep3 (another team) reuses the id of rep1's customer: the answer is the generic
    `forbidden` of any create the user may not make, not `id_exists`."""
    rep1, rep3 = api("rep1"), api("rep3")
    cid = _customer(rep1)
    hidden = _refused_alone(
        rep3, {"name": "create", "entity": "customer", "row_id": cid, "patch": customer_patch("乙")}
    )
    # The reference answer: a create for an owner rep3 may not write for.
    other_owner = _refused_alone(
        rep3,
        {
            "name": "create",
            "entity": "customer",
            "row_id": new_id(),
            "patch": customer_patch("乙", owner_id=users["rep1"]),
        },
    )
    assert hidden["reason"] == other_owner["reason"] == "forbidden"
    assert hidden["message"] == other_owner["message"]
    assert hidden["server_row"] is None
    assert hidden["conflicts"][0]["server_snapshot"] is None
    assert "甲" not in str(hidden)
    assert rep1.rows("customer")[cid]["name"] == "甲"
    # Someone who can see the row is still told the id is taken.
    sup = api("sup")
    seen = sup.push(
        {"name": "create", "entity": "customer", "row_id": cid, "patch": customer_patch("丙")}
    )
    assert seen[0]["reason"] == "id_exists"


# --- 8: accepted before, refused now ----------------------------------------------------


@pytest.mark.parametrize(
    "stage_and_fields",
    [
        {"stage_code": "won"},
        {"stage_code": "won", "won_on": "2026-11-20", "won_reason": "价格", "amount_fen": 500},
        {"stage_code": "lost", "lost_reason": "价格", "winning_competitor": "竞品甲"},
        {"stage_code": "moon"},
    ],
)
def test_an_opportunity_cannot_be_created_closed(
    api: Callable[[str], Api], stage_and_fields: dict[str, Any]
) -> None:
    """Like the laptop, a new opportunity starts in an open stage; it is won through
    change_stage, which demands the won date and reason."""
    rep = api("rep1")
    oid = new_id()
    patch = {
        "customer_id": _customer(rep),
        "name": "大单",
        "amount_fen": 0,
        "method_code": "standard",
        "deleted": False,
        **stage_and_fields,
    }
    create = {"name": "create", "entity": "opportunity", "row_id": oid, "patch": patch}
    assert _refused_alone(rep, create)["reason"] == "invalid"
    assert oid not in rep.rows("opportunity")


def test_a_new_opportunity_starts_with_no_close_details(api: Callable[[str], Api]) -> None:
    rep = api("rep1")
    oid = _opportunity(rep, won_on="2026-11-20", won_reason="x", closed_on="2026-11-20")
    row = rep.rows("opportunity")[oid]
    assert (row["won_on"], row["won_reason"], row["closed_on"]) == (None, None, None)


def _history(user_id: str, oid: str, **fields: Any) -> dict[str, Any]:
    return {
        "name": "create",
        "entity": "stage_history",
        "row_id": new_id(),
        "patch": {
            "opportunity_id": oid,
            "from_stage": None,
            "to_stage": "bid",
            "changed_at": "2026-11-20T09:00:00",
            "changed_by": user_id,
            "deleted": False,
            **fields,
        },
    }


def test_stage_history_cannot_be_forged(
    api: Callable[[str], Api], users: dict[str, str], server_engine: Engine
) -> None:
    rep = api("rep1")
    oid = _opportunity(rep)
    forged_by = _history(users["rep1"], oid, changed_by=users["rep2"])
    assert _refused_alone(rep, forged_by)["reason"] == "forbidden"
    wrong_move = _history(users["rep1"], oid, from_stage="discover", to_stage="contract")
    assert _refused_alone(rep, wrong_move)["reason"] == "invalid"
    # The laptop's opening row is taken, with the server's time instead of the laptop's.
    opening = _history(users["rep1"], oid, changed_at="1970-01-01T00:00:00")
    assert rep.push(opening)[0]["status"] == "applied"
    table, opportunities = SYNCED["stage_history"], SYNCED["opportunity"]
    with server_engine.connect() as conn:
        changed_at = conn.execute(
            select(table.c.changed_at).where(table.c.id == opening["row_id"])
        ).scalar_one()
        created_at = conn.execute(
            select(opportunities.c.created_at).where(opportunities.c.id == oid)
        ).scalar_one()
    assert changed_at == created_at
    # A second opening row, or any later change to a history row, is refused.
    assert _refused_alone(rep, _history(users["rep1"], oid))["reason"] == "invalid"
    edit = {
        "name": "update",
        "entity": "stage_history",
        "row_id": opening["row_id"],
        "base_version": 1,
        "patch": {"changed_at": "1970-01-01T00:00:00"},
    }
    assert _refused_alone(rep, edit)["reason"] == "workflow_field"
    drop = {
        "name": "delete",
        "entity": "stage_history",
        "row_id": opening["row_id"],
        "base_version": 1,
    }
    assert _refused_alone(rep, drop)["reason"] == "workflow_field"
    assert opening["row_id"] in rep.rows("stage_history")
    assert not rep.rows("stage_history")[opening["row_id"]]["deleted"]


def _report(rep: Api) -> str:
    rid = new_id()
    patch = {"report_date": "2026-11-20", "attendance": "present", "expenses_fen": 0}
    [done] = rep.push(
        {
            "name": "create",
            "entity": "daily_report",
            "row_id": rid,
            "patch": {**patch, "deleted": False},
        }
    )
    assert done["status"] == "applied", done
    return rid


def test_a_submitted_report_cannot_be_edited(api: Callable[[str], Api]) -> None:
    """The laptop refuses to edit a submitted report (until it is returned); so does the
    server, for the report's fields and its visits."""
    rep = api("rep1")
    cid = _customer(rep)
    rid = _report(rep)
    visit = visit_mutation(rid, cid)
    assert rep.push(visit)[0]["status"] == "applied"
    submit = {"name": "submit_report", "entity": "daily_report", "row_id": rid}
    assert rep.push({**submit, "base_version": 1})[0]["status"] == "applied"
    version = rep.rows("daily_report")[rid]["version"]
    edit = {
        "name": "update",
        "entity": "daily_report",
        "row_id": rid,
        "base_version": version,
        "patch": {"reflections": "改过了"},
    }
    assert _refused_alone(rep, edit)["reason"] == "transition"
    visit_edit = {
        "name": "update",
        "entity": "visit_record",
        "row_id": visit["row_id"],
        "base_version": 1,
        "patch": {"purpose": "改过了"},
    }
    assert _refused_alone(rep, visit_edit)["reason"] == "transition"
    assert _refused_alone(rep, visit_mutation(rid, cid))["reason"] == "transition"
    assert rep.rows("daily_report")[rid]["reflections"] != "改过了"
    # Returned by the supervisor, it is the rep's to edit again.
    sup = api("sup")
    back = {"name": "return_report", "entity": "daily_report", "row_id": rid}
    assert sup.push({**back, "patch": {"comment": "补充"}})[0]["status"] == "applied"
    edit["base_version"] = rep.rows("daily_report")[rid]["version"]
    assert rep.push(edit)[0]["status"] == "applied"

"""The conflict policy table of SYNC.md, case by case, plus the workflow commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, select
from sync_helpers import Api, create_customer, customer_patch, new_id, visit_mutation

from crm_desktop.domain.report_history import parse_history
from crm_desktop.sync.content import report_content_hash
from crm_desktop.sync.entities import from_wire
from crm_desktop.sync.server.schema import SYNCED, report_signoffs


def _update(
    cid: str, version: int, patch: dict[str, Any], base: dict[str, Any], entity: str = "customer"
) -> dict[str, Any]:
    return {
        "name": "update",
        "entity": entity,
        "row_id": cid,
        "base_version": version,
        "patch": patch,
        "base_values": base,
    }


def test_different_fields_merge_silently(api: Callable[[str], Api]) -> None:
    rep, sup = api("rep1"), api("sup")
    cid = create_customer(rep, phone="1", notes="a")
    assert sup.push(_update(cid, 1, {"notes": "b"}, {"notes": "a"}))[0]["status"] == "applied"
    assert rep.push(_update(cid, 1, {"phone": "2"}, {"phone": "1"}))[0]["status"] == "applied"
    row = rep.rows("customer")[cid]
    assert (row["notes"], row["phone"], row["version"]) == ("b", "2", 3)
    assert rep.conflicts() == [] and sup.conflicts() == []


def test_same_plain_field_last_arrival_wins_and_loser_is_filed(api: Callable[[str], Api]) -> None:
    rep, sup = api("rep1"), api("sup")
    cid = create_customer(rep, notes="a")
    sup.push(_update(cid, 1, {"notes": "sup's"}, {"notes": "a"}))
    result = rep.push(_update(cid, 1, {"notes": "rep's"}, {"notes": "a"}))[0]
    assert result["status"] == "applied"
    assert rep.rows("customer")[cid]["notes"] == "rep's"
    [lost] = sup.conflicts()
    assert lost["kind"] == "overwritten" and lost["client_payload"]["patch"] == {"notes": "sup's"}
    assert rep.conflicts() == []


def test_guarded_field_keeps_server_value_and_files_client_value(
    api: Callable[[str], Api],
) -> None:
    rep, sup = api("rep1"), api("sup")
    cid = create_customer(rep, tax_id="T1")
    sup.push(_update(cid, 1, {"name": "沃尔玛", "name_key": "沃尔玛"}, {"name": "华联超市"}))
    result = rep.push(
        _update(
            cid,
            1,
            {"name": "华联", "name_key": "华联", "notes": "ok"},
            {"name": "华联超市", "name_key": "华联超市", "notes": None},
        )
    )[0]
    assert result["status"] == "conflict"
    assert result["server_row"]["name"] == "沃尔玛"
    row = rep.rows("customer")[cid]
    assert (row["name"], row["name_key"], row["notes"]) == ("沃尔玛", "沃尔玛", "ok")
    [filed] = rep.conflicts()
    assert filed["kind"] == "guarded_field"
    assert filed["client_payload"]["patch"] == {"name": "华联", "name_key": "华联"}


def test_guarded_opportunity_amount(api: Callable[[str], Api]) -> None:
    rep, sup = api("rep1"), api("sup")
    cid = create_customer(rep)
    oid = new_id()
    rep.push(
        {
            "name": "create",
            "entity": "opportunity",
            "row_id": oid,
            "patch": {
                "customer_id": cid,
                "name": "大单",
                "amount_fen": 100,
                "stage_code": "discover",
                "method_code": "standard",
                "deleted": False,
            },
        }
    )
    sup.push(_update(oid, 1, {"amount_fen": 200}, {"amount_fen": 100}, "opportunity"))
    result = rep.push(_update(oid, 1, {"amount_fen": 300}, {"amount_fen": 100}, "opportunity"))
    assert result[0]["status"] == "conflict"
    assert rep.rows("opportunity")[oid]["amount_fen"] == 200


def test_update_vs_delete_delete_wins_either_order(api: Callable[[str], Api]) -> None:
    rep, sup = api("rep1"), api("sup")
    first = create_customer(rep, notes="a")
    assert (
        rep.push(
            {
                "name": "delete",
                "entity": "customer",
                "row_id": first,
                "base_version": 1,
                "patch": {"deleted": True},
            }
        )[0]["status"]
        == "applied"
    )
    late = sup.push(_update(first, 1, {"notes": "too late"}, {"notes": "a"}))[0]
    assert late["status"] == "conflict"
    assert rep.rows("customer")[first]["deleted"] is True
    assert [c["kind"] for c in sup.conflicts()] == ["update_deleted"]

    second = create_customer(rep, notes="a")
    sup.push(_update(second, 1, {"notes": "sup edit"}, {"notes": "a"}))
    rep.push(
        {
            "name": "delete",
            "entity": "customer",
            "row_id": second,
            "base_version": 1,
            "patch": {"deleted": True},
        }
    )
    assert rep.rows("customer")[second]["deleted"] is True
    kinds = sorted(c["kind"] for c in sup.conflicts())
    assert kinds == ["deleted_after_update", "update_deleted"]


def test_workflow_and_scope_fields_change_only_by_command(
    api: Callable[[str], Api], users: dict[str, str]
) -> None:
    rep = api("rep1")
    rid = _report(rep)
    result = rep.push(
        _update(
            rid,
            1,
            {"status": "signed", "reflections": "good day"},
            {"status": "draft", "reflections": None},
            "daily_report",
        )
    )[0]
    assert result["status"] == "conflict"
    row = rep.rows("daily_report")[rid]
    assert (row["status"], row["reflections"]) == ("draft", "good day")
    cid = create_customer(rep)
    moved = rep.push(_update(cid, 1, {"owner_id": users["rep2"]}, {"owner_id": users["rep1"]}))
    assert moved[0]["status"] == "conflict"
    assert rep.rows("customer")[cid]["owner_id"] == users["rep1"]
    assert {c["kind"] for c in rep.conflicts()} == {"workflow_field"}


def _report(rep: Api, day: str = "2026-11-20") -> str:
    rid = new_id()
    result = rep.push(
        {
            "name": "create",
            "entity": "daily_report",
            "row_id": rid,
            "patch": {
                "report_date": day,
                "attendance": "present",
                "expenses_fen": 0,
                "deleted": False,
                "status": "signed",
            },
        }
    )
    assert result[0]["status"] == "applied"
    return rid


def _visit(rep: Api, rid: str, cid: str) -> str:
    mutation = visit_mutation(rid, cid)
    result = rep.push(mutation)
    assert result[0]["status"] == "applied", result
    return str(mutation["row_id"])


def signed_report(rep: Api, sup: Api) -> tuple[str, str, str]:
    """A report with one visit, submitted by the rep and signed by the supervisor."""
    cid = create_customer(rep)
    rid = _report(rep)
    vid = _visit(rep, rid, cid)
    rep.push({"name": "submit_report", "entity": "daily_report", "row_id": rid, "base_version": 1})
    result = sup.push(sign_mutation(sup, rid))[0]
    assert result["status"] == "applied", result
    return rid, vid, cid


def sign_mutation(sup: Api, rid: str) -> dict[str, Any]:
    """What the supervisor's laptop sends: the version and hash of what it shows."""
    report = sup.rows("daily_report")[rid]
    visits = [v for v in sup.rows("visit_record").values() if v["report_id"] == rid]
    digest = report_content_hash(
        from_wire(SYNCED["daily_report"], report),
        [from_wire(SYNCED["visit_record"], v) for v in visits],
    )
    return {
        "name": "sign_report",
        "entity": "daily_report",
        "row_id": rid,
        "base_version": report["version"],
        "patch": {"version": report["version"], "content_hash": digest, "comment": "好"},
    }


def test_writes_to_a_signed_report_are_rejected_and_become_amendment_requests(
    api: Callable[[str], Api], server_engine: Engine
) -> None:
    rep, sup = api("rep1"), api("sup")
    rid, vid, cid = signed_report(rep, sup)
    before = rep.rows("daily_report")[rid]
    results = rep.push(
        _update(
            rid, before["version"], {"reflections": "late"}, {"reflections": None}, "daily_report"
        ),
        _update(vid, 1, {"order_amount_fen": 9999}, {"order_amount_fen": 500}, "visit_record"),
        {
            "name": "delete",
            "entity": "visit_record",
            "row_id": vid,
            "base_version": 1,
            "patch": {"deleted": True},
        },
        {
            "name": "create",
            "entity": "visit_record",
            "row_id": new_id(),
            "patch": {
                "report_id": rid,
                "customer_id": cid,
                "visit_date": "2026-11-20",
                "deleted": False,
            },
        },
    )
    assert [r["reason"] for r in results] == ["frozen_report"] * 4
    assert rep.rows("daily_report")[rid] == before
    assert rep.rows("visit_record")[vid]["order_amount_fen"] == 500
    assert {c["kind"] for c in rep.conflicts()} == {"frozen_report"}
    requests = [c for c in sup.conflicts() if c["kind"] == "amendment_request"]
    assert len(requests) == 4 and {c["row_id"] for c in requests} == {rid}
    with server_engine.connect() as conn:
        assert conn.execute(select(report_signoffs.c.report_id)).scalars().all() == [rid]


def test_reopen_then_edit_then_resign(api: Callable[[str], Api]) -> None:
    rep, sup = api("rep1"), api("sup")
    rid, _vid, _cid = signed_report(rep, sup)
    version = rep.rows("daily_report")[rid]["version"]
    denied = rep.push(
        {"name": "reopen_report", "entity": "daily_report", "row_id": rid, "base_version": version}
    )[0]
    assert denied["reason"] == "forbidden"
    assert (
        sup.push(
            {
                "name": "reopen_report",
                "entity": "daily_report",
                "row_id": rid,
                "base_version": version,
                "patch": {"comment": "fix"},
            }
        )[0]["status"]
        == "applied"
    )
    row = rep.rows("daily_report")[rid]
    assert (row["status"], row["reopen_count"]) == ("reopened", 1)
    # The server's own log of the commands it ran: who, what, why (domain/report_history).
    logged = [(e.action, e.by, e.comment) for e in parse_history(row["history"])]
    rep_id, sup_id = row["owner_id"], row["signed_by"]
    assert logged == [("submit", rep_id, None), ("sign", sup_id, "好"), ("reopen", sup_id, "fix")]
    edit = rep.push(
        _update(
            rid, row["version"], {"reflections": "fixed"}, {"reflections": None}, "daily_report"
        )
    )[0]
    assert edit["status"] == "applied"


def test_stale_signoff_is_rejected(api: Callable[[str], Api]) -> None:
    rep, sup = api("rep1"), api("sup")
    cid = create_customer(rep)
    rid = _report(rep)
    vid = _visit(rep, rid, cid)
    rep.push({"name": "submit_report", "entity": "daily_report", "row_id": rid, "base_version": 1})
    opened = sign_mutation(sup, rid)  # the supervisor opens the report...
    # ...and meanwhile the manager returns it, the rep edits a visit and submits again.
    back = {"name": "return_report", "entity": "daily_report", "row_id": rid}
    assert api("mgr").push({**back, "patch": {"comment": "补充"}})[0]["status"] == "applied"
    edit = _update(vid, 1, {"order_amount_fen": 800}, {"order_amount_fen": 500}, "visit_record")
    assert rep.push(edit)[0]["status"] == "applied"
    resubmitted = rep.push({"name": "submit_report", "entity": "daily_report", "row_id": rid})
    assert resubmitted[0]["status"] == "applied", resubmitted
    result = sup.push(opened)[0]
    assert result["status"] == "rejected" and result["reason"] == "signoff_stale", result
    assert rep.rows("daily_report")[rid]["status"] == "submitted"
    assert sup.push(sign_mutation(sup, rid))[0]["status"] == "applied"


def test_plan_workflow_commands(api: Callable[[str], Api]) -> None:
    rep, sup = api("rep1"), api("sup")
    pid = new_id()
    rep.push(
        {
            "name": "create",
            "entity": "visit_plan",
            "row_id": pid,
            "patch": {"plan_date": "2026-11-21", "deleted": False},
        },
        {  # a plan needs a customer before it is submitted
            "name": "create",
            "entity": "plan_item",
            "row_id": new_id(),
            "patch": {"plan_id": pid, "customer_id": create_customer(rep), "deleted": False},
        },
    )
    early = sup.push({"name": "countersign_plan", "entity": "visit_plan", "row_id": pid})[0]
    assert early["reason"] == "transition"
    assert (
        rep.push({"name": "submit_plan", "entity": "visit_plan", "row_id": pid})[0]["status"]
        == "applied"
    )
    assert (
        sup.push(
            {
                "name": "return_plan",
                "entity": "visit_plan",
                "row_id": pid,
                "patch": {"comment": "more visits"},
            }
        )[0]["status"]
        == "applied"
    )
    rep.push({"name": "submit_plan", "entity": "visit_plan", "row_id": pid})
    assert (
        sup.push({"name": "countersign_plan", "entity": "visit_plan", "row_id": pid})[0]["status"]
        == "applied"
    )
    row = rep.rows("visit_plan")[pid]
    assert (row["status"], row["review_comment"]) == ("countersigned", None)


def test_change_stage_validated_by_the_domain(api: Callable[[str], Api]) -> None:
    rep = api("rep1")
    cid = create_customer(rep)
    oid = new_id()
    rep.push(
        {
            "name": "create",
            "entity": "opportunity",
            "row_id": oid,
            "patch": {
                "customer_id": cid,
                "name": "大单",
                "amount_fen": 100,
                "stage_code": "discover",
                "method_code": "standard",
                "deleted": False,
            },
        }
    )
    stage = {"name": "change_stage", "entity": "opportunity", "row_id": oid}
    assert rep.push({**stage, "patch": {"stage": "won"}})[0]["reason"] == "transition"
    assert rep.push({**stage, "patch": {"stage": "moon"}})[0]["reason"] == "invalid"
    assert rep.push({**stage, "patch": {"stage": "research"}})[0]["status"] == "applied"
    won = rep.push(
        {**stage, "patch": {"stage": "won", "won_on": "2026-11-20", "won_reason": "price"}}
    )[0]
    assert won["status"] == "applied"
    assert rep.rows("opportunity")[oid]["stage_code"] == "won"
    history = [h["to_stage"] for h in rep.rows("stage_history").values()]
    assert sorted(history) == ["research", "won"]
    assert rep.push({**stage, "patch": {"stage": "bid"}})[0]["reason"] == "transition"


def test_second_report_for_the_same_day_is_rejected(api: Callable[[str], Api]) -> None:
    rep = api("rep1")
    _report(rep)
    dup = rep.push(
        {
            "name": "create",
            "entity": "daily_report",
            "row_id": new_id(),
            "patch": {"report_date": "2026-11-20", "deleted": False},
        }
    )[0]
    assert dup["status"] == "rejected" and dup["reason"] == "duplicate_key"


def test_replayed_push_changes_nothing(api: Callable[[str], Api], server_engine: Engine) -> None:
    from sqlalchemy import func

    from crm_desktop.sync.server.schema import sync_counter

    rep = api("rep1")
    cid = new_id()
    batch = [
        {
            "mutation_id": 1,
            "name": "create",
            "entity": "customer",
            "row_id": cid,
            "patch": customer_patch("甲"),
        },
        {"mutation_id": 2, **_update(cid, 1, {"notes": "x"}, {"notes": None})},
        {"mutation_id": 3, **_update("missing", 1, {"notes": "x"}, {"notes": None})},
    ]
    first = rep.push(*batch)
    with server_engine.connect() as conn:
        seq = conn.execute(select(sync_counter.c.value)).scalar_one()
        conflicts = conn.execute(select(func.count()).select_from(SYNCED["customer"])).scalar_one()
    again = rep.push(*batch, *batch)
    assert [r["status"] for r in again] == ["duplicate"] * 6
    assert [r["reason"] for r in again[:3]] == ["applied", "applied", "not_found"]
    assert [r["status"] for r in first] == ["applied", "applied", "rejected"]
    with server_engine.connect() as conn:
        assert conn.execute(select(sync_counter.c.value)).scalar_one() == seq
        assert (
            conn.execute(select(func.count()).select_from(SYNCED["customer"])).scalar_one()
            == conflicts
        )
    assert rep.rows("customer")[cid]["version"] == 2

"""A manager's handover from the app (services/customers/handover.py) through the real
server on loopback: the old owner's laptop purges what moved and keeps the history, the
new owner's laptop receives it with the handover record, and a refused handover comes
back to the laptop as it was, with the refusal in the inbox."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select
from sync_helpers import Api, Laptop, assert_converged, customer_patch, new_id

from crm_desktop.domain.errors import Forbidden, ValidationError
from crm_desktop.domain.handover import check_may_hand_over
from crm_desktop.domain.org import Hierarchy, OrgUser
from crm_desktop.domain.picklists import Role
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.customers.handover import HandoverRequest, HandoverService
from crm_desktop.services.sync import SyncService
from crm_desktop.store.models import (
    Complaint,
    ConflictEntry,
    Contact,
    Customer,
    FollowUp,
    Handover,
    Opportunity,
    OutboxEntry,
    PlanItem,
)
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.command_args import ReassignArgs
from crm_desktop.sync.server.schema import SYNCED


def _create(api: Api, entity: str, patch: dict[str, Any]) -> str:
    row_id = new_id()
    [result] = api.push(
        {"name": "create", "entity": entity, "row_id": row_id, "patch": {**patch, "deleted": False}}
    )
    assert result["status"] == "applied", result
    return row_id


def _book(rep: Api, today: dt.date) -> dict[str, str]:
    """A customer of rep1 with open work and history."""
    ids = {"customer": _create(rep, "customer", customer_patch("明通百货"))}
    cid = ids["customer"]
    ids["contact"] = _create(rep, "contact", {"customer_id": cid, "name": "王经理"})
    for key, amount in (("open_opp", 12_000_00), ("won_opp", 5_000_00)):
        ids[key] = _create(
            rep,
            "opportunity",
            {"customer_id": cid, "name": key, "amount_fen": amount, "stage_code": "bid"},
        )
    win = {"stage": "won", "won_on": today.isoformat(), "won_reason": "价格"}
    [won] = rep.push(
        {"name": "change_stage", "entity": "opportunity", "row_id": ids["won_opp"], "patch": win}
    )
    assert won["status"] == "applied", won
    for key, done in (("todo", False), ("done", True)):
        ids[key] = _create(
            rep,
            "follow_up",
            {"customer_id": cid, "title": key, "due_on": today.isoformat(), "done": done},
        )
    for key, status in (("open_complaint", "in_progress"), ("resolved_complaint", "resolved")):
        ids[key] = _create(
            rep,
            "complaint",
            {
                "customer_id": cid,
                "received_on": today.isoformat(),
                "description": key,
                "status": status,
            },
        )
    for key, day in (("later_item", today + dt.timedelta(days=7)), ("past_item", today)):
        plan = _create(rep, "visit_plan", {"plan_date": day.isoformat(), "status": "draft"})
        ids[key] = _create(rep, "plan_item", {"plan_id": plan, "customer_id": cid, "position": 0})
    return ids


def _signed_in(lap: Laptop) -> HandoverService:
    lap.engine.sync()
    user = CurrentUser(lap.store)
    assert user.actor.user_id == lap.user_id
    return HandoverService(lap.store, user)


def _get(lap: Laptop, model: type[Any], row_id: str) -> Any:
    with lap.store.reading() as s:
        row = s.get(model, row_id)
        if row is not None:
            s.expunge(row)
        return row


def test_a_managers_handover_from_the_app_moves_open_work_and_keeps_history(
    api: Callable[[str], Api],
    laptop: Callable[[str, str], Laptop],
    users: dict[str, str],
    server_engine: Engine,
) -> None:
    old, new, boss = laptop("rep1", "old"), laptop("rep3", "new"), laptop("mgr", "boss")
    today = boss.store.clock.today()
    ids = _book(api("rep1"), today)
    old.engine.sync()
    new.engine.sync()
    handover = _signed_in(boss)
    # Offline: the manager's laptop shows the move at once, and queues one command.
    [hid] = handover.hand_over(
        [HandoverRequest(ids["customer"], users["rep3"], "  老客户，月底对账  ")]
    )
    assert _get(boss, Customer, ids["customer"]).owner_id == users["rep3"]
    assert _get(boss, Opportunity, ids["open_opp"]).owner_id == users["rep3"]
    assert _get(boss, Opportunity, ids["won_opp"]).owner_id == users["rep1"]
    [pending] = handover.history(ids["customer"])
    assert (pending.id, pending.confirmed, pending.note) == (hid, False, "老客户，月底对账")
    with boss.store.reading() as s:
        names = s.scalars(select(OutboxEntry.name)).all()
    assert names == ["reassign_customer"]  # the moved rows travel as the command only

    boss.engine.sync()
    old.engine.sync()
    new.engine.sync()

    moved = ("customer", "contact", "open_opp", "todo", "open_complaint")
    stays = ("won_opp", "done", "resolved_complaint")
    models = {
        "customer": Customer,
        "contact": Contact,
        "open_opp": Opportunity,
        "won_opp": Opportunity,
        "todo": FollowUp,
        "done": FollowUp,
        "open_complaint": Complaint,
        "resolved_complaint": Complaint,
    }
    for key in moved:
        assert _get(old, models[key], ids[key]) is None, key
        assert _get(new, models[key], ids[key]).owner_id == users["rep3"], key
    for key in stays:
        assert _get(old, models[key], ids[key]).owner_id == users["rep1"], key
        assert _get(new, models[key], ids[key]) is None, key
    # The customer leaves the old owner's later draft plan, not today's.
    assert _get(old, PlanItem, ids["later_item"]).deleted
    assert not _get(old, PlanItem, ids["past_item"]).deleted
    record = _get(new, Handover, hid)
    assert record is not None and record.version > 0
    figures = (
        record.contacts_moved,
        record.opportunities_moved,
        record.opportunity_amount_fen,
        record.follow_ups_moved,
        record.complaints_moved,
        record.plan_items_dropped,
    )
    assert figures == (1, 1, 12_000_00, 1, 1, 1)
    assert (record.from_owner_id, record.handed_by) == (users["rep1"], users["mgr"])
    [confirmed] = HandoverService(boss.store, CurrentUser(boss.store)).history(ids["customer"])
    assert confirmed.confirmed and confirmed.figures.plan_items_dropped == 1
    for lap in (old, new, boss):
        assert_converged(lap.store, server_engine, lap.user_id)


def test_the_app_refuses_what_the_server_refuses(
    api: Callable[[str], Api], laptop: Callable[[str, str], Laptop], users: dict[str, str]
) -> None:
    rep = laptop("rep1", "rep")
    cid = _create(api("rep1"), "customer", customer_patch("华联超市"))
    service = _signed_in(rep)
    assert not service.can_hand_over()
    with pytest.raises(Forbidden):
        service.hand_over([HandoverRequest(cid, users["rep2"], "交给同事")])
    boss = _signed_in(laptop("mgr", "boss"))
    with pytest.raises(ValidationError) as missing:
        boss.hand_over([HandoverRequest(cid, users["rep2"], "  ")])
    assert "华联超市" in missing.value.message_zh
    with pytest.raises(ValidationError):
        boss.hand_over([HandoverRequest(cid, users["rep1"], "同一人")])


def test_a_refused_handover_comes_back_and_lands_in_the_inbox(
    api: Callable[[str], Api],
    laptop: Callable[[str, str], Laptop],
    users: dict[str, str],
    server_engine: Engine,
) -> None:
    rep = laptop("rep1", "rep")
    today = rep.store.clock.today()
    ids = _book(api("rep1"), today)
    rep.engine.sync()
    # A laptop that skipped the check (an older app, a hand-made outbox): the rep's own
    # handover is queued and applied ahead, as the app would.
    hid = new_id()
    with UnitOfWork(rep.store, rep.user_id) as uow:
        customer = uow.session.get(Customer, ids["customer"])
        assert customer is not None
        args = ReassignArgs(to_user=users["rep2"], note="私下转交", handover_id=hid)
        uow.command("reassign_customer", "customer", customer.id, customer.version, args.to_patch())
        customer.owner_id = users["rep2"]
        opp = uow.session.get(Opportunity, ids["open_opp"])
        assert opp is not None
        uow.session.info["commanded_rows"].add(("opportunity", opp.id))
        opp.owner_id = users["rep2"]
        now = dt.datetime(2026, 11, 23, 2)
        uow.session.execute(  # past the outbox, as the app writes it
            insert(Handover.__table__).values(
                id=hid,
                customer_id=customer.id,
                to_owner_id=users["rep2"],
                handed_at=now,
                owner_id=users["rep2"],
                version=-1,
                deleted=False,
                created_at=now,
                updated_at=now,
                contacts_moved=0,
                opportunities_moved=1,
                opportunity_amount_fen=0,
                follow_ups_moved=0,
                complaints_moved=0,
                plan_items_dropped=0,
            )
        )
        uow.commit()
    assert _get(rep, Handover, hid) is not None
    tally = rep.engine.sync()
    assert tally is not None
    assert _get(rep, Customer, ids["customer"]).owner_id == users["rep1"]
    assert _get(rep, Opportunity, ids["open_opp"]).owner_id == users["rep1"]
    assert _get(rep, Handover, hid) is None
    with rep.store.reading() as s:
        [entry] = s.scalars(select(ConflictEntry)).all()
        assert (entry.entity, entry.row_id, entry.kind) == (
            "customer",
            ids["customer"],
            "forbidden",
        )
        payload = json.loads(entry.client_payload)
    # The domain's words, in both languages, for the inbox to say why.
    with pytest.raises(Forbidden) as words:
        check_may_hand_over(Hierarchy.of([OrgUser(rep.user_id, Role.REP)], []), rep.user_id)
    assert (payload["reason_zh"], payload["reason_en"]) == (
        words.value.message_zh,
        words.value.message_en,
    )
    inbox = SyncService(rep.store).conflicts()
    assert [c.client_payload["reason_zh"] for c in inbox] == [words.value.message_zh]
    with server_engine.connect() as conn:
        assert conn.execute(select(SYNCED["handover"])).first() is None
    assert_converged(rep.store, server_engine, rep.user_id)


def _reassign(cid: str, to_user: str, **extra: object) -> dict[str, object]:
    patch = {"to_user": to_user, **extra}
    return {"name": "reassign_customer", "entity": "customer", "row_id": cid, "patch": patch}


def test_the_server_refuses_with_the_domains_words(
    api: Callable[[str], Api], users: dict[str, str], server_engine: Engine
) -> None:
    from crm_desktop.sync.server import admin

    cid = _create(api("rep1"), "customer", customer_patch("华联超市"))
    mgr = api("mgr")
    # Already the owner (another handover got there first): done, nothing recorded.
    [same] = mgr.push(_reassign(cid, users["rep1"], note="x"))
    assert same["status"] == "applied", same
    [ghost] = mgr.push(_reassign(cid, new_id()))
    assert (ghost["reason"], ghost["message"]) == (
        "invalid",
        "The new owner does not exist or is inactive; choose someone else",
    )
    [outside] = api("sup").push(_reassign(cid, users["rep2"]))
    assert (outside["reason"], outside["message"]) == (
        "forbidden",
        "Only a manager or an admin may hand customers over",
    )
    [long_note] = mgr.push(_reassign(cid, users["rep2"], note="长" * 2001))
    assert long_note["reason"] == "invalid"
    # The server's own whole-book command records its handovers too (no note).
    assert admin.reassign_customers(server_engine, "rep1", "rep2") >= 1
    with server_engine.connect() as conn:
        [record] = conn.execute(select(SYNCED["handover"])).mappings().all()
    assert (record["customer_id"], record["from_owner_id"], record["to_owner_id"]) == (
        cid,
        users["rep1"],
        users["rep2"],
    )
    assert record["note"] is None and record["owner_id"] == users["rep2"]


def test_a_pushed_handover_record_is_refused(
    api: Callable[[str], Api], users: dict[str, str]
) -> None:
    cid = _create(api("rep1"), "customer", customer_patch("华联超市"))
    now = "2026-11-23T02:00:00"
    [refused] = api("rep1").push(
        {
            "name": "create",
            "entity": "handover",
            "row_id": new_id(),
            "patch": {
                "customer_id": cid,
                "to_owner_id": users["rep1"],
                "handed_at": now,
                "deleted": False,
            },
        }
    )
    assert (refused["status"], refused["reason"]) == ("rejected", "workflow_field")

"""Money owed through the sync, on a real server on loopback: a rep's entry reaches the
supervisor and not another team; the server holds entries to the laptop's rules and to
their customer's owner; a handover moves the ledger with the customer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, select
from sync_helpers import Api, Laptop, assert_converged, customer_patch, new_id

from crm_desktop.domain.receivables import EntryDraft
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.container import Services
from crm_desktop.services.customers.handover import HandoverRequest, HandoverService
from crm_desktop.store.models import Customer, ReceivableEntry
from crm_desktop.sync.server.schema import SYNCED


def entry(customer_id: str, **values: Any) -> dict[str, Any]:
    patch = {
        "customer_id": customer_id,
        "kind": "order",
        "amount_fen": 10_000,
        "entry_date": "2026-11-20",
        "source": "manual",
        **values,
    }
    return {
        "name": "create",
        "entity": "receivable_entry",
        "row_id": new_id(),
        "base_version": 0,
        "patch": patch,
    }


def customer(api: Api, name: str) -> str:
    cid = new_id()
    [made] = api.push(
        {"name": "create", "entity": "customer", "row_id": cid, "patch": customer_patch(name)}
    )
    assert made["status"] == "applied", made
    return cid


def test_a_reps_entry_reaches_the_supervisor_not_another_team(
    api: Callable[[str], Api],
    laptop: Callable[[str, str], Laptop],
    server_engine: Engine,
) -> None:
    rep, sup, other = laptop("rep1", "rep"), laptop("sup", "sup"), laptop("rep3", "other")
    cid = customer(api("rep1"), "华联超市")
    rep.engine.sync()
    services = Services(store=rep.store, user=CurrentUser(rep.store))
    made = services.receivables.add_entry(
        EntryDraft(cid, "collection", 4_500, services.clock.today() - dt.timedelta(days=1))
    )
    rep.engine.sync()
    assert rep.engine.pending() == 0
    sup.engine.sync()
    other.engine.sync()
    with sup.store.reading() as s:
        synced = s.get(ReceivableEntry, made)
        assert synced is not None and synced.amount_fen == 4_500
        assert synced.owner_id == rep.user_id
    with other.store.reading() as s:
        assert s.get(ReceivableEntry, made) is None
    supervisor = Services(store=sup.store, user=CurrentUser(sup.store))
    assert supervisor.receivables.ledger(cid).aging.balance_fen == -4_500
    for lap in (rep, sup, other):
        assert_converged(lap.store, server_engine, lap.user_id)


def test_the_server_holds_entries_to_the_rules_and_to_the_customers_owner(
    api: Callable[[str], Api], users: dict[str, str], server_engine: Engine
) -> None:
    rep1 = api("rep1")
    cid = customer(rep1, "华联超市")
    refused = {
        "opening by hand": entry(cid, kind="opening"),
        "zero order": entry(cid, amount_fen=0),
        "negative collection": entry(cid, kind="collection", amount_fen=-5),
        "unknown kind": entry(cid, kind="gift"),
        "due before date": entry(cid, due_on="2026-11-01"),
    }
    for what, mutation in refused.items():
        [result] = rep1.push(mutation)
        assert (result["status"], result["reason"]) == ("rejected", "invalid"), what
    # Another team's rep neither sees the customer nor may write its money.
    [stranger] = api("rep3").push(entry(cid))
    assert stranger["status"] == "rejected", stranger
    # The supervisor's and the manager's entries are the rep's, like the customer.
    stamped = entry(cid, owner_id=users["sup"])
    for who, mutation in (("sup", stamped), ("mgr", entry(cid, kind="adjustment", amount_fen=-7))):
        [result] = api(who).push(mutation)
        assert result["status"] == "applied", (who, result)
    rows = rep1.rows("receivable_entry")
    assert {r["owner_id"] for r in rows.values()} == {users["rep1"]}
    assert len(rows) == 2
    # An entry stays with its customer.
    other = customer(rep1, "另一家")
    move = {
        "name": "update",
        "entity": "receivable_entry",
        "row_id": stamped["row_id"],
        "base_version": 1,
        "patch": {"customer_id": other},
    }
    [moved] = rep1.push(move)
    assert moved["reason"] == "invalid", moved
    table = SYNCED["receivable_entry"]
    with server_engine.connect() as conn:
        kinds = conn.execute(select(table.c.kind).order_by(table.c.kind)).scalars().all()
    assert kinds == ["adjustment", "order"]


def test_a_handover_moves_the_ledger_with_the_customer(
    api: Callable[[str], Api],
    laptop: Callable[[str, str], Laptop],
    users: dict[str, str],
    server_engine: Engine,
) -> None:
    rep1 = api("rep1")
    cid = customer(rep1, "华联超市")
    made = entry(cid)
    assert rep1.push(made)[0]["status"] == "applied"
    old, new, boss = laptop("rep1", "old"), laptop("rep3", "new"), laptop("mgr", "boss")
    old.engine.sync()
    boss.engine.sync()
    handover = HandoverService(boss.store, CurrentUser(boss.store))
    handover.hand_over([HandoverRequest(cid, users["rep3"], "调岗交接")])
    with boss.store.reading() as s:  # the laptop moves the ledger ahead of the server
        ahead = s.get(ReceivableEntry, made["row_id"])
        assert ahead is not None and ahead.owner_id == users["rep3"]
    boss.engine.sync()
    assert boss.engine.pending() == 0
    old.engine.sync()
    new.engine.sync()
    with old.store.reading() as s:
        assert s.get(Customer, cid) is None and s.get(ReceivableEntry, made["row_id"]) is None
    with new.store.reading() as s:
        moved = s.get(ReceivableEntry, made["row_id"])
        assert moved is not None and moved.owner_id == users["rep3"]
    for lap in (old, new, boss):
        assert_converged(lap.store, server_engine, lap.user_id)

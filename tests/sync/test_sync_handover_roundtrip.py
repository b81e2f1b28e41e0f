"""A customer handed over and back: its owner keeps seeing it, on every laptop, forever."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine
from sync_helpers import Api, Laptop, assert_converged, customer_patch, new_id

from crm_desktop.store.models import Customer


def _handover(to_user: str, cid: str) -> dict[str, object]:
    return {
        "name": "reassign_customer",
        "entity": "customer",
        "row_id": cid,
        "patch": {"to_user": to_user},
    }


def _holds(lap: Laptop, cid: str) -> bool:
    with lap.store.reading() as s:
        return s.get(Customer, cid) is not None


def test_a_handover_out_and_back_in_one_push_keeps_the_customer(
    api: Callable[[str], Api],
    laptop: Callable[[str, str], Laptop],
    users: dict[str, str],
    server_engine: Engine,
) -> None:
    owner, boss = laptop("rep1", "owner"), laptop("sup", "boss")
    cid = new_id()
    api("rep1").push(
        {"name": "create", "entity": "customer", "row_id": cid, "patch": customer_patch("甲")}
    )
    owner.engine.sync()
    boss.engine.sync()
    # The manager hands the customer to another team's rep and, in the same push, back.
    results = api("mgr").push(_handover(users["rep3"], cid), _handover(users["rep1"], cid))
    assert [r["status"] for r in results] == ["applied", "applied"], results
    for lap in (owner, boss):
        lap.engine.sync()
        assert _holds(lap, cid)
        lap.engine.sync(verify=True)  # a forced check and re-download replays the feed
        assert _holds(lap, cid)
        assert_converged(lap.store, server_engine, lap.user_id)
    fresh = laptop("rep1", "fresh")
    fresh.engine.sync()
    assert _holds(fresh, cid)
    assert_converged(fresh.store, server_engine, fresh.user_id)


def test_a_handover_back_in_a_later_push_also_keeps_the_customer(
    api: Callable[[str], Api],
    laptop: Callable[[str, str], Laptop],
    users: dict[str, str],
    server_engine: Engine,
) -> None:
    owner = laptop("rep1", "owner")
    cid = new_id()
    api("rep1").push(
        {"name": "create", "entity": "customer", "row_id": cid, "patch": customer_patch("乙")}
    )
    owner.engine.sync()
    mgr = api("mgr")
    mgr.push(_handover(users["rep3"], cid))
    owner.engine.sync()
    assert not _holds(owner, cid)
    mgr.push(_handover(users["rep1"], cid))
    owner.engine.sync()
    assert _holds(owner, cid)
    fresh = laptop("rep1", "fresh")
    fresh.engine.sync(verify=True)
    assert _holds(fresh, cid)
    assert_converged(fresh.store, server_engine, fresh.user_id)

"""Freeze trigger on the server database, reassignment purge, tombstone purge and 410."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, insert, select, text, update
from sqlalchemy.exc import DBAPIError
from sync_helpers import Api, Laptop, customer_patch, new_id
from test_sync_policy import signed_report

from crm_desktop.store.models import Customer, FollowUp, Opportunity, VisitRecord
from crm_desktop.sync.server.feed import purge_tombstones
from crm_desktop.sync.server.schema import SYNCED, devices, report_reopen_grants

REPORTS = SYNCED["daily_report"]
VISITS = SYNCED["visit_record"]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE daily_reports SET reflections = 'x' WHERE id = :rid",
        "UPDATE daily_reports SET status = 'draft' WHERE id = :rid",
        "DELETE FROM daily_reports WHERE id = :rid",
        "UPDATE visit_records SET order_amount_fen = 1 WHERE id = :vid",
        "DELETE FROM visit_records WHERE id = :vid",
    ],
)
def test_server_trigger_freezes_signed_reports(
    api: Callable[[str], Api], server_engine: Engine, statement: str
) -> None:
    rid, vid, _cid = signed_report(api("rep1"), api("sup"))
    with pytest.raises(DBAPIError, match="frozen_report"), server_engine.begin() as conn:
        conn.execute(text(statement), {"rid": rid, "vid": vid})
    # Stamping the feed position is bookkeeping, not content: allowed.
    with server_engine.begin() as conn:
        conn.execute(update(REPORTS).where(REPORTS.c.id == rid).values(server_seq=10**9))
        conn.execute(update(VISITS).where(VISITS.c.id == vid).values(server_seq=10**9))
    # With the reopen grant in the same transaction the change passes.
    with server_engine.begin() as conn:
        conn.execute(insert(report_reopen_grants).values(report_id=rid))
        conn.execute(text(statement), {"rid": rid, "vid": vid})
        conn.execute(text("DELETE FROM report_reopen_grants"))


def test_reassignment_moves_open_work_and_purges_old_owner(
    api: Callable[[str], Api], laptop: Callable[[str], Laptop], users: dict[str, str]
) -> None:
    rep1, rep3 = laptop("rep1"), laptop("rep3")
    raw = api("rep1")
    cid = new_id()
    open_opp, won_opp, todo, done = new_id(), new_id(), new_id(), new_id()
    raw.push(
        {"name": "create", "entity": "customer", "row_id": cid, "patch": customer_patch("甲")},
        *[
            {
                "name": "create",
                "entity": "opportunity",
                "row_id": oid,
                "patch": {
                    "customer_id": cid,
                    "name": "o",
                    "amount_fen": 1,
                    "stage_code": "bid",
                    "deleted": False,
                },
            }
            for oid in (open_opp, won_opp)
        ],
        *[
            {
                "name": "create",
                "entity": "follow_up",
                "row_id": fid,
                "patch": {
                    "customer_id": cid,
                    "title": "call",
                    "due_on": "2026-11-25",
                    "done": is_done,
                    "deleted": False,
                },
            }
            for fid, is_done in ((todo, False), (done, True))
        ],
    )
    # A deal is won through change_stage, with its date and reason (never at creation).
    win = {"stage": "won", "won_on": "2026-11-20", "won_reason": "价格"}
    move = {"name": "change_stage", "entity": "opportunity", "row_id": won_opp, "patch": win}
    assert raw.push(move)[0]["status"] == "applied"
    rep1.engine.sync()
    with rep1.store.reading() as s:
        assert s.get(Customer, cid) is not None
    # The manager hands the customer over to a rep of another team.
    result = api("mgr").push(
        {
            "name": "reassign_customer",
            "entity": "customer",
            "row_id": cid,
            "patch": {"to_user": users["rep3"]},
        }
    )[0]
    assert result["status"] == "applied", result
    rep1.engine.sync()
    rep3.engine.sync()
    with rep1.store.reading() as s:
        assert s.get(Customer, cid) is None
        assert s.get(Opportunity, open_opp) is None and s.get(FollowUp, todo) is None
        # History stays with the old owner.
        assert s.get(Opportunity, won_opp) is not None and s.get(FollowUp, done) is not None
    with rep3.store.reading() as s:
        customer = s.get(Customer, cid)
        assert customer is not None and customer.owner_id == users["rep3"]
        assert s.get(Opportunity, open_opp) is not None and s.get(FollowUp, todo) is not None
        assert s.get(Opportunity, won_opp) is None
    sup = api("sup")
    assert cid not in {k for k, v in sup.rows("customer").items() if v["owner_id"] == users["rep3"]}


def test_reassign_requires_a_manager(api: Callable[[str], Api], users: dict[str, str]) -> None:
    rep = api("rep1")
    cid = new_id()
    rep.push({"name": "create", "entity": "customer", "row_id": cid, "patch": customer_patch("甲")})
    for who in ("rep1", "sup"):
        result = api(who).push(
            {
                "name": "reassign_customer",
                "entity": "customer",
                "row_id": cid,
                "patch": {"to_user": users["rep2"]},
            }
        )[0]
        assert result["reason"] == "forbidden"


def _age_tombstones(engine: Engine, days: int) -> None:
    old = dt.datetime(2026, 1, 1) - dt.timedelta(days=days)
    with engine.begin() as conn:
        for table in SYNCED.values():
            conn.execute(update(table).where(table.c.deleted.is_(True)).values(updated_at=old))


def test_tombstones_purged_only_below_every_active_cursor_then_410_reset(
    api: Callable[[str], Api], laptop: Callable[[str, str], Laptop], server_engine: Engine
) -> None:
    fast, slow = laptop("rep1", "fast"), laptop("rep1", "slow")
    raw = api("rep1")
    keep, gone = new_id(), new_id()
    raw.push(
        *[
            {"name": "create", "entity": "customer", "row_id": i, "patch": customer_patch(i[-6:])}
            for i in (keep, gone)
        ]
    )
    slow.engine.sync()
    raw.push(
        {
            "name": "delete",
            "entity": "customer",
            "row_id": gone,
            "base_version": 1,
            "patch": {"deleted": True},
        }
    )
    fast.engine.sync()
    fast.engine.sync()  # the second pull confirms the cursor past the delete
    _age_tombstones(server_engine, 100)
    now = dt.datetime(2026, 1, 1)
    fast_id = _device_of(fast)
    with server_engine.begin() as conn:
        conn.execute(update(devices).values(last_seen=now))
        # The slow laptop (and the raw API device) have not pulled past the delete.
        assert purge_tombstones(conn, now) == 0
        # ...until they have been away for more than 60 days.
        conn.execute(
            update(devices)
            .where(devices.c.id != fast_id)
            .values(last_seen=now - dt.timedelta(days=61))
        )
        assert purge_tombstones(conn, now) == 1
        assert conn.execute(select(SYNCED["customer"].c.id)).scalars().all() == [keep]
    report = slow.engine.sync()
    assert report.reset
    with slow.store.reading() as s:
        assert s.get(Customer, gone) is None and s.get(Customer, keep) is not None
    assert not fast.engine.sync().reset


def _device_of(machine: Laptop) -> str:
    from crm_desktop.sync.client import local

    return local.read_meta(machine.store)[local.DEVICE_ID]


def test_reset_keeps_and_replays_the_outbox(
    laptop: Callable[[str], Laptop], api: Callable[[str], Api]
) -> None:
    from crm_desktop.store.unit_of_work import UnitOfWork

    me = laptop("rep1")
    me.engine.sync()
    with UnitOfWork(me.store, me.user_id) as uow:
        customer = Customer(name="离线新客户", name_key="离线新客户", owner_id=me.user_id)
        uow.session.add(customer)
        uow.commit()
    me.engine.reset()
    with me.store.reading() as s:
        assert s.get(Customer, customer.id) is not None  # a local-only row survives
    me.engine.sync()
    assert customer.id in api("rep1").rows("customer")
    assert VisitRecord  # imported for the model registry

"""Leads and the team pool over a real server on loopback: the pool reaches the team,
two reps claim one pool lead offline and the first push wins (the other's refusal lands
in their inbox), a claim of another rep's customer is 撞单, a return gives the lead back
to the team, the manager's pool rule syncs and the supervisor's sweep applies it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fixed_time import CHINA, fixed_clock
from sqlalchemy import Engine, select
from sync_helpers import BASE, PASSWORD, Api, Laptop, make_client, new_id

from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.container import Services
from crm_desktop.services.leads.leads import LeadDraft
from crm_desktop.store.database import Store, open_store
from crm_desktop.sync.client.engine import SyncEngine
from crm_desktop.sync.client.transport import Transport
from crm_desktop.sync.server.schema import SYNCED


@pytest.fixture
def fixed_laptop(app: Any, tmp_path: Path) -> Iterator[Callable[..., Laptop]]:
    opened: list[Store] = []

    def make(username: str, at: dt.datetime | None = None) -> Laptop:
        clock = fixed_clock(at) if at else fixed_clock()
        store = open_store(tmp_path / f"laptop-{username}-{len(opened)}", clock=clock)
        opened.append(store)
        engine = SyncEngine(store, Transport(BASE, make_client(app)), page_limit=50)
        answer = engine.login(username, PASSWORD)
        return Laptop(store, engine, answer.user_id)

    yield make
    for store in opened:
        store.close()


def services(laptop: Laptop) -> Services:
    return Services(store=laptop.store, user=CurrentUser(laptop.store))


def sync(*laptops: Laptop) -> None:
    for one in laptops:
        one.engine.sync()
        assert one.engine.pending() == 0


def server_lead(engine: Engine, lead_id: str) -> dict[str, Any]:
    leads = SYNCED["lead"]
    with engine.connect() as conn:
        return dict(conn.execute(select(leads).where(leads.c.id == lead_id)).mappings().one())


def team_of_rep3(api: Callable[[str], Api]) -> str:
    return str(api("rep3").rows("user")[_user_id(api, "rep3")]["team_id"])


def _user_id(api: Callable[[str], Api], username: str) -> str:
    users = api(username).rows("user")
    return next(uid for uid, row in users.items() if row["username"] == username)


def pool_lead(sup: Laptop, name: str, phone: str | None = None) -> str:
    sync(sup)
    lead_id = services(sup).leads.save(
        LeadDraft(name=name, phone=phone, source="trade_show", event="2026 广交会", to_pool=True)
    )
    sync(sup)
    return lead_id


def test_two_reps_claim_one_pool_lead_offline_the_first_push_wins(
    fixed_laptop: Callable[..., Laptop], server_engine: Engine, users: dict[str, str]
) -> None:
    sup, rep1, rep2, rep3 = (fixed_laptop(u) for u in ("sup", "rep1", "rep2", "rep3"))
    lead_id = pool_lead(sup, "杭州明达机电有限公司", "0571-88886666")
    sync(rep1, rep2, rep3)
    # The East pool reaches East's reps; West's rep never sees it.
    assert [r.id for r in services(rep1).leads.pool()] == [lead_id]
    assert [r.id for r in services(rep2).leads.pool()] == [lead_id]
    assert services(rep3).leads.pool() == []
    # Both claim while offline; each laptop shows the lead as its own at once.
    services(rep1).leads.claim(lead_id)
    services(rep2).leads.claim(lead_id)
    assert [r.id for r in services(rep2).leads.owned()] == [lead_id]
    sync(rep1)
    sync(rep2)
    row = server_lead(server_engine, lead_id)
    assert (row["owner_id"], row["in_pool"], row["status"]) == (users["rep1"], False, "assigned")
    loser = services(rep2)
    assert loser.leads.owned() == [] and loser.leads.pool() == []
    [entry] = loser.sync.conflicts()
    assert (entry.entity, entry.row_id, entry.kind) == ("lead", lead_id, "lead_taken")
    assert not entry.can_reapply  # nothing of rep2's to write again
    winner = services(rep1)
    assert [r.id for r in winner.leads.owned()] == [lead_id]
    assert winner.sync.conflicts() == []
    # The supervisor sees the lead in rep1's hands, not in the pool.
    sync(sup)
    [held] = services(sup).leads.owned()
    assert (held.id, held.owner_id) == (lead_id, users["rep1"])
    assert services(sup).leads.pool() == []
    # Given back, it is the team's again: rep2 may claim it now.
    winner.leads.return_to_pool(lead_id, "客户暂无需求")
    sync(rep1, rep2)
    assert [r.id for r in services(rep2).leads.pool()] == [lead_id]
    services(rep2).leads.claim(lead_id)
    sync(rep2)
    assert server_lead(server_engine, lead_id)["owner_id"] == users["rep2"]
    sync(rep1)
    assert services(rep1).leads.pool() == [] and services(rep1).leads.owned() == []


def test_a_claim_of_another_reps_customer_is_refused_as_double_pursuit(
    fixed_laptop: Callable[..., Laptop], server_engine: Engine, users: dict[str, str]
) -> None:
    sup, rep1, rep2 = (fixed_laptop(u) for u in ("sup", "rep1", "rep2"))
    sync(rep2)
    services(rep2).customers.save(CustomerDraft(name="华联超市", phone="13800138000"))
    sync(rep2)
    lead_id = pool_lead(sup, "华联超市有限公司")
    sync(rep1)
    # rep1's laptop does not hold rep2's customer: only the server can tell.
    services(rep1).leads.claim(lead_id)
    sync(rep1)
    [entry] = services(rep1).sync.conflicts()
    assert (entry.row_id, entry.kind) == (lead_id, "double_pursuit")
    row = server_lead(server_engine, lead_id)
    assert row["in_pool"] and row["owner_id"] == users["sup"]
    # The refused claim is undone on the laptop: the lead is back in rep1's pool list.
    assert [r.id for r in services(rep1).leads.pool()] == [lead_id]
    assert services(rep1).leads.owned() == []
    # rep2 owns the customer, so rep2 may take the lead; the laptop knows it up front.
    sync(rep2)
    services(rep2).leads.claim(lead_id)
    sync(rep2)
    assert server_lead(server_engine, lead_id)["owner_id"] == users["rep2"]


def test_the_supervisor_assigns_and_converts_and_the_history_stays(
    fixed_laptop: Callable[..., Laptop], server_engine: Engine, users: dict[str, str]
) -> None:
    sup, rep1 = fixed_laptop("sup"), fixed_laptop("rep1")
    lead_id = pool_lead(sup, "宁波海天贸易", "13912345678")
    due = dt.date(2026, 11, 30)
    services(sup).leads.assign(lead_id, users["rep1"], due)
    sync(sup, rep1)
    [mine] = services(rep1).leads.owned()
    assert (mine.id, mine.follow_up_due, mine.status) == (lead_id, due, "assigned")
    customer_id = services(rep1).leads.convert(lead_id)
    sync(rep1)
    row = server_lead(server_engine, lead_id)
    assert (row["status"], row["converted_customer_id"]) == ("converted", customer_id)
    customers = SYNCED["customer"]
    with server_engine.connect() as conn:
        name, owner, notes = conn.execute(
            select(customers.c.name, customers.c.owner_id, customers.c.notes).where(
                customers.c.id == customer_id
            )
        ).one()
    assert (name, owner) == ("宁波海天贸易", users["rep1"])
    assert "展会" in notes and "2026 广交会" in notes
    assert services(rep1).leads.lead_of_customer(customer_id).id == lead_id  # type: ignore[union-attr]


def test_the_pool_rule_syncs_and_the_sweep_returns_overdue_leads(
    fixed_laptop: Callable[..., Laptop],
    server_engine: Engine,
    users: dict[str, str],
    api: Callable[[str], Api],
) -> None:
    mgr, sup, rep1 = fixed_laptop("mgr"), fixed_laptop("sup"), fixed_laptop("rep1")
    sync(mgr, sup)
    east = services(sup).actor.team_id
    services(mgr).leads.rules.save(3, east)
    sync(mgr, sup, rep1)
    assert services(rep1).leads.rules.current() == 3
    lead_id = pool_lead(sup, "温州正泰电器")
    sync(rep1)
    services(rep1).leads.claim(lead_id)
    sync(rep1)
    held = server_lead(server_engine, lead_id)["assigned_at"]
    held_day = held.replace(tzinfo=dt.UTC).astimezone(CHINA).date()
    # On the third day after the claim the lead is still rep1's; on the fourth it goes.
    for days, expected in ((3, 0), (4, 1)):
        at = dt.datetime.combine(held_day + dt.timedelta(days=days), dt.time(9), tzinfo=CHINA)
        late = fixed_laptop("sup", at)
        sync(late)
        assert services(late).leads.sweep() == expected
        sync(late)
    row = server_lead(server_engine, lead_id)
    assert row["in_pool"] and row["owner_id"] == users["sup"]
    sync(rep1)
    assert [r.id for r in services(rep1).leads.pool()] == [lead_id]
    # Who writes the rule: not a rep, and only valid values.
    rule = {
        "name": "create",
        "entity": "lead_pool_rule",
        "row_id": new_id(),
        "base_version": 0,
        "patch": {"team_id": east, "return_after_days": 10},
    }
    [refused] = api("rep1").push(rule)
    assert (refused["status"], refused["reason"]) == ("rejected", "forbidden"), refused
    [again] = api("mgr").push(rule)
    assert again["reason"] == "duplicate_key", again
    [bad] = api("mgr").push({**rule, "row_id": new_id(), "patch": {"team_id": None}})
    assert bad["reason"] == "forbidden", bad  # the company default is the admin's
    # An undelete writes the rule too: the same rules apply.
    west_rule = {
        **rule,
        "row_id": new_id(),
        "patch": {"team_id": team_of_rep3(api), "return_after_days": 9},
    }
    assert api("mgr").push(west_rule)[0]["status"] == "applied"
    gone = {**west_rule, "name": "delete", "patch": {}, "base_version": 1}
    assert api("mgr").push(gone)[0]["status"] == "applied"

    def undelete(who: str, days: int) -> dict[str, Any]:
        return api(who).push(
            {
                "name": "undelete",
                "entity": "lead_pool_rule",
                "row_id": west_rule["row_id"],
                "base_version": 2,
                "patch": {"patch": {"return_after_days": days}},
            }
        )[0]

    assert undelete("rep3", 9)["reason"] == "forbidden"
    assert undelete("mgr", 0)["reason"] == "invalid"
    assert undelete("mgr", 12)["status"] == "applied"


def test_a_rep_cannot_edit_or_take_a_pool_lead_by_patch(
    fixed_laptop: Callable[..., Laptop], api: Callable[[str], Api], users: dict[str, str]
) -> None:
    sup = fixed_laptop("sup")
    lead_id = pool_lead(sup, "苏州工业园区精密模具厂")
    rep = api("rep1")
    assert lead_id in rep.rows("lead")
    [patch] = rep.push(
        {
            "name": "update",
            "entity": "lead",
            "row_id": lead_id,
            "base_version": 1,
            "patch": {"notes": "mine"},
        }
    )
    assert patch["status"] == "rejected", patch
    [owner] = rep.push(
        {
            "name": "update",
            "entity": "lead",
            "row_id": lead_id,
            "base_version": 1,
            "patch": {"in_pool": False},
        }
    )
    assert owner["status"] == "rejected", owner
    # A rep may not put a lead of their own into the pool by a create either.
    [pooled] = rep.push(
        {
            "name": "create",
            "entity": "lead",
            "row_id": new_id(),
            "base_version": 0,
            "patch": {"name": "x", "name_key": "x", "source": "web", "status": "new",
                      "tier": "general", "in_pool": True},
        }
    )  # fmt: skip
    assert (pooled["status"], pooled["reason"]) == ("rejected", "invalid"), pooled
    assert lead_id not in api("rep3").rows("lead")


def test_a_claim_and_return_in_one_push_leaves_the_lead_in_the_teams_pool(
    fixed_laptop: Callable[..., Laptop], server_engine: Engine
) -> None:
    """Both moves in one transaction: the row is stamped before the claim's scope exit
    for rep2, so the exit's purge would come after the row and hide it for good; the row
    as it stands (in the team's pool) voids the purge (feed._back_in_scope)."""
    sup, rep1, rep2 = (fixed_laptop(u) for u in ("sup", "rep1", "rep2"))
    lead_id = pool_lead(sup, "镇江华信化工贸易有限公司")
    sync(rep1, rep2)
    services(rep1).leads.claim(lead_id)
    services(rep1).leads.return_to_pool(lead_id)
    sync(rep1)
    assert server_lead(server_engine, lead_id)["in_pool"]
    sync(rep2)
    assert [r.id for r in services(rep2).leads.pool()] == [lead_id]
    fresh = fixed_laptop("rep2")
    sync(fresh)
    assert [r.id for r in services(fresh).leads.pool()] == [lead_id]

"""Account plans through a real server on loopback: the sponsor's approval made on their
laptop reaches the account manager's, the server re-runs the workflow with the laptop's
rule (domain/account_plan_workflow.py), and workflow fields or content of an approved
plan are refused as patches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from key_account_data import YEAR, full_plan
from sqlalchemy import select
from sync_helpers import Api, Laptop, customer_patch, new_id

from crm_desktop.domain.account_plan import to_json
from crm_desktop.domain.account_plan_workflow import AccountPlanAction as A
from crm_desktop.domain.account_plan_workflow import plan_step
from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.container import Services
from crm_desktop.services.customers.handover import HandoverRequest, HandoverService
from crm_desktop.services.key_accounts.plans import follow_up_id
from crm_desktop.store.models import (
    AccountPlan,
    AccountTeamMember,
    FollowUp,
    KeyAccountRecord,
)
from crm_desktop.sync.server.account_plans import facts_of

NOW = dt.datetime(2026, 11, 23, 2, 0)


def _services(laptop: Laptop) -> Services:
    return Services(store=laptop.store, user=CurrentUser(laptop.store))


def _sync(*laptops: Laptop) -> None:
    for one in laptops:
        one.engine.sync()
        assert one.engine.pending() == 0


def _submitted_plan(rep: Laptop, mgr_id: str) -> tuple[Services, str, str]:
    _sync(rep)  # the org directory: who may sponsor the rep's plan
    services = _services(rep)
    customer = services.customers.save(CustomerDraft(name="华东机械有限公司"))
    plans = services.key_accounts.plans
    plan = plans.create(customer, YEAR)
    plans.save(plan.id, full_plan(rep.user_id))
    plans.step(plan.id, A.SUBMIT, sponsor_id=mgr_id)
    return services, customer, plan.id


def test_the_sponsors_approval_reaches_the_account_manager(
    fixed_laptop: Callable[[str], Laptop], users: dict[str, str], api: Callable[[str], Api]
) -> None:
    rep, mgr = fixed_laptop("rep1"), fixed_laptop("mgr")
    rep_services, customer, plan_id = _submitted_plan(rep, users["mgr"])
    _sync(rep, mgr)
    server = api("mgr").rows("account_plan")[plan_id]
    assert (server["status"], server["sponsor_id"]) == ("submitted", users["mgr"])

    mgr_plans = _services(mgr).key_accounts.plans
    assert mgr_plans.open(plan_id).actions == [A.APPROVE, A.RETURN]
    mgr_plans.step(plan_id, A.APPROVE, "同意，二期方案我来协调")
    _sync(mgr, rep)

    view = rep_services.key_accounts.plans.open(plan_id)
    assert (view.status, view.review_comment, view.approved_by_name) == (
        "approved",
        "同意，二期方案我来协调",
        "mgr",
    )
    assert [e.action for e in view.history] == ["submit", "approve"]
    rep_services.key_accounts.plans.step(plan_id, A.ACTIVATE)
    _sync(rep)
    assert api("rep1").rows("account_plan")[plan_id]["status"] == "active"
    follow_ups = api("rep1").rows("follow_up")
    assert follow_up_id(customer, "a1") in follow_ups  # the action item, as the rep's to-do


def test_workflow_fields_and_approved_content_are_refused_as_patches(
    fixed_laptop: Callable[[str], Laptop], users: dict[str, str], api: Callable[[str], Api]
) -> None:
    rep = fixed_laptop("rep1")
    _unused, _customer, plan_id = _submitted_plan(rep, users["mgr"])
    _sync(rep)
    rep_api = api("rep1")
    version = rep_api.rows("account_plan")[plan_id]["version"]

    def update(**patch: object) -> dict[str, Any]:
        return rep_api.push(
            {
                "name": "update",
                "entity": "account_plan",
                "row_id": plan_id,
                "base_version": version,
                "patch": patch,
            }
        )[0]

    refused = update(status="approved", approved_by=users["rep1"])
    assert refused["status"] in ("rejected", "conflict"), refused
    assert rep_api.rows("account_plan")[plan_id]["status"] == "submitted"
    refused = update(content=to_json(full_plan(users["rep1"])).replace("巩固", "改"))
    assert (refused["status"], refused["reason"]) == ("rejected", "transition"), refused
    # A hand-made approval by the owner is forbidden, one naming an outsider as sponsor invalid.
    step = {"name": "account_plan_step", "entity": "account_plan", "row_id": plan_id}
    [own] = rep_api.push({**step, "patch": {"action": "approve"}})
    assert (own["status"], own["reason"]) == ("rejected", "forbidden"), own
    [outsider] = api("sup2").push({**step, "patch": {"action": "approve"}})
    assert outsider["status"] == "rejected", outsider
    [bad] = api("mgr").push({**step, "patch": {"action": "bless"}})
    assert (bad["status"], bad["reason"]) == ("rejected", "invalid"), bad


def test_a_sponsor_outside_the_owners_line_is_refused_by_the_server(
    api: Callable[[str], Api], users: dict[str, str]
) -> None:
    rep = api("rep1")
    customer = new_id()
    assert (
        rep.push(
            {
                "name": "create",
                "entity": "customer",
                "row_id": customer,
                "patch": {
                    "name": "华东机械",
                    "name_key": "华东机械",
                    "customer_type": "enterprise",
                    "status": "active",
                    "is_key_account": True,
                    "value_class": "B",
                    "confidential": False,
                    "deleted": False,
                },
            }
        )[0]["status"]
        == "applied"
    )
    plan = new_id()
    created = rep.push(
        {
            "name": "create",
            "entity": "account_plan",
            "row_id": plan,
            "patch": {
                "customer_id": customer,
                "plan_year": YEAR,
                "version_no": 1,
                "content": to_json(full_plan(users["rep1"])),
                "status": "active",  # a create starts as a draft whatever it says
            },
        }
    )[0]
    assert created["status"] == "applied", created
    assert rep.rows("account_plan")[plan]["status"] == "draft"
    step = {"name": "account_plan_step", "entity": "account_plan", "row_id": plan}
    [refused] = rep.push({**step, "patch": {"action": "submit", "sponsor_id": users["sup2"]}})
    assert (refused["status"], refused["reason"]) == ("rejected", "invalid"), refused
    [done] = rep.push({**step, "patch": {"action": "submit", "sponsor_id": users["sup"]}})
    assert done["status"] == "applied", done


def test_the_plan_reaches_the_sponsors_laptop_with_its_map(
    fixed_laptop: Callable[[str], Laptop], users: dict[str, str]
) -> None:
    rep, sup = fixed_laptop("rep1"), fixed_laptop("sup")
    services, customer, plan_id = _submitted_plan(rep, users["sup"])
    services.key_accounts.team.add(customer, users["sup"], "executive_sponsor")
    _sync(rep, sup)
    sup_ka = _services(sup).key_accounts
    assert sup_ka.plans.open(plan_id).sponsor_name == "sup"
    assert [m.role for m in sup_ka.team.members(customer)] == ["executive_sponsor"]
    with sup.store.reading() as s:
        assert s.scalar(select(AccountPlan.status).where(AccountPlan.id == plan_id)) == "submitted"
        assert s.scalar(select(FollowUp.id)) is None


def test_team_map_and_record_rows_meet_the_laptops_rules_on_the_server(
    api: Callable[[str], Api], users: dict[str, str]
) -> None:
    rep = api("rep1")
    customer = new_id()
    rep.push(
        {
            "name": "create",
            "entity": "customer",
            "row_id": customer,
            "patch": customer_patch("华东机械"),
        }
    )
    contact = new_id()
    assert (
        rep.push(
            {
                "name": "create",
                "entity": "contact",
                "row_id": contact,
                "patch": {"customer_id": customer, "name": "周总", "is_key_contact": False},
            }
        )[0]["status"]
        == "applied"
    )

    def create(entity: str, **patch: object) -> dict[str, Any]:
        return rep.push(
            {
                "name": "create",
                "entity": entity,
                "row_id": new_id(),
                "patch": {"customer_id": customer, **patch},
            }
        )[0]

    link = {"contact_id": contact, "buying_role": "decision_maker", "attitude": "support"}
    for bad in (
        {"attitude": "friendly"},
        {"influence": 9},
        {"buying_role": "boss"},
        {"reports_to_contact_id": contact},
    ):
        refused = create("relationship_link", **{**link, **bad})
        assert (refused["status"], refused["reason"]) == ("rejected", "invalid"), (bad, refused)
    assert create("relationship_link", **link, influence=5)["status"] == "applied"
    refused = create("account_team_member", user_id=users["rep1"], role="boss")
    assert refused["reason"] == "invalid", refused
    assert (
        create("account_team_member", user_id=users["rep1"], role="account_manager")["status"]
        == "applied"
    )
    refused = create(
        "key_account_record", kind="event", record_date="2026-06-01", category="party", title="x"
    )
    assert refused["reason"] == "invalid", refused
    assert (
        create(
            "key_account_record",
            kind="event",
            record_date="2026-06-01",
            category="forum",
            title="年度座谈会",
        )["status"]
        == "applied"
    )


def test_a_return_without_comment_is_refused_with_the_domains_words(
    fixed_laptop: Callable[[str], Laptop], users: dict[str, str], api: Callable[[str], Api]
) -> None:
    rep = fixed_laptop("rep1")
    _unused, _customer, plan_id = _submitted_plan(rep, users["mgr"])
    _sync(rep)
    step = {"name": "account_plan_step", "entity": "account_plan", "row_id": plan_id}
    [refused] = api("mgr").push({**step, "patch": {"action": "return", "comment": "  "}})
    assert (refused["status"], refused["reason"]) == ("rejected", "invalid"), refused
    try:
        plan_step(
            A.RETURN, facts_of(api("mgr").rows("account_plan")[plan_id]), users["mgr"], NOW, "  "
        )  # the laptop's rule, asked directly
    except ValidationError as error:
        assert refused["message"] == error.message_en
    else:
        raise AssertionError("the domain accepts it")


def test_a_handover_moves_the_key_account_with_the_customer(
    fixed_laptop: Callable[[str], Laptop], users: dict[str, str]
) -> None:
    """The plan, team, map and records are the account's: after a manager hands the
    customer to rep3, rep3 manages the account, on the manager's laptop at once (offline)
    and on rep3's after a sync, and rep1 keeps none of it."""
    rep, boss, new = fixed_laptop("rep1"), fixed_laptop("mgr"), fixed_laptop("rep3")
    services, customer, plan_id = _submitted_plan(rep, users["mgr"])
    ka = services.key_accounts
    ka.team.add(customer, users["rep1"], "account_manager")
    event = ka.records.add_event(customer, dt.date(YEAR, 6, 1), "forum", "年度座谈会")
    _sync(rep, boss, new)

    HandoverService(boss.store, CurrentUser(boss.store)).hand_over(
        [HandoverRequest(customer, users["rep3"], "重点客户交给新业务员，计划待审")]
    )
    account = (AccountPlan, AccountTeamMember, KeyAccountRecord)
    with boss.store.reading() as s:  # offline: the manager's laptop shows the move at once
        for model in account:
            owners = set(s.scalars(select(model.owner_id).where(model.customer_id == customer)))
            assert owners == {users["rep3"]}, model.__tablename__
    _sync(boss, new, rep)

    with new.store.reading() as s:
        assert (
            s.scalar(select(AccountPlan.owner_id).where(AccountPlan.id == plan_id))
            == (users["rep3"])
        )
        assert s.get(KeyAccountRecord, event) is not None
        assert s.scalar(select(AccountTeamMember.user_id)) == users["rep1"]
    with rep.store.reading() as s:  # rep1 is still on the team: the grant keeps the account
        assert (
            s.scalar(select(AccountPlan.owner_id).where(AccountPlan.id == plan_id))
            == (users["rep3"])
        )

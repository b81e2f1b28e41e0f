"""The key-account services on a real SQLite store: a plan's workflow on the laptop and
what it queues for the server, revisions that keep earlier versions, action items that
become follow-ups once, the team, the relationship map, health checks, watch list and
events."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from key_account_data import YEAR, full_plan
from sqlalchemy import func, select

from crm_desktop.domain.account_plan import PlanContent
from crm_desktop.domain.account_plan_workflow import AccountPlanAction as A
from crm_desktop.domain.errors import Forbidden, TransitionError, ValidationError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.key_accounts.plans import follow_up_id
from crm_desktop.services.key_accounts.records import Answer, HealthCheck
from crm_desktop.services.key_accounts.relationship import LinkDraft
from crm_desktop.store.models import Contact, Customer, FollowUp, OutboxEntry, User
from crm_desktop.store.unit_of_work import UnitOfWork


def _user(services: Services, name: str, role: Role, boss: str | None) -> str:
    with UnitOfWork(services.store, None) as uow:
        user = User(username=name, display_name=name, role=role.value, supervisor_id=boss)
        uow.session.add(user)
        uow.commit()
        return user.id


@pytest.fixture
def org(services: Services) -> dict[str, str]:
    mgr = _user(services, "mgr", Role.MANAGER, None)
    sup = _user(services, "sup", Role.SUPERVISOR, mgr)
    rep = _user(services, "rep", Role.REP, sup)
    other = _user(services, "other", Role.SUPERVISOR, mgr)
    services.user.switch(rep)
    return {"mgr": mgr, "sup": sup, "rep": rep, "other": other}


def _customer(services: Services, owner: str, name: str = "华东机械") -> str:
    with UnitOfWork(services.store, owner) as uow:
        customer = Customer(name=name, owner_id=owner, status="active")
        uow.session.add(customer)
        uow.commit()
        return customer.id


def _contact(services: Services, customer_id: str, name: str) -> str:
    with UnitOfWork(services.store, services.actor.user_id) as uow:
        contact = Contact(customer_id=customer_id, name=name, owner_id=services.actor.user_id)
        uow.session.add(contact)
        uow.commit()
        return contact.id


def _commands(services: Services) -> list[tuple[str, dict[str, Any]]]:
    with services.store.reading() as s:
        rows = s.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.entity == "account_plan")
            .order_by(OutboxEntry.mutation_id)
        ).all()
        return [(r.name, json.loads(r.patch)) for r in rows]


def _submitted(services: Services, org: dict[str, str]) -> tuple[str, str]:
    customer = _customer(services, org["rep"])
    plans = services.key_accounts.plans
    plan = plans.create(customer, YEAR)
    plans.save(plan.id, full_plan(org["rep"], other_owner=org["sup"]))
    plans.step(plan.id, A.SUBMIT, sponsor_id=org["mgr"])
    return customer, plan.id


def test_a_plan_goes_from_draft_to_active_and_queues_commands_not_patches(
    services: Services, org: dict[str, str]
) -> None:
    customer, plan_id = _submitted(services, org)
    plans = services.key_accounts.plans
    with pytest.raises(TransitionError):
        plans.save(plan_id, PlanContent(summary="改"))
    services.user.switch(org["mgr"])
    view = plans.open(plan_id)
    assert view.status == "submitted" and view.actions == [A.APPROVE, A.RETURN]
    plans.step(plan_id, A.APPROVE, "同意，重点跟进二期")
    services.user.switch(org["rep"])
    view = plans.step(plan_id, A.ACTIVATE)
    assert (view.status, view.review_comment, view.approved_by_name) == (
        "active",
        "同意，重点跟进二期",
        "mgr",
    )
    assert [e.action for e in view.history] == ["submit", "approve", "activate"]
    names = [name for name, _patch in _commands(services)]
    assert names == ["create", "update", "account_plan_step", "account_plan_step",
                     "account_plan_step"]  # fmt: skip
    assert all("status" not in patch for name, patch in _commands(services) if name == "update")
    assert _commands(services)[2][1]["sponsor_id"] == org["mgr"]
    assert plans.key_accounts()[0].status == "active"
    assert customer == plans.key_accounts()[0].customer_id


def test_a_sponsor_must_be_above_the_account_manager(
    services: Services, org: dict[str, str]
) -> None:
    plans = services.key_accounts.plans
    plan = plans.create(_customer(services, org["rep"]), YEAR)
    plans.save(plan.id, full_plan(org["rep"]))
    with pytest.raises(ValidationError):
        plans.step(plan.id, A.SUBMIT, sponsor_id=org["other"])  # not in the rep's line
    assert {p[0] for p in plans.sponsors(org["rep"])} == {org["sup"], org["mgr"]}
    services.user.switch(org["sup"])
    with pytest.raises(Forbidden):
        plans.step(plan.id, A.SUBMIT, sponsor_id=org["mgr"])


def test_a_revision_keeps_the_approved_version_and_starts_the_next(
    services: Services, org: dict[str, str]
) -> None:
    customer, plan_id = _submitted(services, org)
    plans = services.key_accounts.plans
    services.user.switch(org["mgr"])
    plans.step(plan_id, A.APPROVE)
    services.user.switch(org["rep"])
    plans.step(plan_id, A.ACTIVATE)
    new = plans.step(plan_id, A.REVISE)
    assert (new.version_no, new.status, new.editable) == (2, "draft", True)
    assert [(v.version_no, v.status) for v in new.versions] == [(2, "draft"), (1, "revised")]
    assert new.content == plans.open(plan_id).content
    assert plans.newest_plan_id(customer) == new.id
    with pytest.raises(ValidationError):
        plans.create(customer, YEAR)


def test_action_items_become_follow_ups_of_their_owners_once(
    services: Services, org: dict[str, str]
) -> None:
    customer, plan_id = _submitted(services, org)
    plans = services.key_accounts.plans
    services.user.switch(org["mgr"])
    plans.step(plan_id, A.APPROVE)
    services.user.switch(org["rep"])
    plans.step(plan_id, A.ACTIVATE)
    assert plans.make_follow_ups() == 0  # already made by the activation
    with services.store.reading() as s:
        rows = s.execute(select(FollowUp.id, FollowUp.owner_id, FollowUp.title)).all()
    assert [(r[0], r[1]) for r in rows] == [(follow_up_id(customer, "a1"), org["rep"])]
    assert "组织技术交流会" in rows[0][2]
    services.user.switch(org["sup"])  # the supervisor owns action a2
    assert plans.make_follow_ups() == 1
    assert plans.make_follow_ups() == 0
    with services.store.reading() as s:
        assert s.scalar(select(func.count(FollowUp.id))) == 2


def test_team_map_health_watch_list_and_events(services: Services, org: dict[str, str]) -> None:
    ka = services.key_accounts
    customer = _customer(services, org["rep"])
    ka.team.add(customer, org["rep"], "account_manager")
    ka.team.add(customer, org["mgr"], "executive_sponsor")
    with pytest.raises(ValidationError):
        ka.team.add(customer, org["mgr"], "executive_sponsor")
    assert [m.role for m in ka.team.members(customer)] == ["account_manager", "executive_sponsor"]

    boss, buyer = _contact(services, customer, "周总"), _contact(services, customer, "郑经理")
    ka.relationship.save(
        LinkDraft(customer, boss, None, "decision_maker", "support", 5, org["mgr"])
    )
    ka.relationship.save(LinkDraft(customer, buyer, boss, "gatekeeper", "oppose", 4))
    with pytest.raises(ValidationError):
        ka.relationship.save(LinkDraft(customer, buyer, None, "boss"))
    with pytest.raises(ValidationError):
        ka.relationship.save(LinkDraft(customer, buyer, None, influence=9))
    relationship = ka.relationship.map(customer)
    assert [(c.level, c.people, c.linked) for c in relationship.coverage] == [(1, 1, 1), (2, 1, 0)]
    ka.relationship.save(LinkDraft(customer, buyer, boss, "gatekeeper", "neutral", 4, org["rep"]))
    assert ka.relationship.map(customer).coverage[1].linked == 1  # one row per contact

    records = ka.records
    records.add_health_check(
        customer,
        HealthCheck(
            None,
            dt.date(2026, 6, 30),
            {"doing": Answer(3), "needs": Answer(4)},
            "vendor",
            "breakthrough",
        ),
    )
    records.add_health_check(
        customer,
        HealthCheck(None, dt.date(2026, 9, 30), {"doing": Answer(5)}, "preferred", "growth"),
    )
    with pytest.raises(ValidationError):
        records.add_health_check(
            customer, HealthCheck(None, dt.date(2026, 9, 30), {"doing": Answer(6)})
        )
    profile = records.profile(customer)
    assert [c.average for c in profile.checks] == [3.5, 5.0]
    assert (profile.relationship_type, profile.cycle_stage) == ("preferred", "growth")

    prospect = _customer(services, org["rep"], "宁波泽新")
    watch = records.watch(prospect, "采购量连续增长", referrer_customer_id=customer)
    [row] = records.watch_list()
    assert (row.customer_name, row.referrer_name) == ("宁波泽新", "华东机械")
    records.promote(watch)
    assert records.watch_list() == []
    assert {r.name for r in ka.plans.key_accounts()} == {"宁波泽新"}

    records.add_event(customer, dt.date(2026, 10, 1), "anniversary", "二十周年庆典")
    with pytest.raises(ValidationError):
        records.add_event(customer, dt.date(2026, 10, 1), "party", "x")
    assert [e.title for e in records.events(customer)] == ["二十周年庆典"]


def test_a_rep_cannot_plan_for_someone_elses_customer(
    services: Services, org: dict[str, str]
) -> None:
    theirs = _customer(services, org["sup"], "别人的客户")
    with pytest.raises(ValidationError):
        services.key_accounts.plans.create(theirs, YEAR)

"""The account team's grant through a real server on loopback (issue 16): a technical
specialist from another team, added to a key account's team, reads the account -- the
customer, its contacts, plan and team -- and nothing else of the owner's; writes none of
it; loses it from the laptop when taken off the team; and a checked sync agrees with the
feed (sync/server/account_teams.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from key_account_data import YEAR, full_plan
from sqlalchemy import select
from sync_helpers import Api, Laptop, new_id

from crm_desktop.domain.customer import ContactDraft, CustomerDraft
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.container import Services
from crm_desktop.store.models import AccountPlan, AccountTeamMember, Contact, Customer


def _services(laptop: Laptop) -> Services:
    return Services(store=laptop.store, user=CurrentUser(laptop.store))


def _sync(*laptops: Laptop) -> None:
    """Sync each laptop; the pull alone must bring it level with the server (no drift
    found by the check that follows a pull, no download from scratch)."""
    for one in laptops:
        report = one.engine.sync()
        assert one.engine.pending() == 0
        assert (report.drift, report.reset) == (False, False), report


def _held(laptop: Laptop) -> dict[str, set[str]]:
    """The live rows of the account's entities on a laptop, by entity."""
    models = {
        "customer": Customer,
        "contact": Contact,
        "account_plan": AccountPlan,
        "account_team_member": AccountTeamMember,
    }
    with laptop.store.reading() as s:
        return {
            name: set(s.scalars(select(model.id).where(model.deleted.is_(False))))
            for name, model in models.items()
        }


def _account(owner: Laptop) -> dict[str, str]:
    """The owner's key account with a contact and a plan, and another customer of theirs."""
    services = _services(owner)
    customer = services.customers.save(CustomerDraft(name="华东机械有限公司"))
    contact = services.customers.save_contact(ContactDraft(customer_id=customer, name="周总"))
    plan = services.key_accounts.plans.create(customer, YEAR)
    services.key_accounts.plans.save(plan.id, full_plan(owner.user_id))
    other = services.customers.save(CustomerDraft(name="西湖电子有限公司"))
    return {"customer": customer, "contact": contact, "plan": plan.id, "other": other}


@pytest.fixture
def account(
    fixed_laptop: Callable[[str], Laptop], users: dict[str, str]
) -> tuple[Laptop, Laptop, dict[str, str]]:
    """rep1 (team East) owns the account; rep3 (team West, outside rep1's line) pulled
    everything before being added as the technical specialist, so the account's rows are
    older than rep3's cursor."""
    rep1, rep3 = fixed_laptop("rep1"), fixed_laptop("rep3")
    _sync(rep1)
    ids = _account(rep1)
    _sync(rep1, rep3)
    assert ids["customer"] not in _held(rep3)["customer"]
    ids["member"] = _services(rep1).key_accounts.team.add(
        ids["customer"], users["rep3"], "technical"
    )
    _sync(rep1, rep3)
    return rep1, rep3, ids


def test_a_specialist_from_another_team_reads_the_account_and_only_it(
    account: tuple[Laptop, Laptop, dict[str, str]],
) -> None:
    _rep1, rep3, ids = account
    held = _held(rep3)
    assert held["customer"] == {ids["customer"]}  # not the owner's other customer
    assert held["contact"] == {ids["contact"]}
    assert held["account_plan"] == {ids["plan"]}
    assert held["account_team_member"] == {ids["member"]}
    roles = [m.role for m in _services(rep3).key_accounts.team.members(ids["customer"])]
    assert roles == ["technical"]


def test_a_checked_sync_of_the_member_converges_without_downloading_again(
    account: tuple[Laptop, Laptop, dict[str, str]],
) -> None:
    _rep1, rep3, ids = account
    report = rep3.engine.sync(verify=True)
    assert (report.drift, report.reset, report.pulled) == (False, False, 0)
    assert ids["customer"] in _held(rep3)["customer"]


def test_a_team_member_writes_nothing_of_the_account(
    account: tuple[Laptop, Laptop, dict[str, str]], api: Callable[[str], Api]
) -> None:
    _rep1, _rep3, ids = account
    rep3 = api("rep3")
    assert ids["other"] not in rep3.rows("customer")
    customer = rep3.rows("customer")[ids["customer"]]
    attempts: list[dict[str, Any]] = [
        {
            "name": "update",
            "entity": "customer",
            "row_id": ids["customer"],
            "base_version": customer["version"],
            "patch": {"name": "改名"},
        },
        {"name": "delete", "entity": "contact", "row_id": ids["contact"], "base_version": 1},
        {
            "name": "update",
            "entity": "account_plan",
            "row_id": ids["plan"],
            "base_version": rep3.rows("account_plan")[ids["plan"]]["version"],
            "patch": {"content": "{}"},
        },
        {
            "name": "create",
            "entity": "contact",
            "row_id": new_id(),
            "patch": {"customer_id": ids["customer"], "name": "王工", "is_key_contact": False},
        },
    ]
    for attempt in attempts:
        result = rep3.push(attempt)[0]
        assert (result["status"], result["reason"]) == ("rejected", "forbidden"), result
        if attempt["name"] != "create":  # the laptop gets the row back as the server has it
            assert result["server_row"]["id"] == attempt["row_id"], result
    assert rep3.rows("customer")[ids["customer"]]["name"] == "华东机械有限公司"
    assert ids["contact"] in rep3.rows("contact")


def test_taking_the_member_off_the_team_purges_the_account_from_their_laptop(
    account: tuple[Laptop, Laptop, dict[str, str]],
) -> None:
    rep1, rep3, ids = account
    _services(rep1).key_accounts.team.remove(ids["member"])
    _sync(rep1, rep3)
    held = _held(rep3)
    assert ids["customer"] not in held["customer"]
    assert ids["contact"] not in held["contact"]
    assert held["account_plan"] == set()
    assert held["account_team_member"] == set()
    report = rep3.engine.sync(verify=True)
    assert (report.drift, report.reset) == (False, False)


def test_a_second_role_keeps_the_account_when_one_is_removed(
    account: tuple[Laptop, Laptop, dict[str, str]], users: dict[str, str]
) -> None:
    rep1, rep3, ids = account
    team = _services(rep1).key_accounts.team
    team.add(ids["customer"], users["rep3"], "service")
    team.remove(ids["member"])
    _sync(rep1, rep3)
    assert ids["customer"] in _held(rep3)["customer"]
    assert ids["contact"] in _held(rep3)["contact"]
    report = rep3.engine.sync(verify=True)
    assert (report.drift, report.reset) == (False, False)


def test_the_owners_line_still_sees_the_account_and_the_member_the_owners_edits(
    account: tuple[Laptop, Laptop, dict[str, str]],
) -> None:
    rep1, rep3, ids = account
    services = _services(rep1)
    services.customers.save_contact(ContactDraft(customer_id=ids["customer"], name="李经理"))
    _sync(rep1, rep3)
    assert len(_held(rep3)["contact"]) == 2


def test_an_undeleted_member_row_gives_the_account_back(
    account: tuple[Laptop, Laptop, dict[str, str]], api: Callable[[str], Api]
) -> None:
    rep1, rep3, ids = account
    _services(rep1).key_accounts.team.remove(ids["member"])
    _sync(rep1, rep3)
    assert ids["customer"] not in _held(rep3)["customer"]
    owner = api("rep1")
    member = owner.rows("account_team_member")[ids["member"]]
    result = owner.push(
        {
            "name": "undelete",
            "entity": "account_team_member",
            "row_id": ids["member"],
            "base_version": member["version"],
            "patch": {"patch": {}},
        }
    )[0]
    assert result["status"] == "applied", result
    _sync(rep3)
    held = _held(rep3)
    assert (held["customer"], held["contact"]) == ({ids["customer"]}, {ids["contact"]})

"""Defector cases through the real server app: a rep's case reaches the supervisor and no
other rep, the card's lost status travels with it, and the server refuses a hand-made
case with the laptop's own words (one rulebook: domain/churn.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, MetaData, inspect
from sync_helpers import Api, Laptop, assert_converged, create_customer, customer_patch, new_id

from crm_desktop.domain.churn import DefectionDraft, check_case_columns
from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.customers.customers import CustomerService
from crm_desktop.services.customers.defections import DefectionService
from crm_desktop.services.customers.handover import HandoverRequest, HandoverService
from crm_desktop.store.models import Customer, DefectionCase
from crm_desktop.sync.server.schema import SYNCED, metadata


def sync(*laptops: Laptop) -> None:
    for one in laptops:
        report = one.engine.sync(verify=True)
        assert not report.drift
        assert one.engine.pending() == 0


def cases_of(laptop: Laptop) -> DefectionService:
    return DefectionService(laptop.store, CurrentUser(laptop.store))


def test_a_reps_case_reaches_the_supervisor_and_no_other_rep(
    laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    rep, sup, other = laptop("rep1"), laptop("sup"), laptop("rep3")
    sync(rep, sup, other)
    user = CurrentUser(rep.store)
    cid = CustomerService(rep.store, user).save(
        CustomerDraft(name="华联超市", status="active", category_spend_fen=5_000_000)
    )
    today = rep.store.clock.today()
    case_id = cases_of(rep).create(
        DefectionDraft(
            cid,
            today - dt.timedelta(days=3),
            "complete",
            ("competitor_offer", "no_aftercall"),
            interviewer="王主管",
            improvement_measures="交货后三天内回访",
        )
    )
    sync(rep, sup, other)

    [seen] = cases_of(sup).list()
    assert (seen.id, seen.customer_name, seen.root_causes) == (
        case_id,
        "华联超市",
        ("no_aftercall", "competitor_offer"),
    )
    assert cases_of(other).list() == []
    with server_engine.connect() as conn:
        row = conn.execute(
            SYNCED["defection_case"].select().where(SYNCED["defection_case"].c.id == case_id)
        ).one()
        card = conn.execute(SYNCED["customer"].select().where(SYNCED["customer"].c.id == cid)).one()
    assert (row.owner_id, row.status) == (rep.user_id, "open")
    assert (card.status, card.loss_reason, card.category_spend_fen) == (
        "lost",
        "competitor",
        5_000_000,
    )

    # The supervisor wins the customer back; the rep's laptop follows.
    cases_of(sup).win_back(case_id)
    sync(sup, rep)
    assert cases_of(rep).get(case_id).status == "won_back"
    with rep.store.reading() as s:
        customer = s.get(Customer, cid)
        assert customer is not None and customer.status == "active"
    assert_converged(rep.store, server_engine, rep.user_id)
    assert_converged(sup.store, server_engine, sup.user_id)


def _case(customer_id: str, **patch: object) -> dict[str, object]:
    return {
        "name": "create",
        "entity": "defection_case",
        "row_id": new_id(),
        "base_version": 0,
        "patch": {
            "customer_id": customer_id,
            "defection_type": "complete",
            "defected_on": "2026-11-20",
            "root_causes": "price",
            "status": "open",
            **patch,
        },
    }


def test_the_server_refuses_a_case_the_laptop_would_refuse(api: Callable[[str], Api]) -> None:
    rep = api("rep1")
    cid = create_customer(rep)
    [no_cause] = rep.push(_case(cid, root_causes=None))
    try:
        check_case_columns(
            {"customer_id": cid, "defected_on": dt.date(2026, 11, 20), "status": "open"}
            | {"defection_type": "complete"}
        )
    except ValidationError as error:
        words = error.message_en
    assert (no_cause["status"], no_cause["reason"]) == ("rejected", "invalid"), no_cause
    assert no_cause["message"] == words
    [unknown] = rep.push(_case(cid, defection_type="vanished"))
    assert unknown["reason"] == "invalid"
    [won] = rep.push(_case(cid, status="won_back"))
    assert won["reason"] == "invalid"
    good = _case(cid)
    [ok] = rep.push(good)
    assert ok["status"] == "applied", ok
    # An update that would leave a won-back case without its date is refused too.
    [bad_update] = rep.push(
        {
            "name": "update",
            "entity": "defection_case",
            "row_id": good["row_id"],
            "base_version": 1,
            "patch": {"status": "won_back"},
        }
    )
    assert bad_update["reason"] == "invalid", bad_update
    assert rep.rows("defection_case")[str(good["row_id"])]["status"] == "open"


def test_a_rep_cannot_write_a_case_for_another_reps_customer(
    api: Callable[[str], Api],
) -> None:
    rep1, rep2 = api("rep1"), api("rep2")
    cid = create_customer(rep1)
    [refused] = rep2.push(_case(cid))
    assert refused["status"] == "rejected"
    assert refused["reason"] in ("not_found", "forbidden"), refused


def test_the_server_migration_makes_the_schema_of_the_table(server_engine: Engine) -> None:
    only = MetaData(naming_convention=metadata.naming_convention)
    table = SYNCED["defection_case"].to_metadata(only)
    with server_engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={"include_name": lambda name, kind, _p: kind != "table" or name == table.name},
        )
        diff = compare_metadata(context, only)
        columns = {c["name"] for c in inspect(conn).get_columns("customers")}
    assert diff == []
    assert "category_spend_fen" in columns


def test_the_category_spend_of_a_confidential_customer_stays_in_the_owners_line(
    api: Callable[[str], Api],
) -> None:
    """The share of customer's denominator is sensitive (domain/customer.py): the admin,
    who reads every record, gets a confidential customer's category spend blank."""
    rep1, admin = api("rep1"), api("admin")
    secret = new_id()
    [created] = rep1.push(
        {
            "name": "create",
            "entity": "customer",
            "row_id": secret,
            "patch": customer_patch("甲公司", confidential=True, category_spend_fen=8_000_000),
        }
    )
    assert created["status"] == "applied", created
    assert api("sup").rows("customer")[secret]["category_spend_fen"] == 8_000_000
    assert admin.rows("customer")[secret]["category_spend_fen"] is None


def test_a_handover_moves_the_customers_cases_to_the_new_owner(
    api: Callable[[str], Api], users: dict[str, str]
) -> None:
    rep1, rep3, mgr = api("rep1"), api("rep3"), api("mgr")
    cid = create_customer(rep1)
    case = _case(cid)
    assert rep1.push(case)[0]["status"] == "applied"
    [moved] = mgr.push(
        {
            "name": "reassign_customer",
            "entity": "customer",
            "row_id": cid,
            "patch": {"to_user": users["rep3"]},
        }
    )
    assert moved["status"] == "applied", moved
    assert rep3.rows("defection_case")[str(case["row_id"])]["owner_id"] == users["rep3"]
    assert str(case["row_id"]) not in rep1.rows("defection_case")


def test_the_managers_laptop_moves_the_cases_as_the_server_does(
    api: Callable[[str], Api],
    laptop: Callable[[str, str], Laptop],
    users: dict[str, str],
    server_engine: Engine,
) -> None:
    boss, new = laptop("mgr", "boss"), laptop("rep3", "new")
    cid = create_customer(api("rep1"))
    case = _case(cid)
    assert api("rep1").push(case)[0]["status"] == "applied"
    sync(boss, new)
    handover = HandoverService(boss.store, CurrentUser(boss.store))
    handover.hand_over([HandoverRequest(cid, users["rep3"], "客户流失后由新业务员挽回")])
    with boss.store.reading() as s:  # offline: the laptop shows the move at once
        moved = s.get(DefectionCase, str(case["row_id"]))
        assert moved is not None and moved.owner_id == users["rep3"]
    sync(boss, new)
    assert [r.id for r in cases_of(new).list()] == [case["row_id"]]
    assert_converged(boss.store, server_engine, boss.user_id)

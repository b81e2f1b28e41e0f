"""撞单 report: the same company under two reps, shared open opportunities, other reps'
visits; one row per customer, within the user's scope."""

from __future__ import annotations

import datetime as dt

import pytest
from pipeline_helpers import Org, add_customer, log_visit, make_org

from crm_desktop.domain.normalize import company_name_key, phone_key, tax_id_key
from crm_desktop.domain.stages import StageChange
from crm_desktop.services.container import Services
from crm_desktop.services.customers.double_pursuit import double_pursuit
from crm_desktop.services.pipeline.pipeline import OpportunityDraft
from crm_desktop.store.models import Opportunity
from crm_desktop.store.unit_of_work import UnitOfWork

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def org(services: Services) -> Org:
    return make_org(services)


def _company(services: Services, name: str, owner: str, **keys: str | None) -> str:
    return add_customer(services, name, owner, name_key=company_name_key(name), **keys)


def _foreign_opportunity(services: Services, customer_id: str, owner: str, stage: str) -> None:
    """Another rep's opportunity on the customer, as the sync would deliver it (no rep can
    open one on a customer not theirs, but a handover or an old record leaves them)."""
    with UnitOfWork(services.store, owner) as uow:
        uow.session.add(
            Opportunity(customer_id=customer_id, name="二期", stage_code=stage, owner_id=owner)
        )
        uow.commit()


def _report(services: Services, who: str, days: int = 90) -> dict[str, tuple[object, ...]]:
    services.user.switch(who)
    return {
        r.customer_name: (r.owners, r.reason_zh, r.reason_en, r.opportunity_count)
        for r in double_pursuit(services.store, services.actor, TODAY, days)
    }


def test_same_normalised_name_under_two_reps(services: Services, org: Org) -> None:
    _company(services, "上海华联超市有限公司", org.rep_a)
    _company(services, "上海华联超市", org.rep_b)
    _company(services, "沃尔玛", org.rep_a)
    found = _report(services, org.sup)
    assert found == {
        "上海华联超市有限公司": (
            ("张三", "李四"),
            "同名客户由不同销售员负责",
            "A customer of the same name belongs to another rep",
            0,
        ),
        "上海华联超市": (
            ("张三", "李四"),
            "同名客户由不同销售员负责",
            "A customer of the same name belongs to another rep",
            0,
        ),
    }


def test_a_reps_own_duplicates_are_not_a_pursuit(services: Services, org: Org) -> None:
    _company(services, "上海华联超市有限公司", org.rep_a)
    _company(services, "上海华联超市", org.rep_a)
    assert _report(services, org.admin) == {}


def test_same_phone_or_tax_id(services: Services, org: Org) -> None:
    _company(services, "甲公司", org.rep_a, phone_key=phone_key("021-5555 1234"))
    _company(services, "乙公司", org.rep_c, phone_key=phone_key("02155551234"))
    _company(services, "丙公司", org.rep_a, tax_key=tax_id_key("91310000MA1K"))
    _company(services, "丁公司", org.rep_b, tax_key=tax_id_key("91310000ma1k"))
    found = _report(services, org.manager)
    assert {name: row[1] for name, row in found.items()} == {
        "甲公司": "同电话客户由不同销售员负责",
        "乙公司": "同电话客户由不同销售员负责",
        "丙公司": "同税号客户由不同销售员负责",
        "丁公司": "同税号客户由不同销售员负责",
    }
    assert found["乙公司"][0] == ("张三", "王五")


def test_scope_lists_only_visible_customers_but_names_every_rep(
    services: Services, org: Org
) -> None:
    _company(services, "上海华联超市", org.rep_a)
    _company(services, "上海华联超市有限公司", org.rep_c)  # outside sup's team
    found = _report(services, org.rep_a)
    assert list(found) == ["上海华联超市"]
    assert found["上海华联超市"][0] == ("张三", "王五")
    assert list(_report(services, org.sup)) == ["上海华联超市"]
    assert _report(services, org.rep_b) == {}
    assert len(_report(services, org.admin)) == 2


def test_open_opportunities_of_several_reps(services: Services, org: Org) -> None:
    cid = _company(services, "华联超市", org.rep_a)
    services.user.switch(org.sup)
    services.pipeline.create(OpportunityDraft(cid, "一期"))
    _foreign_opportunity(services, cid, org.rep_b, "research")
    found = _report(services, org.sup)
    assert found == {
        "华联超市": (("张三", "李四"), "多人有未结商机", "Open opportunities of several reps", 2)
    }


def test_closed_opportunities_do_not_count(services: Services, org: Org) -> None:
    cid = _company(services, "华联超市", org.rep_a)
    services.user.switch(org.rep_a)
    mine = services.pipeline.create(OpportunityDraft(cid, "一期"))
    _foreign_opportunity(services, cid, org.rep_b, "bid")
    assert len(_report(services, org.sup)) == 1
    services.user.switch(org.rep_a)
    services.pipeline.move(mine, "lost", StageChange(lost_reason="价格", winning_competitor="乙"))
    assert _report(services, org.sup) == {}


def test_visits_by_other_reps_within_the_window(services: Services, org: Org) -> None:
    cid = _company(services, "华联超市", org.rep_a)
    log_visit(services, cid, org.rep_a, TODAY)  # the owner's own visit: no reason
    assert _report(services, org.sup) == {}
    log_visit(services, cid, org.rep_b, TODAY - dt.timedelta(days=100))
    assert _report(services, org.sup) == {}
    assert list(_report(services, org.sup, days=120)) == ["华联超市"]
    log_visit(services, cid, org.rep_c, TODAY - dt.timedelta(days=3))
    found = _report(services, org.manager)
    assert found == {"华联超市": (("张三", "王五"), "多人拜访", "Visited by several reps", 0)}


def test_reasons_merge_into_one_row(services: Services, org: Org) -> None:
    cid = _company(services, "上海华联超市", org.rep_a)
    _company(services, "上海华联超市有限公司", org.rep_b)
    log_visit(services, cid, org.rep_c, TODAY)
    found = _report(services, org.manager)
    owners, zh, en, _count = found["上海华联超市"]
    assert owners == ("张三", "李四", "王五")
    assert zh == "同名客户由不同销售员负责；多人拜访"
    assert en == "A customer of the same name belongs to another rep; Visited by several reps"
    assert found["上海华联超市有限公司"][0] == ("张三", "李四")

"""Sales methods admin: the list, saving a method's stages as a whole, admin only."""

from __future__ import annotations

import dataclasses

import pytest
from pipeline_helpers import Org, add_customer, make_org, outbox

from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.picklists import ControlMode
from crm_desktop.domain.stages import DEFAULT_STAGES, StageDef
from crm_desktop.services.container import Services
from crm_desktop.services.pipeline.pipeline import OpportunityDraft
from crm_desktop.services.pipeline.sales_methods import MethodRow


@pytest.fixture
def org(services: Services) -> Org:
    made = make_org(services)
    services.user.switch(made.admin)
    return made


def _with(which: str, **changes: object) -> list[StageDef]:
    return [dataclasses.replace(s, **changes) if s.code == which else s for s in DEFAULT_STAGES]  # type: ignore[arg-type]


def test_the_built_in_method_is_listed_before_it_is_stored(services: Services, org: Org) -> None:
    methods = services.sales_methods
    assert methods.methods() == [MethodRow("standard", "标准销售方法", 7)]
    assert methods.stages("standard") == list(DEFAULT_STAGES)
    assert methods.can_edit


def test_save_stores_the_method_and_its_stages(services: Services, org: Org) -> None:
    stages = _with("bid", control_mode=ControlMode.STRICT, min_visits=2, requires_amount=True)
    services.sales_methods.save("standard", "标准销售方法", stages)
    assert services.sales_methods.stages("standard") == stages
    assert services.pipeline.stages() == stages
    creates = [(n, e) for n, e, _r, _p in outbox(services) if e.startswith("sales_")]
    assert creates == [("create", "sales_method")] + [("create", "sales_stage")] * 7


def test_save_again_sends_only_what_changed(services: Services, org: Org) -> None:
    services.sales_methods.save("standard", "标准销售方法", list(DEFAULT_STAGES))
    before = len(outbox(services))
    renamed = _with("research", name_zh="需求确认", probability_pct=30)
    without_bid = [s for s in renamed if s.code != "bid"]
    extra = StageDef("pilot", "试点", "Pilot", 60, 4, "open")
    services.sales_methods.save("standard", "标准方法", [*without_bid, extra])
    sent = [(n, e, p) for n, e, _r, p in outbox(services)[before:]]
    assert ("update", "sales_method", {"name": "标准方法"}) in sent
    assert ("update", "sales_stage", {"name_zh": "需求确认", "probability_pct": 30}) in sent
    assert ("delete", "sales_stage", {"deleted": True}) in sent
    assert [n for n, e, _p in sent if e == "sales_stage"].count("create") == 1
    assert len(sent) == 4
    codes = [s.code for s in services.sales_methods.stages("standard")]
    assert codes == ["discover", "research", "proposal", "pilot", "contract", "won", "lost"]
    assert services.sales_methods.methods() == [MethodRow("standard", "标准方法", 7)]


def test_a_stage_holding_opportunities_cannot_be_removed(services: Services, org: Org) -> None:
    services.user.switch(org.rep_a)
    cid = add_customer(services, "华联超市", org.rep_a)
    services.pipeline.create(OpportunityDraft(cid, "ERP"), "bid")
    services.user.switch(org.admin)
    with pytest.raises(ValidationError) as info:
        services.sales_methods.save(
            "standard", "标准销售方法", [s for s in DEFAULT_STAGES if s.code != "bid"]
        )
    assert "bid" in info.value.message_en and "1" in info.value.message_en
    assert services.sales_methods.stages("standard") == list(DEFAULT_STAGES)


def test_another_method(services: Services, org: Org) -> None:
    short = [s for s in DEFAULT_STAGES if s.code in ("discover", "won", "lost")]
    services.sales_methods.save("quick", "快速成交", short)
    rows = services.sales_methods.methods()
    assert MethodRow("quick", "快速成交", 3) in rows and rows[0].code == "standard"
    assert services.sales_methods.stages("quick") == short


@pytest.mark.parametrize(
    "stages",
    [
        [s for s in DEFAULT_STAGES if s.is_closed],  # no open stage
        _with("bid", probability_pct=120),
        _with("bid", code="discover"),
        _with("bid", code="x" * 31),
    ],
)
def test_save_validates(services: Services, org: Org, stages: list[StageDef]) -> None:
    with pytest.raises(ValidationError):
        services.sales_methods.save("standard", "标准销售方法", stages)
    with pytest.raises(ValidationError):
        services.sales_methods.save(" ", "标准销售方法", list(DEFAULT_STAGES))
    assert [e for _n, e, _r, _p in outbox(services) if e.startswith("sales_")] == []


@pytest.mark.parametrize("who", ["rep_a", "sup", "manager"])
def test_only_an_admin_may_save(services: Services, org: Org, who: str) -> None:
    services.user.switch(getattr(org, who))
    assert not services.sales_methods.can_edit
    with pytest.raises(UserFacingError):
        services.sales_methods.save("standard", "标准销售方法", list(DEFAULT_STAGES))
    assert services.sales_methods.methods() == [MethodRow("standard", "标准销售方法", 7)]

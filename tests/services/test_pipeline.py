"""The pipeline service: scope, list and totals, the card, and stage moves as commands."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from fixed_time import fixed_clock
from pipeline_helpers import Org, add_customer, log_visit, make_org, outbox
from sqlalchemy import delete, select

from crm_desktop.domain.errors import TransitionError, UserFacingError, ValidationError
from crm_desktop.domain.picklists import ControlMode
from crm_desktop.domain.stages import DEFAULT_STAGES, StageChange
from crm_desktop.services.container import Services
from crm_desktop.services.pipeline.pipeline import OpportunityDraft, OpportunityFilter
from crm_desktop.store.models import Opportunity, OutboxEntry, StageHistory
from crm_desktop.store.unit_of_work import UnitOfWork

TODAY = fixed_clock().utcnow().date()
WON = StageChange(won_date=dt.date(2026, 11, 20), won_reason="方案最优")
LOST = StageChange(lost_reason="价格太高", winning_competitor="竞品甲")


@pytest.fixture
def org(services: Services) -> Org:
    made = make_org(services)
    services.user.switch(made.rep_a)
    return made


def _opp(
    services: Services,
    customer_id: str,
    name: str = "ERP 项目",
    amount_fen: int = 1_000_000,
    close: dt.date | None = None,
    stage: str | None = None,
) -> str:
    draft = OpportunityDraft(customer_id, name, amount_fen, close, "竞品甲", "约技术交流")
    return services.pipeline.create(draft, stage)


def _clear_outbox(services: Services) -> None:
    with UnitOfWork(services.store, None) as uow:
        uow.session.execute(delete(OutboxEntry))
        uow.commit()


# --- create and update --------------------------------------------------------------


def test_create_starts_at_the_first_open_stage_with_a_history_row(
    services: Services, org: Org
) -> None:
    cid = add_customer(services, "华联超市", org.rep_a)
    _clear_outbox(services)
    oid = _opp(services, cid)
    card = services.pipeline.card(oid)
    assert (card.stage_code, card.owner_id, card.owner_name) == ("discover", org.rep_a, "张三")
    assert card.customer_name == "华联超市" and card.editable
    [first] = card.history
    assert (first.from_stage, first.to_stage, first.changed_by_name) == (None, "discover", "张三")
    # Both travel as creates, the opportunity first (the server checks the reference).
    assert [(name, entity) for name, entity, _row, _patch in outbox(services)] == [
        ("create", "opportunity"),
        ("create", "stage_history"),
    ]


def test_create_in_a_given_open_stage(services: Services, org: Org) -> None:
    cid = add_customer(services, "华联超市", org.rep_a)
    oid = _opp(services, cid, stage="research")
    assert services.pipeline.card(oid).stage_code == "research"
    with pytest.raises(ValidationError):
        _opp(services, cid, stage="won")
    with pytest.raises(ValidationError):
        _opp(services, cid, stage="moon")


@pytest.mark.parametrize(
    ("name", "amount", "field"), [("  ", 0, "name"), ("x" * 201, 0, "name"), ("ok", -1, "amount")]
)
def test_create_validates_the_draft(
    services: Services, org: Org, name: str, amount: int, field: str
) -> None:
    cid = add_customer(services, "华联超市", org.rep_a)
    with pytest.raises(ValidationError) as info:
        services.pipeline.create(OpportunityDraft(cid, name, amount))
    assert info.value.field == field


def test_rep_cannot_open_an_opportunity_on_anothers_customer(services: Services, org: Org) -> None:
    theirs = add_customer(services, "别人的客户", org.rep_b)
    with pytest.raises(ValidationError):
        _opp(services, theirs)
    with pytest.raises(ValidationError):
        _opp(services, "no-such-customer")


def test_supervisor_opens_it_for_the_customers_rep(services: Services, org: Org) -> None:
    cid = add_customer(services, "华联超市", org.rep_b)
    services.user.switch(org.sup)
    oid = _opp(services, cid)
    assert services.pipeline.card(oid).owner_id == org.rep_b


def test_update_sends_only_the_changed_fields(services: Services, org: Org) -> None:
    cid = add_customer(services, "华联超市", org.rep_a)
    oid = _opp(services, cid, close=dt.date(2026, 12, 1))
    _clear_outbox(services)
    card = services.pipeline.card(oid)
    services.pipeline.update(oid, dataclasses.replace(card.draft, next_step="  报价  "))
    assert services.pipeline.card(oid).draft.next_step == "报价"
    assert [(n, e, p) for n, e, _r, p in outbox(services)] == [
        ("update", "opportunity", {"next_step": "报价"})
    ]


def test_manager_cannot_change_a_reps_opportunity(services: Services, org: Org) -> None:
    cid = add_customer(services, "华联超市", org.rep_a)
    oid = _opp(services, cid)
    services.user.switch(org.manager)
    card = services.pipeline.card(oid)  # sees it
    assert not card.editable
    with pytest.raises(TransitionError):
        services.pipeline.update(oid, card.draft)
    with pytest.raises(TransitionError):
        services.pipeline.move(oid, "research", StageChange())


# --- scope, list, totals ------------------------------------------------------------


def _three_reps(services: Services, org: Org) -> dict[str, str]:
    ids = {}
    for rep, customer in ((org.rep_a, "甲公司"), (org.rep_b, "乙公司"), (org.rep_c, "丙公司")):
        services.user.switch(rep)
        cid = add_customer(services, customer, rep)
        ids[rep] = _opp(services, cid, name=f"{customer}项目")
    return ids


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("rep_a", {"rep_a"}),
        ("sup", {"rep_a", "rep_b"}),
        ("manager", {"rep_a", "rep_b", "rep_c"}),
        ("admin", {"rep_a", "rep_b", "rep_c"}),
    ],
)
def test_rows_follow_the_org_tree(services: Services, org: Org, who: str, sees: set[str]) -> None:
    ids = _three_reps(services, org)
    services.user.switch(getattr(org, who))
    rows = services.pipeline.rows()
    assert {r.id for r in rows} == {ids[getattr(org, rep)] for rep in sees}
    assert {r.owner_id for r in rows} == {getattr(org, rep) for rep in sees}
    owners = services.pipeline.owners()
    assert {uid for uid, _name in owners} == {getattr(org, rep) for rep in sees}
    assert [name for _uid, name in owners] == sorted(name for _uid, name in owners)
    hidden = set(ids.values()) - {r.id for r in rows}
    for oid in hidden:
        with pytest.raises(UserFacingError):
            services.pipeline.card(oid)


def test_rows_order_fields_and_weighting(services: Services, org: Org) -> None:
    cid = add_customer(services, "华联超市股份有限公司", org.rep_a, short_name="华联")
    late = _opp(services, cid, "B 单", 1_005, dt.date(2026, 12, 31), stage="research")
    undated = _opp(services, cid, "A 单", 2_000, None)
    early = _opp(services, cid, "C 单", 3_000, dt.date(2026, 12, 1))
    rows = services.pipeline.rows()
    assert [r.id for r in rows] == [early, late, undated]
    row = rows[1]
    assert (row.customer_name, row.owner_name) == ("华联超市股份有限公司", "张三")
    assert row.stage_code == "research"
    assert (row.probability_pct, row.amount_fen, row.weighted_fen) == (25, 1_005, 251)
    assert row.stage_since == TODAY and row.next_step == "约技术交流"


def test_filters(services: Services, org: Org) -> None:
    ids = _three_reps(services, org)
    services.user.switch(org.sup)
    cid = add_customer(services, "沃尔玛", org.rep_a, short_name="WMT_100%")
    special = _opp(services, cid, "扩店", close=dt.date(2026, 12, 1))
    pipeline = services.pipeline

    def found(**kwargs: object) -> set[str]:
        return {r.id for r in pipeline.rows(OpportunityFilter(**kwargs))}  # type: ignore[arg-type]

    assert found(text="甲公司") == {ids[org.rep_a]}
    assert found(text="扩店") == {special}
    assert found(text="wmt_100%") == {special}  # customer short name; % and _ are literal
    assert found(text="1%") == set()
    assert found(owner_id=org.rep_b) == {ids[org.rep_b]}
    assert found(owner_id=org.rep_c) == set()  # outside the supervisor's scope
    assert found(closing_by=dt.date(2026, 12, 1)) == {special}
    services.user.switch(org.rep_a)
    services.pipeline.move(special, "lost", LOST)
    services.user.switch(org.sup)
    assert found(stage_code="lost") == {special}
    assert found(open_only=True) == {ids[org.rep_a], ids[org.rep_b]}
    assert [t.count for t in pipeline.totals(OpportunityFilter(open_only=True))][-1] == 0


def test_totals_every_stage_in_order_rounded_per_opportunity(services: Services, org: Org) -> None:
    cid = add_customer(services, "华联超市", org.rep_a)
    # 2 fen at 25 % is 0.5 fen each: 1 fen per opportunity, 2 in all (not 1 of the sum).
    first = _opp(services, cid, "一", 2, stage="research")
    second = _opp(services, cid, "二", 2, stage="research")
    _opp(services, cid, "三", 1_000_000, stage="contract")
    totals = services.pipeline.totals()
    assert [t.stage.code for t in totals] == [s.code for s in DEFAULT_STAGES]
    by_code = {t.stage.code: t for t in totals}
    assert (by_code["research"].count, by_code["research"].amount_fen) == (2, 4)
    assert by_code["research"].weighted_fen == 2
    assert by_code["contract"].weighted_fen == 900_000
    assert (by_code["bid"].count, by_code["bid"].amount_fen, by_code["bid"].weighted_fen) == (
        0,
        0,
        0,
    )
    rows = {r.id: r for r in services.pipeline.rows()}
    assert rows[first].weighted_fen + rows[second].weighted_fen == by_code["research"].weighted_fen
    services.user.switch(org.rep_b)
    assert all(t.count == 0 for t in services.pipeline.totals())


# --- moves --------------------------------------------------------------------------


def test_move_applies_locally_and_records_the_command_only(services: Services, org: Org) -> None:
    cid = add_customer(services, "华联超市", org.rep_a)
    oid = _opp(services, cid)
    _clear_outbox(services)
    services.pipeline.move(oid, "research", StageChange(), note="客户有预算")
    card = services.pipeline.card(oid)
    assert card.stage_code == "research"
    assert [(h.from_stage, h.to_stage, h.note) for h in card.history] == [
        (None, "discover", None),
        ("discover", "research", "客户有预算"),
    ]
    [(name, entity, row_id, patch)] = outbox(services)
    assert (name, entity, row_id) == ("change_stage", "opportunity", oid)
    with services.store.reading() as s:
        history_id = s.scalar(select(StageHistory.id).where(StageHistory.to_stage == "research"))
    assert patch == {
        "stage": "research",
        "won_on": None,
        "won_reason": None,
        "lost_reason": None,
        "winning_competitor": None,
        "note": "客户有预算",
        "history_id": history_id,
    }


def test_default_method_warns_and_the_move_goes_through(services: Services, org: Org) -> None:
    cid = add_customer(services, "华联超市", org.rep_a)
    oid = _opp(services, cid, stage="research")
    [warning] = services.pipeline.check_move(oid, "proposal", StageChange())
    assert "制作方案" in warning.zh
    services.pipeline.move(oid, "proposal", StageChange())
    assert services.pipeline.card(oid).stage_code == "proposal"


def _strict_method(services: Services, org: Org) -> None:
    stages = [
        dataclasses.replace(s, control_mode=ControlMode.STRICT, min_visits=1, requires_amount=True)
        if s.code == "bid"
        else s
        for s in DEFAULT_STAGES
    ]
    rep = services.actor.user_id
    services.user.switch(org.admin)
    services.sales_methods.save("standard", "标准销售方法", stages)
    services.user.switch(rep)


def test_strict_condition_refuses_the_move_with_the_reason(services: Services, org: Org) -> None:
    _strict_method(services, org)
    cid = add_customer(services, "华联超市", org.rep_a)
    oid = _opp(services, cid, amount_fen=0, stage="proposal")
    log_visit(services, cid, org.rep_a, TODAY - dt.timedelta(days=1))  # before the stage
    _clear_outbox(services)
    assert services.pipeline.card(oid).visits_in_stage == 0
    for attempt in (services.pipeline.check_move, services.pipeline.move):
        with pytest.raises(TransitionError) as info:
            attempt(oid, "bid", StageChange())
        assert "拜访" in info.value.message_zh and "报价金额" in info.value.message_zh
        assert "quoted amount" in info.value.message_en
    card = services.pipeline.card(oid)
    assert card.stage_code == "proposal" and len(card.history) == 1
    assert outbox(services) == []
    log_visit(services, cid, org.rep_a, TODAY)
    services.pipeline.update(oid, dataclasses.replace(card.draft, amount_fen=5_000))
    assert services.pipeline.card(oid).visits_in_stage == 1
    assert services.pipeline.check_move(oid, "bid", StageChange()) == []
    services.pipeline.move(oid, "bid", StageChange())
    assert services.pipeline.card(oid).stage_code == "bid"


def test_won_needs_date_and_reason_and_is_final(services: Services, org: Org) -> None:
    cid = add_customer(services, "华联超市", org.rep_a)
    oid = _opp(services, cid, stage="contract")
    with pytest.raises(TransitionError):
        services.pipeline.move(oid, "won", StageChange(won_reason="价格"))
    services.pipeline.move(oid, "won", WON)
    card = services.pipeline.card(oid)
    assert (card.stage_code, card.won_on, card.won_reason, card.closed_on) == (
        "won",
        WON.won_date,
        "方案最优",
        WON.won_date,
    )
    with pytest.raises(TransitionError):
        services.pipeline.move(oid, "contract", StageChange())
    with pytest.raises(TransitionError):
        services.pipeline.demote(oid)


def test_lost_needs_reason_and_competitor_then_demotes_to_potential(
    services: Services, org: Org
) -> None:
    cid = add_customer(services, "华联超市", org.rep_a)
    oid = _opp(services, cid, stage="bid")
    with pytest.raises(TransitionError) as info:
        services.pipeline.move(oid, "lost", StageChange(lost_reason="价格"))
    assert "竞争对手" in info.value.message_zh
    services.pipeline.move(oid, "lost", LOST)
    card = services.pipeline.card(oid)
    assert (card.lost_reason, card.winning_competitor, card.closed_on) == (
        "价格太高",
        "竞品甲",
        TODAY,
    )
    with pytest.raises(TransitionError):
        services.pipeline.move(oid, "bid", StageChange())  # only back to potential
    services.pipeline.demote(oid, note="客户明年再议")
    card = services.pipeline.card(oid)
    assert card.stage_code == "discover"
    assert (card.lost_reason, card.winning_competitor, card.closed_on) == (None, None, None)
    assert [h.to_stage for h in card.history] == ["bid", "lost", "discover"]
    name, _entity, _row, patch = outbox(services)[-1]
    assert (name, patch["stage"], patch["note"]) == ("change_stage", "discover", "客户明年再议")


def test_demote_refuses_an_open_opportunity(services: Services, org: Org) -> None:
    cid = add_customer(services, "华联超市", org.rep_a)
    oid = _opp(services, cid, stage="bid")
    with pytest.raises(TransitionError):
        services.pipeline.demote(oid)
    assert services.pipeline.card(oid).stage_code == "bid"


def test_history_hides_a_move_the_server_refused(services: Services, org: Org) -> None:
    cid = add_customer(services, "华联超市", org.rep_a)
    oid = _opp(services, cid)
    services.pipeline.move(oid, "research", StageChange())
    assert len(services.pipeline.card(oid).history) == 2
    # What a refused push leaves: the command settled (gone from the outbox) and the
    # server's row written back; the laptop's history row has no server twin.
    with UnitOfWork(services.store, None) as uow:
        uow.session.execute(delete(OutboxEntry).where(OutboxEntry.name == "change_stage"))
        uow.session.get_one(Opportunity, oid).stage_code = "discover"
        uow.commit()
    card = services.pipeline.card(oid)
    assert [h.to_stage for h in card.history] == ["discover"]
    assert services.pipeline.rows()[0].stage_since == TODAY

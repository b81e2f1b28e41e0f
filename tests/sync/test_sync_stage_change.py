"""Stage changes through the server: conditions with their control mode, the visits of
the current stage, demotion, and a laptop's moves converging to one history row each."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, func, select
from sync_helpers import Api, Laptop, assert_converged, customer_patch, new_id

from crm_desktop.domain.picklists import ControlMode
from crm_desktop.domain.stages import DEFAULT_STAGES, StageChange
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.pipeline.pipeline import OpportunityDraft, PipelineService
from crm_desktop.services.pipeline.sales_methods import SalesMethodService
from crm_desktop.store.models import Customer, StageHistory
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.server.schema import SYNCED


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _create(rep: Api, entity: str, patch: dict[str, Any]) -> str:
    row_id = new_id()
    result = rep.push({"name": "create", "entity": entity, "row_id": row_id, "patch": patch})
    assert result[0]["status"] == "applied", result
    return row_id


def _strict_bid(admin: Api, without: str | None = None) -> None:
    """The standard method with 投标 strict: a visit in the stage and a quote amount
    (and, when `without` names one, with that stage removed)."""
    for stage in DEFAULT_STAGES:
        if stage.code == without:
            continue
        _create(
            admin,
            "sales_stage",
            {
                "method_code": "standard",
                "code": stage.code,
                "name_zh": stage.name_zh,
                "name_en": stage.name_en,
                "probability_pct": stage.probability_pct,
                "position": stage.position,
                "outcome": stage.outcome,
                "min_visits": 1 if stage.code == "bid" else 0,
                "requires_amount": stage.code == "bid",
                "control_mode": "strict" if stage.code == "bid" else "none",
                "deleted": False,
            },
        )


def _visit(rep: Api, cid: str, day: dt.date) -> None:
    rid = _create(
        rep,
        "daily_report",
        {"report_date": day.isoformat(), "attendance": "present", "deleted": False},
    )
    _create(
        rep,
        "visit_record",
        {
            "report_id": rid,
            "customer_id": cid,
            "visit_date": day.isoformat(),
            "purpose": "other",
            "deleted": False,
        },
    )


def test_strict_violation_pushed_to_the_server_is_rejected(api: Callable[[str], Api]) -> None:
    admin, rep = api("admin"), api("rep1")
    _strict_bid(admin)
    cid = _create(rep, "customer", customer_patch("华联超市"))
    oid = _create(
        rep,
        "opportunity",
        {
            "customer_id": cid,
            "name": "大单",
            "amount_fen": 0,
            "stage_code": "proposal",
            "method_code": "standard",
            "deleted": False,
        },
    )
    move = {"name": "change_stage", "entity": "opportunity", "row_id": oid}
    _visit(rep, cid, _today() - dt.timedelta(days=1))  # before the stage was entered
    [refused] = rep.push({**move, "patch": {"stage": "bid"}})
    assert (refused["status"], refused["reason"]) == ("rejected", "transition")
    assert "visit" in refused["message"] and "quoted amount" in refused["message"]
    assert rep.rows("opportunity")[oid]["stage_code"] == "proposal"
    assert rep.rows("stage_history") == {}

    _visit(rep, cid, _today())
    amount = {
        "name": "update",
        "entity": "opportunity",
        "row_id": oid,
        "base_version": 1,
        "patch": {"amount_fen": 500_000},
        "base_values": {"amount_fen": 0},
    }
    assert rep.push(amount)[0]["status"] == "applied"
    assert rep.push({**move, "patch": {"stage": "bid"}})[0]["status"] == "applied"
    assert rep.rows("opportunity")[oid]["stage_code"] == "bid"


def test_a_card_in_a_stage_its_method_no_longer_has_can_leave_it(
    api: Callable[[str], Api],
) -> None:
    # The laptop lets it go (domain.stages.current_stage); the server used to refuse the
    # move as an unknown stage, so the card was stuck on every laptop.
    admin, rep = api("admin"), api("rep1")
    cid = _create(rep, "customer", customer_patch("华联超市"))
    patch = {"customer_id": cid, "name": "单", "stage_code": "research", "deleted": False}
    oid = _create(rep, "opportunity", patch)
    _strict_bid(admin, without="research")
    move = {"name": "change_stage", "entity": "opportunity", "row_id": oid}
    [moved] = rep.push({**move, "patch": {"stage": "proposal"}})
    assert moved["status"] == "applied", moved
    assert rep.rows("opportunity")[oid]["stage_code"] == "proposal"


def test_warn_mode_does_not_block_on_the_server(api: Callable[[str], Api]) -> None:
    rep = api("rep1")  # no stored stages: the built-in method, which only warns
    cid = _create(rep, "customer", customer_patch("华联超市"))
    patch = {"customer_id": cid, "name": "单", "stage_code": "proposal", "deleted": False}
    oid = _create(rep, "opportunity", patch)
    move = {"name": "change_stage", "entity": "opportunity", "row_id": oid}
    assert rep.push({**move, "patch": {"stage": "bid"}})[0]["status"] == "applied"


def test_demotion_on_the_server_clears_the_close(api: Callable[[str], Api]) -> None:
    rep = api("rep1")
    cid = _create(rep, "customer", customer_patch("华联超市"))
    patch = {"customer_id": cid, "name": "单", "stage_code": "bid", "deleted": False}
    oid = _create(rep, "opportunity", patch)
    move = {"name": "change_stage", "entity": "opportunity", "row_id": oid}
    lost = {"stage": "lost", "lost_reason": "价格", "winning_competitor": "竞品甲"}
    assert rep.push({**move, "patch": lost})[0]["status"] == "applied"
    assert rep.push({**move, "patch": {"stage": "bid"}})[0]["reason"] == "transition"
    assert rep.push({**move, "patch": {"stage": "discover"}})[0]["status"] == "applied"
    row = rep.rows("opportunity")[oid]
    assert row["stage_code"] == "discover"
    assert (row["lost_reason"], row["winning_competitor"], row["closed_on"]) == (None, None, None)


def _signed_in(laptop: Laptop) -> CurrentUser:
    """The laptop's user once the first sync brought the org directory."""
    laptop.engine.sync()
    user = CurrentUser(laptop.store)
    assert user.actor.user_id == laptop.user_id
    return user


def _pipeline(laptop: Laptop) -> PipelineService:
    return PipelineService(laptop.store, _signed_in(laptop))


def _customer(laptop: Laptop, name: str) -> str:
    with UnitOfWork(laptop.store, laptop.user_id) as uow:
        customer = Customer(name=name, name_key=name, owner_id=laptop.user_id)
        uow.session.add(customer)
        uow.commit()
        return customer.id


def test_laptop_moves_converge_with_one_history_row_each(
    laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    rep = laptop("rep1")
    pipeline = _pipeline(rep)
    cid = _customer(rep, "华联超市")
    oid = pipeline.create(OpportunityDraft(cid, "ERP 项目", 1_000_000))
    pipeline.move(oid, "research", StageChange(), note="有预算")
    pipeline.move(oid, "lost", StageChange(lost_reason="价格", winning_competitor="竞品甲"))
    report = rep.engine.sync()
    assert (report.rejected, report.conflicts, report.reset) == (0, 0, False), report.messages
    assert_converged(rep.store, server_engine, rep.user_id)
    pipeline.demote(oid, note="明年再议")
    report = rep.engine.sync()
    assert (report.rejected, report.conflicts, report.reset) == (0, 0, False), report.messages
    assert_converged(rep.store, server_engine, rep.user_id)

    history = SYNCED["stage_history"]
    with server_engine.connect() as conn:
        rows = conn.execute(
            select(history.c.from_stage, history.c.to_stage, history.c.note)
            .where(history.c.opportunity_id == oid)
            .order_by(history.c.changed_at, history.c.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        (None, "discover", None),
        ("discover", "research", "有预算"),
        ("research", "lost", None),
        ("lost", "discover", "明年再议"),
    ]
    card = pipeline.card(oid)
    assert [h.to_stage for h in card.history] == ["discover", "research", "lost", "discover"]
    assert (card.stage_code, card.lost_reason, card.closed_on) == ("discover", None, None)


def test_a_move_the_server_refuses_leaves_no_history_on_the_laptop(
    laptop: Callable[[str], Laptop], server_engine: Engine
) -> None:
    """The rep moved offline under the old rules; meanwhile 投标 became strict."""
    rep, admin = laptop("rep1"), laptop("admin")
    pipeline = _pipeline(rep)
    oid = pipeline.create(OpportunityDraft(_customer(rep, "华联超市"), "ERP 项目", 1_000_000))
    rep.engine.sync()
    stages = [
        dataclasses.replace(s, min_visits=1, control_mode=ControlMode.STRICT)
        if s.code == "bid"
        else s
        for s in DEFAULT_STAGES
    ]
    SalesMethodService(admin.store, _signed_in(admin)).save("standard", "标准销售方法", stages)
    admin.engine.sync()

    pipeline.move(oid, "bid", StageChange())
    with rep.store.reading() as s:
        assert s.scalar(select(func.count()).where(StageHistory.version < 0)) == 1
    report = rep.engine.sync()

    assert report.rejected == 1, report.messages
    with rep.store.reading() as s:
        assert s.scalar(select(func.count()).where(StageHistory.version < 0)) == 0
    assert_converged(rep.store, server_engine, rep.user_id)
    card = pipeline.card(oid)
    assert (card.stage_code, [h.to_stage for h in card.history]) == ("discover", ["discover"])


def test_a_stage_condition_reaches_every_laptop(laptop: Callable[[str], Laptop]) -> None:
    admin = laptop("admin")
    methods = SalesMethodService(admin.store, _signed_in(admin))
    stages = [
        dataclasses.replace(s, requires_amount=True, control_mode=ControlMode.STRICT)
        if s.code == "proposal"
        else s
        for s in DEFAULT_STAGES
    ]
    methods.save("standard", "标准销售方法", stages)
    admin.engine.sync()
    rep = laptop("rep1")
    proposal = next(s for s in _pipeline(rep).stages() if s.code == "proposal")
    assert proposal.requires_amount and proposal.control_mode is ControlMode.STRICT

"""End to end through the real server app from laptops' real services: the rep plans and
reports, the supervisor countersigns, signs, reopens and returns, the rep moves a deal's
stage, the manager hands a customer over; every laptop ends with the server's rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Engine
from sync_helpers import Api, Laptop, assert_converged, laptop_rows

from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.daily import PlanItemDraft, ReportDraft, VisitDraft
from crm_desktop.domain.stages import StageChange
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.container import Services
from crm_desktop.services.day.daily_reports import DailyReportService
from crm_desktop.services.day.day_plans import DayPlanService
from crm_desktop.services.pipeline.pipeline import OpportunityDraft
from crm_desktop.services.review.review import PLAN, REPORT, ReviewService

DAY = dt.date(2026, 11, 23)


def services(laptop: Laptop) -> Services:
    return Services(store=laptop.store, user=CurrentUser(laptop.store))


def sync(*laptops: Laptop) -> None:
    for one in laptops:
        report = one.engine.sync(verify=True)
        assert not report.drift
        assert one.engine.pending() == 0


def test_the_day_and_the_pipeline_through_the_server(
    laptop: Callable[[str], Laptop], api: Callable[[str], Api], server_engine: Engine
) -> None:
    rep, sup = laptop("rep1"), laptop("sup")
    sync(rep, sup)  # the first sync makes the signed-in user the laptop's user
    mine = services(rep)
    cid = mine.customers.save(CustomerDraft(name="华联超市"))
    plans = DayPlanService(rep.store, mine.user)
    plans.save_items(DAY, [PlanItemDraft(customer_id=cid)])
    plan = plans.submit(DAY)
    reports = DailyReportService(rep.store, mine.user)
    visit = VisitDraft(customer_id=cid, order_amount_fen=50_000, is_effective=True)
    submitted = reports.submit(ReportDraft(report_date=DAY, visits=(visit,)))
    sync(rep, sup)

    review = ReviewService(sup.store, CurrentUser(sup.store))
    assert {(q.kind, q.id) for q in review.queue()} == {
        (PLAN, plan.id),
        (REPORT, submitted.draft.id),
    }
    assert plan.id is not None and submitted.draft.id is not None
    rid = submitted.draft.id
    review.countersign_plan(plan.id, "好")
    review.sign_report(review.open_item(REPORT, rid), "同意")
    sync(sup, rep)
    assert reports.report(DAY).status == "signed"
    assert plans.plan(DAY).status == "countersigned"

    review.reopen_report(rid, "金额有误")
    sync(sup, rep)
    reopened = reports.report(DAY)
    assert reopened.status == "reopened"
    fixed = VisitDraft(
        customer_id=cid, id=reopened.draft.visits[0].id, order_amount_fen=60_000, is_effective=True
    )
    reports.submit(ReportDraft(report_date=DAY, id=rid, visits=(fixed,)))
    sync(rep, sup)
    review.return_report(rid, "请补充拜访结果")
    sync(sup, rep)
    back = reports.report(DAY)
    assert (back.status, back.review_comment) == ("returned", "请补充拜访结果")
    assert back.draft.visits[0].order_amount_fen == 60_000

    # The pipeline: the rep opens a deal and moves it; the server keeps the history.
    oid = mine.pipeline.create(
        OpportunityDraft(customer_id=cid, name="年度框架", amount_fen=900_000)
    )
    mine.pipeline.move(oid, "research", StageChange())
    sync(rep, sup)
    card = services(sup).pipeline.card(oid)
    assert card.stage_code == "research"
    assert [h.to_stage for h in card.history][-1] == "research"

    # The manager hands the customer to rep2: it leaves rep1's laptop, reaches rep2's.
    other = laptop("rep2")
    sync(other)
    handover = {
        "name": "reassign_customer",
        "entity": "customer",
        "row_id": cid,
        "patch": {"to_user": other.user_id},
    }
    assert api("mgr").push(handover)[0]["status"] == "applied"
    sync(rep, other, sup)
    card = services(other).customers.card(cid)
    assert (card.draft.name, [o.id for o in card.opportunities]) == ("华联超市", [oid])
    assert ("customer", cid) not in laptop_rows(rep.store)
    for one in (rep, sup, other):
        assert_converged(one.store, server_engine, one.user_id)

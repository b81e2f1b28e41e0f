"""MarketReportService: reports written with their outbox, filters, supervisor acknowledges."""

from __future__ import annotations

import datetime as dt

import pytest
from activity_helpers import add_customer, add_user, outbox
from fixed_time import TEST_NOW

from crm_desktop.domain.complaints import MarketReportDraft
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.activity.market_reports import MarketReportFilter, MarketReportService
from crm_desktop.services.container import Services
from crm_desktop.store.models import MarketReport

TODAY = TEST_NOW.date()


@pytest.fixture
def reports(services: Services) -> MarketReportService:
    return MarketReportService(services.store, services.user)


def test_create_stores_the_report_for_the_reporter_with_its_outbox(
    services: Services, reports: MarketReportService
) -> None:
    customer_id = add_customer(services, "杭州西湖商贸有限公司", region="浙江")
    report_id = reports.create(
        MarketReportDraft(
            report_date=TODAY,
            description="  竞品在本区域买十送一 ",
            category="competitor_promotion",
            severity="high",
            customer_id=customer_id,
            suggested_action="申请同等力度促销",
        )
    )
    [row] = reports.list()
    assert row.id == report_id and row.description == "竞品在本区域买十送一"
    assert row.customer_name == "杭州西湖商贸有限公司"
    assert row.region == "浙江"  # taken from the customer when not typed
    assert row.reporter_name == services.actor.display_name and not row.acknowledged
    [(name, row_id, patch)] = outbox(services.store, "market_report")
    assert (name, row_id) == ("create", report_id)
    assert (
        patch["category"] == "competitor_promotion" and patch["owner_id"] == services.actor.user_id
    )


def test_invalid_report_is_refused_and_nothing_is_written(
    services: Services, reports: MarketReportService
) -> None:
    with pytest.raises(ValidationError) as raised:
        reports.create(MarketReportDraft(report_date=TODAY, description="   "))
    assert raised.value.field == "description"
    with pytest.raises(ValidationError) as raised:
        reports.create(MarketReportDraft(report_date=TODAY + dt.timedelta(days=1), description="x"))
    assert raised.value.field == "report_date"
    assert reports.list() == [] and outbox(services.store, "market_report") == []


def test_a_rep_cannot_report_on_another_reps_customer(
    services: Services, reports: MarketReportService
) -> None:
    other = add_user(services.store, "li", "李四")
    theirs = add_customer(services, "别人的客户", owner_id=other)
    with pytest.raises(ValidationError, match="not yours") as raised:
        reports.create(MarketReportDraft(report_date=TODAY, description="x", customer_id=theirs))
    assert raised.value.field == "customer"
    assert outbox(services.store, "market_report") == []


def test_filters_by_period_category_and_customer(
    services: Services, reports: MarketReportService
) -> None:
    a = add_customer(services, "甲公司")
    b = add_customer(services, "乙公司")
    for days, category, customer in (
        (1, "consumer_opinion", a),
        (10, "competitor_product", a),
        (40, "consumer_opinion", b),
        (3, "other", None),
    ):
        reports.create(
            MarketReportDraft(
                report_date=TODAY - dt.timedelta(days=days),
                description=f"{days}天前",
                category=category,
                customer_id=customer,
            )
        )
    assert [r.description for r in reports.list()] == ["1天前", "3天前", "10天前", "40天前"]
    week = MarketReportFilter(date_from=TODAY - dt.timedelta(days=7), date_to=TODAY)
    assert [r.description for r in reports.list(week)] == ["1天前", "3天前"]
    opinions = MarketReportFilter(category="consumer_opinion")
    assert [r.description for r in reports.list(opinions)] == ["1天前", "40天前"]
    assert [r.description for r in reports.list(MarketReportFilter(customer_id=a))] == [
        "1天前",
        "10天前",
    ]


def test_update_changes_the_report_with_an_update_mutation(
    services: Services, reports: MarketReportService
) -> None:
    report_id = reports.create(MarketReportDraft(report_date=TODAY, description="初稿"))
    draft = reports.get(report_id)
    reports.update(
        MarketReportDraft(**{**draft.__dict__, "description": "改稿", "severity": "low"})
    )
    assert reports.get(report_id).description == "改稿"
    names = [(n, sorted(p)) for n, _id, p in outbox(services.store, "market_report")]
    assert names[1][0] == "update" and {"description", "severity"} <= set(names[1][1])


def test_only_a_reviewer_acknowledges_and_then_it_is_frozen(
    services: Services, reports: MarketReportService
) -> None:
    report_id = reports.create(MarketReportDraft(report_date=TODAY, description="经销商抱怨账期"))
    rep_id = services.actor.user_id
    with pytest.raises(TransitionError, match="supervisor"):
        reports.acknowledge(report_id)
    boss = add_user(services.store, "boss", "王主管", Role.SUPERVISOR)
    services.user.switch(boss)
    reports.acknowledge(report_id)
    [row] = reports.list()
    assert row.acknowledged and row.acknowledged_by_name == "王主管"
    assert reports.list(MarketReportFilter(unacknowledged_only=True)) == []
    with services.store.reading() as s:
        stored = s.get(MarketReport, report_id)
        assert stored is not None and stored.acknowledged_by == boss
    name, _id, patch = outbox(services.store, "market_report")[-1]
    assert name == "update" and patch["acknowledged_by"] == boss
    with pytest.raises(TransitionError, match="already"):
        reports.acknowledge(report_id)
    services.user.switch(rep_id)
    with pytest.raises(TransitionError, match="acknowledged"):
        reports.update(reports.get(report_id))

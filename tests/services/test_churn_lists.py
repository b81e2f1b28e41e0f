"""ChurnService and DefectionService on a real SQLite store: the warning list, the
defector cases and the win-back list, each figure checked against an independent SQL
query written here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from churn_helpers import TODAY, complaint, customer, order
from sqlalchemy import text

from crm_desktop.domain.churn import ChurnSignal, DefectionDraft, lifetime_value_fen
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.services.container import Services
from crm_desktop.services.customers.churn import ChurnService
from crm_desktop.services.customers.defections import DefectionService
from crm_desktop.store.models import Customer

D = dt.timedelta


@pytest.fixture
def churn(services: Services) -> ChurnService:
    return ChurnService(services.store, services.user)


@pytest.fixture
def cases(services: Services) -> DefectionService:
    return DefectionService(services.store, services.user)


def sql(services: Services, query: str, **params: object) -> list[tuple[object, ...]]:
    with services.store.reading() as s:
        return [tuple(r) for r in s.execute(text(query), params)]


def test_the_warning_list_gives_each_customer_its_reasons(
    services: Services, churn: ChurnService
) -> None:
    dropped = customer(services, "甲 订货下降", last_visit=TODAY - D(5))
    order(services.store, dropped, TODAY - D(400), 100_000)  # a year before: 1,000 yuan
    order(services.store, dropped, TODAY - D(30), 70_000)  # now 700: exactly 30 % down
    kept = customer(services, "乙 订货持平", last_visit=TODAY - D(5))
    order(services.store, kept, TODAY - D(400), 100_000)
    order(services.store, kept, TODAY - D(30), 70_001)  # 29.999 % down: no warning
    # B cadence 30 days: older than 60 days warns, exactly 60 does not.
    overdue = customer(services, "丙 久未拜访", last_visit=TODAY - D(61))
    customer(services, "丁 刚好 60 天", last_visit=TODAY - D(60))
    serious = customer(services, "戊 严重投诉", last_visit=TODAY - D(1))
    complaint(services.store, serious, "high")
    mild = customer(services, "己 一般投诉", last_visit=TODAY - D(1))
    complaint(services.store, mild, "medium")
    closed = customer(services, "庚 已解决投诉", last_visit=TODAY - D(1))
    complaint(services.store, closed, "critical", status="resolved")
    lost = customer(services, "辛 已流失", status="lost", last_visit=TODAY - D(200))

    rows = {row.customer_id: row for row in churn.warnings(TODAY)}

    assert {cid: row.signals for cid, row in rows.items()} == {
        dropped: (ChurnSignal.ORDER_DROP,),
        overdue: (ChurnSignal.VISIT_OVERDUE,),
        serious: (ChurnSignal.SERIOUS_COMPLAINT,),
    }
    assert lost not in rows
    # The order figures equal an independent sum over the two 90-day windows.
    [(recent, prior)] = sql(
        services,
        "SELECT SUM(CASE WHEN visit_date > :r THEN order_amount_fen ELSE 0 END),"
        " SUM(CASE WHEN visit_date <= :p_end AND visit_date > :p THEN order_amount_fen"
        " ELSE 0 END) FROM visit_records WHERE customer_id = :c AND deleted = 0",
        r=(TODAY - D(90)).isoformat(),
        p=(dt.date(2025, 11, 23) - D(90)).isoformat(),
        p_end="2025-11-23",
        c=dropped,
    )
    assert (rows[dropped].recent_fen, rows[dropped].prior_fen) == (recent, prior)
    assert rows[dropped].drop == Decimal("0.3")


def test_a_customer_with_an_open_case_leaves_the_warning_list(
    services: Services, churn: ChurnService, cases: DefectionService
) -> None:
    cid = customer(services, "壬 久未拜访", last_visit=TODAY - D(100))
    assert [r.customer_id for r in churn.warnings(TODAY)] == [cid]
    cases.create(
        DefectionDraft(cid, TODAY - D(10), "partial", ("price",), interviewer="王主管"), TODAY
    )
    assert churn.warnings(TODAY) == []


def test_a_complete_defection_marks_the_card_lost_and_a_win_back_makes_it_active(
    services: Services, cases: DefectionService
) -> None:
    cid = customer(services, "癸 机械")
    order(services.store, cid, TODAY - D(300), 500_000)
    order(services.store, cid, TODAY - D(5), 20_000)
    case_id = cases.create(
        DefectionDraft(
            cid,
            TODAY - D(30),
            "complete",
            ("competitor_offer", "no_aftercall"),
            interviewer="李经理",
            improvement_measures="交货后三天内回访",
        ),
        TODAY,
    )
    with services.store.reading() as s:
        card = s.get(Customer, cid)
        assert card is not None and (card.status, card.loss_reason) == ("lost", "competitor")
    [row] = cases.list()
    assert row.root_causes == ("no_aftercall", "competitor_offer")  # picklist order
    assert (row.spend_before_fen, row.spend_since_fen) == (500_000, 20_000)
    assert cases.spend_history(cid, TODAY - D(30)) == [0, 0, 500_000]

    cases.win_back(case_id)
    with services.store.reading() as s:
        card = s.get(Customer, cid)
        assert card is not None and card.status == "active"
    assert cases.get(case_id).won_back_on == TODAY


def test_a_closed_case_is_final_and_bad_cases_are_refused_whole(
    services: Services, cases: DefectionService
) -> None:
    cid = customer(services, "子 公司")
    with pytest.raises(ValidationError) as error:
        cases.create(DefectionDraft(cid, TODAY, "complete", ()), TODAY)
    assert error.value.field == "root_causes"
    assert cases.list() == []
    case_id = cases.create(DefectionDraft(cid, TODAY, "complete", ("price",)), TODAY)
    draft = cases.get(case_id)
    cases.update(DefectionDraft(**{**draft.__dict__, "status": "closed"}), TODAY)
    with pytest.raises(TransitionError):
        cases.update(DefectionDraft(**{**draft.__dict__, "status": "open"}), TODAY)


def test_a_rep_cannot_record_a_case_for_another_reps_customer(
    services: Services, cases: DefectionService
) -> None:
    other = customer(services, "丑 别人的", owner="someone-else")
    with pytest.raises(ValidationError):
        cases.create(DefectionDraft(other, TODAY, "complete", ("price",)), TODAY)


def test_the_win_back_list_and_its_figures_equal_independent_sql(
    services: Services, churn: ChurnService, cases: DefectionService
) -> None:
    lost = customer(services, "寅 已流失", status="lost")
    order(services.store, lost, dt.date(2025, 6, 1), 300_000)
    order(services.store, lost, dt.date(2025, 1, 10), 200_000)
    order(services.store, lost, dt.date(2024, 5, 1), 999_000)  # more than a year before
    dormant = customer(services, "卯 沉睡")
    order(services.store, dormant, TODAY - D(366), 80_000)
    recent = customer(services, "辰 活跃")
    order(services.store, recent, TODAY - D(364), 80_000)
    defected = customer(services, "巳 完全流失")
    order(services.store, defected, TODAY - D(20), 10_000)
    cases.create(DefectionDraft(defected, TODAY - D(2), "complete", ("price",)), TODAY)
    partial = customer(services, "午 部分流失")
    order(services.store, partial, TODAY - D(20), 10_000)
    cases.create(DefectionDraft(partial, TODAY - D(2), "partial", ("price",)), TODAY)

    rows = {row.customer_id: row for row in churn.win_back(TODAY)}

    assert set(rows) == {lost, dormant, defected}
    for cid, row in rows.items():
        [(last_on, total)] = sql(
            services,
            "SELECT MAX(visit_date), SUM(order_amount_fen) FROM visit_records"
            " WHERE customer_id = :c AND deleted = 0 AND order_amount_fen > 0",
            c=cid,
        )
        [(last_year,)] = sql(
            services,
            "SELECT SUM(order_amount_fen) FROM visit_records WHERE customer_id = :c"
            " AND deleted = 0 AND order_amount_fen > 0"
            " AND visit_date > date(:last, '-1 year') AND visit_date <= :last",
            c=cid,
            last=last_on,
        )
        assert row.last_order_on is not None and row.last_order_on.isoformat() == last_on
        assert (row.lifetime_orders_fen, row.last_year_orders_fen) == (total, last_year)
        assert row.value_fen == lifetime_value_fen(int(str(last_year)))
    assert rows[lost].last_year_orders_fen == 500_000
    assert rows[defected].case_type == "complete"


def test_customer_value_equals_independent_sql(services: Services, churn: ChurnService) -> None:
    cid = customer(services, "未 价值", category_spend_fen=2_000_000)
    order(services.store, cid, TODAY, 300_000)
    order(services.store, cid, TODAY - D(364), 200_000)
    order(services.store, cid, TODAY - D(365), 50_000)  # the same day a year ago: prior
    order(services.store, cid, TODAY - D(700), 70_000)
    value = churn.value(cid, TODAY)
    [(trailing,)] = sql(
        services,
        "SELECT SUM(order_amount_fen) FROM visit_records WHERE customer_id = :c"
        " AND visit_date > '2025-11-23' AND visit_date <= '2026-11-23'",
        c=cid,
    )
    [(prior,)] = sql(
        services,
        "SELECT SUM(order_amount_fen) FROM visit_records WHERE customer_id = :c"
        " AND visit_date > '2024-11-23' AND visit_date <= '2025-11-23'",
        c=cid,
    )
    assert (value.trailing_spend_fen, value.prior_spend_fen) == (trailing, prior)
    assert value.trailing_spend_fen == 500_000
    assert value.share is not None and float(value.share) == pytest.approx(0.25)
    assert value.lifetime_value_fen == lifetime_value_fen(500_000)

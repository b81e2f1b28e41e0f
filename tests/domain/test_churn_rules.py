"""domain/churn.py: the warning signals at their boundaries, defector case rules, the
defection rate, share of customer and the lifetime-value formula."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from crm_desktop.domain.churn import (
    ChurnRules,
    ChurnSignal,
    DefectionDraft,
    ValueAssumptions,
    cause_counts,
    check_case_columns,
    churn_signals,
    comparison_windows,
    decode_causes,
    defection_problems,
    defection_rate,
    encode_causes,
    lifetime_value_fen,
    orders_dropped,
    share_of_customer,
    visit_overdue,
)
from crm_desktop.domain.classification import Cadence
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import ValueClass

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("recent", "prior", "dropped"),
    [
        (70_000, 100_000, True),  # exactly 30 % down warns
        (70_001, 100_000, False),
        (0, 1, True),
        (0, 0, False),  # no baseline, no drop
        (5, -10, False),  # net returns a year before: no baseline
        (200_000, 100_000, False),
    ],
)
def test_orders_dropped_at_the_boundary(recent: int, prior: int, dropped: bool) -> None:
    assert orders_dropped(recent, prior) is dropped


def test_a_team_can_set_its_own_drop_share() -> None:
    rules = ChurnRules(drop_share=Decimal("0.5"))
    assert orders_dropped(50, 100, rules) and not orders_dropped(51, 100, rules)
    with pytest.raises(ValidationError):
        ChurnRules(drop_share=Decimal(0))
    with pytest.raises(ValidationError):
        ChurnRules(dormant_days=0)


@pytest.mark.parametrize(
    ("value_class", "days_ago", "overdue"),
    [
        (ValueClass.A, 28, False),  # A: 14 days × 2
        (ValueClass.A, 29, True),
        (ValueClass.B, 60, False),
        (ValueClass.B, 61, True),
        (ValueClass.C, 180, False),
        (ValueClass.C, 181, True),
    ],
)
def test_visit_overdue_is_more_than_twice_the_class_cadence(
    value_class: ValueClass, days_ago: int, overdue: bool
) -> None:
    last = TODAY - dt.timedelta(days=days_ago)
    assert visit_overdue(value_class, last, TODAY) is overdue


def test_a_never_visited_customer_is_not_a_churn_signal() -> None:
    assert not visit_overdue(ValueClass.A, None, TODAY)


def test_the_cadence_comes_from_the_team_policy() -> None:
    last = TODAY - dt.timedelta(days=11)
    assert visit_overdue(ValueClass.A, last, TODAY, Cadence(5, 30, 90))
    assert not visit_overdue(ValueClass.A, last, TODAY)


def test_churn_signals_lists_every_reason_in_order() -> None:
    signals = churn_signals(
        recent_fen=0,
        prior_fen=10,
        value_class=ValueClass.B,
        last_effective_visit=TODAY - dt.timedelta(days=100),
        open_serious_complaints=2,
        today=TODAY,
    )
    assert signals == (
        ChurnSignal.ORDER_DROP,
        ChurnSignal.VISIT_OVERDUE,
        ChurnSignal.SERIOUS_COMPLAINT,
    )
    assert (
        churn_signals(
            recent_fen=10,
            prior_fen=10,
            value_class=ValueClass.B,
            last_effective_visit=TODAY,
            open_serious_complaints=0,
            today=TODAY,
        )
        == ()
    )


def test_comparison_windows_are_the_same_dates_a_year_apart() -> None:
    w = comparison_windows(dt.date(2028, 2, 29))
    assert (w.recent_start, w.recent_end) == (dt.date(2027, 12, 2), dt.date(2028, 2, 29))
    assert (w.prior_start, w.prior_end) == (dt.date(2026, 12, 2), dt.date(2027, 2, 28))
    assert (w.recent_end - w.recent_start).days == 89


def test_causes_are_stored_in_picklist_order_without_repeats() -> None:
    assert encode_causes(["price", "rude", "price"]) == "rude,price"
    assert encode_causes([]) is None
    assert decode_causes("rude, price,") == ("rude", "price")
    assert decode_causes(None) == ()
    assert cause_counts([("price", "rude"), ("price",)]) == {"price": 2, "rude": 1}


def draft(**changes: object) -> DefectionDraft:
    base = {
        "customer_id": "c1",
        "defected_on": TODAY - dt.timedelta(days=10),
        "defection_type": "complete",
        "root_causes": ("price",),
    }
    return DefectionDraft(**{**base, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"root_causes": ()}, "root_causes"),
        ({"root_causes": ("bribes",)}, "root_causes"),
        ({"defection_type": "vanished"}, "type"),
        ({"defected_on": TODAY + dt.timedelta(days=1)}, "defected_on"),
        ({"status": "won_back"}, "won_back_on"),
        ({"won_back_on": TODAY}, "won_back_on"),
        ({"status": "won_back", "won_back_on": TODAY - dt.timedelta(days=11)}, "won_back_on"),
        ({"interviewed_on": TODAY - dt.timedelta(days=11)}, "interviewed_on"),
        ({"interviewer": "王" * 101}, "interviewer"),
        ({"interview_notes": "x" * 4001}, "interview_notes"),
        ({"customer_id": ""}, "customer"),
    ],
)
def test_a_case_breaking_a_rule_names_the_field(changes: dict[str, object], field: str) -> None:
    problems = defection_problems(draft(**changes), TODAY)
    assert [p.field for p in problems] == [field]
    assert all(p.message_zh and p.message_en for p in problems)


def test_a_complete_case_is_valid() -> None:
    assert defection_problems(draft(), TODAY) == []
    won = draft(status="won_back", won_back_on=TODAY)
    assert defection_problems(won, TODAY) == []


def test_the_servers_check_ignores_the_day_but_not_the_rules() -> None:
    columns = {
        "customer_id": "c1",
        "defected_on": TODAY + dt.timedelta(days=400),  # the server's day may differ
        "defection_type": "partial",
        "root_causes": "price",
        "status": "open",
    }
    check_case_columns(columns)
    with pytest.raises(ValidationError) as error:
        check_case_columns({**columns, "root_causes": None})
    assert error.value.field == "root_causes"
    with pytest.raises(ValidationError):
        check_case_columns({k: v for k, v in columns.items() if k != "defected_on"})


def test_defection_rate() -> None:
    assert defection_rate(3, 12) == Decimal("0.25")
    assert defection_rate(0, 0) is None


def test_share_of_customer() -> None:
    assert share_of_customer(250, 1000) == Decimal("0.25")
    assert share_of_customer(250, None) is None
    assert share_of_customer(250, 0) is None
    assert share_of_customer(-5, 1000) == 0


def test_lifetime_value_is_the_discounted_retained_margin() -> None:
    a = ValueAssumptions(margin_pct=20, retention_pct=80, discount_pct=8, years=5)
    spend = 1_000_000
    expected = sum(
        Fraction(spend) * Fraction(20, 100) * (Fraction(80, 100) / Fraction(108, 100)) ** t
        for t in range(1, 6)
    )
    assert lifetime_value_fen(spend, a) == round(expected)
    assert lifetime_value_fen(spend, ValueAssumptions(retention_pct=100, discount_pct=0)) == (
        5 * 200_000
    )
    assert lifetime_value_fen(0) == 0 and lifetime_value_fen(-100) == 0
    with pytest.raises(ValidationError):
        ValueAssumptions(years=0)

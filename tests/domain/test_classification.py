"""A/B/C value classes by Pareto over sales, and visit cadence."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_desktop.domain.classification import (
    AbcThresholds,
    Cadence,
    classify_abc,
    days_overdue,
    is_overdue,
    next_visit_due,
)
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import ValueClass

A, B, C = ValueClass.A, ValueClass.B, ValueClass.C


def classes(result: dict[str, ValueClass]) -> str:
    """Classes in id order as one string, e.g. "AABC", to keep expectations readable."""
    return "".join(result[cid].value for cid in sorted(result))


def test_textbook_pareto() -> None:
    sales = {"a": 5000, "b": 2000, "c": 1000, "d": 1000, "e": 500, "f": 500}
    # Shares before each: a 0%, b 50% (→ A), c 70% (→ B), d 80% (→ B), e 90% (→ C), f 95%.
    assert classes(classify_abc(sales)) == "AABBCC"


def test_customer_crossing_the_a_threshold_is_a() -> None:
    # Before b: 60% < 70% → A, although b takes the cumulative share to 90%.
    assert classes(classify_abc({"a": 60, "b": 30, "c": 10})) == "AAC"


def test_exact_70_percent_boundary() -> None:
    # After a and b exactly 70% is reached: the next customer is no longer A.
    assert classes(classify_abc({"a": 40, "b": 30, "c": 20, "d": 10})) == "AABC"


def test_exact_90_percent_boundary() -> None:
    # Before d the share is exactly 90%: d is C, not B.
    assert classes(classify_abc({"a": 70, "b": 10, "c": 10, "d": 10})) == "ABBC"


def test_boundaries_are_exact_for_huge_totals() -> None:
    # Before b the share is 70% minus one fen in 10**30: still below, so b is A. A
    # 28-digit Decimal would round that sum up to exactly 70% and call b a B.
    sales = {"a": 7 * 10**29 - 1, "b": 3 * 10**29 + 1}
    assert classes(classify_abc(sales)) == "AA"


def test_ties_are_broken_by_id() -> None:
    sales = {
        "z": 10,
        "y": 10,
        "x": 10,
        "w": 10,
        "v": 10,
        "u": 10,
        "t": 10,
        "s": 10,
        "r": 10,
        "q": 10,
    }
    result = classify_abc(sales)
    # Sorted by id: q..w are the first seven (70%) → A, x and y → B, z → C.
    assert [result[c] for c in "qrstuvwxyz"] == [A] * 7 + [B] * 2 + [C]


def test_ties_do_not_depend_on_insertion_order() -> None:
    forwards = {f"c{i}": 10 for i in range(10)}
    backwards = dict(reversed(list(forwards.items())))
    assert classify_abc(forwards) == classify_abc(backwards)


def test_zero_and_negative_sales_are_c() -> None:
    result = classify_abc({"a": 100, "zero": 0, "refunds": -50})
    assert result == {"a": A, "zero": C, "refunds": C}


def test_single_customer_is_a() -> None:
    assert classify_abc({"only": 1}) == {"only": A}


def test_single_customer_without_sales_is_c() -> None:
    assert classify_abc({"only": 0}) == {"only": C}


def test_empty_input() -> None:
    assert classify_abc({}) == {}


def test_all_zero_sales_are_c_except_key_accounts() -> None:
    result = classify_abc({"a": 0, "b": 0, "c": 0}, key_accounts={"b"})
    assert result == {"a": C, "b": A, "c": C}


def test_key_account_forces_a() -> None:
    sales = {"big": 1000, "small": 1, "mid": 200}
    assert classify_abc(sales)["small"] is C
    assert classify_abc(sales, key_accounts=["small"])["small"] is A


def test_key_account_does_not_change_the_others() -> None:
    sales = {"a": 60, "b": 30, "c": 10}
    assert classify_abc(sales, key_accounts={"c"}) == {"a": A, "b": A, "c": A}
    assert classify_abc(sales, key_accounts={"c"})["b"] is classify_abc(sales)["b"]


def test_key_account_without_sales_record_is_included() -> None:
    assert classify_abc({"a": 10}, key_accounts={"new"}) == {"a": A, "new": A}


def test_custom_thresholds() -> None:
    sales = {"a": 50, "b": 30, "c": 20}
    half = AbcThresholds(a_share=Decimal("0.5"), b_share=Decimal("0.3"))
    assert classes(classify_abc(sales, thresholds=half)) == "ABC"


def test_zero_a_share_makes_nobody_a_by_sales() -> None:
    thresholds = AbcThresholds(a_share=Decimal(0), b_share=Decimal("0.5"))
    assert classes(classify_abc({"a": 50, "b": 50}, thresholds=thresholds)) == "BC"


@pytest.mark.parametrize(
    ("a_share", "b_share"),
    [(Decimal("-0.1"), Decimal("0.2")), (Decimal("0.7"), Decimal("-0.1")), ("0.8", "0.3")],
)
def test_invalid_thresholds(a_share: Decimal | str, b_share: Decimal | str) -> None:
    with pytest.raises(ValidationError):
        AbcThresholds(a_share=Decimal(a_share), b_share=Decimal(b_share))


sales_maps = st.dictionaries(
    st.text(min_size=1, max_size=6), st.integers(min_value=-1000, max_value=10**12), max_size=40
)


@given(sales_maps, st.sets(st.text(min_size=1, max_size=6), max_size=5))
def test_every_customer_gets_a_class(sales: dict[str, int], keys: set[str]) -> None:
    result = classify_abc(sales, key_accounts=keys)
    assert set(result) == set(sales) | keys
    assert all(result[k] is A for k in keys)


@given(sales_maps)
def test_a_covers_at_least_the_a_share_and_no_more_than_needed(sales: dict[str, int]) -> None:
    result = classify_abc(sales)
    total = sum(v for v in sales.values() if v > 0)
    a_sales = sorted((v for k, v in sales.items() if result[k] is A), reverse=True)
    ab_sales = sum(v for k, v in sales.items() if result[k] in (A, B))
    if total == 0:
        assert not a_sales
        return
    # A reaches 70% of sales, and without its smallest member it would not.
    assert Decimal(sum(a_sales)) >= Decimal("0.7") * total
    assert Decimal(sum(a_sales[:-1])) < Decimal("0.7") * total
    assert Decimal(ab_sales) >= Decimal("0.9") * total


@given(sales_maps)
def test_classes_are_monotone_in_sales(sales: dict[str, int]) -> None:
    # Nobody with more sales is in a lower class than somebody with less.
    result = classify_abc(sales)
    rank = {A: 0, B: 1, C: 2}
    for x, sx in sales.items():
        for y, sy in sales.items():
            if sx > sy:
                assert rank[result[x]] <= rank[result[y]]


# --- cadence ------------------------------------------------------------------------

TODAY = date(2026, 6, 15)


def test_default_cadence() -> None:
    cadence = Cadence()
    assert [cadence.days_for(c) for c in (A, B, C)] == [14, 30, 90]


def test_invalid_cadence() -> None:
    with pytest.raises(ValidationError):
        Cadence(a_days=0)


@pytest.mark.parametrize(("value_class", "days"), [(A, 14), (B, 30), (C, 90)])
def test_next_visit_due(value_class: ValueClass, days: int) -> None:
    assert next_visit_due(value_class, TODAY, Cadence()) == TODAY + timedelta(days=days)


def test_next_visit_due_never_visited() -> None:
    assert next_visit_due(A, None) is None


@pytest.mark.parametrize(
    ("value_class", "days_ago", "overdue", "days_late"),
    [
        (A, 0, False, 0),
        (A, 14, False, 0),  # exactly the cadence: due today, not yet late
        (A, 15, True, 1),
        (B, 30, False, 0),
        (B, 31, True, 1),
        (C, 90, False, 0),
        (C, 100, True, 10),
        (C, -3, False, 0),  # a visit dated in the future (clock skew) is not overdue
    ],
)
def test_overdue(value_class: ValueClass, days_ago: int, overdue: bool, days_late: int) -> None:
    last = TODAY - timedelta(days=days_ago)
    assert is_overdue(value_class, last, TODAY) is overdue
    assert days_overdue(value_class, last, TODAY) == days_late


def test_custom_cadence_is_used() -> None:
    weekly = Cadence(a_days=7)
    last = TODAY - timedelta(days=8)
    assert is_overdue(A, last, TODAY, weekly)
    assert not is_overdue(A, last, TODAY)
    assert days_overdue(A, last, TODAY, weekly) == 1


def test_never_visited_is_overdue() -> None:
    assert is_overdue(C, None, TODAY)
    assert days_overdue(C, None, TODAY) == 0
    created = TODAY - timedelta(days=5)
    assert days_overdue(C, None, TODAY, never_visited_since=created) == 5

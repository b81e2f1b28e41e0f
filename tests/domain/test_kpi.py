"""KPI formulas and calendar periods."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_desktop.domain.kpi import (
    achievement,
    average_per_person,
    effective_visit_rate,
    iso_week_bounds,
    period_bounds,
    plan_completion,
    to_percent,
    transaction_rate,
    weighted_amount,
    weighted_pipeline,
)
from crm_desktop.domain.picklists import PeriodKind

RATIOS: list[Callable[[int, int], Decimal | None]] = [
    effective_visit_rate,
    transaction_rate,
    plan_completion,
    achievement,
    average_per_person,
]


@pytest.mark.parametrize("formula", RATIOS)
def test_zero_denominator_gives_none(formula: Callable[[int, int], Decimal | None]) -> None:
    assert formula(0, 0) is None
    assert formula(5, 0) is None


@pytest.mark.parametrize("formula", RATIOS)
def test_ratio_values(formula: Callable[[int, int], Decimal | None]) -> None:
    assert formula(3, 4) == Decimal("0.75")
    assert formula(0, 4) == Decimal(0)
    result = formula(1, 3)
    assert isinstance(result, Decimal)
    assert abs(result - Decimal(1) / 3) < Decimal("1e-20")


def test_achievement_can_exceed_one_and_take_decimals() -> None:
    assert achievement(150_000, 100_000) == Decimal("1.5")
    assert achievement(Decimal("12.5"), Decimal("10")) == Decimal("1.25")
    assert achievement(Decimal("3"), Decimal("0.00")) is None


def test_average_per_person() -> None:
    assert average_per_person(1_000_000, 4) == Decimal(250_000)
    assert average_per_person(Decimal("10"), 4) == Decimal("2.5")


@pytest.mark.parametrize(
    ("ratio", "places", "percent"),
    [
        (Decimal(1) / 3, 1, Decimal("33.3")),
        (Decimal(2) / 3, 1, Decimal("66.7")),
        (Decimal("0.12345"), 2, Decimal("12.35")),
        (Decimal("0.5"), 0, Decimal("50")),
        (Decimal("1.5"), 1, Decimal("150.0")),
    ],
)
def test_to_percent(ratio: Decimal, places: int, percent: Decimal) -> None:
    result = to_percent(ratio, places)
    assert result == percent
    assert str(result) == str(percent)


def test_to_percent_none() -> None:
    assert to_percent(None) is None


# --- weighted pipeline --------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "pct", "weighted"),
    [
        (100_000, 50, 50_000),
        (100_000, 0, 0),
        (100_000, 100, 100_000),
        (1, 50, 1),  # 0.5 fen rounds half up
        (1, 49, 0),
        (3, 50, 2),  # 1.5 → 2
        (5, 10, 1),  # 0.5 → 1
        (4, 10, 0),  # 0.4 → 0
        (-1, 50, -1),  # half away from zero, like Decimal's ROUND_HALF_UP
        (123_457, 25, 30_864),  # 30864.25
        (123_458, 25, 30_865),  # 30864.5
    ],
)
def test_weighted_amount(amount: int, pct: int, weighted: int) -> None:
    assert weighted_amount(amount, pct) == weighted


@pytest.mark.parametrize("pct", [-1, 101])
def test_weighted_amount_rejects_bad_rate(pct: int) -> None:
    with pytest.raises(ValueError):
        weighted_amount(100, pct)


def test_weighted_pipeline_rounds_each_item_then_sums() -> None:
    # 0.5 + 0.5 fen: each rounds to 1, so 2 — not round(1.0) = 1.
    assert weighted_pipeline([(1, 50), (1, 50)]) == 2
    assert weighted_pipeline([(1_000_000, 10), (2_000_000, 70), (500_000, 0)]) == 1_500_000


def test_weighted_pipeline_empty_and_generator() -> None:
    assert weighted_pipeline([]) == 0
    assert weighted_pipeline((a, 100) for a in (1, 2, 3)) == 6


@given(st.integers(min_value=-(10**30), max_value=10**30), st.integers(0, 100))
def test_weighted_amount_matches_decimal_half_up(amount: int, pct: int) -> None:
    with localcontext() as ctx:
        ctx.prec = 80
        expected = (Decimal(amount) * pct / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert weighted_amount(amount, pct) == int(expected)


# --- periods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "day", "start", "end"),
    [
        (PeriodKind.YEAR, date(2026, 6, 15), date(2026, 1, 1), date(2026, 12, 31)),
        (PeriodKind.QUARTER, date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31)),
        (PeriodKind.QUARTER, date(2026, 5, 20), date(2026, 4, 1), date(2026, 6, 30)),
        (PeriodKind.QUARTER, date(2026, 9, 30), date(2026, 7, 1), date(2026, 9, 30)),
        (PeriodKind.QUARTER, date(2026, 12, 31), date(2026, 10, 1), date(2026, 12, 31)),
        (PeriodKind.MONTH, date(2024, 2, 10), date(2024, 2, 1), date(2024, 2, 29)),  # leap
        (PeriodKind.MONTH, date(2026, 2, 28), date(2026, 2, 1), date(2026, 2, 28)),
        (PeriodKind.MONTH, date(2026, 12, 31), date(2026, 12, 1), date(2026, 12, 31)),
        # 2026-06-15 is a Monday; 2026-06-21 a Sunday.
        (PeriodKind.WEEK, date(2026, 6, 15), date(2026, 6, 15), date(2026, 6, 21)),
        (PeriodKind.WEEK, date(2026, 6, 21), date(2026, 6, 15), date(2026, 6, 21)),
        (PeriodKind.WEEK, date(2026, 6, 18), date(2026, 6, 15), date(2026, 6, 21)),
        # A week spanning New Year: 2025-12-29 (Mon) .. 2026-01-04 (Sun).
        (PeriodKind.WEEK, date(2026, 1, 1), date(2025, 12, 29), date(2026, 1, 4)),
    ],
)
def test_period_bounds(kind: PeriodKind, day: date, start: date, end: date) -> None:
    assert period_bounds(kind, day) == (start, end)


@given(
    st.dates(min_value=date(1900, 1, 8), max_value=date(2200, 12, 24)), st.sampled_from(PeriodKind)
)
def test_period_contains_its_day(day: date, kind: PeriodKind) -> None:
    start, end = period_bounds(kind, day)
    assert start <= day <= end
    # Periods tile the calendar: the day before starts the previous period.
    assert period_bounds(kind, start - timedelta(days=1))[1] == start - timedelta(days=1)
    assert period_bounds(kind, end + timedelta(days=1))[0] == end + timedelta(days=1)


@given(st.dates(min_value=date(1900, 1, 8), max_value=date(2200, 12, 24)))
def test_week_is_the_iso_week(day: date) -> None:
    year, week, _ = day.isocalendar()
    start, end = period_bounds(PeriodKind.WEEK, day)
    assert iso_week_bounds(year, week) == (start, end)
    assert start.isoweekday() == 1 and end.isoweekday() == 7


def test_iso_week_bounds() -> None:
    assert iso_week_bounds(2026, 1) == (date(2025, 12, 29), date(2026, 1, 4))
    assert iso_week_bounds(2026, 53) == (date(2026, 12, 28), date(2027, 1, 3))
    assert iso_week_bounds(2020, 53) == (date(2020, 12, 28), date(2021, 1, 3))


def test_iso_week_bounds_rejects_missing_week() -> None:
    with pytest.raises(ValueError):
        iso_week_bounds(2025, 53)  # 2025 has only 52 ISO weeks
    with pytest.raises(ValueError):
        iso_week_bounds(2026, 0)

"""Target rules: periods and their parts, exact splits, the add-up check, achievement."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import parse_yuan
from crm_desktop.domain.picklists import PeriodKind, TargetKind
from crm_desktop.domain.targets import (
    achievement_to_date,
    check_parts,
    even_split,
    format_value,
    period_label,
    split_choices,
    sub_periods,
    to_date_end,
    validate_target,
)

D = dt.date


def test_a_year_into_quarters_and_months() -> None:
    quarters = sub_periods(PeriodKind.YEAR, D(2026, 1, 1), PeriodKind.QUARTER)
    assert quarters == [
        (D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 4, 1), D(2026, 6, 30)),
        (D(2026, 7, 1), D(2026, 9, 30)),
        (D(2026, 10, 1), D(2026, 12, 31)),
    ]
    months = sub_periods(PeriodKind.YEAR, D(2028, 1, 1), PeriodKind.MONTH)
    assert len(months) == 12
    assert months[1] == (D(2028, 2, 1), D(2028, 2, 29))  # a leap year's February
    assert months[-1] == (D(2028, 12, 1), D(2028, 12, 31))
    # Contiguous: each part starts the day after the previous one ends.
    for (_a, end), (start, _b) in itertools.pairwise(months):
        assert start == end + dt.timedelta(days=1)


def test_a_quarter_into_months() -> None:
    assert sub_periods(PeriodKind.QUARTER, D(2026, 10, 1), PeriodKind.MONTH) == [
        (D(2026, 10, 1), D(2026, 10, 31)),
        (D(2026, 11, 1), D(2026, 11, 30)),
        (D(2026, 12, 1), D(2026, 12, 31)),
    ]


def test_only_coarser_periods_split() -> None:
    assert split_choices(PeriodKind.YEAR) == [PeriodKind.QUARTER, PeriodKind.MONTH]
    assert split_choices(PeriodKind.QUARTER) == [PeriodKind.MONTH]
    assert split_choices(PeriodKind.MONTH) == []
    with pytest.raises(ValueError):
        sub_periods(PeriodKind.MONTH, D(2026, 7, 1), PeriodKind.QUARTER)
    with pytest.raises(ValueError):
        sub_periods(PeriodKind.QUARTER, D(2026, 7, 1), PeriodKind.QUARTER)


@pytest.mark.parametrize(
    ("value", "parts", "expected"),
    [
        (parse_yuan("100.01"), 3, [3334, 3334, 3333]),
        (parse_yuan("100.01"), 12, [834] * 5 + [833] * 7),
        (7, 4, [2, 2, 2, 1]),
        (0, 3, [0, 0, 0]),
        (2, 3, [1, 1, 0]),
    ],
)
def test_even_split_awkward_values(value: int, parts: int, expected: list[int]) -> None:
    split = even_split(value, parts)
    assert split == expected
    assert sum(split) == value


@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=1, max_value=60))
def test_even_split_always_adds_up(value: int, parts: int) -> None:
    split = even_split(value, parts)
    assert len(split) == parts
    assert sum(split) == value
    assert max(split) - min(split) <= 1


def test_even_split_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        even_split(100, 0)
    with pytest.raises(ValueError):
        even_split(-1, 2)


def test_check_parts_accepts_parts_that_add_up() -> None:
    assert check_parts(10001, [3334, 3334, 3333], TargetKind.SALES) is None
    assert check_parts(0, [0, 0]) is None


def test_check_parts_states_the_gap_in_yuan_for_money() -> None:
    problem = check_parts(10001, [3334, 3334, 3334], TargetKind.SALES)
    assert isinstance(problem, ValidationError)
    assert problem.field == "parts"
    assert problem.message("zh_CN") == "各部分合计 ¥100.02，与目标 ¥100.01 不符：多 ¥0.01"
    assert (
        problem.message("en") == "The parts add up to ¥100.02, not the target ¥100.01: ¥0.01 more"
    )


def test_check_parts_states_the_gap_as_a_count_otherwise() -> None:
    problem = check_parts(1200, [100] * 11, TargetKind.VISITS)
    assert problem is not None
    assert problem.message("zh_CN") == "各部分合计 1,100，与目标 1,200 不符：少 100"
    assert "100 less" in problem.message("en")


def test_check_parts_refuses_negative_parts_even_when_they_add_up() -> None:
    problem = check_parts(10, [15, -5])
    assert problem is not None
    assert "负数" in problem.message("zh_CN")


def test_validate_target_wants_aligned_periods_and_no_negative_value() -> None:
    assert validate_target(PeriodKind.QUARTER, D(2026, 7, 1), 5) == D(2026, 9, 30)
    assert validate_target(PeriodKind.WEEK, D(2026, 7, 20), 0) == D(2026, 7, 26)
    with pytest.raises(ValidationError) as misaligned:
        validate_target(PeriodKind.QUARTER, D(2026, 8, 1), 5)
    assert misaligned.value.field == "period_start"
    assert "2026-07-01" in misaligned.value.message("en")
    with pytest.raises(ValidationError) as not_monday:
        validate_target(PeriodKind.WEEK, D(2026, 7, 22), 5)
    assert "2026-07-20" in not_monday.value.message("zh_CN")
    with pytest.raises(ValidationError) as negative:
        validate_target(PeriodKind.YEAR, D(2026, 1, 1), -1)
    assert negative.value.field == "value"


def test_achievement_to_date() -> None:
    start = D(2026, 7, 1)
    assert achievement_to_date(500, 1000, start, D(2026, 7, 15)) == Decimal("0.5")
    # Zero target: no ratio at all, never a division by zero or NaN.
    assert achievement_to_date(500, 0, start, D(2026, 7, 15)) is None
    assert achievement_to_date(0, 0, start, D(2026, 7, 15)) is None
    # A period not yet begun is empty, not 0 %.
    assert achievement_to_date(0, 1000, start, D(2026, 6, 30)) is None
    # No actual figure (gross profit): no ratio.
    assert achievement_to_date(None, 1000, start, D(2026, 7, 15)) is None
    # Started with nothing achieved is a real 0 %.
    assert achievement_to_date(0, 1000, start, start) == 0


def test_to_date_end_is_min_of_today_and_end() -> None:
    start, end = D(2026, 7, 1), D(2026, 7, 31)
    assert to_date_end(start, end, D(2026, 6, 30)) is None
    assert to_date_end(start, end, D(2026, 7, 1)) == D(2026, 7, 1)
    assert to_date_end(start, end, D(2026, 7, 10)) == D(2026, 7, 10)
    assert to_date_end(start, end, D(2027, 1, 1)) == end


@pytest.mark.parametrize(
    ("period", "start", "zh", "en"),
    [
        (PeriodKind.YEAR, D(2026, 1, 1), "2026年", "2026"),
        (PeriodKind.QUARTER, D(2026, 7, 1), "2026年第3季度", "2026 Q3"),
        (PeriodKind.MONTH, D(2026, 7, 1), "2026年7月", "2026-07"),
        (PeriodKind.WEEK, D(2026, 7, 20), "2026年第30周", "2026-W30"),
        (PeriodKind.WEEK, D(2025, 12, 29), "2026年第1周", "2026-W01"),  # the ISO year
    ],
)
def test_period_labels(period: PeriodKind, start: dt.date, zh: str, en: str) -> None:
    assert period_label(period, start, "zh_CN") == zh
    assert period_label(period, start, "en") == en


def test_format_value_by_kind() -> None:
    assert format_value(123456, TargetKind.COLLECTION) == "¥1,234.56"
    assert format_value(1234, TargetKind.NEW_CUSTOMERS) == "1,234"

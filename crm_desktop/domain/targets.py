"""Sales targets 销售目标 (SPEC §2.7): periods, decomposition and achievement to date.

A target is a value (fen for money kinds, a plain count otherwise) for one rep or team
over one calendar period. A manager breaks a year into quarters or months, a quarter
into months, and a team's target into its reps' targets; the parts must add up to the
whole exactly, so the split is done in whole fen (or whole counts) and the rest of the
division is spread over the first parts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.kpi import achievement, period_bounds
from crm_desktop.domain.money import format_fen
from crm_desktop.domain.picklists import PeriodKind, TargetKind

MONEY_KINDS = frozenset({TargetKind.SALES, TargetKind.GROSS_PROFIT, TargetKind.COLLECTION})

# Kinds the store holds no actual figure for: there is no cost price anywhere in the
# data, so a gross-profit target has no achievement ("—"), never a made-up 0 %.
UNMEASURED_KINDS = frozenset({TargetKind.GROSS_PROFIT})

# Which finer periods a period may be broken into, and how many parts that makes.
_SPLITS: dict[tuple[PeriodKind, PeriodKind], int] = {
    (PeriodKind.YEAR, PeriodKind.QUARTER): 4,
    (PeriodKind.YEAR, PeriodKind.MONTH): 12,
    (PeriodKind.QUARTER, PeriodKind.MONTH): 3,
}


def is_money(kind: TargetKind) -> bool:
    return kind in MONEY_KINDS


def format_value(value: int, kind: TargetKind) -> str:
    """A target or actual as people read it: "¥1,234.56" for money, "1,234" for counts."""
    return format_fen(value) if is_money(kind) else f"{value:,}"


def can_split(period: PeriodKind, into: PeriodKind) -> bool:
    return (period, into) in _SPLITS


def split_choices(period: PeriodKind) -> list[PeriodKind]:
    """The finer periods a target of `period` may be broken into (none for month/week)."""
    return [into for (whole, into) in _SPLITS if whole is period]


def sub_periods(
    period: PeriodKind, start: dt.date, into: PeriodKind
) -> list[tuple[dt.date, dt.date]]:
    """The (first, last) days of the quarters / months making up the period from `start`.

    ValueError when `period` cannot be split into `into` (a month into quarters, a week).
    """
    count = _SPLITS.get((period, into))
    if count is None:
        raise ValueError(f"cannot split a {period.value} into {into.value}s")
    first, _last = period_bounds(period, start)
    step = 3 if into is PeriodKind.QUARTER else 1
    result = []
    for i in range(count):
        month0 = first.month - 1 + i * step
        day = dt.date(first.year + month0 // 12, month0 % 12 + 1, 1)
        result.append(period_bounds(into, day))
    return result


def even_split(value: int, parts: int) -> list[int]:
    """`value` in `parts` whole units that differ by at most one and sum to `value`
    exactly: 10001 fen in 3 → [3334, 3334, 3333]. The larger parts come first."""
    if parts <= 0:
        raise ValueError(f"cannot split into {parts} parts")
    if value < 0:
        raise ValueError(f"cannot split a negative value {value}")
    share, rest = divmod(value, parts)
    return [share + 1 if i < rest else share for i in range(parts)]


def check_parts(
    whole: int, parts: Sequence[int], kind: TargetKind | None = None
) -> ValidationError | None:
    """None when the parts are all ≥ 0 and add up to `whole`; otherwise the problem, with
    the difference in yuan for a money kind (`kind`), in plain numbers otherwise."""

    def show(value: int) -> str:
        return format_value(value, kind) if kind is not None else f"{value:,}"

    if any(part < 0 for part in parts):
        return ValidationError("分解值不能为负数", "A part may not be negative", "parts")
    total = sum(parts)
    if total == whole:
        return None
    gap = total - whole
    more_zh, more_en = ("多", "more") if gap > 0 else ("少", "less")
    return ValidationError(
        f"各部分合计 {show(total)}，与目标 {show(whole)} 不符：{more_zh} {show(abs(gap))}",
        f"The parts add up to {show(total)}, not the target {show(whole)}: "
        f"{show(abs(gap))} {more_en}",
        "parts",
    )


def validate_target(period: PeriodKind, start: dt.date, value: int) -> dt.date:
    """Check a target's period and value; return the period's last day.

    The period must begin where its kind begins (1 January, the first of a quarter or
    month, a Monday), so that two people setting "Q3" mean the same rows.
    """
    if value < 0:
        raise ValidationError("目标值不能为负数", "A target may not be negative", "value")
    first, last = period_bounds(period, start)
    if first != start:
        raise ValidationError(
            f"{period.zh}目标须从{first.isoformat()}开始",
            f"A {period.en.lower()} target must start on {first.isoformat()}",
            "period_start",
        )
    return last


def to_date_end(start: dt.date, end: dt.date, today: dt.date) -> dt.date | None:
    """The last day whose actuals count towards the target so far: min(today, end);
    None while the period has not started (nothing can have been achieved yet)."""
    if today < start:
        return None
    return min(today, end)


def achievement_to_date(
    actual: int | None, target: int, start: dt.date, today: dt.date
) -> Decimal | None:
    """Actual from `start` to min(today, end) ÷ the target value (SPEC §2.7).

    None — shown "—", never 0 % or NaN — when the target is 0, when the period has not
    started yet, or when there is no actual figure for the kind.
    """
    if actual is None or today < start:
        return None
    return achievement(actual, target)


def period_label(period: PeriodKind, start: dt.date, lang: str = "zh_CN") -> str:
    """ "2026年" / "2026年第3季度" / "2026年7月" / "2026年第30周", or in English
    "2026" / "2026 Q3" / "2026-07" / "2026-W30". Weeks are ISO weeks (their ISO year)."""
    english = lang.startswith("en")
    if period is PeriodKind.YEAR:
        return f"{start.year}" if english else f"{start.year}年"
    if period is PeriodKind.QUARTER:
        quarter = (start.month - 1) // 3 + 1
        return f"{start.year} Q{quarter}" if english else f"{start.year}年第{quarter}季度"
    if period is PeriodKind.MONTH:
        return f"{start.year}-{start.month:02d}" if english else f"{start.year}年{start.month}月"
    iso_year, week, _day = start.isocalendar()
    return f"{iso_year}-W{week:02d}" if english else f"{iso_year}年第{week}周"

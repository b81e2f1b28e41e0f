"""KPI formulas of SPEC §5 and the calendar periods targets are set for."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from crm_desktop.domain.picklists import PeriodKind

Number = int | Decimal


def _ratio(numerator: Number, denominator: Number) -> Decimal | None:
    # No visits means no rate, not a 0% rate: the report shows "—", not a red zero.
    if denominator == 0:
        return None
    return Decimal(numerator) / Decimal(denominator)


def effective_visit_rate(effective: int, visits: int) -> Decimal | None:
    """Effective visits ÷ visits (有效拜访率); None when there were no visits."""
    return _ratio(effective, visits)


def transaction_rate(visits_with_order: int, visits: int) -> Decimal | None:
    """Visits that produced an order ÷ visits (成交率); None when there were no visits."""
    return _ratio(visits_with_order, visits)


def plan_completion(planned_items_visited: int, planned_items: int) -> Decimal | None:
    """Planned items actually visited ÷ planned items (计划完成率); None when none planned."""
    return _ratio(planned_items_visited, planned_items)


def achievement(actual: Number, target: Number) -> Decimal | None:
    """Actual ÷ target (达成率), both cumulative to date; None when the target is 0."""
    return _ratio(actual, target)


def average_per_person(total: Number, people: int) -> Decimal | None:
    """Total ÷ head count (人均); None for an empty team."""
    return _ratio(total, people)


def weighted_amount(amount_fen: int, success_pct: int) -> int:
    """Amount × success rate in fen, rounded half-up to the fen."""
    if not 0 <= success_pct <= 100:
        raise ValueError(f"success rate must be 0..100 %, got {success_pct}")
    # Integer arithmetic: exact for any amount, where a Decimal context could round.
    # Half-up means half away from zero, as Decimal's ROUND_HALF_UP does for refunds.
    whole, rest = divmod(abs(amount_fen) * success_pct, 100)
    rounded = whole + (1 if rest >= 50 else 0)
    return -rounded if amount_fen < 0 else rounded


def weighted_pipeline(items: Iterable[tuple[int, int]]) -> int:
    """Σ amount × stage success rate over (amount_fen, success_pct) pairs, in fen.

    Each opportunity is rounded to the fen before summing, so the total equals the sum
    of the per-opportunity figures a user sees in the list.
    """
    return sum(weighted_amount(amount, pct) for amount, pct in items)


def to_percent(ratio: Decimal | None, places: int = 1) -> Decimal | None:
    """A ratio as a percentage rounded half-up for display: 0.33333 → Decimal("33.3")."""
    if ratio is None:
        return None
    return (ratio * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def iso_week_bounds(year: int, week: int) -> tuple[date, date]:
    """Monday and Sunday of ISO week `week` of ISO year `year`; ValueError if no such week."""
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


def period_bounds(kind: PeriodKind, day: date) -> tuple[date, date]:
    """First and last day (both inclusive) of the year/quarter/month/ISO week holding `day`."""
    if kind is PeriodKind.YEAR:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if kind is PeriodKind.QUARTER:
        first_month = (day.month - 1) // 3 * 3 + 1
        last_month = first_month + 2
        last_day = calendar.monthrange(day.year, last_month)[1]
        return date(day.year, first_month, 1), date(day.year, last_month, last_day)
    if kind is PeriodKind.MONTH:
        last_day = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last_day)
    if kind is PeriodKind.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    raise ValueError(f"unknown period kind: {kind!r}")

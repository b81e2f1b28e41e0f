"""Customer value classes A/B/C by Pareto over sales, and visit cadence per class (SPEC §5)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import ValueClass


@dataclass(frozen=True, slots=True)
class AbcThresholds:
    """A = customers making the top `a_share` of sales, B the next `b_share`, C the rest."""

    a_share: Decimal = Decimal("0.70")
    b_share: Decimal = Decimal("0.20")

    def __post_init__(self) -> None:
        if self.a_share < 0 or self.b_share < 0 or self.a_share + self.b_share > 1:
            raise ValidationError(
                "A、B 类占比必须不小于 0，且合计不超过 100%",
                "The A and B shares must be non-negative and add up to at most 100%",
                field="thresholds",
            )


DEFAULT_THRESHOLDS = AbcThresholds()


def classify_abc(
    sales_by_customer: Mapping[str, int],
    key_accounts: Collection[str] = (),
    thresholds: AbcThresholds = DEFAULT_THRESHOLDS,
) -> dict[str, ValueClass]:
    """Value class of each customer from its trailing-12-month sales in fen.

    Customers are ranked by sales (ties by id, so the result never depends on dict
    order). A customer is A while the share of sales ranked above it is below `a_share`
    (so the one that crosses 70% is still A), then B up to `a_share + b_share`, then C.
    Customers without positive sales are C. Key accounts are A whatever their sales, and
    are included even when absent from `sales_by_customer`.
    """
    # Net returns can make a year negative; such a customer contributes nothing.
    positive = {cid: sales for cid, sales in sales_by_customer.items() if sales > 0}
    total = sum(positive.values())
    # Fractions keep the boundary exact: at 70.000% the next customer must be B, and a
    # float or rounded Decimal could tip it either way.
    a_limit = Fraction(thresholds.a_share) * total
    b_limit = Fraction(thresholds.a_share + thresholds.b_share) * total

    classes = {cid: ValueClass.C for cid in sales_by_customer}
    cumulative = 0
    for cid in sorted(positive, key=lambda c: (-positive[c], c)):
        if cumulative < a_limit:
            classes[cid] = ValueClass.A
        elif cumulative < b_limit:
            classes[cid] = ValueClass.B
        cumulative += positive[cid]
    for cid in key_accounts:
        classes[cid] = ValueClass.A
    return classes


@dataclass(frozen=True, slots=True)
class Cadence:
    """How often a customer of each class should get an effective visit, in days."""

    a_days: int = 14
    b_days: int = 30
    c_days: int = 90

    def __post_init__(self) -> None:
        if min(self.a_days, self.b_days, self.c_days) < 1:
            raise ValidationError(
                "拜访周期必须至少为 1 天",
                "A visit cadence must be at least one day",
                field="cadence",
            )

    def days_for(self, value_class: ValueClass) -> int:
        return {
            ValueClass.A: self.a_days,
            ValueClass.B: self.b_days,
            ValueClass.C: self.c_days,
        }[value_class]


DEFAULT_CADENCE = Cadence()


def next_visit_due(
    value_class: ValueClass,
    last_effective_visit: date | None,
    cadence: Cadence = DEFAULT_CADENCE,
) -> date | None:
    """Last day the next visit is on time; None when never visited (due already)."""
    if last_effective_visit is None:
        return None
    return last_effective_visit + timedelta(days=cadence.days_for(value_class))


def is_overdue(
    value_class: ValueClass,
    last_effective_visit: date | None,
    today: date,
    cadence: Cadence = DEFAULT_CADENCE,
) -> bool:
    """Whether the last effective visit is older than the class's cadence.

    A customer never visited effectively is overdue: it is exactly the one to plan.
    """
    due = next_visit_due(value_class, last_effective_visit, cadence)
    return due is None or today > due


def days_overdue(
    value_class: ValueClass,
    last_effective_visit: date | None,
    today: date,
    cadence: Cadence = DEFAULT_CADENCE,
    *,
    never_visited_since: date | None = None,
) -> int:
    """Days past the due date, 0 when not overdue.

    A never-visited customer was due from `never_visited_since` (e.g. the day its card
    was created), so it counts from there; without that date the count is unknown and
    0 is returned — use `is_overdue` for the flag itself.
    """
    due = next_visit_due(value_class, last_effective_visit, cadence)
    if due is None:
        if never_visited_since is None:
            return 0
        return max(0, (today - never_visited_since).days)
    return max(0, (today - due).days)

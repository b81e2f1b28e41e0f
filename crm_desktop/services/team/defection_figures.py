"""The Dashboard's defection figures (F16, §2.13): the defection rate per value class and
per rep over the trailing 12 months, and the root causes named in each month.

defection rate = customers lost in the period ÷ customers active at its start, where
- the period is the 12 months up to today (after `year_before(today)`),
- lost = a live defector case of type complete or former customer (a partial defector
  still buys, and is counted apart) dated in the period, each customer once,
- active at the start = ordered something (a visit's order amount > 0) in the 12 months
  before the period; a customer lost in the period counts as active at its start, so a
  rate never passes 100 %.
The class is the customer's value class now, the rep the customer's owner now (the
figures a manager acts on). Three grouped queries; nothing is read row by row.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import TextClause, bindparam, text
from sqlalchemy.orm import Session

from crm_desktop.domain.churn import LOST_TYPES, DefectionType, decode_causes, defection_rate
from crm_desktop.domain.churn import year_before as _year_before
from crm_desktop.domain.picklists import ValueClass
from crm_desktop.services.org import Person

# The loss-reason chart shows the most named causes; the rest are "other".
TOP_CAUSES = 5


@dataclass(frozen=True)
class RateRow:
    key: str  # a value class ("A") or a rep's id
    label: str  # the class letter or the rep's name
    active: int  # active at the period's start (lost ones included)
    lost: int
    partial: int  # partial defectors in the period (not in the rate)
    rate: Decimal | None  # None when nobody was active


@dataclass(frozen=True)
class LossReasonTrend:
    months: tuple[dt.date, ...]  # the first day of each month of the period
    counts: tuple[tuple[str, tuple[int, ...]], ...]  # (cause code, count per month)

    @property
    def total(self) -> int:
        return sum(sum(per_month) for _code, per_month in self.counts)


@dataclass(frozen=True)
class DefectionFigures:
    start: dt.date  # first day of the period
    end: dt.date
    by_class: tuple[RateRow, ...]
    by_rep: tuple[RateRow, ...]
    overall: RateRow
    reasons: LossReasonTrend


def period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The 12 months up to `today`: (first day, today)."""
    return _year_before(today) + dt.timedelta(days=1), today


def _owners_clause(owners: list[str] | None, column: str) -> str:
    return "" if owners is None else f" AND {column} IN :owners"


def _params(statement: str, owners: list[str] | None) -> TextClause:
    query = text(statement).bindparams(bindparam("lost_types", expanding=True))
    if owners is not None:
        query = query.bindparams(bindparam("owners", value=owners, expanding=True))
    return query


# One row per customer that counts: active at the start, lost in the period, partial.
_PER_CUSTOMER = """
WITH active AS (
    SELECT DISTINCT customer_id FROM visit_records
    WHERE deleted = 0 AND order_amount_fen > 0
      AND visit_date > :before_start AND visit_date <= :before_end
),
lost AS (
    SELECT DISTINCT customer_id FROM defection_cases
    WHERE deleted = 0 AND defection_type IN :lost_types
      AND defected_on >= :start AND defected_on <= :end
),
partial AS (
    SELECT DISTINCT customer_id FROM defection_cases
    WHERE deleted = 0 AND defection_type = 'partial'
      AND defected_on >= :start AND defected_on <= :end
)
SELECT c.value_class, c.owner_id,
       SUM(CASE WHEN a.customer_id IS NOT NULL OR l.customer_id IS NOT NULL
                THEN 1 ELSE 0 END),
       SUM(CASE WHEN l.customer_id IS NOT NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.customer_id IS NOT NULL THEN 1 ELSE 0 END)
FROM customers c
LEFT JOIN active a ON a.customer_id = c.id
LEFT JOIN lost l ON l.customer_id = c.id
LEFT JOIN partial p ON p.customer_id = c.id
WHERE c.deleted = 0
  AND (a.customer_id IS NOT NULL OR l.customer_id IS NOT NULL OR p.customer_id IS NOT NULL)
"""

_CAUSES = """
SELECT d.defected_on, d.root_causes FROM defection_cases d
JOIN customers c ON c.id = d.customer_id
WHERE d.deleted = 0 AND c.deleted = 0 AND d.defected_on >= :start AND d.defected_on <= :end
  AND d.defection_type IN :lost_types
"""


def defection_figures(
    session: Session, owners: list[str] | None, reps: list[Person], today: dt.date
) -> DefectionFigures:
    """The figures for the customers of `owners` (None: everyone), rows for `reps`."""
    start, end = period(today)
    before_end = start - dt.timedelta(days=1)
    params = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "before_start": _year_before(before_end).isoformat(),
        "before_end": before_end.isoformat(),
        # Every defection type counts in the reasons; only lost ones in the rate.
        "lost_types": sorted(t.value for t in LOST_TYPES),
    }
    if owners == []:
        rows: list[tuple[str, str | None, int, int, int]] = []
        cause_rows: list[tuple[object, str | None]] = []
    else:
        per_customer = _PER_CUSTOMER + _owners_clause(owners, "c.owner_id")
        rows = [
            (str(r[0]), r[1], int(r[2]), int(r[3]), int(r[4]))
            for r in session.execute(
                _params(per_customer + " GROUP BY c.value_class, c.owner_id", owners),
                params,
            )
        ]
        all_types = {**params, "lost_types": [t.value for t in DefectionType]}
        cause_rows = [
            (r[0], r[1])
            for r in session.execute(
                _params(_CAUSES + _owners_clause(owners, "d.owner_id"), owners),
                all_types,
            )
        ]
    by_class: dict[str, list[int]] = {c.value: [0, 0, 0] for c in ValueClass}
    by_rep: dict[str, list[int]] = {p.id: [0, 0, 0] for p in reps}
    for value_class, owner, active, lost, partial in rows:
        for bucket in (by_class.get(value_class), by_rep.get(owner or "")):
            if bucket is not None:
                bucket[0] += active
                bucket[1] += lost
                bucket[2] += partial
    total = [sum(values[i] for values in by_class.values()) for i in range(3)]
    return DefectionFigures(
        start,
        end,
        tuple(_row(code, code, counts) for code, counts in by_class.items()),
        tuple(_row(p.id, p.display_name, by_rep[p.id]) for p in reps),
        _row("", "", total),
        _reasons(cause_rows, start, end),
    )


def _row(key: str, label: str, counts: list[int]) -> RateRow:
    active, lost, partial = counts
    return RateRow(key, label, active, lost, partial, defection_rate(lost, active))


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _reasons(
    rows: list[tuple[object, str | None]], start: dt.date, end: dt.date
) -> LossReasonTrend:
    months = _months(start, end)
    index = {m: i for i, m in enumerate(months)}
    per_cause: dict[str, list[int]] = {}
    overall: Counter[str] = Counter()
    for day, causes in rows:
        when = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
        slot = index[when.replace(day=1)]
        for code in decode_causes(causes):
            per_cause.setdefault(code, [0] * len(months))[slot] += 1
            overall[code] += 1
    ranked = sorted(overall, key=lambda code: (-overall[code], code))
    shown = ranked[:TOP_CAUSES]
    counts = [(code, tuple(per_cause[code])) for code in shown]
    rest = ranked[TOP_CAUSES:]
    if rest:
        merged = [sum(per_cause[code][i] for code in rest) for i in range(len(months))]
        counts.append(("", tuple(merged)))  # "" = every other cause
    return LossReasonTrend(tuple(months), tuple(counts))

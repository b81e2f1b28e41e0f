"""Churn warnings, the win-back list and a customer's value (F16, §2.5-2.8).

Every list is one set-based query over the customers the user sees (the org tree's
owners, as the server scopes them): orders come from the visits' order amounts, the
last effective visit from the customer card, serious complaints and defector cases by
customer in grouped sub-queries. The domain (domain/churn.py) then decides, row by row
in memory, which customers to warn about and why; no query runs per customer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from crm_desktop.domain.churn import (
    DEFAULT_ASSUMPTIONS,
    DEFAULT_RULES,
    LOST_TYPES,
    PENDING_COMPLAINT_STATUSES,
    SERIOUS_SEVERITIES,
    ChurnRules,
    ChurnSignal,
    CustomerValue,
    ValueAssumptions,
    churn_signals,
    comparison_windows,
    customer_value,
    decode_causes,
    drop_share,
    lifetime_value_fen,
    year_before,
)
from crm_desktop.domain.classification import DEFAULT_CADENCE, Cadence
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import CustomerStatus, ValueClass
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.org import OrgTree
from crm_desktop.store.database import Store

# Customers that still buy, or should: lost and former ones belong to the win-back list.
WATCHED_STATUSES = (CustomerStatus.ACTIVE.value,)
FORMER_STATUSES = (CustomerStatus.LOST.value, CustomerStatus.FORMER.value)


@dataclass(frozen=True)
class ChurnWarning:
    customer_id: str
    name: str
    owner_id: str | None
    owner_name: str
    value_class: str
    recent_fen: int  # orders in the trailing period
    prior_fen: int  # orders in the same period a year before
    drop: Decimal | None  # 0.4 = 40 % down; None without a baseline
    last_effective_visit_on: dt.date | None
    open_serious_complaints: int
    signals: tuple[ChurnSignal, ...]


@dataclass(frozen=True)
class WinBackRow:
    """A former customer: lost or former by its card, an open complete defection, or no
    order for `dormant_days`; with what it used to buy and what winning it back is worth."""

    customer_id: str
    name: str
    owner_id: str | None
    owner_name: str
    status: str
    last_order_on: dt.date | None
    lifetime_orders_fen: int  # every order on record
    last_year_orders_fen: int  # the 12 months up to the last order
    value_fen: int  # lifetime-value estimate from that last year (domain/churn.py)
    case_type: str | None  # the latest open defector case, if any
    case_causes: tuple[str, ...]


def scope_owners(store: Store, user: CurrentUser) -> list[str] | None:
    """The owners whose customers the user sees; None for everyone (an admin)."""
    visible = OrgTree.load(store).hierarchy.visible_owners(user.actor.user_id)
    return None if visible is None else sorted(visible)


def _owner_filter(owners: list[str] | None, column: str) -> str:
    return "" if owners is None else f" AND {column} IN :owners"


def _bind(statement: Any, owners: list[str] | None) -> Any:
    if owners is None:
        return statement
    return statement.bindparams(bindparam("owners", value=owners, expanding=True))


_WARNINGS = """
SELECT c.id, c.name, c.owner_id, COALESCE(u.display_name, ''), c.value_class,
       COALESCE(o.recent, 0), COALESCE(o.prior, 0), c.last_effective_visit_on,
       COALESCE(k.n, 0)
FROM customers c
LEFT JOIN users u ON u.id = c.owner_id
LEFT JOIN (
    SELECT customer_id,
           SUM(CASE WHEN visit_date >= :rs AND visit_date <= :re
                    THEN order_amount_fen ELSE 0 END) AS recent,
           SUM(CASE WHEN visit_date >= :ps AND visit_date <= :pe
                    THEN order_amount_fen ELSE 0 END) AS prior
    FROM visit_records
    WHERE deleted = 0 AND ((visit_date >= :rs AND visit_date <= :re)
                        OR (visit_date >= :ps AND visit_date <= :pe))
    GROUP BY customer_id
) o ON o.customer_id = c.id
LEFT JOIN (
    SELECT customer_id, COUNT(*) AS n FROM complaints
    WHERE deleted = 0 AND severity IN :severities AND status IN :pending
    GROUP BY customer_id
) k ON k.customer_id = c.id
WHERE c.deleted = 0 AND c.status IN :watched
  AND NOT EXISTS (
      SELECT 1 FROM defection_cases d
      WHERE d.customer_id = c.id AND d.deleted = 0 AND d.status = 'open')
  AND (COALESCE(o.prior, 0) > 0 OR COALESCE(k.n, 0) > 0
       OR c.last_effective_visit_on < :visit_horizon)
"""

_WIN_BACK = """
WITH v AS (
    -- The period index covers these columns: one pass over it, no row lookups (a
    -- join back to the visits per customer took ten times as long at 80,000 visits).
    SELECT customer_id, visit_date, order_amount_fen,
           MAX(visit_date) OVER (PARTITION BY customer_id) AS last_on
    FROM visit_records INDEXED BY ix_visit_records_period
    WHERE deleted = 0 AND order_amount_fen > 0
),
orders AS MATERIALIZED (
    SELECT customer_id, last_on, SUM(order_amount_fen) AS total,
           SUM(CASE WHEN visit_date > date(last_on, '-1 year')
                    THEN order_amount_fen ELSE 0 END) AS last_year
    FROM v GROUP BY customer_id
),
open_case AS MATERIALIZED (
    SELECT d.customer_id, d.defection_type, d.root_causes
    FROM defection_cases d
    WHERE d.deleted = 0 AND d.status = 'open' AND d.id = (
        SELECT d2.id FROM defection_cases d2
        WHERE d2.customer_id = d.customer_id AND d2.deleted = 0 AND d2.status = 'open'
        ORDER BY d2.defected_on DESC, d2.id DESC LIMIT 1)
)
SELECT c.id, c.name, c.owner_id, COALESCE(u.display_name, ''), c.status,
       o.last_on, COALESCE(o.total, 0), COALESCE(o.last_year, 0),
       k.defection_type, k.root_causes
FROM customers c
LEFT JOIN users u ON u.id = c.owner_id
LEFT JOIN orders o ON o.customer_id = c.id
LEFT JOIN open_case k ON k.customer_id = c.id
WHERE c.deleted = 0
  AND (c.status IN :former
       OR k.defection_type IN :lost_types
       OR (o.last_on IS NOT NULL AND o.last_on < :dormant_before))
"""


class ChurnService:
    """The churn page's lists and the customer card's value figures."""

    def __init__(
        self,
        store: Store,
        user: CurrentUser,
        cadence: Cadence = DEFAULT_CADENCE,
        rules: ChurnRules = DEFAULT_RULES,
        assumptions: ValueAssumptions = DEFAULT_ASSUMPTIONS,
    ) -> None:
        self._store = store
        self._user = user
        self.cadence = cadence
        self.rules = rules
        self.assumptions = assumptions

    def warnings(self, today: dt.date | None = None) -> list[ChurnWarning]:
        """Active customers in scope with at least one churn signal and no open defector
        case, the most signals first, then by name."""
        today = today or self._store.clock.today()
        w = comparison_windows(today, self.rules)
        shortest = min(self.cadence.a_days, self.cadence.b_days, self.cadence.c_days)
        horizon = today - dt.timedelta(days=self.rules.overdue_factor * shortest)
        owners = scope_owners(self._store, self._user)
        statement = _bind(
            text(_WARNINGS + _owner_filter(owners, "c.owner_id")).bindparams(
                bindparam("severities", expanding=True),
                bindparam("pending", expanding=True),
                bindparam("watched", expanding=True),
            ),
            owners,
        )
        params = {
            # Dates as the ISO text SQLite stores them (no adapter guesses).
            "rs": w.recent_start.isoformat(),
            "re": w.recent_end.isoformat(),
            "ps": w.prior_start.isoformat(),
            "pe": w.prior_end.isoformat(),
            "severities": sorted(s.value for s in SERIOUS_SEVERITIES),
            "pending": sorted(PENDING_COMPLAINT_STATUSES),
            "watched": list(WATCHED_STATUSES),
            "visit_horizon": horizon.isoformat(),
        }
        with self._store.reading() as s:
            rows = s.execute(statement, params).all()
        found = []
        for cid, name, owner, owner_name, cls, recent, prior, last_visit, serious in rows:
            last = _date(last_visit)
            signals = churn_signals(
                recent_fen=int(recent),
                prior_fen=int(prior),
                value_class=_class(cls),
                last_effective_visit=last,
                open_serious_complaints=int(serious),
                today=today,
                cadence=self.cadence,
                rules=self.rules,
            )
            if signals:
                found.append(
                    ChurnWarning(
                        cid,
                        name,
                        owner,
                        owner_name,
                        cls,
                        int(recent),
                        int(prior),
                        drop_share(int(recent), int(prior)),
                        last,
                        int(serious),
                        signals,
                    )
                )
        found.sort(key=lambda row: (-len(row.signals), row.name, row.customer_id))
        return found

    def win_back(self, today: dt.date | None = None) -> list[WinBackRow]:
        """Former customers in scope, the most valuable first."""
        today = today or self._store.clock.today()
        owners = scope_owners(self._store, self._user)
        statement = _bind(
            text(_WIN_BACK + _owner_filter(owners, "c.owner_id")).bindparams(
                bindparam("former", expanding=True), bindparam("lost_types", expanding=True)
            ),
            owners,
        )
        params = {
            "former": list(FORMER_STATUSES),
            "lost_types": sorted(t.value for t in LOST_TYPES),
            "dormant_before": (today - dt.timedelta(days=self.rules.dormant_days)).isoformat(),
        }
        with self._store.reading() as s:
            rows = s.execute(statement, params).all()
        found = [
            WinBackRow(
                cid,
                name,
                owner,
                owner_name,
                status,
                _date(last_on),
                int(total),
                int(last_year),
                lifetime_value_fen(int(last_year), self.assumptions),
                case_type,
                decode_causes(causes),
            )
            for (
                cid,
                name,
                owner,
                owner_name,
                status,
                last_on,
                total,
                last_year,
                case_type,
                causes,
            ) in rows
        ]
        found.sort(key=lambda row: (-row.value_fen, row.name, row.customer_id))
        return found

    def value(self, customer_id: str, today: dt.date | None = None) -> CustomerValue:
        """Trailing 12-month spend, the 12 months before, share of customer and the
        lifetime-value estimate of one customer."""
        today = today or self._store.clock.today()
        with self._store.reading() as s:
            return self._value(s, customer_id, today)

    def _value(self, s: Session, customer_id: str, today: dt.date) -> CustomerValue:
        one_year = year_before(today)
        two_years = year_before(one_year)
        row = s.execute(
            text(
                "SELECT c.category_spend_fen,"
                " (SELECT COALESCE(SUM(order_amount_fen), 0) FROM visit_records"
                "  WHERE customer_id = c.id AND deleted = 0"
                "  AND visit_date > :one AND visit_date <= :today),"
                " (SELECT COALESCE(SUM(order_amount_fen), 0) FROM visit_records"
                "  WHERE customer_id = c.id AND deleted = 0"
                "  AND visit_date > :two AND visit_date <= :one)"
                " FROM customers c WHERE c.id = :cid AND c.deleted = 0"
            ),
            {
                "cid": customer_id,
                "today": today.isoformat(),
                "one": one_year.isoformat(),
                "two": two_years.isoformat(),
            },
        ).first()
        if row is None:
            raise ValidationError(
                "找不到该客户，可能已被删除", "That customer no longer exists", field="customer"
            )
        category, trailing, prior = row
        return customer_value(
            int(trailing), int(prior), None if category is None else int(category), self.assumptions
        )


def _date(value: object) -> dt.date | None:
    """A date from a text() query: SQLite hands back the stored ISO text."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _class(code: str) -> ValueClass:
    try:
        return ValueClass(code)
    except ValueError:
        return ValueClass.C

"""撞单 report: customers pursued by more than one rep.

A customer is listed when
- another live customer with the same normalised name, phone or tax id (the duplicate
  keys of domain/normalize.py kept on every customer) belongs to a different rep — the
  same company entered twice;
- its open opportunities belong to more than one rep;
- reps other than its owner logged visits to it in the last `days` days.
One row per customer with every reason found, for the customers the user sees (their
own, their subtree's; an admin's: all). A few grouped queries, whatever the store's size.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from crm_desktop.domain.stages import DEFAULT_STAGES
from crm_desktop.services.actor import Actor
from crm_desktop.services.scope import access
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, Opportunity, SalesStage, User, VisitRecord

# (reason key, zh, en), in the order reasons are listed on a row.
_REASONS = {
    "name": ("同名客户由不同销售员负责", "A customer of the same name belongs to another rep"),
    "phone": (
        "同电话客户由不同销售员负责",
        "A customer with the same phone belongs to another rep",
    ),
    "tax": ("同税号客户由不同销售员负责", "A customer with the same tax ID belongs to another rep"),
    "opportunities": ("多人有未结商机", "Open opportunities of several reps"),
    "visits": ("多人拜访", "Visited by several reps"),
}


@dataclass(frozen=True, slots=True)
class PursuitRow:
    customer_id: str
    customer_name: str
    owners: tuple[str, ...]  # display names of the reps involved, sorted
    reason_zh: str  # e.g. "同名客户由不同销售员负责" / "多人有未结商机" / "多人拜访"
    reason_en: str
    opportunity_count: int  # open opportunities on the customer


class _Found:
    """What the queries found about one customer: its reasons and the reps involved."""

    def __init__(self) -> None:
        self.reasons: set[str] = set()
        self.people: set[str | None] = set()


def _closed_codes(s: Session) -> list[str]:
    stored = s.scalars(
        select(SalesStage.code)
        .where(SalesStage.deleted.is_(False), SalesStage.outcome != "open")
        .distinct()
    ).all()
    return sorted({*stored, *(st.code for st in DEFAULT_STAGES if st.is_closed)})


def double_pursuit(store: Store, actor: Actor, today: dt.date, days: int = 90) -> list[PursuitRow]:
    """Customers the actor sees that more than one rep pursues, by customer name."""
    visible = access(store, actor).visible

    def in_scope(column: InstrumentedAttribute[str | None]) -> list[ColumnElement[bool]]:
        return [] if visible is None else [column.in_(sorted(visible))]

    found: dict[str, _Found] = defaultdict(_Found)
    with store.reading() as s:
        for reason, key in (
            ("name", Customer.name_key),
            ("phone", Customer.phone_key),
            ("tax", Customer.tax_key),
        ):
            _same_key(s, reason, key, visible, found)
        closed = _closed_codes(s)
        live_open = [Opportunity.deleted.is_(False), Opportunity.stage_code.not_in(closed)]
        shared = (
            select(Opportunity.customer_id)
            .where(*live_open)
            .group_by(Opportunity.customer_id)
            .having(func.count(Opportunity.owner_id.distinct()) > 1)
        )
        for customer_id, owner_id in s.execute(
            select(Opportunity.customer_id, Opportunity.owner_id)
            .join(Customer, Customer.id == Opportunity.customer_id)
            .where(*live_open, Opportunity.customer_id.in_(shared), Customer.deleted.is_(False))
            .where(*in_scope(Customer.owner_id))
            .group_by(Opportunity.customer_id, Opportunity.owner_id)
        ):
            found[customer_id].reasons.add("opportunities")
            found[customer_id].people.add(owner_id)
        since = today - dt.timedelta(days=days)
        for customer_id, visitor in s.execute(
            select(VisitRecord.customer_id, VisitRecord.owner_id)
            .join(Customer, Customer.id == VisitRecord.customer_id)
            .where(
                VisitRecord.deleted.is_(False),
                VisitRecord.visit_date >= since,
                VisitRecord.visit_date <= today,
                VisitRecord.owner_id != Customer.owner_id,
                Customer.deleted.is_(False),
            )
            .where(*in_scope(Customer.owner_id))
            .group_by(VisitRecord.customer_id, VisitRecord.owner_id)
        ):
            found[customer_id].reasons.add("visits")
            found[customer_id].people.add(visitor)
        if not found:
            return []
        ids = sorted(found)
        customers = {
            cid: (name, owner)
            for cid, name, owner in s.execute(
                select(Customer.id, Customer.name, Customer.owner_id).where(Customer.id.in_(ids))
            )
        }
        counts = dict(
            s.execute(
                select(Opportunity.customer_id, func.count())
                .where(*live_open, Opportunity.customer_id.in_(ids))
                .group_by(Opportunity.customer_id)
            ).all()
        )
        names = dict(s.execute(select(User.id, User.display_name)).all())
    rows = []
    for cid, facts in found.items():
        name, owner = customers[cid]
        people = {p for p in (*facts.people, owner) if p}
        ordered = [r for r in _REASONS if r in facts.reasons]
        rows.append(
            PursuitRow(
                customer_id=cid,
                customer_name=name,
                owners=tuple(sorted(names.get(p, p) for p in people)),
                reason_zh="；".join(_REASONS[r][0] for r in ordered),
                reason_en="; ".join(_REASONS[r][1] for r in ordered),
                opportunity_count=int(counts.get(cid, 0)),
            )
        )
    rows.sort(key=lambda r: (r.customer_name, r.customer_id))
    return rows


def _same_key(
    s: Session,
    reason: str,
    key: InstrumentedAttribute[str] | InstrumentedAttribute[str | None],
    visible: frozenset[str] | None,
    found: dict[str, _Found],
) -> None:
    """Visible customers sharing a duplicate key with a customer of another rep (who
    may be outside the user's scope: that is the point of the report)."""
    shared = (
        select(key)
        .where(Customer.deleted.is_(False), key.is_not(None), key != "")
        .group_by(key)
        .having(func.count(Customer.owner_id.distinct()) > 1)
    )
    groups: dict[str | None, list[tuple[str, str | None]]] = defaultdict(list)
    for customer_id, owner_id, value in s.execute(
        select(Customer.id, Customer.owner_id, key).where(
            Customer.deleted.is_(False), key.in_(shared)
        )
    ):
        groups[value].append((customer_id, owner_id))
    for group in groups.values():
        owners = {owner for _cid, owner in group if owner}
        for customer_id, owner_id in group:
            if visible is not None and owner_id not in visible:
                continue
            found[customer_id].reasons.add(reason)
            found[customer_id].people.update(owners)

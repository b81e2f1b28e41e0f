"""Derived customer fields: value class A/B/C from trailing sales, last effective visit.

The figures are computed in SQL (one grouped query each) and only the customers whose
value actually changed are written, through a unit of work, so each change is recorded
in the outbox like any other edit. The `*_changes` functions take a session so the demo
generator can reuse them inside its own transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import islice
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.domain.classification import DEFAULT_THRESHOLDS, AbcThresholds, classify_abc
from crm_desktop.services.container import Services
from crm_desktop.store.models import Customer, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork

_BATCH = 500  # ids per IN (...) when loading changed customers; well under SQLite's limit

T = TypeVar("T")


def year_before(today: dt.date) -> dt.date:
    """The same day a year earlier (28 Feb for 29 Feb); the window starts the day after."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def trailing_sales(session: Session, today: dt.date) -> dict[str, int]:
    """Order amounts in fen per live customer over the 12 months up to `today` (0 if none)."""
    sales = {
        cid: 0 for cid in session.scalars(select(Customer.id).where(Customer.deleted.is_(False)))
    }
    statement = (
        select(VisitRecord.customer_id, func.sum(VisitRecord.order_amount_fen))
        .where(
            VisitRecord.deleted.is_(False),
            VisitRecord.visit_date > year_before(today),
            VisitRecord.visit_date <= today,
        )
        .group_by(VisitRecord.customer_id)
    )
    for cid, amount in session.execute(statement):
        if cid in sales:
            sales[cid] = int(amount or 0)
    return sales


def value_class_changes(
    session: Session, today: dt.date, thresholds: AbcThresholds = DEFAULT_THRESHOLDS
) -> dict[str, str]:
    """Customer id → new value class, for the live customers whose class changes."""
    sales = trailing_sales(session, today)
    current = session.execute(
        select(Customer.id, Customer.value_class, Customer.is_key_account).where(
            Customer.deleted.is_(False)
        )
    ).all()
    key_accounts = [cid for cid, _class, key in current if key]
    classes = classify_abc(sales, key_accounts, thresholds)
    return {cid: classes[cid].value for cid, old, _key in current if classes[cid].value != old}


def last_visit_changes(session: Session) -> dict[str, dt.date]:
    """Customer id → date of its latest effective visit, where the stored date differs.

    Customers with no effective visit in this store keep their date: it may come from
    history the laptop does not hold.
    """
    latest = (
        select(VisitRecord.customer_id, func.max(VisitRecord.visit_date).label("last"))
        .where(VisitRecord.deleted.is_(False), VisitRecord.is_effective.is_(True))
        .group_by(VisitRecord.customer_id)
        .subquery()
    )
    rows = session.execute(
        select(Customer.id, latest.c.last, Customer.last_effective_visit_on)
        .join(latest, latest.c.customer_id == Customer.id)
        .where(Customer.deleted.is_(False))
    ).all()
    return {cid: last for cid, last, stored in rows if last != stored}


def _batches(items: Sequence[T], size: int = _BATCH) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _apply(
    services: Services, field: str, compute: Callable[[Session], Mapping[str, object]]
) -> int:
    """Set `field` on the customers `compute` reports changed, in one unit of work.

    The changes are computed inside the write transaction, so nothing written in
    between (a sync, another window) can be overwritten with a stale figure.
    """
    with UnitOfWork(services.store, services.actor.user_id) as uow:
        changes = compute(uow.session)
        for batch in _batches(list(changes)):
            for customer in uow.session.scalars(select(Customer).where(Customer.id.in_(batch))):
                setattr(customer, field, changes[customer.id])
            uow.session.flush()  # records the outbox updates; keeps the identity map small
            uow.session.expunge_all()
        uow.commit()
    return len(changes)


def recompute_value_classes(
    services: Services, today: dt.date, thresholds: AbcThresholds = DEFAULT_THRESHOLDS
) -> int:
    """Reclassify every live customer by trailing-12-month sales (SPEC §5).

    Sales are the order amounts of visit records dated in the year up to `today`; key
    accounts are A regardless. Returns how many customers changed class.
    """
    return _apply(
        services, "value_class", lambda session: value_class_changes(session, today, thresholds)
    )


def refresh_last_visits(services: Services) -> int:
    """Set each customer's last effective visit date from its visit records; returns the
    number of customers changed."""
    return _apply(services, "last_effective_visit_on", last_visit_changes)

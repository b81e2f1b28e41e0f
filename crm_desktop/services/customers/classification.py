"""Derived customer fields: value class A/B/C from trailing sales, last effective visit.

The figures are computed in SQL (one grouped query each) and only the customers whose
value actually changed are written, through a unit of work, so each change is recorded
in the outbox like any other edit. The `*_changes` functions take a session so the demo
generator can reuse them inside its own transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from itertools import islice
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.domain.classification import DEFAULT_THRESHOLDS, AbcThresholds, classify_abc
from crm_desktop.domain.picklists import Role
from crm_desktop.services.actor import Actor
from crm_desktop.services.container import Services
from crm_desktop.store.models import Customer, SyncMeta, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork

CLASSIFIED_ON_KEY = "value_classes_on"  # sync_meta: day of the last recomputation
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


# The A/B shares to classify with: one for all, or each owner's (their team policy).
Thresholds = AbcThresholds | Callable[[str | None], AbcThresholds]


def value_class_changes(
    session: Session,
    today: dt.date,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    owners: Collection[str] | None = None,
) -> dict[str, str]:
    """Customer id → new value class, for the live customers whose class changes.

    The Pareto runs over each owner's portfolio separately: a rep steers by the top of
    their own territory, and every laptop holding a rep's customers (the rep's, the
    supervisor's) then computes the same classes from the same rows, so two laptops never
    take turns overwriting each other's result through sync. `owners` limits the
    recomputation to those owners' portfolios (None: every customer in the store).
    """
    sales = trailing_sales(session, today)
    statement = select(
        Customer.id, Customer.owner_id, Customer.value_class, Customer.is_key_account
    ).where(Customer.deleted.is_(False))
    if owners is not None:
        statement = statement.where(Customer.owner_id.in_(list(owners)))
    portfolios: dict[str | None, list[tuple[str, str, bool]]] = defaultdict(list)
    for cid, owner, old, key in session.execute(statement):
        portfolios[owner].append((cid, old, key))
    changes: dict[str, str] = {}
    for owner, portfolio in portfolios.items():
        classes = classify_abc(
            {cid: sales.get(cid, 0) for cid, _old, _key in portfolio},
            [cid for cid, _old, key in portfolio if key],
            thresholds if isinstance(thresholds, AbcThresholds) else thresholds(owner),
        )
        changes.update(
            {cid: classes[cid].value for cid, old, _key in portfolio if classes[cid].value != old}
        )
    return changes


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


def writable_owners(actor: Actor) -> frozenset[str] | None:
    """Whose customers this user's laptop may reclassify, by the server's write rule
    (domain/org.Access.may_write, over every customer the laptop holds).

    Reps and supervisors write every customer their laptop holds (their own, their
    team's); a manager or admin writes only their own records, so recomputing their
    subtree's classes would only fill their conflict inbox with rejections.
    """
    if actor.role in (Role.REP, Role.SUPERVISOR):
        return None
    return frozenset({actor.user_id})


def recompute_value_classes(
    services: Services, today: dt.date, thresholds: Thresholds | None = None
) -> int:
    """Reclassify the live customers this user may write by trailing-12-month sales (SPEC §5).

    Sales are the order amounts of visit records dated in the year up to `today`; key
    accounts are A regardless. Records the day in the store, so the nightly run knows it
    is done. Returns how many customers changed class.

    The shares are each owner's team policy (services/policy.py) unless `thresholds` is
    given: the synced policy, so every laptop holding a portfolio computes the same classes.
    """
    owners = writable_owners(services.actor)
    shares = services.policy.thresholds_by_owner() if thresholds is None else thresholds
    changed = _apply(
        services,
        "value_class",
        lambda session: value_class_changes(session, today, shares, owners),
    )
    with UnitOfWork(services.store, services.actor.user_id) as uow:
        uow.session.merge(SyncMeta(key=CLASSIFIED_ON_KEY, value=today.isoformat()))
        uow.commit()
    return changed


def classified_on(services: Services) -> dt.date | None:
    """The day value classes were last recomputed on this laptop, if ever."""
    with services.store.reading() as session:
        meta = session.get(SyncMeta, CLASSIFIED_ON_KEY)
    try:
        return dt.date.fromisoformat(meta.value) if meta else None
    except ValueError:
        return None


def recompute_if_due(
    services: Services, today: dt.date, thresholds: Thresholds | None = None
) -> int | None:
    """The nightly run: recompute unless it already ran today; None when it did not run."""
    last = classified_on(services)
    if last is not None and last >= today:
        return None
    return recompute_value_classes(services, today, thresholds)


def refresh_last_visits(services: Services) -> int:
    """Set each customer's last effective visit date from its visit records; returns the
    number of customers changed."""
    return _apply(services, "last_effective_visit_on", last_visit_changes)

"""Reading ledgers from the store: the entries table and the visits' orders and
collections, as the domain's events (domain/receivables.py).

Visit amounts are read where they were recorded, never copied: a visit edited, deleted
or frozen by a signed report is exactly what the ledger shows. A visit's order is due
after the customer's payment terms, like a manual order without a due date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from crm_desktop.domain.receivables import (
    EntryKind,
    EntrySource,
    LedgerEvent,
    due_date,
    signed_amount,
)
from crm_desktop.store.models import ReceivableEntry, VisitRecord

ORDER_SUFFIX, COLLECTION_SUFFIX = ":order", ":collection"


def entry_event(row: Sequence[Any], terms: str | None) -> LedgerEvent:
    """An event from the columns of _ENTRY_COLUMNS, in their order."""
    id_, kind, amount, entry_date, due_on, as_of, reference, note, source = row
    entry_kind = EntryKind(kind)
    return LedgerEvent(
        entry_date,
        entry_kind,
        signed_amount(entry_kind, int(amount)),
        due_on or due_date(entry_date, terms),
        EntrySource(source),
        id=id_,
        reference=reference,
        note=note,
        as_of=as_of,
    )


_ENTRY_COLUMNS = (
    ReceivableEntry.id,
    ReceivableEntry.kind,
    ReceivableEntry.amount_fen,
    ReceivableEntry.entry_date,
    ReceivableEntry.due_on,
    ReceivableEntry.as_of,
    ReceivableEntry.reference,
    ReceivableEntry.note,
    ReceivableEntry.source,
)


def events_by_customer(
    session: Session, terms: dict[str, str | None], exclude_visit: str | None = None
) -> dict[str, list[LedgerEvent]]:
    """The ledger events of each customer in `terms` (customer id → payment terms)."""
    found: dict[str, list[LedgerEvent]] = defaultdict(list)
    if not terms:
        return found
    ids = list(terms)
    for chunk in _chunks(ids, 500):
        rows = session.execute(
            select(ReceivableEntry.customer_id, *_ENTRY_COLUMNS).where(
                ReceivableEntry.customer_id.in_(chunk), ReceivableEntry.deleted.is_(False)
            )
        )
        for customer_id, *entry in rows:
            found[customer_id].append(entry_event(tuple(entry), terms[customer_id]))
        visits = session.execute(
            select(
                VisitRecord.customer_id,
                VisitRecord.id,
                VisitRecord.visit_date,
                VisitRecord.order_amount_fen,
                VisitRecord.collection_amount_fen,
            ).where(
                VisitRecord.customer_id.in_(chunk),
                VisitRecord.deleted.is_(False),
                or_(VisitRecord.order_amount_fen > 0, VisitRecord.collection_amount_fen > 0),
            )
        )
        for customer_id, visit_id, on, order_fen, collected_fen in visits:
            if visit_id == exclude_visit:
                continue
            found[customer_id].extend(
                visit_events(visit_id, on, order_fen, collected_fen, terms[customer_id])
            )
    return found


def visit_events(
    visit_id: str, on: dt.date, order_fen: int, collected_fen: int, terms: str | None
) -> list[LedgerEvent]:
    """A visit's order (due after the payment terms) and collection, as events."""
    events = []
    if order_fen > 0:
        events.append(
            LedgerEvent(
                on,
                EntryKind.ORDER,
                order_fen,
                due_date(on, terms),
                EntrySource.VISIT,
                id=visit_id + ORDER_SUFFIX,
            )
        )
    if collected_fen > 0:
        events.append(
            LedgerEvent(
                on,
                EntryKind.COLLECTION,
                -collected_fen,
                on,
                EntrySource.VISIT,
                id=visit_id + COLLECTION_SUFFIX,
            )
        )
    return events


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]

"""Demo money owed 应收账款 (issue 16): a finance import of open items as of the day before
the demo's visit history starts, a few manual entries, and so ledgers with money in
every aging bucket and overdue debts to chase.

The demo's visits collect more than they order (they collect debts from before the
history), so without an opening balance most customers would owe a negative amount. The
finance import here covers what the visits collect, plus, for some customers, debts
still open today: recent ones (0–60 days) and, for a few, old ones past 90 days.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from crm_desktop.demo.activity import Activity, local_time, synced
from crm_desktop.domain.receivables import EntryKind, EntrySource
from crm_desktop.store.models import Customer, ReceivableEntry, VisitRecord

SEED = 16


def add_receivables(activity: Activity) -> None:
    """Opening balances and manual entries of the demo's customers (no outbox)."""
    session, today = activity.w.session, activity.today
    rng = random.Random(SEED)
    cutoff = activity.start - dt.timedelta(days=1)
    totals = session.execute(
        select(
            VisitRecord.customer_id,
            func.sum(VisitRecord.order_amount_fen),
            func.sum(VisitRecord.collection_amount_fen),
            Customer.owner_id,
            Customer.team_id,
        )
        .join(Customer, Customer.id == VisitRecord.customer_id)
        .where(VisitRecord.deleted.is_(False), VisitRecord.visit_date > cutoff)
        .group_by(VisitRecord.customer_id, Customer.owner_id, Customer.team_id)
        .order_by(VisitRecord.customer_id)
    ).all()
    rows: list[dict[str, Any]] = []
    for number, (customer_id, ordered, collected, owner, team) in enumerate(totals):
        ordered, collected = int(ordered or 0), int(collected or 0)
        # What the history collects of debts from before it, plus what is still open:
        # for some customers part of their recent orders; for a few, more than all their
        # orders since, so finance's old invoices stay open past 90 days (FIFO settles
        # the oldest first, so only a balance beyond the recent orders reaches them).
        draw = rng.random()
        if draw < 0.06:
            extra = ordered + _round(rng.uniform(5_000, 80_000) * 100)
        elif draw < 0.3:
            extra = _round(ordered * rng.uniform(0.2, 0.6))
        else:
            extra = 0
        opening = max(0, collected - ordered) + extra
        if opening <= 0:
            continue
        at = local_time(cutoff, 18)
        for part, days_before in _split(opening, rng):
            row = synced(owner, team, at)
            row.update(
                customer_id=customer_id,
                kind=EntryKind.OPENING.value,
                amount_fen=part,
                entry_date=cutoff - dt.timedelta(days=days_before),
                due_on=None,
                as_of=cutoff,
                reference=f"AR-{cutoff:%Y%m}-{number:04d}-{days_before:03d}",
                note=None,
                source=EntrySource.IMPORT.value,
            )
            rows.append(row)
    rows.extend(_manual_entries(activity, totals, today, rng))
    activity.w.insert(ReceivableEntry, rows)


def _manual_entries(
    activity: Activity, totals: Sequence[Any], today: dt.date, rng: random.Random
) -> list[dict[str, Any]]:
    """A handful of hand-typed entries: a phone order, a bank transfer, a discount."""
    rows = []
    kinds = (
        (EntryKind.ORDER, 1, "电话订货", "TEL-1108"),
        (EntryKind.COLLECTION, 1, "银行转账回款", "BANK-2231"),
        (EntryKind.ADJUSTMENT, -1, "质量折让", None),
    )
    for (customer_id, _ordered, _collected, owner, team), (kind, sign, note, ref) in zip(
        totals[:3], kinds, strict=False
    ):
        day = today - dt.timedelta(days=rng.randint(3, 20))
        row = synced(owner, team, local_time(day, 15))
        row.update(
            customer_id=customer_id,
            kind=kind.value,
            amount_fen=sign * _round(rng.uniform(2_000, 30_000) * 100),
            entry_date=day,
            due_on=None,
            as_of=None,
            reference=ref,
            note=note,
            source=EntrySource.MANUAL.value,
        )
        rows.append(row)
    return rows


def _split(total: int, rng: random.Random) -> list[tuple[int, int]]:
    """The opening balance as one to three open items, dated 5 to 120 days before the
    cut-off (the finance system's invoices)."""
    count = rng.randint(1, 3)
    cuts = sorted(rng.sample(range(1, 100), count - 1))
    shares = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    parts = [total * share // 100 for share in shares]
    parts[-1] += total - sum(parts)
    return [(part, rng.randint(5, 120)) for part in parts if part > 0]


def _round(fen: float) -> int:
    """A whole hundred yuan, as invoices of the demo are."""
    return int(fen / 10_000) * 10_000

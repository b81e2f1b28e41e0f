"""Money owed 应收账款 (issue 16): the entries of a customer's ledger kept in their own
table -- manual orders, collections and adjustments, and the finance system's open items
as of a cut-off (domain/receivables.py). Orders and collections recorded on visits are
read from the visits themselves and never copied here.

Owned like the customer's other records: `owner_id` / `team_id` are the customer's owner
and team (the server checks it), so the rep, the rep's supervisor and managers above see
the entries, and a handover moves them with the customer.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.store.base import Base, Synced


class ReceivableEntry(Synced, Base):
    __tablename__ = "receivable_entries"
    __sync_entity__ = "receivable_entry"
    __table_args__ = (
        # A ledger reads one customer's live entries in date order.
        Index("ix_receivable_entries_customer", "customer_id", "deleted", "entry_date"),
    )

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[str] = mapped_column(String(20))  # domain.receivables.EntryKind
    # As typed: orders and collections positive (the kind gives the direction),
    # adjustments and opening balances signed (negative: a credit to the customer).
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    entry_date: Mapped[dt.date] = mapped_column(Date)
    # None: the entry's date plus the customer's payment terms (domain.receivables).
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    # The cut-off of the finance import an opening balance came from; None otherwise.
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(String(60))  # invoice / receipt number
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20), default="manual")  # EntrySource

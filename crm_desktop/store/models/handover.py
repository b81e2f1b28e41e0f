"""Handover records 交接记录 (domain/handover.py): one per customer handed over.

Written by the server's `reassign_customer` command only (a laptop's copy is provisional,
version -1, until the server's row of the same id arrives). The row is owned by the
customer's owner and moves with the customer at every later handover, so whoever holds
the customer holds its whole chain of handovers; the figures are what moved.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.store.base import Base, Synced


class Handover(Synced, Base):
    __tablename__ = "handovers"
    __sync_entity__ = "handover"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    from_owner_id: Mapped[str | None] = mapped_column(String(36))
    to_owner_id: Mapped[str] = mapped_column(String(36))
    handed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    handed_by: Mapped[str | None] = mapped_column(String(36))
    note: Mapped[str | None] = mapped_column(Text)
    contacts_moved: Mapped[int] = mapped_column(Integer, default=0)
    opportunities_moved: Mapped[int] = mapped_column(Integer, default=0)
    opportunity_amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    follow_ups_moved: Mapped[int] = mapped_column(Integer, default=0)
    complaints_moved: Mapped[int] = mapped_column(Integer, default=0)
    plan_items_dropped: Mapped[int] = mapped_column(Integer, default=0)

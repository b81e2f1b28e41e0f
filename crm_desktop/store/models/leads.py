"""Leads 线索 and the team pool 公海 (domain/leads.py; issue 16).

A lead in the pool has `in_pool` set and is owned by its team's leader (the supervisor),
so the owner-based scope keeps working; the server also hands pool leads to every member
of the lead's team (sync/server/feed.py). Ownership and the pool flag change only by the
commands claim_lead, assign_lead and return_lead (sync/server/leads.py).

The pool rule row (`lead_pool_rules`) is team reference data like the team policy: the
N days an owned lead may go without an effective visit before it returns to the pool.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.domain.leads import DEFAULT_RETURN_AFTER_DAYS
from crm_desktop.store.base import Base, Synced


class Lead(Synced, Base):
    __tablename__ = "leads"
    __sync_entity__ = "lead"
    __table_args__ = (Index("ix_leads_pool", "in_pool", "deleted", "team_id"),)

    name: Mapped[str] = mapped_column(String(200))  # company, or the person's name
    name_key: Mapped[str] = mapped_column(String(200), default="", index=True)
    contact_name: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(50))
    phone_key: Mapped[str | None] = mapped_column(String(50), index=True)
    address: Mapped[str | None] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(20), default="other")
    event: Mapped[str | None] = mapped_column(String(200))  # the trade show's name
    status: Mapped[str] = mapped_column(String(20), default="new")
    tier: Mapped[str] = mapped_column(String(10), default="general")
    follow_up_due: Mapped[dt.date | None] = mapped_column(Date)
    in_pool: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # When the current owner got it (claim or assignment): the pool clock starts here.
    assigned_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    pooled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_call_on: Mapped[dt.date | None] = mapped_column(Date)
    last_effective_on: Mapped[dt.date | None] = mapped_column(Date)
    converted_customer_id: Mapped[str | None] = mapped_column(String(36), index=True)
    converted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    notes: Mapped[str | None] = mapped_column(Text)


class LeadPoolRule(Synced, Base):
    __tablename__ = "lead_pool_rules"
    __sync_entity__ = "lead_pool_rule"

    return_after_days: Mapped[int] = mapped_column(
        Integer,
        default=DEFAULT_RETURN_AFTER_DAYS,
        server_default=str(DEFAULT_RETURN_AFTER_DAYS),
    )

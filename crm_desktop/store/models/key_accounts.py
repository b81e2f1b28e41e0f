"""Key accounts 长期重点客户 (issue 16): account plans, account teams, relationship maps,
and the small records around them (health checks, watch list, events).

Every row belongs to the customer's owner (the account manager) and moves with the customer
on a handover, so whoever sees the customer sees its plan, team and map: the owner and the
people above them, the plan's executive sponsor among them (domain/account_plan_workflow.py),
and -- read-only, by the server's grant -- the account-team members outside that line
(sync/server/account_teams.py).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.store.base import Base, Synced


class AccountPlan(Synced, Base):
    """客户计划: one row per version of a key account's plan for a year. A revision keeps
    the earlier row (status revised) and starts a new one with `version_no` + 1."""

    __tablename__ = "account_plans"
    __sync_entity__ = "account_plan"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    plan_year: Mapped[int] = mapped_column(Integer)
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    previous_plan_id: Mapped[str | None] = mapped_column(String(36))
    # The sections (domain/account_plan.py) as JSON text.
    content: Mapped[str | None] = mapped_column(Text)
    # Workflow fields: changed only by the account_plan_step command.
    status: Mapped[str] = mapped_column(String(20), default="draft")
    sponsor_id: Mapped[str | None] = mapped_column(String(36))
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    approved_by: Mapped[str | None] = mapped_column(String(36))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    review_comment: Mapped[str | None] = mapped_column(Text)
    history: Mapped[str | None] = mapped_column(Text)


class AccountTeamMember(Synced, Base):
    """客户团队: one of our people and their role at the account."""

    __tablename__ = "account_team_members"
    __sync_entity__ = "account_team_member"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    # Indexed: the server's account-team grant finds a user's memberships by it.
    user_id: Mapped[str] = mapped_column(String(36), index=True)
    role: Mapped[str] = mapped_column(String(30), default="other")
    note: Mapped[str | None] = mapped_column(String(300))


class RelationshipLink(Synced, Base):
    """关系图: one of the customer's people on the map, with the link one of ours holds."""

    __tablename__ = "relationship_links"
    __sync_entity__ = "relationship_link"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    contact_id: Mapped[str] = mapped_column(ForeignKey("contacts.id"), index=True)
    reports_to_contact_id: Mapped[str | None] = mapped_column(String(36))
    buying_role: Mapped[str | None] = mapped_column(String(20))
    attitude: Mapped[str | None] = mapped_column(String(20))
    influence: Mapped[int | None] = mapped_column(Integer)
    our_user_id: Mapped[str | None] = mapped_column(String(36))
    note: Mapped[str | None] = mapped_column(String(300))


class KeyAccountRecord(Synced, Base):
    """A dated record about a (potential) key account: a relationship health check
    (answers as JSON in `content`), a watch-list entry (reason, referring account) or an
    event 大事记 (domain/key_accounts.RecordKind)."""

    __tablename__ = "key_account_records"
    __sync_entity__ = "key_account_record"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_date: Mapped[dt.date] = mapped_column(Date)
    category: Mapped[str | None] = mapped_column(String(30))
    title: Mapped[str | None] = mapped_column(String(300))
    referrer_customer_id: Mapped[str | None] = mapped_column(String(36))
    content: Mapped[str | None] = mapped_column(Text)

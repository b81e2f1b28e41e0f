"""Daily plans and reports with their items and visits, market reports, complaints, follow-ups."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.store.base import Base, Synced


class VisitPlan(Synced, Base):
    """每日拜访计划表: one per rep (owner) per day."""

    __tablename__ = "visit_plans"
    __sync_entity__ = "visit_plan"
    __table_args__ = (
        UniqueConstraint("owner_id", "plan_date"),
        # The review queue: the few submitted plans among years of countersigned ones.
        Index("ix_visit_plans_waiting", "status", "deleted", "owner_id"),
    )

    plan_date: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    countersigned_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    countersigned_by: Mapped[str | None] = mapped_column(String(36))
    review_comment: Mapped[str | None] = mapped_column(Text)


class PlanItem(Synced, Base):
    __tablename__ = "plan_items"
    __sync_entity__ = "plan_item"

    plan_id: Mapped[str] = mapped_column(ForeignKey("visit_plans.id"), index=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    planned_time: Mapped[str | None] = mapped_column(String(5))  # "HH:MM", local time
    purpose: Mapped[str] = mapped_column(String(20), default="other")
    objective: Mapped[str | None] = mapped_column(Text)


class DailyReport(Synced, Base):
    """每日销售报告表: one per rep per day; frozen by a trigger once signed."""

    __tablename__ = "daily_reports"
    __sync_entity__ = "daily_report"
    __table_args__ = (
        UniqueConstraint("owner_id", "report_date"),
        # The review queue: the few submitted reports among years of signed ones.
        Index("ix_daily_reports_waiting", "status", "deleted", "owner_id"),
    )

    report_date: Mapped[dt.date] = mapped_column(Date, index=True)
    plan_id: Mapped[str | None] = mapped_column(ForeignKey("visit_plans.id"))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    attendance: Mapped[str] = mapped_column(String(20), default="present")
    expenses_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    expense_note: Mapped[str | None] = mapped_column(Text)
    reflections: Mapped[str | None] = mapped_column(Text)  # 今日拜访心得
    due_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    signed_by: Mapped[str | None] = mapped_column(String(36))
    review_comment: Mapped[str | None] = mapped_column(Text)  # 批示意见
    content_hash: Mapped[str | None] = mapped_column(String(64))
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    # Submit / sign / return / reopen with who, when, why: domain/report_history.py.
    history: Mapped[str | None] = mapped_column(Text)


class VisitRecord(Synced, Base):
    __tablename__ = "visit_records"
    __sync_entity__ = "visit_record"
    __table_args__ = (
        # Covers the period figures (dashboard, targets, team week): read from the index
        # alone. It leads with visit_date, so it also serves every date-range lookup.
        Index(
            "ix_visit_records_period",
            "visit_date",
            "deleted",
            "owner_id",
            "is_effective",
            "order_amount_fen",
            "collection_amount_fen",
            "customer_id",
        ),
    )

    report_id: Mapped[str] = mapped_column(ForeignKey("daily_reports.id"), index=True)
    plan_item_id: Mapped[str | None] = mapped_column(ForeignKey("plan_items.id"))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    visit_date: Mapped[dt.date] = mapped_column(Date)
    planned: Mapped[bool] = mapped_column(Boolean, default=True)
    contacts_met: Mapped[str | None] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(String(20), default="other")
    start_time: Mapped[str | None] = mapped_column(String(5))
    end_time: Mapped[str | None] = mapped_column(String(5))
    outcome: Mapped[str | None] = mapped_column(String(20))
    is_effective: Mapped[bool] = mapped_column(Boolean, default=False)
    order_amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    collection_amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    complaint_handled: Mapped[bool] = mapped_column(Boolean, default=False)
    competitor_info: Mapped[str | None] = mapped_column(Text)
    customer_feedback: Mapped[str | None] = mapped_column(Text)
    customer_news: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)
    next_step_on: Mapped[dt.date | None] = mapped_column(Date)


class MarketReport(Synced, Base):
    """市场状况反映表."""

    __tablename__ = "market_reports"
    __sync_entity__ = "market_report"

    report_date: Mapped[dt.date] = mapped_column(Date, index=True)
    region: Mapped[str | None] = mapped_column(String(100))
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"))
    category: Mapped[str] = mapped_column(String(30), default="other")
    description: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(String(10), default="medium")
    suggested_action: Mapped[str | None] = mapped_column(Text)
    acknowledged_by: Mapped[str | None] = mapped_column(String(36))
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Complaint(Synced, Base):
    """客户投诉."""

    __tablename__ = "complaints"
    __sync_entity__ = "complaint"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contacts.id"))
    received_on: Mapped[dt.date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(20), default="phone")
    category: Mapped[str] = mapped_column(String(20), default="other")
    severity: Mapped[str] = mapped_column(String(10), default="medium")
    description: Mapped[str] = mapped_column(Text, default="")
    customer_demand: Mapped[str | None] = mapped_column(Text)
    responsible_department: Mapped[str | None] = mapped_column(String(100))
    resolution: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="open")
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    resolved_on: Mapped[dt.date | None] = mapped_column(Date)


class FollowUp(Synced, Base):
    """待办: a visit's next step, an appointment to confirm, a promise to keep."""

    __tablename__ = "follow_ups"
    __sync_entity__ = "follow_up"

    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), index=True)
    visit_record_id: Mapped[str | None] = mapped_column(ForeignKey("visit_records.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="next_step")
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)

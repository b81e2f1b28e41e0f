"""Opportunities 商机 with stage history, the stage configuration, and targets 销售目标."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.store.base import Base, Synced


class SalesMethod(Synced, Base):
    __tablename__ = "sales_methods"
    __sync_entity__ = "sales_method"

    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class SalesStage(Synced, Base):
    __tablename__ = "sales_stages"
    __sync_entity__ = "sales_stage"

    method_code: Mapped[str] = mapped_column(String(30), index=True)
    code: Mapped[str] = mapped_column(String(30))
    name_zh: Mapped[str] = mapped_column(String(50))
    name_en: Mapped[str] = mapped_column(String(50))
    probability_pct: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(10), default="open")  # open | won | lost
    min_visits: Mapped[int] = mapped_column(Integer, default=0)
    # Advance condition "a quote amount is set" (amount_fen > 0); shares control_mode.
    requires_amount: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    control_mode: Mapped[str] = mapped_column(String(10), default="none")


class Opportunity(Synced, Base):
    __tablename__ = "opportunities"
    __sync_entity__ = "opportunity"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    expected_close_on: Mapped[dt.date | None] = mapped_column(Date)
    method_code: Mapped[str] = mapped_column(String(30), default="standard")
    stage_code: Mapped[str] = mapped_column(String(30), index=True)
    competitors: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)
    won_on: Mapped[dt.date | None] = mapped_column(Date)
    won_reason: Mapped[str | None] = mapped_column(Text)
    lost_reason: Mapped[str | None] = mapped_column(Text)
    winning_competitor: Mapped[str | None] = mapped_column(String(200))
    closed_on: Mapped[dt.date | None] = mapped_column(Date)


class StageHistory(Synced, Base):
    __tablename__ = "opportunity_stage_history"
    __sync_entity__ = "stage_history"
    __table_args__ = (
        # When each opportunity entered its current stage, answered from the index alone:
        # the pipeline list asks it for every opportunity at once.
        Index("ix_stage_history_entered", "opportunity_id", "to_stage", "deleted", "changed_at"),
    )

    opportunity_id: Mapped[str] = mapped_column(ForeignKey("opportunities.id"), index=True)
    from_stage: Mapped[str | None] = mapped_column(String(30))
    to_stage: Mapped[str] = mapped_column(String(30))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    changed_by: Mapped[str | None] = mapped_column(String(36))
    note: Mapped[str | None] = mapped_column(Text)


class Target(Synced, Base):
    """A target for a rep (assignee_user_id) or a team (assignee_team_id) over one period."""

    __tablename__ = "targets"
    __sync_entity__ = "target"

    kind: Mapped[str] = mapped_column(String(20))
    assignee_user_id: Mapped[str | None] = mapped_column(String(36), index=True)
    assignee_team_id: Mapped[str | None] = mapped_column(String(36), index=True)
    period_kind: Mapped[str] = mapped_column(String(10))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    # Money kinds are in fen; count kinds (visits, new customers) are plain counts.
    value: Mapped[int] = mapped_column(BigInteger)

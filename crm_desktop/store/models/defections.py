"""Defector cases 流失客户调查 (F16): one per customer defection, owned like its customer."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.store.base import Base, Synced


class DefectionCase(Synced, Base):
    __tablename__ = "defection_cases"
    __sync_entity__ = "defection_case"
    __table_args__ = (
        # The Dashboard's rate and reason trend read cases by date within the scope.
        Index("ix_defection_cases_period", "deleted", "defected_on", "owner_id"),
    )

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    defection_type: Mapped[str] = mapped_column(String(20), default="complete")
    defected_on: Mapped[dt.date] = mapped_column(Date)
    # Root-cause codes (domain/churn.DefectionCause), comma-separated in picklist order.
    root_causes: Mapped[str | None] = mapped_column(Text)
    interviewer: Mapped[str | None] = mapped_column(String(100))
    interviewed_on: Mapped[dt.date | None] = mapped_column(Date)
    interview_notes: Mapped[str | None] = mapped_column(Text)
    improvement_measures: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="open")
    won_back_on: Mapped[dt.date | None] = mapped_column(Date)

"""Customer cards 客户资料卡 and their contacts 联系人 (SPEC §2.1)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.store.base import Base, Synced


class Customer(Synced, Base):
    __tablename__ = "customers"
    __sync_entity__ = "customer"
    __table_args__ = (
        # The list sorts and filters in SQL; these keep it instant at 100,000 rows.
        Index("ix_customers_live_name", "deleted", "name"),
        Index("ix_customers_live_class", "deleted", "value_class", "name"),
        Index("ix_customers_live_status", "deleted", "status", "name"),
        Index("ix_customers_live_region", "deleted", "region", "name"),
        Index("ix_customers_live_owner", "deleted", "owner_id", "name"),
        Index("ix_customers_live_updated", "deleted", "updated_at"),
        # The dashboard's A/B/C figures read these instead of the wide rows: the classes
        # of some owners' customers, and the class of each customer with sales.
        Index("ix_customers_owner_class", "owner_id", "value_class", "deleted"),
        Index("ix_customers_id_class", "id", "value_class", "deleted", "owner_id"),
    )

    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str | None] = mapped_column(String(100))
    customer_type: Mapped[str] = mapped_column(String(20), default="enterprise")
    status: Mapped[str] = mapped_column(String(20), default="potential")
    loss_reason: Mapped[str | None] = mapped_column(String(30))
    loss_note: Mapped[str | None] = mapped_column(Text)
    industry: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    territory: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(40))
    tax_id: Mapped[str | None] = mapped_column(String(40))
    source: Mapped[str | None] = mapped_column(String(30))
    credit_limit_fen: Mapped[int | None] = mapped_column(BigInteger)
    payment_terms: Mapped[str | None] = mapped_column(String(20))
    annual_sales_fen: Mapped[int | None] = mapped_column(BigInteger)
    # Estimated yearly category spend with every supplier (share of customer, F16).
    category_spend_fen: Mapped[int | None] = mapped_column(BigInteger)
    headcount: Mapped[int | None] = mapped_column(Integer)
    is_key_account: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    value_class: Mapped[str] = mapped_column(String(1), default="C", server_default="C")
    relationship_stage: Mapped[str | None] = mapped_column(String(20))
    competitors: Mapped[str | None] = mapped_column(Text)
    incumbent_supplier: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    # Sensitive fields (credit, sales, tax id) are shown only to the owner and superiors.
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    last_effective_visit_on: Mapped[dt.date | None] = mapped_column(Date)
    # Normalised keys for duplicate detection (撞单); derived from name / phone / tax id.
    name_key: Mapped[str] = mapped_column(String(200), index=True, default="")
    phone_key: Mapped[str | None] = mapped_column(String(40), index=True)
    tax_key: Mapped[str | None] = mapped_column(String(40), index=True)


class Contact(Synced, Base):
    __tablename__ = "contacts"
    __sync_entity__ = "contact"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(String(100))
    department: Mapped[str | None] = mapped_column(String(100))
    buying_role: Mapped[str | None] = mapped_column(String(20))
    mobile: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    birthday: Mapped[dt.date | None] = mapped_column(Date)
    hobbies: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    is_key_contact: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    phone_key: Mapped[str | None] = mapped_column(String(40), index=True)

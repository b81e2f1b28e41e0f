"""Laptop-only tables: sync metadata, the outbox, the conflict inbox, search index, grants,
form drafts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.store.base import Base, stamp_now


class SyncMeta(Base):
    """Key/value facts about this laptop: device id, user, last pulled seq."""

    __tablename__ = "sync_meta"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OutboxEntry(Base):
    """One mutation waiting for the server, written in the same transaction as its edit."""

    __tablename__ = "outbox"
    # AUTOINCREMENT: a mutation id is never reused, even after its row left the outbox.
    __table_args__ = ({"sqlite_autoincrement": True},)

    mutation_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(40))  # create | update | delete | a command
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    base_version: Mapped[int] = mapped_column(Integer, default=0)
    patch: Mapped[str] = mapped_column(Text)  # JSON: new values, or command arguments
    base_values: Mapped[str | None] = mapped_column(Text)  # JSON: values the edit replaced
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=stamp_now)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class ConflictEntry(Base):
    """Local mirror of the user's conflicts, shown in the Sync page's inbox."""

    __tablename__ = "conflicts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(40))
    client_payload: Mapped[str] = mapped_column(Text)
    server_snapshot: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=stamp_now)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class ReportReopenGrant(Base):
    """Present only inside the transaction that reopens a signed report (see triggers)."""

    __tablename__ = "report_reopen_grants"

    report_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class CustomerSearch(Base):
    """The narrow search row of each customer, kept by triggers (see triggers.py).

    Keyed by the customer's rowid, which is also the handle the customer list holds, and
    covered by one index on (deleted, sort_key, name, customer_rowid, haystack): the
    list's order is (pinyin key, name, rowid), so search-as-you-type in name order walks
    that index alone, with no
    sort step and never touching the wide customer rows. Terms of three or more
    characters go through the FTS5 trigram index `customer_fts` built on this table.
    """

    __tablename__ = "customer_search"
    __table_args__ = (
        Index(
            "ix_customer_search_order",
            "deleted",
            "sort_key",
            "name",
            "customer_rowid",
            "haystack",
        ),
        # The blank search box lists everyone: a narrow index a third the size serves it.
        Index("ix_customer_search_list", "deleted", "sort_key", "name", "customer_rowid"),
    )

    customer_rowid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    deleted: Mapped[bool] = mapped_column(Boolean)
    name: Mapped[str] = mapped_column(String(200))
    # pinyin_key(name) (store/pinyin.py): the list's name order, 安 before 北 before 张.
    sort_key: Mapped[str | None] = mapped_column(Text, nullable=True)
    haystack: Mapped[str] = mapped_column(Text)


class FormDraft(Base):
    """The unsaved state of a form (e.g. "report:2026-11-22"), kept so a crash loses little.

    Laptop-only and never synced: it is what the user typed, not yet a record. A real
    save of the form deletes it.
    """

    __tablename__ = "form_drafts"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)  # JSON
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=stamp_now)

"""Attachments 附件 (domain/attachments.py; issue 17).

`attachments` is a synced table: one row per file on a record, naming its bytes by
SHA-256. The bytes themselves are content-addressed files under the data folder
(`blobs/ab/cd/<sha256>`) and move separately from the rows (services/attachments/
transfer.py), so a slow upload never holds up the record sync.

`blob_transfers` is laptop-only: the blobs this laptop still owes the server (`up`) and
the ones it still has to fetch (`down`), with their attempts and last error. A row is
written in the same transaction as the attachment it serves, so a laptop that dies
mid-upload still knows, when it starts again, what it has to send.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.store.base import Base, Synced, stamp_now


class Attachment(Synced, Base):
    __tablename__ = "attachments"
    __sync_entity__ = "attachment"
    __table_args__ = (Index("ix_attachments_owner", "owner_kind", "owner_record_id", "deleted"),)

    owner_kind: Mapped[str] = mapped_column(String(40))  # domain.attachments.OWNER_KINDS
    # The record it hangs on (`owner_id` is the scope owner, as on every synced row).
    owner_record_id: Mapped[str] = mapped_column(String(36))
    customer_id: Mapped[str | None] = mapped_column(String(36), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    mime_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    # EXIF DateTimeOriginal: the photo's own wall-clock time, naive, as the camera wrote it.
    taken_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class BlobTransfer(Base):
    """A blob still to move: `up` (this laptop has it, the server may not) or `down`."""

    __tablename__ = "blob_transfers"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    direction: Mapped[str] = mapped_column(String(4), primary_key=True)  # up | down
    size_bytes: Mapped[int] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # The server answered it has no such blob (yet): the uploader has not sent it.
    missing: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=stamp_now)

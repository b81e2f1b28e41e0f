"""The notification tables (server revision s0014_notifications), on the server's metadata."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    true,
)

from crm_desktop.sync.server.schema import metadata

channels = Table(
    "notification_channels",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("team_id", String(36), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # dingtalk | wecom | webhook | email
    Column("target", Text, nullable=False),  # the robot's URL, or addresses a,b
    Column("secret", String(200), nullable=True),  # DingTalk sign / webhook HMAC key
    Column("events", String(300), nullable=True),  # comma list; NULL: every event
    Column("enabled", Boolean, nullable=False, server_default=true()),
    Column("created_at", DateTime, nullable=False),
)

outbox = Table(
    "notification_outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel_id", Integer, nullable=False),
    Column("event", String(40), nullable=False),
    Column("payload", Text, nullable=False),  # the event's facts, JSON
    Column("dedupe_key", String(200), nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    # NULL: due at once. The enqueueing push stamps no time of its own here, so the
    # worker's clock alone decides what is due.
    Column("next_attempt_at", DateTime, nullable=True),
    Column("delivered_at", DateTime, nullable=True),
    Column("failed_at", DateTime, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("channel_id", "dedupe_key"),
)
Index(
    "ix_notification_outbox_pending",
    outbox.c.delivered_at,
    outbox.c.failed_at,
    outbox.c.next_attempt_at,
)

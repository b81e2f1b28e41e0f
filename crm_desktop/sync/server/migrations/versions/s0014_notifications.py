"""Team notifications (issue 17): webhook/e-mail channels per team and the delivery outbox.

`notification_channels`: where a team's events go (a DingTalk or WeCom group robot, a
generic JSON webhook, or e-mail addresses), which events, with an optional secret.
`notification_outbox`: one row per (channel, event), enqueued in the transaction of the
write that caused it; the server's worker delivers it at least once, with retries.
The unique (channel_id, dedupe_key) keeps an event from being enqueued twice.

Revision ID: s0014_notifications
Revises: s0013_attachments
Create Date: 2026-12-07 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0014_notifications"
down_revision = "s0013_attachments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notification_channels",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("team_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("secret", sa.String(length=200), nullable=True),
        sa.Column("events", sa.String(length=300), nullable=True),
        sa.Column("enabled", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_channels")),
    )
    op.create_index(
        "ix_notification_channels_team_id", "notification_channels", ["team_id"], unique=False
    )
    op.create_table(
        "notification_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("dedupe_key", sa.String(length=200), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("failed_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_outbox")),
        sa.UniqueConstraint(
            "channel_id", "dedupe_key", name=op.f("uq_notification_outbox_channel_id_dedupe_key")
        ),
    )
    # The worker's question: what is still to send, oldest first.
    op.create_index(
        "ix_notification_outbox_pending",
        "notification_outbox",
        ["delivered_at", "failed_at", "next_attempt_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_table("notification_outbox")
    op.drop_table("notification_channels")

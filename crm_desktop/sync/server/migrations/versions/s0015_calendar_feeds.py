"""Calendar subscriptions (issue 17): a secret feed token per user (placeholder: reserves the revision).

Revision ID: s0015_calendar_feeds
Revises: s0014_notifications
Create Date: 2026-12-07 23:00:00
"""

from __future__ import annotations

revision = "s0015_calendar_feeds"
down_revision = "s0014_notifications"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

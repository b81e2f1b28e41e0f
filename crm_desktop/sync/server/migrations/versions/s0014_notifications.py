"""Team notifications (issue 17): webhook/e-mail channels per team and the delivery outbox (placeholder: reserves the revision).

Revision ID: s0014_notifications
Revises: s0013_attachments
Create Date: 2026-12-07 23:00:00
"""

from __future__ import annotations

revision = "s0014_notifications"
down_revision = "s0013_attachments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

"""Attachments (issue 17): attachment rows and the blob store's index (placeholder: reserves the revision).

Revision ID: s0013_attachments
Revises: s0012_leads
Create Date: 2026-12-07 23:00:00
"""

from __future__ import annotations

revision = "s0013_attachments"
down_revision = "s0012_leads"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

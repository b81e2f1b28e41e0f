"""Attachments (issue 17): photos and files on visits, customers, market reports, complaints and account plans (placeholder: reserves the revision).

Revision ID: 0016_attachments
Revises: 0015_leads
Create Date: 2026-12-07 23:00:00
"""

from __future__ import annotations

revision = "0016_attachments"
down_revision = "0015_leads"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

"""Handover: handover notes (issue 16).

PLACEHOLDER: reserved in the revision chain; its owner fills it in (or makes it a
documented no-op).

Revision ID: 0013_handover
Revises: 0012_defections
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

revision = "0013_handover"
down_revision = "0012_defections"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

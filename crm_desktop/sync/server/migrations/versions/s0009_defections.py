"""Defectors and win-back: defection cases (issue 16).

PLACEHOLDER: reserved in the revision chain; its owner fills it in (or makes it a
documented no-op).

Revision ID: s0009_defections
Revises: s0008_receivables
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

revision = "s0009_defections"
down_revision = "s0008_receivables"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

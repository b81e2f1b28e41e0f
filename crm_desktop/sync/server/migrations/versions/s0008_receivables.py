"""Money owed: the receivables ledger (issue 16).

PLACEHOLDER: reserved in the revision chain; its owner fills it in (or makes it a
documented no-op).

Revision ID: s0008_receivables
Revises: s0007_policy_confirm_ceiling
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

revision = "s0008_receivables"
down_revision = "s0007_policy_confirm_ceiling"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

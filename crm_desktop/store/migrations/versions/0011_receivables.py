"""Money owed: the receivables ledger (issue 16).

PLACEHOLDER: reserved in the revision chain; its owner fills it in (or makes it a
documented no-op).

Revision ID: 0011_receivables
Revises: 0010_policy_confirm_ceiling
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

revision = "0011_receivables"
down_revision = "0010_policy_confirm_ceiling"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

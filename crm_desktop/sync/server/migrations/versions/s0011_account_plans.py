"""Key accounts: account plans, account teams, relationship maps (issue 16).

PLACEHOLDER: reserved in the revision chain; its owner fills it in (or makes it a
documented no-op).

Revision ID: s0011_account_plans
Revises: s0010_handover
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

revision = "s0011_account_plans"
down_revision = "s0010_handover"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

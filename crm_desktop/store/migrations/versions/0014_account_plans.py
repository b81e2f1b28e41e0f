"""Key accounts: account plans, account teams, relationship maps (issue 16).

PLACEHOLDER: reserved in the revision chain; its owner fills it in (or makes it a
documented no-op).

Revision ID: 0014_account_plans
Revises: 0013_handover
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

revision = "0014_account_plans"
down_revision = "0013_handover"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

"""Team policy: the confirm ceiling (issue 15).

PLACEHOLDER: reserved in the revision chain; its owner fills it in (or makes it a
documented no-op).

Revision ID: s0007_policy_confirm_ceiling
Revises: s0006_team_policy
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

revision = "s0007_policy_confirm_ceiling"
down_revision = "s0006_team_policy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

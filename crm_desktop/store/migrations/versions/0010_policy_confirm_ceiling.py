"""Team policy: the amount above which the report editor asks to confirm (issue 15).

PLACEHOLDER: reserved in the revision chain; its owner fills it in (or makes it a
documented no-op).

Revision ID: 0010_policy_confirm_ceiling
Revises: 0009_search_sort_key
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

revision = "0010_policy_confirm_ceiling"
down_revision = "0009_search_sort_key"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

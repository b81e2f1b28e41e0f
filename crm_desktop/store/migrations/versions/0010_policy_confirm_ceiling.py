"""Team policy: the amount above which the report editor asks to confirm (issue 15), a
team's own ceiling in whole yuan instead of only the built-in 10亿.

Existing rows get the default, so every team asks exactly as before until a manager
changes it. The column may be NULL (read as the default): a row pulled from a server
that predates it comes without it (store/models/policy.py).

Revision ID: 0010_policy_confirm_ceiling
Revises: 0009_search_sort_key
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_policy_confirm_ceiling"
down_revision = "0009_search_sort_key"
branch_labels = None
depends_on = None

# Frozen here: the default of this revision (10亿 yuan), whatever the domain's says later.
DEFAULT_YUAN = "1000000000"


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default: SQLite fills existing rows without a copy.
    op.add_column(
        "team_policies",
        sa.Column(
            "confirm_amount_above_yuan",
            sa.BigInteger(),
            server_default=DEFAULT_YUAN,
            nullable=True,
        ),
    )


def downgrade() -> None:
    with op.batch_alter_table("team_policies") as batch_op:
        batch_op.drop_column("confirm_amount_above_yuan")

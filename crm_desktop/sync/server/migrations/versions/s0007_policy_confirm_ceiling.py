"""Team policy: the confirm ceiling (issue 15), as on the laptop (store revision 0010),
so the feed carries each team's amount above which the report editor asks to confirm.

Existing rows get the default (10亿 yuan). A laptop that predates the column pushes
creates without it (the default again) and updates that never name it (kept).

Revision ID: s0007_policy_confirm_ceiling
Revises: s0006_team_policy
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0007_policy_confirm_ceiling"
down_revision = "s0006_team_policy"
branch_labels = None
depends_on = None

# Frozen here: the default of this revision, whatever the domain's says later.
DEFAULT_YUAN = "1000000000"


def upgrade() -> None:
    # BigInteger: a ceiling may reach the hard limit (10万亿 yuan), beyond PostgreSQL's int4.
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
    op.drop_column("team_policies", "confirm_amount_above_yuan")

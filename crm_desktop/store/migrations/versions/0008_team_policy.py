"""Team policy: the report due hour, visit cadence and A/B/C shares become synced team
reference data (domain/policy.py) instead of each laptop's own settings.

Revision ID: 0008_team_policy
Revises: 0007_freeze_replace_guard
Create Date: 2026-12-07 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_team_policy"
down_revision = "0007_freeze_replace_guard"
branch_labels = None
depends_on = None

# Frozen here: the defaults of this revision, whatever the domain's say later.
POLICY_COLUMNS = (
    ("report_due_hour", "20"),
    ("cadence_a_days", "14"),
    ("cadence_b_days", "30"),
    ("cadence_c_days", "90"),
    ("abc_a_share_pct", "70"),
    ("abc_b_share_pct", "20"),
)


def upgrade() -> None:
    op.create_table(
        "team_policies",
        *[
            sa.Column(name, sa.Integer(), server_default=default, nullable=False)
            for name, default in POLICY_COLUMNS
        ],
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.Column("team_id", sa.String(length=36), nullable=True),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_policies")),
    )
    with op.batch_alter_table("team_policies", schema=None) as batch_op:
        batch_op.create_index("ix_team_policies_owner_id", ["owner_id"], unique=False)
        batch_op.create_index("ix_team_policies_team_id", ["team_id"], unique=False)


def downgrade() -> None:
    op.drop_table("team_policies")

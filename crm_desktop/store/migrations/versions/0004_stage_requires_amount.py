"""Sales stages: the advance condition "a quote amount is set" (requires_amount); an
index answering when each opportunity entered its current stage (the pipeline list asks
it for 5,000 opportunities at once: half the time of the list without it).

Revision ID: 0004_stage_requires_amount
Revises: 0003_report_history
Create Date: 2026-11-23 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_stage_requires_amount"
down_revision = "0003_report_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN with a default: existing stages keep their meaning (no condition).
    op.add_column(
        "sales_stages",
        sa.Column("requires_amount", sa.Boolean(), server_default="0", nullable=False),
    )
    op.create_index(
        "ix_stage_history_entered",
        "opportunity_stage_history",
        ["opportunity_id", "to_stage", "deleted", "changed_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_stage_history_entered", table_name="opportunity_stage_history")
    with op.batch_alter_table("sales_stages") as batch_op:
        batch_op.drop_column("requires_amount")

"""Sales stages: the advance condition "a quote amount is set" (requires_amount), as on
the laptop (store revision 0004), so the sync feed carries it and change_stage checks it.

Revision ID: s0003_stage_requires_amount
Revises: s0002_report_history
Create Date: 2026-11-23 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0003_stage_requires_amount"
down_revision = "s0002_report_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "sales_stages",
        sa.Column("requires_amount", sa.Boolean(), server_default="0", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("sales_stages", "requires_amount")

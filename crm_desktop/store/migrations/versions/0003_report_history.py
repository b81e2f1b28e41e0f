"""The daily report's history log (who submitted, signed, returned, reopened; when; why).

Revision ID: 0003_report_history
Revises: 0002_form_drafts
Create Date: 2026-11-22 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_report_history"
down_revision = "0002_form_drafts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch rebuild would drop the table's freeze triggers.
    op.add_column("daily_reports", sa.Column("history", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("daily_reports") as batch_op:
        batch_op.drop_column("history")

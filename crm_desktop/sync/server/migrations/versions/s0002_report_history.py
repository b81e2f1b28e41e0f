"""The daily report's history log, appended by the report commands.

Not added to the freeze trigger's column list: the log is written only by commands, and
an audit entry about a signed report must not need a reopen.

Revision ID: s0002_report_history
Revises: s0001_initial
Create Date: 2026-11-22 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0002_report_history"
down_revision = "s0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("daily_reports", sa.Column("history", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("daily_reports", "history")

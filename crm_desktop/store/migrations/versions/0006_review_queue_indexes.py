"""Indexes for the review queue: submitted plans and reports by status.

The queue (and the Today page's "waiting for your review" line) reads the few submitted
items among years of signed ones; without an index on status every plan and report was
read (134,000 reports in the benchmark store: 64 ms to count 4,000).

Revision ID: 0006_review_queue_indexes
Revises: 0005_figure_indexes
Create Date: 2026-11-22 21:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0006_review_queue_indexes"
down_revision = "0005_figure_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_visit_plans_waiting", "visit_plans", ["status", "deleted", "owner_id"])
    op.create_index(
        "ix_daily_reports_waiting", "daily_reports", ["status", "deleted", "owner_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_daily_reports_waiting", table_name="daily_reports")
    op.drop_index("ix_visit_plans_waiting", table_name="visit_plans")

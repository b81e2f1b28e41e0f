"""Covering indexes for the figures read over date ranges (dashboard, targets, team week).

`ix_visit_records_period` holds every column the period queries read, so a year of a
team's visits is read from the index alone instead of one table lookup per visit; it
starts with visit_date and so replaces the plain visit_date index. The two customers
indexes answer "how many of these owners' customers are A/B/C" and "the class of each
customer with sales" without reading the (wide) customer rows.

Revision ID: 0005_figure_indexes
Revises: 0004_stage_requires_amount
Create Date: 2026-11-22 22:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0005_figure_indexes"
down_revision = "0004_stage_requires_amount"
branch_labels = None
depends_on = None

PERIOD_COLUMNS = [
    "visit_date",
    "deleted",
    "owner_id",
    "is_effective",
    "order_amount_fen",
    "collection_amount_fen",
    "customer_id",
]


def upgrade() -> None:
    op.create_index("ix_visit_records_period", "visit_records", PERIOD_COLUMNS)
    op.drop_index("ix_visit_records_visit_date", table_name="visit_records")
    op.create_index(
        "ix_customers_owner_class", "customers", ["owner_id", "value_class", "deleted"]
    )
    op.create_index(
        "ix_customers_id_class", "customers", ["id", "value_class", "deleted", "owner_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_customers_id_class", table_name="customers")
    op.drop_index("ix_customers_owner_class", table_name="customers")
    op.create_index("ix_visit_records_visit_date", "visit_records", ["visit_date"])
    op.drop_index("ix_visit_records_period", table_name="visit_records")

"""Defectors and win-back: defection cases (issue 16), and the customer's estimated yearly
category spend, the denominator of the share of customer (domain/churn.py).

Revision ID: 0012_defections
Revises: 0011_receivables
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_defections"
down_revision = "0011_receivables"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch copy of `customers` would drop the search triggers.
    op.add_column("customers", sa.Column("category_spend_fen", sa.BigInteger(), nullable=True))
    op.create_table(
        "defection_cases",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("defection_type", sa.String(length=20), nullable=False),
        sa.Column("defected_on", sa.Date(), nullable=False),
        sa.Column("root_causes", sa.Text(), nullable=True),
        sa.Column("interviewer", sa.String(length=100), nullable=True),
        sa.Column("interviewed_on", sa.Date(), nullable=True),
        sa.Column("interview_notes", sa.Text(), nullable=True),
        sa.Column("improvement_measures", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("won_back_on", sa.Date(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_defection_cases_customer_id_customers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_defection_cases")),
    )
    with op.batch_alter_table("defection_cases", schema=None) as batch_op:
        batch_op.create_index("ix_defection_cases_customer_id", ["customer_id"], unique=False)
        batch_op.create_index("ix_defection_cases_owner_id", ["owner_id"], unique=False)
        batch_op.create_index("ix_defection_cases_team_id", ["team_id"], unique=False)
        batch_op.create_index(
            "ix_defection_cases_period", ["deleted", "defected_on", "owner_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("defection_cases")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_column("category_spend_fen")

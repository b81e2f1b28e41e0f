"""Handover: the handover records 交接记录 (issue 16), a copy of the laptop's `handovers`,
written by the `reassign_customer` command only.

Revision ID: s0010_handover
Revises: s0009_defections
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0010_handover"
down_revision = "s0009_defections"
branch_labels = None
depends_on = None

FIGURES = (
    "contacts_moved",
    "opportunities_moved",
    "follow_ups_moved",
    "complaints_moved",
    "plan_items_dropped",
)


def upgrade() -> None:
    op.create_table(
        "handovers",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("from_owner_id", sa.String(length=36), nullable=True),
        sa.Column("to_owner_id", sa.String(length=36), nullable=False),
        sa.Column("handed_at", sa.DateTime(), nullable=False),
        sa.Column("handed_by", sa.String(length=36), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in FIGURES],
        sa.Column("opportunity_amount_fen", sa.BigInteger(), nullable=False),
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
        sa.Column("last_writers", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
    )
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.create_index("ix_handovers_customer_id", ["customer_id"], unique=False)
        batch_op.create_index("ix_handovers_owner_id", ["owner_id"], unique=False)
        batch_op.create_index("ix_handovers_owner_seq", ["owner_id", "server_seq"])
        batch_op.create_index("ix_handovers_server_seq", ["server_seq"], unique=False)
        batch_op.create_index("ix_handovers_team_id", ["team_id"], unique=False)


def downgrade() -> None:
    op.drop_table("handovers")

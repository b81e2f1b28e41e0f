"""Money owed: the receivables ledger (issue 16), a copy of the laptop's
`receivable_entries` (domain/receivables.py).

Revision ID: s0008_receivables
Revises: s0007_policy_confirm_ceiling
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0008_receivables"
down_revision = "s0007_policy_confirm_ceiling"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "receivable_entries",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=60), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receivable_entries")),
    )
    with op.batch_alter_table("receivable_entries", schema=None) as batch_op:
        batch_op.create_index("ix_receivable_entries_owner_id", ["owner_id"], unique=False)
        batch_op.create_index("ix_receivable_entries_owner_seq", ["owner_id", "server_seq"])
        batch_op.create_index("ix_receivable_entries_server_seq", ["server_seq"], unique=False)
        batch_op.create_index("ix_receivable_entries_team_id", ["team_id"], unique=False)


def downgrade() -> None:
    op.drop_table("receivable_entries")

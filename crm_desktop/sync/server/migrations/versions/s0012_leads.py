"""Leads 线索 and the team pool 公海 (issue 16): copies of the laptop's `leads` and
`lead_pool_rules` (laptop revision 0015_leads).

Revision ID: s0012_leads
Revises: s0011_account_plans
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0012_leads"
down_revision = "s0011_account_plans"
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
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
    ]


def _seq_indexes(table: str, indexed: tuple[str, ...]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(f"ix_{table}_owner_seq", ["owner_id", "server_seq"])
        batch_op.create_index(f"ix_{table}_server_seq", ["server_seq"], unique=False)
        for column in indexed:
            batch_op.create_index(f"ix_{table}_{column}", [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "leads",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("contact_name", sa.String(length=100), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("phone_key", sa.String(length=50), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("event", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("tier", sa.String(length=10), nullable=False),
        sa.Column("follow_up_due", sa.Date(), nullable=True),
        sa.Column("in_pool", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=True),
        sa.Column("pooled_at", sa.DateTime(), nullable=True),
        sa.Column("last_call_on", sa.Date(), nullable=True),
        sa.Column("last_effective_on", sa.Date(), nullable=True),
        sa.Column("converted_customer_id", sa.String(length=36), nullable=True),
        sa.Column("converted_at", sa.DateTime(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_synced_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leads")),
    )
    _seq_indexes("leads", ("name_key", "phone_key", "converted_customer_id", "owner_id", "team_id"))
    op.create_table(
        "lead_pool_rules",
        sa.Column("return_after_days", sa.Integer(), server_default="30", nullable=False),
        *_synced_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_pool_rules")),
    )
    _seq_indexes("lead_pool_rules", ("owner_id", "team_id"))


def downgrade() -> None:
    op.drop_table("lead_pool_rules")
    op.drop_table("leads")

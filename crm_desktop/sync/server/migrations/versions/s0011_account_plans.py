"""Key accounts: copies of the laptop's account plans, account teams, relationship maps
and key-account records (issue 16), without foreign keys (docs/sync.md, deviations).

Revision ID: s0011_account_plans
Revises: s0010_handover
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0011_account_plans"
down_revision = "s0010_handover"
branch_labels = None
depends_on = None

# Frozen here: the columns of this revision, whatever the models say later.
TABLES: dict[str, list[tuple[str, sa.types.TypeEngine, bool]]] = {  # type: ignore[type-arg]
    "account_plans": [
        ("customer_id", sa.String(length=36), False),
        ("plan_year", sa.Integer(), False),
        ("version_no", sa.Integer(), False),
        ("previous_plan_id", sa.String(length=36), True),
        ("content", sa.Text(), True),
        ("status", sa.String(length=20), False),
        ("sponsor_id", sa.String(length=36), True),
        ("submitted_at", sa.DateTime(), True),
        ("approved_at", sa.DateTime(), True),
        ("approved_by", sa.String(length=36), True),
        ("reviewed_at", sa.DateTime(), True),
        ("review_comment", sa.Text(), True),
        ("history", sa.Text(), True),
    ],
    "account_team_members": [
        ("customer_id", sa.String(length=36), False),
        ("user_id", sa.String(length=36), False),
        ("role", sa.String(length=30), False),
        ("note", sa.String(length=300), True),
    ],
    "relationship_links": [
        ("customer_id", sa.String(length=36), False),
        ("contact_id", sa.String(length=36), False),
        ("reports_to_contact_id", sa.String(length=36), True),
        ("buying_role", sa.String(length=20), True),
        ("attitude", sa.String(length=20), True),
        ("influence", sa.Integer(), True),
        ("our_user_id", sa.String(length=36), True),
        ("note", sa.String(length=300), True),
    ],
    "key_account_records": [
        ("customer_id", sa.String(length=36), False),
        ("kind", sa.String(length=20), False),
        ("record_date", sa.Date(), False),
        ("category", sa.String(length=30), True),
        ("title", sa.String(length=300), True),
        ("referrer_customer_id", sa.String(length=36), True),
        ("content", sa.Text(), True),
    ],
}
# account_team_members.user_id: the account-team grant looks members up by it.
EXTRA_INDEXES = {"relationship_links": ("contact_id",), "account_team_members": ("user_id",)}


def upgrade() -> None:
    for table, columns in TABLES.items():
        op.create_table(
            table,
            *[sa.Column(name, kind, nullable=nullable) for name, kind, nullable in columns],
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
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f"ix_{table}_owner_seq", ["owner_id", "server_seq"])
            batch_op.create_index(f"ix_{table}_server_seq", ["server_seq"], unique=False)
            for column in ("owner_id", "team_id", "customer_id", *EXTRA_INDEXES.get(table, ())):
                batch_op.create_index(f"ix_{table}_{column}", [column], unique=False)


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)

"""Key accounts: account plans, account teams, relationship maps and the key-account
records (health checks, watch list, events) (issue 16).

Revision ID: 0014_account_plans
Revises: 0013_handover
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_account_plans"
down_revision = "0013_handover"
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
    ]


def _customer_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["customer_id"], ["customers.id"], name=op.f(f"fk_{table}_customer_id_customers")
    )


def _indexes(table: str, *extra: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in ("owner_id", "team_id", "customer_id", *extra):
            batch_op.create_index(f"ix_{table}_{column}", [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "account_plans",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("plan_year", sa.Integer(), nullable=False),
        sa.Column("version_no", sa.Integer(), nullable=False),
        sa.Column("previous_plan_id", sa.String(length=36), nullable=True),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("sponsor_id", sa.String(length=36), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by", sa.String(length=36), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("review_comment", sa.Text(), nullable=True),
        sa.Column("history", sa.Text(), nullable=True),
        *_synced_columns(),
        _customer_fk("account_plans"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_plans")),
    )
    _indexes("account_plans")
    op.create_table(
        "account_team_members",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=True),
        *_synced_columns(),
        _customer_fk("account_team_members"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_team_members")),
    )
    # user_id: the server grants a member sight of the account by it (sync/server/account_teams.py).
    _indexes("account_team_members", "user_id")
    op.create_table(
        "relationship_links",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("contact_id", sa.String(length=36), nullable=False),
        sa.Column("reports_to_contact_id", sa.String(length=36), nullable=True),
        sa.Column("buying_role", sa.String(length=20), nullable=True),
        sa.Column("attitude", sa.String(length=20), nullable=True),
        sa.Column("influence", sa.Integer(), nullable=True),
        sa.Column("our_user_id", sa.String(length=36), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
        *_synced_columns(),
        _customer_fk("relationship_links"),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_relationship_links_contact_id_contacts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relationship_links")),
    )
    _indexes("relationship_links", "contact_id")
    op.create_table(
        "key_account_records",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_date", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("referrer_customer_id", sa.String(length=36), nullable=True),
        sa.Column("content", sa.Text(), nullable=True),
        *_synced_columns(),
        _customer_fk("key_account_records"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_account_records")),
    )
    _indexes("key_account_records")


def downgrade() -> None:
    for table in (
        "key_account_records",
        "relationship_links",
        "account_team_members",
        "account_plans",
    ):
        op.drop_table(table)

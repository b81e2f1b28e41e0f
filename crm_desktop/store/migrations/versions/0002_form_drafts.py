"""Form drafts: the unsaved state of the plan and report editors (laptop-only); an index
on follow_ups.visit_record_id (a report save finds a visit's follow-ups by it: 180 ms
without it on a store with a million visits).

Revision ID: 0002_form_drafts
Revises: 0001_initial
Create Date: 2026-11-22 18:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_form_drafts"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_drafts",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_form_drafts")),
    )
    op.create_index(
        op.f("ix_follow_ups_visit_record_id"), "follow_ups", ["visit_record_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_follow_ups_visit_record_id"), table_name="follow_ups")
    op.drop_table("form_drafts")

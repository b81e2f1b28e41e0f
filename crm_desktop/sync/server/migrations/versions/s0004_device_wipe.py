"""Devices: `wipe` — an admin who revokes a lost laptop may also have it erase its data
at its next contact with the server.

Revision ID: s0004_device_wipe
Revises: s0003_stage_requires_amount
Create Date: 2026-11-22 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0004_device_wipe"
down_revision = "s0003_stage_requires_amount"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "devices", sa.Column("wipe", sa.Boolean(), server_default=sa.false(), nullable=False)
    )


def downgrade() -> None:
    op.drop_column("devices", "wipe")

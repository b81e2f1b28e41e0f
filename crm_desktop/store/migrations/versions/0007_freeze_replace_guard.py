"""Signed reports: refuse a REPLACE that would silently delete a signed report or visit.

SQLite's REPLACE conflict resolution deletes the colliding row without firing delete
triggers, so `INSERT OR REPLACE` rewrote a signed report. The new triggers refuse a write
whose key collides with a frozen row (store/triggers.py, REPLACE_GUARD_TRIGGERS).

Revision ID: 0007_freeze_replace_guard
Revises: 0006_review_queue_indexes
Create Date: 2026-12-07 13:40:00
"""

from __future__ import annotations

from alembic import op

from crm_desktop.store.triggers import REPLACE_GUARD_TRIGGERS

revision = "0007_freeze_replace_guard"
down_revision = "0006_review_queue_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for name, ddl in REPLACE_GUARD_TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(ddl)


def downgrade() -> None:
    for name in REPLACE_GUARD_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")

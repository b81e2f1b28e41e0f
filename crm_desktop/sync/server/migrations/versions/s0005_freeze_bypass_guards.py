"""Signed reports: refuse the bypasses row triggers cannot see.

SQLite: a REPLACE whose key collides with a signed report or visit (it deleted the row
without firing delete triggers). PostgreSQL: TRUNCATE of daily_reports or visit_records
while a signed report exists (no row trigger fires). See server/triggers.py.

Revision ID: s0005_freeze_bypass_guards
Revises: s0004_device_wipe
Create Date: 2026-12-07 13:40:00
"""

from __future__ import annotations

from alembic import op

from crm_desktop.sync.server.triggers import (
    bypass_guard_statements,
    drop_bypass_guard_statements,
)

revision = "s0005_freeze_bypass_guards"
down_revision = "s0004_device_wipe"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in bypass_guard_statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for statement in drop_bypass_guard_statements(op.get_bind().dialect.name):
        op.execute(statement)

"""Leads and the shared pool (issue 16).

PLACEHOLDER: reserved in the revision chain; its owner fills it in (or makes it a
documented no-op).

Revision ID: s0012_leads
Revises: s0011_account_plans
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

revision = "s0012_leads"
down_revision = "s0011_account_plans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

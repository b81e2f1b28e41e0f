"""Leads and the shared pool (issue 16).

PLACEHOLDER: reserved in the revision chain; its owner fills it in (or makes it a
documented no-op).

Revision ID: 0015_leads
Revises: 0014_account_plans
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

revision = "0015_leads"
down_revision = "0014_account_plans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

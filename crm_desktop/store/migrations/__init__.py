"""Alembic migrations of the laptop store."""

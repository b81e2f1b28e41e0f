"""Migrations: the head constant matches Alembic's, and the schema equals the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from crm_desktop.store.base import Base
from crm_desktop.store.database import Store, open_store
from crm_desktop.store.migrate import HEAD_REVISION, alembic_config, current_revision
from crm_desktop.store.migrations.env_filters import include_name


def test_head_constant_matches_alembic(store: Store) -> None:
    script = ScriptDirectory.from_config(alembic_config(store.engine))  # type: ignore[arg-type]
    assert script.get_current_head() == HEAD_REVISION
    assert current_revision(store.engine) == HEAD_REVISION


def test_migrated_schema_matches_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_store_is_wal_with_foreign_keys(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_reopening_is_idempotent(tmp_path: Path) -> None:
    first = open_store(tmp_path)
    first.close()
    second = open_store(tmp_path)
    assert current_revision(second.engine) == HEAD_REVISION
    second.close()

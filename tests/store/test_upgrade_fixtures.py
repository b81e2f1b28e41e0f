"""A store made by every earlier released schema opens, migrates to head, and keeps its
rows and its unsent outbox (fixtures made by fixtures/make_fixtures.py)."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from crm_desktop.services.container import Services
from crm_desktop.services.customers.customer_list import CustomerQuery
from crm_desktop.store.backup import known_revisions
from crm_desktop.store.database import DB_FILENAME, open_store
from crm_desktop.store.migrate import HEAD_REVISION
from crm_desktop.store.models import Customer
from crm_desktop.store.pinyin import pinyin_key
from crm_desktop.store.unit_of_work import UnitOfWork

FIXTURES = Path(__file__).parent / "fixtures"


def _load_maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


maker = _load_maker()
PRIMARY_KEYS = {"sync_meta": "key", "form_drafts": "key", "outbox": "mutation_id"}


def _copy(revision: str, tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(FIXTURES / f"store-{revision[:4]}.sqlite3", data_dir / DB_FILENAME)
    return data_dir


def test_every_earlier_schema_has_a_fixture() -> None:
    earlier = known_revisions() - {HEAD_REVISION}
    assert earlier <= set(maker.REVISIONS), "run tests/store/fixtures/make_fixtures.py"
    for revision in maker.REVISIONS:
        conn = sqlite3.connect(FIXTURES / f"store-{revision[:4]}.sqlite3")
        try:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
        finally:
            conn.close()


@pytest.mark.parametrize("revision", maker.REVISIONS)
def test_fixture_migrates_with_rows_and_outbox_intact(revision: str, tmp_path: Path) -> None:
    store = open_store(_copy(revision, tmp_path))
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                HEAD_REVISION
            )
            for table, rows in maker.expected_rows(revision).items():
                key = PRIMARY_KEYS.get(table, "id")
                count = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                assert count == len(rows), table
                for row in rows:
                    columns = ", ".join(row)
                    stored = conn.execute(
                        text(f"SELECT {columns} FROM {table} WHERE {key} = :key"),
                        {"key": row[key]},
                    ).one()
                    assert dict(zip(row, stored, strict=True)) == row, (table, row[key])
            sequence = conn.execute(
                text("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")
            ).scalar()
            assert sequence == maker.OUTBOX_SEQUENCE
    finally:
        store.close()


@pytest.mark.parametrize("revision", maker.REVISIONS)
def test_migrated_fixture_still_works(revision: str, tmp_path: Path) -> None:
    services = Services.open(_copy(revision, tmp_path))
    try:
        assert services.actor.user_id == maker.USER
        assert services.actor.display_name == "张三"
        # The search triggers and index survived: by contact name, and by FTS trigram.
        for term in ("王采购", "华东精密"):
            assert len(services.customer_list.handles(CustomerQuery(text=term))) == 1
        # Every search row has its pinyin sort key (0009 filled it in; triggers keep it).
        with services.store.engine.connect() as conn:
            keys = conn.execute(text("SELECT name, sort_key FROM customer_search")).all()
        assert keys and all(key == pinyin_key(name) for name, key in keys)
        # The signed report is still frozen.
        with (
            pytest.raises(IntegrityError, match="frozen_report"),
            services.store.engine.begin() as conn,
        ):
            conn.execute(
                text("UPDATE daily_reports SET reflections = 'x' WHERE id = :id"),
                {"id": maker.REPORT},
            )
        # A new edit goes to the outbox under an id never handed out before.
        with UnitOfWork(services.store, services.actor.user_id) as uow:
            customer = uow.session.get(Customer, maker.CUSTOMER)
            assert customer is not None
            customer.notes = "升级后修改"
            uow.commit()
        with services.store.engine.connect() as conn:
            ids = conn.execute(text("SELECT mutation_id FROM outbox ORDER BY 1")).scalars().all()
        assert ids == [41, 42, 43, maker.OUTBOX_SEQUENCE + 1]
    finally:
        services.close()

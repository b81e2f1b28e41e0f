"""`crm-desktop backup` and `crm-desktop restore`, run in-process on real store files."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from crm_desktop.cli import main
from crm_desktop.store.database import Store, open_store
from crm_desktop.store.models import Customer
from crm_desktop.store.unit_of_work import UnitOfWork


@pytest.fixture(autouse=True)
def _keep_root_logging() -> Iterator[None]:
    # main() sets up the app's log file; later tests should not inherit it.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _add(store: Store, name: str) -> None:
    with UnitOfWork(store, None) as uow:
        uow.session.add(Customer(name=name, name_key=name))
        uow.commit()


def _names(data_dir: Path) -> set[str]:
    store = open_store(data_dir)
    try:
        with store.reading() as session:
            return set(session.scalars(select(Customer.name)))
    finally:
        store.close()


def test_backup_then_restore(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(data_dir)
    _add(store, "甲公司")
    store.close()
    saved = tmp_path / "saved.sqlite3"

    assert main(["backup", "--data-dir", str(data_dir), "-o", str(saved), "--lang", "en"]) == 0
    assert f"Backed up to {saved}" in capsys.readouterr().out
    store = open_store(data_dir)
    _add(store, "乙公司")
    store.close()

    assert main(["restore", str(saved), "--data-dir", str(data_dir), "--lang", "en"]) == 0
    assert "unsent changes kept: 1" in capsys.readouterr().out
    assert _names(data_dir) == {"甲公司", "乙公司"}

    assert main(["restore", str(saved), "--data-dir", str(data_dir), "--discard-unsent"]) == 0
    assert "已恢复" in capsys.readouterr().out
    assert _names(data_dir) == {"甲公司"}


def test_restore_refuses_junk_and_unkeepable_changes(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(data_dir)
    _add(store, "我的客户")
    store.close()
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("junk", encoding="utf-8")
    assert main(["restore", str(junk), "--data-dir", str(data_dir)]) == 2
    assert "不是 CRM Desktop" in capsys.readouterr().err

    other = open_store(tmp_path / "other")
    with other.engine.begin() as conn:
        conn.execute(text("INSERT INTO sync_meta (key, value) VALUES ('user_id', 'someone')"))
    _add(other, "别人的客户")
    other.close()
    saved = tmp_path / "other.sqlite3"
    assert main(["backup", "--data-dir", str(tmp_path / "other"), "-o", str(saved)]) == 0

    assert main(["restore", str(saved), "--data-dir", str(data_dir), "--lang", "en"]) == 2
    assert "--discard-unsent" in capsys.readouterr().err
    assert _names(data_dir) == {"我的客户"}
    assert main(["restore", str(saved), "--data-dir", str(data_dir), "--discard-unsent"]) == 0
    assert _names(data_dir) == {"别人的客户"}

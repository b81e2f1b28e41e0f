"""A locked, read-only, corrupt or full database gives a person a message, never a traceback.

Every case uses real SQLite failures: a second connection holding the write lock, a
read-only connection, junk bytes in the file, and `max_page_count` to make SQLITE_FULL.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text

from crm_desktop.config.paths import DataFolderIsAFile
from crm_desktop.domain.customer import ContactDraft, CustomerDraft
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.container import Services
from crm_desktop.services.customers.customer_list import CustomerQuery
from crm_desktop.store.database import DB_FILENAME, Store, open_store
from crm_desktop.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseUnavailable,
    DiskFull,
    StoreError,
)
from crm_desktop.store.models import Contact, Customer, CustomerSearch, OutboxEntry
from crm_desktop.store.unit_of_work import UnitOfWork

# Short enough that a locked write fails at once, long enough to be a real busy wait.
QUICK_BUSY_TIMEOUT_S = 0.2
PAGE_SIZE = 4096

Operation = Callable[[Services, str, str], object]


def _services_on(store: Store) -> Services:
    """The service container on an already opened store (Services.open has no options)."""
    return Services(store=store, user=CurrentUser(store))


def _seed(data_dir: Path) -> tuple[str, str]:
    """A closed store with one customer and one contact; returns their ids."""
    services = Services.open(data_dir)
    try:
        customer_id = services.customers.save(
            CustomerDraft(name="上海申达贸易有限公司", phone="021-61234567")
        )
        contact_id = services.customers.save_contact(
            ContactDraft(customer_id=customer_id, name="王伟", mobile="13800138000")
        )
    finally:
        services.close()
    return customer_id, contact_id


def _counts(store: Store) -> dict[str, int]:
    with store.reading() as s:
        return {
            model.__tablename__: int(s.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Customer, Contact, CustomerSearch, OutboxEntry)
        }


def _integrity(store: Store) -> str:
    with store.engine.connect() as conn:
        return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())


# The writes a person can make on the customer page, each through the service layer.
WRITES: dict[str, Operation] = {
    "create customer": lambda s, _c, _k: s.customers.save(CustomerDraft(name="北京新客户")),
    "update customer": lambda s, c, _k: s.customers.save(
        CustomerDraft(id=c, name="上海申达贸易有限公司", notes="改了备注")
    ),
    "delete customer": lambda s, c, _k: s.customers.delete(c),
    "create contact": lambda s, c, _k: s.customers.save_contact(
        ContactDraft(customer_id=c, name="李娜")
    ),
    "delete contact": lambda s, _c, k: s.customers.delete_contact(k),
}


def _assert_person_friendly(error: UserFacingError) -> None:
    """Both languages are on the error, readable, and free of SQL or Python internals."""
    assert any("\u4e00" <= char <= "\u9fff" for char in error.message_zh)
    assert error.message_en.isascii() and error.message_en[0].isupper()
    assert error.message("zh_CN") == error.message_zh
    assert error.message("en") == error.message_en
    for text_ in (error.message_zh, error.message_en):
        # (A file path may name crm.sqlite3; module and exception names may not appear.)
        for internal in ("Traceback", "sqlite3.", "OperationalError", "Error(", "PRAGMA"):
            assert internal not in text_


# --- locked -------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", list(WRITES))
def test_write_while_another_connection_holds_the_lock_is_database_locked(
    data_dir: Path, operation: str
) -> None:
    customer_id, contact_id = _seed(data_dir)
    services = _services_on(open_store(data_dir, busy_timeout_s=QUICK_BUSY_TIMEOUT_S))
    try:
        before = _counts(services.store)
        other = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(DatabaseLocked) as caught:
                WRITES[operation](services, customer_id, contact_id)
        finally:
            other.execute("ROLLBACK")
            other.close()
        _assert_person_friendly(caught.value)
        assert isinstance(caught.value.__cause__, Exception)  # a real SQLite busy error
        assert _counts(services.store) == before
        # Once the other program lets go, the same edit goes through.
        WRITES[operation](services, customer_id, contact_id)
        assert _counts(services.store)["outbox"] == before["outbox"] + 1 + (
            operation == "delete customer"  # the customer's contact is deleted with it
        )
    finally:
        services.close()


def test_reading_stays_possible_while_another_connection_writes(
    data_dir: Path,
) -> None:
    _seed(data_dir)
    services = _services_on(open_store(data_dir, busy_timeout_s=QUICK_BUSY_TIMEOUT_S))
    other = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE customers SET notes = 'uncommitted'")
        handles = services.customer_list.handles(CustomerQuery())
        rows = services.customer_list.rows(handles)
        assert [row.name for row in rows.values()] == ["上海申达贸易有限公司"]
    finally:
        other.execute("ROLLBACK")
        other.close()
        services.close()


def test_opening_a_store_another_program_holds_exclusively_is_database_locked(
    data_dir: Path,
) -> None:
    _seed(data_dir)
    other = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    # EXCLUSIVE locking mode keeps the lock after the write: even readers are shut out.
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO sync_meta (key, value) VALUES ('holder', 'other')")
    other.execute("COMMIT")
    try:
        with pytest.raises(DatabaseLocked) as caught:
            open_store(data_dir, busy_timeout_s=QUICK_BUSY_TIMEOUT_S)
        _assert_person_friendly(caught.value)
    finally:
        other.close()
    reopened = open_store(data_dir)
    assert _integrity(reopened) == "ok"
    reopened.close()


# --- read-only ----------------------------------------------------------------------------


@pytest.mark.parametrize("operation", list(WRITES))
def test_write_to_a_read_only_store_is_database_read_only(data_dir: Path, operation: str) -> None:
    customer_id, contact_id = _seed(data_dir)
    services = _services_on(open_store(data_dir, read_only=True))
    try:
        before = _counts(services.store)
        with pytest.raises(DatabaseReadOnly) as caught:
            WRITES[operation](services, customer_id, contact_id)
        _assert_person_friendly(caught.value)
        assert _counts(services.store) == before
        # The person can still look at their customers.
        assert services.customers.card(customer_id).draft.name == "上海申达贸易有限公司"
    finally:
        services.close()


# --- corrupt ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [
        pytest.param(b"\x00" * 16 + b"not a database", id="zeroed-header"),
        pytest.param(b"PK\x03\x04" + bytes(range(256)) * 64, id="an-xlsx-renamed"),
        pytest.param(os.urandom(PAGE_SIZE * 8), id="random-bytes"),
        pytest.param("客户名单\n上海申达,021-61234567\n".encode() * 200, id="a-text-file"),
    ],
)
def test_junk_written_over_the_file_is_database_corrupt(data_dir: Path, junk: bytes) -> None:
    _seed(data_dir)
    path = data_dir / DB_FILENAME
    path.write_bytes(junk)
    with pytest.raises(DatabaseCorrupt) as caught:
        Services.open(data_dir)
    _assert_person_friendly(caught.value)
    # The damaged file is left as it was, for a backup restore or a support case.
    assert path.read_bytes() == junk


def test_damaged_first_page_is_database_corrupt_at_open(data_dir: Path) -> None:
    _seed(data_dir)
    path = data_dir / DB_FILENAME
    with path.open("r+b") as handle:
        handle.seek(100)  # keep the 100-byte header, ruin the schema page behind it
        handle.write(b"\xa5" * (PAGE_SIZE - 100))
    with pytest.raises(DatabaseCorrupt):
        open_store(data_dir)


def _fill(store: Store, customers: int) -> None:
    """Enough customers, in one transaction, for their table to span many pages."""
    with UnitOfWork(store, None) as uow:
        for number in range(customers):
            uow.session.add(
                Customer(
                    name=f"测试客户{number:05d}有限公司",
                    name_key=f"测试客户{number:05d}",
                    notes="回访记录：" + "需求稳定，下季度追加订单。" * 8,
                )
            )
        uow.commit()


def _customer_pages_mid_file(store: Store) -> list[int]:
    """Leaf pages of the customers table that lie in the middle third of the file."""
    with store.engine.connect() as conn:
        total = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)
        pages = [
            int(row[0])
            for row in conn.exec_driver_sql(
                "SELECT pageno FROM dbstat WHERE name = 'customers' AND pagetype = 'leaf'"
            )
        ]
    middle = [page for page in pages if total // 3 <= page <= 2 * total // 3]
    assert middle, "the customers table should reach the middle of the file"
    return middle


def test_pages_damaged_in_the_middle_are_database_corrupt_when_read(data_dir: Path) -> None:
    _seed(data_dir)
    store = open_store(data_dir)
    _fill(store, 1500)
    damaged = _customer_pages_mid_file(store)[:5]
    store.close()
    path = data_dir / DB_FILENAME
    assert not path.with_name(DB_FILENAME + "-wal").exists()  # all pages are in the file
    with path.open("r+b") as handle:
        for page in damaged:
            handle.seek((page - 1) * PAGE_SIZE)
            handle.write(bytes((page * 7 + i) % 251 for i in range(PAGE_SIZE)))

    # Opening may or may not notice (only the schema is read then); reading every row
    # the way scrolling the whole list does must, and as a message, not a traceback.
    with pytest.raises(DatabaseCorrupt) as caught:
        services = Services.open(data_dir)
        try:
            handles = services.customer_list.handles(CustomerQuery())
            for start in range(0, len(handles), 200):
                services.customer_list.rows(handles[start : start + 200])
        finally:
            services.close()
    _assert_person_friendly(caught.value)


# --- full disk ----------------------------------------------------------------------------


def _limit_pages(store: Store, spare_pages: int) -> None:
    """Cap the file at its current size plus `spare_pages`, on every new connection."""
    with store.engine.connect() as conn:
        limit = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0) + spare_pages
    store.engine.dispose()  # pooled connections must reconnect to get the cap

    def cap(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {limit}")

    event.listen(store.engine, "connect", cap)


BIG_NOTE = "客户详细情况：" + "年采购额稳定增长，关注交期与售后响应。" * 20_000  # ~1.2 MB

FULL_WRITES: dict[str, Operation] = {
    "create customer": lambda s, _c, _k: s.customers.save(
        CustomerDraft(name="广州大单客户有限公司", notes=BIG_NOTE)
    ),
    "update customer": lambda s, c, _k: s.customers.save(
        CustomerDraft(id=c, name="上海申达贸易有限公司", notes=BIG_NOTE)
    ),
    "create contact": lambda s, c, _k: s.customers.save_contact(
        ContactDraft(customer_id=c, name="赵敏", notes=BIG_NOTE)
    ),
}


@pytest.mark.parametrize("operation", list(FULL_WRITES))
def test_full_disk_is_disk_full_and_leaves_nothing_half_written(
    data_dir: Path, operation: str
) -> None:
    customer_id, contact_id = _seed(data_dir)
    store = open_store(data_dir)
    services = _services_on(store)
    try:
        before = _counts(store)
        _limit_pages(store, spare_pages=4)
        with pytest.raises(DiskFull) as caught:
            FULL_WRITES[operation](services, customer_id, contact_id)
        _assert_person_friendly(caught.value)
        assert _counts(store) == before
        assert _integrity(store) == "ok"
        with store.reading() as s:
            customer = s.get(Customer, customer_id)
            assert customer is not None and customer.notes is None
    finally:
        services.close()
    # Space freed (a new process has no cap): the same edit succeeds.
    services = Services.open(data_dir)
    try:
        FULL_WRITES[operation](services, customer_id, contact_id)
        assert _counts(services.store)["outbox"] == before["outbox"] + 1
    finally:
        services.close()


# --- a data folder that cannot hold a store ----------------------------------------------


def test_database_path_taken_by_a_folder_is_unavailable(data_dir: Path) -> None:
    (data_dir / DB_FILENAME).mkdir(parents=True)
    with pytest.raises(DatabaseUnavailable) as caught:
        open_store(data_dir)
    _assert_person_friendly(caught.value)


def test_data_folder_that_is_a_file_is_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DatabaseUnavailable) as caught:
        open_store(blocker)
    _assert_person_friendly(caught.value)


@pytest.mark.parametrize(
    "error", [DatabaseLocked(), DatabaseReadOnly(), DatabaseCorrupt(), DiskFull()]
)
def test_every_store_error_speaks_both_languages(error: StoreError) -> None:
    _assert_person_friendly(error)
    assert str(error) == error.message_en


def test_unknown_sqlite_errors_stay_bugs(store: Store) -> None:
    """A programming error (bad SQL) is not dressed up as an environment problem."""
    with pytest.raises(Exception) as caught, store.reading() as session:
        session.execute(text("SELECT no_such_column FROM customers"))
    assert not isinstance(caught.value, UserFacingError)


# --- the command line ---------------------------------------------------------------------


def _selftest(data_dir: Path, *lang: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("CRM_DESKTOP_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "crm_desktop", "selftest", "--data-dir", str(data_dir), *lang],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _corrupt(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / DB_FILENAME).write_bytes(b"this is not a database " * 500)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        pytest.param((), DatabaseCorrupt().message_zh, id="default-chinese"),
        pytest.param(("--lang", "zh_CN"), DatabaseCorrupt().message_zh, id="zh_CN"),
        pytest.param(("--lang", "en"), DatabaseCorrupt().message_en, id="en"),
    ],
)
def test_selftest_on_a_corrupt_file_prints_the_message_not_a_traceback(
    data_dir: Path, lang: tuple[str, ...], expected: str
) -> None:
    _corrupt(data_dir)
    result = _selftest(data_dir, *lang)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert expected in result.stderr
    assert "ok" not in result.stdout.split()


def test_selftest_with_the_language_before_the_command_uses_it(data_dir: Path) -> None:
    _corrupt(data_dir)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "crm_desktop", "--lang", "en", "selftest"],
        capture_output=True,
        text=True,
        env={**env, "CRM_DESKTOP_DATA_DIR": str(data_dir)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert DatabaseCorrupt().message_en in result.stderr


def test_selftest_with_a_file_as_data_folder_prints_the_message(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder", encoding="utf-8")
    result = _selftest(blocker, "--lang", "en")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert DataFolderIsAFile(blocker).message_en in result.stderr

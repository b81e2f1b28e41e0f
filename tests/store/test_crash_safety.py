"""SIGKILL during a burst of writes: the store reopens intact, with every commit and its outbox.

A child process writes through the real service layer in a tight loop and prints each
change only after its commit has returned. The parent kills it (SIGKILL, no clean-up at
all) as soon as it has read enough lines, so the kill lands in the middle of the next
transactions. Reopening must then find a sound file, every reported change with its
outbox mutation, and nothing half-written: no row without its outbox entry and no outbox
entry without its row.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.services.container import Services
from crm_desktop.services.customers.customer_list import CustomerQuery
from crm_desktop.store.database import DB_FILENAME
from crm_desktop.store.models import Contact, Customer, CustomerSearch, OutboxEntry

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX SIGKILL")

# The child: create a customer, add a contact, edit the customer, over and over. Each
# line is printed (and flushed) right after the commit returned, never before.
WRITER = r"""
import sys
from pathlib import Path

from crm_desktop.domain.customer import ContactDraft, CustomerDraft
from crm_desktop.services.container import Services
from crm_desktop.services.customers.customer_list import CustomerQuery

services = Services.open(Path(sys.argv[1]))
prefix = sys.argv[2]
print("ready", flush=True)
number = 0
while True:
    name = f"{prefix}压力测试客户{number:05d}有限公司"
    customer_id = services.customers.save(
        CustomerDraft(name=name, phone=f"021-{60000000 + number}", region="华东")
    )
    print("customer", customer_id, flush=True)
    contact_id = services.customers.save_contact(
        ContactDraft(customer_id=customer_id, name=f"联系人{number}", mobile=f"139{number:08d}")
    )
    print("contact", contact_id, flush=True)
    services.customers.save(
        CustomerDraft(id=customer_id, name=name, status="active", notes=f"第{number}次回访")
    )
    print("update", customer_id, flush=True)
    number += 1
"""


@dataclass
class Reported:
    """What the killed writer said it had committed."""

    customers: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    updates: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.customers) + len(self.contacts) + len(self.updates)


def _spawn_writer(data_dir: Path, prefix: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), prefix],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )


def _lines(process: subprocess.Popen[str]) -> Iterator[list[str]]:
    assert process.stdout is not None
    for line in process.stdout:
        yield line.split()
    # The writer never stops by itself: an end of output means it died on its own.
    process.wait()
    stderr = process.stderr.read() if process.stderr else ""
    pytest.fail(f"the writer exited early with {process.returncode}:\n{stderr}")


def _write_then_kill(data_dir: Path, lines_wanted: int, prefix: str) -> Reported:
    """Run the writer until it has reported `lines_wanted` commits, then SIGKILL it."""
    process = _spawn_writer(data_dir, prefix)
    reported = Reported()
    try:
        lines = _lines(process)
        assert next(lines) == ["ready"]
        for kind, row_id in lines:
            {"customer": reported.customers, "contact": reported.contacts}.get(
                kind, reported.updates
            ).append(row_id)
            if reported.count >= lines_wanted:
                break
        os.kill(process.pid, signal.SIGKILL)  # mid-burst: the writer is still going
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    assert process.returncode == -signal.SIGKILL
    return reported


def _outbox(services: Services) -> list[OutboxEntry]:
    with services.store.reading() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.mutation_id)))


def _check_store(services: Services, reported: Reported) -> None:
    """Sound file; every reported change and its mutation present; nothing half-written."""
    with services.store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    with services.store.reading() as s:
        customers = {c.id: c for c in s.scalars(select(Customer))}
        contacts = {k.id: k for k in s.scalars(select(Contact))}
        search_rows = s.scalar(select(func.count()).select_from(CustomerSearch))
    entries = _outbox(services)
    by_kind: dict[tuple[str, str], list[OutboxEntry]] = {}
    for entry in entries:
        by_kind.setdefault((entry.entity, entry.name), []).append(entry)

    creates = {e.row_id for e in by_kind.get(("customer", "create"), [])}
    contact_creates = {e.row_id for e in by_kind.get(("contact", "create"), [])}
    updates = {e.row_id: e for e in by_kind.get(("customer", "update"), [])}

    # Every committed change the writer reported is there, with its outbox entry.
    assert set(reported.customers) <= customers.keys() & creates
    assert set(reported.contacts) <= contacts.keys() & contact_creates
    assert set(reported.updates) <= updates.keys()
    # Nothing half-written: each row has exactly its create, each entry its row.
    assert creates == customers.keys()
    assert contact_creates == contacts.keys()
    assert len(by_kind.get(("customer", "create"), [])) == len(customers)
    assert len(by_kind.get(("contact", "create"), [])) == len(contacts)
    assert set(by_kind) <= {("customer", "create"), ("contact", "create"), ("customer", "update")}
    # The search triggers ran in each transaction: one search row per customer, and the
    # list finds every customer the writer made (through the full-text index if any).
    assert search_rows == len(customers)
    found = services.customer_list.handles(CustomerQuery(text="压力测试客户"))
    found_ids = {row.id for row in services.customer_list.rows(found).values()}
    assert found_ids == {cid for cid, c in customers.items() if "压力测试客户" in c.name}
    _check_full_text_index(services)
    for customer_id, customer in customers.items():
        update = updates.get(customer_id)
        if update is None:
            assert customer.notes is None and customer.status == "potential"
        else:
            assert json.loads(update.patch)["notes"] == customer.notes
            assert customer.status == "active"
    for contact in contacts.values():
        assert contact.customer_id in customers


def _check_full_text_index(services: Services) -> None:
    """FTS5's own consistency check, when the store has a full-text index."""
    with services.store.engine.begin() as conn:
        tables = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
        ).scalars()
        for table in list(tables):
            # Raises SQLITE_CORRUPT_VTAB if the index does not match its content.
            conn.exec_driver_sql(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")


def _reopen_and_check(data_dir: Path, reported: Reported) -> None:
    services = Services.open(data_dir)
    try:
        _check_store(services, reported)
        # The store keeps working after the crash.
        new_id = services.customers.save(CustomerDraft(name="崩溃之后的新客户"))
        assert services.customers.card(new_id).draft.name == "崩溃之后的新客户"
        assert _outbox(services)[-1].row_id == new_id
    finally:
        services.close()


@pytest.mark.parametrize("lines_wanted", [30, 200, 201, 202, 600])
def test_sigkill_during_a_burst_of_writes_loses_nothing_committed(
    data_dir: Path, lines_wanted: int
) -> None:
    # 200/201/202 stop the reading after each of the three kinds of write.
    reported = _write_then_kill(data_dir, lines_wanted, prefix="甲")
    assert reported.count == lines_wanted
    # The kill left the write-ahead log behind: reopening has to recover from it.
    assert (data_dir / (DB_FILENAME + "-wal")).exists()
    _reopen_and_check(data_dir, reported)


def test_repeated_kills_on_the_same_store(data_dir: Path) -> None:
    """Crash, restart and carry on writing, several times: each restart sees all of it."""
    everything = Reported()
    for round_number, lines_wanted in enumerate((50, 151, 97)):
        reported = _write_then_kill(data_dir, lines_wanted, prefix=f"第{round_number}轮")
        everything.customers += reported.customers
        everything.contacts += reported.contacts
        everything.updates += reported.updates
        _reopen_and_check(data_dir, everything)

"""Operations: writes run off the GUI thread on one lane, announce their changes, show
their errors, wait out a locked database; reads never queue behind the sync."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.container import Services
from crm_desktop.services.customers.customer_list import CustomerQuery
from crm_desktop.store.database import open_store
from crm_desktop.ui.customers.page import CustomersPage
from crm_desktop.ui.operations import CUSTOMERS, TARGETS, OpChanges, Operations
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.tasks import Lane, TaskContext, run_task
from tests.fixed_time import FixedClock

TIMEOUT_MS = 10_000


@pytest.fixture
def ops(qtbot: QtBot) -> Operations:
    return Operations()


def test_a_write_runs_off_the_gui_thread_and_announces_its_changes(
    ops: Operations, qtbot: QtBot
) -> None:
    ran_on: list[threading.Thread] = []
    results: list[int] = []
    origin = object()

    def work() -> int:
        ran_on.append(threading.current_thread())
        return 7

    with qtbot.waitSignal(ops.did_change, timeout=TIMEOUT_MS) as blocker:
        ops.write(work, CUSTOMERS, origin=origin, success=results.append)
    assert ran_on and ran_on[0] is not threading.main_thread()
    assert blocker.args == [CUSTOMERS, origin]
    assert results == [7]  # the caller heard first, then the pages
    assert not ops.busy


def test_changes_say_what_they_touch() -> None:
    both = CUSTOMERS | TARGETS
    assert both.touches(OpChanges(targets=True, plans=True))
    assert not CUSTOMERS.touches(TARGETS)
    assert not OpChanges()
    assert both.kinds() == {"customers", "targets"}


def test_an_error_surfaces_as_a_message_and_announces_nothing(
    ops: Operations, qtbot: QtBot, shown_errors: list[UserFacingError]
) -> None:
    announced: list[object] = []
    ops.did_change.connect(lambda changes, _origin: announced.append(changes))

    def work() -> None:
        raise ValidationError("名称不能为空", "The name is required.")

    task = ops.write(work, CUSTOMERS)
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS):
        pass
    assert [e.message("en") for e in shown_errors] == ["The name is required."]
    assert announced == []


def test_a_failure_callback_replaces_the_message(
    ops: Operations, qtbot: QtBot, shown_errors: list[UserFacingError]
) -> None:
    failures: list[BaseException] = []

    def work() -> None:
        raise ValidationError("名称不能为空", "The name is required.")

    task = ops.write(work, CUSTOMERS, failure=failures.append)
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS):
        pass
    assert len(failures) == 1 and shown_errors == []


def test_writes_run_one_at_a_time_on_one_thread(ops: Operations, qtbot: QtBot) -> None:
    release = threading.Event()
    first_started = threading.Event()
    lock = threading.Lock()
    inside = [0]
    most_inside = [0]
    threads: set[int] = set()

    def work(name: str) -> str:
        with lock:
            inside[0] += 1
            most_inside[0] = max(most_inside[0], inside[0])
            threads.add(threading.get_ident())
        if name == "first":
            first_started.set()
            release.wait(TIMEOUT_MS / 1000)
        with lock:
            inside[0] -= 1
        return name

    ops.write(lambda: work("first"), CUSTOMERS)
    qtbot.waitUntil(first_started.is_set, timeout=TIMEOUT_MS)
    # Queued while the first write still holds the lane: a parallel pool would start
    # them at once, on threads of their own.
    ops.write(lambda: work("second"), CUSTOMERS)
    last = ops.write(lambda: work("third"), CUSTOMERS)
    release.set()
    with qtbot.waitSignal(last.finished, timeout=TIMEOUT_MS):
        pass
    assert most_inside[0] == 1
    assert len(threads) == 1


def test_a_read_is_not_queued_behind_a_running_sync(ops: Operations, qtbot: QtBot) -> None:
    release = threading.Event()
    sync_started = threading.Event()

    def long_sync(_ctx: TaskContext) -> None:
        sync_started.set()
        release.wait(TIMEOUT_MS / 1000)

    sync = run_task(long_sync, lane=Lane.SYNC)
    try:
        qtbot.waitUntil(sync_started.is_set, timeout=TIMEOUT_MS)
        with qtbot.waitSignal(ops.read(lambda: "rows").succeeded, timeout=5_000) as read:
            pass
        with qtbot.waitSignal(ops.did_change, timeout=5_000):  # nor is a write
            ops.write(lambda: None, CUSTOMERS)
        assert read.args == ["rows"]
        assert sync.running
    finally:
        release.set()
    with qtbot.waitSignal(sync.finished, timeout=TIMEOUT_MS):
        pass


@pytest.fixture
def quick_lock_services(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    """Services on a store that gives up on a held lock after 50 ms, not 5 s."""
    store = open_store(tmp_path / "locked", clock=clock, busy_timeout_s=0.05)
    services = Services(store=store, user=CurrentUser(store))
    yield services
    services.close()


@contextmanager
def write_lock_held(services: Services) -> Iterator[None]:
    """Another connection holds the store's write lock (as a pulled sync page would)."""
    holder = sqlite3.connect(services.database_path, timeout=1.0, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def _counting_save(services: Services, tries: list[int]) -> Callable[[], str]:
    def save() -> str:
        tries[0] += 1
        return services.customers.save(CustomerDraft(name="锁定测试贸易有限公司"))

    return save


def test_a_locked_database_is_waited_out_on_the_writer_lane(
    quick_lock_services: Services, qtbot: QtBot, shown_errors: list[UserFacingError]
) -> None:
    services = quick_lock_services
    ops = Operations()
    tries = [0]
    with write_lock_held(services):
        task = ops.write(_counting_save(services, tries), CUSTOMERS)
        qtbot.waitUntil(lambda: tries[0] >= 2, timeout=TIMEOUT_MS)  # it was locked out
        assert task.running
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS):
        pass
    assert shown_errors == []
    listing = services.customer_list
    names = [row.name for row in listing.rows(listing.handles(CustomerQuery())).values()]
    assert names == ["锁定测试贸易有限公司"]


def test_a_page_refreshes_only_for_changes_it_shows(
    context: PageContext, qtbot: QtBot, add_customers: Callable[..., None]
) -> None:
    page = CustomersPage(context)
    qtbot.addWidget(page)
    ops = context.operations
    add_customers(2)  # written behind the page's back: it does not know yet
    with qtbot.waitSignal(ops.did_change, timeout=TIMEOUT_MS):
        ops.write(lambda: None, TARGETS)
    assert page.model.rowCount() == 0  # targets are not on the customer list
    with qtbot.waitSignal(ops.did_change, timeout=TIMEOUT_MS):
        ops.write(lambda: None, CUSTOMERS)
    assert page.model.rowCount() == 2


def test_a_call_that_commits_twice_is_not_run_again_when_locked(
    quick_lock_services: Services, qtbot: QtBot, shown_errors: list[UserFacingError]
) -> None:
    services = quick_lock_services
    ops = Operations()
    tries = [0]
    with write_lock_held(services):
        task = ops.write(_counting_save(services, tries), CUSTOMERS, wait_locked=False)
        with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS):
            pass
    assert tries == [1]
    assert [type(e).__name__ for e in shown_errors] == ["DatabaseLocked"]


def test_a_dialog_save_holds_its_button_and_says_a_refusal_inline(
    ops: Operations, qtbot: QtBot, shown_errors: list[UserFacingError]
) -> None:
    dialog = QWidget()
    qtbot.addWidget(dialog)
    button = QPushButton(dialog)
    saved: list[str] = []
    refused: list[ValidationError] = []
    release = threading.Event()

    def write() -> str:
        release.wait(TIMEOUT_MS / 1000)
        return "id-1"

    common = {"parent": dialog, "button": button, "saved": saved.append}
    task = ops.save(write, CUSTOMERS, refused=refused.append, **common)
    assert not button.isEnabled()  # no second click while the write runs
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS):
        release.set()
    assert (saved, button.isEnabled()) == (["id-1"], True)

    def refuse() -> str:
        raise ValidationError("名称不能为空", "The name is required", "name")

    with qtbot.waitSignal(ops.save(refuse, CUSTOMERS, refused=refused.append, **common).finished):
        pass
    assert [e.field for e in refused] == ["name"] and shown_errors == []  # inline, not a box
    assert button.isEnabled()

    def fail() -> str:
        raise UserFacingError("磁盘已满", "The disk is full")

    with qtbot.waitSignal(ops.save(fail, CUSTOMERS, refused=refused.append, **common).finished):
        pass
    assert len(refused) == 1 and [e.message_en for e in shown_errors] == ["The disk is full"]

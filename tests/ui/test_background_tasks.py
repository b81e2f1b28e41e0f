"""The background task helper: result, progress, errors and cancel arrive on the GUI thread."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.ui.tasks import TaskContext, run_task


def test_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    worker_threads: list[threading.Thread] = []
    receiving_threads: list[threading.Thread] = []

    def work(_ctx: TaskContext) -> dict[str, int]:
        worker_threads.append(threading.current_thread())
        return {"answer": 42}

    task = run_task(work)
    task.succeeded.connect(lambda _result: receiving_threads.append(threading.current_thread()))
    with qtbot.waitSignal(task.succeeded) as blocker:
        pass
    assert blocker.args == [{"answer": 42}]
    assert worker_threads[0] is not threading.main_thread()
    assert receiving_threads == [threading.main_thread()]
    assert not task.running


def test_progress_is_reported_and_the_last_step_always_arrives(qtbot: QtBot) -> None:
    steps: list[tuple[int, int]] = []

    def work(ctx: TaskContext) -> None:
        for done in range(1, 1001):
            ctx.progress(done, 1000)

    task = run_task(work)
    task.progressed.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(task.finished):
        pass
    assert steps and steps[-1] == (1000, 1000)
    assert len(steps) < 1000  # throttled


def test_errors_are_delivered_not_raised(qtbot: QtBot) -> None:
    def work(_ctx: TaskContext) -> None:
        raise UserFacingError("数据库被占用", "The database is busy")

    task = run_task(work)
    with qtbot.waitSignal(task.failed) as blocker:
        pass
    assert isinstance(blocker.args[0], UserFacingError)


def test_cooperative_cancel(qtbot: QtBot) -> None:
    started = threading.Event()

    def work(ctx: TaskContext) -> str:
        started.set()
        idle = threading.Event()
        while True:  # a long job that checks the flag between steps
            ctx.check_cancelled()
            idle.wait(0.001)

    task = run_task(work)
    assert started.wait(5)
    with qtbot.waitSignal(task.cancelled):
        task.cancel()
    assert task.is_cancel_requested() and not task.running


def test_custom_cancel_exception(qtbot: QtBot) -> None:
    class Stopped(Exception):
        pass

    def work(_ctx: TaskContext) -> None:
        raise Stopped()

    task = run_task(work, cancel_exceptions=(Stopped,))
    with qtbot.waitSignals([task.cancelled, task.finished], order="strict"):
        pass


def test_a_task_whose_owner_was_closed_ends_quietly(qtbot: QtBot) -> None:
    # A page closed while its load ran: the worker's report has nobody left to reach.
    # It used to raise "Signal source has been deleted" inside the worker thread.
    from PySide6.QtWidgets import QWidget
    from shiboken6 import Shiboken

    from crm_desktop.ui.tasks import task_pool

    release = threading.Event()
    owner = QWidget()
    run_task(lambda _ctx: release.wait(10), parent=owner)
    Shiboken.delete(owner)  # the page is gone, its task with it
    release.set()
    assert task_pool().waitForDone(10_000)

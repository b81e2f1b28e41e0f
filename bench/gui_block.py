"""The GUI thread while a big sync and user saves run together: the longest block.

A real Qt timer on the GUI thread ticks every 5 ms and records the longest gap between
ticks beyond those 5 ms (the window's longest freeze). Meanwhile:

- the laptop's first sync pulls `--customers` customers (100,000 by default) from the real
  sync server (`crm-server serve` on loopback, its own SQLite database) into the laptop's
  SQLite store, page by page, on the sync lane (ui/tasks.py `Lane.SYNC`), as the app does;
- once the pull has begun, a customer is saved through the operations hub
  (ui/operations.py, the writer lane) again and again until the sync ends, each save
  started `--save-interval-ms` after the previous one landed; a read (the customer's
  card) runs on the read lane after each save.

    .venv/bin/python bench/gui_block.py [--customers 100000] [--on-gui-thread] [--no-gc-freeze]

`--on-gui-thread` saves the old way, synchronously on the GUI thread, for comparison.
Before the sync the bench freezes what is alive (ui/application.py `freeze_long_lived`),
as the app does once its window is up; `--no-gc-freeze` leaves that out, for comparison.
Prints one line per figure; the target is a longest block of at most 50 ms. Not a test.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from _common import machine  # noqa: E402
from PySide6.QtCore import QObject, Qt, QTimer, Signal  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sync_bench import PASSWORD, seed, start_server, stop_server  # noqa: E402

from crm_desktop.domain.customer import CustomerDraft  # noqa: E402
from crm_desktop.domain.errors import UserFacingError  # noqa: E402
from crm_desktop.domain.picklists import Role  # noqa: E402
from crm_desktop.services.container import Services  # noqa: E402
from crm_desktop.sync.server import admin  # noqa: E402
from crm_desktop.sync.server.db import make_engine, upgrade  # noqa: E402
from crm_desktop.ui.application import freeze_long_lived  # noqa: E402
from crm_desktop.ui.operations import CUSTOMERS, Operations  # noqa: E402
from crm_desktop.ui.tasks import (  # noqa: E402
    PROGRESS_INTERVAL_S,
    Lane,
    TaskContext,
    run_task,
    wait_for_all_tasks,
)

TICK_MS = 5
TARGET_MS = 50
IDLE_MS = 1000


class TickMeter(QObject):
    """A 5 ms precise timer on the GUI thread; `longest` is the worst late tick (s)."""

    def __init__(self) -> None:
        super().__init__()
        self.longest = 0.0
        self.ticks = 0
        self._last = time.perf_counter()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last - TICK_MS / 1000)
        self._last = now
        self.ticks += 1


class GcPauses:
    """The longest garbage collection: it holds the GIL, so every thread (the GUI's too)
    stops for it; its wall time also counts the OS descheduling the collecting thread."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.generation = -1
        self._started: dict[int, float] = {}
        gc.callbacks.append(self.callback)

    def callback(self, phase: str, info: dict[str, int]) -> None:
        key = threading.get_ident()
        if phase == "start":
            self._started[key] = time.perf_counter()
        elif key in self._started:
            took = time.perf_counter() - self._started.pop(key)
            if took > self.longest:
                self.longest, self.generation = took, info["generation"]


class Progress(QObject):
    """Sync progress, emitted on the sync lane, delivered on the GUI thread (as the app)."""

    moved = Signal(str, int, int)


def server_with_territory(folder: Path, customers: int, contacts: int) -> str:
    url = f"sqlite:///{folder / 'server.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    admin.create_user(engine, "sup", Role.SUPERVISOR, PASSWORD, team="East")
    rep = admin.create_user(engine, "rep1", Role.REP, PASSWORD, supervisor="sup")
    with engine.connect() as conn:
        team = conn.execute(text("SELECT team_id FROM users WHERE id = :id"), {"id": rep}).scalar()
    started = time.perf_counter()
    rows = seed(engine, rep, team, customers, contacts)
    print(f"server seeded: {rows:,} rows in {time.perf_counter() - started:.1f} s")
    engine.dispose()
    return url


def run(base: str, laptop: Path, on_gui_thread: bool, interval_ms: int, freeze: bool) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    services = Services.open(laptop)
    services.sync.login(base, "rep1", PASSWORD)
    ops = Operations()
    meter = TickMeter()
    progress = Progress()
    pulled = [0]
    save_s: list[float] = []
    read_s: list[float] = []
    errors: list[BaseException] = []
    state = {"saving": False, "done": False, "n": 0}

    def sync_work(ctx: TaskContext) -> object:
        last = [0.0]

        def report(phase: str, done: int, total: int | None) -> None:
            now = time.perf_counter()
            if now - last[0] >= PROGRESS_INTERVAL_S:
                last[0] = now
                progress.moved.emit(phase, done, -1 if total is None else total)

        return services.sync.sync_now(progress=report, cancel=ctx.is_cancelled)

    def draft() -> CustomerDraft:
        state["n"] += 1
        return CustomerDraft(name=f"卡顿测试客户{state['n']:04d}有限公司", phone="021-5555666")

    def save_next() -> None:
        if state["done"]:
            return
        started = time.perf_counter()
        one = draft()
        if on_gui_thread:
            try:
                services.customers.save(one)
            except UserFacingError as error:
                errors.append(error)
            save_s.append(time.perf_counter() - started)
            QTimer.singleShot(interval_ms, save_next)
            return

        def saved(customer_id: str) -> None:
            save_s.append(time.perf_counter() - started)
            asked = time.perf_counter()
            ops.read(
                lambda: services.customers.card(customer_id),
                success=lambda _card: read_s.append(time.perf_counter() - asked),
            )
            QTimer.singleShot(interval_ms, save_next)

        def failed(error: BaseException) -> None:
            errors.append(error)
            QTimer.singleShot(interval_ms, save_next)

        ops.write(lambda: services.customers.save(one), CUSTOMERS, success=saved, failure=failed)

    def on_progress(phase: str, done: int, _total: int) -> None:
        if phase == "pull":
            pulled[0] = done
            if not state["saving"]:
                state["saving"] = True
                save_next()

    progress.moved.connect(on_progress, Qt.ConnectionType.QueuedConnection)

    def finished() -> None:
        state["done"] = True
        app.quit()

    # The noise floor first: the same timer with nothing running, for a second. On a
    # shared or loaded machine the OS alone delays ticks; compare against this.
    idle = TickMeter()
    idle.start()
    QTimer.singleShot(IDLE_MS, app.quit)
    app.exec()
    idle.stop()
    print(
        f"idle baseline: longest late tick {idle.longest * 1000:.0f} ms over {idle.ticks} "
        f"ticks (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )

    if freeze:
        # What the app does once its window is up (app.py): everything alive now
        # (modules, Qt wrappers, SQLAlchemy's mappers) leaves the collector's sight, so a
        # full collection during the sync walks only the objects made since.
        freeze_long_lived(enable=True)
        print(f"gc.freeze(): {gc.get_freeze_count():,} objects frozen")
    pauses = GcPauses()
    meter.start()
    started = time.perf_counter()
    task = run_task(sync_work, lane=Lane.SYNC)
    task.finished.connect(finished)
    task.failed.connect(errors.append)
    app.exec()
    seconds = time.perf_counter() - started
    meter.stop()
    wait_for_all_tasks(60_000)
    app.processEvents()
    services.close()

    how = "on the GUI thread (old way)" if on_gui_thread else "through the operations lane"
    print(f"sync: {pulled[0]:,}+ rows pulled in {seconds:.1f} s, {len(save_s)} saves {how}")
    if save_s:
        print(
            f"save latency: median {statistics.median(save_s) * 1000:.0f} ms, "
            f"max {max(save_s) * 1000:.0f} ms"
        )
    if read_s:
        print(
            f"read (card) latency during the sync: median "
            f"{statistics.median(read_s) * 1000:.0f} ms, max {max(read_s) * 1000:.0f} ms"
        )
    gc.callbacks.remove(pauses.callback)
    print(
        f"longest garbage collection meanwhile: {pauses.longest * 1000:.0f} ms "
        f"(generation {pauses.generation})"
    )
    print(f"errors: {len(errors)} {[type(e).__name__ for e in errors][:5]}")
    verdict = "OK" if meter.longest * 1000 <= TARGET_MS else "OVER TARGET"
    print(
        f"longest GUI-thread block: {meter.longest * 1000:.0f} ms over {meter.ticks:,} ticks "
        f"of {TICK_MS} ms (target <= {TARGET_MS} ms: {verdict}; load average "
        f"{os.getloadavg()[0]:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=0)
    parser.add_argument("--on-gui-thread", action="store_true", help="save the old way")
    parser.add_argument(
        "--no-gc-freeze", action="store_true", help="skip the app's gc.freeze() at start"
    )
    parser.add_argument(
        "--save-interval-ms", type=int, default=200, help="pause between one save and the next"
    )
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        url = server_with_territory(tmp, args.customers, args.contacts)
        server, base = start_server(url)
        try:
            run(
                base,
                tmp / "laptop",
                args.on_gui_thread,
                args.save_interval_ms,
                not args.no_gc_freeze,
            )
        finally:
            stop_server(server)


if __name__ == "__main__":
    main()

"""Export 100,000 visit rows to .xlsx from the 1M-visit store: time, peak memory, GUI stalls.

    .venv/bin/python bench/export_visits.py [--data-dir DIR] [--sizes 20000 100000] [--no-gui]

The store is `ensure_activity_store()` (100,000 customers, ~1,000,000 visits), opened
read-only; the files go to a temporary folder under /tmp. Each size runs in a fresh
subprocess, which reports its own wall time and peak RSS (`ru_maxrss`), so the sizes'
memory figures do not contaminate each other: a streaming export's peak must not grow
with the rows. The period of each size is the most recent stretch of days holding about
that many visits (the export's own period filter, as a user would pick it).

Then the GUI check: an offscreen QApplication runs the export as the GUI does (ui/tasks.py
background task) while a 5 ms QTimer ticks on the GUI thread; the longest gap between
ticks is the longest the window would have been frozen.

Targets (issue 5): 100,000 rows ≤ 30 s, peak RSS ≤ 250 MB and not growing with rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common

TARGET_S = 30.0
TARGET_RSS_MB = 250.0
TICK_MS = 5


def period_for(data_dir: Path, rows: int) -> dt.date:
    """The first day of the most recent period that holds at least `rows` visits."""
    import sqlite3

    with sqlite3.connect(f"file:{data_dir / _common.DB_FILENAME}?mode=ro", uri=True) as conn:
        found = conn.execute(
            "SELECT visit_date FROM visit_records WHERE deleted = 0 "
            "ORDER BY visit_date DESC LIMIT 1 OFFSET ?",
            (rows - 1,),
        ).fetchone()
    if found is None:
        raise SystemExit(f"the store has fewer than {rows:,} visits")
    return dt.date.fromisoformat(found[0])


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child_export(data_dir: Path, date_from: dt.date, out: Path) -> dict[str, object]:
    """Runs in the subprocess: open read-only, export, report time and memory."""
    from crm_desktop.services.exporting.list_export import ListKind, VisitListQuery, export_list
    from crm_desktop.store.database import open_store

    store = open_store(data_dir, migrate=False, read_only=True)
    before = rss_mb()
    started = time.perf_counter()
    result = export_list(store, ListKind.VISITS, VisitListQuery(date_from=date_from), out)
    seconds = time.perf_counter() - started
    store.close()
    return {
        "rows": result.rows,
        "seconds": round(seconds, 2),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(rss_mb(), 1),
        "file_mb": round(out.stat().st_size / 1e6, 1),
    }


def child_gui(data_dir: Path, date_from: dt.date, out: Path) -> dict[str, object]:
    """Runs in the subprocess: the export as a GUI background task, with a 5 ms ticker."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from crm_desktop.services.exporting.list_export import ListKind, VisitListQuery, export_list
    from crm_desktop.store.database import open_store
    from crm_desktop.ui.application import create_application
    from crm_desktop.ui.tasks import TaskContext, run_task

    app = create_application("zh_CN")
    store = open_store(data_dir, migrate=False, read_only=True)
    clock = QElapsedTimer()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    progress: list[int] = []

    def work(ctx: TaskContext) -> int:
        query = VisitListQuery(date_from=date_from)
        return export_list(
            store, ListKind.VISITS, query, out, progress=ctx.progress, cancel=ctx.is_cancelled
        ).rows

    loop = QEventLoop()
    clock.start()
    timer.start()
    started = time.perf_counter()
    task = run_task(work)
    task.progressed.connect(lambda done, _total: progress.append(done))
    outcome: dict[str, object] = {}
    task.succeeded.connect(lambda rows: outcome.update(rows=rows))
    task.failed.connect(lambda error: outcome.update(error=repr(error)))
    task.finished.connect(loop.quit)
    loop.exec()
    seconds = time.perf_counter() - started
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    store.close()
    app.processEvents()
    return outcome | {
        "seconds": round(seconds, 2),
        "ticks": len(ticks),
        "max_stall_ms": max(gaps, default=0),
        "p99_gap_ms": sorted(gaps)[int(len(gaps) * 0.99)] if gaps else 0,
        "progress_reports": len(progress),
    }


def run_child(mode: str, data_dir: Path, date_from: dt.date, out: Path) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", mode, "--data-dir", str(data_dir),
               "--date-from", date_from.isoformat(), "--out", str(out)]  # fmt: skip
    done = subprocess.run(
        command, capture_output=True, text=True, env=_common.app_env(), cwd=_common.REPO
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, help="store folder (default the 1M-visit store)")
    p.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    p.add_argument("--no-gui", action="store_true", help="skip the GUI responsiveness check")
    p.add_argument("--child", choices=["export", "gui"], help=argparse.SUPPRESS)
    p.add_argument("--date-from", help=argparse.SUPPRESS)
    p.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        date_from = dt.date.fromisoformat(args.date_from)
        run = child_export if args.child == "export" else child_gui
        print(json.dumps(run(args.data_dir, date_from, args.out)))
        return

    data_dir = _common.ensure_activity_store(args.data_dir)
    print(_common.machine())
    print(f"store: {data_dir} {_common.store_counts(data_dir)} {_common.activity_counts(data_dir)}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    results = []
    with tempfile.TemporaryDirectory(prefix="crm-bench-export-") as tmp:
        for size in args.sizes:
            date_from = period_for(data_dir, size)
            figures = run_child("export", data_dir, date_from, Path(tmp) / f"拜访_{size}.xlsx")
            results.append(figures)
            print(f"  visits since {date_from}: {figures['rows']:,} rows in "
                  f"{figures['seconds']:.1f} s, peak RSS {figures['peak_rss_mb']:.0f} MB "
                  f"(store open: {figures['rss_before_mb']:.0f} MB), "
                  f"file {figures['file_mb']} MB")  # fmt: skip
        if not args.no_gui:
            size = max(args.sizes)
            date_from = period_for(data_dir, size)
            gui = run_child("gui", data_dir, date_from, Path(tmp) / "拜访_gui.xlsx")
            print(f"  GUI thread during a {gui.get('rows', '?'):,} row background export "
                  f"({gui['seconds']:.1f} s): {gui['ticks']:,} ticks of a {TICK_MS} ms timer, "
                  f"longest stall {gui['max_stall_ms']} ms, p99 gap {gui['p99_gap_ms']} ms, "
                  f"{gui['progress_reports']} progress updates"
                  + (f" — FAILED: {gui['error']}" if "error" in gui else ""))  # fmt: skip
    largest = max(results, key=lambda r: int(str(r["rows"])))
    smallest = min(results, key=lambda r: int(str(r["rows"])))
    seconds, peak = float(str(largest["seconds"])), float(str(largest["peak_rss_mb"]))
    growth = peak - float(str(smallest["peak_rss_mb"]))
    verdict = "meets" if seconds <= TARGET_S and peak <= TARGET_RSS_MB else "MISSES"
    print(f"export of {int(str(largest['rows'])):,} visit rows: {seconds:.1f} s, peak RSS "
          f"{peak:.0f} MB ({growth:+.0f} MB vs {int(str(smallest['rows'])):,} rows) — "
          f"{verdict} the {TARGET_S:.0f} s / {TARGET_RSS_MB:.0f} MB targets")  # fmt: skip


if __name__ == "__main__":
    main()

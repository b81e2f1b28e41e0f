"""The weekly summary 周报 of the demo supervisor's team on the 100k-customer, 1M-visit store.

    .venv/bin/python bench/weekly_summary.py [--data-dir DIR] [--runs 3] [--week 2026-W46]

The store is the cached activity store (`_common.ensure_activity_store`); it is only read
(the workbook goes to a temporary folder). The week defaults to the last full ISO week
before the store's latest visit, so the figure does not depend on the day the store was
built. Measured: collecting the figures and lines (`collect_weekly_summary`), writing the
workbook (`write_weekly_workbook`), and the whole export as the GUI and the command line
run it (`export_weekly_summary`, scope resolution included). Target (issue 5): ≤ 3 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import _common
from sqlalchemy import text

from crm_desktop.export.weekly_workbook import write_weekly_workbook
from crm_desktop.services.container import Services
from crm_desktop.services.team.weekly_summary import (
    collect_weekly_summary,
    export_weekly_summary,
    parse_iso_week,
    previous_week,
    resolve_scope,
)

TARGET_S = 3.0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, help="activity store folder")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--week", help="ISO week, e.g. 2026-W46 (default: last full week)")
    args = p.parse_args()
    print(_common.machine())
    data_dir = _common.ensure_activity_store(args.data_dir)
    load = os.getloadavg()
    print(f"store: {data_dir}")
    print(f"load: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    services = Services.open(data_dir)
    try:
        with services.store.engine.connect() as conn:
            latest = conn.execute(text("SELECT max(visit_date) FROM visit_records")).scalar()
        year, week = (
            parse_iso_week(args.week)
            if args.week
            else previous_week(dt.date.fromisoformat(str(latest)) + dt.timedelta(days=1))
        )
        actor = services.actor
        scope = resolve_scope(services.store, actor)
        print(f"user {actor.display_name} ({actor.role.value}), scope {scope.label}: "
              f"{len(scope.reps)} reps, week {year}-W{week:02d}")  # fmt: skip
        collect, write, total = [], [], []
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "weekly.xlsx"
            for _ in range(args.runs):
                started = time.perf_counter()
                summary = collect_weekly_summary(services.store, scope, year, week, actor=actor)
                collected = time.perf_counter()
                write_weekly_workbook(summary, out)
                collect.append(collected - started)
                write.append(time.perf_counter() - collected)
                started = time.perf_counter()
                summary = export_weekly_summary(services.store, actor, out, (year, week))
                total.append(time.perf_counter() - started)
            size = out.stat().st_size
        print(f"visits in the week: {len(summary.visits):,}; stage changes "
              f"{len(summary.stage_changes)}, market reports {len(summary.market)}, "
              f"next week's planned visits {len(summary.next_week):,}; "
              f"xlsx {size / 1024:.0f} KiB")  # fmt: skip
        print(f"collect: {' '.join(f'{t:.2f}' for t in collect)} s")
        print(f"write:   {' '.join(f'{t:.2f}' for t in write)} s")
        print(f"export_weekly_summary total: {' '.join(f'{t:.2f}' for t in total)} s "
              f"(median {statistics.median(total):.2f} s)")  # fmt: skip
        verdict = "PASS" if statistics.median(total) <= TARGET_S else "FAIL"
        print(f"{verdict}: target ≤ {TARGET_S:.0f} s")
    finally:
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

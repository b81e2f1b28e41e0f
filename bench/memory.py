"""Resident memory of the app with the customer list open on the 100k store.

    .venv/bin/python bench/memory.py [--data-dir DIR]

Spawns a child process that builds the app as `crm-desktop` does (QApplication, store,
services, main window) offscreen and opens the customer page. The child pauses at each
stage and the parent reads its RSS (psutil) from outside: list open, after jumping to the
end of the list, and after scrolling page by page through all of it (the row cache at
its fullest). Target (issue 2): ≤ 300 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import _common

TARGET_MB = 300.0
STAGES = ("list open", "scrolled to the end", "scrolled through everything")


def child(data_dir: Path) -> None:
    """The app process: announce each stage and wait for the parent before going on."""
    from _ui_probe import UiProbe

    from crm_desktop.services.container import Services

    def stage(name: str) -> None:
        print(f"stage {name}", flush=True)
        sys.stdin.readline()

    services = Services.open(data_dir)
    probe = UiProbe(services, data_dir)
    stage(STAGES[0])
    bar = probe.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    probe.view.viewport().repaint()
    probe.app.processEvents()
    stage(STAGES[1])
    probe.scroll_figures()
    probe.app.processEvents()
    stage(STAGES[2])
    probe.close()
    services.close()
    # As in search_as_you_type.py: skip finalisation, which PySide6 6.12.0's lost None
    # references would abort on Python 3.11.
    sys.stdout.flush()
    os._exit(0)


def measure(data_dir: Path) -> list[tuple[str, float, float]]:
    """(stage, RSS MB, USS MB) of the child at each stage."""
    import psutil

    process = subprocess.Popen(
        [sys.executable, __file__, "--child", str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_common.app_env(),
        cwd=_common.REPO,
    )
    assert process.stdin is not None and process.stdout is not None
    figures = []
    try:
        for line in process.stdout:
            if not line.startswith("stage "):
                continue
            info = psutil.Process(process.pid).memory_full_info()
            figures.append(
                (line.removeprefix("stage ").strip(), info.rss / 2**20, info.uss / 2**20)
            )
            process.stdin.write("\n")
            process.stdin.flush()
    finally:
        process.stdin.close()
        process.wait(timeout=120)
    if process.returncode != 0 or len(figures) != len(STAGES):
        raise SystemExit(f"the app process failed (exit {process.returncode})")
    return figures


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]))
        return
    args = _common.parser(__doc__.splitlines()[0]).parse_args()
    data_dir = _common.ensure_store(args.data_dir, args.customers, rebuild=args.rebuild)
    print(_common.machine())
    print(f"store: {data_dir} {_common.store_counts(data_dir)}")
    figures = measure(data_dir)
    for name, rss, uss in figures:
        print(f"  {name:28} RSS {rss:6.1f} MB   (USS {uss:6.1f} MB)")
    worst = max(rss for _name, rss, _uss in figures)
    verdict = "meets" if worst <= TARGET_MB else "MISSES"
    print(f"resident memory with the customer list open: at most {worst:.1f} MB — {verdict} "
          f"the {TARGET_MB:.0f} MB target")  # fmt: skip


if __name__ == "__main__":
    main()

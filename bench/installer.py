"""The installer: bundle size and the bundled app's cold start to its main window.

    .venv/bin/python bench/installer.py [--dist DIR] [--runs 5] [--data-dir DIR]

Builds build_installer.spec with PyInstaller into /tmp/crm-installer-bench (work and
dist folders there, so the checkout stays clean), or measures the build already in
`--dist DIR/CRMDesktop`. It prints the bundle's size and file count, then launches the
windowed executable `CRMDesktop --data-dir D --startup-probe` offscreen on the cached
100k store, the way bench/cold_start.py launches `python -m crm_desktop`: the app prints
`shown-at <unix time>` once the main window's first event-loop turn is done, and the
figure is that time minus the moment just before the spawn. One warm-up run is not
counted. The same number of runs from the source checkout, interleaved with the bundled
ones, give the comparison at the same machine load. (On Linux a windowed PyInstaller
executable keeps its stdout; on Windows it has none, so this script is for Linux.)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import _common

BENCH_ROOT = Path("/tmp/crm-installer-bench")


def build(root: Path) -> Path:
    """Build the spec into `root`; the dist folder."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "PyInstaller", str(_common.REPO / "build_installer.spec"),
               "--noconfirm", "--log-level=WARN",
               "--workpath", str(root / "build"), "--distpath", str(root / "dist")]  # fmt: skip
    subprocess.run(command, check=True, cwd=_common.REPO)
    print(f"build: {time.perf_counter() - started:.1f} s (PyInstaller, one folder)")
    return root / "dist"


def bundle_size(folder: Path) -> tuple[float, int]:
    """(MB, number of files) of the bundle folder."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1e6, len(files)


def launch(command: list[str], data_dir: Path) -> float:
    """Seconds from spawn to `shown-at`."""
    command = [*command, "--data-dir", str(data_dir), "--startup-probe"]
    started = time.time()
    result = subprocess.run(
        command, capture_output=True, text=True, env=_common.app_env(), cwd=_common.REPO
    )
    shown = [line for line in result.stdout.splitlines() if line.startswith("shown-at ")]
    if result.returncode != 0 or not shown:
        raise SystemExit(f"{command[0]} did not report shown-at (exit {result.returncode}):\n"
                         f"{result.stdout}\n{result.stderr}")  # fmt: skip
    return float(shown[0].split()[1]) - started


def describe(name: str, times: list[float]) -> str:
    return (f"{name}: median {statistics.median(times):.3f} s, max {max(times):.3f} s, "
            f"min {min(times):.3f} s over {len(times)} runs "
            f"({', '.join(f'{t:.3f}' for t in times)})")  # fmt: skip


def main() -> None:
    p = _common.parser(__doc__.splitlines()[0])
    p.add_argument("--dist", type=Path, help="measure the build in DIR/CRMDesktop, no build")
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    print(_common.machine())
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    folder = (args.dist or build(BENCH_ROOT)) / "CRMDesktop"
    megabytes, count = bundle_size(folder)
    print(f"bundle {folder}: {megabytes:.0f} MB in {count} files")
    for exe in ("CRMDesktop", "crm-desktop"):
        print(f"  {exe}: {(folder / exe).stat().st_size / 1e6:.1f} MB")
    data_dir = _common.ensure_store(args.data_dir, args.customers, rebuild=args.rebuild)
    print(f"store: {data_dir} {_common.store_counts(data_dir)}")
    bundled = [str(folder / "CRMDesktop")]
    source = [sys.executable, "-m", "crm_desktop"]
    warm_up = launch(bundled, data_dir), launch(source, data_dir)
    print(f"warm-up runs: bundled {warm_up[0]:.3f} s, source {warm_up[1]:.3f} s (not counted)")
    bundled_times: list[float] = []
    source_times: list[float] = []
    for _ in range(args.runs):
        bundled_times.append(launch(bundled, data_dir))
        source_times.append(launch(source, data_dir))
    print(describe("bundled app, cold start to main window shown", bundled_times))
    print(describe("source checkout (python -m crm_desktop), same runs", source_times))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

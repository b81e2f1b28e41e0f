"""Shared helpers of the bench scripts: the cached 100k demo store, stats, machine facts.

The store is built once with the real demo command (`crm-desktop demo --customers N`)
into a temporary folder, then renamed into the cache folder, so an interrupted build is
never mistaken for a finished one. Later runs reuse it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CUSTOMERS = 100_000
MARKER = "bench-store.json"
DB_FILENAME = "crm.sqlite3"
ACTIVITY_VISITS = 1_000_000  # historical visits of the activity store
ACTIVITY_DIR = Path("/tmp/crm-bench-100k-1m")


def default_dir(customers: int) -> Path:
    return Path(f"/tmp/crm-bench-{customers // 1000}k")


def parser(description: str) -> argparse.ArgumentParser:
    """The options every bench script takes."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--data-dir", type=Path, help="store folder (default /tmp/crm-bench-100k)")
    p.add_argument("--customers", type=int, default=DEFAULT_CUSTOMERS)
    p.add_argument("--rebuild", action="store_true", help="rebuild the cached store")
    return p


def ensure_store(data_dir: Path | None, customers: int, *, rebuild: bool = False) -> Path:
    """The folder of a demo store with `customers` customers, built if not cached yet."""
    return _ensure(data_dir or default_dir(customers), customers, 0, rebuild=rebuild)


def ensure_activity_store(data_dir: Path | None = None, rebuild: bool = False) -> Path:
    """The folder of a demo store with 100,000 customers AND 1,000,000 historical visits
    (about a hundred reps over five years), built if not cached yet: for the benchmarks
    whose cost grows with the visit history (Today, the customer card, reports)."""
    target = data_dir or ACTIVITY_DIR
    return _ensure(target, DEFAULT_CUSTOMERS, ACTIVITY_VISITS, rebuild=rebuild)


def _ensure(target: Path, customers: int, visits: int, *, rebuild: bool) -> Path:
    if not rebuild and _is_current(target):
        return target
    # Benchmarks run side by side may all find the store missing: one builds it, the
    # others wait on the lock and then find it built.
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(target.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not rebuild and _is_current(target):
            return target
        return _build(target, customers, visits)


def _is_current(target: Path) -> bool:
    marker = target / MARKER
    if not marker.exists():
        return False
    built_for = json.loads(marker.read_text(encoding="utf-8")).get("schema")
    if built_for != schema_fingerprint():
        print(f"{target} was built for another schema; rebuilding", flush=True)
        return False
    return True


def _build(target: Path, customers: int, visits: int) -> Path:
    building = target.with_name(target.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    what = f"{customers:,} customers" + (f" and {visits:,} visits" if visits else "")
    print(f"building the demo store with {what} in {target} …", flush=True)
    started = time.perf_counter()
    command = [sys.executable, "-m", "crm_desktop", "demo", "--data-dir", str(building),
               "--customers", str(customers)]  # fmt: skip
    if visits:
        command += ["--visits", str(visits)]
    subprocess.run(command, check=True, cwd=REPO)
    counts = store_counts(building) | (activity_counts(building) if visits else {})
    counts["built_seconds"] = round(time.perf_counter() - started, 1)
    counts["built_on"] = dt.date.today().isoformat()
    counts["schema"] = schema_fingerprint()
    (building / MARKER).write_text(json.dumps(counts, indent=2), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    building.rename(target)
    print(f"built in {counts['built_seconds']} s: {counts}", flush=True)
    return target


def schema_fingerprint() -> str:
    """A hash of the migration scripts: a cached store built for other ones is stale."""
    versions = REPO / "crm_desktop" / "store" / "migrations" / "versions"
    digest = hashlib.sha256()
    for script in sorted(versions.glob("*.py")):
        digest.update(script.name.encode() + script.read_bytes())
    return digest.hexdigest()[:16]


def store_counts(data_dir: Path) -> dict[str, object]:
    """Live customers and contacts in the store, and the file size."""
    path = data_dir / DB_FILENAME
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        customers = conn.execute("SELECT count(*) FROM customers WHERE deleted = 0").fetchone()
        contacts = conn.execute("SELECT count(*) FROM contacts WHERE deleted = 0").fetchone()
    return {
        "customers": int(customers[0]),
        "contacts": int(contacts[0]),
        "file_mb": round(path.stat().st_size / 1e6),
    }


def activity_counts(data_dir: Path) -> dict[str, object]:
    """Visits in the store, and the most any one customer has (a second or so at 1M)."""
    with sqlite3.connect(f"file:{data_dir / DB_FILENAME}?mode=ro", uri=True) as conn:
        visits = conn.execute("SELECT count(*) FROM visit_records WHERE deleted = 0").fetchone()
        most = conn.execute(
            "SELECT count(*) AS n FROM visit_records WHERE deleted = 0 "
            "GROUP BY customer_id ORDER BY n DESC LIMIT 1"
        ).fetchone()
    return {"visits": int(visits[0]), "most_visits_per_customer": int(most[0]) if most else 0}


def copy_store(source: Path, destination: Path) -> Path:
    """A scratch copy of a cached store, so a benchmark that writes keeps the cache clean."""
    shutil.rmtree(destination, ignore_errors=True)
    destination.mkdir(parents=True)
    # The SQLite backup API copies a consistent snapshot even if a WAL is present.
    with (
        sqlite3.connect(source / DB_FILENAME) as src,
        sqlite3.connect(destination / DB_FILENAME) as dst,
    ):
        src.backup(dst)
    return destination


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation: the value really was measured)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary_ms(values_s: list[float]) -> str:
    ms = [v * 1000 for v in values_s]
    return (
        f"n={len(ms)}  p50={percentile(ms, 50):.1f} ms  p95={percentile(ms, 95):.1f} ms  "
        f"max={max(ms):.1f} ms  mean={statistics.fmean(ms):.1f} ms"
    )


def activity_store_announced(data_dir: Path | None, *, rebuild: bool = False) -> Path:
    """The cached activity store, after printing the machine, the store and the load
    average: the preamble every benchmark on that store prints."""
    print(machine())
    found = ensure_activity_store(data_dir, rebuild=rebuild)
    marker = json.loads((found / MARKER).read_text(encoding="utf-8"))
    print(f"store: {found} {marker}")
    print(f"load: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return found


def machine() -> str:
    """One line on the machine: cores, CPU, RAM, versions."""
    cpu = "unknown CPU"
    ram_gb = 0.0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gb = int(line.split()[1]) / 1024 / 1024
                break
    except OSError:
        cpu = platform.processor() or cpu
    return (
        f"{os.cpu_count()} cores, {cpu}, {ram_gb:.1f} GB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, {_qt_versions()}, {dt.date.today().isoformat()}"
    )


def _qt_versions() -> str:
    try:
        from PySide6 import __version__ as pyside
        from PySide6.QtCore import qVersion
    except ImportError:
        return "no Qt"
    return f"Qt {qVersion()} (PySide6 {pyside})"


def app_env() -> dict[str, str]:
    """Environment for spawning the app headless and from this checkout."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    env.pop("CRM_DESKTOP_DATA_DIR", None)
    return env

"""The installer: build build_installer.spec with PyInstaller, then run the bundled app.

One build per module (about a minute on two cores) into a temporary work and dist
folder, so the checkout gets no build/ or dist/. The bundled console executable runs
`selftest` on a fresh data folder: that opens a store, runs the Alembic migrations from
the files the spec ships, loads the Chinese catalogue and builds the main window. The
bundle is then read back (its files, and the module archive inside each executable) for
what must be in it and what must not.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from shipped_catalogues import assert_translates_as_its_source

from crm_desktop.store.migrate import HEAD_REVISION, MIGRATIONS_DIR

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "build_installer.spec"
TRANSLATIONS = REPO / "resources" / "translations"
ICONS = [f"icons/{p.name}" for p in sorted((REPO / "resources" / "icons").iterdir())]

# Top-level modules that must stay out of the bundle (issue 7): other Qt bindings, Tk,
# the sync server's stack, test code and test tools.
EXCLUDED_MODULES = {
    "tkinter", "_tkinter", "PyQt5", "PyQt6", "PySide2", "fastapi", "uvicorn", "starlette",
    "psycopg", "psycopg_binary", "argon2", "pytest", "_pytest", "pytestqt", "hypothesis",
    "tests",
}  # fmt: skip
# matplotlib's GUI backends: the dashboard draws on a plain Agg canvas.
EXCLUDED_BACKENDS = ("backend_qt", "backend_tk", "_backend_tk", "backend_gtk", "backend_wx",
                     "backend_macosx", "backend_webagg", "backend_nbagg", "qt_compat")  # fmt: skip
# File names that betray a bundled excluded library (Tk/Tcl, QtWebEngine, a test folder).
EXCLUDED_FILE_PARTS = ("tkinter", "libtk", "libtcl", "WebEngine", "QtQml", "QtQuick")


@dataclass(frozen=True)
class Bundle:
    folder: Path  # dist/CRMDesktop
    internal: Path  # its _internal folder (PyInstaller's contents directory)
    console: Path  # crm-desktop: the console executable
    windowed: Path  # CRMDesktop


def app_env(tmp: Path) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("CRM_DESKTOP_DATA_DIR", None)
    # The bundled matplotlib writes its font cache here rather than in the user's home.
    env["MPLCONFIGDIR"] = str(tmp / "mplconfig")
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    root = tmp_path_factory.mktemp("installer")
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level=WARN",
               "--workpath", str(root / "build"), "--distpath", str(root / "dist")]  # fmt: skip
    result = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, timeout=840, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    folder = root / "dist" / "CRMDesktop"
    suffix = ".exe" if sys.platform == "win32" else ""
    return Bundle(
        folder,
        folder / "_internal",
        folder / f"crm-desktop{suffix}",
        folder / f"CRMDesktop{suffix}",
    )


def bundled_modules(executable: Path) -> set[str]:
    """Every module name in the executable's archive (its PYZ and its entry scripts)."""
    from PyInstaller.archive.readers import pkg_archive_contents

    return set(pkg_archive_contents(str(executable)))


def test_bundled_selftest_migrates_a_new_store_in_chinese(bundle: Bundle, tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = subprocess.run(
        [str(bundle.console), "selftest", "--data-dir", str(data), "--lang", "zh_CN"],
        capture_output=True, text=True, encoding="utf-8", env=app_env(tmp_path),
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "ok"
    assert f"store {data / 'crm.sqlite3'} schema {HEAD_REVISION}" in lines
    assert "Traceback" not in result.stderr
    log = (data / "logs" / "crm-desktop.log").read_text(encoding="utf-8")
    # A fresh folder: every migration ran, from the scripts shipped as files.
    assert "Running upgrade  -> 0001_initial" in log
    assert f"-> {HEAD_REVISION}" in log
    # i18n.install_translators logs this when the zh_CN catalogue cannot be loaded.
    assert "catalogue; the interface falls back to English" not in log
    assert " ERROR " not in log


def test_bundle_ships_compiled_catalogues_and_migration_scripts(bundle: Bundle) -> None:
    shipped = bundle.internal / "crm_desktop" / "resources" / "translations"
    sources = sorted(TRANSLATIONS.glob("*.ts"))
    assert sources
    assert sorted(p.name for p in shipped.iterdir()) == sorted(
        ts.with_suffix(".qm").name for ts in sources
    )
    # The shipped zh_CN catalogue translates what the .ts says it does.
    assert_translates_as_its_source(
        shipped / "crm_desktop_zh_CN.qm", TRANSLATIONS / "crm_desktop_zh_CN.ts"
    )
    # Alembic reads env.py and the revisions as files at run time.
    migrations = bundle.internal / "crm_desktop" / "store" / "migrations"
    for script in [MIGRATIONS_DIR / "env.py", *MIGRATIONS_DIR.glob("versions/*.py")]:
        assert (migrations / script.relative_to(MIGRATIONS_DIR)).is_file(), script.name
    # resources/ (the package crm_desktop.resources): stylesheet, icons, demo seed.
    resources = bundle.internal / "crm_desktop" / "resources"
    for name in ("__init__.py", "style.qss", "demo/seed.toml", *ICONS):
        assert (resources / name).is_file(), name
    assert bundle.windowed.is_file() and os.access(bundle.windowed, os.X_OK)


def test_bundle_leaves_out_what_the_app_does_not_use(bundle: Bundle) -> None:
    for executable in (bundle.console, bundle.windowed):
        modules = bundled_modules(executable)
        # The reader sees the archive: what the app needs is listed.
        assert {"crm_desktop.app", "sqlalchemy", "matplotlib.backends.backend_agg"} <= modules
        assert not {m for m in modules if m.split(".")[0] in EXCLUDED_MODULES}
        assert not {m for m in modules if m.startswith("crm_desktop.sync.server")}
        backends = {m for m in modules if m.startswith("matplotlib.backends.")}
        assert not {m for m in backends if m.split(".")[2].startswith(EXCLUDED_BACKENDS)}
    files = [p.relative_to(bundle.folder) for p in bundle.folder.rglob("*")]
    assert any("Qt6Widgets" in p.name for p in files)  # Linux .so, Windows .dll, macOS framework
    assert not [p for p in files if any(part in str(p) for part in EXCLUDED_FILE_PARTS)]
    # No package folder of an excluded module (e.g. fastapi/ with its data), no test folder.
    assert not [p for p in files if set(p.parts) & (EXCLUDED_MODULES | {"testing"})]

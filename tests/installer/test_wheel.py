"""The wheel: built from the sources as `pip wheel` builds it, then read back and run.

The design card's resources/ (stylesheet, icons, translation sources, demo seed) lives at
the top of the repository and is installed as the package crm_desktop.resources
(pyproject.toml's package-dir); setup.py compiles the .ts catalogues into .qm files.
One build per module (PEP 517, in an isolated environment: setuptools and PySide6's
lrelease come from the package index) from a copy of what the build needs, with no
compiled catalogue in it, so the checkout gets no build/ folder and a .qm in the wheel
can only come from the build step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from shipped_catalogues import assert_translates_as_its_source

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "resources"
# What building the wheel reads: the project's metadata and build script, the code, and
# the resources, less anything built or cached in the checkout.
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "crm_desktop",
                "resources")  # fmt: skip
NOT_INPUTS = shutil.ignore_patterns("__pycache__", "*.pyc", "*.qm")
SHIPPED = "crm_desktop/resources/"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=NOT_INPUTS)
        else:
            shutil.copy2(REPO / name, source / name)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(root / "dist"),
         str(source)],
        capture_output=True, text=True, timeout=540, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    [built] = (root / "dist").glob("crm_desktop-*.whl")
    return built


def test_the_wheel_ships_resources_with_compiled_catalogues(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = sorted((RESOURCES / "translations").glob("*.ts"))
    icons = sorted((RESOURCES / "icons").glob("*.svg"))
    assert sources and icons
    expected = {
        "__init__.py",
        "style.qss",
        "demo/seed.toml",
        *(f"icons/{icon.name}" for icon in icons),
        *(f"translations/{ts.stem}.qm" for ts in sources),
    }
    assert {SHIPPED + name for name in expected} <= names
    # The wheel carries the compiled catalogues only, not their sources.
    assert not {name for name in names if name.endswith(".ts")}


def test_the_installed_wheel_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    """Installed (unpacked, as pip does), the app reads the wheel's own files: its
    stylesheet with icon urls into the wheel, its shipped .qm (not one built into the
    user's cache from a checkout), its demo seed."""
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    probe = (
        "from crm_desktop.config.resources import resources_dir\n"
        "from crm_desktop.demo.names import SEED_FILE, ORG\n"
        "from crm_desktop.ui.application import load_stylesheet\n"
        "from crm_desktop.ui.i18n import qm_path\n"
        "print(resources_dir())\n"
        "print(qm_path('zh_CN'))\n"
        "print(SEED_FILE, ORG.supervisor[0])\n"
        "print('@ICONS@' not in load_stylesheet() and str(resources_dir() / 'icons') in "
        "load_stylesheet())\n"
    )
    # PYTHONPATH comes before the checkout's editable install on the import path.
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=120, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    folder, qm, seed, styled = result.stdout.splitlines()
    shipped = target / "crm_desktop" / "resources"
    assert Path(folder) == shipped
    assert Path(qm) == shipped / "translations" / "crm_desktop_zh_CN.qm"
    assert seed == f"{shipped / 'demo' / 'seed.toml'} liminghua"
    assert styled == "True"
    assert_translates_as_its_source(Path(qm), RESOURCES / "translations" / "crm_desktop_zh_CN.ts")

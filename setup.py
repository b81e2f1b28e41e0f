"""What pyproject.toml cannot say: the resources package and the compiled catalogues.

Everything declarative (metadata, package-dir, package-data) is in pyproject.toml. Here:

- the package list: setuptools' package finder sees only folders under crm_desktop/, so
  `crm_desktop.resources`, which pyproject.toml maps onto the top-level resources/
  folder, is added to what it finds;
- a build step: a built wheel carries the Qt catalogues compiled from the .ts sources
  (resources/translations/*.ts -> *.qm, with PySide6's lrelease, a build requirement),
  so an installed app never needs Qt's tools. An editable install skips it: a checkout
  compiles its catalogues on first use (crm_desktop/ui/i18n.py).
"""

from __future__ import annotations

import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

TRANSLATIONS = Path(__file__).resolve().parent / "resources" / "translations"
SHIPPED_TRANSLATIONS = Path("crm_desktop", "resources", "translations")


def lrelease() -> Path:
    """PySide6's lrelease executable (what its pyside6-lrelease script runs)."""
    spec = find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("PySide6 is needed to compile the translations (pyproject.toml)")
    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    return Path(next(iter(spec.submodule_search_locations)), name)


class BuildPyWithCatalogues(build_py):
    """build_py, then every .ts compiled to a .qm next to where the wheel ships it."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        sources = sorted(TRANSLATIONS.glob("*.ts"))
        if not sources:
            raise SystemExit(f"no .ts catalogues in {TRANSLATIONS}")
        out_dir = Path(self.build_lib, SHIPPED_TRANSLATIONS)
        out_dir.mkdir(parents=True, exist_ok=True)
        tool = lrelease()
        for ts in sources:
            qm = out_dir / ts.with_suffix(".qm").name
            subprocess.run([str(tool), "-silent", str(ts), "-qm", str(qm)], check=True)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if self.editable_mode:
            return outputs
        qm = [Path(self.build_lib, SHIPPED_TRANSLATIONS, ts.with_suffix(".qm").name)
              for ts in sorted(TRANSLATIONS.glob("*.ts"))]  # fmt: skip
        return [*outputs, *map(str, qm)]


setup(
    packages=[*find_packages(include=["crm_desktop", "crm_desktop.*"]), "crm_desktop.resources"],
    cmdclass={"build_py": BuildPyWithCatalogues},
)

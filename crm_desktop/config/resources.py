"""Where the shipped files are: the top-level resources/ folder, installed as a package.

pyproject.toml maps the package `crm_desktop.resources` onto resources/, so
importlib.resources finds it in a checkout's editable install, in an installed wheel and
in the installer's bundle alike. Every reader of a stylesheet, icon, translation or demo
seed asks here, so the folder's location is written down once.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE = "crm_desktop.resources"


def resources_dir() -> Path:
    """The resources folder on disk.

    A real path, not only a Traversable: Qt reads the stylesheet's icon urls and the
    translators' .qm files by file name. The app is never run from a zip, so there is one.
    """
    try:
        root = files(PACKAGE)
    except ModuleNotFoundError as missing:  # an editable install from before the move
        raise RuntimeError(
            f"{PACKAGE} is not installed; in a checkout run `pip install -e .` again"
        ) from missing
    if not isinstance(root, Path):
        raise RuntimeError(f"{PACKAGE} is not a folder on disk: {root!r}")
    return root


def resource(*parts: str) -> Path:
    """A file or folder under resources/: resource("icons", "chevron-up.svg")."""
    return resources_dir().joinpath(*parts)

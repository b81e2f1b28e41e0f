"""The one atomic file writer (config/atomic_file.py) and every export that goes through it:
the finished file has the user's ordinary permissions (0666 less the umask), and a write
that fails keeps the old file and leaves no temporary file behind."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crm_desktop.config.atomic_file import atomic_target
from crm_desktop.export import list_export, weekly_data
from crm_desktop.export.list_export import ExportColumn, SheetSpec, write_list
from crm_desktop.services.backups import backup_now
from crm_desktop.services.container import Services
from crm_desktop.services.team.weekly_summary import export_weekly_summary
from crm_desktop.store.backup import copy_database

SPEC = SheetSpec("测试", [ExportColumn("客户名称")])


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """`umask(0o027)` sets the process umask for the test; the old one comes back after."""
    before = os.umask(0o022)
    os.umask(before)
    yield lambda mask: os.umask(mask) and None
    os.umask(before)


def _write_text(target: Path, text: str) -> None:
    with atomic_target(target) as temporary:
        temporary.write_text(text, encoding="utf-8")


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077, 0o002])
def test_permissions_follow_the_umask(
    tmp_path: Path, umask: Callable[[int], None], mask: int
) -> None:
    umask(mask)
    target = tmp_path / "周报.xlsx"
    _write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert _names(tmp_path) == ["周报.xlsx"]


def test_a_failing_write_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "list.xlsx"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_target(target) as temporary:
        temporary.write_text("half a fi", encoding="utf-8")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old"
    assert _names(tmp_path) == ["list.xlsx"]


def test_the_temporary_file_keeps_the_suffix(tmp_path: Path) -> None:
    # matplotlib and others pick the format from the name.
    with atomic_target(tmp_path / "chart.png") as temporary:
        assert temporary.suffix == ".png" and temporary.parent == tmp_path
        assert temporary.name.startswith(".chart.")  # hidden while it is written
        temporary.write_bytes(b"png")


def test_a_folder_that_cannot_take_the_file_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError), atomic_target(tmp_path / "missing" / "x.xlsx"):
        pass


def test_every_export_gets_ordinary_permissions(
    services: Services, tmp_path: Path, umask: Callable[[int], None]
) -> None:
    umask(0o027)
    out = tmp_path / "out"
    out.mkdir()
    write_list(out / "list.xlsx", SPEC, [("甲",)], total=1)
    export_weekly_summary(services.store, services.actor, out / "week.xlsx", "2026-W47")
    backup_now(services, out / "backup.crmbak")
    for name in ("list.xlsx", "week.xlsx", "backup.crmbak"):
        assert (out / name).stat().st_mode & 0o777 == 0o640, name
    assert _names(out) == ["backup.crmbak", "list.xlsx", "week.xlsx"]


def test_every_failing_export_keeps_the_old_file(services: Services, tmp_path: Path) -> None:
    targets = {name: tmp_path / name for name in ("list.xlsx", "week.xlsx", "backup.crmbak")}
    for target in targets.values():
        target.write_bytes(b"old")
    with pytest.raises(list_export.ExportCancelled):
        write_list(targets["list.xlsx"], SPEC, [("甲",)], total=1, cancel=lambda: True)
    with pytest.raises(weekly_data.ExportCancelled):
        export_weekly_summary(
            services.store, services.actor, targets["week.xlsx"], "2026-W47", cancel=lambda: True
        )

    def broken(_connection: sqlite3.Connection) -> None:
        raise RuntimeError("the copy fails before it is complete")

    with pytest.raises(RuntimeError):
        copy_database(services.store.path, targets["backup.crmbak"], finish=broken)
    for name, target in targets.items():
        assert target.read_bytes() == b"old", name
    assert _names(tmp_path) == sorted([*targets, "data"])  # data: the store's folder

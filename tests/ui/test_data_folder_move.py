"""Settings → Move… copies the data to a new folder (the store with SQLite's backup API,
the backups folder), writes the setting the next start reads, and never leaves a
half-written store in the target."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.config.paths import AppPaths, resolve_paths
from crm_desktop.config.settings import DATA_FOLDER, Settings
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.container import Services
from crm_desktop.store.models import Customer
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.settings import SettingsPage
from crm_desktop.ui.settings.data_move import MoveRefused, move_data_folder


def _add(services: Services, *names: str) -> None:
    with UnitOfWork(services.store, services.actor.user_id) as uow:
        uow.session.add_all(
            Customer(name=name, name_key=name, owner_id=services.actor.user_id) for name in names
        )
        uow.commit()


def _names(data_dir: Path) -> set[str]:
    opened = Services.open(data_dir)
    try:
        with opened.store.reading() as session:
            return set(session.scalars(select(Customer.name)))
    finally:
        opened.close()


def _with_a_daily_backup(services: Services) -> Path:
    backups = services.database_path.parent / "backups"
    backups.mkdir()
    (backups / "crm-2026-11-20.sqlite3").write_bytes(b"an old daily backup")
    return backups


def test_the_data_moves_and_the_next_start_finds_it(
    services: Services, settings: Settings, tmp_path: Path
) -> None:
    _add(services, "上海甲贸易", "杭州乙科技")
    _with_a_daily_backup(services)
    target = tmp_path / "D盘" / "CRM 数据"

    assert move_data_folder(services, settings, target) == target

    assert _names(target) == {"上海甲贸易", "杭州乙科技"}
    assert (target / "backups" / "crm-2026-11-20.sqlite3").read_bytes() == b"an old daily backup"
    assert not [p for p in target.iterdir() if p.name.startswith(".crm-move-")]
    # The setting is on disk, and the next start (default layout) resolves to the target.
    assert Settings(settings.path).get(DATA_FOLDER) == str(target)
    defaults = AppPaths(tmp_path / "default", settings.path.parent, tmp_path / "logs")
    assert resolve_paths(defaults=defaults).data_dir == target
    # The old folder is left as it was, and the running store still works.
    assert (services.database_path.parent / "backups").is_dir()
    _add(services, "广州丙公司")


@pytest.mark.parametrize("where", ["same", "inside", "holds_a_store"])
def test_a_target_that_cannot_take_the_data_is_refused(
    services: Services, settings: Settings, tmp_path: Path, where: str
) -> None:
    current = services.database_path.parent
    target = {
        "same": current,
        "inside": current / "sub",
        "holds_a_store": tmp_path / "other",
    }[where]
    if where == "holds_a_store":
        target.mkdir()
        (target / "crm.sqlite3").write_bytes(b"someone's data")
    with pytest.raises(MoveRefused) as refused:
        move_data_folder(services, settings, target)
    assert refused.value.message_zh and refused.value.message_en
    assert settings.get(DATA_FOLDER) == ""
    if where == "holds_a_store":
        assert (target / "crm.sqlite3").read_bytes() == b"someone's data"


def test_a_failed_copy_leaves_no_store_in_the_target(
    services: Services, settings: Settings, tmp_path: Path
) -> None:
    backups = _with_a_daily_backup(services)
    (backups / "broken-link.sqlite3").symlink_to(tmp_path / "nowhere")  # cannot be copied
    target = tmp_path / "new"

    with pytest.raises(UserFacingError) as failed:
        move_data_folder(services, settings, target)

    assert "没有任何改动" in failed.value.message_zh and "unchanged" in failed.value.message_en
    assert list(target.iterdir()) == []  # no store, no backups, no staging folder
    assert settings.get(DATA_FOLDER) == ""
    assert not Settings(settings.path).get(DATA_FOLDER)


@pytest.fixture
def window(services: Services, settings: Settings, qtbot: QtBot) -> Iterator[MainWindow]:
    shown = MainWindow(services, settings, "zh_CN", first_run=False)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.close()


def test_moving_from_the_page_tells_the_user_and_closes_the_window(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []

    def information(_parent: QWidget, _title: str, text: str) -> None:
        told.append(text)

    monkeypatch.setattr(QMessageBox, "information", information)
    _add(window.services, "北京丁集团")
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    assert page.move_folder_button.isEnabled()
    target = tmp_path / "moved"

    with qtbot.waitSignal(page.data_folder_moved) as moved:
        assert page.move_data_folder(target)

    assert moved.args == [target]
    assert str(target) in told[0]
    qtbot.waitUntil(lambda: not window.isVisible())
    assert _names(target) == {"北京丁集团"}


def test_a_folder_given_on_the_command_line_is_not_moved_here(
    services: Services, qtbot: QtBot
) -> None:
    inside = Settings(services.database_path.parent / "config" / "settings.json")
    page = SettingsPage(PageContext(services, inside, "zh_CN"))
    qtbot.addWidget(page)
    assert not page.move_folder_button.isEnabled()
    assert "--data-dir" in page.move_note.text()


def test_settings_that_cannot_be_saved_undo_the_copy(services: Services, tmp_path: Path) -> None:
    """The last step fails (the settings folder is a file): the copy is taken back out of
    the target and the setting in memory is what it was, so nothing points at a copy the
    next start would not read."""
    (tmp_path / "blocked").write_text("a file where the settings folder should be")
    settings = Settings(tmp_path / "blocked" / "settings.json")
    target = tmp_path / "new"

    with pytest.raises(UserFacingError):
        move_data_folder(services, settings, target)

    assert list(target.iterdir()) == []
    assert settings.get(DATA_FOLDER) == ""

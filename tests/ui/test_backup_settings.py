"""Backup and restore in Settings, and the nightly backup; dialogs are answered at the
QFileDialog / QMessageBox boundary, everything else is real (store files, window)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from crm_desktop.config.settings import Settings
from crm_desktop.services import backups
from crm_desktop.services.container import Services
from crm_desktop.store.models import Customer, OutboxEntry
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui import messages
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.nightly import NightlyJobs
from crm_desktop.ui.settings import SettingsPage

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


class Dialogs:
    """Stands in for the modal boxes: answers questions in order, records what was said."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[QMessageBox.StandardButton] = []
        self.questions: list[str] = []
        self.infos: list[str] = []
        self.warnings: list[str] = []
        self.open_name = ""
        self.save_name = ""
        monkeypatch.setattr(QMessageBox, "question", self._question)
        monkeypatch.setattr(QMessageBox, "information", self._info)
        monkeypatch.setattr(QMessageBox, "warning", self._warning)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (self.open_name, ""))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (self.save_name, ""))

    def _question(self, _parent: object, _title: str, text: str, *_a: object) -> object:
        self.questions.append(text)
        return self.answers.pop(0)

    def _info(self, _parent: object, _title: str, text: str, *_a: object) -> object:
        self.infos.append(text)
        return QMessageBox.StandardButton.Ok

    def _warning(self, _parent: object, _title: str, text: str, *_a: object) -> object:
        self.warnings.append(text)
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


@pytest.fixture
def window(services: Services, settings: Settings, qtbot: QtBot) -> Iterator[MainWindow]:
    shown = MainWindow(services, settings, "zh_CN", first_run=False)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.close()
    shown.services.close()  # a restore replaced the fixture's services


def _add(services: Services, *names: str) -> None:
    with UnitOfWork(services.store, services.actor.user_id) as uow:
        uow.session.add_all(
            Customer(name=name, name_key=name, owner_id=services.actor.user_id) for name in names
        )
        uow.commit()


def _names(services: Services) -> set[str]:
    with services.store.reading() as session:
        return set(session.scalars(select(Customer.name)))


def _pending(services: Services) -> int:
    with services.store.reading() as session:
        return session.scalar(select(func.count()).select_from(OutboxEntry)) or 0


def _settings_page(window: MainWindow) -> SettingsPage:
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    return page


def test_back_up_now_to_a_chosen_file(
    window: MainWindow, dialogs: Dialogs, qtbot: QtBot, tmp_path: Path
) -> None:
    _add(window.services, "甲公司", "乙公司")
    page = _settings_page(window)
    dialogs.save_name = str(tmp_path / "我的备份.sqlite3")

    with qtbot.waitSignal(page.backup_finished, timeout=10_000):
        qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)

    assert page.backup_note.text().endswith("我的备份.sqlite3")
    assert page.backup_button.isEnabled()
    preview = backups.preview_restore(window.services, Path(dialogs.save_name))
    assert preview.info.customers == 2


def test_restore_keeps_the_unsent_changes_when_asked(
    window: MainWindow, services: Services, dialogs: Dialogs, qtbot: QtBot, tmp_path: Path
) -> None:
    _add(services, "甲公司")
    saved = backups.backup_now(services, tmp_path / "saved.sqlite3")
    _add(services, "乙公司")  # made after the backup, not yet sent
    page = _settings_page(window)
    dialogs.open_name = str(saved)
    dialogs.answers = [Yes, Yes]  # restore; keep the unsent change

    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=10_000)

    confirm, keep = dialogs.questions
    assert "Customers: 1" in confirm and "Unsent changes in the backup: 1" in confirm
    assert "2 changes not yet sent" in keep
    assert "Unsent changes kept: 1" in dialogs.infos[0]
    assert window.services is not services  # the window runs on the reopened store
    assert _names(window.services) == {"甲公司", "乙公司"}
    assert _pending(window.services) == 2
    assert isinstance(window.stack.currentWidget(), SettingsPage)  # rebuilt, same page


def test_restore_can_discard_the_unsent_changes(
    window: MainWindow, services: Services, dialogs: Dialogs, qtbot: QtBot, tmp_path: Path
) -> None:
    _add(services, "甲公司")
    saved = backups.backup_now(services, tmp_path / "saved.sqlite3")
    _add(services, "乙公司")
    page = _settings_page(window)
    dialogs.open_name = str(saved)
    dialogs.answers = [Yes, No]

    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=10_000)

    assert _names(window.services) == {"甲公司"}
    assert _pending(window.services) == 1  # the backup's own unsent change


def test_cancelled_restore_changes_nothing(
    window: MainWindow, services: Services, dialogs: Dialogs, qtbot: QtBot, tmp_path: Path
) -> None:
    _add(services, "甲公司")
    saved = backups.backup_now(services, tmp_path / "saved.sqlite3")
    _add(services, "乙公司")
    page = _settings_page(window)
    dialogs.open_name = str(saved)
    dialogs.answers = [No]

    with qtbot.waitSignal(page.restore_checked, timeout=10_000):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)

    assert len(dialogs.questions) == 1 and not dialogs.infos
    assert window.services is services
    assert _names(services) == {"甲公司", "乙公司"}


def test_restore_refuses_a_file_that_is_not_a_backup(
    window: MainWindow, services: Services, dialogs: Dialogs, qtbot: QtBot, tmp_path: Path
) -> None:
    _add(services, "甲公司")
    junk = tmp_path / "report.xlsx"
    junk.write_bytes(b"PK\x03\x04 not a database")
    page = _settings_page(window)
    dialogs.open_name = str(junk)

    with qtbot.waitSignal(page.restore_checked, timeout=10_000):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)

    assert not dialogs.questions
    assert len(dialogs.warnings) == 1 and "CRM Desktop" in dialogs.warnings[0]
    assert page.restore_button.isEnabled()
    assert window.services is services and _names(services) == {"甲公司"}


def test_nightly_backs_up_once_a_day(services: Services, settings: Settings, qtbot: QtBot) -> None:
    _add(services, "甲公司")
    jobs = NightlyJobs(services, settings)

    with qtbot.waitSignal(jobs.backed_up, timeout=10_000) as first:
        jobs.run_now()
    path = first.args[0]
    assert path.parent == backups.backups_folder(services) and path.exists()
    assert backups.preview_restore(services, path).info.customers == 1

    with qtbot.assertNotEmitted(jobs.backed_up), qtbot.waitSignal(jobs.finished, timeout=10_000):
        jobs.run_now()
    assert [b.path for b in backups.list_backups(path.parent)] == [path]


def test_settings_shows_the_last_automatic_backup(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    page = _settings_page(window)
    assert page.last_backup.text() == "None yet"
    with qtbot.waitSignal(window.nightly.backed_up, timeout=10_000):
        window.nightly.run_now()
    window.show_page("today")
    page = _settings_page(window)
    assert page.last_backup.text() == str(backups.last_backup_on(services))
    assert "7" in page.backup_note.text()


def test_open_backups_folder_creates_it(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(messages, "open_folder", lambda path: opened.append(path) or True)
    page = _settings_page(window)
    qtbot.mouseClick(page.backups_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [backups.backups_folder(window.services)]
    assert opened[0].is_dir()

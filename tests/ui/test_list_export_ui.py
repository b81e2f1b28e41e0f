"""The customers page exports the list as shown, in the background, with progress and cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crm_desktop.services.exporting.list_export import ListKind, VisitListQuery
from crm_desktop.ui import messages, tasks
from crm_desktop.ui.customers.page import CustomersPage
from crm_desktop.ui.export import list_export_dialog
from crm_desktop.ui.export.list_export_dialog import ListExportDialog
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.tasks import run_task
from crm_desktop.ui.widgets import select_code

TIMEOUT_MS = 30_000


@pytest.fixture
def page(context: PageContext, qtbot: QtBot, add_customers: Callable[..., None]) -> CustomersPage:
    add_customers(2400)
    widget = CustomersPage(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[Path]:
    """Answer the save dialog with `path` (None: the user cancels); returns the suggestions."""
    asked: list[Path] = []

    def choose(_parent: object, suggested: Path) -> Path | None:
        asked.append(suggested)
        return path

    monkeypatch.setattr(list_export_dialog, "choose_save_path", choose)
    return asked


def test_export_writes_the_filtered_sorted_list_in_the_background(
    page: CustomersPage, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    select_code(page.filters.status, "active")
    page.filters.search.setText("客户0")  # typed, still waiting for the debounce timer
    page.view.horizontalHeader().setSortIndicator(5, Qt.SortOrder.DescendingOrder)  # region
    target = tmp_path / "客户导出.xlsx"
    asked = save_to(monkeypatch, target)
    progress: list[tuple[int, int]] = []
    monkeypatch.setattr(tasks, "PROGRESS_INTERVAL_S", 0.0)  # every report reaches the dialog

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = page.export_dialog
    assert dialog is not None and dialog.task is not None
    assert asked and asked[0].name.startswith("客户列表_")
    assert dialog.cancel_button.isEnabled() and not dialog.start_button.isEnabled()
    dialog.task.progressed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(dialog.export_ended, timeout=TIMEOUT_MS):
        pass

    query = page.model.query
    assert query.status == "active" and query.text == "客户0" and query.descending
    shown = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert 500 < len(shown) < 2400  # more than one chunk of rows
    assert dialog.export_result is not None and dialog.export_result.rows == len(shown)
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert [(r[0], r[5]) for r in rows[1:]] == [(c.name, c.region) for c in shown if c]
    assert {r[3] for r in rows[1:]} == {"现实客户"}
    # Progress reached the dialog while rows were still being written, then completed.
    assert any(0 < done < total for done, total in progress)
    assert dialog.progress.value() == dialog.progress.maximum() == 1
    assert "导出" in dialog.status.text() or "Exported" in dialog.status.text()
    assert dialog.open_folder_button.isEnabled() and dialog.start_button.isEnabled()
    opened: list[Path] = []
    monkeypatch.setattr(messages, "open_folder", lambda path: opened.append(path) or True)
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [tmp_path]


def test_cancel_leaves_no_file(
    page: CustomersPage, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "客户.xlsx"
    save_to(monkeypatch, target)
    # Hold the one task thread so the export is surely still queued when Cancel is clicked.
    release = threading.Event()
    blocker = run_task(lambda _ctx: release.wait(10))
    try:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
        dialog = page.export_dialog
        assert dialog is not None and dialog.task is not None and dialog.task.running
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert not dialog.cancel_button.isEnabled()
    finally:
        release.set()
    with qtbot.waitSignal(dialog.export_ended, timeout=TIMEOUT_MS):
        pass
    assert not blocker.running
    assert dialog.export_result is None
    assert "取消" in dialog.status.text() or "cancelled" in dialog.status.text()
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".part")]


def test_a_folder_that_cannot_be_written_shows_the_reason(
    page: CustomersPage, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "没有这个文件夹" / "客户.xlsx"
    save_to(monkeypatch, target)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = page.export_dialog
    assert dialog is not None
    with qtbot.waitSignal(dialog.export_ended, timeout=TIMEOUT_MS):
        pass
    assert dialog.export_result is None
    assert dialog.error.isVisible() and "不存在" in dialog.error.text()
    assert dialog.start_button.isEnabled()  # the user can pick another place and retry
    assert not target.parent.exists()


def test_closing_the_save_dialog_exports_nothing(
    page: CustomersPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_to(monkeypatch, None)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = page.export_dialog
    assert dialog is not None and dialog.task is None and dialog.start_button.isEnabled()
    dialog.reject()


def test_the_dialog_exports_visits_from_any_page(
    context: PageContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "拜访.xlsx"
    target.write_bytes(b"older")
    dialog = ListExportDialog(context, ListKind.VISITS, VisitListQuery())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle()
    dialog.path_edit.setText(str(target))
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(messages, "confirm", confirm)
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT_MS) as blocker:
        assert dialog.start() is not None
    assert asked and "拜访.xlsx" in asked[0]  # replacing a file is confirmed first
    assert blocker.args[0].rows == 0
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("拜访日期", "销售员") and len(rows) == 1


def test_closing_while_exporting_cancels_then_closes(
    page: CustomersPage, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "客户.xlsx"
    save_to(monkeypatch, target)
    release = threading.Event()
    run_task(lambda _ctx: release.wait(10))
    try:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
        dialog = page.export_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.reject()
        assert dialog.isVisible()  # stays open until the task has stopped
    finally:
        release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT_MS)
    assert dialog.export_result is None and not target.exists()

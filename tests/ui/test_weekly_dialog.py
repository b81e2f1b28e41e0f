"""The weekly summary dialog: the export runs in the background and the file appears;
a cancel leaves no file; errors are shown, not raised."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixed_time import TEST_NOW
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from crm_desktop.demo.generator import DemoOptions, generate_demo
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.ui.export.weekly_dialog import REP, TEAM, WeeklySummaryDialog
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.tasks import run_task


@pytest.fixture
def dialog(context: PageContext, qtbot: QtBot) -> Iterator[WeeklySummaryDialog]:
    generate_demo(context.services, DemoOptions(customers=60, contacts_per_customer=1.0))
    widget = WeeklySummaryDialog(context)
    qtbot.addWidget(widget)
    yield widget


def test_defaults_to_last_week_and_the_team(dialog: WeeklySummaryDialog) -> None:
    year, week, _ = (TEST_NOW.date() - dt.timedelta(days=7)).isocalendar()
    assert dialog.week() == (year, week)
    assert f"{year}-W{week:02d}" in dialog.week_label.text()
    assert dialog.scope.currentData() == TEAM and "5" in dialog.scope.currentText()
    assert dialog.rep_combo.count() == 5 and dialog.rep_combo.isHidden()
    assert not dialog.open_button.isVisibleTo(dialog)  # nothing written yet


def test_export_runs_in_the_background_and_the_file_appears(
    dialog: WeeklySummaryDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    target = tmp_path / "周报"  # no suffix: the dialog adds .xlsx
    dialog.path_edit.setText(str(target))
    dialog.scope.setCurrentIndex(dialog.scope.findData(REP))
    dialog.rep_combo.setCurrentIndex(dialog.rep_combo.findData("zhangwei"))
    progress: list[tuple[int, int]] = []
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as blocker:
        task = dialog.start()
        assert task is not None
        task.progressed.connect(lambda d, t: progress.append((d, t)))
        assert not dialog.start_button.isEnabled() and dialog.cancel_button.isEnabled()
    written = tmp_path / "周报.xlsx"
    assert blocker.args == [written] and written.exists()
    assert load_workbook(written).sheetnames[1] == "张伟"
    assert progress and progress[-1][0] == progress[-1][1]
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled())
    assert str(written) in dialog.status.text() and dialog.open_button.isVisibleTo(dialog)


def test_cancel_leaves_no_file(dialog: WeeklySummaryDialog, qtbot: QtBot, tmp_path: Path) -> None:
    # The pool runs one task at a time: hold it busy, so the cancel lands before the
    # export's first step whatever the machine's speed.
    release = threading.Event()
    holder = run_task(lambda _ctx: release.wait(30))
    out = tmp_path / "out"
    out.mkdir()
    dialog.path_edit.setText(str(out / "cancelled.xlsx"))
    task = dialog.start()
    assert task is not None
    dialog.cancel()
    release.set()
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: not holder.running)
    assert list(out.iterdir()) == []
    assert dialog.start_button.isEnabled()
    assert "取消" in dialog.status.text() or "cancel" in dialog.status.text().lower()


def test_errors_are_shown_and_nothing_is_written(
    dialog: WeeklySummaryDialog,
    qtbot: QtBot,
    tmp_path: Path,
    shown_errors: list[UserFacingError],
) -> None:
    assert dialog.start() is None  # no file chosen yet
    assert dialog.error.isVisibleTo(dialog)
    out = tmp_path / "out"
    (out / "folder.xlsx").mkdir(parents=True)
    dialog.path_edit.setText(str(out / "folder.xlsx"))  # a folder, not a file
    task = dialog.start()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass
    assert len(shown_errors) == 1 and dialog.error.isVisibleTo(dialog)
    assert list(out.iterdir()) == [out / "folder.xlsx"]  # no temporary file left behind

"""The Excel import dialog: a real .xlsx imported off the GUI thread, the per-row report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.container import Services
from crm_desktop.services.customers.customer_list import CustomerQuery
from crm_desktop.ui import messages
from crm_desktop.ui.customers.import_dialog import ImportDialog
from crm_desktop.ui.customers.page import CustomersPage
from crm_desktop.ui.pages.base import PageContext

pytest.importorskip("crm_desktop.services.importing.customer_import")
openpyxl = pytest.importorskip("openpyxl")


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["客户名称", "简称", "电话", "区域", "客户状态", "信用额度"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def dialog(services: Services, qtbot: QtBot) -> ImportDialog:
    widget = ImportDialog(services, "zh_CN")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_import_runs_in_the_background_and_reports_rows(
    dialog: ImportDialog,
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
    add_user: Callable[..., str],
    add_customers: Callable[..., None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = add_user("zhao", "赵六")
    add_customers(1, owner_id=other, prefix="已有")  # 已有00000贸易有限公司
    path = _workbook(
        tmp_path / "客户.xlsx",
        [
            ["温州瓯江阀门有限公司", "瓯江", "0577-86001234", "华东", "潜在", "5万"],
            ["厦门鹭岛食品有限公司", "鹭岛", "0592-5550000", "华南", "现实客户", 20000],
            ["已有00000贸易有限公司", "", "", "华东", "", ""],
            ["", "无名", "", "", "", ""],
            ["信用有误公司", "", "", "", "", "很多钱"],
        ],
    )
    monkeypatch.setattr(messages, "choose_excel_file", lambda _parent: path)
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.path_edit.text() == str(path)

    with qtbot.waitSignal(dialog.finished_report, timeout=20_000) as blocker:
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        assert dialog.cancel_button.isEnabled() and not dialog.start_button.isEnabled()
    report = blocker.args[0]
    assert report.imported == 2
    assert dialog.start_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert dialog.duplicates.rowCount() == 1
    assert dialog.duplicates.item(0, 1).text() == "已有00000贸易有限公司"
    assert dialog.duplicates.item(0, 3).text() == "赵六"
    assert dialog.duplicates.item(0, 5).text()  # 撞单: another rep owns the match
    assert dialog.errors.rowCount() == len(report.errors) >= 2
    assert {dialog.errors.item(r, 0).text() for r in range(dialog.errors.rowCount())} >= {
        "5",
        "6",
    }  # Excel row numbers (the header is row 1)
    names = {
        row.name
        for row in services.customer_list.rows(
            services.customer_list.handles(CustomerQuery())
        ).values()
    }
    assert {"温州瓯江阀门有限公司", "厦门鹭岛食品有限公司"} <= names


def test_import_refreshes_the_customer_list(
    context: PageContext, qtbot: QtBot, tmp_path: Path
) -> None:
    page = CustomersPage(context)
    qtbot.addWidget(page)
    dialog = page.import_excel()
    dialog.path_edit.setText(
        str(_workbook(tmp_path / "a.xlsx", [["福州闽江茶业", "", "", "", "", ""]]))
    )
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.start()
    assert page.model.rowCount() == 1


def test_cancel_imports_nothing(
    dialog: ImportDialog, qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path / "big.xlsx", [[f"批量客户{i:05d}", "", "", "", "", ""] for i in range(3000)]
    )
    dialog.path_edit.setText(str(path))
    task = dialog.start()
    assert task is not None
    task.cancel()  # before the worker's first check: the service must stop at once
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    assert "取消" in dialog.status.text() or "cancel" in dialog.status.text().lower()
    assert services.customer_list.handles(CustomerQuery()) == []
    assert dialog.start_button.isEnabled()


def test_malformed_file_shows_the_error(
    dialog: ImportDialog, qtbot: QtBot, tmp_path: Path, shown_errors: list[UserFacingError]
) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"this is not a workbook")
    dialog.path_edit.setText(str(bad))
    task = dialog.start()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    assert len(shown_errors) == 1
    assert dialog.error.isVisible()


def test_missing_file_is_reported_inline(dialog: ImportDialog) -> None:
    dialog.path_edit.setText("/nonexistent/file.xlsx")
    assert dialog.start() is None
    assert dialog.error.isVisible()

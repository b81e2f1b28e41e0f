"""The targets page and its dialogs, driven like a manager (and a rep) would."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from fixed_time import TEST_NOW
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from target_helpers import TargetOrg, make_org, visit

from crm_desktop.domain.money import parse_yuan
from crm_desktop.domain.picklists import PeriodKind, TargetKind
from crm_desktop.services.container import Services
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.targets.decompose_dialog import DecomposeDialog
from crm_desktop.ui.targets.page import RATE_COLUMN, TargetsPage
from crm_desktop.ui.targets.target_dialog import TargetDialog

TODAY = TEST_NOW.date()
YEAR = TODAY.year
MONTH1 = TODAY.replace(day=1)


@pytest.fixture
def org(services: Services) -> TargetOrg:
    return make_org(services)


def page_of(context: PageContext, qtbot: QtBot) -> TargetsPage:
    page = TargetsPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    return page


def texts(page: TargetsPage) -> list[list[str]]:
    model = page.model
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def select(page: TargetsPage, row: int) -> None:
    page.view.selectRow(row)


def test_rows_with_a_dash_for_a_zero_target(
    context: PageContext, qtbot: QtBot, services: Services, org: TargetOrg
) -> None:
    a = org.reps["a"]
    visit(services, org, a, MONTH1, order=parse_yuan("250"))
    services.targets.set(TargetKind.SALES, a, False, PeriodKind.MONTH, MONTH1, parse_yuan("1000"))
    services.targets.set(TargetKind.VISITS, a, False, PeriodKind.MONTH, MONTH1, 0)
    page = page_of(context, qtbot)
    month = f"{YEAR}年{MONTH1.month}月"
    assert texts(page) == [
        ["rep_a", "销售额", month, "¥1,000.00", "¥250.00", "25.0%"],
        ["rep_a", "拜访数", month, "0", "1", "—"],
    ]
    tip = page.model.index(1, RATE_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert tip and "0" in tip
    assert page.model.index(0, RATE_COLUMN).data(Qt.ItemDataRole.ToolTipRole) is None
    assert not page.empty.isVisible()
    # The kind filter narrows the list; a filter that matches nothing says so.
    page.kind.setCurrentIndex(page.kind.findData(TargetKind.VISITS.value))
    assert [row[1] for row in texts(page)] == ["拜访数"]
    page.kind.setCurrentIndex(page.kind.findData(TargetKind.GROSS_PROFIT.value))
    assert texts(page) == [] and page.empty.isVisible()


def test_empty_year_says_so_with_a_hint_for_managers(
    context: PageContext, qtbot: QtBot, services: Services, org: TargetOrg
) -> None:
    page = page_of(context, qtbot)
    assert page.empty.isVisible()
    assert str(YEAR) in page.empty.text() and "New target" in page.empty.text()
    assert page.new_button.isVisible() and page.decompose_button.isVisible()
    services.user.switch(org.reps["a"])
    rep_page = page_of(context, qtbot)
    assert str(YEAR) in rep_page.empty.text() and "New target" not in rep_page.empty.text()
    assert not rep_page.new_button.isVisible()
    assert not rep_page.decompose_button.isVisible() and not rep_page.delete_button.isVisible()


def test_decompose_ok_waits_until_the_parts_add_up(
    context: PageContext, qtbot: QtBot, services: Services, org: TargetOrg
) -> None:
    a = org.reps["a"]
    services.targets.set(
        TargetKind.SALES, a, False, PeriodKind.YEAR, dt.date(YEAR, 1, 1), parse_yuan("100.01")
    )
    page = page_of(context, qtbot)
    select(page, 0)
    assert page.decompose_button.isEnabled()
    qtbot.mouseClick(page.decompose_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, DecomposeDialog)
    qtbot.addWidget(dialog)
    assert [dialog.into.itemData(i) for i in range(dialog.into.count())] == ["quarter", "month"]
    # Prefilled with the even split, which adds up.
    assert [e.text() for e in dialog.edits] == ["25.01", "25.00", "25.00", "25.00"]
    assert dialog.ok_button.isEnabled()
    dialog.edits[1].setText("30")
    assert not dialog.ok_button.isEnabled()
    assert "¥5.00" in dialog.total.text()  # the gap
    dialog.edits[2].setText("abc")
    assert not dialog.ok_button.isEnabled()
    assert dialog.edits[2].property("invalid") is True
    dialog.edits[2].setText("20")
    assert dialog.ok_button.isEnabled()
    # Months: twelve boxes, again prefilled to add up.
    dialog.into.setCurrentIndex(1)
    assert len(dialog.edits) == 12 and dialog.ok_button.isEnabled()
    dialog.into.setCurrentIndex(0)
    dialog.edits[0].setText("40.01")
    dialog.edits[1].setText("20")
    dialog.edits[2].setText("20")
    dialog.edits[3].setText("20")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    rows = texts(page)
    assert [row[2] for row in rows] == [f"{YEAR}年"] + [f"{YEAR}年第{q}季度" for q in (1, 2, 3, 4)]
    assert [row[3] for row in rows[1:]] == ["¥40.01", "¥20.00", "¥20.00", "¥20.00"]


def test_decompose_a_team_target_into_its_reps(
    context: PageContext, qtbot: QtBot, services: Services, org: TargetOrg
) -> None:
    services.targets.set(TargetKind.VISITS, org.team, True, PeriodKind.MONTH, MONTH1, 7)
    page = page_of(context, qtbot)
    select(page, 0)
    dialog = page.decompose_selected()
    assert isinstance(dialog, DecomposeDialog)
    qtbot.addWidget(dialog)
    assert dialog.into_choice() == "reps"
    assert [e.text() for e in dialog.edits] == ["4", "3"]
    dialog.edits[0].setText("5")
    assert not dialog.ok_button.isEnabled()
    dialog.edits[1].setText("2")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert [(row[0], row[3]) for row in texts(page)] == [
        ("上海 (team)", "7"),
        ("rep_a", "5"),
        ("rep_b", "2"),
    ]


def test_new_target_dialog_keeps_input_and_shows_problems(
    context: PageContext, qtbot: QtBot, services: Services, org: TargetOrg
) -> None:
    page = page_of(context, qtbot)
    dialog = page.new_target()
    assert isinstance(dialog, TargetDialog)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(TargetKind.COLLECTION.value))
    dialog._select_assignee(org.reps["b"])
    dialog.period_kind.setCurrentIndex(dialog.period_kind.findData(PeriodKind.QUARTER.value))
    assert dialog.period.count() == 4 and dialog.unit.text() == "¥"
    value: QLineEdit = dialog.value
    value.setText("12,34")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.errors["value"].isVisible()
    assert value.text() == "12,34"
    value.setText("1.2万")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    ((who, kind, _period, target, _actual, _rate),) = texts(page)
    assert (who, kind, target) == ("rep_b", "回款", "¥12,000.00")


def test_delete_asks_first(
    context: PageContext,
    qtbot: QtBot,
    services: Services,
    org: TargetOrg,
    answer_confirm: object,
) -> None:
    services.targets.set(TargetKind.VISITS, org.reps["a"], False, PeriodKind.MONTH, MONTH1, 9)
    page = page_of(context, qtbot)
    select(page, 0)
    asked = answer_confirm(False)  # type: ignore[operator]
    assert not page.delete_selected() and len(texts(page)) == 1
    asked = answer_confirm(True)  # type: ignore[operator]
    with qtbot.waitSignal(context.operations.did_change):  # on the writer lane
        assert page.delete_selected() and asked
    assert texts(page) == [] and page.empty.isVisible()

"""The handover dialog 交接客户, driven like a manager would: from the Customers page's
selection and from the Team page's rep, an owner per row, a note per account."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from target_helpers import TargetOrg, make_org

from crm_desktop.services.container import Services
from crm_desktop.store.models import Customer
from crm_desktop.ui.customers.page import CustomersPage
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.team.page import TeamPage


@pytest.fixture
def org(services: Services) -> TargetOrg:
    return make_org(services)


def _owner(services: Services, customer_id: str) -> str | None:
    with services.store.reading() as s:
        customer = s.get(Customer, customer_id)
        assert customer is not None
        return customer.owner_id


def test_the_customers_page_hands_the_selection_over(
    context: PageContext, qtbot: QtBot, org: TargetOrg, tmp_path: Path
) -> None:
    page = CustomersPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    selection = page.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    a, b = org.reps["a"], org.reps["b"]
    for row in range(page.model.rowCount()):
        if page.model.customer_id(row) in (org.customers[a], org.customers[b]):
            selection.select(page.model.index(row, 0), flags)
    assert page.handover_button.isVisible() and page.handover_button.isEnabled()
    dialog = page.hand_over_selected()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    # No owner chosen: said above the table, nothing queued.
    assert not dialog.hand_over()
    assert "新负责人" in dialog.error.text()
    dialog.all_combo.setCurrentIndex(dialog.all_combo.findData(org.manager))
    dialog.set_all_owners()
    dialog.note_edit(0).setText("老客户，月底对账")
    # A missing note is the service's refusal, shown in the dialog with the input kept.
    assert dialog.hand_over()
    qtbot.waitUntil(lambda: dialog.error.isVisible() and "交接说明" in dialog.error.text())
    assert _owner(context.services, org.customers[a]) == a
    dialog.all_note.setText("按名单交接")
    dialog.fill_empty_notes()
    assert dialog.note_edit(0).text() == "老客户，月底对账"
    with qtbot.waitSignal(dialog.handed_over) as handed:
        assert dialog.hand_over()
    assert len(handed.args[0]) == 2
    assert dialog.done_label.isVisible() and not dialog.go_button.isVisible()
    assert _owner(context.services, org.customers[a]) == org.manager
    target = tmp_path / "交接.xlsx"
    task = dialog.write_report(target)
    qtbot.waitUntil(lambda: not task.running)
    rows = list(openpyxl.load_workbook(target).worksheets[0].iter_rows(values_only=True))
    assert sorted(r[11] for r in rows[1:]) == sorted(["老客户，月底对账", "按名单交接"])


def test_the_team_page_hands_a_reps_whole_book_over(
    context: PageContext, qtbot: QtBot, org: TargetOrg
) -> None:
    page = TeamPage(context)
    qtbot.addWidget(page)
    assert page.handover_button.isVisibleTo(page)
    dialog = page.open_handover()
    qtbot.addWidget(dialog)
    a, b = org.reps["a"], org.reps["b"]
    dialog.from_combo.setCurrentIndex(dialog.from_combo.findData(a))
    assert [c.customer_id for c in dialog.candidates] == [org.customers[a]]
    dialog.owner_combo(0).setCurrentIndex(dialog.owner_combo(0).findData(b))
    dialog.note_edit(0).setText("离职交接")
    with qtbot.waitSignal(dialog.handed_over):
        dialog.hand_over()
    assert _owner(context.services, org.customers[a]) == b


def test_a_rep_sees_no_handover(context: PageContext, qtbot: QtBot, org: TargetOrg) -> None:
    context.services.user.switch(org.reps["a"])
    page = CustomersPage(context)
    qtbot.addWidget(page)
    assert not page.handover_button.isVisibleTo(page)


def test_the_card_shows_the_handover_waiting_then_as_the_server_wrote_it(
    context: PageContext, qtbot: QtBot, org: TargetOrg
) -> None:
    from crm_desktop.services.customers.handover import HandoverRequest
    from crm_desktop.ui.customers.card import CustomerCardDialog

    services = context.services
    cid = org.customers[org.reps["a"]]
    services.handover.hand_over([HandoverRequest(cid, org.reps["b"], "离职交接")])
    card = CustomerCardDialog(services, context.lang, cid, context=context)
    qtbot.addWidget(card)
    table = card.handovers_tab.table
    assert table.rowCount() == 1
    assert card.tabs.tabText(6).endswith("(1)")
    assert "rep_b" in table.item(0, 2).text() and table.item(0, 5).text() == "离职交接"
    assert "2026-11-23" in table.item(0, 0).text()


def test_the_inbox_says_why_a_handover_was_refused(qapp: object) -> None:
    import datetime as dt

    from PySide6.QtCore import QLocale

    from crm_desktop.services.sync import Conflict
    from crm_desktop.ui.sync.conflicts import diff_lines

    conflict = Conflict(
        "c1",
        "customer",
        "row",
        "forbidden",
        {
            "op": "reassign_customer",
            "patch": {"to_user": "u", "note": "离职交接", "handover_id": "h"},
            "reason_zh": "只有销售经理或管理员可以交接客户",
            "reason_en": "Only a manager or an admin may hand customers over",
        },
        {"name": "华联超市"},
        dt.datetime(2026, 11, 23, 2),
        False,
    )
    before = QLocale()
    try:
        QLocale.setDefault(QLocale("zh_CN"))
        assert diff_lines(conflict)[0] == "只有销售经理或管理员可以交接客户"
        QLocale.setDefault(QLocale("en"))
        lines = diff_lines(conflict)
        assert lines[0] == "Only a manager or an admin may hand customers over"
        assert len(lines) == 2 and "离职交接" in lines[1]  # the ids are not shown
    finally:
        QLocale.setDefault(before)

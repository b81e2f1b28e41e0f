"""The Receivables page and its dialogs, driven like a user would: the aging table and a
customer's ledger, a manual entry (refused, then saved), deleting it, the finance import
with bad rows and then good ones, overdue follow-ups, the Excel export, and the credit
warning in the visit form. (The tests run on the source strings, without the catalogue.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from fixed_time import TEST_NOW
from pytestqt.qtbot import QtBot
from receivable_data import FINANCE_HEADER, add_customer, add_visit, build_ledgers, write_sheet

from crm_desktop.config.settings import Settings
from crm_desktop.domain.receivables import EntryKind
from crm_desktop.services.container import Services
from crm_desktop.ui.customers.card import CustomerCardDialog
from crm_desktop.ui.nightly import run_nightly
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.plans.page import PlansPage
from crm_desktop.ui.receivables.page import ReceivablesPage

TODAY = TEST_NOW.date()


def loaded_page(context: PageContext, qtbot: QtBot) -> ReceivablesPage:
    page = ReceivablesPage(context)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    qtbot.waitUntil(
        lambda: page.report is not None and (page.ledger is not None or not page.report.rows),
        timeout=10_000,
    )
    return page


def select(page: ReceivablesPage, qtbot: QtBot, name: str) -> None:
    names = [r.customer_name for r in page.model.rows]
    page.view.selectRow(names.index(name))
    qtbot.waitUntil(
        lambda: page.ledger is not None and page.ledger.customer_name == name, timeout=10_000
    )


def test_the_aging_table_and_a_customers_ledger(
    context: PageContext, qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    build_ledgers(services, tmp_path)
    page = loaded_page(context, qtbot)
    assert page.model.rowCount() == 3
    assert "3 customers" in page.summary.text()
    first = page.model._texts[0]
    assert first[0] == page.model.rows[0].customer_name and first[2].startswith("¥")
    assert all(page.model.is_alert(i) for i in range(3))  # each owes overdue money
    select(page, qtbot, "南方电子有限公司")
    assert page.ledger_title.text() == "Ledger: 南方电子有限公司"
    texts = page.lines._texts
    assert texts[0][-1].startswith(
        "Replaced by the finance balance"
    )  # the visit before the cut-off
    assert texts[1][1] == "期初余额" and texts[1][2] == "财务导入"
    assert not page.delete_button.isEnabled()
    page.overdue_only.setChecked(True)
    assert page.model.rowCount() == 3


def test_a_manual_entry_is_checked_saved_and_deleted(
    context: PageContext, qtbot: QtBot, services: Services
) -> None:
    cid = add_customer(services, "华联超市")
    page = loaded_page(context, qtbot)
    assert page.model.rowCount() == 0 and page.empty.isVisibleTo(page)
    dialog = page.new_entry()
    qtbot.addWidget(dialog)
    dialog.customer.select(cid, "华联超市")
    dialog.amount.setText("一千")
    assert not dialog.save()
    assert "不是有效的金额" in dialog.errors["amount"].text()
    dialog.amount.setText("1,200")
    with qtbot.waitSignal(page.loaded, timeout=10_000), qtbot.waitSignal(dialog.saved):
        assert dialog.save()
    assert [r.customer_name for r in page.model.rows] == ["华联超市"]
    qtbot.waitUntil(lambda: page.ledger is not None and len(page.lines.rows) == 1)
    line = page.lines.rows[0]
    assert (line.kind, line.amount_fen) == (EntryKind.ORDER, 120_000)
    page.line_view.selectRow(0)
    assert page.delete_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.delete_line(line)
    assert page.model.rowCount() == 0
    assert services.receivables.ledger(cid).lines == []


def test_the_finance_import_lists_bad_rows_then_imports(
    context: PageContext, qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    add_customer(services, "南方电子有限公司")
    page = loaded_page(context, qtbot)
    dialog = page.open_import()
    qtbot.addWidget(dialog)
    day = TODAY - dt.timedelta(days=40)
    bad = write_sheet(
        tmp_path / "bad.xlsx",
        FINANCE_HEADER,
        [["南方电子有限公司", "A", day, None, 500], ["没有这家", "B", day, None, 100]],
    )
    dialog.path.setText(str(bad))
    with qtbot.waitSignal(context.operations.did_change, timeout=10_000):
        assert dialog.start()
    assert "Nothing was imported" in dialog.outcome.toPlainText()
    assert "Row 3:" in dialog.outcome.toPlainText()
    good = write_sheet(
        tmp_path / "good.xlsx", FINANCE_HEADER, [["南方电子有限公司", "A", day, None, 500]]
    )
    dialog.path.setText(str(good))
    with qtbot.waitSignal(context.operations.did_change, timeout=10_000):
        assert dialog.start()
    assert "Imported 1 open items" in dialog.outcome.toPlainText()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.rows[0].balance_fen == 50_000
    dialog.path.setText(str(tmp_path / "missing.xlsx"))
    qtbot.waitUntil(lambda: not dialog.task or not dialog.task.running)
    assert dialog.start()
    qtbot.waitUntil(lambda: "找不到文件" in dialog.error.text(), timeout=10_000)


def test_overdue_follow_ups_and_the_export(
    context: PageContext, qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    build_ledgers(services, tmp_path)
    page = loaded_page(context, qtbot)
    with qtbot.waitSignal(context.operations.did_change, timeout=10_000):
        page.make_follow_ups()
    assert "new collection follow-ups" in page.summary.text()
    with qtbot.waitSignal(context.operations.did_change, timeout=10_000):
        page.make_follow_ups()
    assert "already has one" in page.summary.text()
    out = tmp_path / "aging.xlsx"
    task = page.export_to(out)
    qtbot.waitUntil(
        lambda: not task.running and "Exported to" in page.summary.text(), timeout=10_000
    )
    assert openpyxl.load_workbook(out).sheetnames[0] == "账龄 Aging"


def test_an_order_past_the_credit_limit_warns_in_the_visit_form(
    context: PageContext, qtbot: QtBot, services: Services
) -> None:
    cid = add_customer(services, "华联超市", limit_fen=100_000)
    visit = add_visit(services, cid, TODAY - dt.timedelta(days=3), order_fen=60_000)
    plans = PlansPage(context)
    qtbot.addWidget(plans)
    form = plans.report_editor.form
    assert form.credit_warning is not None  # the Plans page wires the check in
    raw = {"id": visit, "customer_id": cid, "customer_name": "华联超市", "order_amount": "1,000"}
    form.set_raw(raw)
    assert form.error.text() == ""  # the visit's own 600 is replaced by 1,000: at the limit
    form.texts["order_amount"].setText("1,000.01")
    assert "信用额度提醒" in form.error.text() and "¥0.01" in form.error.text()
    new_visit = {"customer_id": cid, "customer_name": "华联超市", "order_amount": "400.01"}
    form.set_raw(new_visit)  # another visit: the 600 already ordered counts
    assert "超过信用额度 ¥1,000.00" in form.error.text()
    form.texts["order_amount"].setText("abc")  # the amount's own problem comes first
    assert "信用额度" not in form.error.text()


def test_the_nightly_run_makes_overdue_follow_ups_once(
    services: Services, settings: Settings, tmp_path: Path
) -> None:
    build_ledgers(services, tmp_path)
    first = run_nightly(services, TODAY, settings)
    assert first.overdue_follow_ups == 3
    assert run_nightly(services, TODAY, settings).overdue_follow_ups == 0
    assert len(services.follow_ups.list()) == 3


def test_the_entry_dialog_warns_of_an_order_past_the_limit(
    context: PageContext, qtbot: QtBot, services: Services
) -> None:
    cid = add_customer(services, "华联超市", limit_fen=100_000)
    add_visit(services, cid, TODAY - dt.timedelta(days=3), order_fen=60_000)
    page = loaded_page(context, qtbot)
    dialog = page.new_entry()
    qtbot.addWidget(dialog)
    assert dialog.customer.customer_id() == cid  # opened for the selected customer
    dialog.amount.setText("400")
    assert not dialog.credit_note.isVisibleTo(dialog)  # exactly at the limit
    dialog.amount.setText("400.01")
    assert "超出 ¥0.01" in dialog.credit_note.text() and dialog.credit_note.isVisibleTo(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(EntryKind.COLLECTION.value))
    assert not dialog.credit_note.isVisibleTo(dialog)  # a collection reduces the debt


def test_the_customer_card_shows_the_ledger_and_takes_an_entry(
    qtbot: QtBot, services: Services
) -> None:
    cid = add_customer(services, "华联超市", limit_fen=100_000)
    add_visit(services, cid, TODAY - dt.timedelta(days=45), order_fen=60_000)
    card = CustomerCardDialog(services, "zh_CN", cid)
    qtbot.addWidget(card)
    tab = card.receivables_tab
    assert card.tabs.indexOf(tab) >= 0 and tab.title() == "Receivables"
    assert tab.table.rowCount() == 1 and tab.table.item(0, 1).text() == "订单"
    assert "Balance ¥600.00 (overdue ¥600.00)" in tab.summary.text()
    dialog = tab.new_entry()
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(EntryKind.COLLECTION.value))
    dialog.amount.setText("250")
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        assert dialog.save()
    assert tab.table.rowCount() == 2
    assert "Balance ¥350.00" in tab.summary.text()

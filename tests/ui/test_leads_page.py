"""The Leads page: a new lead through the dialog lands in 我的线索; a logged call makes it
contacted; converting it makes a customer and takes it off the open list -- each write an
operation on the writer lane, the list following through `did_change`."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.services.container import Services
from crm_desktop.store.models import Customer, Lead, OutboxEntry
from crm_desktop.ui.leads.page import LeadsPage
from crm_desktop.ui.pages.base import PageContext


def test_new_lead_call_and_conversion(
    qtbot: QtBot, context: PageContext, services: Services
) -> None:
    page = LeadsPage(context)
    qtbot.addWidget(page)
    assert page.mine.rowCount() == 0 and page.mine_empty.text()
    dialog = page.new_lead()
    dialog.name.setText("  杭州明达机电有限公司 ")
    dialog.contact.setText("周建新")
    dialog.phone.setText("13915520387")
    dialog.event_name.setText("2026 广交会")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        assert dialog.save()
    qtbot.waitUntil(lambda: page.mine.rowCount() == 1, timeout=10_000)
    row = page.mine.row_at(0)
    assert row is not None and row.name == "杭州明达机电有限公司" and row.status == "new"
    assert row.returns_on is not None  # owned and open: the pool rule's day is shown
    page.mine_view.selectRow(0)
    assert page.convert_button.isEnabled()
    page.log(visit=False)
    qtbot.waitUntil(lambda: (r := page.mine.row_at(0)) is not None and r.status == "contacted",
                    timeout=10_000)  # fmt: skip
    page.mine_view.selectRow(0)
    page.convert()
    qtbot.waitUntil(lambda: page.mine.rowCount() == 0, timeout=10_000)
    with services.store.reading() as s:
        lead = s.scalars(select(Lead)).one()
        customer = s.get(Customer, lead.converted_customer_id)
        assert customer is not None and customer.name == "杭州明达机电有限公司"
        assert lead.status == "converted"
        pushed = {(e.entity, e.name) for e in s.scalars(select(OutboxEntry))}
    assert {("lead", "create"), ("customer", "create")} <= pushed


def test_a_blank_name_is_refused_inline(qtbot: QtBot, context: PageContext) -> None:
    page = LeadsPage(context)
    qtbot.addWidget(page)
    dialog = page.new_lead()
    dialog.name.setText("   ")
    assert not dialog.save()
    assert dialog.errors["name"].text()


def test_an_import_reports_what_it_skipped(
    qtbot: QtBot, context: PageContext, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["名称", "联系人", "层级"])
    sheet.append(["常州恒远电子科技有限公司", "吴晓梅", "一般"])
    sheet.append(["", "无名", None])
    path = tmp_path / "show.xlsx"
    book.save(path)
    page = LeadsPage(context)
    qtbot.addWidget(page)
    page.import_file(path)
    qtbot.waitUntil(lambda: page.mine.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: not page.import_note.isHidden(), timeout=10_000)
    assert "1" in page.import_note.text() and "3:" in page.import_note.text()

"""The Churn page and the defector case dialog, driven like a user would: the warning
list with its reasons, recording a case from it, winning the customer back, exporting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from fixed_time import TEST_NOW
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.services.container import Services
from crm_desktop.store.models import Customer, DailyReport, DefectionCase, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.churn.defection_dialog import DefectionDialog
from crm_desktop.ui.churn.page import ChurnPage
from crm_desktop.ui.pages.base import PageContext

TODAY = TEST_NOW.date()
D = dt.timedelta


def add_customer(services: Services, name: str, last_visit: dt.date | None) -> str:
    owner = services.actor.user_id
    with UnitOfWork(services.store, owner) as uow:
        row = Customer(
            name=name, owner_id=owner, status="active", last_effective_visit_on=last_visit
        )
        uow.session.add(row)
        uow.commit()
        return row.id


def add_order(services: Services, customer_id: str, day: dt.date, fen: int) -> None:
    owner = services.actor.user_id
    with UnitOfWork(services.store, owner) as uow:
        report = DailyReport(owner_id=owner, report_date=day)
        uow.session.add(report)
        uow.session.flush()
        uow.session.add(
            VisitRecord(
                owner_id=owner,
                report_id=report.id,
                customer_id=customer_id,
                visit_date=day,
                order_amount_fen=fen,
            )
        )
        uow.commit()


def loaded_page(context: PageContext, qtbot: QtBot) -> ChurnPage:
    page = ChurnPage(context)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()  # the constructor's own read is dropped as older
    return page


def select_row(page_tab: object, row: int) -> None:
    view = page_tab.view  # type: ignore[attr-defined]
    view.selectRow(row)


def test_a_warning_becomes_a_defector_case_and_is_won_back(
    context: PageContext, qtbot: QtBot, services: Services
) -> None:
    dropped = add_customer(services, "苏州恒达机械", TODAY - D(3))
    add_order(services, dropped, TODAY - D(400), 1_000_000)
    add_order(services, dropped, TODAY - D(20), 100_000)
    add_customer(services, "无锡远景", TODAY - D(200))  # class B: 60 days is the limit
    page = loaded_page(context, qtbot)

    model = page.warnings.model
    assert model.rowCount() == 2
    texts = {model.rows[i].name: model._texts[i] for i in range(2)}
    assert texts["苏州恒达机械"][-1] == "订货下降"
    assert texts["苏州恒达机械"][5] == "−90.0%"
    assert texts["无锡远景"][-1] == "久未有效拜访"
    assert page.tabs.tabText(0) == "Warnings (2)"  # no catalogue is installed in tests
    assert not page.record_button.isEnabled()

    row = next(i for i in range(2) if model.rows[i].customer_id == dropped)
    select_row(page.warnings, row)
    assert page.record_button.isEnabled()
    dialog = page.record_for(page.warnings)
    assert isinstance(dialog, DefectionDialog)
    qtbot.addWidget(dialog)
    assert dialog.defection_type.currentData() == "partial"  # only its orders fell
    assert "¥" in dialog.spend.text()
    # No root cause: refused inline, nothing written.
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["root_causes"].isVisible()
    assert dialog.errors["root_causes"].text() == "请至少选择一个流失原因"
    dialog.defection_type.setCurrentIndex(dialog.defection_type.findData("complete"))
    dialog.check_causes(("competitor_offer", "no_aftercall"))
    dialog.interviewer.setText("王主管")
    dialog.measures.setPlainText("交货后三天内回访")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    with services.store.reading() as s:
        [case] = s.scalars(select(DefectionCase)).all()
        card = s.get(Customer, dropped)
        assert (case.root_causes, case.interviewer) == ("no_aftercall,competitor_offer", "王主管")
        assert card is not None and card.status == "lost"
    assert page.tabs.tabText(1) == "Defectors (1)"
    assert [r.customer_id for r in page.warnings.model.rows] != [dropped]
    assert dropped in [r.customer_id for r in page.win_back.model.rows]

    select_row(page.cases, 0)
    assert page.won_back_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        assert page.mark_won_back()
    with services.store.reading() as s:
        card = s.get(Customer, dropped)
        assert card is not None and card.status == "active"
    assert page.cases.model.rows[0].status == "won_back"


def test_the_warning_list_exports_the_rows_it_shows(
    context: PageContext, qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    cid = add_customer(services, "苏州恒达机械", TODAY - D(3))
    add_order(services, cid, TODAY - D(400), 1_000_000)
    add_order(services, cid, TODAY - D(20), 100_000)
    page = loaded_page(context, qtbot)
    target = tmp_path / "warnings.xlsx"
    page.export("warnings", str(target))
    qtbot.waitUntil(target.exists, timeout=10_000)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("客户", "负责人")
    assert rows[1][0] == "苏州恒达机械"
    assert (rows[1][4], rows[1][5]) == (1000, 10000)  # yuan
    assert rows[1][3] == "订货下降"

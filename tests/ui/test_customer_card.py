"""The customer card: overview, history tabs, contacts through the contact dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from fixed_time import TEST_NOW
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.domain.customer import ContactDraft, CustomerDraft
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.store.models import (
    Complaint,
    Customer,
    DailyReport,
    MarketReport,
    Opportunity,
    OutboxEntry,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.activity.complaint_dialog import ComplaintDialog
from crm_desktop.ui.activity.market_report_dialog import MarketReportDialog
from crm_desktop.ui.customers.card import CustomerCardDialog
from crm_desktop.ui.customers.contact_dialog import ContactDialog
from crm_desktop.ui.customers.page import CustomersPage
from crm_desktop.ui.pages.base import PageContext


def _add_history(services: Services, customer_id: str) -> None:
    me = services.actor.user_id
    with UnitOfWork(services.store, me) as uow:
        report = DailyReport(report_date=dt.date(2024, 5, 6), owner_id=me)
        uow.session.add(report)
        uow.session.flush()
        uow.session.add_all(
            [
                VisitRecord(
                    report_id=report.id,
                    customer_id=customer_id,
                    owner_id=me,
                    visit_date=dt.date(2024, 5, 6),
                    purpose="order",
                    outcome="order_placed",
                    is_effective=True,
                    order_amount_fen=880_000,
                    next_step="送样品",
                ),
                Opportunity(
                    customer_id=customer_id,
                    name="二期生产线",
                    amount_fen=50_000_000,
                    stage_code="proposal",
                    expected_close_on=dt.date(2024, 9, 30),
                    owner_id=me,
                ),
                Complaint(
                    customer_id=customer_id,
                    received_on=dt.date(2024, 4, 2),
                    category="delivery",
                    status="in_progress",
                    description="到货延迟三天",
                    owner_id=me,
                ),
            ]
        )
        uow.commit()


@pytest.fixture
def customer_id(services: Services) -> str:
    customer_id = services.customers.save(
        CustomerDraft(
            name="宁波海天塑机有限公司",
            short_name="海天",
            region="华东",
            is_key_account=True,
            credit_limit_fen=10_000_000,
            status="lost",
            loss_reason="price",
        )
    )
    services.customers.save_contact(
        ContactDraft(
            customer_id=customer_id, name="周经理", title="采购经理", buying_role="decision_maker"
        )
    )
    _add_history(services, customer_id)
    return customer_id


@pytest.fixture
def card(services: Services, customer_id: str, qtbot: QtBot) -> CustomerCardDialog:
    dialog = CustomerCardDialog(services, "zh_CN", customer_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_card_shows_overview_and_history(card: CustomerCardDialog) -> None:
    assert card.title.text() == "★ 宁波海天塑机有限公司"
    values = card.overview.values
    assert values["credit_limit_fen"].text() == "¥100,000.00"
    assert values["status"].text() == "流失客户"
    assert values["loss_reason"].text() == "价格不具竞争力"
    assert values["is_key_account"].text() in ("是", "Yes")
    assert values["value_class"].text() == "A"
    assert card.contacts.table.rowCount() == 1
    assert card.contacts.table.item(0, 3).text() == "决策者"
    visits = card.visits_model
    assert visits.rowCount() == 1 and card.visits.model() is visits
    assert visits.data(visits.index(0, 1)) == "订货"
    assert visits.data(visits.index(0, 2)) == "已下订单"
    assert visits.data(visits.index(0, 3)) == "✓"
    assert visits.data(visits.index(0, 4)) == "¥8,800.00"
    assert visits.data(visits.index(0, 5)) == "送样品"
    assert card.opportunities.item(0, 1).text() == "制作方案"
    assert card.complaints.item(0, 2).text() == "处理中"
    assert card.tabs.tabText(2).endswith("(1)")


def test_double_click_opens_the_card(context: PageContext, qtbot: QtBot, customer_id: str) -> None:
    page = CustomersPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    index = page.model.index(0, 0)
    rect = page.view.visualRect(index)
    # Qt's item views need the press/release before the double-click event.
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.card_dialog is not None and page.card_dialog.isVisible()
    assert page.card_dialog.customer_id == customer_id


def test_edit_from_the_card_reloads_it(
    card: CustomerCardDialog, qtbot: QtBot, services: Services, customer_id: str
) -> None:
    dialog = card.edit()
    assert dialog is not None
    name = dialog.form.editors["name"]
    name.setText("宁波海天塑机集团")  # type: ignore[union-attr]
    with qtbot.waitSignal(card.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert card.title.text() == "★ 宁波海天塑机集团"


def test_add_contact_through_the_dialog(
    card: CustomerCardDialog, qtbot: QtBot, services: Services, customer_id: str
) -> None:
    dialog = card.contacts.add_contact()
    assert isinstance(dialog, ContactDialog) and dialog.isVisible()
    assert not dialog.birthday.isEnabled()  # no birthday until the user says it is known
    dialog.edits["name"].setText("林小姐")
    dialog.edits["mobile"].setText("13800138000")
    dialog.edits["email"].setText("lin@example.cn")
    dialog.buying_role.setCurrentIndex(dialog.buying_role.findData("influencer"))
    dialog.has_birthday.setChecked(True)
    dialog.birthday.setDate(QDate(1990, 3, 8))
    dialog.is_key_contact.setChecked(True)
    with qtbot.waitSignal(card.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    contacts = services.customers.card(customer_id).contacts
    saved = next(c for c in contacts if c.name == "林小姐")
    assert saved.birthday == dt.date(1990, 3, 8) and saved.is_key_contact
    assert saved.buying_role == "influencer"
    assert card.contacts.table.rowCount() == 2
    assert card.contacts.table.item(0, 0).text() == "★ 林小姐"  # key contacts first


def test_contact_dialog_shows_problems_and_keeps_input(
    card: CustomerCardDialog, qtbot: QtBot
) -> None:
    dialog = card.contacts.add_contact()
    dialog.edits["email"].setText("not-an-email")
    dialog.edits["title"].setText("总监")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors["name"].isVisible() and dialog.errors["email"].isVisible()
    assert dialog.edits["email"].text() == "not-an-email"
    assert dialog.edits["title"].text() == "总监"


def test_edit_contact_clears_the_birthday(
    card: CustomerCardDialog, qtbot: QtBot, services: Services, customer_id: str
) -> None:
    contact = card.contacts.contacts[0]
    services.customers.save_contact(
        ContactDraft(**{**contact.__dict__, "birthday": dt.date(1975, 1, 2)})
    )
    card.reload()
    card.contacts.table.selectRow(0)
    dialog = card.contacts.edit_contact()
    assert dialog is not None and dialog.has_birthday.isChecked()
    assert dialog.birthday.date() == QDate(1975, 1, 2)
    dialog.has_birthday.setChecked(False)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert services.customers.card(customer_id).contacts[0].birthday is None


def test_delete_contact_asks_first(
    card: CustomerCardDialog,
    qtbot: QtBot,
    services: Services,
    customer_id: str,
    answer_confirm: Callable[[bool], list[str]],
) -> None:
    card.contacts.table.selectRow(0)
    asked = answer_confirm(True)
    with qtbot.waitSignal(card.contacts.changed, timeout=10_000):
        assert card.contacts.delete_contact()
    assert "周经理" in asked[0]
    assert services.customers.card(customer_id).contacts == []
    assert card.contacts.table.rowCount() == 0


def test_card_of_a_deleted_customer_reports_the_error(
    services: Services, customer_id: str, qtbot: QtBot, shown_errors: list[UserFacingError]
) -> None:
    services.customers.delete(customer_id)
    dialog = CustomerCardDialog(services, "zh_CN", customer_id)
    qtbot.addWidget(dialog)
    assert dialog.card is None and len(shown_errors) == 1


# --- activity on the card: next visit due, complaints and market reports tabs ------------


def test_overview_shows_next_visit_due_and_flags_it_when_overdue(
    card: CustomerCardDialog, services: Services, customer_id: str
) -> None:
    # Key account (class A, 14 days); its last effective visit is the 2024-05-06 one.
    with UnitOfWork(services.store, None) as uow:
        customer = uow.session.get(Customer, customer_id)
        assert customer is not None
        customer.last_effective_visit_on = dt.date(2024, 5, 6)
        uow.commit()
    card.reload()
    label = card.overview.values["next_visit"]
    assert label.text().startswith("2024-05-20")
    assert label.property("overdue") is True and "c62828" in label.styleSheet()

    with UnitOfWork(services.store, None) as uow:
        customer = uow.session.get(Customer, customer_id)
        assert customer is not None
        customer.last_effective_visit_on = TEST_NOW.date()
        uow.commit()
    card.reload()
    assert label.text() == (TEST_NOW.date() + dt.timedelta(days=14)).isoformat()
    assert label.property("overdue") is False and label.styleSheet() == ""


def test_new_complaint_from_the_card_is_prefilled_and_reloads_it(
    card: CustomerCardDialog, qtbot: QtBot, services: Services, customer_id: str
) -> None:
    assert card.tabs.tabText(4).endswith("(1)")
    dialog = card.complaints_tab.new()
    assert isinstance(dialog, ComplaintDialog) and dialog.isVisible()
    assert dialog.customer.fixed and dialog.customer.customer_id() == customer_id
    assert dialog.contact.findText("周经理") > 0  # the customer's contacts are offered
    dialog.description.setPlainText("发票抬头错误")
    dialog.contact.setCurrentIndex(dialog.contact.findText("周经理"))
    with qtbot.waitSignal(card.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert card.complaints.rowCount() == 2
    assert card.tabs.tabText(4).endswith("(2)")
    with services.store.reading() as s:
        stored = s.scalars(select(Complaint).where(Complaint.description == "发票抬头错误")).one()
        assert stored.customer_id == customer_id and stored.contact_id is not None
        assert (
            s.scalars(
                select(OutboxEntry).where(
                    OutboxEntry.entity == "complaint", OutboxEntry.row_id == stored.id
                )
            )
            .one()
            .name
            == "create"
        )


def test_market_reports_tab_new_and_edit(
    card: CustomerCardDialog, qtbot: QtBot, services: Services, customer_id: str
) -> None:
    assert card.market_reports.rowCount() == 0 and card.tabs.tabText(5).endswith("(0)")
    dialog = card.market_tab.new()
    assert isinstance(dialog, MarketReportDialog)
    assert dialog.customer.customer_id() == customer_id
    dialog.description.setPlainText("客户采购经理将调岗")
    dialog.category.setCurrentIndex(dialog.category.findData("personnel_change"))
    with qtbot.waitSignal(card.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert card.market_reports.rowCount() == 1
    assert card.market_reports.item(0, 1).text() == "客户人事变动"
    card.market_reports.selectRow(0)
    edit = card.market_tab.edit_selected()
    assert edit is not None and edit.description.toPlainText() == "客户采购经理将调岗"
    edit.description.setPlainText("采购经理已调岗")
    with qtbot.waitSignal(card.changed):
        qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert card.market_reports.item(0, 4).text() == "采购经理已调岗"
    with services.store.reading() as s:
        [report] = s.scalars(select(MarketReport)).all()
        assert (report.customer_id, report.region) == (customer_id, "华东")


@pytest.mark.parametrize(
    ("tab", "expected"), [("visits", ("送样品",)), ("opportunities", ("二期生产线",))]
)
def test_visits_and_opportunities_export_as_shown(
    card: CustomerCardDialog, qtbot: QtBot, tmp_path: Path, tab: str, expected: tuple[str]
) -> None:
    card.tabs.setCurrentWidget(getattr(card, tab))
    assert card.export_button.isVisibleTo(card)
    dialog = card.export_tab()
    assert dialog is not None
    qtbot.addWidget(dialog)
    target = tmp_path / f"{tab}.xlsx"
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as blocker:
        assert dialog.start() is not None
    assert blocker.args[0].rows == 1  # this customer's one visit / one opportunity
    cells = [c for row in openpyxl.load_workbook(target).active.iter_rows(values_only=True)
             for c in row]  # fmt: skip
    assert all(text in cells for text in expected)
    card.tabs.setCurrentIndex(0)
    assert not card.export_button.isVisibleTo(card)  # nothing to export on the details tab


def test_a_confidential_customer_says_so_outside_the_owners_line(
    services: Services, qtbot: QtBot, add_user: Callable[..., str]
) -> None:
    """The server sends an admin a confidential customer's sensitive fields blank; the
    card says they are confidential instead of showing them empty (SPEC §2)."""
    secret = services.customers.save(
        CustomerDraft(
            name="中航保密科技有限公司",
            tax_id="91110000MA01ABCD2X",
            credit_limit_fen=10_000_000,
            confidential=True,
        )
    )
    owner = CustomerCardDialog(services, "zh_CN", secret)
    qtbot.addWidget(owner)
    assert owner.overview.values["credit_limit_fen"].text() == "¥100,000.00"
    assert owner.overview.values["tax_id"].text() == "91110000MA01ABCD2X"

    services.user.switch(add_user("admin", "系统管理员", Role.ADMIN))
    admin = CustomerCardDialog(services, "zh_CN", secret)
    qtbot.addWidget(admin)
    values = admin.overview.values
    hidden = ("保密（仅负责人及其上级可见）", "Confidential (owner and superiors only)")
    for name in ("tax_id", "credit_limit_fen", "payment_terms", "annual_sales_fen"):
        assert values[name].text() in hidden, name
    assert admin.title.text() == "中航保密科技有限公司"
    assert values["confidential"].text() in ("是", "Yes")

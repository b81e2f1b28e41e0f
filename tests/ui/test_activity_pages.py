"""Market report, complaint and follow-up dialogs and pages, driven like a user would."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
from fixed_time import TEST_NOW
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.domain.complaints import ComplaintAction, ComplaintDraft
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.follow_ups import FollowUpDraft
from crm_desktop.domain.picklists import Role
from crm_desktop.services.activity.complaints import ComplaintService
from crm_desktop.services.container import Services
from crm_desktop.services.day.follow_ups import FollowUpService
from crm_desktop.store.models import Complaint, Customer, FollowUp, MarketReport, OutboxEntry
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.activity.complaint_dialog import ComplaintDialog
from crm_desktop.ui.activity.complaints_page import ComplaintsPage
from crm_desktop.ui.activity.follow_ups_page import FollowUpsPage
from crm_desktop.ui.activity.form import ActivityDialog
from crm_desktop.ui.activity.market_report_dialog import MarketReportDialog
from crm_desktop.ui.activity.market_reports_page import MarketReportsPage
from crm_desktop.ui.pages.base import PageContext

TODAY = TEST_NOW.date()
DAY = dt.timedelta(days=1)


def saved(qtbot: QtBot, dialog: ActivityDialog) -> bool:
    """Save and wait for the writer lane: True when the record was written."""
    if not dialog.save():
        return False
    qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
    return dialog.saved_id is not None


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def add_customer(services: Services, name: str, owner_id: str | None = None) -> str:
    owner = owner_id or services.actor.user_id
    with UnitOfWork(services.store, owner) as uow:
        customer = Customer(name=name, owner_id=owner, region="华东")
        uow.session.add(customer)
        uow.commit()
        return customer.id


def outbox(services: Services, entity: str) -> list[tuple[str, str, dict[str, object]]]:
    with services.store.reading() as s:
        rows = s.scalars(select(OutboxEntry).where(OutboxEntry.entity == entity)).all()
        return [(r.name, r.row_id, json.loads(r.patch)) for r in rows]


def complaints_in_store(services: Services) -> list[Complaint]:
    with services.store.reading() as s:
        return list(s.scalars(select(Complaint)))


@pytest.fixture
def customer_id(services: Services) -> str:
    return add_customer(services, "宁波海天塑机有限公司")


# --- complaint dialog ---------------------------------------------------------------------


def test_complaint_from_a_customer_shows_problems_inline_and_keeps_input(
    context: PageContext, qtbot: QtBot, services: Services, customer_id: str
) -> None:
    dialog = ComplaintDialog(context, customer_id)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.customer.fixed and dialog.customer.name_label.text() == "宁波海天塑机有限公司"
    dialog.received_on.setDate(qdate(TODAY - 2 * DAY))
    dialog.has_due.setChecked(True)
    dialog.due_on.setDate(qdate(TODAY - 5 * DAY))  # before it was received
    dialog.department.setText("质量部")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.saved_id is None
    assert dialog.errors["due_on"].isVisible()
    assert dialog.errors["due_on"].text() == "处理期限不能早于受理日期"
    assert dialog.errors["description"].isVisible()
    assert dialog.department.text() == "质量部"  # what was typed stays
    assert complaints_in_store(services) == []

    dialog.due_on.setDate(qdate(TODAY + 3 * DAY))
    dialog.description.setPlainText("到货包装破损，要求换货")
    dialog.category.setCurrentIndex(dialog.category.findData("damage"))
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [stored] = complaints_in_store(services)
    assert (stored.customer_id, stored.category, stored.due_on) == (
        customer_id,
        "damage",
        TODAY + 3 * DAY,
    )
    assert stored.responsible_department == "质量部"
    assert [(n, i) for n, i, _p in outbox(services, "complaint")] == [("create", stored.id)]


def test_complaint_resolved_without_resolution_is_refused(
    context: PageContext, qtbot: QtBot, services: Services, customer_id: str
) -> None:
    dialog = ComplaintDialog(context, customer_id)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.description.setPlainText("批次色差")
    dialog.status.setCurrentIndex(dialog.status.findData("resolved"))
    assert not dialog.save()
    assert dialog.errors["resolution"].isVisible()
    dialog.resolution.setCurrentIndex(dialog.resolution.findData("exchange"))
    assert saved(qtbot, dialog)
    [stored] = complaints_in_store(services)
    assert (stored.status, stored.resolution, stored.resolved_on) == ("resolved", "exchange", TODAY)


def test_complaint_for_a_customer_the_user_cannot_see_is_refused_inline(
    context: PageContext, qtbot: QtBot, services: Services, add_user: Callable[..., str]
) -> None:
    other = add_user("li", "李四")
    theirs = add_customer(services, "李四的客户", owner_id=other)
    dialog = ComplaintDialog(context, theirs)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.description.setPlainText("送货晚了")
    assert not saved(qtbot, dialog)  # the service refuses it, on the writer lane
    assert dialog.errors["customer"].isVisible()
    assert "不属于您" in dialog.errors["customer"].text()
    assert dialog.description.toPlainText() == "送货晚了"
    assert complaints_in_store(services) == [] and outbox(services, "complaint") == []


def test_complaint_without_a_customer_uses_the_picker(
    context: PageContext, qtbot: QtBot, services: Services, customer_id: str
) -> None:
    add_customer(services, "杭州西湖商贸有限公司")
    dialog = ComplaintDialog(context)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.description.setPlainText("服务态度差")
    assert not dialog.save()
    assert dialog.errors["customer"].isVisible()  # nothing chosen yet
    dialog.customer.search.setText("海天")
    qtbot.waitUntil(lambda: dialog.customer.customer_id() == customer_id)
    assert saved(qtbot, dialog)
    assert complaints_in_store(services)[0].customer_id == customer_id


def test_exec_returns_accepted_only_after_a_save(
    context: PageContext, qtbot: QtBot, services: Services, customer_id: str
) -> None:
    dialog = MarketReportDialog(context, customer_id)
    qtbot.addWidget(dialog)
    attempts: list[bool] = []

    def fill_and_save() -> None:
        attempts.append(dialog.save())  # empty description: stays open
        dialog.description.setPlainText("竞品在本区域买十送一")
        dialog.category.setCurrentIndex(dialog.category.findData("competitor_promotion"))
        attempts.append(dialog.save())

    QTimer.singleShot(0, fill_and_save)
    assert dialog.exec() == QDialog.DialogCode.Accepted
    assert attempts == [False, True]
    with services.store.reading() as s:
        [report] = s.scalars(select(MarketReport)).all()
        assert (report.customer_id, report.region, report.category) == (
            customer_id,
            "华东",
            "competitor_promotion",
        )
    assert [n for n, _i, _p in outbox(services, "market_report")] == ["create"]


def test_cancel_returns_rejected_and_writes_nothing(
    context: PageContext, qtbot: QtBot, services: Services, customer_id: str
) -> None:
    dialog = ComplaintDialog(context, customer_id)
    qtbot.addWidget(dialog)
    dialog.description.setPlainText("不保存")
    QTimer.singleShot(0, dialog.reject)
    assert dialog.exec() == QDialog.DialogCode.Rejected
    assert complaints_in_store(services) == []


# --- complaints page ----------------------------------------------------------------------


def test_complaints_page_highlights_overdue_and_runs_the_workflow(
    context: PageContext,
    qtbot: QtBot,
    services: Services,
    customer_id: str,
    shown_errors: list[UserFacingError],
) -> None:
    service = ComplaintService(services.store, services.user)
    late = service.create(
        ComplaintDraft(
            customer_id=customer_id,
            received_on=TODAY - 10 * DAY,
            due_on=TODAY - DAY,
            description="逾期未处理",
        )
    )
    service.create(ComplaintDraft(customer_id=customer_id, received_on=TODAY, description="刚收到"))
    page = ComplaintsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 2
    late_row = next(i for i, r in enumerate(page.model.rows) if r.id == late)
    assert page.model.is_alert(late_row) and not page.model.is_alert(1 - late_row)
    background = page.model.data(page.model.index(late_row, 0), Qt.ItemDataRole.BackgroundRole)
    assert background is not None
    due_text = str(page.model.data(page.model.index(late_row, 5)))
    assert "overdue" in due_text or "逾期" in due_text  # until the catalogue has it

    page.overdue.setChecked(True)
    assert [r.id for r in page.model.rows] == [late]
    page.view.selectRow(0)
    assert page.action_buttons[ComplaintAction.START].isEnabled()
    assert not page.action_buttons[ComplaintAction.CLOSE].isEnabled()
    with qtbot.waitSignal(context.operations.did_change):  # on the writer lane
        qtbot.mouseClick(page.action_buttons[ComplaintAction.START], Qt.MouseButton.LeftButton)
    assert service.get(late).status == "in_progress"

    page.view.selectRow(0)
    assert not page.apply(
        ComplaintAction.RESOLVE
    )  # no resolution yet: the edit dialog opens for it
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.status.currentData() == "resolved"
    dialog.resolution.setCurrentIndex(dialog.resolution.findData("repair"))
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert service.get(late).status == "resolved"
    assert page.model.rows == []  # resolved: no longer overdue
    assert shown_errors == []


# --- market reports page ------------------------------------------------------------------


def test_market_reports_page_new_and_supervisor_acknowledges(
    context: PageContext,
    qtbot: QtBot,
    services: Services,
    customer_id: str,
    add_user: Callable[..., str],
) -> None:
    page = MarketReportsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 0 and page.empty.isVisible()
    assert not page.acknowledge_button.isVisible()  # reps do not acknowledge
    dialog = page.new_report()
    dialog.description.setPlainText("经销商抱怨账期太短")
    dialog.category.setCurrentIndex(dialog.category.findData("dealer_complaint"))
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 1)) == "经销商抱怨"

    services.user.switch(add_user("boss", "王主管", Role.SUPERVISOR))
    boss_page = MarketReportsPage(context)
    qtbot.addWidget(boss_page)
    boss_page.show()
    assert boss_page.acknowledge_button.isVisible()
    boss_page.view.selectRow(0)
    with qtbot.waitSignal(context.operations.did_change):
        assert boss_page.acknowledge_selected()
    assert boss_page.model.rows[0].acknowledged_by_name == "王主管"
    assert not boss_page.acknowledge_button.isEnabled()
    assert [n for n, _i, _p in outbox(services, "market_report")] == ["create", "update"]


# --- follow-ups page ----------------------------------------------------------------------


def test_follow_ups_page_creates_ticks_off_and_highlights_overdue(
    context: PageContext, qtbot: QtBot, services: Services, customer_id: str
) -> None:
    service = FollowUpService(services.store, services.user)
    late = service.create(FollowUpDraft(title="寄送报价单", due_on=TODAY - 2 * DAY))
    page = FollowUpsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 1 and page.model.is_alert(0)

    dialog = page.new_follow_up()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.errors["title"].isVisible()
    dialog.title_edit.setText("确认下周拜访时间")
    dialog.due_on.setDate(qdate(TODAY + DAY))
    dialog.customer.search.setText("海天")
    qtbot.waitUntil(lambda: dialog.customer.customer_id() == customer_id)
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [r.title for r in page.model.rows] == ["寄送报价单", "确认下周拜访时间"]
    assert page.model.rows[1].customer_name == "宁波海天塑机有限公司"
    assert not page.model.is_alert(1)

    # The checkbox: what a click does to the model.
    index = page.model.index(0, 0)
    assert page.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    with qtbot.waitSignal(context.operations.did_change):
        assert page.model.setData(
            index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )
    assert [r.title for r in page.model.rows] == ["确认下周拜访时间"]
    with services.store.reading() as s:
        stored = s.get(FollowUp, late)
        assert stored is not None and stored.done and stored.done_at is not None
    page.show_done.setChecked(True)
    done_row = next(i for i, r in enumerate(page.model.rows) if r.id == late)
    assert not page.model.is_alert(done_row)  # done: never overdue
    with qtbot.waitSignal(context.operations.did_change):
        page.set_done(done_row, False)
    assert late in [r.id for r in page.model.rows if not r.done]
    names = [n for n, i, _p in outbox(services, "follow_up") if i == late]
    assert names == ["create", "update", "update"]

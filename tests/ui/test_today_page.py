"""The Today page: its sections filled from a real store, friendly empty states, ticking a
follow-up off, opening a customer's card, and the way to the Plans page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from fixed_time import TEST_NOW
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crm_desktop.config.settings import Settings
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.day.today import TodayService, TodayView
from crm_desktop.store.base import Base
from crm_desktop.store.models import Customer, DailyReport, FollowUp, PlanItem, VisitPlan
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.operations import FOLLOW_UPS, TARGETS
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.today.page import TodayPage

TODAY = TEST_NOW.date()


def add(services: Services, row: Base) -> str:
    with UnitOfWork(services.store, services.actor.user_id) as uow:
        uow.session.add(row)
        uow.commit()
        return str(row.id)  # type: ignore[attr-defined]


@pytest.fixture
def rep(services: Services, add_user: Callable[..., str]) -> str:
    uid = add_user("zhangwei", "张伟", Role.REP)
    services.user.switch(uid)
    return uid


def customer(
    services: Services, owner: str, name: str, value_class: str = "C", last: dt.date | None = TODAY
) -> str:
    row = Customer(name=name, owner_id=owner, status="active", value_class=value_class,
                   last_effective_visit_on=last)  # fmt: skip
    return add(services, row)


def follow_up(services: Services, owner: str, cid: str, title: str, due: dt.date,
              kind: str = "next_step") -> str:  # fmt: skip
    return add(services, FollowUp(customer_id=cid, kind=kind, title=title, due_on=due,
                                  owner_id=owner))  # fmt: skip


def open_page(context: PageContext, qtbot: QtBot) -> tuple[TodayPage, TodayView]:
    page = TodayPage(context)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.shown_view, timeout=10_000) as shown:
        page.page_shown()
    return page, shown.args[0]


def cells(table: Any, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_every_section_filled(context: PageContext, qtbot: QtBot, rep: str) -> None:
    services = context.services
    a = customer(services, rep, "甲贸易有限公司")
    b = customer(services, rep, "乙科技有限公司")
    customer(services, rep, "丙从未拜访公司", "A", None)
    customer(services, rep, "丁逾期公司", "B", TODAY - dt.timedelta(days=45))
    plan = add(services, VisitPlan(plan_date=TODAY, status="submitted", owner_id=rep))
    add(services, PlanItem(plan_id=plan, customer_id=a, planned_time="09:00", owner_id=rep,
                           purpose="order"))  # fmt: skip
    add(services, PlanItem(plan_id=plan, customer_id=b, planned_time="14:30", owner_id=rep))
    add(services, DailyReport(report_date=TODAY, plan_id=plan, owner_id=rep))
    follow_up(services, rep, a, "催收上月货款", TODAY - dt.timedelta(days=2))
    follow_up(services, rep, b, "确认明天上午拜访", TODAY, kind="appointment")

    page, view = open_page(context, qtbot)
    assert view.plan is not None and view.plan.items == 2
    assert "已提交" in page.plan_line.text() and "2" in page.plan_line.text()
    assert "草稿" in page.report_line.text()
    assert cells(page.plan_section.table, 1) == ["甲贸易有限公司", "乙科技有限公司"]
    assert cells(page.plan_section.table, 2) == ["订货", "其他"]
    assert cells(page.follow_up_section.table, 3) == ["催收上月货款"]
    assert "2" in cells(page.follow_up_section.table, 1)[0]  # two days late
    assert cells(page.appointment_section.table, 2) == ["确认明天上午拜访"]
    assert cells(page.overdue_section.table, 0) == ["丙从未拜访公司", "丁逾期公司"]
    assert page.overdue_section.table.item(1, 4).text().startswith("15")  # 45 - 30 days
    for section in (page.plan_section, page.follow_up_section, page.appointment_section,
                    page.overdue_section):  # fmt: skip
        assert section.table.isVisible() and not section.empty.isVisible()


def test_empty_states_are_friendly(context: PageContext, qtbot: QtBot, rep: str) -> None:
    customer(context.services, rep, "刚拜访过的公司")
    page, view = open_page(context, qtbot)
    assert view.plan is None and view.overdue_total == 0
    assert "还没有" in page.plan_line.text() or "No visit plan" in page.plan_line.text()
    assert not page.plan_section.table.isVisible()
    for section in (page.follow_up_section, page.appointment_section, page.overdue_section):
        assert not section.table.isVisible()
        assert section.empty.isVisible() and section.empty.text()
    assert page.follow_up_section.empty.text() == page.tr("No follow-ups due — well done.")


def test_a_signed_report_leaves_nothing_to_log(
    context: PageContext, qtbot: QtBot, rep: str
) -> None:
    """The planned customer not visited is no longer 待登记 once the report is signed: the
    list is empty and says why, rather than claiming every visit was logged."""
    services = context.services
    a = customer(services, rep, "甲贸易有限公司")
    plan = add(services, VisitPlan(plan_date=TODAY, status="countersigned", owner_id=rep))
    add(services, PlanItem(plan_id=plan, customer_id=a, planned_time="09:00", owner_id=rep))
    add(services, DailyReport(report_date=TODAY, plan_id=plan, owner_id=rep, status="signed"))
    page, view = open_page(context, qtbot)
    assert view.to_log == []
    assert not page.plan_section.table.isVisible() and not page.to_log_label.isVisible()
    assert page.plan_section.empty.isVisible()
    assert page.plan_section.empty.text() == page.tr(
        "The report is handed in: nothing more to log today."
    )


def test_a_long_customer_name_is_not_cut_while_there_is_room(
    context: PageContext, qtbot: QtBot, rep: str
) -> None:
    """On a 1366 px screen the page is about 1190 px wide: a long name takes the width
    the short to-do leaves, rather than an equal share and an ellipsis."""
    services = context.services
    long_name = "杭州宇创餐饮管理贸易有限公司第二分公司"
    follow_up(services, rep, customer(services, rep, long_name), "拜访", TODAY)
    page, _view = open_page(context, qtbot)
    page.resize(1190, 700)
    table = page.follow_up_section.table
    qtbot.waitUntil(lambda: table.viewport().width() < 700)
    customer_column = 2
    assert table.item(0, customer_column).text() == long_name
    needed = table.sizeHintForColumn(customer_column)
    assert table.columnWidth(customer_column) >= needed
    widths = sum(table.columnWidth(c) for c in range(table.columnCount()))
    assert widths <= table.viewport().width()  # and still no sideways scroll


def test_the_overdue_note_counts_beyond_the_list(
    context: PageContext, qtbot: QtBot, rep: str
) -> None:
    with UnitOfWork(context.services.store, rep) as uow:
        for n in range(60):
            uow.session.add(
                Customer(name=f"客户{n:02d}", owner_id=rep, last_effective_visit_on=None)
            )
        uow.commit()
    page, view = open_page(context, qtbot)
    assert view.overdue_total == 60 and page.overdue_section.table.rowCount() == 50
    assert "60" in page.overdue_section.note.text() and page.overdue_section.note.isVisible()


def test_ticking_a_follow_up_marks_it_done(context: PageContext, qtbot: QtBot, rep: str) -> None:
    services = context.services
    a = customer(services, rep, "甲贸易有限公司")
    fid = follow_up(services, rep, a, "寄送产品目录", TODAY)
    page, _view = open_page(context, qtbot)
    item = page.follow_up_section.table.item(0, 0)
    assert item.flags() & Qt.ItemFlag.ItemIsEnabled
    with qtbot.waitSignal(context.operations.did_change) as announced:
        item.setCheckState(Qt.CheckState.Checked)
    assert announced.args == [FOLLOW_UPS, page]  # on the writer lane, said to every page
    with services.store.reading() as s:
        row = s.get(FollowUp, fid)
        assert row is not None and row.done and row.done_at is not None
    assert page.follow_up_section.table.item(0, 3).font().strikeOut()
    with qtbot.waitSignal(context.operations.did_change):
        item.setCheckState(Qt.CheckState.Unchecked)  # a slip, undone
    with services.store.reading() as s:
        row = s.get(FollowUp, fid)
        assert row is not None and not row.done
    # Shown again, a done follow-up is gone.
    with qtbot.waitSignal(context.operations.did_change):
        page.follow_up_section.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(page.shown_view, timeout=10_000) as shown:
        page.page_shown()
    assert shown.args[0].follow_ups == [] and page.follow_up_section.empty.isVisible()


def test_a_refused_tick_goes_back(
    context: PageContext,
    qtbot: QtBot,
    rep: str,
    add_user: Callable[..., str],
    shown_errors: list[UserFacingError],
) -> None:
    services = context.services
    a = customer(services, rep, "甲贸易有限公司")
    follow_up(services, rep, a, "寄送产品目录", TODAY)
    page, _view = open_page(context, qtbot)
    # The user changed under the page (a login elsewhere): the follow-up is not theirs.
    services.user.switch(add_user("liuyang", "刘洋", Role.REP))
    item = page.follow_up_section.table.item(0, 0)
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: len(shown_errors) == 1)
    assert item.checkState() == Qt.CheckState.Unchecked
    assert not page.follow_up_section.table.item(0, 3).font().strikeOut()


def test_a_write_on_another_page_refreshes_only_what_today_shows(
    context: PageContext, qtbot: QtBot, rep: str
) -> None:
    services, ops = context.services, context.operations
    a = customer(services, rep, "甲贸易有限公司")
    page, view = open_page(context, qtbot)
    assert view.follow_ups == []
    # A target saved elsewhere is not on this page: nothing is re-read.
    ops.did_change.emit(TARGETS, None)
    assert page.task is not None and not page.task.running
    # A follow-up written by another page (an operation on the writer lane) shows at once.
    with qtbot.waitSignal(page.shown_view, timeout=10_000) as shown:
        ops.write(lambda: follow_up(services, rep, a, "寄送产品目录", TODAY), FOLLOW_UPS)
    assert [f.title for f in shown.args[0].follow_ups] == ["寄送产品目录"]
    assert cells(page.follow_up_section.table, 3) == ["寄送产品目录"]


def test_double_click_opens_the_customer_card(context: PageContext, qtbot: QtBot, rep: str) -> None:
    cid = customer(context.services, rep, "丙从未拜访公司", "A", None)
    page, _view = open_page(context, qtbot)
    table = page.overdue_section.table
    table.cellDoubleClicked.emit(0, 0)
    dialog = page.card_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.customer_id == cid
    dialog.close()


def test_the_button_goes_to_the_plans_page(
    services: Services, settings: Settings, qtbot: QtBot, rep: str
) -> None:
    window = MainWindow(services, settings, "zh_CN")
    qtbot.addWidget(window)
    window.show()
    today = window.stack.currentWidget()
    assert isinstance(today, TodayPage)  # the window opens on Today
    qtbot.waitUntil(lambda: today.view is not None, timeout=10_000)
    opened: list[dt.date] = []
    plans = window.stack.page("plans")
    if not hasattr(plans, "open_day"):  # PlansPage.open_day comes with the plan editor
        plans.open_day = opened.append  # type: ignore[attr-defined]
    page = today.open_plans()
    assert isinstance(page, Page) and page is window.stack.currentWidget()
    assert page.key == "plans"
    if opened:
        assert opened == [TODAY]


def test_a_supervisor_sees_how_many_items_wait_for_review(
    context: PageContext, qtbot: QtBot, rep: str
) -> None:
    page = TodayPage(context)
    qtbot.addWidget(page)
    page.show()
    view = TodayService(context.services.store, context.services.user).view(TODAY)
    page.show_view(replace(view, to_review=3))
    assert page.review_button.isVisible() and "3" in page.review_button.text()
    page.show_view(replace(view, to_review=0))
    assert not page.review_button.isVisible()

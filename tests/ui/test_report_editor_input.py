"""The report and plan editors never change or lose what is typed: amounts are checked
as they are typed by the domain's money rule, every problem shows at once, an absurd
amount and empty planned visits are confirmed, nothing moves under the pointer, and a
whole visit fits a 1366×768 laptop."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.config.settings import Settings
from crm_desktop.domain.daily import PlanItemDraft, ReportDraft
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.policy import DEFAULT_POLICY
from crm_desktop.services.container import Services
from crm_desktop.services.day.daily_reports import ReportView
from crm_desktop.services.day.day_plans import DayPlanService
from crm_desktop.services.day.form_drafts import FormDraftService, plan_key
from crm_desktop.store.models import (
    Customer,
    DailyReport,
    Target,
    TeamPolicyRow,
    VisitPlan,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.operations import FOLLOW_UPS, REPORTS, VISITS
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.plans.customer_picker import CustomerPicker
from crm_desktop.ui.plans.page import PlansPage
from crm_desktop.ui.plans.report_editor import ReportEditor

DAY = dt.date(2026, 11, 23)  # a Monday: the tests' clock's today


@pytest.fixture
def page(context: PageContext, qtbot: QtBot, add_customers: Callable[..., None]) -> PlansPage:
    add_customers(3)
    widget = PlansPage(context)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.open_day(DAY)
    widget.show_report()
    return widget


def _pick(qtbot: QtBot, picker: CustomerPicker, text: str) -> None:
    picker.search.setText(text)
    qtbot.waitUntil(lambda: picker.results.count() == 1 and text in picker.results.item(0).text())
    picker.results.setCurrentRow(0)
    qtbot.keyClick(picker.results, Qt.Key.Key_Return)


def _add_visit(qtbot: QtBot, report: ReportEditor, customer: str) -> None:
    qtbot.mouseClick(report.add_visit_button, Qt.MouseButton.LeftButton)
    _pick(qtbot, report.picker, customer)


def _plan(services: Services, count: int) -> None:
    with services.store.reading() as s:
        ids = list(s.scalars(select(Customer.id).order_by(Customer.name).limit(count)))
    DayPlanService(services.store, services.user).save_items(
        DAY,
        [PlanItemDraft(customer_id=c, planned_time=f"{9 + i:02d}:00") for i, c in enumerate(ids)],
    )


def _reports(services: Services) -> list[DailyReport]:
    with services.store.reading() as s:
        return list(s.scalars(select(DailyReport)))


def test_a_negative_amount_never_reaches_the_live_total(page: PlansPage, qtbot: QtBot) -> None:
    report = page.report_editor
    _add_visit(qtbot, report, "客户00001")
    field = report.form.texts["collection_amount"]
    qtbot.keyClicks(field, "800")
    assert report.totals_labels["collections"].text() == "¥800.00"
    field.clear()
    qtbot.keyClicks(field, "-500")
    assert report.totals_labels["collections"].text() == "¥0.00"  # never ¥-500.00
    assert field.property("invalid") is True
    # Named while typing: the visit and the field.
    assert report.form.error.text().startswith("第1条拜访 · 回款金额：")
    field.setText("−¥500")  # the typographic minus of a pasted figure
    assert report.totals_labels["collections"].text() == "¥0.00"
    assert field.property("invalid") is True
    field.setText("500")
    assert field.property("invalid") is False and report.form.error.text() == ""
    assert report.totals_labels["collections"].text() == "¥500.00"
    # The day's expenses follow the same rule as they are typed.
    qtbot.keyClicks(report.expenses, "-86.5")
    assert report.expenses.property("invalid") is True
    assert "负数" in report.expenses.toolTip()
    report.expenses.setText("86.50")
    assert report.expenses.property("invalid") is False


def test_every_problem_shows_at_once_naming_visit_and_field(
    page: PlansPage, qtbot: QtBot, services: Services, shown_errors: list[UserFacingError]
) -> None:
    report = page.report_editor
    _add_visit(qtbot, report, "客户00001")
    qtbot.keyClicks(report.form.texts["start_time"], "10:00")
    qtbot.keyClicks(report.form.texts["end_time"], "09:00")
    _add_visit(qtbot, report, "客户00002")
    qtbot.keyClicks(report.form.texts["order_amount"], "-5")
    qtbot.keyClicks(report.form.texts["collection_amount"], "abc")
    qtbot.mouseClick(report.save_button, Qt.MouseButton.LeftButton)
    assert len(shown_errors) == 1  # one message, not one problem at a time
    lines = shown_errors[0].message_zh.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("第1条拜访（客户00001贸易有限公司） · 结束时间：")
    assert lines[1].startswith("第2条拜访（客户00002贸易有限公司） · 订货金额：")
    assert lines[2].startswith("第2条拜访（客户00002贸易有限公司） · 回款金额：")
    assert report.visit_list.item(0, 3).text() == report.visit_list.item(1, 3).text() == "⚠ to fix"
    assert report.current == 0 and report.form.texts["end_time"].property("invalid") is True
    assert report.form.texts["end_time"].text() == "09:00"  # kept for fixing
    report.visit_list.setCurrentRow(1)  # the other visit to fix shows its problems
    assert report.form.texts["order_amount"].property("invalid") is True
    assert report.form.error.text().count("第2条拜访") == 2
    report.visit_list.setCurrentRow(0)  # back: its problem (not an amount) shows again
    assert report.form.texts["end_time"].property("invalid") is True
    assert "结束时间" in report.form.error.text()
    assert _reports(services) == []


def test_an_inline_mark_goes_once_the_field_is_typed_in(
    page: PlansPage, qtbot: QtBot, shown_errors: list[UserFacingError]
) -> None:
    report = page.report_editor
    _add_visit(qtbot, report, "客户00001")
    qtbot.keyClicks(report.form.texts["start_time"], "10:00")
    qtbot.keyClicks(report.form.texts["end_time"], "09:00")
    qtbot.mouseClick(report.save_button, Qt.MouseButton.LeftButton)
    end = report.form.texts["end_time"]
    assert end.property("invalid") is True and "结束时间" in report.form.error.text()
    qtbot.keyClick(end, Qt.Key.Key_Backspace)
    assert end.property("invalid") is False and report.form.error.text() == ""


def test_an_absurd_amount_is_confirmed_before_saving(
    page: PlansPage,
    qtbot: QtBot,
    services: Services,
    answer_confirm: Callable[[bool], list[str]],
    shown_errors: list[UserFacingError],
) -> None:
    report = page.report_editor
    _add_visit(qtbot, report, "客户00001")
    report.form.texts["collection_amount"].insert("20亿")  # QTest types ASCII only
    asked = answer_confirm(False)
    assert not report.save()
    assert len(asked) == 1 and "¥1,000,000,000.00" in asked[0]
    assert "第1条拜访（客户00001贸易有限公司） · 回款金额：¥2,000,000,000.00" in asked[0]
    assert _reports(services) == []
    assert report.form.texts["collection_amount"].text() == "20亿"  # nothing changed
    answer_confirm(True)
    with qtbot.waitSignal(report.changed):
        assert report.save()
    assert shown_errors == []
    with services.store.reading() as s:
        assert s.scalars(select(VisitRecord.collection_amount_fen)).one() == 2_000_000_000_00


def test_the_teams_own_ceiling_decides_which_amounts_are_confirmed(
    page: PlansPage,
    qtbot: QtBot,
    services: Services,
    answer_confirm: Callable[[bool], list[str]],
    shown_errors: list[UserFacingError],
) -> None:
    """A team of small shops sets 5万 (issue 15): above it the editor asks, below it not,
    and the ¥10亿 default no longer decides."""
    columns = {**DEFAULT_POLICY.columns(), "confirm_amount_above_yuan": 50_000}
    with UnitOfWork(services.store, None) as uow:  # as a sync brings the admin's row
        uow.session.add(TeamPolicyRow(team_id=None, version=1, **columns))
        uow.commit()
    page.page_shown()  # it arrived while the app ran
    report = page.report_editor
    _add_visit(qtbot, report, "客户00001")
    amount = report.form.texts["collection_amount"]
    amount.insert("6万")
    asked = answer_confirm(False)
    assert not report.save()
    assert len(asked) == 1 and "¥50,000.00" in asked[0]
    assert "回款金额：¥60,000.00" in asked[0]
    assert _reports(services) == []
    amount.clear()
    amount.insert("4万")
    asked = answer_confirm(True)
    with qtbot.waitSignal(report.changed):
        assert report.save()
    assert asked == [] and shown_errors == []  # below the team's ceiling: no question
    with services.store.reading() as s:
        assert s.scalars(select(VisitRecord.collection_amount_fen)).one() == 40_000_00


def test_an_amount_beyond_the_hard_limit_is_a_message_not_a_crash(
    page: PlansPage, qtbot: QtBot, services: Services, shown_errors: list[UserFacingError]
) -> None:
    report = page.report_editor
    _add_visit(qtbot, report, "客户00001")
    qtbot.keyClicks(report.form.texts["order_amount"], "1" + "0" * 17)
    assert report.totals_labels["orders"].text().endswith("¥0.00")
    assert not report.save()
    [error] = shown_errors
    assert "订货金额" in error.message_zh and "上限" in error.message_zh
    assert "Order amount" in error.message_en and "limit" in error.message_en
    assert _reports(services) == []


def test_submit_asks_about_empty_planned_visits_which_do_not_count(
    context: PageContext,
    qtbot: QtBot,
    services: Services,
    add_customers: Callable[..., None],
    answer_confirm: Callable[[bool], list[str]],
    shown_errors: list[UserFacingError],
) -> None:
    add_customers(3)
    _plan(services, 3)
    page = PlansPage(context)
    qtbot.addWidget(page)
    page.open_day(DAY)
    report = page.report_editor
    assert report.visit_list.count() == 3
    assert report.visit_list.item(1, 3).text() == "not filled in"
    assert report.totals_labels["visits"].text() == "0"  # pre-filled is not visited
    report.visit_list.setCurrentRow(0)
    report.form.texts["contacts_met"].insert("王经理")
    assert report.totals_labels["visits"].text() == "1"
    asked = answer_confirm(False)
    assert not report.submit()
    assert asked == [
        "2 planned visit(s) not filled in; submit anyway? They will count as not visited."
    ]
    assert _reports(services) == []
    answer_confirm(True)
    with qtbot.waitSignal(report.changed):
        assert report.submit()
    assert shown_errors == []
    with services.store.reading() as s:
        assert s.scalars(select(DailyReport.status)).one() == "submitted"
        assert s.scalars(select(VisitRecord.contacts_met)).all() == ["王经理"]


def test_a_report_save_runs_on_the_writer_lane_and_says_what_it_changed(
    page: PlansPage,
    qtbot: QtBot,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    shown_errors: list[UserFacingError],
) -> None:
    report = page.report_editor
    _add_visit(qtbot, report, "客户00001")
    report.form.texts["contacts_met"].insert("王经理")
    threads: list[threading.Thread] = []
    real_save = report.reports.save

    def save(draft: ReportDraft) -> ReportView:  # the real save, noting where it runs
        threads.append(threading.current_thread())
        return real_save(draft)

    monkeypatch.setattr(report.reports, "save", save)
    with qtbot.waitSignal(page.context.operations.did_change) as announced:
        assert report.save()
        # Queued: the form is locked until the write lands.
        assert report.saving and not report.save_button.isEnabled()
        assert not report.form_scroll.isEnabled()
    assert threads and threads[0] is not threading.main_thread()
    changes, origin = announced.args
    assert origin is report and changes == REPORTS | VISITS | FOLLOW_UPS
    assert shown_errors == [] and not report.saving and report.save_button.isEnabled()
    with services.store.reading() as s:
        assert s.scalars(select(VisitRecord.contacts_met)).all() == ["王经理"]


def test_a_failed_save_keeps_everything_typed(
    page: PlansPage,
    qtbot: QtBot,
    services: Services,
    shown_errors: list[UserFacingError],
) -> None:
    report = page.report_editor
    _add_visit(qtbot, report, "客户00001")
    with qtbot.waitSignal(report.changed):
        assert report.save()
    # Submitted on another laptop meanwhile, and synced in: a save is refused now.
    with services.store.write_sessions() as s, s.begin():
        s.scalars(select(DailyReport)).one().status = "submitted"
    report.form.texts["contacts_met"].insert("王经理")
    report.reflections.insertPlainText("客户对新品有兴趣")
    announced: list[object] = []
    page.context.operations.did_change.connect(lambda *args: announced.append(args))
    assert report.save()
    qtbot.waitUntil(lambda: not report.saving)
    assert [type(e).__name__ for e in shown_errors] == ["TransitionError"]
    assert report.form.texts["contacts_met"].text() == "王经理"
    assert report.reflections.toPlainText() == "客户对新品有兴趣"
    assert report.save_button.isEnabled() and report.form_scroll.isEnabled()
    assert announced == []
    with services.store.reading() as s:
        assert s.scalars(select(VisitRecord.contacts_met)).all() == [None]


def _on(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def test_the_money_field_never_moves_while_the_totals_change(
    page: PlansPage, qtbot: QtBot, services: Services
) -> None:
    me = services.actor.user_id
    with UnitOfWork(services.store, me) as uow:
        for kind, value in (("visits", 42), ("sales", 2_100_000_00), ("collection", 9_000_00)):
            uow.session.add(Target(kind=kind, assignee_user_id=me, period_kind="month",
                                   period_start=dt.date(2026, 11, 1),
                                   period_end=dt.date(2026, 11, 30), value=value))  # fmt: skip
        uow.commit()
    page.open_day(DAY)
    report = page.report_editor
    _add_visit(qtbot, report, "客户00001")
    field = report.form.texts["collection_amount"]
    qtbot.waitUntil(lambda: field.isVisible())
    QApplication.processEvents()
    before, panel = _on(field, page), report.totals.size()
    for key in "1234567890.55":
        qtbot.keyClicks(field, key)
        QApplication.processEvents()  # the layout settles on a posted LayoutRequest
        assert _on(field, page) == before and report.totals.size() == panel
    assert field.text() == "1234567890.55"
    assert report.totals_labels["collections"].full_text == "¥1,234,567,890.55"
    qtbot.keyClicks(report.form.texts["order_amount"], "99999999")
    QApplication.processEvents()
    assert _on(field, page) == before and report.totals.size() == panel


def test_comments_banner_return_red_approval_neutral_gone_after_resubmit(
    page: PlansPage,
    qtbot: QtBot,
    services: Services,
    answer_confirm: Callable[[bool], list[str]],
) -> None:
    answer_confirm(True)
    report = page.report_editor
    _add_visit(qtbot, report, "客户00001")
    with qtbot.waitSignal(report.changed):
        assert report.submit()
    with services.store.write_sessions() as s, s.begin():  # the supervisor's return, synced
        row = s.scalars(select(DailyReport)).one()
        row.status, row.review_comment = "returned", "请补充竞品信息"
    page.open_day(DAY)
    banner = report.comment_label
    assert banner.isVisibleTo(report) and banner.objectName() == "conflictBanner"
    assert "请补充竞品信息" in banner.text()
    report.form.longs["competitor_info"].insertPlainText("对手降价5%")
    with qtbot.waitSignal(report.changed):
        assert report.submit()
    assert not banner.isVisibleTo(report)  # answered: the return comment goes
    with services.store.write_sessions() as s, s.begin():  # signed with a note
        row = s.scalars(select(DailyReport)).one()
        row.status, row.review_comment = "signed", "很好，继续保持"
    page.open_day(DAY)
    assert banner.isVisibleTo(report) and "很好，继续保持" in banner.text()
    assert banner.objectName() != "conflictBanner"  # an approval is not a rejection


def test_a_failed_submit_of_an_empty_plan_leaves_nothing_behind(
    page: PlansPage,
    qtbot: QtBot,
    services: Services,
    answer_confirm: Callable[[bool], list[str]],
    shown_errors: list[UserFacingError],
) -> None:
    answer_confirm(True)
    page.show_plan()
    editor = page.plan_editor
    _pick(qtbot, editor.picker, "客户00001")
    editor.table.selectRow(0)
    editor.remove_selected()
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    assert [e.message_en for e in shown_errors] == [
        "The plan has no customers yet; add the customers to visit first"
    ]
    with services.store.reading() as s:
        assert s.scalars(select(VisitPlan)).all() == []
    editor.autosaver.flush()
    assert FormDraftService(services.store).load(plan_key(DAY)) is None


def test_a_whole_visit_fits_a_1366_by_768_laptop(
    services: Services, settings: Settings, qtbot: QtBot, add_customers: Callable[..., None]
) -> None:
    add_customers(3)
    _plan(services, 3)
    window = MainWindow(services, settings, "zh_CN")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.show_page("plans")
    assert isinstance(page, PlansPage)
    page.open_day(DAY)
    page.show_report()
    report = page.report_editor
    qtbot.waitUntil(lambda: report.form.isVisible())
    assert window.width() == 1366 and window.height() == 768  # nothing forced it wider
    assert not page.panel.isVisible()  # the calendar folds away beside the report
    scroll = report.form_scroll
    assert not scroll.verticalScrollBar().isVisible()
    # Every field of the visit is on screen: inside the scroll area's viewport.
    viewport = QRect(QPoint(0, 0), scroll.viewport().size())
    for widget in (*report.form.texts.values(), *report.form.longs.values(),
                   report.form.next_step_on):  # fmt: skip
        assert viewport.contains(_on(widget, scroll.viewport())), widget
    # The calendar comes back at a click, and the window still does not grow.
    page.calendar_button.click()
    assert page.panel.isVisible() and window.width() == 1366

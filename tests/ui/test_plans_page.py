"""The Plans & reports page driven through its real widgets: fill a plan, turn it into a
report, fill visits, submit; check the store's rows and outbox. Signed reports are
read-only; typed text survives a destroyed widget through the autosaved draft."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.domain.errors import TransitionError, UserFacingError, ValidationError
from crm_desktop.services.container import Services
from crm_desktop.services.day.form_drafts import FormDraftService, plan_key, report_key
from crm_desktop.store.models import (
    DailyReport,
    FollowUp,
    OutboxEntry,
    PlanItem,
    VisitPlan,
    VisitRecord,
)
from crm_desktop.ui.operations import REPORTS
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.plans.calendar import PlanCalendar
from crm_desktop.ui.plans.customer_picker import CustomerPicker
from crm_desktop.ui.plans.page import PlansPage
from crm_desktop.ui.plans.plan_editor import OBJECTIVE, PURPOSE, TIME, PlanEditor
from crm_desktop.ui.plans.report_editor import ReportEditor

DAY = dt.date(2026, 11, 23)  # a Monday


@pytest.fixture
def page(context: PageContext, qtbot: QtBot) -> PlansPage:
    widget = PlansPage(context)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.open_day(DAY)
    return widget


def _pick(qtbot: QtBot, picker: CustomerPicker, text: str) -> None:
    """Type into the picker's search and activate the single result."""
    picker.search.setText(text)  # QTest types ASCII only: Chinese goes in as an IME would
    qtbot.waitUntil(lambda: picker.results.count() == 1 and text in picker.results.item(0).text())
    picker.results.setCurrentRow(0)
    qtbot.keyClick(picker.results, Qt.Key.Key_Return)


def _outbox(services: Services) -> list[tuple[str, str, dict[str, object]]]:
    with services.store.reading() as s:
        return [
            (o.name, o.entity, json.loads(o.patch))
            for o in s.scalars(select(OutboxEntry).order_by(OutboxEntry.mutation_id))
        ]


def _fill_plan(qtbot: QtBot, page: PlansPage) -> None:
    editor = page.plan_editor
    _pick(qtbot, editor.picker, "客户00001")
    _pick(qtbot, editor.picker, "客户00002")
    assert editor.table.rowCount() == 2
    editor.table.item(0, TIME).setText("9:30")
    editor.table.item(0, OBJECTIVE).setText("谈下季度订单")
    combo = editor.table.cellWidget(0, PURPOSE)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("order"))


def _written(qtbot: QtBot, editor: PlanEditor) -> None:
    """Wait for the editor's writes to land: a submit is a save, then the submit."""
    qtbot.waitUntil(lambda: not editor.saving)


def _submit_one_visit(
    page: PlansPage,
    qtbot: QtBot,
    add_customers: Callable[..., None],
    answer_confirm: Callable[[bool], list[str]],
) -> ReportEditor:
    """The day's report with one unplanned visit, submitted (the write landed)."""
    add_customers(2)
    answer_confirm(True)
    page.open_day(DAY)
    report = page.report_editor
    qtbot.mouseClick(report.add_visit_button, Qt.MouseButton.LeftButton)
    _pick(qtbot, report.picker, "客户00001")
    with qtbot.waitSignal(report.changed):
        qtbot.mouseClick(report.submit_button, Qt.MouseButton.LeftButton)
    return report


def test_plan_to_report_to_submit(
    page: PlansPage,
    qtbot: QtBot,
    services: Services,
    add_customers: Callable[..., None],
    answer_confirm: Callable[[bool], list[str]],
    shown_errors: list[UserFacingError],
) -> None:
    add_customers(5)
    page.open_day(DAY)
    answer_confirm(True)
    _fill_plan(qtbot, page)
    qtbot.mouseClick(page.plan_editor.submit_button, Qt.MouseButton.LeftButton)
    _written(qtbot, page.plan_editor)
    assert shown_errors == []
    with services.store.reading() as s:
        plan = s.scalars(select(VisitPlan)).one()
        items = s.scalars(select(PlanItem).order_by(PlanItem.position)).all()
        assert plan.plan_date == DAY and plan.status == "submitted"
        assert [(i.planned_time, i.purpose, i.objective) for i in items] == [
            ("09:30", "order", "谈下季度订单"),
            (None, "other", None),
        ]
    assert ("submit_plan", "visit_plan", {}) in _outbox(services)
    assert not page.plan_editor.submit_button.isVisibleTo(page.plan_editor)  # submitted: read-only
    assert page.panel.calendar.statuses[DAY].plan == "submitted"

    # The report is pre-filled from the plan: two planned visits.
    page.show_report()
    report = page.report_editor
    assert report.visit_list.count() == 2
    assert report.view is not None and report.view.draft.id is None
    form = report.form
    report.visit_list.setCurrentRow(0)
    assert form.texts["start_time"].text() == "09:30"
    qtbot.keyClicks(form.texts["end_time"], "10:15")
    form.texts["contacts_met"].insert("王经理")
    qtbot.keyClicks(form.texts["order_amount"], "12,000.50")
    form.flags["is_effective"].setChecked(True)
    form.outcome.setCurrentIndex(form.outcome.findData("order_placed"))
    form.texts["next_step"].insert("送合同")
    form.next_step_on.setDate(QDate(2026, 11, 26))
    assert report.totals_labels["orders"].text().endswith("¥12,000.50")  # live totals
    report.visit_list.setCurrentRow(1)
    qtbot.keyClicks(form.texts["collection_amount"], "800")
    # An unplanned visit to a customer picked by search.
    qtbot.mouseClick(report.add_visit_button, Qt.MouseButton.LeftButton)
    _pick(qtbot, report.picker, "客户00003")
    assert report.visit_list.count() == 3 and report.current == 2
    qtbot.keyClicks(form.texts["start_time"], "16:00")
    report.reflections.insertPlainText("客户对新品有兴趣")
    assert report.totals_labels["visits"].text() == "3"

    with qtbot.waitSignal(report.changed):
        qtbot.mouseClick(report.submit_button, Qt.MouseButton.LeftButton)
    assert shown_errors == []
    with services.store.reading() as s:
        saved = s.scalars(select(DailyReport)).one()
        assert saved.status == "submitted" and saved.reflections == "客户对新品有兴趣"
        visits = s.scalars(select(VisitRecord).order_by(VisitRecord.start_time)).all()
        assert [(v.start_time, v.end_time, v.planned, v.order_amount_fen,
                 v.collection_amount_fen) for v in visits] == [
            (None, None, True, 0, 800_00),
            ("09:30", "10:15", True, 1_200_050, 0),
            ("16:00", None, False, 0, 0),
        ]  # fmt: skip
        assert visits[1].contacts_met == "王经理" and visits[1].outcome == "order_placed"
        follow_up = s.scalars(select(FollowUp)).one()
        assert (follow_up.title, follow_up.due_on) == ("送合同", dt.date(2026, 11, 26))
    names = [(n, e) for n, e, _ in _outbox(services)]
    assert names.count(("create", "visit_record")) == 3
    assert ("create", "follow_up") in names
    assert names[-1] == ("submit_report", "daily_report")
    assert page.panel.calendar.statuses[DAY].report == "submitted"
    assert not report.submit_button.isVisibleTo(report)


def test_problems_are_shown_and_nothing_is_lost(
    page: PlansPage,
    qtbot: QtBot,
    services: Services,
    add_customers: Callable[..., None],
    shown_errors: list[UserFacingError],
) -> None:
    add_customers(3)
    page.open_day(DAY)
    page.show_report()
    report = page.report_editor
    qtbot.mouseClick(report.add_visit_button, Qt.MouseButton.LeftButton)
    _pick(qtbot, report.picker, "客户00001")
    form = report.form
    qtbot.keyClicks(form.texts["start_time"], "10:00")
    qtbot.keyClicks(form.texts["end_time"], "09:00")
    qtbot.mouseClick(report.save_button, Qt.MouseButton.LeftButton)
    assert len(shown_errors) == 1 and isinstance(shown_errors[0], ValidationError)
    assert shown_errors[0].field == "end_time"
    assert form.texts["end_time"].property("invalid") is True
    assert form.texts["end_time"].text() == "09:00"  # kept for fixing
    form.texts["end_time"].clear()
    qtbot.keyClicks(form.texts["order_amount"], "-5")
    qtbot.mouseClick(report.save_button, Qt.MouseButton.LeftButton)
    assert shown_errors[-1].message_en.startswith("Visit 1 (客户00001")
    assert shown_errors[-1].message_en.endswith(
        "· Order amount: The amount cannot be negative (-5)"
    )
    with services.store.reading() as s:
        assert s.scalars(select(DailyReport)).all() == []


def test_returned_report_shows_comment_and_resubmits(
    page: PlansPage,
    qtbot: QtBot,
    services: Services,
    add_customers: Callable[..., None],
    answer_confirm: Callable[[bool], list[str]],
    shown_errors: list[UserFacingError],
) -> None:
    report = _submit_one_visit(page, qtbot, add_customers, answer_confirm)
    with services.store.write_sessions() as s, s.begin():  # the supervisor's return, synced
        row = s.scalars(select(DailyReport)).one()
        row.status, row.review_comment = "returned", "请补充竞品信息"
    page.open_day(DAY)
    assert (
        report.comment_label.isVisibleTo(report) and "请补充竞品信息" in report.comment_label.text()
    )
    assert report.submit_button.isVisibleTo(report)
    report.form.longs["competitor_info"].insertPlainText("对手降价5%")
    with qtbot.waitSignal(report.changed):
        qtbot.mouseClick(report.submit_button, Qt.MouseButton.LeftButton)
    assert shown_errors == []
    with services.store.reading() as s:
        row = s.scalars(select(DailyReport)).one()
        assert row.status == "submitted"
        visit = s.scalars(select(VisitRecord)).one()
        assert visit.competitor_info == "对手降价5%"


def test_a_return_on_another_page_shows_here_without_reopening_the_day(
    page: PlansPage,
    qtbot: QtBot,
    services: Services,
    add_customers: Callable[..., None],
    answer_confirm: Callable[[bool], list[str]],
) -> None:
    report = _submit_one_visit(page, qtbot, add_customers, answer_confirm)
    assert not report.submit_button.isVisibleTo(report)

    def returned() -> None:  # the supervisor's return, as another page writes it
        with services.store.write_sessions() as s, s.begin():
            row = s.scalars(select(DailyReport)).one()
            row.status, row.review_comment = "returned", "请补充竞品信息"

    ops = page.context.operations
    with qtbot.waitSignal(ops.did_change):
        ops.write(returned, REPORTS)
    assert "请补充竞品信息" in report.comment_label.text()
    assert report.submit_button.isVisibleTo(report)  # open again for the answer
    assert page.panel.calendar.statuses[DAY].report == "returned"


def test_signed_report_is_read_only_everywhere(
    page: PlansPage,
    qtbot: QtBot,
    services: Services,
    add_customers: Callable[..., None],
    answer_confirm: Callable[[bool], list[str]],
) -> None:
    report = _submit_one_visit(page, qtbot, add_customers, answer_confirm)
    with services.store.write_sessions() as s, s.begin():
        row = s.scalars(select(DailyReport)).one()
        row.status, row.review_comment = "signed", "同意，继续跟进"
        report_id = row.id
    page.open_day(DAY)
    # GUI: no save or submit, inputs locked, the comment shown.
    assert not report.save_button.isVisibleTo(report)
    assert not report.submit_button.isVisibleTo(report)
    assert not report.add_visit_button.isVisibleTo(report)
    assert report.visit_list.count() == 1  # still there to read
    assert not report.header.isEnabled()
    assert report.form.texts["order_amount"].isReadOnly()
    assert "同意，继续跟进" in report.comment_label.text()
    assert page.panel.calendar.statuses[DAY].report == "signed"
    # Service: refused.
    view = page.reports.report(DAY)
    with pytest.raises(TransitionError):
        page.reports.save(view.draft)
    # Raw SQL on the local store: refused by the trigger.
    sql = "UPDATE visit_records SET order_amount_fen = 99 WHERE report_id = ?"
    with (
        sqlite3.connect(services.database_path) as raw,
        pytest.raises(sqlite3.IntegrityError, match="frozen_report"),
    ):
        raw.execute(sql, (report_id,))


def test_autosave_restores_typed_text_after_the_widget_is_gone(
    context: PageContext,
    qtbot: QtBot,
    services: Services,
    add_customers: Callable[..., None],
    shown_errors: list[UserFacingError],
) -> None:
    add_customers(3)
    drafts = FormDraftService(services.store)
    first = PlansPage(context)  # not qtbot's to close: the test deletes it
    first.show()
    first.open_day(DAY)
    _pick(qtbot, first.plan_editor.picker, "客户00002")
    first.plan_editor.table.item(0, OBJECTIVE).setText("催收货款")
    report = first.report_editor
    report.reflections.insertPlainText("今天拜访很顺利")
    # The report's countdown runs out on its own (no save, no close).
    qtbot.waitUntil(lambda: drafts.load(report_key(DAY)) is not None, timeout=5000)
    # Closing flushes the plan's at once.
    first.close()
    assert drafts.load(plan_key(DAY)) is not None
    with qtbot.waitSignal(first.destroyed):
        first.deleteLater()
    with services.store.reading() as s:
        assert s.scalars(select(VisitPlan)).all() == []  # nothing was really saved

    second = PlansPage(context)
    qtbot.addWidget(second)
    second.show()
    second.open_day(DAY)
    assert second.report_editor.reflections.toPlainText() == "今天拜访很顺利"
    assert second.report_editor.restored_label.isVisibleTo(second.report_editor)
    plan = second.plan_editor
    assert plan.restored_label.isVisibleTo(plan)
    assert plan.table.rowCount() == 1
    assert plan.table.item(0, OBJECTIVE).text() == "催收货款"
    # A real save clears the draft.
    with qtbot.waitSignal(plan.changed):
        qtbot.mouseClick(plan.save_button, Qt.MouseButton.LeftButton)
    assert shown_errors == []
    assert drafts.load(plan_key(DAY)) is None
    with services.store.reading() as s:
        assert s.scalars(select(PlanItem.objective)).all() == ["催收货款"]


def test_plan_status_says_unsaved_once_customers_are_listed(
    page: PlansPage,
    qtbot: QtBot,
    add_customers: Callable[..., None],
    answer_confirm: Callable[[bool], list[str]],
) -> None:
    add_customers(2)
    page.open_day(DAY)
    editor = page.plan_editor
    no_plan = "No plan for this day yet: add customers to start one."
    assert editor.status_label.text() == no_plan
    _pick(qtbot, editor.picker, "客户00001")
    assert editor.status_label.text() == "New plan, not saved yet."
    editor.table.selectRow(0)
    editor.remove_selected()
    assert editor.status_label.text() == no_plan
    _pick(qtbot, editor.picker, "客户00001")
    with qtbot.waitSignal(editor.changed):
        assert editor.save()
    assert editor.status_label.text().startswith("Plan status: ")


def test_picker_elides_long_names_instead_of_scrolling_sideways(
    page: PlansPage, qtbot: QtBot, add_customers: Callable[..., None]
) -> None:
    add_customers(1, prefix="一个名字非常非常长的客户集团股份有限公司上海分公司")
    page.open_day(DAY)
    results = page.plan_editor.picker.results
    qtbot.waitUntil(lambda: results.count() == 1)
    assert results.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    item = results.item(0)
    assert item.toolTip() == item.text() and "上海分公司" in item.toolTip()


def test_calendar_weeks_start_on_monday_in_english_too(qtbot: QtBot) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        calendar = PlanCalendar()
        qtbot.addWidget(calendar)
        assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    finally:
        QLocale.setDefault(before)


def test_double_clicking_a_result_adds_the_visit_once(
    qtbot: QtBot, page: PlansPage, add_customers: Callable[..., None]
) -> None:
    # The picker listened to both itemActivated and itemDoubleClicked; a double click
    # fires both, so the unplanned visit went into the report twice.
    add_customers(1)
    page.open_day(DAY)
    picker = page.plan_editor.picker  # the same picker class as the report's 添加计划外拜访
    picked: list[tuple[str, str]] = []
    picker.picked.connect(lambda cid, name: picked.append((cid, name)))
    picker.search.setText("客户00001")
    qtbot.waitUntil(lambda: picker.results.count() == 1)
    rect = picker.results.visualItemRect(picker.results.item(0))
    # A real double click: press and release, then the double-click press and release.
    viewport, left = picker.results.viewport(), Qt.MouseButton.LeftButton
    qtbot.mouseClick(viewport, left, pos=rect.center())
    qtbot.mouseDClick(viewport, left, pos=rect.center())
    qtbot.mouseRelease(viewport, left, pos=rect.center())
    assert len(picked) == 1

"""The Review page driven through its real widgets and keys: clear a queue with the
keyboard, a stale sign-off shows the message and the new content, reps never see it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from crm_desktop.config.settings import Settings
from crm_desktop.domain.daily import PlanItemDraft
from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.day.daily_reports import DailyReportService
from crm_desktop.services.day.day_plans import DayPlanService
from crm_desktop.services.review.review import PLAN, REPORT, StaleReview
from crm_desktop.store.models import Customer, DailyReport, OutboxEntry, User, VisitPlan
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.operations import REPORTS
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.pages.registry import available_pages
from crm_desktop.ui.review.page import ReviewPage

DAY = dt.date(2026, 11, 23)  # a Monday
REPS = (("zhang", "张伟"), ("liu", "刘洋"), ("chen", "陈静"))


def _user(services: Services, username: str, name: str, role: Role, boss: str | None) -> str:
    with UnitOfWork(services.store, None) as uow:
        user = User(username=username, display_name=name, role=role.value, supervisor_id=boss)
        uow.session.add(user)
        uow.commit()
        return user.id


def _rep_submits(services: Services, rep: str, day: dt.date) -> None:
    """As `rep`: a one-customer plan and its report, both submitted."""
    services.user.switch(rep)
    with UnitOfWork(services.store, rep) as uow:
        customer = Customer(name=f"客户{rep[-6:]}{day.day}", owner_id=rep, status="active")
        uow.session.add(customer)
        uow.commit()
        customer_id = customer.id
    plans = DayPlanService(services.store, services.user)
    plans.save_items(day, [PlanItemDraft(customer_id=customer_id, planned_time="10:00")])
    plans.submit(day)
    reports = DailyReportService(services.store, services.user)
    draft = reports.report(day).draft
    visits = tuple(replace(v, outcome="interested", is_effective=True) for v in draft.visits)
    reports.submit(replace(draft, visits=visits, reflections="原来的心得"))


@pytest.fixture
def team(services: Services) -> dict[str, str]:
    """李明华 leads three reps, each with a submitted plan and report on two days; 周强's
    rep 孙丽 has submitted too. The laptop's user is 李明华."""
    supervisor = _user(services, "li", "李明华", Role.SUPERVISOR, None)
    other = _user(services, "zhou", "周强", Role.SUPERVISOR, None)
    ids = {"supervisor": supervisor}
    for username, name in REPS:
        ids[username] = _user(services, username, name, Role.REP, supervisor)
        for day in (DAY - dt.timedelta(days=3), DAY):
            _rep_submits(services, ids[username], day)
    ids["sun"] = _user(services, "sun", "孙丽", Role.REP, other)
    _rep_submits(services, ids["sun"], DAY)
    services.user.switch(supervisor)
    return ids


@pytest.fixture
def page(context: PageContext, qtbot: QtBot, team: dict[str, str]) -> ReviewPage:
    widget = ReviewPage(context)
    qtbot.addWidget(widget)
    widget.resize(1400, 850)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.panel.item_opened, timeout=10_000):
        widget.page_shown()
    return widget


def _statuses(services: Services) -> dict[str, str]:
    with services.store.reading() as s:
        plans = dict(s.execute(select(VisitPlan.id, VisitPlan.status)).all())
        reports = dict(s.execute(select(DailyReport.id, DailyReport.status)).all())
    return plans | reports


def _commands(services: Services) -> list[tuple[str, str, dict[str, object]]]:
    with services.store.reading() as s:
        rows = s.scalars(
            select(OutboxEntry)
            .where(
                OutboxEntry.name.not_in(
                    ("create", "update", "delete", "submit_plan", "submit_report")
                )
            )
            .order_by(OutboxEntry.mutation_id)
        )
        return [(r.name, r.row_id, json.loads(r.patch)) for r in rows]


def test_clear_the_queue_with_the_keyboard(
    page: ReviewPage,
    qtbot: QtBot,
    services: Services,
    team: dict[str, str],
    shown_errors: list[UserFacingError],
) -> None:
    panel = page.panel
    queue = list(panel.model.rows)
    # Three reps × two days × (plan, report), oldest day first; 孙丽 is another team's.
    assert len(queue) == 12
    assert [i.day for i in queue] == sorted(i.day for i in queue)
    assert team["sun"] not in {i.rep_id for i in queue}
    assert [i.kind for i in queue[:2]] == [PLAN, REPORT]  # a rep's plan, then report
    assert panel.item is not None and panel.item.id == queue[0].id
    assert panel.comment.hasFocus()  # focus lands in the comment box

    # Down / Up move in the queue from the comment box, opening each item.
    with qtbot.waitSignal(panel.item_opened):
        qtbot.keyClick(panel.comment, Qt.Key.Key_Down)
    assert panel.item is not None and panel.item.id == queue[1].id
    assert panel.view.title.text().startswith(queue[1].rep_name)
    with qtbot.waitSignal(panel.item_opened):
        qtbot.keyClick(panel.comment, Qt.Key.Key_Up)
    assert panel.item is not None and panel.item.id == queue[0].id

    # Ctrl+R with no comment: refused with a message, nothing written, item stays.
    qtbot.keyClick(panel.comment, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(shown_errors[-1], ValidationError)
    assert _statuses(services)[queue[0].id] == "submitted"

    # Return the first item with a comment, then Ctrl+Enter through the rest.
    qtbot.keyClicks(panel.comment, "please add the objective")
    with qtbot.waitSignal(panel.item_opened):
        qtbot.keyClick(panel.comment, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert panel.item is not None and panel.item.id == queue[1].id  # the next one opened
    assert panel.comment.toPlainText() == ""
    for position, entry in enumerate(queue[1:], start=1):
        assert panel.item is not None and panel.item.id == entry.id
        assert panel.comment.hasFocus()
        if position == 2:
            qtbot.keyClicks(panel.comment, "good")
        last = position == len(queue) - 1
        with qtbot.waitSignal(panel.item_opened):
            qtbot.keyClick(panel.comment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        if last:
            assert panel.item is None
    assert panel.model.rowCount() == 0
    assert panel.view.empty.isVisible()
    assert not shown_errors[1:]

    statuses = _statuses(services)
    assert statuses[queue[0].id] == "returned"
    for entry in queue[1:]:
        expected = "countersigned" if entry.kind == PLAN else "signed"
        assert statuses[entry.id] == expected
    commands = _commands(services)
    assert commands[0] == ("return_plan", queue[0].id, {"comment": "please add the objective"})
    assert [(name, row_id) for name, row_id, _ in commands[1:]] == [
        ("countersign_plan" if e.kind == PLAN else "sign_report", e.id) for e in queue[1:]
    ]
    assert commands[2][2]["comment"] == "good"
    assert all(
        set(args) == {"version", "content_hash", "comment"}
        for name, _, args in commands
        if name == "sign_report"
    )

    # Nothing left: a refresh finds an empty queue.
    with qtbot.waitSignal(panel.queue_loaded):
        panel.refresh()
    assert panel.model.rowCount() == 0


def test_stale_sign_off_shows_the_message_and_the_new_content(
    page: ReviewPage,
    qtbot: QtBot,
    services: Services,
    shown_errors: list[UserFacingError],
) -> None:
    panel = page.panel
    row = next(r for r, i in enumerate(panel.model.rows) if i.kind == REPORT)
    report_id = panel.model.rows[row].id
    with qtbot.waitSignal(panel.item_opened):
        panel.queue.selectRow(row)
    assert panel.item is not None and panel.item.id == report_id
    assert panel.view.reflections.text() == "原来的心得"
    seen_version = panel.item.version
    qtbot.keyClicks(panel.comment, "ok")

    # A sync pulls the rep's change (new content, new version) while the report is open.
    with services.store.write_sessions() as s, s.begin():
        s.execute(
            text(
                "UPDATE daily_reports SET reflections = '改过的心得', version = version + 1 "
                "WHERE id = :r"
            ),
            {"r": report_id},
        )
    with qtbot.waitSignal(panel.item_opened):
        qtbot.keyClick(panel.comment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(shown_errors) == 1 and isinstance(shown_errors[0], StaleReview)
    assert _statuses(services)[report_id] == "submitted"
    assert _commands(services) == []
    # The same report, opened again with what changed; the typed comment is kept.
    assert panel.item is not None and panel.item.id == report_id
    assert panel.item.version == seen_version + 1
    assert panel.view.reflections.text() == "改过的心得"
    assert panel.comment.toPlainText() == "ok"

    with qtbot.waitSignal(panel.acted):
        qtbot.keyClick(panel.comment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _statuses(services)[report_id] == "signed"
    [(name, row_id, args)] = _commands(services)
    assert (name, row_id, args["version"], args["comment"]) == (
        "sign_report",
        report_id,
        seen_version + 1,
        "ok",
    )


def test_reopen_a_signed_report_from_the_signed_list(
    page: ReviewPage,
    qtbot: QtBot,
    services: Services,
    shown_errors: list[UserFacingError],
    answer_confirm: Callable[[bool], list[str]],
) -> None:
    panel = page.panel
    row = next(r for r, i in enumerate(panel.model.rows) if i.kind == REPORT)
    report_id = panel.model.rows[row].id
    with qtbot.waitSignal(panel.item_opened):
        panel.queue.selectRow(row)
    with qtbot.waitSignal(panel.acted):
        panel.sign()
    panel.mode.setCurrentIndex(panel.mode.findData("signed"))
    qtbot.waitUntil(
        lambda: (
            panel.item is not None and (panel.item.id, panel.item.status) == (report_id, "signed")
        )
    )
    assert [i.id for i in panel.model.rows] == [report_id]
    assert panel.reopen_button.isVisible() and not panel.sign_button.isEnabled()
    panel.reopen()  # no reason: refused
    assert isinstance(shown_errors[-1], ValidationError)
    asked = answer_confirm(True)
    qtbot.keyClicks(panel.comment, "wrong amount")
    with qtbot.waitSignal(panel.acted):
        panel.reopen()
    assert len(asked) == 1
    assert _statuses(services)[report_id] == "reopened"
    assert panel.model.rowCount() == 0


def test_a_rep_does_not_get_the_page(services: Services, settings: Settings, qapp: object) -> None:
    rep = _user(services, "zhang", "张伟", Role.REP, None)
    services.user.switch(rep)
    context = PageContext(services, settings, "zh_CN")
    assert not ReviewPage.available(context)
    assert ReviewPage not in available_pages(context)
    supervisor = _user(services, "li", "李明华", Role.SUPERVISOR, None)
    services.user.switch(supervisor)
    assert ReviewPage in available_pages(context)


# --- fits the screen, says what it did ----------------------------------------------------

LONG_NAMES = (
    "南京泽泰餐饮管理集团有限公司",
    "南京嘉泰物流总代理有限公司",
    "南京达越建材集团有限公司",
    "南京品嘉建材商贸有限公司",
    "南京盛海化工集团有限公司",
    "南京通恒新材料有限公司",
)
PURPOSES = ("new_customer", "complaint", "collection", "market_research", "order", "service")
OUTCOMES = ("follow_up", "not_met", "interested", "no_interest", "order_placed", "other")


def _busy_report(services: Services, rep: str) -> None:
    """As `rep`: six visits with long names, every column filled, submitted."""
    services.user.switch(rep)
    with UnitOfWork(services.store, rep) as uow:
        customers = [Customer(name=n, owner_id=rep, status="active") for n in LONG_NAMES]
        uow.session.add_all(customers)
        uow.commit()
        ids = [c.id for c in customers]
    plans = DayPlanService(services.store, services.user)
    plans.save_items(
        DAY,
        [PlanItemDraft(customer_id=c, planned_time=f"{9 + i:02d}:00") for i, c in enumerate(ids)],
    )
    plans.submit(DAY)
    reports = DailyReportService(services.store, services.user)
    draft = reports.report(DAY).draft
    visits = tuple(
        replace(
            v,
            start_time=f"{9 + i:02d}:00",
            end_time=f"{9 + i:02d}:45",
            purpose=PURPOSES[i],
            outcome=OUTCOMES[i],
            is_effective=True,
            order_amount_fen=2_450_000,
            collection_amount_fen=3_610_000,
            next_step="安排技术人员上门调试并确认下一批订货数量",
            next_step_on=DAY + dt.timedelta(days=3),
        )
        for i, v in enumerate(draft.visits)
    )
    reports.submit(replace(draft, visits=visits, reflections="收款顺利"))


@pytest.fixture
def busy_team(services: Services) -> dict[str, str]:
    supervisor = _user(services, "li", "李明华", Role.SUPERVISOR, None)
    rep = _user(services, "zhang", "张伟", Role.REP, supervisor)
    _busy_report(services, rep)
    services.user.switch(supervisor)
    return {"supervisor": supervisor, "zhang": rep}


def _review_in_window(services: Services, settings: Settings, qtbot: QtBot, lang: str,
                      size: tuple[int, int]) -> ReviewPage:  # fmt: skip
    """The Review page in the real main window of `size`, the report opened."""
    from crm_desktop.ui.main_window import MainWindow

    window = MainWindow(services, settings, lang)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("review")
    assert isinstance(page, ReviewPage)
    panel = page.panel
    qtbot.waitUntil(lambda: panel.item is not None, timeout=10_000)
    row = next(r for r, i in enumerate(panel.model.rows) if i.kind == REPORT)
    with qtbot.waitSignal(panel.item_opened, timeout=10_000):
        panel.queue.selectRow(row)
    return page


def _cells_fit(table: object) -> list[str]:
    """What of `table` is cut off: columns past the viewport's right edge, and cells
    whose text needs more room than the cell has."""
    from PySide6.QtWidgets import QTableWidget

    assert isinstance(table, QTableWidget)
    problems = []
    right = table.viewport().width()
    for c in range(table.columnCount()):
        if table.isColumnHidden(c):
            continue
        header = table.horizontalHeaderItem(c)
        name = header.text() if header else str(c)
        if table.columnViewportPosition(c) + table.columnWidth(c) > right:
            problems.append(f"column {name} past the edge")
        for r in range(table.rowCount()):
            cell = table.item(r, c)
            if cell is None or not cell.text():
                continue
            metrics = table.fontMetrics()
            width = table.columnWidth(c)
            flags = int(Qt.TextFlag.TextWordWrap)
            rect = metrics.boundingRect(0, 0, width - 8, 10_000, flags, cell.text())
            if rect.width() > width or rect.height() > table.rowHeight(r):
                problems.append(f"{name} row {r} cut: {cell.text()!r}")
    return problems


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_whole_report_fits_a_1366_screen(
    services: Services, settings: Settings, qtbot: QtBot, busy_team: dict[str, str], lang: str
) -> None:
    page = _review_in_window(services, settings, qtbot, lang, (1366, 768))
    view = page.panel.view
    visits = view.visits
    assert visits.rowCount() == len(LONG_NAMES)
    assert not visits.horizontalScrollBar().isVisible()
    assert visits.horizontalScrollBar().maximum() == 0
    assert _cells_fit(visits) == []
    # The plan is a line under the visits here, naming what it says.
    assert view.compact and not view.plan_box.isVisible()
    assert view.plan_line.isVisible() and "6" in view.plan_line.text()


def test_in_a_narrow_window_the_queue_goes_above_the_report(
    services: Services, settings: Settings, qtbot: QtBot, busy_team: dict[str, str]
) -> None:
    page = _review_in_window(services, settings, qtbot, "en", (1024, 768))
    panel = page.panel
    assert panel.queue_above
    assert panel.splitter.orientation() == Qt.Orientation.Vertical
    assert panel.queue.isVisible() and panel.model.rowCount() == 2
    assert _cells_fit(panel.view.visits) == []
    # Wide again: the queue goes back beside the report.
    page.window().resize(1366, 768)
    qtbot.waitUntil(lambda: not panel.queue_above)
    assert panel.splitter.orientation() == Qt.Orientation.Horizontal


def test_the_english_queue_and_plan_are_not_clipped_at_1920(
    services: Services, settings: Settings, qtbot: QtBot, busy_team: dict[str, str]
) -> None:
    page = _review_in_window(services, settings, qtbot, "en", (1920, 1080))
    panel = page.panel
    header = panel.queue.horizontalHeader()
    for column in range(header.count()):
        needed = max(header.sectionSizeHint(column), panel.queue.sizeHintForColumn(column))
        assert header.sectionSize(column) >= needed, panel.model.headerData(
            column, Qt.Orientation.Horizontal
        )
    assert panel.queue.horizontalScrollBar().maximum() == 0
    view = panel.view
    assert not view.compact and view.plan_box.isVisible()
    assert _cells_fit(view.visits) == []
    assert _cells_fit(view.planned) == []
    # A plan under review: its read-only Purpose column shows whole labels.
    plan_row = next(r for r, i in enumerate(panel.model.rows) if i.kind == PLAN)
    with qtbot.waitSignal(panel.item_opened):
        panel.queue.selectRow(plan_row)
    assert not view.planned.isColumnHidden(3)
    assert _cells_fit(view.planned) == []


def test_signing_and_returning_say_what_happened(
    services: Services, settings: Settings, qtbot: QtBot, team: dict[str, str]
) -> None:
    page = ReviewPage(PageContext(services, settings, "en"))
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.panel.item_opened, timeout=10_000):
        page.page_shown()
    panel = page.panel
    assert panel.notice.text() == ""
    first = panel.model.rows[0]
    assert first.kind == PLAN
    with qtbot.waitSignal(panel.item_opened):
        panel.accept_item()
    # The queue's days are in November of the clock's year: no year is named.
    assert first.day.year == services.clock.today().year and first.day.month == 11
    assert panel.notice.text() == f"Countersigned {first.rep_name}'s plan of {first.day.day} Nov"
    report = panel.model.rows[0]
    assert report.kind == REPORT
    # The sign-off runs on the writer lane and tells every page that reports changed.
    with (
        qtbot.waitSignal(panel.item_opened),
        qtbot.waitSignal(page.context.operations.did_change) as announced,
    ):
        panel.accept_item()
    assert announced.args is not None and announced.args[0] == REPORTS
    assert panel.notice.text() == f"Signed {report.rep_name}'s report of {report.day.day} Nov"
    qtbot.keyClicks(panel.comment, "add the purpose")
    returned = panel.model.rows[0]
    with qtbot.waitSignal(panel.item_opened):
        panel.return_item()
    kind = "plan" if returned.kind == PLAN else "report"
    assert panel.notice.text() == (
        f"Returned {returned.rep_name}'s {kind} of {returned.day.day} Nov"
    )


def test_the_day_of_a_notice_reads_naturally() -> None:
    from crm_desktop.ui.review.panel import _day_text

    assert _day_text(DAY, 2026, "zh_CN") == "11月23日"
    assert _day_text(DAY, 2027, "zh_CN") == "2026年11月23日"
    assert _day_text(DAY, 2026, "en") == "23 Nov"
    assert _day_text(dt.date(2026, 1, 5), 2027, "en") == "5 Jan 2026"


def test_the_notice_reads_in_chinese(
    services: Services, settings: Settings, qtbot: QtBot, team: dict[str, str], qapp: object
) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from crm_desktop.ui.i18n import install_translators, lrelease_command

    if lrelease_command() is None:
        pytest.skip("pyside6-lrelease is not installed")
    assert isinstance(qapp, QApplication)
    locale = QLocale()
    installed = install_translators(qapp, "zh_CN")
    try:
        page = ReviewPage(PageContext(services, settings, "zh_CN"))
        qtbot.addWidget(page)
        page.show()
        with qtbot.waitSignal(page.panel.item_opened, timeout=10_000):
            page.page_shown()
        panel = page.panel
        plan, report = panel.model.rows[0], panel.model.rows[1]
        with qtbot.waitSignal(panel.item_opened):
            panel.accept_item()
        assert panel.notice.text() == f"已核签 {plan.rep_name} 11月{plan.day.day}日拜访计划"
        with qtbot.waitSignal(panel.item_opened):
            panel.accept_item()
        assert panel.notice.text() == f"已签核 {report.rep_name} 11月{report.day.day}日日报"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)

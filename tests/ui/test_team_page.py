"""The Team page: who has not submitted (highlighted), on-time rates, the team's week and
the drill-down to a rep's days, driven through the real widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from fixed_time import TEST_NOW, fixed_clock
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crm_desktop.config.settings import Settings
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.lateness import due_at
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.store.models import Customer, DailyReport, Team, User, VisitPlan, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.activity.form import to_qdate
from crm_desktop.ui.operations import CUSTOMERS, REPORTS
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.team.page import TeamPage
from crm_desktop.ui.team.rep_days_dialog import RepDaysDialog

TODAY = TEST_NOW.date()
# Last week's Monday: every deadline of that week has passed whenever the test runs.
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday() + 7)
TUESDAY = MONDAY + dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)


@dataclass
class Org:
    sup: str
    amy: str  # submitted on time, with visits
    bo: str  # no plan, no report
    cai: str  # submitted late
    other_team: str


def make_org(services: Services) -> Org:
    with UnitOfWork(services.store, None) as uow:
        s = uow.session
        sup = User(username="sup", display_name="王主管", role=Role.SUPERVISOR.value)
        s.add(sup)
        s.flush()
        team = Team(name="上海办", supervisor_id=sup.id)
        elsewhere = Team(name="北京办")
        s.add_all([team, elsewhere])
        s.flush()
        ids = []
        for username, name in (("amy", "安娜"), ("bo", "白波"), ("cai", "蔡材")):
            rep = User(username=username, display_name=name, role=Role.REP.value)
            rep.team_id = team.id
            s.add(rep)
            s.flush()
            ids.append(rep.id)
        other = User(username="x", display_name="外人", role=Role.REP.value, team_id=elsewhere.id)
        s.add(other)
        s.flush()
        org = Org(sup.id, ids[0], ids[1], ids[2], elsewhere.id)
        customer = Customer(name="甲贸易有限公司", owner_id=org.amy)
        s.add(customer)
        s.flush()
        deadline = due_at(MONDAY, 20, fixed_clock())
        s.add(VisitPlan(owner_id=org.amy, plan_date=MONDAY, status="countersigned"))
        report = DailyReport(
            owner_id=org.amy,
            report_date=MONDAY,
            status="submitted",
            due_at=deadline,
            submitted_at=deadline - HOUR,
        )
        s.add(report)
        s.flush()
        for effective, order in ((True, 250_000), (False, 0)):
            s.add(
                VisitRecord(
                    owner_id=org.amy,
                    report_id=report.id,
                    customer_id=customer.id,
                    visit_date=MONDAY,
                    is_effective=effective,
                    order_amount_fen=order,
                )
            )
        s.add(VisitPlan(owner_id=org.cai, plan_date=MONDAY, status="submitted"))
        s.add(
            DailyReport(
                owner_id=org.cai,
                report_date=MONDAY,
                status="submitted",
                due_at=deadline,
                submitted_at=deadline + 2 * HOUR,
            )
        )
        uow.commit()
    services.user.switch(org.sup)
    return org


@pytest.fixture
def page(context: PageContext, qtbot: QtBot) -> tuple[TeamPage, Org]:
    org = make_org(context.services)
    widget = TeamPage(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget, org


def cell(model: object, row: int, column: int) -> str:
    index = model.index(row, column)  # type: ignore[attr-defined]
    return str(model.data(index))  # type: ignore[attr-defined]


def test_only_reviewers_get_the_page(context: PageContext, settings: Settings) -> None:
    org = make_org(context.services)
    assert TeamPage.available(context)
    context.services.user.switch(org.amy)
    assert not TeamPage.available(PageContext(context.services, settings, "zh_CN"))


def test_submissions_of_a_day_highlight_who_is_missing_or_late(
    page: tuple[TeamPage, Org],
) -> None:
    widget, _org = page
    tab = widget.submissions
    tab.set_day(MONDAY)
    model = tab.model
    assert [cell(model, r, 0) for r in range(model.rowCount())] == ["安娜", "白波", "蔡材"]
    assert [model.is_alert(r) for r in range(3)] == [False, True, True]
    # Plan / report by their Chinese labels, a dash for nothing at all.
    assert [cell(model, 0, c) for c in (2, 3)] == ["已核签", "已提交"]
    assert [cell(model, 1, c) for c in (2, 3, 4)] == ["—", "—", ""]
    assert cell(model, 1, 5) == "No plan、No report"  # source strings: no catalogue in tests
    assert cell(model, 2, 5) == "Late"
    assert tab.summary.text() == "2 of 3 reps need attention"
    # One team only: the team column would just repeat it.
    assert tab.view.isColumnHidden(1)

    # The day picker moves on; Tuesday nobody did anything.
    tab.next_button.click()
    assert tab.selected_day() == TUESDAY
    assert [cell(model, r, 5) for r in range(3)] == ["No plan、No report"] * 3


def test_on_time_rates_show_percentages_and_a_dash_when_nothing_was_due(
    page: tuple[TeamPage, Org],
) -> None:
    widget, _org = page
    tab = widget.submissions
    tab.rate_from.setDate(to_qdate(MONDAY))
    tab.rate_to.setDate(to_qdate(TUESDAY))
    model = tab.rates_model
    rows = {cell(model, r, 0): [cell(model, r, c) for c in range(2, 7)] for r in range(3)}
    # workdays, on time, late, missing, rate
    assert rows["安娜"] == ["2", "1", "0", "1", "50.0%"]
    assert rows["白波"] == ["2", "0", "0", "2", "0.0%"]
    assert rows["蔡材"] == ["2", "0", "1", "1", "0.0%"]

    future = TODAY + dt.timedelta(days=14)
    tab.rate_to.setDate(to_qdate(future + dt.timedelta(days=3)))
    tab.rate_from.setDate(to_qdate(future))
    assert {cell(model, r, 6) for r in range(3)} == {"—"}


def test_week_table_and_drill_down(page: tuple[TeamPage, Org], qtbot: QtBot) -> None:
    widget, _org = page
    widget.tabs.setCurrentWidget(widget.week)
    tab = widget.week
    year, week, _ = MONDAY.isocalendar()
    tab.show_this_week()
    tab.shift_week(-1)
    assert (tab.iso_year, tab.week) == (year, week)
    assert str(week) in tab.week_label.text()
    model = tab.model
    assert model.rowCount() == 4  # three reps and the total
    amy = [cell(model, 0, c) for c in range(10)]
    assert amy[0] == "安娜" and amy[2:8] == ["2", "50.0%", "1", "¥2,500.00", "¥0.00", "0"]
    assert amy[8:] == ["—", "—"]  # no targets
    assert cell(model, 1, 3) == "—"  # no visits, no rate
    assert [cell(model, 3, c) for c in (0, 2, 3)] == ["Team total", "2", "50.0%"]

    # A double-click on a rep opens their days; on the total row nothing opens.
    view = tab.view
    qtbot.waitExposed(view)
    rect = view.visualRect(model.index(0, 0))
    # A view takes a double click as the second press of a click on the same cell.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.doubleClicked):
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = tab.dialog
    assert isinstance(dialog, RepDaysDialog) and dialog.isVisible()
    assert dialog.model.rowCount() == 7
    monday = [cell(dialog.model, 0, c) for c in range(10)]
    assert monday[0] == MONDAY.isoformat()
    assert monday[2:4] == ["已核签", "已提交"]
    assert monday[5:] == ["2", "1", "1", "¥2,500.00", "¥0.00"]
    dialog.close()
    assert tab.dialog is None  # closed and deleted: the tab holds no dead reference
    assert tab.open_rep_days(3) is None and tab.dialog is None


def test_a_rep_moved_away_since_the_week_was_read_is_refused_with_a_message(
    page: tuple[TeamPage, Org], shown_errors: list[UserFacingError]
) -> None:
    widget, org = page
    widget.tabs.setCurrentWidget(widget.week)
    widget.week.set_week(*MONDAY.isocalendar()[:2])
    # A sync moves 安娜 to another team while the table is on screen.
    with UnitOfWork(widget.context.services.store, None) as uow:
        rep = uow.session.get(User, org.amy)
        assert rep is not None
        rep.team_id = org.other_team
        uow.commit()
    assert widget.week.open_rep_days(0) is None
    assert len(shown_errors) == 1 and "不在您的团队" in shown_errors[0].message_zh


def test_the_weekly_summary_opens_from_the_team_page(
    context: PageContext, qtbot: QtBot, add_user: Callable[..., str]
) -> None:
    context.services.user.switch(add_user("boss2", "陈主管", Role.SUPERVISOR))
    page = TeamPage(context)
    qtbot.addWidget(page)
    dialog = page.open_weekly_summary()
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.scope.currentData() == "team"


def test_the_tab_in_view_follows_report_changes_only(
    page: tuple[TeamPage, Org], context: PageContext, qtbot: QtBot
) -> None:
    widget, org = page
    tab = widget.submissions
    tab.set_day(MONDAY)
    assert cell(tab.model, 1, 3) == "—"  # 白波 has no report
    with UnitOfWork(context.services.store, None) as uow:  # as a sync would bring it
        deadline = due_at(MONDAY, 20, fixed_clock())
        uow.session.add(
            DailyReport(
                owner_id=org.bo,
                report_date=MONDAY,
                status="submitted",
                due_at=deadline,
                submitted_at=deadline - HOUR,
            )
        )
        uow.commit()
    ops = context.operations
    with qtbot.waitSignal(ops.did_change):
        ops.write(lambda: None, CUSTOMERS)
    assert cell(tab.model, 1, 3) == "—"  # customers are not on this tab
    with qtbot.waitSignal(ops.did_change):
        ops.write(lambda: None, REPORTS)
    assert cell(tab.model, 1, 3) == "已提交"

"""Reminders in the window: the timer's tick with the fixed clock moved, the status bar's
bell and list, a click opening the day, dismissal, kinds switched off in Settings, and
quiet hours holding back the pop-up (the tray notifier's `shown` signal; the offscreen
platform has no tray, so nothing really pops up here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from fixed_time import CHINA
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crm_desktop.config.settings import REMINDER_PREFERENCES, Settings
from crm_desktop.domain.clock import FixedClock
from crm_desktop.domain.picklists import Role
from crm_desktop.domain.reminders import PopUp, ReminderKind, ReminderPreferences
from crm_desktop.services.container import Services
from crm_desktop.store.base import Base
from crm_desktop.store.models import FollowUp, User, VisitPlan
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.operations import FOLLOW_UPS
from crm_desktop.ui.plans.page import PlansPage
from crm_desktop.ui.reminders.window import WindowReminders
from crm_desktop.ui.settings.page import SettingsPage

MON = dt.date(2026, 11, 23)
TUE = dt.date(2026, 11, 24)


def add(services: Services, row: Base, owner: str | None = None) -> Any:
    owner = owner or services.actor.user_id
    row.owner_id = owner  # type: ignore[attr-defined]
    with UnitOfWork(services.store, owner) as uow:
        uow.session.add(row)
        uow.commit()
        return row.id  # type: ignore[attr-defined]


def at(clock: FixedClock, day: dt.date, hour: int, minute: int = 0) -> None:
    clock.set(dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA))


@pytest.fixture
def window(services: Services, settings: Settings, qtbot: QtBot) -> MainWindow:
    window = MainWindow(services, settings, "zh_CN", first_run=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def tick(qtbot: QtBot, reminders: WindowReminders) -> list[str]:
    """One evaluation, as the timer would run it; the keys the list then shows."""
    with qtbot.waitSignal(reminders.controller.updated, timeout=10_000):
        reminders.controller.tick()
    return [row.reminder.key for row in reminders.panel.rows]


def popped(reminders: WindowReminders) -> list[PopUp]:
    shown: list[PopUp] = []
    reminders.tray.shown.connect(shown.append)
    return shown


def test_the_tick_lists_pops_up_once_and_a_click_opens_the_day(
    services: Services, window: MainWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    reminders = window.reminders
    assert not reminders.tray.available  # offscreen: no system tray, the list still works
    shown = popped(reminders)
    follow_up = add(services, FollowUp(title="送样品", kind="next_step", due_on=MON))
    assert tick(qtbot, reminders) == [f"follow_up:{follow_up}:2026-11-23"]
    assert reminders.bell is not None and reminders.bell.text() == "提醒 1"
    assert [p.body for p in shown] == ["待办今天到期：送样品"]
    # The same reminder a minute later: listed, not popped up again.
    clock.advance(dt.timedelta(minutes=1))
    assert tick(qtbot, reminders) == [f"follow_up:{follow_up}:2026-11-23"]
    assert len(shown) == 1
    # 17:00: tomorrow's plan is asked for; only that one pops up.
    at(clock, MON, 17)
    assert tick(qtbot, reminders) == ["plan:2026-11-24", f"follow_up:{follow_up}:2026-11-23"]
    assert shown[-1].body == "明天（11月24日）的拜访计划还没做" and len(shown) == 2
    assert reminders.bell.text() == "提醒 2"
    qtbot.mouseClick(reminders.bell, Qt.MouseButton.LeftButton)
    assert reminders.panel.isVisible()
    window.resize(1100, 700)  # the list stays inside the window, at its bottom right
    qtbot.waitUntil(lambda: reminders.panel.geometry().right() == window.width() - 13)
    assert reminders.panel.geometry().bottom() < window.statusBar().geometry().top()
    assert "没有系统托盘" in reminders.panel.note.text()
    plan_row = reminders.panel.rows[0]
    qtbot.mouseClick(plan_row, Qt.MouseButton.LeftButton)
    page = window.stack.currentWidget()
    assert isinstance(page, PlansPage)
    assert page.day == TUE and page.tabs.currentWidget() is page.plan_editor
    assert not reminders.panel.isVisible()


def test_quiet_hours_hold_the_pop_up_back_not_the_list(
    services: Services, window: MainWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    reminders = window.reminders
    shown = popped(reminders)
    at(clock, MON, 22, 30)  # default quiet hours 22:00-08:00
    assert tick(qtbot, reminders) == ["report-late:2026-11-23", "plan:2026-11-24"]
    assert shown == []
    assert reminders.bell is not None and reminders.bell.text() == "提醒 2"
    # Quiet hours off: what was held back pops up, once.
    with qtbot.waitSignal(reminders.controller.updated, timeout=10_000):
        reminders.controller.set_preferences(ReminderPreferences(quiet=None))
    assert len(shown) == 1 and shown[0].title == "2 条新提醒"
    tick(qtbot, reminders)
    assert len(shown) == 1


def test_a_kind_switched_off_in_settings_leaves_the_list(
    services: Services, window: MainWindow, settings: Settings, qtbot: QtBot
) -> None:
    reminders = window.reminders
    add(services, FollowUp(title="回复报价", kind="promise", due_on=MON))
    confirm = add(services, FollowUp(title="确认周二拜访", kind="appointment", due_on=MON))
    assert len(tick(qtbot, reminders)) == 2
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    assert "reminder_review" not in {b.objectName() for b in page.reminder_kinds.values()}
    page.reminder_kinds[ReminderKind.FOLLOW_UP].setChecked(False)
    with qtbot.waitSignal(reminders.controller.updated, timeout=10_000):
        assert page.save()
    assert [r.reminder.key for r in reminders.panel.rows] == [f"appointment:{confirm}:2026-11-23"]
    assert Settings(settings.path).get(REMINDER_PREFERENCES)["off"] == ["follow_up"]


def test_dismissed_stays_dismissed_and_a_write_elsewhere_looks_again(
    services: Services, window: MainWindow, settings: Settings, qtbot: QtBot
) -> None:
    reminders = window.reminders
    first = add(services, FollowUp(title="送样品", kind="next_step", due_on=MON))
    assert tick(qtbot, reminders) == [f"follow_up:{first}:2026-11-23"]
    qtbot.mouseClick(reminders.panel.rows[0].dismiss_button, Qt.MouseButton.LeftButton)
    assert reminders.panel.rows == [] and reminders.panel.empty.isVisibleTo(reminders.panel)
    assert tick(qtbot, reminders) == []
    # Another page writes a follow-up: the reminders are looked at again within a second.
    operations = window.stack._context.operations
    with qtbot.waitSignal(reminders.controller.updated, timeout=10_000):
        operations.write(
            lambda: add(services, FollowUp(title="回电话", kind="next_step", due_on=MON)),
            FOLLOW_UPS,
        )
    assert [r.reminder.title_zh for r in reminders.panel.rows] == ["待办今天到期：回电话"]


def test_a_supervisor_opens_review_from_a_waiting_plan(
    services: Services,
    settings: Settings,
    add_user: Callable[..., str],
    qtbot: QtBot,
) -> None:
    boss = add_user("boss", "陈主管", Role.SUPERVISOR)
    rep = add_user("li", "李四")
    with UnitOfWork(services.store, None) as uow:
        user = uow.session.get(User, rep)
        assert user is not None
        user.supervisor_id = boss
        uow.commit()
    add(services, VisitPlan(plan_date=MON, status="submitted"), rep)
    services.user.switch(boss)
    window = MainWindow(services, settings, "zh_CN", first_run=False)
    qtbot.addWidget(window)
    window.show()
    reminders = window.reminders
    keys = tick(qtbot, reminders)
    assert [k.split(":")[0] for k in keys] == ["missing", "review"]
    assert reminders.panel.rows[1].reminder.title_zh == "李四 11月23日的拜访计划等待你审阅"
    qtbot.mouseClick(reminders.panel.rows[1], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget().key == "review"  # type: ignore[union-attr]

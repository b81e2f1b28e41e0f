"""The settings page reads the typed settings and writes them back on Save; the team
policy group shows the synced policy, editable only by a manager or an admin."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fixed_time import TEST_NOW
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.config.settings import LANGUAGE, SERVER_URL, USERNAME, Settings
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.store.models import Customer, DailyReport, OutboxEntry, Team, User, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui import application, messages
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.settings import SettingsPage
from crm_desktop.ui.wheel_guard import install_wheel_guard


def sign_in_as(services: Services, role: Role, team: str | None = None) -> str:
    """Make the laptop's user a new user of `role`; a manager leads `team` (made here)."""
    with UnitOfWork(services.store, None) as uow:
        user = User(username=f"u-{role.value}", display_name="王经理", role=role.value)
        uow.session.add(user)
        uow.session.flush()
        if team is not None:
            uow.session.add(Team(id=team, name="华东区", supervisor_id=user.id))
            user.team_id = team
        uow.commit()
    services.user.switch(user.id)
    return user.id


def test_settings_page_saves(
    context: PageContext, settings: Settings, qtbot: QtBot, tmp_path: Path
) -> None:
    sign_in_as(context.services, Role.ADMIN)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert page.language.currentData() == "zh_CN"
    assert page.cadence["A"].value() == 14
    page.language.setCurrentIndex(page.language.findData("en"))
    page.server_url.setText(" https://crm.example.cn ")
    page.username.setText("zhangsan")
    page.cadence["A"].setValue(7)
    page.cadence["C"].setValue(60)
    with qtbot.waitSignal(context.operations.did_change):  # the policy row, writer lane
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.saved_label.text()

    reread = Settings(tmp_path / "config" / "settings.json")
    assert reread.get(LANGUAGE) == "en"
    assert reread.get(SERVER_URL) == "https://crm.example.cn"
    assert reread.get(USERNAME) == "zhangsan"
    # The cadence is the synced company default now, not a setting of this laptop.
    assert "cadence_a_days" not in (tmp_path / "config" / "settings.json").read_text("utf-8")
    cadence = context.services.policy.current().cadence
    assert (cadence.a_days, cadence.c_days) == (7, 60)


def test_a_reps_policy_is_read_only_with_a_note(context: PageContext, qtbot: QtBot) -> None:
    page = SettingsPage(context)  # the laptop's own user: a rep
    qtbot.addWidget(page)
    assert page.due_hour.value() == 20 and page.cadence["A"].value() == 14
    assert all(spin.isReadOnly() for spin in page._policy_spins())
    assert page.policy_note.text().startswith("Set by your manager")  # zh: 由经理设定
    page.due_hour.setValue(9)  # not possible by hand; Save must still write nothing
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert context.services.policy.current().report_due_hour == 20


def test_a_manager_edits_their_teams_policy(context: PageContext, qtbot: QtBot) -> None:
    services = context.services
    team = "0190a5f0-0000-7000-8000-00000000e000"
    sign_in_as(services, Role.MANAGER, team)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert not any(spin.isReadOnly() for spin in page._policy_spins())
    page.due_hour.setValue(18)
    # The row is written on the writer lane; the hub announces it when it has landed.
    with qtbot.waitSignal(context.operations.did_change):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert services.policy.current().report_due_hour == 18
    view = services.policy.view()
    assert (view.team_id, view.editable) == (team, True)
    with services.store.reading() as s:
        sent = s.scalars(select(OutboxEntry).where(OutboxEntry.entity == "team_policy")).all()
    assert [m.name for m in sent] == ["create"]  # goes out to the server like any edit


def test_a_manager_types_the_teams_confirm_ceiling(context: PageContext, qtbot: QtBot) -> None:
    """Issue 15: the amount above which the report editor asks is the team's, typed here
    in whole yuan, and goes out to the team like the rest of the policy."""
    services = context.services
    sign_in_as(services, Role.MANAGER, "0190a5f0-0000-7000-8000-00000000e000")
    page = SettingsPage(context)
    qtbot.addWidget(page)
    spin = page.confirm_above
    assert spin.value() == 1_000_000_000 and spin.text() == "1,000,000,000 yuan"
    assert not spin.isReadOnly()
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "50000")
    with qtbot.waitSignal(context.operations.did_change):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert services.policy.current().confirm_above_fen == 50_000_00
    page.load()
    assert page.confirm_above.text() == "50,000 yuan"
    # Up to the hard limit (10万亿 yuan), beyond what a 32-bit spin box holds, exactly.
    spin.setValue(10**13 + 5)
    assert round(spin.value()) == 10**13


def test_a_wheel_over_the_confirm_ceiling_scrolls_the_page(
    context: PageContext, qtbot: QtBot, qapp: QApplication
) -> None:
    """The wheel-guard rule: a manager scrolling Settings never changes the ceiling."""
    guard = install_wheel_guard(qapp)
    try:
        sign_in_as(context.services, Role.ADMIN)
        page = SettingsPage(context)
        qtbot.addWidget(page)
        page.resize(1000, 560)
        page.show()
        qtbot.waitExposed(page)
        bar = page.scroll_area.verticalScrollBar()
        qtbot.waitUntil(lambda: bar.maximum() > 0)  # laid out: the page can scroll
        spin = page.confirm_above
        centre = QPointF(spin.rect().center())
        wheel = QWheelEvent(centre, QPointF(spin.mapToGlobal(spin.rect().center())),
                            QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)  # fmt: skip
        QApplication.sendEvent(spin, wheel)
        assert spin.value() == 1_000_000_000
        assert bar.value() > 0  # the page scrolled instead
    finally:
        qapp.removeEventFilter(guard)
        guard.setParent(None)


def test_settings_scroll_on_a_small_laptop_screen(context: PageContext, qtbot: QtBot) -> None:
    """Every group is taller than a 768-pixel screen together; the page scrolls instead of
    forcing the window taller than the screen, and Save stays visible below the groups."""
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 560)
    page.show()
    qtbot.waitExposed(page)
    assert page.minimumSizeHint().height() < 560
    qtbot.waitUntil(lambda: page.scroll_area.verticalScrollBar().maximum() > 0)
    assert page.save_button.isVisible()
    assert page.save_button.geometry().bottom() <= page.height()


def test_data_folder_is_shown_read_only(
    context: PageContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(messages, "open_folder", lambda path: opened.append(path) or True)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    folder = context.services.database_path.parent
    assert page.data_folder_edit.isReadOnly()
    assert page.data_folder_edit.text() == str(folder)
    qtbot.mouseClick(page.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [folder]


def test_demo_store_offers_to_sign_in_as_a_rep(
    services: Services, settings: Settings, qtbot: QtBot
) -> None:
    from crm_desktop.demo.generator import DemoOptions, generate_demo
    from crm_desktop.ui.main_window import MainWindow

    generate_demo(services, DemoOptions(customers=30, seed=3))
    window = MainWindow(services, settings, "zh_CN", first_run=False)
    qtbot.addWidget(window)
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    assert page.demo_person.currentData() == services.actor.user_id  # the supervisor
    rep_index = next(
        i for i in range(page.demo_person.count()) if "销售员" in page.demo_person.itemText(i)
    )
    page.demo_person.setCurrentIndex(rep_index)
    rep_id = page.demo_person.currentData()
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    assert services.actor.user_id == rep_id
    assert "review" not in window.stack.keys  # the pages were rebuilt for a rep


def test_a_real_store_has_no_demo_switch(context: PageContext, qtbot: QtBot) -> None:
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert not hasattr(page, "demo_person")


def test_recompute_classes_uses_the_shares_on_screen(
    context: PageContext, settings: Settings, qtbot: QtBot
) -> None:
    services = context.services
    today = TEST_NOW.date()
    for days_ago, (name, yuan) in enumerate((("甲", 60), ("乙", 30), ("丙", 10))):
        with UnitOfWork(services.store, services.actor.user_id) as uow:
            # One report per rep and day is the store's rule: a day each.
            day = today - dt.timedelta(days=days_ago)
            report = DailyReport(owner_id=services.actor.user_id, report_date=day)
            customer = Customer(name=name, name_key=name, owner_id=services.actor.user_id)
            uow.session.add_all([report, customer])
            uow.session.flush()
            uow.session.add(VisitRecord(report_id=report.id, customer_id=customer.id,
                                        visit_date=day, order_amount_fen=yuan * 100))  # fmt: skip
            uow.commit()
    sign_in_as(services, Role.ADMIN)
    with UnitOfWork(services.store, services.actor.user_id) as uow:  # the admin's customers
        for found in uow.session.scalars(select(Customer)):
            found.owner_id = services.actor.user_id
        uow.commit()
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert page.shares["A"].value() == 70 and page.shares["B"].value() == 20
    page.shares["A"].setValue(50)
    page.shares["B"].setValue(30)
    with qtbot.waitSignal(page.recompute_finished, timeout=10_000):
        qtbot.mouseClick(page.recompute_button, Qt.MouseButton.LeftButton)

    with services.store.reading() as s:
        classes = {c.name: c.value_class for c in s.scalars(select(Customer))}
    assert classes == {"甲": "A", "乙": "B", "丙": "C"}
    shares = services.policy.current().columns()
    assert (shares["abc_a_share_pct"], shares["abc_b_share_pct"]) == (50, 30)
    assert "2" in page.classes_note.text()  # 甲 and 乙 changed from the default C
    assert page.recompute_button.isEnabled()


def test_shares_over_a_hundred_percent_are_refused(
    context: PageContext, settings: Settings, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        application, "show_error", lambda error, parent=None: shown.append(error.message("en"))
    )
    sign_in_as(context.services, Role.ADMIN)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.shares["A"].setValue(80)
    page.shares["B"].setValue(30)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert shown == ["The A and B shares must be non-negative and add up to at most 100%"]
    assert context.services.policy.current().columns()["abc_a_share_pct"] == 70


def test_the_language_box_shows_the_language_the_app_runs_in(
    services: Services, settings: Settings, qtbot: QtBot
) -> None:
    """Started with --lang en, the settings still saying 简体中文: the box says English."""
    assert settings.get(LANGUAGE) == "zh_CN"
    page = SettingsPage(PageContext(services, settings, "en"))
    qtbot.addWidget(page)
    assert page.language.currentData() == "en"
    # A language picked and saved for the next start stays shown after a reload.
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    assert page.save()
    page.load()
    assert page.language.currentData() == "zh_CN"


def test_a_read_only_policy_value_is_seen_with_the_app_stylesheet(
    context: PageContext, qtbot: QtBot, qapp: QApplication
) -> None:
    """The values a rep cannot change were blank boxes: with the app's stylesheet, a spin
    box without buttons gave its text one pixel."""
    qapp.setStyleSheet(application.load_stylesheet())
    try:
        page = SettingsPage(context)  # a rep: read-only
        qtbot.addWidget(page)
        page.resize(1000, 1200)
        page.show()
        qtbot.waitExposed(page)
        for spin in page._policy_spins():
            needed = spin.fontMetrics().horizontalAdvance(spin.text())
            assert spin.lineEdit().width() >= needed, spin.text()
    finally:
        qapp.setStyleSheet("")

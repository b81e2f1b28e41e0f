"""Sync in the GUI against a real server: the sync server app (crm_desktop.sync.server)
served by uvicorn on loopback in a thread, over real HTTP, with the org tree of the sync
tests. Login through the dialog, sync now, server down, cancel, the conflict inbox and
the first-run chooser. Every wait is on a Qt signal (or uvicorn's `started` flag)."""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from argon2 import PasswordHasher
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crm_desktop.config.settings import SERVER_URL, USERNAME, Settings
from crm_desktop.services.container import Services
from crm_desktop.services.sync import SyncService
from crm_desktop.store.database import open_store
from crm_desktop.store.models import Customer
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.server import auth
from crm_desktop.sync.server.app import create_app
from crm_desktop.sync.server.db import make_engine, upgrade
from crm_desktop.ui.i18n import install_translators, lrelease_command
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.status_bar import SyncStatusBar
from crm_desktop.ui.sync.login_dialog import LoginDialog
from crm_desktop.ui.sync.page import SyncPage
from crm_desktop.ui.tasks import BackgroundTask, run_task

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from sync_helpers import PASSWORD, create_org

TIMEOUT_MS = 30_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """The real server app on 127.0.0.1:<port>; `stop()` takes it down (connection refused)."""

    def __init__(self, app: Any) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self, qtbot: QtBot) -> None:
        self.thread.start()
        qtbot.waitUntil(lambda: self.server.started, timeout=TIMEOUT_MS)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(autouse=True)
def chinese(qapp: QApplication) -> Iterator[None]:
    """The zh_CN catalogue, removed again afterwards (as in test_translations.py)."""
    if lrelease_command() is None:
        pytest.skip("pyside6-lrelease is not installed")
    locale = QLocale()
    installed = install_translators(qapp, "zh_CN")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(auth, "_hasher", hasher)
    monkeypatch.setattr(auth, "_DUMMY_HASH", hasher.hash("dummy"))


@pytest.fixture
def users_and_server(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[dict[str, str], LiveServer]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    upgrade(engine)
    users = create_org(engine)
    live = LiveServer(create_app(engine=engine))
    live.start(qtbot)
    yield users, live
    live.stop()
    engine.dispose()


@pytest.fixture
def server(users_and_server: tuple[dict[str, str], LiveServer]) -> LiveServer:
    return users_and_server[1]


@pytest.fixture
def users(users_and_server: tuple[dict[str, str], LiveServer]) -> dict[str, str]:
    return users_and_server[0]


@pytest.fixture
def window(services: Services, settings: Settings, qtbot: QtBot) -> MainWindow:
    made = MainWindow(services, settings, "zh_CN", first_run=False)
    qtbot.addWidget(made)
    made.show()
    return made


def _sync_page(window: MainWindow) -> SyncPage:
    page = window.show_page("sync")
    assert isinstance(page, SyncPage)
    return page


def _bar(window: MainWindow) -> SyncStatusBar:
    bar = window.statusBar()
    assert isinstance(bar, SyncStatusBar)
    return bar


def _login(window: MainWindow, qtbot: QtBot, url: str, username: str, password: str) -> LoginDialog:
    page = _sync_page(window)
    qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
    dialog = page.login_dialog
    assert isinstance(dialog, LoginDialog) and dialog.isVisible()
    dialog.server_url.setText(url)
    dialog.username.setText(username)
    dialog.password.setText(password)
    return dialog


def _sign_in(window: MainWindow, qtbot: QtBot, server: LiveServer, username: str = "rep1") -> None:
    dialog = _login(window, qtbot, server.url, username, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT_MS):
        dialog.ok_button.click()


def _refresh(window: MainWindow, qtbot: QtBot) -> None:
    task = window.sync.refresh()
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS):
        pass


def _sync(window: MainWindow, qtbot: QtBot) -> None:
    page = _sync_page(window)
    with qtbot.waitSignal(window.sync.synced, timeout=TIMEOUT_MS):
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)


def _add_customer(services: Services, name: str) -> str:
    with UnitOfWork(services.store, services.actor.user_id) as uow:
        customer = Customer(name=name, name_key=name, owner_id=services.actor.user_id)
        uow.session.add(customer)
        uow.commit()
        return customer.id


def _edit_customer(store: Any, user_id: str, customer_id: str, **values: Any) -> None:
    with UnitOfWork(store, user_id) as uow:
        row = uow.session.get(Customer, customer_id)
        assert row is not None
        for key, value in values.items():
            setattr(row, key, value)
        uow.commit()


def test_login_through_the_dialog_then_sync_now(
    window: MainWindow,
    services: Services,
    settings: Settings,
    server: LiveServer,
    users: dict[str, str],
    qtbot: QtBot,
) -> None:
    bar = _bar(window)
    assert bar.state.text() == "未连接"
    assert _sync_page(window).delivery_label.text() == "还没有需要发送的修改。"
    dialog = _login(window, qtbot, server.url, "rep1", "wrong password")
    with qtbot.waitSignal(window.sync.login_failed, timeout=TIMEOUT_MS):
        dialog.ok_button.click()
    assert dialog.isVisible() and dialog.error.text() == "用户名或密码不正确，请重新输入。"
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignals(
        [dialog.accepted, window.sync.user_changed], timeout=TIMEOUT_MS, order="none"
    ):
        dialog.ok_button.click()
    assert dialog.password.text() == ""
    assert services.actor.user_id == users["rep1"]
    assert settings.get(SERVER_URL) == server.url and settings.get(USERNAME) == "rep1"
    assert PASSWORD not in Path(settings._path).read_text(encoding="utf-8")
    assert bar.user.text().startswith("rep1") or "rep1" in bar.user.text()
    assert bar.state.text() == "在线"
    assert bar.last_sync.text() == "上次同步：刚刚"

    _add_customer(services, "华联超市")
    _refresh(window, qtbot)
    assert bar.pending.text() == "待同步：1"
    page = _sync_page(window)
    assert page.pending_label.text() == "1"
    # A change waits: the page does not claim it reached the server.
    assert page.delivery_label.text() == "还有 1 项修改等待发送。"
    assert page.inbox.empty.text() == "没有冲突。"
    _sync(window, qtbot)
    assert bar.pending.text() == "待同步：0"
    assert page.pending_label.text() == "0"
    assert page.delivery_label.text().startswith("所有修改已于 ")
    assert "发送 1" in page.result_label.text()
    assert not bar.progress.isVisible()


def test_server_down_shows_offline_and_keeps_the_edits(
    window: MainWindow, services: Services, server: LiveServer, qtbot: QtBot
) -> None:
    _sign_in(window, qtbot, server)
    _add_customer(services, "离线客户")
    server.stop()
    page = _sync_page(window)
    with qtbot.waitSignal(window.sync.sync_failed, timeout=TIMEOUT_MS):
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.sync.state_changed, timeout=TIMEOUT_MS):
        pass  # the refresh after the failure
    bar = _bar(window)
    assert bar.state.text() == "离线" and page.state_label.text() == "离线"
    assert bar.pending.text() == "待同步：1"
    assert "无法连接同步服务器" in page.result_label.text()
    # Automatic sync keeps trying at the interval while offline.
    assert window.sync.timer.isActive()
    with qtbot.waitSignal(window.sync.sync_failed, timeout=TIMEOUT_MS):
        window.sync.timer.timeout.emit()
    assert window.sync.automatic


def test_a_wrong_server_url_is_refused_inline(
    window: MainWindow, services: Services, qtbot: QtBot
) -> None:
    dialog = _login(window, qtbot, f"http://127.0.0.1:{_free_port()}", "rep1", "pw")
    with qtbot.waitSignal(window.sync.login_failed, timeout=TIMEOUT_MS):
        dialog.ok_button.click()
    assert "无法连接同步服务器" in dialog.error.text()
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    dialog.server_url.setText("crm.example.com")
    dialog.ok_button.click()
    assert "服务器地址" in dialog.error.text()


def test_cancel_stops_the_sync_and_the_next_one_finishes(
    window: MainWindow,
    services: Services,
    server: LiveServer,
    qtbot: QtBot,
    add_customers: Callable[..., None],
) -> None:
    _sign_in(window, qtbot, server)
    add_customers(2500)  # five push batches of 500
    bar = _bar(window)
    page = _sync_page(window)
    seen: list[tuple[str, int, int]] = []
    window.sync.progressed.connect(lambda *args: seen.append(args))

    def cancel_on_first_progress(*_args: object) -> None:
        if bar.cancel.isVisible():
            qtbot.mouseClick(bar.cancel, Qt.MouseButton.LeftButton)

    window.sync.progressed.connect(cancel_on_first_progress)
    with qtbot.waitSignal(window.sync.sync_cancelled, timeout=TIMEOUT_MS):
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert seen and seen[0][0] == "push" and seen[0][2] == 2500
    with qtbot.waitSignal(window.sync.state_changed, timeout=TIMEOUT_MS):
        pass
    assert 0 < window.sync.status.pending < 2500  # type: ignore[union-attr]
    assert page.result_label.text() == "同步已取消，下次同步将继续。"
    window.sync.progressed.disconnect(cancel_on_first_progress)
    _sync(window, qtbot)
    assert window.sync.status is not None and window.sync.status.pending == 0


def test_a_page_load_is_not_queued_behind_a_running_sync(
    window: MainWindow,
    server: LiveServer,
    qtbot: QtBot,
    add_customers: Callable[..., None],
) -> None:
    """A read started while a sync pushes runs at once, on its own lane: it lands while
    the sync is still running (five push batches), not after it."""
    _sign_in(window, qtbot, server)
    add_customers(2500)
    page = _sync_page(window)
    loads: list[BackgroundTask] = []
    running_when_loaded: list[bool] = []

    def load_on_first_progress(*_args: object) -> None:
        if not loads:
            load = run_task(lambda _ctx: "loaded")
            load.succeeded.connect(lambda _r: running_when_loaded.append(window.sync.running))
            loads.append(load)

    window.sync.progressed.connect(load_on_first_progress)
    with qtbot.waitSignal(window.sync.synced, timeout=TIMEOUT_MS):
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    window.sync.progressed.disconnect(load_on_first_progress)
    assert running_when_loaded == [True]


def test_conflict_inbox_reapply_and_discard(
    window: MainWindow,
    services: Services,
    server: LiveServer,
    users: dict[str, str],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    _sign_in(window, qtbot, server)
    rep = users["rep1"]
    first = _add_customer(services, "华联超市")
    second = _add_customer(services, "大润发")
    _sync(window, qtbot)
    # The supervisor's laptop, driven by the same SyncService the GUI uses.
    sup_store = open_store(tmp_path / "sup-laptop")
    try:
        sup = SyncService(sup_store)
        sup.login(server.url, "sup", PASSWORD)
        sup.sync_now()
        # Both edit the guarded name offline; the supervisor syncs first.
        for customer_id, name in ((first, "华联集团"), (second, "大润发集团")):
            _edit_customer(sup_store, users["sup"], customer_id, name=name)
            _edit_customer(services.store, rep, customer_id, name=name + "（销售）")
        sup.sync_now()
    finally:
        sup_store.close()
    _sync(window, qtbot)
    page = _sync_page(window)
    table = page.inbox.table
    assert table.rowCount() == 2 and page.inbox.table.isVisible()
    texts = {table.item(r, 0).text(): table.item(r, 3).text() for r in range(2)}
    assert texts["客户 · 华联集团"] == "名称：华联集团（销售） → 华联集团"
    assert table.item(0, 1).text() == "受保护字段保留了服务器的值"
    assert "冲突：2" in _bar(window).pending.text()

    row = next(r for r in range(2) if table.item(r, 0).text() == "客户 · 华联集团")
    table.selectRow(row)
    with qtbot.waitSignal(window.sync.state_changed, timeout=TIMEOUT_MS):
        qtbot.mouseClick(page.inbox.reapply_button, Qt.MouseButton.LeftButton)
    assert table.rowCount() == 1 and table.item(0, 0).text() == "客户 · 大润发集团"
    with qtbot.waitSignal(window.sync.state_changed, timeout=TIMEOUT_MS):
        qtbot.mouseClick(page.inbox.discard_button, Qt.MouseButton.LeftButton)
    assert table.rowCount() == 0 and page.inbox.empty.isVisible()
    assert not page.inbox.discard_button.isVisible()  # nothing to act on: no buttons
    _sync(window, qtbot)
    assert window.sync.conflicts == []
    assert window.sync.status is not None and window.sync.status.pending == 0
    names = {}
    with services.store.reading() as session:
        for customer_id in (first, second):
            row_obj = session.get(Customer, customer_id)
            assert row_obj is not None
            names[customer_id] = row_obj.name
    assert names == {
        first: "华联超市（销售）".replace("华联超市", "华联集团"),
        second: "大润发集团",
    }


def test_status_bar_opens_the_sync_page(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(_bar(window).sync_area, Qt.MouseButton.LeftButton)
    assert isinstance(window.stack.currentWidget(), SyncPage)


def test_first_run_offers_the_demo(services: Services, settings: Settings, qtbot: QtBot) -> None:
    window = MainWindow(services, settings, "zh_CN", first_run=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_run_opened, timeout=TIMEOUT_MS) as opened:
        window.show()
    dialog = opened.args[0]
    assert dialog is window.first_run_dialog and dialog.isVisible()
    assert dialog.connect_button.text() == "连接服务器"
    assert "review" not in window.stack.keys
    with qtbot.waitSignal(dialog.demo_ready, timeout=120_000):
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
        assert not dialog.demo_button.isEnabled() and dialog.busy.isVisibleTo(dialog)
    assert not dialog.isVisible()
    assert services.actor.can_review and "review" in window.stack.keys
    assert window.stack.page("customers").model.rowCount() > 0  # type: ignore[attr-defined]


def test_first_run_connect_opens_the_login(
    services: Services, settings: Settings, qtbot: QtBot
) -> None:
    window = MainWindow(services, settings, "zh_CN", first_run=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_run_opened, timeout=TIMEOUT_MS) as opened:
        window.show()
    qtbot.mouseClick(opened.args[0].connect_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.login_dialog, LoginDialog) and window.login_dialog.isVisible()


def test_first_run_is_not_offered_with_customers(
    services: Services, settings: Settings, qtbot: QtBot, add_customers: Callable[..., None]
) -> None:
    add_customers(1)
    window = MainWindow(services, settings, "zh_CN", first_run=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.offer_first_run().finished, timeout=TIMEOUT_MS):
        pass
    assert window.first_run_dialog is None

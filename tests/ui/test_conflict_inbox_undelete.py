"""The inbox's Undelete button: a customer the supervisor deleted over the rep's edit
comes back, edit included, on both laptops -- through the GUI and a real server."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_sync_gui import (  # noqa: F401  (fixtures, used by name)
    PASSWORD,
    TIMEOUT_MS,
    LiveServer,
    _add_customer,
    _edit_customer,
    _sign_in,
    _sync,
    _sync_page,
    cheap_argon2,
    chinese,
    server,
    users,
    users_and_server,
    window,
)

from crm_desktop.services.container import Services
from crm_desktop.services.sync import SyncService
from crm_desktop.store.database import open_store
from crm_desktop.store.models import Customer
from crm_desktop.ui.main_window import MainWindow


def test_undelete_from_the_inbox(
    window: MainWindow,  # noqa: F811
    services: Services,
    server: LiveServer,  # noqa: F811
    users: dict[str, str],  # noqa: F811
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    _sign_in(window, qtbot, server)
    customer_id = _add_customer(services, "华联超市")
    _sync(window, qtbot)
    sup_store = open_store(tmp_path / "sup-laptop")
    try:
        sup = SyncService(sup_store)
        sup.login(server.url, "sup", PASSWORD)
        sup.sync_now()
        # The rep adds a note offline; the supervisor deletes the customer and syncs first.
        _edit_customer(services.store, users["rep1"], customer_id, notes="周五再访")
        _edit_customer(sup_store, users["sup"], customer_id, deleted=True)
        sup.sync_now()
        _sync(window, qtbot)
        page = _sync_page(window)
        inbox = page.inbox
        assert inbox.table.rowCount() == 1
        assert inbox.table.item(0, 1).text() == "你的修改到达前已被删除"
        assert inbox.undelete_button.text() == "恢复记录并应用我的值"
        assert inbox.undelete_button.isEnabled() and not inbox.reapply_button.isEnabled()
        with qtbot.waitSignal(window.sync.state_changed, timeout=TIMEOUT_MS):
            qtbot.mouseClick(inbox.undelete_button, Qt.MouseButton.LeftButton)
        assert inbox.table.rowCount() == 0
        _sync(window, qtbot)
        sup.sync_now()
        for store in (services.store, sup_store):
            with store.reading() as session:
                row = session.get(Customer, customer_id)
                assert row is not None and (row.deleted, row.notes) == (False, "周五再访")
        assert window.sync.conflicts == []
    finally:
        sup_store.close()

"""Creating and editing customers through the dialogs: validation, 撞单, service errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.container import Services
from crm_desktop.services.customers.customer_list import CustomerQuery
from crm_desktop.services.customers.customers import DuplicateMatch
from crm_desktop.store.errors import DatabaseLocked
from crm_desktop.ui.customers import duplicates
from crm_desktop.ui.customers.duplicates import DuplicateWarningDialog
from crm_desktop.ui.customers.edit_dialog import CustomerEditDialog
from crm_desktop.ui.customers.page import CustomersPage
from crm_desktop.ui.pages.base import PageContext


def _line(dialog: CustomerEditDialog, name: str) -> QLineEdit:
    editor = dialog.form.editors[name]
    assert isinstance(editor, QLineEdit)
    return editor


def _combo(dialog: CustomerEditDialog, name: str) -> QComboBox:
    editor = dialog.form.editors[name]
    assert isinstance(editor, QComboBox)
    return editor


def _save(qtbot: QtBot, dialog: CustomerEditDialog) -> None:
    """Click Save and wait until the save (run on the writer lane) has landed or failed."""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)


@pytest.fixture
def page(context: PageContext, qtbot: QtBot) -> CustomersPage:
    widget = CustomersPage(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def duplicate_answers(monkeypatch: pytest.MonkeyPatch) -> list[Sequence[DuplicateMatch]]:
    """Records the matches the duplicate warning would show, and answers "save anyway"."""
    seen: list[Sequence[DuplicateMatch]] = []

    def confirm(_parent: object, matches: Sequence[DuplicateMatch]) -> bool:
        seen.append(matches)
        return True

    monkeypatch.setattr(duplicates, "confirm_duplicates", confirm)
    return seen


def test_create_customer_through_the_dialog(
    page: CustomersPage, qtbot: QtBot, services: Services
) -> None:
    dialog = page.new_customer()
    assert dialog.isVisible()
    _line(dialog, "name").setText("杭州新风电器有限公司")
    _line(dialog, "phone").setText("0571-88776655")
    _line(dialog, "region").setText("华东")
    _line(dialog, "credit_limit_fen").setText("1.2万")
    _line(dialog, "headcount").setText("85")
    _combo(dialog, "customer_type").setCurrentIndex(
        _combo(dialog, "customer_type").findData("dealer")
    )
    notes = dialog.form.editors["notes"]
    assert isinstance(notes, QPlainTextEdit)
    notes.setPlainText("老客户介绍")
    with qtbot.waitSignal(dialog.saved):
        _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert page.model.rowCount() == 1
    card = services.customers.card(dialog.saved_id or "")
    assert card.draft.credit_limit_fen == 1_200_000  # 12,000 yuan in fen
    assert card.draft.headcount == 85 and card.draft.customer_type == "dealer"
    assert card.draft.owner_id == services.actor.user_id
    assert page.filters.region.findData("华东") >= 0  # the filter choices were refreshed


def test_edit_customer_keeps_other_fields(
    page: CustomersPage, qtbot: QtBot, services: Services
) -> None:
    customer_id = services.customers.save(
        CustomerDraft(
            name="苏州恒达机械", phone="0512-1234567", annual_sales_fen=123_456, industry="机械"
        )
    )
    page.refresh()
    page.select_row(0)
    dialog = page.edit_selected()
    assert dialog is not None
    assert _line(dialog, "annual_sales_fen").text() == "1,234.56"
    _line(dialog, "short_name").setText("恒达")
    _save(qtbot, dialog)
    draft = services.customers.card(customer_id).draft
    assert draft.short_name == "恒达" and draft.industry == "机械"
    assert draft.annual_sales_fen == 123_456
    assert page.model.data(page.model.index(0, 1)) == "恒达"
    assert page.selected_row() == 0  # the edited customer stays selected


def test_validation_problems_show_inline_and_keep_the_input(
    page: CustomersPage, qtbot: QtBot, services: Services
) -> None:
    dialog = page.new_customer()
    _line(dialog, "phone").setText("abc")
    _line(dialog, "credit_limit_fen").setText("很多")
    _line(dialog, "address").setText("上海市浦东新区")
    _save(qtbot, dialog)
    assert dialog.isVisible() and dialog.saved_id is None
    form = dialog.form
    assert form.errors["name"].isVisible() and "名称" in form.errors["name"].text()
    assert form.errors["phone"].isVisible()
    assert form.errors["credit_limit_fen"].isVisible()
    assert not form.errors["address"].isVisible()
    assert _line(dialog, "phone").text() == "abc"
    assert _line(dialog, "credit_limit_fen").text() == "很多"
    assert _line(dialog, "address").text() == "上海市浦东新区"
    assert page.model.rowCount() == 0

    _line(dialog, "name").setText("上海浦东实业")
    _line(dialog, "phone").setText("021-5555666")
    _line(dialog, "credit_limit_fen").setText("¥5,000")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert not form.errors["name"].isVisible()
    assert services.customers.card(dialog.saved_id or "").draft.credit_limit_fen == 500_000


def test_lost_status_shows_and_requires_the_loss_reason(page: CustomersPage, qtbot: QtBot) -> None:
    dialog = page.new_customer()
    reason = dialog.form.editors["loss_reason"]
    assert not reason.isVisibleTo(dialog)
    status = _combo(dialog, "status")
    status.setCurrentIndex(status.findData("lost"))
    assert reason.isVisibleTo(dialog)
    _line(dialog, "name").setText("流失测试公司")
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.form.errors["loss_reason"].isVisible()
    assert isinstance(reason, QComboBox)
    reason.setCurrentIndex(reason.findData("price"))
    _save(qtbot, dialog)
    assert not dialog.isVisible()


def test_service_error_keeps_the_dialog_open(
    page: CustomersPage,
    qtbot: QtBot,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    shown_errors: list[UserFacingError],
) -> None:
    def locked(_draft: CustomerDraft) -> str:
        raise DatabaseLocked()

    monkeypatch.setattr(services.customers, "save", locked)
    page.context.operations.locked_wait_s = 0  # a lock that never passes: said at once
    dialog = page.new_customer()
    _line(dialog, "name").setText("锁定测试公司")
    key = dialog.form.editors["is_key_account"]
    assert isinstance(key, QCheckBox)
    key.setChecked(True)
    _save(qtbot, dialog)
    assert len(shown_errors) == 1 and isinstance(shown_errors[0], DatabaseLocked)
    assert dialog.isVisible()
    assert _line(dialog, "name").text() == "锁定测试公司" and key.isChecked()


def test_duplicate_of_another_reps_customer_is_a_conflict(
    page: CustomersPage,
    qtbot: QtBot,
    services: Services,
    add_user: Callable[..., str],
    add_customers: Callable[..., None],
    duplicate_answers: list[Sequence[DuplicateMatch]],
) -> None:
    other = add_user("wang", "王五")
    add_customers(1, owner_id=other, prefix="申达")  # 申达00000贸易有限公司, 021-60000000
    dialog = page.new_customer()
    _line(dialog, "name").setText("申达00000贸易（集团）")
    _line(dialog, "phone").setText("021 6000 0000")
    _save(qtbot, dialog)
    assert len(duplicate_answers) == 1
    match = duplicate_answers[0][0]
    assert match.other_owner and match.owner_name == "王五"
    assert set(match.reasons) == {"name", "phone"}
    assert not dialog.isVisible()  # the fixture answered "save anyway"


def test_cancelling_the_duplicate_warning_keeps_editing(
    page: CustomersPage,
    qtbot: QtBot,
    services: Services,
    add_customers: Callable[..., None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_customers(1)
    monkeypatch.setattr(duplicates, "confirm_duplicates", lambda _parent, _matches: False)
    dialog = page.new_customer()
    _line(dialog, "name").setText("客户00000贸易有限公司")
    _save(qtbot, dialog)
    assert dialog.isVisible() and dialog.saved_id is None
    assert len(services.customer_list.handles(CustomerQuery())) == 1


def test_editing_without_touching_name_or_phone_skips_the_duplicate_check(
    page: CustomersPage,
    qtbot: QtBot,
    services: Services,
    add_customers: Callable[..., None],
    duplicate_answers: list[Sequence[DuplicateMatch]],
) -> None:
    add_customers(1)
    twin = services.customers.save(CustomerDraft(name="客户00000贸易有限公司 "))
    dialog = CustomerEditDialog(services, "zh_CN", services.customers.card(twin).draft)
    qtbot.addWidget(dialog)
    _line(dialog, "industry").setText("贸易")
    _save(qtbot, dialog)
    assert duplicate_answers == []
    _line(dialog, "phone").setText("021-60000000")
    dialog.show()
    _save(qtbot, dialog)
    assert len(duplicate_answers) == 1


def test_duplicate_warning_flags_the_conflict(qtbot: QtBot) -> None:
    matches = [
        DuplicateMatch("1", "申达贸易有限公司", "u2", "王五", ("name", "phone"), other_owner=True),
        DuplicateMatch("2", "申达商行", "me", "我", ("tax_id",), other_owner=False),
    ]
    dialog = DuplicateWarningDialog(matches)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.conflict_banner.isVisible()
    assert dialog.table.rowCount() == 2
    flags = [dialog.table.item(r, 3).text() for r in range(2)]
    assert flags[0] and not flags[1]
    assert dialog.cancel_button.isDefault()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_no_conflict_banner_for_own_duplicates(qtbot: QtBot) -> None:
    dialog = DuplicateWarningDialog(
        [DuplicateMatch("2", "申达商行", "me", "我", ("name",), other_owner=False)]
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.conflict_banner.isVisible()

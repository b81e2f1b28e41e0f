"""The customer form's inline problems go as soon as the user fixes the field."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from crm_desktop.domain.errors import ValidationError
from crm_desktop.ui.customers.customer_form import CustomerForm


def test_the_missing_name_message_goes_once_a_name_is_typed(
    qtbot: QtBot, qapp: QApplication
) -> None:
    form = CustomerForm("zh_CN", [("u1", "张伟")])
    qtbot.addWidget(form)
    form.show()
    missing = ValidationError("客户名称不能为空", "Customer name is required", "name")
    form.show_problems([missing])
    name, error = form.editors["name"], form.errors["name"]
    assert isinstance(name, QLineEdit)
    assert error.isVisible() and "客户名称不能为空" in error.text()
    assert name.property("invalid") is True
    name.setText("")  # set by the program, not typed: the message stays
    assert error.isVisible()
    qtbot.keyClicks(name, "A")  # QTest types ASCII only
    assert not error.isVisible() and name.property("invalid") is False
    assert name.text() == "A"

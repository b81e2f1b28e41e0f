"""The customers page: search as you type, filters, SQL sort from the header, delete."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from crm_desktop.services.customers.customer_list import SortKey
from crm_desktop.store.pinyin import pinyin_key
from crm_desktop.ui.customers.list_model import Column
from crm_desktop.ui.customers.page import CustomersPage
from crm_desktop.ui.pages.base import PageContext


def _page(context: PageContext, qtbot: QtBot) -> CustomersPage:
    page = CustomersPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def _names(page: CustomersPage) -> list[str]:
    model = page.model
    return [model.data(model.index(r, Column.SHORT_NAME)) for r in range(model.rowCount())]


def test_page_lists_customers_with_a_count(
    context: PageContext, qtbot: QtBot, add_customers: Callable[..., None]
) -> None:
    add_customers(40)
    page = _page(context, qtbot)
    assert page.model.rowCount() == 40
    assert "40" in page.count_label.text()


def test_search_as_you_type(
    context: PageContext, qtbot: QtBot, add_customers: Callable[..., None]
) -> None:
    add_customers(120)
    page = _page(context, qtbot)
    page.filters.search.insert("客户")  # as an input method commits it
    qtbot.keyClicks(page.filters.search, "0011")
    qtbot.waitUntil(lambda: page.model.rowCount() == 10)  # 00110 … 00119
    assert all(name.startswith("客户0011") for name in _names(page))
    assert page.count_label.text().count("10") == 1
    page.filters.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 120)


def test_search_finds_by_phone(
    context: PageContext, qtbot: QtBot, add_customers: Callable[..., None]
) -> None:
    add_customers(20)
    page = _page(context, qtbot)
    page.filters.search.setText("60000007")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert _names(page) == ["客户00007"]


def test_filters_narrow_the_list(
    context: PageContext,
    qtbot: QtBot,
    add_customers: Callable[..., None],
    add_user: Callable[..., str],
) -> None:
    add_customers(40)
    other = add_user("li", "李四")
    add_customers(5, owner_id=other, prefix="别家")
    page = _page(context, qtbot)
    page.reload_choices()
    filters = page.filters
    assert page.model.rowCount() == 45

    filters.status.setCurrentIndex(filters.status.findData("lost"))
    assert page.model.rowCount() == 11  # 40 // 4 of mine, plus 1 of the five of 李四
    filters.status.setCurrentIndex(0)

    filters.region.setCurrentIndex(filters.region.findData("华南"))
    assert page.model.rowCount() == 11
    filters.region.setCurrentIndex(0)

    filters.value_class.setCurrentIndex(filters.value_class.findData("A"))
    assert page.model.rowCount() == 5
    filters.value_class.setCurrentIndex(0)

    filters.owner.setCurrentIndex(filters.owner.findData(other))
    assert _names(page) == [f"别家{i:05d}" for i in range(5)]
    filters.owner.setCurrentIndex(0)

    filters.key_only.setChecked(True)
    assert page.model.rowCount() == 5
    assert "5" in page.count_label.text()


def test_header_click_sorts_in_sql(
    context: PageContext, qtbot: QtBot, add_customers: Callable[..., None]
) -> None:
    add_customers(12)
    page = _page(context, qtbot)
    header = page.view.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )

    click(Column.NAME)  # already by name ascending: the click turns it round
    assert page.model.query.descending
    assert _names(page)[0] == "客户00011"
    click(Column.REGION)
    assert page.model.query.sort == SortKey.REGION
    regions = [page.model.data(page.model.index(r, Column.REGION)) for r in range(12)]
    pinyin = sorted(regions, key=pinyin_key)  # names and regions sort in pinyin order
    assert regions in (pinyin, pinyin[::-1])
    click(Column.TYPE)
    assert page.model.query.sort == SortKey.TYPE
    assert header.sortIndicatorSection() == Column.TYPE


def test_sort_survives_a_new_search(
    context: PageContext, qtbot: QtBot, add_customers: Callable[..., None]
) -> None:
    add_customers(30)
    page = _page(context, qtbot)
    page.view.sortByColumn(Column.NAME, Qt.SortOrder.DescendingOrder)
    page.filters.search.setText("客户0000")
    qtbot.waitUntil(lambda: page.model.rowCount() == 10)
    assert _names(page)[0] == "客户00009"


def test_delete_asks_first(
    context: PageContext,
    qtbot: QtBot,
    add_customers: Callable[..., None],
    answer_confirm: Callable[[bool], list[str]],
) -> None:
    add_customers(3)
    page = _page(context, qtbot)
    page.select_row(1)
    asked = answer_confirm(False)
    assert not page.delete_selected()
    assert len(asked) == 1 and "客户00001" in asked[0]
    assert page.model.rowCount() == 3
    answer_confirm(True)
    page.select_row(1)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)  # on the writer lane
    assert "客户00001" not in _names(page)


def test_edit_and_delete_need_a_selection(
    context: PageContext, qtbot: QtBot, add_customers: Callable[..., None]
) -> None:
    add_customers(2)
    page = _page(context, qtbot)
    assert not page.edit_button.isEnabled()
    page.select_row(0)
    assert page.edit_button.isEnabled() and page.delete_button.isEnabled()

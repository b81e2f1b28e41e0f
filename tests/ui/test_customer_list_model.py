"""The lazy customer list model: Qt model contract, bounded batch loading, SQL sorting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from crm_desktop.services.container import Services
from crm_desktop.services.customers.customer_list import CustomerQuery, SortKey
from crm_desktop.store.pinyin import pinyin_key
from crm_desktop.ui.customers.list_model import ID_ROLE, KEY_MARK, Column, CustomerListModel


def _model(services: Services, **kwargs: int) -> CustomerListModel:
    model = CustomerListModel(services.customer_list, "zh_CN", **kwargs)
    model.set_query(CustomerQuery())
    return model


def test_empty_model_passes_the_model_tester(services: Services, qtmodeltester) -> None:
    model = _model(services)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_model_with_data_passes_the_model_tester(
    services: Services, add_customers, qtmodeltester
) -> None:
    add_customers(250)
    model = _model(services)
    assert model.rowCount() == 250
    qtmodeltester.check(model)


def test_rows_show_labels_and_mark_key_accounts(services: Services, add_customers) -> None:
    add_customers(3)
    model = _model(services)
    first = model.index(0, Column.NAME)
    assert model.data(first) == KEY_MARK + "客户00000贸易有限公司"  # i == 0 is a key account
    assert model.data(first, Qt.ItemDataRole.FontRole).bold()
    assert model.data(model.index(1, Column.NAME)) == "客户00001贸易有限公司"
    assert model.data(model.index(1, Column.STATUS)) == "现实客户"
    assert model.data(model.index(1, Column.TYPE)) == "企业"
    assert model.data(model.index(1, Column.OWNER)) == services.actor.display_name
    assert isinstance(model.data(first, ID_ROLE), str)


def test_data_loads_one_batch_around_the_requested_row(services: Services, add_customers) -> None:
    add_customers(1000)
    model = _model(services, batch_size=100)
    assert model.rows_loaded == 0  # a query loads handles only
    model.data(model.index(500, 0))
    assert model.rows_loaded == 100
    model.data(model.index(520, 3))  # same batch: no new load
    assert model.rows_loaded == 100


def test_scrolling_the_whole_list_loads_only_what_is_shown(
    services: Services, add_customers, qtbot: QtBot
) -> None:
    add_customers(3000)
    model = _model(services, batch_size=100, cache_size=400)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    visible = view.viewport().height() // view.verticalHeader().defaultSectionSize() + 2
    bound = visible + 100
    assert model.rows_loaded <= bound

    bar = view.verticalScrollBar()
    total = model.rows_loaded
    while bar.value() < bar.maximum():
        before = model.rows_loaded
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()
        assert model.rows_loaded - before <= bound
        total = model.rows_loaded
    assert total <= model.rowCount() + 100  # every row at most once, plus one edge batch
    assert model.cached_rows <= 400

    before = model.rows_loaded
    view.scrollToTop()
    view.scrollToBottom()
    view.viewport().repaint()
    assert model.rows_loaded - before <= 2 * bound  # a jump loads the rows of both ends


def test_sort_reruns_the_query_in_sql(services: Services, add_customers) -> None:
    add_customers(30)
    model = _model(services)
    model.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert model.query.sort == SortKey.NAME and model.query.descending
    assert model.data(model.index(0, Column.NAME)) == "客户00029贸易有限公司"
    model.sort(Column.REGION, Qt.SortOrder.AscendingOrder)
    regions = [model.data(model.index(r, Column.REGION)) for r in range(30)]
    assert regions == sorted(regions, key=pinyin_key)  # pinyin order, not code point
    model.sort(Column.PHONE, Qt.SortOrder.DescendingOrder)
    assert model.query.sort == SortKey.PHONE
    phones = [model.data(model.index(r, Column.PHONE)) for r in range(30)]
    assert phones == sorted(phones, reverse=True)


def test_reset_drops_the_cache(services: Services, add_customers) -> None:
    add_customers(10)
    model = _model(services)
    model.data(model.index(0, 0))
    assert model.cached_rows == 10
    model.set_query(CustomerQuery(text="00003"))
    assert model.rowCount() == 1 and model.cached_rows == 0 and model.rows_loaded == 0
    assert model.data(model.index(0, Column.SHORT_NAME)) == "客户00003"

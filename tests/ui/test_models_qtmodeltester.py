"""Every custom item model of the GUI passes Qt's model tester, on real demo data.

The models are taken from the real pages (and the customer card) of a main window on a
demo store, signed in as the demo supervisor so every page is there. The module also
finds every QAbstractItemModel subclass defined in crm_desktop/ui, so a new model that
no page here shows fails the last test until it is covered.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

import pytest
from fixed_time import fixed_clock
from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTabWidget, QWidget

import crm_desktop.ui
from crm_desktop.config.settings import Settings
from crm_desktop.demo.generator import ensure_demo_data
from crm_desktop.services.container import Services
from crm_desktop.ui.customers.page import CustomersPage
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.tasks import wait_for_all_tasks


def _custom_model_classes() -> set[type]:
    for module in pkgutil.walk_packages(crm_desktop.ui.__path__, "crm_desktop.ui."):
        importlib.import_module(module.name)
    found: set[type] = set()
    todo = list(QAbstractItemModel.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("crm_desktop.ui."):
            found.add(cls)
    return found


def _models_in(widget: QWidget) -> Iterator[QAbstractItemModel]:
    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        while isinstance(model, QAbstractProxyModel):
            model = model.sourceModel()
        if model is not None and type(model).__module__.startswith("crm_desktop.ui."):
            yield model


def _settle() -> None:
    assert wait_for_all_tasks(30_000)
    QApplication.processEvents()  # the finished loads' results, queued to the GUI thread


def _visit_tabs(widget: QWidget) -> None:
    """Open every tab once: a tab loads its rows when it is first shown (the Team page)."""
    for tabs in widget.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            _settle()


@pytest.fixture(scope="module")
def shown_models(
    tmp_path_factory: pytest.TempPathFactory, qapp: QApplication
) -> Iterator[dict[str, list[QAbstractItemModel]]]:
    """The custom models the pages and the customer card show, by class name. Built once
    for the module: the window on the demo store takes seconds."""
    folder = tmp_path_factory.mktemp("models")
    services = Services.open(folder / "data", clock=fixed_clock())
    ensure_demo_data(services)
    window = MainWindow(services, Settings(folder / "settings.json"), "zh_CN", first_run=False)
    window.show()
    widgets: list[QWidget] = []
    for key in window.stack.keys:
        page = window.show_page(key)
        _settle()
        _visit_tabs(page)
        widgets.append(page)
    customers = window.show_page("customers")
    assert isinstance(customers, CustomersPage)
    card = customers.open_card(0)
    assert card is not None
    _settle()
    _visit_tabs(card)
    widgets.append(card)
    # The demo's photos sit on one key account: its card shows the attachments' model.
    with_photos = next(
        row
        for row in range(customers.model.rowCount())
        if services.attachments.list_for("customer", customers.model.customer_id(row) or "")
    )
    photo_card = customers.open_card(with_photos)
    assert photo_card is not None
    _settle()
    _visit_tabs(photo_card)
    widgets.append(photo_card)
    models: dict[str, list[QAbstractItemModel]] = {}
    for widget in widgets:
        for model in _models_in(widget):
            models.setdefault(type(model).__name__, []).append(model)
    yield models
    card.close()
    photo_card.close()
    window.close()
    _settle()
    services.close()


def test_every_custom_model_is_shown_with_rows(
    shown_models: dict[str, list[QAbstractItemModel]],
) -> None:
    with_rows = {name for name, models in shown_models.items() if any(m.rowCount() for m in models)}
    missing = {cls.__name__ for cls in _custom_model_classes()} - with_rows
    assert missing == set(), "no page here shows these models with rows: cover them"


def test_every_shown_model_passes_the_model_tester(
    shown_models: dict[str, list[QAbstractItemModel]], qtmodeltester
) -> None:
    for models in shown_models.values():
        for model in models:
            qtmodeltester.check(model)  # a failure is a Qt warning: the test fails

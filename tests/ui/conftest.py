"""UI test fixtures: settings in a temp folder, the page context, customers and users.

Bulk customers are written straight through a unit of work (tests only; the UI itself
never touches the store) so a few thousand rows cost milliseconds, not seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from crm_desktop.config.settings import Settings
from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.customers.customers import apply_customer_draft
from crm_desktop.store.models import Customer, User
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui import application, messages
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.tasks import wait_for_all_tasks

REGIONS = ("华东", "华南", "华北", "西南")
STATUSES = ("potential", "active", "lost", "former")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "config" / "settings.json")


@pytest.fixture
def context(services: Services, settings: Settings, qapp: QApplication) -> PageContext:
    qapp.setProperty("crm_lang", "zh_CN")
    return PageContext(services, settings, "zh_CN")


@pytest.fixture(autouse=True)
def _no_stray_tasks() -> Iterator[None]:
    # A task still running when the store closes would fail in the next test.
    yield
    assert wait_for_all_tasks(10_000)


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[UserFacingError]:
    """Collects what `application.show_error` would have shown (no modal box)."""
    shown: list[UserFacingError] = []
    monkeypatch.setattr(application, "show_error", lambda error, parent=None: shown.append(error))
    return shown


@pytest.fixture
def answer_confirm(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], list[str]]:
    """`answer_confirm(True)` makes every confirm() say yes; returns the questions asked."""

    def install(answer: bool) -> list[str]:
        asked: list[str] = []

        def confirm(_parent: object, _title: str, text: str) -> bool:
            asked.append(text)
            return answer

        monkeypatch.setattr(messages, "confirm", confirm)
        return asked

    return install


@pytest.fixture
def add_user(services: Services) -> Callable[..., str]:
    """`add_user("li", "李四")` inserts a user (as the server would send one); its id."""
    return lambda username, display_name, role=Role.REP: _add_user(
        services, username, display_name, role
    )


@pytest.fixture
def add_customers(services: Services) -> Callable[..., None]:
    """`add_customers(n, owner_id=..., prefix=...)`; see `_add_customers`."""
    return lambda count, **kwargs: _add_customers(services, count, **kwargs)


def _add_user(services: Services, username: str, display_name: str, role: Role) -> str:
    with UnitOfWork(services.store, None) as uow:
        user = User(username=username, display_name=display_name, role=role.value)
        uow.session.add(user)
        uow.commit()
        return user.id


def _add_customers(
    services: Services, count: int, *, owner_id: str | None = None, prefix: str = "客户"
) -> None:
    """`count` customers with varied class, status, region; every 10th a key account."""
    owner = owner_id or services.actor.user_id
    with UnitOfWork(services.store, owner) as uow:
        for i in range(count):
            draft = CustomerDraft(
                name=f"{prefix}{i:05d}贸易有限公司",
                short_name=f"{prefix}{i:05d}",
                status=STATUSES[i % 4],
                region=REGIONS[i % 4],
                phone=f"021-{60000000 + i}",
                is_key_account=i % 10 == 0,
            )
            customer = Customer(owner_id=owner, team_id=None)
            apply_customer_draft(customer, draft)
            customer.value_class = "A" if i % 10 == 0 else "BC"[i % 2]
            uow.session.add(customer)
        uow.commit()

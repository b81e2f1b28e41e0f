"""The services one open store offers, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.services.actor import Actor, CurrentUser
from crm_desktop.services.customer_list import CustomerList
from crm_desktop.services.customers import CustomerService
from crm_desktop.services.sync import SyncService
from crm_desktop.store.database import Store, open_store


@dataclass
class Services:
    store: Store
    user: CurrentUser
    customers: CustomerService
    customer_list: CustomerList
    # Built from the store when not given, so containers made by hand keep working.
    sync: SyncService = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.sync is None:
            self.sync = SyncService(self.store)

    @classmethod
    def open(cls, data_dir: Path) -> Services:
        """Open the store in `data_dir` (migrating it) and wire the services on it."""
        store = open_store(data_dir)
        user = CurrentUser(store)
        return cls(
            store=store,
            user=user,
            customers=CustomerService(store, user),
            customer_list=CustomerList(store),
            sync=SyncService(store),
        )

    @property
    def actor(self) -> Actor:
        return self.user.actor

    @property
    def database_path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()

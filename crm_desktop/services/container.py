"""The services one open store offers, opened once by the composition root (app.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.domain.clock import Clock
from crm_desktop.services.actor import Actor, CurrentUser
from crm_desktop.services.complaints import ComplaintService
from crm_desktop.services.customer_list import CustomerList
from crm_desktop.services.customers import CustomerService
from crm_desktop.services.follow_ups import FollowUpService
from crm_desktop.services.market_reports import MarketReportService
from crm_desktop.services.pipeline import PipelineService
from crm_desktop.services.policy import PolicyService
from crm_desktop.services.sales_methods import SalesMethodService
from crm_desktop.services.sync import SyncService
from crm_desktop.services.targets import TargetService
from crm_desktop.store.database import Store, open_store


@dataclass
class Services:
    store: Store
    user: CurrentUser
    # The services every page shares, built once here: each needs only the store and the
    # user. Not every service: one page's service (DashboardService, ReviewService,
    # TodayService, DayPlanService, ...) is built by that page from `store` and `user`,
    # some with a setting of their own (the policy's cadence, a due hour), and the one-shot
    # jobs (backups, list_export, weekly_summary, customer_import, demo) are functions
    # that take these Services or the store.
    customers: CustomerService = field(init=False)
    customer_list: CustomerList = field(init=False)
    sync: SyncService = field(init=False)
    complaints: ComplaintService = field(init=False)
    market_reports: MarketReportService = field(init=False)
    follow_ups: FollowUpService = field(init=False)
    pipeline: PipelineService = field(init=False)
    sales_methods: SalesMethodService = field(init=False)
    targets: TargetService = field(init=False)
    policy: PolicyService = field(init=False)

    def __post_init__(self) -> None:
        self.customers = CustomerService(self.store, self.user)
        self.customer_list = CustomerList(self.store)
        self.sync = SyncService(self.store)
        self.complaints = ComplaintService(self.store, self.user)
        self.market_reports = MarketReportService(self.store, self.user)
        self.follow_ups = FollowUpService(self.store, self.user)
        self.pipeline = PipelineService(self.store, self.user)
        self.sales_methods = SalesMethodService(self.store, self.user)
        self.targets = TargetService(self.store, self.user)
        self.policy = PolicyService(self.store, self.user)

    @classmethod
    def open(cls, data_dir: Path, *, clock: Clock | None = None) -> Services:
        """Open the store in `data_dir` (migrating it) and wire the services on it.

        `clock` is the one source of "now" for every service (domain/clock.py): the
        application passes none and runs on the machine's; tests pass a fixed one.
        """
        store = open_store(data_dir, clock=clock)
        return cls(store=store, user=CurrentUser(store))

    @property
    def clock(self) -> Clock:
        return self.store.clock

    @property
    def actor(self) -> Actor:
        return self.user.actor

    @property
    def database_path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()

"""The services one open store offers, opened once by the composition root (app.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from crm_desktop.domain.clock import Clock
from crm_desktop.services.activity.complaints import ComplaintService
from crm_desktop.services.activity.market_reports import MarketReportService
from crm_desktop.services.actor import Actor, CurrentUser
from crm_desktop.services.attachments.attachments import AttachmentService
from crm_desktop.services.customers.churn import ChurnService
from crm_desktop.services.customers.customer_list import CustomerList
from crm_desktop.services.customers.customers import CustomerService
from crm_desktop.services.customers.defections import DefectionService
from crm_desktop.services.customers.double_pursuit import PursuitRow, double_pursuit
from crm_desktop.services.customers.handover import HandoverService
from crm_desktop.services.day.daily_reports import DailyReportService
from crm_desktop.services.day.day_calendar import DayCalendar
from crm_desktop.services.day.day_plans import DayPlanService
from crm_desktop.services.day.follow_ups import FollowUpService
from crm_desktop.services.day.form_drafts import FormDraftService
from crm_desktop.services.day.today import TodayService
from crm_desktop.services.leads.leads import LeadService
from crm_desktop.services.pipeline.pipeline import PipelineService
from crm_desktop.services.pipeline.sales_methods import SalesMethodService
from crm_desktop.services.policy import PolicyService
from crm_desktop.services.printing.form_service import PrintFormService
from crm_desktop.services.receivables.receivables import ReceivableService
from crm_desktop.services.reminders import ReminderService
from crm_desktop.services.review.review import ReviewService
from crm_desktop.services.sync import SyncService
from crm_desktop.services.targets.targets import TargetService
from crm_desktop.services.team.team_progress import TeamProgressService
from crm_desktop.store.database import Store, open_store

if TYPE_CHECKING:
    from crm_desktop.services.key_accounts.hub import KeyAccountServices
    from crm_desktop.services.team.dashboard import DashboardService


@dataclass
class Services:
    store: Store
    user: CurrentUser
    # Every service a page uses comes from here. These need only the store and the user
    # and are built once; below, the dashboard is built on first use and the services that
    # carry a figure of the team policy on each call. The one-shot jobs (backups,
    # list_export, weekly_summary, customer_import, demo) are functions taking these
    # Services or the store.
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
    form_drafts: FormDraftService = field(init=False)
    defections: DefectionService = field(init=False)
    receivables: ReceivableService = field(init=False)
    handover: HandoverService = field(init=False)
    attachments: AttachmentService = field(init=False)

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
        self.form_drafts = FormDraftService(self.store)
        self.defections = DefectionService(self.store, self.user)
        self.receivables = ReceivableService(self.store, self.user)
        self.handover = HandoverService(self.store, self.user)
        self.leads = LeadService(self.store, self.user)
        self.attachments = AttachmentService(self.store, self.user)

    @cached_property
    def dashboard(self) -> DashboardService:
        # Imported here: the dashboard's figures import this module (classification).
        from crm_desktop.services.team.dashboard import DashboardService

        return DashboardService(self.store, self.user)

    @cached_property
    def key_accounts(self) -> KeyAccountServices:
        """Account plans, teams, relationship maps, health checks, watch list, events."""
        from crm_desktop.services.key_accounts.hub import KeyAccountServices

        return KeyAccountServices(self.store, self.user)

    # Services that carry a figure of the viewer's team policy (the report due hour, the
    # visit cadence) are built on each call with the policy as it is now: a sync may bring
    # a new policy at any time, and a page asks again when it is shown. No page builds a
    # service itself (docs/architecture.md).
    def review(self) -> ReviewService:
        return ReviewService(self.store, self.user, self.policy.current().report_due_hour)

    def team_progress(self) -> TeamProgressService:
        return TeamProgressService(self.store, self.user, self.policy.current().report_due_hour)

    def daily_reports(self) -> DailyReportService:
        return DailyReportService(self.store, self.user, self.policy.current().report_due_hour)

    def print_forms(self) -> PrintFormService:
        return PrintFormService(self.store, self.user, self.policy.current().report_due_hour)

    def day_calendar(self) -> DayCalendar:
        return DayCalendar(self.store, self.user, self.policy.current().report_due_hour)

    def day_plans(self) -> DayPlanService:
        return DayPlanService(self.store, self.user, self.policy.current().cadence)

    def today(self) -> TodayService:
        return TodayService(self.store, self.user, self.policy.current().cadence)

    def reminders(self) -> ReminderService:
        # Today's report deadline and the reps late with theirs follow the team's due hour.
        return ReminderService(self.store, self.user, self.policy.current().report_due_hour)

    def churn(self) -> ChurnService:
        # The warning list's overdue rule is twice the class cadence of the team policy.
        return ChurnService(self.store, self.user, self.policy.current().cadence)

    def double_pursuit(self, days: int) -> list[PursuitRow]:
        """Customers the user sees that more than one rep pursued in the last `days`."""
        return double_pursuit(self.store, self.actor, self.clock.today(), days)

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

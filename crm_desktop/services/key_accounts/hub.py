"""The key-account services of one open store, built once by services/container.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.domain.account_plan import RevenueLine, revenue_lines
from crm_desktop.export.account_plan_data import AccountPlanReport
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.key_accounts.plan_report import (
    account_plan_report,
    export_account_plan_xlsx,
    plan_for_customer,
)
from crm_desktop.services.key_accounts.plans import AccountPlanService
from crm_desktop.services.key_accounts.records import KeyAccountRecords, watch_candidates
from crm_desktop.services.key_accounts.relationship import RelationshipMapService
from crm_desktop.services.key_accounts.revenue import actuals_by_quarter
from crm_desktop.services.key_accounts.team import AccountTeamService
from crm_desktop.store.database import Store


@dataclass
class KeyAccountServices:
    store: Store
    user: CurrentUser
    plans: AccountPlanService = field(init=False)
    team: AccountTeamService = field(init=False)
    relationship: RelationshipMapService = field(init=False)
    records: KeyAccountRecords = field(init=False)

    def __post_init__(self) -> None:
        self.plans = AccountPlanService(self.store, self.user)
        self.team = AccountTeamService(self.store, self.user)
        self.relationship = RelationshipMapService(self.store, self.user)
        self.records = KeyAccountRecords(self.store, self.user)

    def report(self, plan_id: str, lang: str = "zh_CN") -> AccountPlanReport:
        return account_plan_report(self.store, self.user, plan_id, lang)

    def plan_for_customer(self, name: str) -> str:
        return plan_for_customer(self.store, name)

    def export_xlsx(self, report: AccountPlanReport, path: Path) -> Path:
        return export_account_plan_xlsx(report, path)

    def revenue(self, plan_id: str) -> list[RevenueLine]:
        """The plan's revenue quarters beside the visits' orders and collections."""
        plan = self.plans.open(plan_id)
        with self.store.reading() as s:
            actuals = actuals_by_quarter(s, plan.customer_id, plan.plan_year)
        return revenue_lines(plan.content, actuals)

    def watch_candidates(self) -> list[tuple[str, str]]:
        return watch_candidates(self.store)

"""The ordered list of pages the navigation shows (SPEC §3). Add a page here to ship it.

A page is a `Page` subclass (pages/base.py): a `key`, a translated `title()`, an optional
`available(context)` and a constructor taking the `PageContext`. The main window builds
a page the first time it is opened, so a heavy page (charts) costs nothing at startup.
"""

from __future__ import annotations

from crm_desktop.ui.activity.complaints_page import ComplaintsPage
from crm_desktop.ui.activity.follow_ups_page import FollowUpsPage
from crm_desktop.ui.activity.market_reports_page import MarketReportsPage
from crm_desktop.ui.churn.page import ChurnPage
from crm_desktop.ui.customers.page import CustomersPage
from crm_desktop.ui.dashboard.page import DashboardPage
from crm_desktop.ui.key_accounts.page import KeyAccountsPage
from crm_desktop.ui.leads.page import LeadsPage
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.pipeline.page import PipelinePage
from crm_desktop.ui.plans.page import PlansPage
from crm_desktop.ui.receivables.page import ReceivablesPage
from crm_desktop.ui.review.page import ReviewPage
from crm_desktop.ui.settings import SettingsPage
from crm_desktop.ui.sync.page import SyncPage
from crm_desktop.ui.targets.page import TargetsPage
from crm_desktop.ui.team.page import TeamPage
from crm_desktop.ui.today.page import TodayPage

PAGES: list[type[Page]] = [
    TodayPage,
    CustomersPage,
    LeadsPage,
    PlansPage,
    FollowUpsPage,
    ComplaintsPage,
    ReceivablesPage,
    ChurnPage,
    MarketReportsPage,
    ReviewPage,
    TeamPage,
    PipelinePage,
    TargetsPage,
    KeyAccountsPage,
    DashboardPage,
    SyncPage,
    SettingsPage,
]

# The page the window opens on.
START_PAGE = TodayPage.key


def available_pages(context: PageContext) -> list[type[Page]]:
    """The pages this user may open, in navigation order."""
    return [page for page in PAGES if page.available(context)]

"""Pages follow the synced team policy as it is when they are shown, not as it was when
they were built: a sync may bring a new policy while the app runs."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from crm_desktop.domain.picklists import Role
from crm_desktop.domain.policy import DEFAULT_POLICY, TeamPolicy
from crm_desktop.store.models import TeamPolicyRow, User
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.plans.page import PlansPage
from crm_desktop.ui.review.page import ReviewPage
from crm_desktop.ui.team.page import TeamPage


def set_company_policy(context: PageContext, **values: int) -> TeamPolicy:
    """A company default row as a sync would bring it (set by an admin elsewhere)."""
    columns = {**DEFAULT_POLICY.columns(), **values}
    with UnitOfWork(context.services.store, None) as uow:
        uow.session.add(TeamPolicyRow(team_id=None, version=1, **columns))
        uow.commit()
    return TeamPolicy.from_columns(columns)


def test_the_plans_page_takes_a_policy_that_arrived_after_it_was_built(
    context: PageContext, qtbot: QtBot
) -> None:
    services = context.services
    assert services.actor.role is Role.REP
    page = PlansPage(context)
    qtbot.addWidget(page)
    assert page.reports.due_hour == 20
    policy = set_company_policy(context, report_due_hour=17, cadence_a_days=5)
    assert services.policy.current() == policy
    page.page_shown()
    assert page.reports.due_hour == 17 and page.calendar_service.due_hour == 17
    assert page.plans.cadence.a_days == 5


def test_review_and_team_pages_take_the_current_due_hour(
    context: PageContext, qtbot: QtBot
) -> None:
    services = context.services
    with UnitOfWork(services.store, None) as uow:
        boss = User(username="sup", display_name="主管", role=Role.SUPERVISOR.value)
        uow.session.add(boss)
        uow.commit()
    services.user.switch(boss.id)
    review, team = ReviewPage(context), TeamPage(context)
    qtbot.addWidget(review)
    qtbot.addWidget(team)
    set_company_policy(context, report_due_hour=16)
    review.page_shown()
    team.page_shown()
    assert review.service.due_hour == 16 and team.service.due_hour == 16

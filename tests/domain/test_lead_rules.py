"""The lead rules both ends apply (domain/leads.py): the pool's N-day boundary, claims,
撞单, returns, assignment, status moves and the §2.1 tier cadence."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_desktop.domain.errors import Forbidden, TransitionError, ValidationError
from crm_desktop.domain.leads import (
    Collision,
    LeadStatus,
    Taken,
    Tier,
    check_assign,
    check_claim,
    check_no_collision,
    check_return,
    check_return_after_days,
    check_status_change,
    next_contact_due,
    pool_return_on,
    returns_to_pool,
    sees_pool_lead,
)
from crm_desktop.domain.picklists import Role

DAY = dt.date(2026, 11, 23)


def owned(
    today: dt.date, last: dt.date | None = None, status: LeadStatus = LeadStatus.ASSIGNED
) -> bool:
    return returns_to_pool(
        in_pool=False,
        status=status,
        held_since=DAY,
        last_effective=last,
        return_after_days=30,
        today=today,
    )


def test_an_owned_lead_stays_n_full_days_and_returns_the_day_after() -> None:
    assert not owned(DAY + dt.timedelta(days=30))
    assert owned(DAY + dt.timedelta(days=31))
    assert pool_return_on(DAY, None, 30) == DAY + dt.timedelta(days=31)


def test_an_effective_visit_restarts_the_clock_but_an_older_one_does_not() -> None:
    visit = DAY + dt.timedelta(days=20)
    assert not owned(visit + dt.timedelta(days=30), visit)
    assert owned(visit + dt.timedelta(days=31), visit)
    # A visit before the lead came to its owner does not lengthen their time.
    assert owned(DAY + dt.timedelta(days=31), DAY - dt.timedelta(days=5))


def test_pooled_and_closed_leads_never_return() -> None:
    late = DAY + dt.timedelta(days=400)
    assert not owned(late, status=LeadStatus.CONVERTED)
    assert not owned(late, status=LeadStatus.DISCARDED)
    assert not returns_to_pool(
        in_pool=True,
        status=LeadStatus.NEW,
        held_since=DAY,
        last_effective=None,
        return_after_days=1,
        today=late,
    )


@pytest.mark.parametrize("days", [0, 366, -1, True, 2.5])
def test_the_pool_rule_takes_1_to_365_whole_days(days: object) -> None:
    with pytest.raises(ValidationError):
        check_return_after_days(days)  # type: ignore[arg-type]
    assert check_return_after_days(1) == 1 and check_return_after_days(365) == 365
    assert check_return_after_days(None) == 30


def test_a_claim_is_for_the_own_teams_pool_and_the_first_one_only() -> None:
    check_claim(in_pool=True, status=LeadStatus.NEW, lead_team="east", claimer_team="east")
    with pytest.raises(Taken):
        check_claim(
            in_pool=False, status=LeadStatus.ASSIGNED, lead_team="east", claimer_team="east"
        )
    with pytest.raises(Forbidden):
        check_claim(in_pool=True, status=LeadStatus.NEW, lead_team="east", claimer_team="west")
    with pytest.raises(Forbidden):
        check_claim(in_pool=True, status=LeadStatus.NEW, lead_team=None, claimer_team=None)
    with pytest.raises(TransitionError):
        check_claim(in_pool=True, status=LeadStatus.DISCARDED, lead_team="e", claimer_team="e")


def test_double_pursuit_is_another_reps_customer_only() -> None:
    check_no_collision(set(), "rep1")
    check_no_collision({"rep1", None}, "rep1")
    with pytest.raises(Collision):
        check_no_collision({"rep1", "rep2"}, "rep1")


def test_returns_assignments_and_visibility() -> None:
    check_return(in_pool=False, status=LeadStatus.CONTACTED, is_owner=True, leads_owner=False)
    check_return(in_pool=False, status=LeadStatus.CONTACTED, is_owner=False, leads_owner=True)
    with pytest.raises(Forbidden):
        check_return(in_pool=False, status=LeadStatus.NEW, is_owner=False, leads_owner=False)
    with pytest.raises(TransitionError):
        check_return(in_pool=True, status=LeadStatus.NEW, is_owner=True, leads_owner=False)
    with pytest.raises(TransitionError):
        check_return(in_pool=False, status=LeadStatus.CONVERTED, is_owner=True, leads_owner=False)
    check_assign(Role.SUPERVISOR, True, True)
    with pytest.raises(Forbidden):
        check_assign(Role.REP, True, True)
    with pytest.raises(Forbidden):
        check_assign(Role.MANAGER, True, False)
    assert sees_pool_lead(in_pool=True, lead_team="e", user_team="e")
    assert not sees_pool_lead(in_pool=False, lead_team="e", user_team="e")
    assert not sees_pool_lead(in_pool=True, lead_team=None, user_team=None)


def test_status_moves_by_hand() -> None:
    check_status_change(LeadStatus.ASSIGNED, LeadStatus.CONTACTED)
    check_status_change(LeadStatus.CONTACTED, LeadStatus.QUALIFIED)
    with pytest.raises(TransitionError):
        check_status_change(LeadStatus.NEW, LeadStatus.CONVERTED)  # only by converting
    with pytest.raises(TransitionError):
        check_status_change(LeadStatus.DISCARDED, LeadStatus.CONTACTED)


def test_tier_cadence_is_the_training_table() -> None:
    call, visit = next_contact_due(Tier.PRIORITY, None, None, DAY)
    assert (call - DAY).days == 30 and (visit - DAY).days == 91
    call, visit = next_contact_due(Tier.LAST, DAY, DAY + dt.timedelta(days=10), DAY)
    assert (call - DAY).days == 182 and (visit - DAY).days == 375

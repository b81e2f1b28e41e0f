"""The handover rule (domain/handover.py), one rulebook for the laptop and the server."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_desktop.domain.errors import Forbidden, ValidationError
from crm_desktop.domain.handover import (
    NOTE_MAX_CHARS,
    check_handover,
    handover_note,
    may_hand_over,
    plan_item_leaves,
)
from crm_desktop.domain.org import Hierarchy, OrgTeam, OrgUser
from crm_desktop.domain.picklists import Role

# mgr leads sup (team east: a, b); sup2 leads west (x), outside mgr's line; admin.
ORG = Hierarchy.of(
    [
        OrgUser("admin", Role.ADMIN),
        OrgUser("mgr", Role.MANAGER),
        OrgUser("sup", Role.SUPERVISOR, supervisor_id="mgr", team_id="east"),
        OrgUser("a", Role.REP, supervisor_id="sup", team_id="east"),
        OrgUser("b", Role.REP, supervisor_id="sup", team_id="east"),
        OrgUser("sup2", Role.SUPERVISOR, team_id="west"),
        OrgUser("x", Role.REP, supervisor_id="sup2", team_id="west"),
    ],
    [OrgTeam("east", leader_id="sup"), OrgTeam("west", leader_id="sup2")],
)


def _check(actor: str, frm: str | None, to: str, active: bool = True) -> None:
    check_handover(ORG, actor, frm, to, to_owner_active=active)


def test_a_manager_hands_over_within_the_teams_they_lead() -> None:
    _check("mgr", "a", "b")
    _check("mgr", "a", "sup")
    _check("mgr", "a", "mgr")  # a manager may take a customer over themselves
    with pytest.raises(Forbidden):
        _check("mgr", "x", "a")  # x is not in mgr's line
    with pytest.raises(Forbidden):
        _check("mgr", "a", "x")


def test_an_admin_hands_anyones_customers_to_anyone() -> None:
    _check("admin", "x", "a")
    _check("admin", "a", "x")


@pytest.mark.parametrize("actor", ["sup", "a", "nobody"])
def test_supervisors_and_reps_do_not_hand_over(actor: str) -> None:
    assert not may_hand_over(ORG, actor)
    with pytest.raises(Forbidden) as refused:
        _check(actor, "a", "b")
    assert refused.value.message_zh == "只有销售经理或管理员可以交接客户"


def test_the_new_owner_is_active_known_and_someone_else() -> None:
    with pytest.raises(ValidationError):
        _check("mgr", "a", "b", active=False)
    with pytest.raises(ValidationError):
        _check("admin", "a", "ghost")
    with pytest.raises(ValidationError) as same:
        _check("mgr", "a", "a")
    assert same.value.field == "to_owner"
    check_handover(ORG, "mgr", "a", "a", to_owner_active=True, done_if_same=True)


def test_the_app_requires_a_note_the_server_does_not() -> None:
    assert handover_note("  月底对账  ", required=True) == "月底对账"
    assert handover_note(None, required=False) is None
    with pytest.raises(ValidationError):
        handover_note(" \n ", required=True)
    with pytest.raises(ValidationError):
        handover_note("x" * (NOTE_MAX_CHARS + 1), required=False)
    assert handover_note("x" * NOTE_MAX_CHARS, required=True) == "x" * NOTE_MAX_CHARS


def test_the_customer_leaves_only_later_plans_not_yet_handed_in() -> None:
    day = dt.date(2026, 11, 23)
    later = day + dt.timedelta(days=1)
    assert plan_item_leaves("draft", later, day)
    assert plan_item_leaves("returned", later, day)
    assert not plan_item_leaves("draft", day, day)  # the handover day's own plan stays
    assert not plan_item_leaves("submitted", later, day)
    assert not plan_item_leaves("countersigned", later, day)

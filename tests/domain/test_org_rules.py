"""The org rulebook both ends call: who leads whom, and who reads, writes, reviews what."""

from __future__ import annotations

import pytest

from crm_desktop.domain.org import Hierarchy, OrgTeam, OrgUser, RecordKind
from crm_desktop.domain.picklists import Role

OWNED, TARGET, REFERENCE = RecordKind.OWNED, RecordKind.TARGET, RecordKind.REFERENCE


def org() -> Hierarchy:
    """A manager leads the region; its child team is led by a supervisor with two reps as
    members; a third rep reports to the supervisor by supervisor_id only; one rep is in
    another region; an admin is above everything."""
    return Hierarchy.of(
        [
            OrgUser("admin", Role.ADMIN),
            OrgUser("mgr", Role.MANAGER),
            OrgUser("sup", Role.SUPERVISOR, team_id="east"),
            OrgUser("a", Role.REP, team_id="sh"),
            OrgUser("b", Role.REP, team_id="sh"),
            OrgUser("c", Role.REP, supervisor_id="sup"),
            OrgUser("far", Role.REP, team_id="west"),
        ],
        [
            OrgTeam("east", leader_id="mgr"),
            OrgTeam("sh", parent_id="east", leader_id="sup"),
            OrgTeam("west"),
        ],
    )


def test_leading_is_transitive_over_supervisors_and_team_trees() -> None:
    tree = org()
    assert tree.below("sup") == {"a", "b", "c"}
    # The manager leads the region's members, the child team's, and the supervisor's
    # direct report (through the supervisor).
    assert tree.below("mgr") == {"sup", "a", "b", "c"}
    assert tree.below("a") == frozenset()
    assert tree.teams_below("mgr") == {"east", "sh"}
    assert tree.team_members("east") == {"sup", "a", "b"}


def test_who_reads_whose_records() -> None:
    tree = org()
    assert tree.visible_owners("admin") is None
    assert tree.visible_owners("a") == {"a"}
    assert tree.visible_owners("sup") == {"sup", "a", "b", "c"}
    assert tree.viewers_of("a") == {"a", "sup", "mgr"}
    assert tree.viewers_of("far") == {"far"}
    unknown = tree.access("nobody")  # a user the directory does not hold reads only theirs
    assert unknown.role is Role.REP and unknown.visible == {"nobody"}


@pytest.mark.parametrize(
    ("user", "kind", "owner", "allowed"),
    [
        ("a", OWNED, "a", True),
        ("a", OWNED, "b", False),  # a rep writes only their own
        ("sup", OWNED, "a", True),  # a supervisor their team's
        ("sup", OWNED, "far", False),
        ("mgr", OWNED, "a", False),  # a manager only their own records...
        ("mgr", OWNED, "mgr", True),
        ("mgr", TARGET, "a", True),  # ...but sets the targets of their subtree
        ("mgr", TARGET, "far", False),
        ("sup", TARGET, "a", False),  # the people measured by a target only read it
        ("a", TARGET, "a", False),
        ("admin", TARGET, "far", True),
        ("admin", REFERENCE, None, True),  # the org directory: only admins
        ("sup", REFERENCE, None, False),
    ],
)
def test_who_writes_what(user: str, kind: RecordKind, owner: str | None, allowed: bool) -> None:
    assert org().access(user).may_write(kind, owner) is allowed


def test_reference_data_is_read_by_everyone() -> None:
    assert org().access("far").may_read(REFERENCE, None)
    assert not org().access("far").may_read(OWNED, "a")


def test_reviewers_review_their_scope_never_their_own_work() -> None:
    tree = org()
    assert tree.access("sup").reviews("a")
    assert tree.access("mgr").reviews("sup")
    assert not tree.access("sup").reviews("sup")
    assert not tree.access("sup").reviews("far")
    assert not tree.access("a").reviews("b")


def test_nobody_leads_themselves_even_through_a_loop() -> None:
    # A leader who is a member of the team they lead, and two people who (by a data
    # slip) supervise each other: neither becomes their own subordinate, so neither
    # could review their own work.
    tree = Hierarchy.of(
        [
            OrgUser("lead", Role.SUPERVISOR, team_id="t"),
            OrgUser("x", Role.SUPERVISOR, supervisor_id="y"),
            OrgUser("y", Role.SUPERVISOR, supervisor_id="x"),
        ],
        [OrgTeam("t", leader_id="lead")],
    )
    assert tree.below("lead") == frozenset()
    assert tree.below("x") == {"y"}
    assert not tree.access("x").reviews("x")

"""The laptop's org tree: who is under a supervisor or a manager."""

from __future__ import annotations

import pytest

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.org import OrgTree
from crm_desktop.store.models import Team, User
from crm_desktop.store.unit_of_work import UnitOfWork


def _org(services: Services) -> dict[str, str]:
    """A manager leads the east region team; its child team 'Shanghai' is led by a
    supervisor with two reps as members; one more rep reports to that supervisor by
    supervisor_id only; a rep elsewhere reports to nobody here."""
    ids: dict[str, str] = {}
    with UnitOfWork(services.store, None) as uow:
        s = uow.session

        def user(name: str, role: Role, **kw: str | None) -> User:
            u = User(username=name, display_name=name, role=role.value, **kw)
            s.add(u)
            s.flush()
            ids[name] = u.id
            return u

        manager = user("mgr", Role.MANAGER)
        sup = user("sup", Role.SUPERVISOR)
        east = Team(name="华东", supervisor_id=manager.id)
        s.add(east)
        s.flush()
        shanghai = Team(name="上海", parent_team_id=east.id, supervisor_id=sup.id)
        s.add(shanghai)
        s.flush()
        sup.team_id = east.id
        user("rep_a", Role.REP, team_id=shanghai.id)
        user("rep_b", Role.REP, team_id=shanghai.id)
        user("rep_c", Role.REP, supervisor_id=sup.id)
        user("rep_x", Role.REP)
        ids["east"], ids["shanghai"] = east.id, shanghai.id
        uow.commit()
    return ids


def test_supervisor_and_manager_subtrees(services: Services) -> None:
    ids = _org(services)
    tree = OrgTree.load(services.store)
    assert [p.username for p in tree.reps_below(ids["sup"])] == ["rep_a", "rep_b", "rep_c"]
    below_manager = [p.username for p in tree.below(ids["mgr"])]
    assert below_manager == ["rep_a", "rep_b", "rep_c", "sup"]
    assert tree.reps_below(ids["rep_a"]) == []
    assert [p.username for p in tree.team_reps(ids["east"])] == ["rep_a", "rep_b"]


def test_lookups_by_name_refuse_unknown(services: Services) -> None:
    ids = _org(services)
    tree = OrgTree.load(services.store)
    assert tree.by_username("rep_b").id == ids["rep_b"]
    assert tree.team_by_name("上海") == ids["shanghai"]
    with pytest.raises(ValidationError, match="No user"):
        tree.by_username("nobody")
    with pytest.raises(ValidationError, match="No team"):
        tree.team_by_name("西北")


def test_visible_reps_and_teams_below(services: Services) -> None:
    ids = _org(services)
    tree = OrgTree.load(services.store)

    def names(user: str, role: Role) -> list[str]:
        return [p.username for p in tree.visible_reps(ids[user], role)]

    assert names("rep_a", Role.REP) == ["rep_a"]
    assert names("sup", Role.SUPERVISOR) == ["rep_a", "rep_b", "rep_c"]
    # An admin sees every rep, the laptop's local stand-in user included.
    assert names("mgr", Role.ADMIN) == ["rep_a", "rep_b", "rep_c", "rep_x", "local"]
    # The manager leads 华东; its child 上海 comes with it. The supervisor leads 上海 only.
    assert tree.teams_below(ids["mgr"]) == {ids["east"], ids["shanghai"]}
    assert tree.teams_below(ids["sup"]) == {ids["shanghai"]}
    assert tree.teams_below(ids["rep_x"]) == set()

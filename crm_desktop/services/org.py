"""Who reports to whom, on the laptop: the reps in a supervisor's team or a manager's subtree.

The org tree (users and teams) reaches every laptop as reference data (SYNC.md). A user
leads the people whose `supervisor_id` is theirs and the members of the teams they
supervise, and, through `parent_team_id`, of every team below those.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import Role
from crm_desktop.store.database import Store
from crm_desktop.store.models import Team, User


@dataclass(frozen=True)
class Person:
    id: str
    username: str
    display_name: str
    role: Role
    team_id: str | None


class OrgTree:
    """Users and teams loaded once; answers "who is under whom"."""

    def __init__(
        self,
        people: list[Person],
        supervisor_of: dict[str, str | None],
        teams: list[tuple[str, str, str | None, str | None]],
    ) -> None:
        """`supervisor_of`: user id -> supervisor id; `teams`: (id, name, parent, leader)."""
        self.people = {p.id: p for p in people}
        self.team_names = {t[0]: t[1] for t in teams}
        self.team_leaders = {t[0]: t[3] for t in teams}
        self._reports: dict[str, set[str]] = defaultdict(set)
        for user_id, supervisor in supervisor_of.items():
            if supervisor and user_id in self.people:
                self._reports[supervisor].add(user_id)
        child_teams: dict[str, set[str]] = defaultdict(set)
        members: dict[str, set[str]] = defaultdict(set)
        for team_id, _name, parent, _leader in teams:
            if parent:
                child_teams[parent].add(team_id)
        for person in people:
            if person.team_id:
                members[person.team_id].add(person.id)
        self._supervised: dict[str, set[str]] = defaultdict(set)
        for team_id, _name, _parent, leader in teams:
            if leader:
                self._supervised[leader].add(team_id)
        self._child_teams = child_teams
        self._members = members

    @classmethod
    def load(cls, store: Store) -> OrgTree:
        with store.reading() as session:
            users = session.execute(
                select(User.id, User.username, User.display_name, User.role, User.team_id).where(
                    User.deleted.is_(False), User.active.is_(True)
                )
            ).all()
            supervisor_of = dict(
                session.execute(
                    select(User.id, User.supervisor_id).where(User.deleted.is_(False))
                ).all()
            )
            teams = session.execute(
                select(Team.id, Team.name, Team.parent_team_id, Team.supervisor_id).where(
                    Team.deleted.is_(False)
                )
            ).all()
        return cls(
            [Person(u[0], u[1], u[2], Role(u[3]), u[4]) for u in users],
            supervisor_of,
            [(t[0], t[1], t[2], t[3]) for t in teams],
        )

    def below(self, leader_id: str) -> list[Person]:
        """Everyone under `leader_id` (not themselves), by name; direct and indirect."""
        seen: set[str] = set()
        stack = [leader_id]
        while stack:
            current = stack.pop()
            found = set(self._reports.get(current, ()))
            teams = list(self._supervised.get(current, ()))
            while teams:  # a leader's teams and every team below them
                team = teams.pop()
                found |= self._members.get(team, set())
                teams.extend(self._child_teams.get(team, ()))
            for person_id in found - seen - {leader_id}:
                seen.add(person_id)
                stack.append(person_id)
        return sorted((self.people[i] for i in seen), key=lambda p: p.display_name)

    def reps_below(self, leader_id: str) -> list[Person]:
        """The reps under a leader (supervisors below them are not reps)."""
        return [p for p in self.below(leader_id) if p.role is Role.REP]

    def visible_reps(self, user_id: str, role: Role) -> list[Person]:
        """The reps whose figures a user sees, by name: a rep only themselves, an admin
        every rep, a supervisor or manager the reps below them."""
        if role is Role.REP:
            return [p for p in (self.people.get(user_id),) if p is not None]
        if role is Role.ADMIN:
            reps = (p for p in self.people.values() if p.role is Role.REP)
            return sorted(reps, key=lambda p: p.display_name)
        return self.reps_below(user_id)

    def teams_below(self, leader_id: str) -> set[str]:
        """The teams led by `leader_id` or by anyone below them, and every team under
        those."""
        leaders = {leader_id} | {p.id for p in self.below(leader_id)}
        stack = [team for team, leader in self.team_leaders.items() if leader in leaders]
        found: set[str] = set()
        while stack:
            team = stack.pop()
            if team not in found:
                found.add(team)
                stack.extend(self._child_teams.get(team, ()))
        return found

    def by_username(self, username: str) -> Person:
        for person in self.people.values():
            if person.username == username:
                return person
        raise ValidationError(f"找不到用户“{username}”", f"No user “{username}”", field="rep")

    def team_by_name(self, name: str) -> str:
        for team_id, team_name in self.team_names.items():
            if team_name == name:
                return team_id
        raise ValidationError(f"找不到团队“{name}”", f"No team “{name}”", field="team")

    def team_reps(self, team_id: str) -> list[Person]:
        """Reps in a team and every team below it, by name."""
        found: set[str] = set()
        teams = [team_id]
        while teams:
            team = teams.pop()
            found |= self._members.get(team, set())
            teams.extend(self._child_teams.get(team, ()))
        people = (self.people[i] for i in found)
        return sorted((p for p in people if p.role is Role.REP), key=lambda p: p.display_name)

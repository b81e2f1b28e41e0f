"""Who reports to whom, on the laptop: the reps in a supervisor's team or a manager's subtree.

The org tree (users and teams) reaches every laptop as reference data (SYNC.md). A user
leads the people whose `supervisor_id` is theirs and the members of the teams they
supervise, and, through `parent_team_id`, of every team below those.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.org import Hierarchy, OrgTeam, OrgUser
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
    """The laptop's directory of people (names, usernames) over the domain's hierarchy,
    which answers "who is under whom" exactly as the server does (domain/org.py). Lists
    show active people only; scope counts everyone, as the server does."""

    def __init__(
        self,
        people: list[Person],
        hierarchy: Hierarchy,
        team_names: dict[str, str],
    ) -> None:
        self.people = {p.id: p for p in people}  # the active people
        self.hierarchy = hierarchy
        self.team_names = team_names

    @classmethod
    def load(cls, store: Store) -> OrgTree:
        with store.reading() as session:
            users = session.execute(
                select(
                    User.id,
                    User.username,
                    User.display_name,
                    User.role,
                    User.team_id,
                    User.supervisor_id,
                    User.active,
                ).where(User.deleted.is_(False))
            ).all()
            teams = session.execute(
                select(Team.id, Team.name, Team.parent_team_id, Team.supervisor_id).where(
                    Team.deleted.is_(False)
                )
            ).all()
        hierarchy = Hierarchy.of(
            (OrgUser(u[0], Role(u[3]), u[5], u[4]) for u in users),
            (OrgTeam(t[0], t[2], t[3]) for t in teams),
        )
        people = [Person(u[0], u[1], u[2], Role(u[3]), u[4]) for u in users if u[6]]
        return cls(people, hierarchy, {t[0]: t[1] for t in teams})

    def _people(self, ids: Iterable[str]) -> list[Person]:
        found = (self.people[i] for i in ids if i in self.people)
        return sorted(found, key=lambda p: p.display_name)

    def below(self, leader_id: str) -> list[Person]:
        """Everyone under `leader_id` (not themselves), by name; direct and indirect."""
        return self._people(self.hierarchy.below(leader_id))

    def reps_below(self, leader_id: str) -> list[Person]:
        """The reps under a leader (supervisors below them are not reps)."""
        return [p for p in self.below(leader_id) if p.role is Role.REP]

    def visible_reps(self, user_id: str, role: Role) -> list[Person]:
        """The reps whose figures a user sees, by name: a rep only themselves, an admin
        every rep, a supervisor or manager the reps below them."""
        if role is Role.REP:
            return [p for p in (self.people.get(user_id),) if p is not None]
        if role is Role.ADMIN:
            return [p for p in self._people(self.people) if p.role is Role.REP]
        return self.reps_below(user_id)

    def teams_below(self, leader_id: str) -> set[str]:
        """The teams led by `leader_id` or by anyone below them, and every team under
        those."""
        return self.hierarchy.teams_below(leader_id)

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
        members = self._people(self.hierarchy.team_members(team_id))
        return [p for p in members if p.role is Role.REP]

"""Who reports to whom, and so who reads, writes and reviews whose records.

One rulebook for both ends: the laptop's services and the sync server build a `Hierarchy`
from the users and teams they hold (the org directory is reference data every laptop
pulls) and ask it the same questions, so the laptop predicts exactly what the server
will decide.

A user leads the people whose `supervisor_id` is theirs and the members of the teams
they lead, and, through `parent_id`, of every team below those; leading is transitive.
A rep reads their own records, an admin everyone's, anyone else their own and those of
everyone they lead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from crm_desktop.domain.picklists import Role


@dataclass(frozen=True)
class OrgUser:
    id: str
    role: Role
    supervisor_id: str | None = None
    team_id: str | None = None


@dataclass(frozen=True)
class OrgTeam:
    id: str
    parent_id: str | None = None
    leader_id: str | None = None


class RecordKind(Enum):
    """What kind of record a permission question is about."""

    OWNED = "owned"  # customers, visits, reports...: belong to their owner
    TARGET = "target"  # targets: set by managers for the people below them
    REFERENCE = "reference"  # the org directory and sales methods: everyone reads them
    # A team's policy (domain/policy.py): everyone reads it; managers and admins write it,
    # each row only if `Hierarchy.may_set_team_policy` allows it for the row's team.
    TEAM_POLICY = "team_policy"
    # Money owed (domain/receivables.py): belongs to the customer's owner, and is written
    # by everyone who sees it -- the finance figures are often keyed in or imported by a
    # supervisor or manager for their people's customers.
    RECEIVABLE = "receivable"


@dataclass(frozen=True)
class Access:
    """One user's rights: the owners whose records they read, write and review."""

    user_id: str
    role: Role
    team_id: str | None
    visible: frozenset[str] | None  # owner ids this user reads; None = everyone (admin)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def can_see_owner(self, owner_id: str | None) -> bool:
        return self.visible is None or owner_id in self.visible

    def may_read(self, kind: RecordKind, owner_id: str | None) -> bool:
        if kind in (RecordKind.REFERENCE, RecordKind.TEAM_POLICY):
            return True
        return self.can_see_owner(owner_id)

    def may_write(self, kind: RecordKind, owner_id: str | None) -> bool:
        """Reps write their own records, supervisors their team's; managers and admins
        their own; targets only managers (their subtree's) and admins (SPEC §1: the reps
        and supervisors measured by them only read them); the org directory only admins."""
        if kind is RecordKind.REFERENCE:
            return self.is_admin
        if kind is RecordKind.TEAM_POLICY:  # which team's row: Hierarchy.may_set_team_policy
            return self.role in (Role.MANAGER, Role.ADMIN)
        if kind is RecordKind.TARGET:
            return self.role in (Role.MANAGER, Role.ADMIN) and self.can_see_owner(owner_id)
        if kind is RecordKind.RECEIVABLE:
            return self.can_see_owner(owner_id)
        if self.role in (Role.REP, Role.SUPERVISOR):
            return self.can_see_owner(owner_id)
        return owner_id == self.user_id

    def reviews(self, owner_id: str | None) -> bool:
        """Whether this user may review (sign, countersign, return) the owner's work: the
        work of someone in their scope, never their own. The role is judged by the
        workflow (domain/workflow.py)."""
        return owner_id != self.user_id and self.can_see_owner(owner_id)


@dataclass
class Hierarchy:
    """The org tree of the users and teams given; answers "who is under whom"."""

    users: dict[str, OrgUser]
    teams: dict[str, OrgTeam]
    _reports: dict[str, set[str]] = field(init=False, repr=False)
    _child_teams: dict[str, set[str]] = field(init=False, repr=False)
    _members: dict[str, set[str]] = field(init=False, repr=False)
    _visible: dict[str, frozenset[str] | None] = field(init=False, repr=False)

    @classmethod
    def of(cls, users: Iterable[OrgUser], teams: Iterable[OrgTeam]) -> Hierarchy:
        return cls({u.id: u for u in users}, {t.id: t for t in teams})

    def __post_init__(self) -> None:
        self._child_teams = defaultdict(set)
        for team in self.teams.values():
            if team.parent_id:
                self._child_teams[team.parent_id].add(team.id)
        self._members = defaultdict(set)
        self._reports = defaultdict(set)
        for user in self.users.values():
            if user.team_id:
                self._members[user.team_id].add(user.id)
            if user.supervisor_id:
                self._reports[user.supervisor_id].add(user.id)
        for team in self.teams.values():
            if team.leader_id:  # a leader's direct reports include every team below theirs
                self._reports[team.leader_id] |= self.team_members(team.id)
        self._visible = {}

    def role(self, user_id: str) -> Role:
        user = self.users.get(user_id)
        return user.role if user is not None else Role.REP

    def team_of(self, user_id: str | None) -> str | None:
        user = self.users.get(user_id or "")
        return user.team_id if user is not None else None

    def teams_under(self, team_id: str) -> set[str]:
        """The team and every team below it."""
        found: set[str] = set()
        stack = [team_id]
        while stack:
            team = stack.pop()
            if team not in found:
                found.add(team)
                stack.extend(self._child_teams.get(team, ()))
        return found

    def team_members(self, team_id: str) -> set[str]:
        """Members of the team and of every team below it."""
        return {m for team in self.teams_under(team_id) for m in self._members.get(team, ())}

    def below(self, leader_id: str) -> frozenset[str]:
        """Everyone `leader_id` leads, directly or not (not themselves)."""
        seen: set[str] = set()
        stack = [leader_id]
        while stack:
            for member in self._reports.get(stack.pop(), ()):
                if member not in seen and member != leader_id:
                    seen.add(member)
                    stack.append(member)
        return frozenset(seen)

    def teams_below(self, leader_id: str) -> set[str]:
        """The teams led by `leader_id` or by anyone below them, and every team under
        those."""
        leaders = {leader_id} | self.below(leader_id)
        found: set[str] = set()
        for team in self.teams.values():
            if team.leader_id in leaders:
                found |= self.teams_under(team.id)
        return found

    def may_set_team_policy(self, user_id: str, team_id: str | None) -> bool:
        """Whether the user may write the policy row of `team_id` (None: the company
        default): an admin any row, a manager the rows of the teams they lead
        (`teams_below`), nobody else; the company default only an admin."""
        role = self.role(user_id)
        if role is Role.ADMIN:
            return True
        return role is Role.MANAGER and team_id is not None and team_id in self.teams_below(user_id)

    def policy_team(self, user_id: str) -> str | None:
        """The team whose policy applies to the user and that a manager sets: their own
        team, or for a manager outside the teams they lead, the first team they lead
        directly; None for a user in no team (the company default applies)."""
        own = self.team_of(user_id)
        if self.role(user_id) is not Role.MANAGER or (own and own in self.teams_below(user_id)):
            return own
        led = sorted(t.id for t in self.teams.values() if t.leader_id == user_id)
        return led[0] if led else own

    def visible_owners(self, user_id: str) -> frozenset[str] | None:
        """Owner ids whose records `user_id` reads; None = everyone (an admin)."""
        if user_id not in self._visible:
            role = self.role(user_id)
            if role is Role.ADMIN:
                visible: frozenset[str] | None = None
            elif role is Role.REP:
                visible = frozenset({user_id})
            else:
                visible = self.below(user_id) | {user_id}
            self._visible[user_id] = visible
        return self._visible[user_id]

    def viewers_of(self, owner_id: str) -> set[str]:
        """Every user whose scope includes this owner's records (admins excluded)."""
        viewers = set()
        for user_id in self.users:
            visible = self.visible_owners(user_id)
            if visible is not None and owner_id in visible:
                viewers.add(user_id)
        return viewers

    def access(self, user_id: str) -> Access:
        return Access(
            user_id, self.role(user_id), self.team_of(user_id), self.visible_owners(user_id)
        )

"""Who may see and write what: the org tree, checked against the database on every request.

Another worker may have changed the tree, and a request must never be answered from a
stale picture of who reports to whom. A worker keeps the last tree it loaded together
with the users' and teams' version stamp (highest `server_seq` and row count of each;
every write of a user or team takes a new seq, a purge changes the count) and reloads it
whenever the stamp read in the request's own transaction differs. Loading the tree on
every request cost 14 % of a worker's CPU when 50 laptops pulled at once. (Users and
teams change through the server's own transactions -- the admin commands, pushes -- which
stamp them; an edit by hand in SQL must set a new `server_seq` too, as for any row.)
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, ScalarSelect, func, select

from crm_desktop.domain.picklists import Role
from crm_desktop.sync.entities import REFERENCE_ENTITIES
from crm_desktop.sync.server.schema import SYNCED

USERS = SYNCED["user"]
TEAMS = SYNCED["team"]


@dataclass(frozen=True)
class Principal:
    """The authenticated user of a request and the owners they may read and write."""

    user_id: str
    role: Role
    team_id: str | None
    visible: frozenset[str] | None  # owner ids this user reads; None = everyone (admin)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def can_see_owner(self, owner_id: str | None) -> bool:
        return self.visible is None or owner_id in self.visible

    def can_see(self, entity: str, owner_id: str | None) -> bool:
        return entity in REFERENCE_ENTITIES or self.can_see_owner(owner_id)

    def can_write(self, entity: str, owner_id: str | None) -> bool:
        """Reps write their own, supervisors their team's; managers and admins their own
        records; targets only managers (their subtree's) and admins; the org directory
        only admins."""
        if entity in REFERENCE_ENTITIES:
            return self.is_admin
        if entity == "target":
            # Managers set targets (SPEC §1); the reps and supervisors measured by them
            # only read them.
            return self.role in (Role.MANAGER, Role.ADMIN) and self.can_see_owner(owner_id)
        if self.role in (Role.REP, Role.SUPERVISOR):
            return self.can_see_owner(owner_id)
        return owner_id == self.user_id

    def reviews(self, owner_id: str | None) -> bool:
        """Whether this user may review (sign, countersign, return) the owner's work."""
        return owner_id != self.user_id and self.can_see_owner(owner_id)


@dataclass(frozen=True)
class OrgTree:
    """Users and teams with the "reports to" relation, loaded in one go."""

    users: dict[str, tuple[str, str | None, str | None]]  # id -> (role, supervisor, team)
    teams: dict[str, tuple[str | None, str | None]]  # id -> (parent team, supervisor)
    _principals: dict[str, Principal] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, conn: Connection) -> OrgTree:
        users = conn.execute(
            select(USERS.c.id, USERS.c.role, USERS.c.supervisor_id, USERS.c.team_id).where(
                USERS.c.deleted.is_(False)
            )
        ).all()
        teams = conn.execute(
            select(TEAMS.c.id, TEAMS.c.parent_team_id, TEAMS.c.supervisor_id).where(
                TEAMS.c.deleted.is_(False)
            )
        ).all()
        return cls(
            users={u[0]: (u[1], u[2], u[3]) for u in users},
            teams={t[0]: (t[1], t[2]) for t in teams},
        )

    def _direct_reports(self) -> dict[str, set[str]]:
        """leader -> users who report to them directly (by supervisor or led team)."""
        reports: dict[str, set[str]] = defaultdict(set)
        child_teams: dict[str, set[str]] = defaultdict(set)
        for team_id, (parent, _leader) in self.teams.items():
            if parent:
                child_teams[parent].add(team_id)
        members: dict[str, set[str]] = defaultdict(set)
        for user_id, (_role, supervisor, team) in self.users.items():
            if supervisor:
                reports[supervisor].add(user_id)
            if team:
                members[team].add(user_id)
        for team_id, (_parent, leader) in self.teams.items():
            if not leader:
                continue
            stack = [team_id]
            while stack:  # a leader sees the members of the teams below theirs too
                current = stack.pop()
                reports[leader] |= members[current]
                stack.extend(child_teams[current])
        return reports

    def visible_owners(self, user_id: str) -> frozenset[str] | None:
        role = self.users.get(user_id, ("rep", None, None))[0]
        if role == Role.ADMIN.value:
            return None
        if role == Role.REP.value:
            return frozenset({user_id})
        reports = self._direct_reports()
        seen = {user_id}
        stack = [user_id]
        while stack:
            for member in reports.get(stack.pop(), ()):
                if member not in seen:
                    seen.add(member)
                    stack.append(member)
        return frozenset(seen)

    def viewers_of(self, owner_id: str) -> set[str]:
        """Every user whose scope includes this owner's records (admins excluded)."""
        viewers = set()
        for user_id in self.users:
            visible = self.visible_owners(user_id)
            if visible is not None and owner_id in visible:
                viewers.add(user_id)
        return viewers

    def principal(self, user_id: str) -> Principal:
        found = self._principals.get(user_id)
        if found is None:
            role, _supervisor, team = self.users[user_id]
            found = Principal(user_id, Role(role), team, self.visible_owners(user_id))
            self._principals[user_id] = found
        return found

    @classmethod
    def current(cls, conn: Connection, stamp: tuple[Any, ...]) -> OrgTree:
        """The tree as of `stamp` (see ORG_STAMP): the worker's copy if it was loaded from
        the same database at the same stamp, else freshly loaded in this transaction."""
        key = (conn.engine.url.render_as_string(hide_password=False), *stamp)
        with _cache_lock:
            cached = _cache.get(key)
        if cached is not None:
            return cached
        tree = cls.load(conn)
        with _cache_lock:
            if len(_cache) >= 8:  # a worker serves one database; tests open many
                _cache.clear()
            _cache[key] = tree
        return tree

    def team_of(self, user_id: str | None) -> str | None:
        if user_id is None or user_id not in self.users:
            return None
        return self.users[user_id][2]


def _stamp_columns() -> list[ScalarSelect[Any]]:
    return [
        select(func.max(USERS.c.server_seq)).scalar_subquery(),
        select(func.count()).select_from(USERS).scalar_subquery(),
        select(func.max(TEAMS.c.server_seq)).scalar_subquery(),
        select(func.count()).select_from(TEAMS).scalar_subquery(),
    ]


# The org's version stamp, as columns to read in the same statement as something else.
ORG_STAMP = _stamp_columns()
_cache: dict[tuple[Any, ...], OrgTree] = {}
_cache_lock = threading.Lock()

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
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, ScalarSelect, func, select

from crm_desktop.domain.leads import sees_pool_lead
from crm_desktop.domain.org import Access, Hierarchy, OrgTeam, OrgUser, RecordKind
from crm_desktop.domain.picklists import Role
from crm_desktop.sync.entities import REFERENCE_ENTITIES
from crm_desktop.sync.server.schema import SYNCED

USERS = SYNCED["user"]
TEAMS = SYNCED["team"]


class Principal(Access):
    """The authenticated user of a request: the domain's rights (domain/org.py), asked
    about the sync's entities by name."""

    def can_see(self, entity: str, owner_id: str | None) -> bool:
        return self.may_read(record_kind(entity), owner_id)

    def can_write(self, entity: str, owner_id: str | None) -> bool:
        return self.may_write(record_kind(entity), owner_id)

    def can_see_row(self, entity: str, row: Mapping[str, Any]) -> bool:
        """can_see, and a lead in the pool of the user's team (domain/leads.py)."""
        if entity == "lead" and sees_pool_lead(
            in_pool=bool(row.get("in_pool")), lead_team=row.get("team_id"), user_team=self.team_id
        ):
            return True
        return self.can_see(entity, row.get("owner_id"))


def record_kind(entity: str) -> RecordKind:
    # Read by everyone, written by managers and admins (for the teams they lead).
    if entity in ("team_policy", "lead_pool_rule"):
        return RecordKind.TEAM_POLICY
    if entity == "receivable_entry":  # written by the owner's whole line (domain/org.py)
        return RecordKind.RECEIVABLE
    if entity in REFERENCE_ENTITIES:
        return RecordKind.REFERENCE
    return RecordKind.TARGET if entity == "target" else RecordKind.OWNED


@dataclass(frozen=True)
class OrgTree:
    """Users and teams with the "reports to" relation (domain/org.py), loaded in one go."""

    hierarchy: Hierarchy
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
            Hierarchy.of(
                (OrgUser(u[0], _role(u[1]), u[2], u[3]) for u in users),
                (OrgTeam(t[0], t[1], t[2]) for t in teams),
            )
        )

    @property
    def users(self) -> dict[str, OrgUser]:
        return self.hierarchy.users

    def visible_owners(self, user_id: str) -> frozenset[str] | None:
        return self.hierarchy.visible_owners(user_id)

    def viewers_of(self, owner_id: str) -> set[str]:
        """Every user whose scope includes this owner's records (admins excluded)."""
        return self.hierarchy.viewers_of(owner_id)

    def principal(self, user_id: str) -> Principal:
        found = self._principals.get(user_id)
        if found is None:
            access = self.hierarchy.access(user_id)
            found = Principal(access.user_id, access.role, access.team_id, access.visible)
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
        return self.hierarchy.team_of(user_id)


def _role(code: str) -> Role:
    try:
        return Role(code)
    except ValueError:  # a role this server does not know reads nothing but its own
        return Role.REP


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

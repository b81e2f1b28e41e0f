"""The team policy on the laptop: the synced `team_policy` rows, resolved for a user.

The report due hour, the visit cadence and the A/B/C shares decide synced values (a
report's `due_at`, a customer's value class), so every laptop must take them from the
same synced rows (domain/policy.py), never from its own settings. The amount above which
the report editor asks to confirm travels with them: a team's ceiling is its manager's.
A manager sets the rows of the teams they lead, an admin any row (domain/org.py); the
edit goes out through the outbox like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from crm_desktop.domain.classification import AbcThresholds
from crm_desktop.domain.errors import Forbidden
from crm_desktop.domain.picklists import Role
from crm_desktop.domain.policy import POLICY_COLUMNS, TeamPolicy, effective_policy
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.org import OrgTree
from crm_desktop.store.database import Store
from crm_desktop.store.models import TeamPolicyRow
from crm_desktop.store.unit_of_work import UnitOfWork

# `save`'s default team: the user's own (None already means the company default).
OWN_TEAM = "own team"


@dataclass(frozen=True)
class PolicyView:
    """What the Settings page shows: the user's effective policy and whether, and for
    which team (None: the company default), they may change it."""

    policy: TeamPolicy
    editable: bool
    team_id: str | None


@dataclass(frozen=True)
class _Snapshot:
    org: OrgTree
    rows: dict[str | None, dict[str, object]]  # team (None: company) -> policy columns

    @property
    def parents(self) -> dict[str, str | None]:
        return {t.id: t.parent_id for t in self.org.hierarchy.teams.values()}

    def for_team(self, team_id: str | None) -> TeamPolicy:
        return effective_policy(team_id, self.rows, self.parents)

    def for_user(self, user_id: str | None) -> TeamPolicy:
        return self.for_team(self.org.hierarchy.policy_team(user_id or ""))


class PolicyService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    def _snapshot(self) -> _Snapshot:
        org = OrgTree.load(self._store)
        with self._store.reading() as session:
            found = session.scalars(
                select(TeamPolicyRow)
                .where(TeamPolicyRow.deleted.is_(False))
                # Two rows for one team (made offline before the server refused one):
                # the lowest id decides, on every laptop alike.
                .order_by(TeamPolicyRow.id.desc())
            ).all()
            rows = {row.team_id: {c: getattr(row, c) for c in POLICY_COLUMNS} for row in found}
        return _Snapshot(org, rows)

    def _policy_team(self, org: OrgTree) -> str | None:
        actor = self._user.actor
        if actor.role is Role.ADMIN:
            return None  # an admin sets the company default here
        if actor.user_id in org.hierarchy.users:
            return org.hierarchy.policy_team(actor.user_id)
        return actor.team_id

    def current(self) -> TeamPolicy:
        """The policy that applies to the signed-in user (their team's, up the tree)."""
        snapshot = self._snapshot()
        return snapshot.for_team(self._policy_team(snapshot.org))

    def for_user(self, user_id: str | None) -> TeamPolicy:
        """The policy that applies to a user: another's (a rep's, on a supervisor's
        laptop) by the org tree; the signed-in user's own is `current()`, the policy
        their reports' due hour follows, so the two never disagree about one report."""
        snapshot = self._snapshot()
        if user_id is not None and user_id == self._user.actor.user_id:
            return snapshot.for_team(self._policy_team(snapshot.org))
        return snapshot.for_user(user_id)

    def thresholds_by_owner(self) -> Callable[[str | None], AbcThresholds]:
        """Each owner's A/B shares: the value classes of a rep's customers follow the rep's
        team policy on every laptop that computes them (the rep's, the supervisor's)."""
        snapshot = self._snapshot()
        cache: dict[str | None, AbcThresholds] = {}

        def thresholds(owner_id: str | None) -> AbcThresholds:
            if owner_id not in cache:
                cache[owner_id] = snapshot.for_user(owner_id).thresholds
            return cache[owner_id]

        return thresholds

    def view(self) -> PolicyView:
        snapshot = self._snapshot()
        team = self._policy_team(snapshot.org)
        return PolicyView(snapshot.for_team(team), self._may_set(snapshot.org, team), team)

    def _may_set(self, org: OrgTree, team_id: str | None) -> bool:
        actor = self._user.actor
        if actor.role is Role.ADMIN:
            return True  # the server knows the admin even if this laptop's tree lacks them
        return org.hierarchy.may_set_team_policy(actor.user_id, team_id)

    def save(self, policy: TeamPolicy, team_id: str | None = OWN_TEAM) -> None:
        """Write the policy of `team_id` (None: the company default; by default the
        user's own policy team), changing its row or creating it; Forbidden unless the
        org rulebook allows it."""
        org = OrgTree.load(self._store)
        team = self._policy_team(org) if team_id == OWN_TEAM else team_id
        if not self._may_set(org, team):
            raise Forbidden("团队规则由经理设定", "The team policy is set by your manager")
        values = policy.columns()
        user = self._user.actor.user_id
        with UnitOfWork(self._store, user) as uow:
            query = select(TeamPolicyRow).where(TeamPolicyRow.deleted.is_(False))
            query = query.where(
                TeamPolicyRow.team_id.is_(None) if team is None else TeamPolicyRow.team_id == team
            )
            row = uow.session.scalars(query.order_by(TeamPolicyRow.id)).first()
            if row is None:
                row = TeamPolicyRow(owner_id=user, team_id=team, **values)
                uow.session.add(row)
            else:
                for name, value in values.items():
                    if getattr(row, name) != value:
                        setattr(row, name, value)
            uow.commit()

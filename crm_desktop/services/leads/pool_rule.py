"""The pool rule: how many days an owned lead may go without an effective visit before
it returns to its team's pool (domain/leads.py).

Synced team reference data (`lead_pool_rule` rows, one per team, NULL team: the company
default), resolved like the team policy: the team's row, else the nearest parent team's,
else the company default, else the built-in 30 days. A manager sets it for the teams
they lead (domain/org.py `may_set_team_policy`, the server checks the same).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.leads import DEFAULT_RETURN_AFTER_DAYS, check_return_after_days
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.org import OrgTree
from crm_desktop.store.database import Store
from crm_desktop.store.models import LeadPoolRule
from crm_desktop.store.unit_of_work import UnitOfWork


class PoolRules:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    def _stored(self) -> dict[str | None, tuple[str, int]]:
        with self._store.reading() as s:
            rows = s.execute(
                select(LeadPoolRule.team_id, LeadPoolRule.id, LeadPoolRule.return_after_days)
                .where(LeadPoolRule.deleted.is_(False))
                .order_by(LeadPoolRule.created_at)
            ).all()
        found: dict[str | None, tuple[str, int]] = {}
        for team, row_id, days in rows:
            try:
                found.setdefault(team, (row_id, check_return_after_days(days)))
            except ValidationError:
                continue  # a bad row is skipped as if absent, on every laptop alike
        return found

    def days_by_team(self) -> Callable[[str | None], int]:
        """N for a lead of each team, from the rows this laptop holds."""
        stored = self._stored()
        teams = OrgTree.load(self._store).hierarchy.teams
        default = stored[None][1] if None in stored else DEFAULT_RETURN_AFTER_DAYS

        def days(team_id: str | None) -> int:
            seen: set[str] = set()
            while team_id and team_id not in seen:
                seen.add(team_id)
                if team_id in stored:
                    return stored[team_id][1]
                team = teams.get(team_id)
                team_id = team.parent_id if team else None
            return default

        return days

    def current(self, team_id: str | None = None) -> int:
        """N for `team_id` (default: the user's team)."""
        return self.days_by_team()(team_id or self._user.actor.team_id)

    def may_set(self, team_id: str | None) -> bool:
        org = OrgTree.load(self._store)
        return org.hierarchy.may_set_team_policy(self._user.actor.user_id, team_id)

    def editable_team(self) -> str | None:
        """The team whose rule this user sets (their policy team), or None if none."""
        org = OrgTree.load(self._store)
        team = org.hierarchy.policy_team(self._user.actor.user_id)
        return team if self.may_set(team) else None

    def save(self, days: int, team_id: str | None) -> None:
        """Set the team's N (a manager's teams, an admin's any; NULL: company default)."""
        days = check_return_after_days(days)
        if not self.may_set(team_id):
            raise ValidationError(
                "只有经理可以设置本团队的公海规则",
                "Only a manager can set the pool rule of their teams",
            )
        row_id = self._stored().get(team_id, (None, 0))[0]
        actor = self._user.actor.user_id
        with UnitOfWork(self._store, actor) as uow:
            row = uow.session.get(LeadPoolRule, row_id) if row_id else None
            if row is None:
                row = LeadPoolRule(owner_id=actor, team_id=team_id)
                uow.session.add(row)
            row.return_after_days = days
            uow.commit()

"""The account team 客户团队: our people at a key account and their roles."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.key_accounts import AccountTeamRole, check_team_member
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.key_accounts.common import account, not_found
from crm_desktop.store.database import Store
from crm_desktop.store.models import AccountTeamMember, User
from crm_desktop.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class TeamMemberRow:
    id: str
    user_id: str
    name: str
    role: str
    note: str


class AccountTeamService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    def members(self, customer_id: str) -> list[TeamMemberRow]:
        """The team, account manager and sponsor first, then by role and name."""
        order = {role.value: n for n, role in enumerate(AccountTeamRole)}
        with self._store.reading() as s:
            rows = s.execute(
                select(
                    AccountTeamMember.id,
                    AccountTeamMember.user_id,
                    User.display_name,
                    AccountTeamMember.role,
                    AccountTeamMember.note,
                )
                .outerjoin(User, User.id == AccountTeamMember.user_id)
                .where(
                    AccountTeamMember.customer_id == customer_id,
                    AccountTeamMember.deleted.is_(False),
                )
            ).all()
        found = [TeamMemberRow(r[0], r[1], r[2] or "", r[3], r[4] or "") for r in rows]
        return sorted(found, key=lambda m: (order.get(m.role, 99), m.name, m.id))

    def people(self) -> list[tuple[str, str]]:
        """Everyone who may join a team: the active users, as (id, name), by name."""
        with self._store.reading() as s:
            rows = s.execute(
                select(User.id, User.display_name)
                .where(User.deleted.is_(False), User.active.is_(True))
                .order_by(User.display_name, User.id)
            ).all()
        return [(r[0], r[1]) for r in rows]

    def add(self, customer_id: str, user_id: str, role: str, note: str = "") -> str:
        check_team_member(role)
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            s = uow.session
            customer = account(s, actor, customer_id)
            if s.get(User, user_id) is None:
                raise ValidationError("找不到该同事", "That colleague is not known", "user")
            taken = s.scalar(
                select(AccountTeamMember.id).where(
                    AccountTeamMember.customer_id == customer_id,
                    AccountTeamMember.user_id == user_id,
                    AccountTeamMember.role == role,
                    AccountTeamMember.deleted.is_(False),
                )
            )
            if taken:
                raise ValidationError(
                    "此人已在团队中担任该角色", "This person already has that role in the team"
                )
            member = AccountTeamMember(
                customer_id=customer_id,
                user_id=user_id,
                role=role,
                note=note.strip()[:300] or None,
                owner_id=customer.owner_id,
                team_id=customer.team_id,
            )
            s.add(member)
            uow.commit()
            return member.id

    def remove(self, member_id: str) -> None:
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            member = uow.session.get(AccountTeamMember, member_id)
            if member is None or member.deleted:
                raise not_found("团队成员", "team member")
            account(uow.session, actor, member.customer_id)
            member.deleted = True
            uow.commit()

"""Account plans 客户计划 (F13): the key-account list, a plan's versions, editing a draft,
the workflow steps (domain/account_plan_workflow.py) and the action items' follow-ups.

A workflow step is recorded as the `account_plan_step` command: the server re-runs the
same rule, and the row's workflow fields never travel as a patch (docs/sync.md).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.domain.account_plan import PlanContent, from_json, to_json, validate_content
from crm_desktop.domain.account_plan_workflow import (
    AccountPlanAction,
    AccountPlanFacts,
    AccountPlanStatus,
    available_actions,
    is_editable,
    plan_step,
)
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.domain.report_history import ReportEvent, parse_history
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.key_accounts.common import account, not_found, user_names
from crm_desktop.services.org import OrgTree
from crm_desktop.store.database import Store
from crm_desktop.store.models import AccountPlan, Customer, FollowUp
from crm_desktop.store.unit_of_work import UnitOfWork

# Follow-ups made for action items get ids derived from the account and the item's key,
# so making them again finds the same follow-up instead of a second one.
_FOLLOW_UP_NAMESPACE = uuid.UUID("5d1f3c2e-6a0b-4f57-9a43-1e0c7a6b2f10")
FOLLOW_UP_NOTE = "客户计划行动 / Account plan action"


@dataclass(frozen=True)
class KeyAccountRow:
    customer_id: str
    name: str
    owner_name: str
    plan_id: str | None
    plan_year: int | None
    version_no: int | None
    status: str | None
    sponsor_name: str


@dataclass(frozen=True)
class PlanVersion:
    id: str
    version_no: int
    status: str
    plan_year: int


@dataclass(frozen=True)
class PlanView:
    id: str
    customer_id: str
    customer_name: str
    owner_id: str | None
    owner_name: str
    plan_year: int
    version_no: int
    status: str
    sponsor_id: str | None
    sponsor_name: str
    review_comment: str | None
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    approved_by_name: str
    reviewed_at: dt.datetime | None
    history: list[ReportEvent]
    content: PlanContent
    editable: bool
    actions: list[AccountPlanAction]
    versions: list[PlanVersion]


def follow_up_id(customer_id: str, action_key: str) -> str:
    return str(uuid.uuid5(_FOLLOW_UP_NAMESPACE, f"{customer_id}:{action_key}"))


def facts(plan: AccountPlan) -> AccountPlanFacts:
    return AccountPlanFacts(
        plan.owner_id, plan.status, plan.plan_year, plan.sponsor_id, plan.content, plan.history
    )


class AccountPlanService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    # --- reads -------------------------------------------------------------------------
    def key_accounts(self) -> list[KeyAccountRow]:
        """The key accounts the user sees, each with its newest plan (latest year, highest
        version), by name."""
        with self._store.reading() as s:
            names = user_names(s)
            customers = s.execute(
                select(Customer.id, Customer.name, Customer.owner_id)
                .where(Customer.deleted.is_(False), Customer.is_key_account.is_(True))
                .order_by(Customer.name, Customer.id)
            ).all()
            newest = self._newest_plans(s, [c[0] for c in customers])
            rows = []
            for customer_id, name, owner_id in customers:
                plan = newest.get(customer_id)
                rows.append(
                    KeyAccountRow(
                        customer_id,
                        name,
                        names.get(owner_id or "", ""),
                        plan.id if plan else None,
                        plan.plan_year if plan else None,
                        plan.version_no if plan else None,
                        plan.status if plan else None,
                        names.get(plan.sponsor_id or "", "") if plan else "",
                    )
                )
            return rows

    @staticmethod
    def _newest_plans(s: Session, customer_ids: list[str]) -> dict[str, AccountPlan]:
        if not customer_ids:
            return {}
        found: dict[str, AccountPlan] = {}
        plans = s.scalars(
            select(AccountPlan)
            .where(AccountPlan.deleted.is_(False), AccountPlan.customer_id.in_(customer_ids))
            .order_by(AccountPlan.plan_year, AccountPlan.version_no, AccountPlan.id)
        )
        for plan in plans:
            found[plan.customer_id] = plan  # the last one in year/version order wins
        return found

    def newest_plan_id(self, customer_id: str) -> str | None:
        with self._store.reading() as s:
            plan = self._newest_plans(s, [customer_id]).get(customer_id)
            return plan.id if plan else None

    def open(self, plan_id: str) -> PlanView:
        with self._store.reading() as s:
            return self._view(s, self._plan(s, plan_id))

    def sponsors(self, owner_id: str | None) -> list[tuple[str, str]]:
        """Who may sponsor a plan of `owner_id`: the people who review their work (their
        supervisor, managers above), as (id, name), by name."""
        if owner_id is None:
            return []
        org = OrgTree.load(self._store)
        found = [
            (person.id, person.display_name)
            for person in org.people.values()
            if person.id != owner_id
            and org.hierarchy.access(person.id).reviews(owner_id)
            and not org.hierarchy.access(person.id).is_admin
        ]
        return sorted(found, key=lambda p: (p[1], p[0]))

    # --- writes ------------------------------------------------------------------------
    def set_key_account(self, customer_id: str, flag: bool) -> None:
        """Mark a customer as a key account 长期重点客户, or no longer."""
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            customer = account(uow.session, actor, customer_id)
            if customer.is_key_account != flag:
                customer.is_key_account = flag
            uow.commit()

    def create(self, customer_id: str, year: int) -> PlanView:
        """A new draft plan for the account and year, owned by the account's owner (the
        account manager). A year that already has a plan is refused: revise that one."""
        actor = self._user.actor
        if not 2000 <= year <= 2100:
            raise ValidationError(
                "计划年度应在 2000-2100 之间", "The year must be 2000-2100", "year"
            )
        with UnitOfWork(self._store, actor.user_id) as uow:
            s = uow.session
            customer = account(s, actor, customer_id)
            taken = s.scalar(
                select(func.count(AccountPlan.id)).where(
                    AccountPlan.customer_id == customer_id,
                    AccountPlan.plan_year == year,
                    AccountPlan.deleted.is_(False),
                )
            )
            if taken:
                raise ValidationError(
                    f"“{customer.name}”已有 {year} 年的客户计划；如需修改请修订该计划",
                    f"“{customer.name}” already has a plan for {year}; revise that one",
                    "year",
                )
            if not customer.is_key_account:
                customer.is_key_account = True
            plan = AccountPlan(
                customer_id=customer_id,
                plan_year=year,
                version_no=1,
                content=to_json(PlanContent()),
                owner_id=customer.owner_id,
                team_id=customer.team_id,
            )
            s.add(plan)
            s.flush()
            view = self._view(s, plan)
            uow.commit()
            return view

    def save(self, plan_id: str, content: PlanContent) -> PlanView:
        """Save the sections of a draft or returned plan."""
        validate_content(content)
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            s = uow.session
            plan = self._plan(s, plan_id)
            account(s, actor, plan.customer_id)
            if not is_editable(plan.status):
                raise TransitionError(
                    "已提交或已批准的客户计划不能直接修改；请修订它（生成新版本）",
                    "A submitted or approved plan cannot be edited; revise it (a new version)",
                )
            text = to_json(content)
            if plan.content != text:
                plan.content = text
            s.flush()
            view = self._view(s, plan)
            uow.commit()
            return view

    def step(
        self,
        plan_id: str,
        action: AccountPlanAction,
        comment: str | None = None,
        sponsor_id: str | None = None,
    ) -> PlanView:
        """Take one workflow step; a revision returns the new version's view."""
        actor = self._user.actor
        org = OrgTree.load(self._store)
        with UnitOfWork(self._store, actor.user_id) as uow:
            s = uow.session
            plan = self._plan(s, plan_id)
            reviews = bool(sponsor_id) and org.hierarchy.access(sponsor_id or "").reviews(
                plan.owner_id
            )
            changes = plan_step(
                action,
                facts(plan),
                actor.user_id,
                self._store.clock.utcnow(),
                comment,
                sponsor_id=sponsor_id,
                sponsor_reviews_owner=reviews,
            )
            args = {"action": action.value, "comment": comment, "sponsor_id": sponsor_id}
            uow.command("account_plan_step", "account_plan", plan.id, plan.version, args)
            for name, value in changes.items():
                setattr(plan, name, value)
            shown = plan
            if action is AccountPlanAction.REVISE:
                shown = AccountPlan(
                    customer_id=plan.customer_id,
                    plan_year=plan.plan_year,
                    version_no=self._next_version(s, plan),
                    previous_plan_id=plan.id,
                    content=plan.content,
                    owner_id=plan.owner_id,
                    team_id=plan.team_id,
                )
                s.add(shown)
            s.flush()
            if action is AccountPlanAction.ACTIVATE:
                self._make_follow_ups(s, plan)
                s.flush()
            view = self._view(s, shown)
            uow.commit()
            return view

    def make_follow_ups(self) -> int:
        """Follow-ups for the user's open action items in the active plans they see;
        idempotent (the same item keeps one follow-up). Returns how many were made or
        changed."""
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            s = uow.session
            plans = s.scalars(
                select(AccountPlan).where(
                    AccountPlan.deleted.is_(False),
                    AccountPlan.status == AccountPlanStatus.ACTIVE.value,
                )
            ).all()
            changed = sum(self._make_follow_ups(s, plan) for plan in plans)
            uow.commit()
            return changed

    # --- helpers -----------------------------------------------------------------------
    def _make_follow_ups(self, s: Session, plan: AccountPlan) -> int:
        me = self._user.actor
        customer = s.get(Customer, plan.customer_id)
        if customer is None or customer.deleted:
            return 0
        if me.role.value == "rep" and customer.owner_id != me.user_id:
            return 0  # a rep's follow-up may point only at their own customers
        changed = 0
        for item in from_json(plan.content).actions:
            if item.owner_id != me.user_id or not item.key or item.due_on is None:
                continue
            done = item.done_pct >= 100
            title = f"【{customer.name}】{item.task}"[:300]
            fid = follow_up_id(plan.customer_id, item.key)
            existing = s.get(FollowUp, fid)
            if existing is None:
                s.add(
                    FollowUp(
                        id=fid,
                        customer_id=plan.customer_id,
                        kind="next_step",
                        title=title,
                        due_on=item.due_on,
                        done=done,
                        done_at=self._store.clock.utcnow() if done else None,
                        note=FOLLOW_UP_NOTE,
                        owner_id=me.user_id,
                        team_id=me.team_id,
                    )
                )
                changed += 1
            elif not existing.deleted and (
                existing.title != title or existing.due_on != item.due_on
            ):
                existing.title = title
                existing.due_on = item.due_on
                changed += 1
        return changed

    @staticmethod
    def _next_version(s: Session, plan: AccountPlan) -> int:
        highest = s.scalar(
            select(func.max(AccountPlan.version_no)).where(
                AccountPlan.customer_id == plan.customer_id,
                AccountPlan.plan_year == plan.plan_year,
            )
        )
        return int(highest or 0) + 1

    @staticmethod
    def _plan(s: Session, plan_id: str) -> AccountPlan:
        plan = s.get(AccountPlan, plan_id)
        if plan is None or plan.deleted:
            raise not_found("客户计划", "account plan")
        return plan

    def _view(self, s: Session, plan: AccountPlan) -> PlanView:
        names = user_names(s)
        customer = s.get(Customer, plan.customer_id)
        versions = s.execute(
            select(
                AccountPlan.id, AccountPlan.version_no, AccountPlan.status, AccountPlan.plan_year
            )
            .where(AccountPlan.customer_id == plan.customer_id, AccountPlan.deleted.is_(False))
            .order_by(AccountPlan.plan_year.desc(), AccountPlan.version_no.desc())
        ).all()
        return PlanView(
            id=plan.id,
            customer_id=plan.customer_id,
            customer_name=customer.name if customer else "",
            owner_id=plan.owner_id,
            owner_name=names.get(plan.owner_id or "", ""),
            plan_year=plan.plan_year,
            version_no=plan.version_no,
            status=plan.status,
            sponsor_id=plan.sponsor_id,
            sponsor_name=names.get(plan.sponsor_id or "", ""),
            review_comment=plan.review_comment,
            submitted_at=plan.submitted_at,
            approved_at=plan.approved_at,
            approved_by_name=names.get(plan.approved_by or "", ""),
            reviewed_at=plan.reviewed_at,
            history=parse_history(plan.history),
            content=from_json(plan.content),
            editable=is_editable(plan.status),
            actions=available_actions(facts(plan), self._user.actor.user_id),
            versions=[PlanVersion(*v) for v in versions],
        )

"""The daily visit plan 每日拜访计划表 (SPEC §2.2): read, edit, suggest, submit.

One plan per user per day. Reading a day with no plan returns an empty, unsaved view;
the first edit creates the row. Every write is one unit of work, so each change reaches
the outbox in the same transaction; submit is the `submit_plan` command, which the
server re-runs against its state machine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from crm_desktop.domain.classification import DEFAULT_CADENCE, Cadence
from crm_desktop.domain.commands import PlanFacts, plan_command
from crm_desktop.domain.daily import PlanItemDraft, empty_plan_error, validate_plan_item
from crm_desktop.domain.errors import TransitionError
from crm_desktop.domain.picklists import CustomerStatus, PlanStatus, ValueClass
from crm_desktop.domain.workflow import PlanAction, plan_is_editable, plan_transition
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.scope import access, visible_customer
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, FollowUp, Opportunity, PlanItem, VisitPlan
from crm_desktop.store.unit_of_work import UnitOfWork

SUGGESTION_LIMIT = 30


@dataclass(frozen=True)
class PlanView:
    """A day's plan as the editor shows it; `id` is None until the first edit saves it."""

    plan_date: dt.date
    id: str | None
    status: str
    version: int
    items: tuple[PlanItemDraft, ...]
    review_comment: str | None
    submitted_at: dt.datetime | None
    countersigned_at: dt.datetime | None

    @property
    def editable(self) -> bool:
        return plan_is_editable(PlanStatus(self.status))


@dataclass(frozen=True)
class Suggestion:
    """A customer worth putting on the plan, and why."""

    customer_id: str
    customer_name: str
    reason: str  # "overdue" | "follow_up" | "opportunity"
    detail: str  # the follow-up's title, the opportunity's next step, or ""
    value_class: str
    since: dt.date | None  # last effective visit (overdue) or due date (follow-up)


class DayPlanService:
    def __init__(self, store: Store, user: CurrentUser, cadence: Cadence = DEFAULT_CADENCE) -> None:
        self._store = store
        self._user = user
        self.cadence = cadence

    # --- reads -------------------------------------------------------------------------
    def plan(self, day: dt.date) -> PlanView:
        with self._store.reading() as s:
            plan = self._find(s, day)
            if plan is None:
                return PlanView(day, None, PlanStatus.DRAFT.value, 0, (), None, None, None)
            return _view(s, plan)

    def suggestions(self, day: dt.date, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
        """Customers due by cadence, with follow-ups due, or with an opportunity's next
        step -- the user's own, not yet on that day's plan; each customer once, follow-ups
        first (a promise beats a routine visit)."""
        me = self._user.actor.user_id
        found: dict[str, Suggestion] = {}
        with self._store.reading() as s:
            plan = self._find(s, day)
            planned = (
                set(s.scalars(select(PlanItem.customer_id).where(_live_items(plan.id))))
                if plan is not None
                else set()
            )
            follow_ups = s.execute(
                select(FollowUp, Customer.name, Customer.value_class)
                .join(Customer, Customer.id == FollowUp.customer_id)
                .where(
                    FollowUp.owner_id == me,
                    FollowUp.deleted.is_(False),
                    FollowUp.done.is_(False),
                    FollowUp.due_on <= day,
                    Customer.deleted.is_(False),
                )
                .order_by(FollowUp.due_on)
                .limit(limit)
            ).all()
            for f, name, value_class in follow_ups:
                if f.customer_id is not None:
                    found.setdefault(
                        f.customer_id,
                        Suggestion(
                            f.customer_id, name, "follow_up", f.title, value_class, f.due_on
                        ),
                    )
            opportunities = s.execute(
                select(Opportunity.customer_id, Opportunity.next_step, Customer.name)
                .add_columns(Customer.value_class)
                .join(Customer, Customer.id == Opportunity.customer_id)
                .where(
                    Opportunity.owner_id == me,
                    Opportunity.deleted.is_(False),
                    Opportunity.closed_on.is_(None),
                    Opportunity.next_step.is_not(None),
                    Opportunity.next_step != "",
                    Customer.deleted.is_(False),
                )
                .order_by(Opportunity.expected_close_on)
                .limit(limit)
            ).all()
            for customer_id, next_step, name, value_class in opportunities:
                found.setdefault(
                    customer_id,
                    Suggestion(customer_id, name, "opportunity", next_step, value_class, None),
                )
            for c in s.scalars(self._overdue_query(day, limit + len(planned))):
                found.setdefault(
                    c.id,
                    Suggestion(
                        c.id, c.name, "overdue", "", c.value_class, c.last_effective_visit_on
                    ),
                )
        return [x for x in found.values() if x.customer_id not in planned][:limit]

    def _overdue_query(self, day: dt.date, limit: int) -> Select[Customer]:
        def older(value_class: ValueClass) -> ColumnElement[bool]:
            limit_day = day - dt.timedelta(days=self.cadence.days_for(value_class))
            return and_(
                Customer.value_class == value_class.value,
                Customer.last_effective_visit_on < limit_day,
            )

        return (
            select(Customer)
            .where(
                Customer.deleted.is_(False),
                Customer.owner_id == self._user.actor.user_id,
                # `|| ''` keeps SQLite off the status index: without statistics it would
                # walk every live potential and active customer instead of the user's own.
                Customer.status.concat("").in_(
                    [CustomerStatus.POTENTIAL.value, CustomerStatus.ACTIVE.value]
                ),
                or_(
                    Customer.last_effective_visit_on.is_(None),
                    *(older(vc) for vc in ValueClass),
                ),
            )
            # Key accounts and A first; among equals the longest-unvisited first.
            .order_by(
                Customer.is_key_account.desc(),
                Customer.value_class,
                Customer.last_effective_visit_on.is_not(None),
                Customer.last_effective_visit_on,
                Customer.name,
            )
            .limit(limit)
        )

    # --- writes ------------------------------------------------------------------------
    def save_items(self, day: dt.date, items: Sequence[PlanItemDraft]) -> PlanView:
        """Make the plan's items exactly `items`, in that order: new ones are added,
        changed ones updated, missing ones removed (soft delete)."""
        cleaned = [item.cleaned() for item in items]
        for item in cleaned:
            validate_plan_item(item)
        with UnitOfWork(self._store, self._user.actor.user_id) as uow:
            s = uow.session
            if not cleaned and self._find(s, day) is None:
                # Nothing to plan and no plan yet: writing an empty draft plan would leave
                # a row behind (and a sync entry) for a day that was never planned.
                return self.plan(day)
            plan = self._editable_plan(s, day)
            current = {i.id: i for i in s.scalars(select(PlanItem).where(_live_items(plan.id)))}
            seen: set[str] = set()
            for position, item in enumerate(cleaned):
                row = current.get(item.id) if item.id else None
                if row is None:
                    visible_customer(s, self._user.actor, item.customer_id)
                    row = PlanItem(
                        plan_id=plan.id,
                        customer_id=item.customer_id,
                        owner_id=plan.owner_id,
                        team_id=plan.team_id,
                    )
                    s.add(row)
                elif row.customer_id != item.customer_id:
                    visible_customer(s, self._user.actor, item.customer_id)
                _apply_item(row, item, position)
                if row.id is not None:
                    seen.add(row.id)
            for item_id, row in current.items():
                if item_id not in seen:
                    row.deleted = True
            s.flush()
            view = _view(s, plan)
            uow.commit()
            return view

    def add_item(self, day: dt.date, item: PlanItemDraft) -> str:
        """Append one customer to the day's plan (creating the plan); the new item's id."""
        before = {i.id for i in self.plan(day).items}
        view = self.save_items(day, [*self.plan(day).items, item])
        return next(i.id for i in view.items if i.id not in before and i.id is not None)

    def update_item(self, day: dt.date, item: PlanItemDraft) -> None:
        items = self.plan(day).items
        if item.id not in {i.id for i in items}:
            raise _item_gone()
        self.save_items(day, [item if i.id == item.id else i for i in items])

    def remove_item(self, day: dt.date, item_id: str) -> None:
        self.save_items(day, [i for i in self.plan(day).items if i.id != item_id])

    def reorder(self, day: dt.date, item_ids: Sequence[str]) -> None:
        by_id = {i.id: i for i in self.plan(day).items}
        if set(item_ids) != set(by_id):
            raise _item_gone()
        self.save_items(day, [by_id[i] for i in item_ids])

    def submit(self, day: dt.date) -> PlanView:
        """Submit the plan for countersign (核签); an empty plan is refused."""
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            s = uow.session
            plan = self._find(s, day)
            if plan is None:
                raise empty_plan_error()
            items = s.scalar(select(func.count(PlanItem.id)).where(_live_items(plan.id)))
            # The server's rule (domain/commands.py): who submits, what it needs.
            changes = plan_command(
                PlanAction.SUBMIT,
                PlanFacts(plan.owner_id, plan.status, int(items or 0)),
                access(self._store, actor),
                self._store.clock.utcnow(),
                None,
            )
            uow.command("submit_plan", "visit_plan", plan.id, plan.version, {})
            for name, value in changes.items():
                setattr(plan, name, value)
            s.flush()
            view = _view(s, plan)
            uow.commit()
            return view

    # --- helpers -----------------------------------------------------------------------
    def _find(self, s: Session, day: dt.date) -> VisitPlan | None:
        return s.scalars(
            select(VisitPlan).where(
                VisitPlan.owner_id == self._user.actor.user_id,
                VisitPlan.plan_date == day,
                VisitPlan.deleted.is_(False),
            )
        ).first()

    def _editable_plan(self, s: Session, day: dt.date) -> VisitPlan:
        actor = self._user.actor
        plan = self._find(s, day)
        if plan is None:
            plan = VisitPlan(plan_date=day, owner_id=actor.user_id, team_id=actor.team_id)
            s.add(plan)
            s.flush()
            return plan
        plan_transition(PlanStatus(plan.status), PlanAction.EDIT, actor.role)
        return plan


def _live_items(plan_id: str | None) -> ColumnElement[bool]:
    return and_(PlanItem.plan_id == plan_id, PlanItem.deleted.is_(False))


def _apply_item(row: PlanItem, item: PlanItemDraft, position: int) -> None:
    row.customer_id = item.customer_id
    row.position = position
    row.planned_time = item.planned_time
    row.purpose = item.purpose
    row.objective = item.objective


def _item_gone() -> TransitionError:
    return TransitionError(
        "该计划项已不存在，请刷新后重试", "That plan item no longer exists; refresh and try again"
    )


def plan_items(s: Session, plan_id: str) -> list[PlanItemDraft]:
    """The live items of a plan in their order, with customer names (also used by reports)."""
    rows = s.execute(
        select(PlanItem, Customer.name)
        .join(Customer, Customer.id == PlanItem.customer_id)
        .where(_live_items(plan_id))
        .order_by(PlanItem.position, PlanItem.planned_time, PlanItem.id)
    ).all()
    return [
        PlanItemDraft(
            customer_id=i.customer_id,
            id=i.id,
            customer_name=name,
            planned_time=i.planned_time,
            purpose=i.purpose,
            objective=i.objective,
        )
        for i, name in rows
    ]


def _view(s: Session, plan: VisitPlan) -> PlanView:
    return PlanView(
        plan.plan_date,
        plan.id,
        plan.status,
        plan.version,
        tuple(plan_items(s, plan.id)),
        plan.review_comment,
        plan.submitted_at,
        plan.countersigned_at,
    )

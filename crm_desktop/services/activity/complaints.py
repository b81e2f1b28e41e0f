"""Customer complaints 客户投诉 (SPEC §2.5): write, list, move through their statuses."""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select

from crm_desktop.domain.complaints import (
    NEEDS_RESOLUTION,
    PENDING,
    ComplaintAction,
    ComplaintDraft,
    action_to,
    complaint_is_overdue,
    complaint_transition,
    validate_complaint,
)
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import ComplaintStatus
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.scope import visible_customer
from crm_desktop.store.database import Store
from crm_desktop.store.models import Complaint, Contact, Customer
from crm_desktop.store.unit_of_work import UnitOfWork

LIST_LIMIT = 2000


@dataclass(frozen=True)
class ComplaintFilter:
    status: str | None = None  # a ComplaintStatus code; "pending" = open or in progress
    customer_id: str | None = None
    overdue_only: bool = False


PENDING_FILTER = "pending"


@dataclass(frozen=True)
class ComplaintRow:
    id: str
    customer_id: str
    customer_name: str
    contact_name: str | None
    received_on: dt.date
    channel: str
    category: str
    severity: str
    description: str
    resolution: str | None
    status: str
    due_on: dt.date | None
    resolved_on: dt.date | None
    overdue: bool


def _not_found() -> ValidationError:
    return ValidationError("找不到该投诉，它可能已被删除", "That complaint no longer exists")


def _contact_problem() -> ValidationError:
    return ValidationError(
        "所选联系人不属于该客户", "The chosen contact is not one of this customer's", "contact"
    )


class ComplaintService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    # --- reads -------------------------------------------------------------------------
    def list(
        self, query: ComplaintFilter | None = None, today: dt.date | None = None
    ) -> list[ComplaintRow]:
        """Complaints in the laptop's scope: pending ones by due date, then newest first."""
        q = query or ComplaintFilter()
        today = today or self._store.clock.today()
        pending_codes = [s.value for s in PENDING]
        statement = (
            select(
                Complaint.id,
                Complaint.customer_id,
                Customer.name,
                Contact.name,
                Complaint.received_on,
                Complaint.channel,
                Complaint.category,
                Complaint.severity,
                Complaint.description,
                Complaint.resolution,
                Complaint.status,
                Complaint.due_on,
                Complaint.resolved_on,
            )
            .join(Customer, Customer.id == Complaint.customer_id)
            .outerjoin(Contact, Contact.id == Complaint.contact_id)
            .where(Complaint.deleted.is_(False))
            .order_by(
                Complaint.status.not_in(pending_codes),
                Complaint.received_on.desc(),
                Complaint.id.desc(),
            )
            .limit(LIST_LIMIT)
        )
        if q.status == PENDING_FILTER:
            statement = statement.where(Complaint.status.in_(pending_codes))
        elif q.status:
            statement = statement.where(Complaint.status == q.status)
        if q.customer_id:
            statement = statement.where(Complaint.customer_id == q.customer_id)
        if q.overdue_only:
            statement = statement.where(
                Complaint.status.in_(pending_codes), Complaint.due_on < today
            )
        with self._store.reading() as s:
            rows = [tuple(row) for row in s.execute(statement)]
        return [
            ComplaintRow(*row, complaint_is_overdue(row[10], row[11], today))  # type: ignore[call-arg]
            for row in rows
        ]

    def get(self, complaint_id: str) -> ComplaintDraft:
        with self._store.reading() as s:
            c = s.get(Complaint, complaint_id)
            if c is None or c.deleted:
                raise _not_found()
            return self._draft_of(c)

    def contacts(self, customer_id: str) -> builtins.list[tuple[str, str]]:
        """The customer's live contacts (id, name) for the complaint form's picker."""
        with self._store.reading() as s:
            rows = s.execute(
                select(Contact.id, Contact.name)
                .where(Contact.customer_id == customer_id, Contact.deleted.is_(False))
                .order_by(Contact.is_key_contact.desc(), Contact.name)
            ).all()
        return [(r[0], r[1]) for r in rows]

    def customer_name(self, customer_id: str) -> str:
        """The name of a customer the dialog was opened for ("" if it is gone)."""
        with self._store.reading() as s:
            return s.scalar(select(Customer.name).where(Customer.id == customer_id)) or ""

    # --- writes ------------------------------------------------------------------------
    def create(self, draft: ComplaintDraft, today: dt.date | None = None) -> str:
        """Record a complaint; returns its id. Raises ValidationError."""
        today = today or self._store.clock.today()
        draft = draft.cleaned()
        validate_complaint(draft, today)
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            customer = visible_customer(uow.session, actor, draft.customer_id)
            self._check_contact(uow, draft)
            # The complaint belongs with its customer, so the customer's rep sees it
            # even when a supervisor recorded it.
            complaint = Complaint(owner_id=customer.owner_id, team_id=customer.team_id)
            self._apply(complaint, draft)
            if draft.status in NEEDS_RESOLUTION:
                complaint.resolved_on = today  # settled on the spot, e.g. during the visit
            uow.session.add(complaint)
            uow.commit()
            return complaint.id

    def update(self, draft: ComplaintDraft, today: dt.date | None = None) -> None:
        """Change a complaint; a status change must be one allowed step of the machine."""
        if draft.id is None:
            raise _not_found()
        today = today or self._store.clock.today()
        draft = draft.cleaned()
        validate_complaint(draft, today)
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            complaint = uow.session.get(Complaint, draft.id)
            if complaint is None or complaint.deleted:
                raise _not_found()
            if complaint.status == ComplaintStatus.CLOSED.value:
                complaint_transition(ComplaintStatus.CLOSED, ComplaintAction.REOPEN)  # raises
            if draft.customer_id != complaint.customer_id:
                visible_customer(uow.session, actor, draft.customer_id)
            else:
                visible_customer(uow.session, actor, complaint.customer_id)
            self._check_contact(uow, draft)
            old = ComplaintStatus(complaint.status)
            new = ComplaintStatus(draft.status)
            if new is not old:
                self._move(complaint, action_to(old, new), today)
            self._apply(complaint, replace(draft, status=complaint.status))
            uow.commit()

    def change_status(
        self,
        complaint_id: str,
        action: ComplaintAction,
        resolution: str | None = None,
        today: dt.date | None = None,
    ) -> str:
        """Apply a workflow action; returns the new status code.

        Resolving needs a resolution: the complaint's own, or `resolution` given here.
        """
        today = today or self._store.clock.today()
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            complaint = uow.session.get(Complaint, complaint_id)
            if complaint is None or complaint.deleted:
                raise _not_found()
            visible_customer(uow.session, actor, complaint.customer_id)
            if resolution:
                complaint.resolution = resolution
            draft = self._draft_of(complaint)
            target = complaint_transition(ComplaintStatus(complaint.status), action)
            # The target state's rules (a resolution when resolved) are the draft's rules.
            validate_complaint(replace(draft, status=target.value), today)
            self._move(complaint, action, today)
            uow.commit()
            return complaint.status

    # --- helpers -----------------------------------------------------------------------
    @staticmethod
    def _move(complaint: Complaint, action: ComplaintAction, today: dt.date) -> None:
        target = complaint_transition(ComplaintStatus(complaint.status), action)
        complaint.status = target.value
        if target is ComplaintStatus.RESOLVED:
            complaint.resolved_on = today
        elif target in PENDING:
            complaint.resolved_on = None  # reopened: the old resolution did not hold

    @staticmethod
    def _check_contact(uow: UnitOfWork, draft: ComplaintDraft) -> None:
        if draft.contact_id is None:
            return
        contact = uow.session.get(Contact, draft.contact_id)
        if contact is None or contact.deleted or contact.customer_id != draft.customer_id:
            raise _contact_problem()

    @staticmethod
    def _draft_of(c: Complaint) -> ComplaintDraft:
        return ComplaintDraft(
            id=c.id,
            customer_id=c.customer_id,
            received_on=c.received_on,
            description=c.description,
            contact_id=c.contact_id,
            channel=c.channel,
            category=c.category,
            severity=c.severity,
            customer_demand=c.customer_demand,
            responsible_department=c.responsible_department,
            resolution=c.resolution,
            status=c.status,
            due_on=c.due_on,
        )

    @staticmethod
    def _apply(complaint: Complaint, draft: ComplaintDraft) -> None:
        complaint.customer_id = draft.customer_id
        complaint.contact_id = draft.contact_id
        complaint.received_on = draft.received_on
        complaint.channel = draft.channel
        complaint.category = draft.category
        complaint.severity = draft.severity
        complaint.description = draft.description
        complaint.customer_demand = draft.customer_demand
        complaint.responsible_department = draft.responsible_department
        complaint.resolution = draft.resolution
        complaint.status = draft.status
        complaint.due_on = draft.due_on

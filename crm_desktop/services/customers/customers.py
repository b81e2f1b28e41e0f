"""Customer and contact use cases: read a card, check duplicates, save, delete."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select

from crm_desktop.domain.classification import DEFAULT_CADENCE, Cadence, is_overdue, next_visit_due
from crm_desktop.domain.customer import (
    ContactDraft,
    CustomerDraft,
    validate_contact,
    validate_customer,
)
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.normalize import company_name_key, phone_key, tax_id_key
from crm_desktop.domain.picklists import ValueClass
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.scope import access
from crm_desktop.store.database import Store
from crm_desktop.store.models import (
    Complaint,
    Contact,
    Customer,
    MarketReport,
    Opportunity,
    User,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class DuplicateMatch:
    """An existing customer that looks like the one being saved."""

    customer_id: str
    name: str
    owner_id: str | None
    owner_name: str | None
    reasons: tuple[str, ...]  # "name", "phone", "tax_id"
    other_owner: bool  # 撞单: another rep already owns it


@dataclass(frozen=True)
class VisitSummary:
    visit_date: dt.date
    purpose: str
    outcome: str | None
    is_effective: bool
    order_amount_fen: int
    next_step: str | None


@dataclass(frozen=True)
class OpportunitySummary:
    id: str
    name: str
    stage_code: str
    amount_fen: int
    expected_close_on: dt.date | None


@dataclass(frozen=True)
class ComplaintSummary:
    id: str
    received_on: dt.date
    category: str
    status: str
    description: str


@dataclass(frozen=True)
class MarketReportSummary:
    id: str
    report_date: dt.date
    category: str
    severity: str
    description: str
    acknowledged: bool


@dataclass(frozen=True)
class CustomerCard:
    draft: CustomerDraft
    value_class: str
    owner_name: str | None
    last_effective_visit_on: dt.date | None
    contacts: list[ContactDraft]
    visits: list[VisitSummary]
    opportunities: list[OpportunitySummary]
    complaints: list[ComplaintSummary]
    market_reports: list[MarketReportSummary] = field(default_factory=list)
    # Last day the next effective visit is on time by the class's cadence; None when the
    # customer was never visited effectively (then it is due already: `visit_overdue`).
    next_visit_due_on: dt.date | None = None
    visit_overdue: bool = False
    # Confidential and the user is outside the owner's line: the server sent the
    # sensitive fields blank, and the card says why instead of showing them empty.
    sensitive_hidden: bool = False


CUSTOMER_FIELDS = [f.name for f in dataclasses.fields(CustomerDraft) if f.name != "id"]
CONTACT_FIELDS = [f.name for f in dataclasses.fields(ContactDraft) if f.name != "id"]


def _draft(c: Customer) -> CustomerDraft:
    return CustomerDraft(id=c.id, **{name: getattr(c, name) for name in CUSTOMER_FIELDS})


def _contact_draft(c: Contact) -> ContactDraft:
    return ContactDraft(id=c.id, **{name: getattr(c, name) for name in CONTACT_FIELDS})


def _value_class(code: str) -> ValueClass:
    """The stored class as the domain's enum; an unknown code gets the slowest cadence."""
    try:
        return ValueClass(code)
    except ValueError:
        return ValueClass.C


def not_found(what_zh: str, what_en: str) -> ValidationError:
    return ValidationError(f"找不到该{what_zh}，它可能已被删除", f"The {what_en} no longer exists")


class CustomerService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    # --- reads -------------------------------------------------------------------------
    def _in_owners_line(self, owner_id: str | None) -> bool:
        visible = access(self._store, self._user.actor).visible
        return visible is not None and owner_id in visible

    def card(
        self,
        customer_id: str,
        cadence: Cadence = DEFAULT_CADENCE,
        today: dt.date | None = None,
    ) -> CustomerCard:
        """Everything the card shows; the visit history is complete (no limit).

        A busy customer has hundreds of visits, so the history is one query of only the
        columns shown (no ORM objects), walking the customer_id index.
        """
        today = today or self._store.clock.today()
        with self._store.reading() as s:
            c = s.get(Customer, customer_id)
            if c is None or c.deleted:
                raise not_found("客户", "customer")
            owner = s.get(User, c.owner_id) if c.owner_id else None
            contacts = s.scalars(
                select(Contact)
                .where(Contact.customer_id == customer_id, Contact.deleted.is_(False))
                .order_by(
                    Contact.is_key_contact.desc(), func.pinyin_key(Contact.name), Contact.name
                )
            ).all()
            visits = [
                VisitSummary(*row)
                for row in s.execute(
                    select(
                        VisitRecord.visit_date,
                        VisitRecord.purpose,
                        VisitRecord.outcome,
                        VisitRecord.is_effective,
                        VisitRecord.order_amount_fen,
                        VisitRecord.next_step,
                    )
                    .where(VisitRecord.customer_id == customer_id, VisitRecord.deleted.is_(False))
                    .order_by(VisitRecord.visit_date.desc(), VisitRecord.start_time.desc())
                )
            ]
            opportunities = s.execute(
                select(
                    Opportunity.id,
                    Opportunity.name,
                    Opportunity.stage_code,
                    Opportunity.amount_fen,
                    Opportunity.expected_close_on,
                )
                .where(Opportunity.customer_id == customer_id, Opportunity.deleted.is_(False))
                .order_by(Opportunity.expected_close_on)
            ).all()
            complaints = s.execute(
                select(
                    Complaint.id,
                    Complaint.received_on,
                    Complaint.category,
                    Complaint.status,
                    Complaint.description,
                )
                .where(Complaint.customer_id == customer_id, Complaint.deleted.is_(False))
                .order_by(Complaint.received_on.desc())
            ).all()
            market_reports = s.execute(
                select(
                    MarketReport.id,
                    MarketReport.report_date,
                    MarketReport.category,
                    MarketReport.severity,
                    MarketReport.description,
                    MarketReport.acknowledged_at.is_not(None),
                )
                .where(MarketReport.customer_id == customer_id, MarketReport.deleted.is_(False))
                .order_by(MarketReport.report_date.desc())
            ).all()
            value_class = _value_class(c.value_class)
            return CustomerCard(
                draft=_draft(c),
                value_class=c.value_class,
                owner_name=owner.display_name if owner else None,
                last_effective_visit_on=c.last_effective_visit_on,
                contacts=[_contact_draft(k) for k in contacts],
                visits=visits,
                opportunities=[OpportunitySummary(*o) for o in opportunities],
                complaints=[ComplaintSummary(*x) for x in complaints],
                market_reports=[
                    MarketReportSummary(m[0], m[1], m[2], m[3], m[4], bool(m[5]))
                    for m in market_reports
                ],
                next_visit_due_on=next_visit_due(value_class, c.last_effective_visit_on, cadence),
                visit_overdue=is_overdue(value_class, c.last_effective_visit_on, today, cadence),
                sensitive_hidden=c.confidential and not self._in_owners_line(c.owner_id),
            )

    def owners(self) -> list[tuple[str, str]]:
        """Users a customer can be assigned to: (id, display name)."""
        with self._store.reading() as s:
            rows = s.execute(
                select(User.id, User.display_name)
                .where(User.active.is_(True), User.deleted.is_(False))
                .order_by(func.pinyin_key(User.display_name), User.display_name)
            ).all()
        return [(r[0], r[1]) for r in rows]

    def find_duplicates(self, draft: CustomerDraft) -> list[DuplicateMatch]:
        """Existing live customers matching by normalised name, phone or tax id."""
        draft = draft.cleaned()
        keys = (
            company_name_key(draft.name) if draft.name else None,
            phone_key(draft.phone),
            tax_id_key(draft.tax_id),
        )
        clauses = [
            column == key
            for column, key in zip(
                (Customer.name_key, Customer.phone_key, Customer.tax_key), keys, strict=True
            )
            if key
        ]
        if not clauses:
            return []
        owner_id = draft.owner_id or self._user.actor.user_id
        with self._store.reading() as s:
            rows = s.execute(
                select(Customer, User.display_name)
                .outerjoin(User, User.id == Customer.owner_id)
                .where(Customer.deleted.is_(False), or_(*clauses))
                .limit(20)
            ).all()
        matches = []
        for c, owner_name in rows:
            if c.id == draft.id:
                continue
            reasons = tuple(
                reason
                for reason, mine, theirs in (
                    ("name", keys[0], c.name_key),
                    ("phone", keys[1], c.phone_key),
                    ("tax_id", keys[2], c.tax_key),
                )
                if mine and mine == theirs
            )
            matches.append(
                DuplicateMatch(
                    c.id,
                    c.name,
                    c.owner_id,
                    owner_name,
                    reasons,
                    other_owner=c.owner_id not in (None, owner_id),
                )
            )
        return matches

    # --- writes ------------------------------------------------------------------------
    def save(self, draft: CustomerDraft) -> str:
        """Create or update a customer card; returns its id. Raises ValidationError."""
        draft = draft.cleaned()
        validate_customer(draft)
        with UnitOfWork(self._store, self._user.actor.user_id) as uow:
            if draft.id is None:
                customer = Customer(
                    owner_id=draft.owner_id or self._user.actor.user_id,
                    team_id=self._user.actor.team_id,
                )
                uow.session.add(customer)
            else:
                found = uow.session.get(Customer, draft.id)
                if found is None or found.deleted:
                    raise not_found("客户", "customer")
                if draft.owner_id not in (None, found.owner_id):
                    # The server refuses an owner in a patch: it moves only by a handover,
                    # with what goes with the customer (services/customers/handover.py).
                    raise ValidationError(
                        "负责人只能通过“交接客户”更改",
                        "The owner changes only by a handover (Hand over… on the Customers page)",
                        field="owner_id",
                    )
                customer = found
            apply_customer_draft(customer, draft)
            uow.commit()
            return customer.id

    def delete(self, customer_id: str) -> None:
        """Soft-delete a customer and its contacts (history stays, SPEC §5)."""
        with UnitOfWork(self._store, self._user.actor.user_id) as uow:
            customer = uow.session.get(Customer, customer_id)
            if customer is None or customer.deleted:
                raise not_found("客户", "customer")
            customer.deleted = True
            for contact in uow.session.scalars(
                select(Contact).where(
                    Contact.customer_id == customer_id, Contact.deleted.is_(False)
                )
            ):
                contact.deleted = True
            uow.commit()

    def save_contact(self, draft: ContactDraft) -> str:
        draft = draft.cleaned()
        validate_contact(draft, self._store.clock.today())
        with UnitOfWork(self._store, self._user.actor.user_id) as uow:
            customer = uow.session.get(Customer, draft.customer_id)
            if customer is None or customer.deleted:
                raise not_found("客户", "customer")
            if draft.id is None:
                contact = Contact(owner_id=customer.owner_id, team_id=customer.team_id)
                uow.session.add(contact)
            else:
                found = uow.session.get(Contact, draft.id)
                if found is None or found.deleted:
                    raise not_found("联系人", "contact")
                contact = found
            for name in CONTACT_FIELDS:
                setattr(contact, name, getattr(draft, name))
            contact.phone_key = phone_key(draft.mobile or draft.phone)
            uow.commit()
            return contact.id

    def delete_contact(self, contact_id: str) -> None:
        with UnitOfWork(self._store, self._user.actor.user_id) as uow:
            contact = uow.session.get(Contact, contact_id)
            if contact is None or contact.deleted:
                raise not_found("联系人", "contact")
            contact.deleted = True
            uow.commit()


def apply_customer_draft(customer: Customer, draft: CustomerDraft) -> None:
    """Copy a validated draft onto the mapped row, with its duplicate-detection keys."""
    for name in CUSTOMER_FIELDS:
        value = getattr(draft, name)
        if name == "owner_id" and value is None:
            continue  # keep the current owner unless the draft names one
        setattr(customer, name, value)
    customer.name_key = company_name_key(draft.name)
    customer.phone_key = phone_key(draft.phone)
    customer.tax_key = tax_id_key(draft.tax_id)
    if draft.is_key_account:
        customer.value_class = "A"  # the key-account flag forces A (SPEC §5)

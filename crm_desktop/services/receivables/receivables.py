"""Money owed 应收账款 (issue 16): a customer's ledger, manual entries, the credit-limit
check and the aging report of the user's scope.

The rules are the domain's (domain/receivables.py); this module reads the events from
the store (ledger_read.py) and writes manual entries in one unit of work each. Who may
write an entry is the server's rule, asked of the laptop's copy of the org tree
(services/scope.py): the customer's owner and everyone above them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.org import RecordKind
from crm_desktop.domain.receivables import (
    Aging,
    CreditWarning,
    EntryDraft,
    EntryKind,
    EntrySource,
    LedgerEvent,
    age,
    check_credit,
    latest_cutoff,
    superseded,
    validate_entry,
)
from crm_desktop.services.actor import Actor, CurrentUser
from crm_desktop.services.receivables.ledger_read import events_by_customer
from crm_desktop.services.scope import access, visible_customer
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, ReceivableEntry, User
from crm_desktop.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class LedgerLine:
    """One line of a customer's ledger as the card shows it."""

    id: str
    entry_date: dt.date
    kind: EntryKind
    source: EntrySource
    amount_fen: int  # signed: what it does to the balance
    due_on: dt.date
    reference: str | None
    note: str | None
    superseded: bool  # replaced by a later finance import: not in the balance
    running_fen: int | None  # the balance after this line (None when superseded)
    deletable: bool  # a manual entry (visits are changed on their report, imports re-imported)


@dataclass(frozen=True)
class CustomerLedger:
    customer_id: str
    customer_name: str
    credit_limit_fen: int | None
    payment_terms: str | None
    lines: list[LedgerLine]
    aging: Aging

    @property
    def over_limit(self) -> bool:
        return self.credit_limit_fen is not None and self.aging.balance_fen > self.credit_limit_fen


@dataclass(frozen=True)
class AgingRow:
    """A customer of the aging report: balance, open debt by bucket, overdue money."""

    customer_id: str
    customer_name: str
    owner_name: str
    credit_limit_fen: int | None
    aging: Aging

    @property
    def balance_fen(self) -> int:
        return self.aging.balance_fen

    @property
    def buckets(self) -> tuple[int, int, int, int]:
        return self.aging.buckets

    @property
    def overdue_fen(self) -> int:
        return self.aging.overdue_fen

    @property
    def oldest_overdue_due(self) -> dt.date | None:
        return self.aging.oldest_overdue_due

    @property
    def overdue(self) -> bool:
        return self.aging.overdue

    @property
    def over_limit(self) -> bool:
        return self.credit_limit_fen is not None and self.balance_fen > self.credit_limit_fen


@dataclass(frozen=True)
class AgingReport:
    as_of: dt.date
    rows: list[AgingRow]

    @property
    def totals(self) -> tuple[int, tuple[int, int, int, int], int]:
        """(balance, buckets, overdue) over every row."""
        buckets = tuple(sum(r.buckets[i] for r in self.rows) for i in range(4))
        return (
            sum(r.balance_fen for r in self.rows),
            (buckets[0], buckets[1], buckets[2], buckets[3]),
            sum(r.overdue_fen for r in self.rows),
        )


def _not_found() -> ValidationError:
    return ValidationError("找不到该款项，它可能已被删除", "That entry no longer exists")


class ReceivableService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    # --- reads -------------------------------------------------------------------------
    def ledger(self, customer_id: str, as_of: dt.date | None = None) -> CustomerLedger:
        """A customer's ledger, oldest first, with its balance and aging as of a day."""
        as_of = as_of or self._store.clock.today()
        with self._store.reading() as s:
            customer = s.get(Customer, customer_id)
            if customer is None or customer.deleted:
                raise ValidationError(
                    "找不到该客户，可能已被删除", "That customer no longer exists", "customer"
                )
            events = events_by_customer(s, {customer.id: customer.payment_terms}).get(
                customer.id, []
            )
            return CustomerLedger(
                customer.id,
                customer.name,
                customer.credit_limit_fen,
                customer.payment_terms,
                _lines(events),
                age(events, as_of),
            )

    def aging_report(self, as_of: dt.date | None = None) -> AgingReport:
        """Every customer in the user's scope that owes money or is owed it, most overdue
        first, then by balance."""
        as_of = as_of or self._store.clock.today()
        visible = access(self._store, self._user.actor).visible
        statement = (
            select(
                Customer.id,
                Customer.name,
                Customer.payment_terms,
                Customer.credit_limit_fen,
                User.display_name,
            )
            .outerjoin(User, User.id == Customer.owner_id)
            .where(Customer.deleted.is_(False))
        )
        if visible is not None:
            statement = statement.where(Customer.owner_id.in_(visible))
        with self._store.reading() as s:
            customers = {row[0]: row for row in s.execute(statement)}
            events = events_by_customer(s, {cid: row[2] for cid, row in customers.items()})
        rows = []
        for customer_id, customer_events in events.items():
            aging = age(customer_events, as_of)
            if aging.balance_fen == 0 and not aging.open_items:
                continue
            _id, name, _terms, limit, owner = customers[customer_id]
            rows.append(AgingRow(customer_id, name, owner or "", limit, aging))
        rows.sort(key=lambda r: (-r.overdue_fen, -r.balance_fen, r.customer_name, r.customer_id))
        return AgingReport(as_of, rows)

    def credit_warning(
        self, customer_id: str, order_fen: int, visit_id: str | None = None
    ) -> CreditWarning | None:
        """The warning for an order of `order_fen` on this customer today, if it would
        pass the credit limit. `visit_id`: the visit being edited, whose stored order the
        new amount replaces."""
        if order_fen <= 0:
            return None
        today = self._store.clock.today()
        with self._store.reading() as s:
            customer = s.get(Customer, customer_id)
            if customer is None or customer.deleted or customer.credit_limit_fen is None:
                return None
            events = events_by_customer(
                s, {customer.id: customer.payment_terms}, exclude_visit=visit_id
            ).get(customer.id, [])
            limit = customer.credit_limit_fen
        return check_credit(age(events, today).balance_fen, order_fen, limit)

    # --- writes ------------------------------------------------------------------------
    def add_entry(self, draft: EntryDraft) -> str:
        """Record a manual order, collection or adjustment; returns its id."""
        draft = draft.cleaned()
        validate_entry(draft, self._store.clock.today())
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            customer = self._writable_customer(uow.session, actor, draft.customer_id)
            entry = ReceivableEntry(
                owner_id=customer.owner_id,
                team_id=customer.team_id,
                customer_id=customer.id,
                kind=draft.kind,
                amount_fen=draft.amount_fen,
                entry_date=draft.entry_date,
                due_on=draft.due_on,
                reference=draft.reference,
                note=draft.note,
                source=EntrySource.MANUAL.value,
            )
            uow.session.add(entry)
            uow.commit()
            return entry.id

    def delete_entry(self, entry_id: str) -> None:
        """Remove a manual entry typed by mistake (a soft delete, synced)."""
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            entry = uow.session.get(ReceivableEntry, entry_id)
            if entry is None or entry.deleted:
                raise _not_found()
            if entry.source != EntrySource.MANUAL.value:
                raise ValidationError(
                    "只能删除手工录入的款项；财务导入的余额请重新导入更正",
                    "Only manual entries can be deleted; correct a finance balance by "
                    "importing it again",
                )
            self._writable_customer(uow.session, actor, entry.customer_id)
            entry.deleted = True
            uow.commit()

    def _writable_customer(self, session: Session, actor: Actor, customer_id: str) -> Customer:
        customer = visible_customer(session, actor, customer_id)
        if not access(self._store, actor).may_write(RecordKind.RECEIVABLE, customer.owner_id):
            raise ValidationError(
                f"您不能为客户“{customer.name}”登记款项",
                f"You may not record money for customer “{customer.name}”",
                "customer",
            )
        return customer


def _lines(events: list[LedgerEvent]) -> list[LedgerLine]:
    cutoff = latest_cutoff(events)
    running = 0
    lines = []
    order = sorted(events, key=lambda e: (e.entry_date, e.amount_fen < 0, e.id))
    for e in order:
        gone = superseded(e, cutoff)
        if not gone:
            running += e.amount_fen
        lines.append(
            LedgerLine(
                e.id,
                e.entry_date,
                e.kind,
                e.source,
                e.amount_fen,
                e.due_on,
                e.reference,
                e.note,
                gone,
                None if gone else running,
                e.source is EntrySource.MANUAL,
            )
        )
    return lines

"""Defector cases 流失客户调查 (F16): record, list, change and delete them.

A case belongs with its customer: it takes the customer's owner and team, so the rep
who owns the customer sees a case their supervisor recorded, and the server scopes it
like the customer's other records. Recording a complete or former-customer case marks
the card lost (流失客户) with the first root cause's nearest loss reason unless the
card already says lost or former; winning the customer back makes the card active.
"""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from crm_desktop.domain.churn import (
    LOST_TYPES,
    DefectionCause,
    DefectionDraft,
    DefectionStatus,
    DefectionType,
    check_reopen,
    decode_causes,
    encode_causes,
    validate_defection,
    year_before,
)
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import CustomerStatus, LossReason
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.customers.churn import scope_owners
from crm_desktop.services.scope import visible_customer
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, DefectionCase, User, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork

LIST_LIMIT = 2000

# The card's coarser loss reason (picklists.LossReason) for a case's first root cause.
_LOSS_REASON = {
    DefectionCause.RELIABILITY: LossReason.QUALITY,
    DefectionCause.PRICE: LossReason.PRICE,
    DefectionCause.PRICE_DRIVEN: LossReason.PRICE,
    DefectionCause.SQUEEZED: LossReason.PRICE,
    DefectionCause.COMPETITOR_OFFER: LossReason.COMPETITOR,
    DefectionCause.COMPETITOR_PROMOTION: LossReason.COMPETITOR,
    DefectionCause.LIFE_CHANGE: LossReason.CUSTOMER_CHANGE,
    DefectionCause.CONTACT_MOVED: LossReason.CUSTOMER_CHANGE,
    DefectionCause.NO_NEED: LossReason.CUSTOMER_CHANGE,
    DefectionCause.OTHER: LossReason.OTHER,
}


def loss_reason_for(causes: tuple[str, ...]) -> str:
    """The card's loss reason for a case: service problems unless the first cause says
    price, quality, competitor or the customer's own change."""
    for code in causes:
        if code in DefectionCause._value2member_map_:
            return _LOSS_REASON.get(DefectionCause(code), LossReason.SERVICE).value
    return LossReason.OTHER.value


@dataclass(frozen=True)
class DefectionRow:
    id: str
    customer_id: str
    customer_name: str
    owner_name: str
    defection_type: str
    defected_on: dt.date
    root_causes: tuple[str, ...]
    interviewer: str | None
    status: str
    won_back_on: dt.date | None
    spend_before_fen: int  # orders in the 12 months up to the defection
    spend_since_fen: int  # orders after it


def _not_found() -> ValidationError:
    return ValidationError(
        "找不到该流失案例，它可能已被删除", "That defector case no longer exists"
    )


class DefectionService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    # --- reads -------------------------------------------------------------------------
    def list(self, status: str | None = None) -> builtins.list[DefectionRow]:
        """Cases in scope, open ones first, newest defection first, with the customer's
        spend in the year before the defection and since (one grouped query)."""
        owners = scope_owners(self._store, self._user)
        before = (
            select(func.coalesce(func.sum(VisitRecord.order_amount_fen), 0))
            .where(
                VisitRecord.customer_id == DefectionCase.customer_id,
                VisitRecord.deleted.is_(False),
                VisitRecord.visit_date <= DefectionCase.defected_on,
                VisitRecord.visit_date > func.date(DefectionCase.defected_on, "-1 year"),
            )
            .scalar_subquery()
        )
        since = (
            select(func.coalesce(func.sum(VisitRecord.order_amount_fen), 0))
            .where(
                VisitRecord.customer_id == DefectionCase.customer_id,
                VisitRecord.deleted.is_(False),
                VisitRecord.visit_date > DefectionCase.defected_on,
            )
            .scalar_subquery()
        )
        statement = (
            select(
                DefectionCase.id,
                DefectionCase.customer_id,
                Customer.name,
                func.coalesce(User.display_name, ""),
                DefectionCase.defection_type,
                DefectionCase.defected_on,
                DefectionCase.root_causes,
                DefectionCase.interviewer,
                DefectionCase.status,
                DefectionCase.won_back_on,
                before,
                since,
            )
            .join(Customer, Customer.id == DefectionCase.customer_id)
            .outerjoin(User, User.id == DefectionCase.owner_id)
            .where(DefectionCase.deleted.is_(False))
            .order_by(
                DefectionCase.status != DefectionStatus.OPEN.value,
                DefectionCase.defected_on.desc(),
                DefectionCase.id.desc(),
            )
            .limit(LIST_LIMIT)
        )
        if owners is not None:
            statement = statement.where(DefectionCase.owner_id.in_(owners))
        if status:
            statement = statement.where(DefectionCase.status == status)
        with self._store.reading() as s:
            rows = s.execute(statement).all()
        return [
            DefectionRow(*r[:6], decode_causes(r[6]), r[7], r[8], r[9], int(r[10]), int(r[11]))
            for r in rows
        ]

    def get(self, case_id: str) -> DefectionDraft:
        with self._store.reading() as s:
            case = s.get(DefectionCase, case_id)
            if case is None or case.deleted:
                raise _not_found()
            return _draft_of(case)

    def customer_name(self, customer_id: str) -> str:
        with self._store.reading() as s:
            return s.scalar(select(Customer.name).where(Customer.id == customer_id)) or ""

    def spend_history(self, customer_id: str, until: dt.date, years: int = 3) -> builtins.list[int]:
        """Orders in each of the `years` 12-month periods up to `until`, oldest first
        (the case form's 历期消费数额)."""
        bounds = [until]
        for _ in range(years):
            bounds.append(year_before(bounds[-1]))
        bounds.reverse()
        with self._store.reading() as s:
            rows = s.execute(
                select(VisitRecord.visit_date, VisitRecord.order_amount_fen).where(
                    VisitRecord.customer_id == customer_id,
                    VisitRecord.deleted.is_(False),
                    VisitRecord.visit_date > bounds[0],
                    VisitRecord.visit_date <= until,
                    VisitRecord.order_amount_fen != 0,
                )
            ).all()
        totals = [0] * years
        for day, amount in rows:
            for index in range(years):
                if bounds[index] < day <= bounds[index + 1]:
                    totals[index] += int(amount)
        return totals

    # --- writes ------------------------------------------------------------------------
    def create(self, draft: DefectionDraft, today: dt.date | None = None) -> str:
        """Record a case; returns its id. Raises ValidationError."""
        today = today or self._store.clock.today()
        draft = draft.cleaned()
        validate_defection(draft, today)
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            customer = visible_customer(uow.session, actor, draft.customer_id)
            case = DefectionCase(owner_id=customer.owner_id, team_id=customer.team_id)
            _apply(case, draft)
            uow.session.add(case)
            _mark_card(customer, draft)
            uow.commit()
            return case.id

    def update(self, draft: DefectionDraft, today: dt.date | None = None) -> None:
        if draft.id is None:
            raise _not_found()
        today = today or self._store.clock.today()
        draft = draft.cleaned()
        validate_defection(draft, today)
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            case = uow.session.get(DefectionCase, draft.id)
            if case is None or case.deleted:
                raise _not_found()
            check_reopen(case.status, draft.status)
            if draft.customer_id != case.customer_id:
                raise ValidationError(
                    "流失案例的客户不能更改；请为另一客户新建案例",
                    "A case's customer cannot change; record a new case for the other one",
                    field="customer",
                )
            customer = visible_customer(uow.session, actor, case.customer_id)
            status_changed = draft.status != case.status
            _apply(case, draft)
            if status_changed:
                _mark_card(customer, draft)
            uow.commit()

    def win_back(self, case_id: str, on: dt.date | None = None) -> None:
        """Mark the case won back (on `on`, default today): the card is active again."""
        today = self._store.clock.today()
        draft = self.get(case_id)
        self.update(
            replace(draft, status=DefectionStatus.WON_BACK.value, won_back_on=on or today), today
        )

    def delete(self, case_id: str) -> None:
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            case = uow.session.get(DefectionCase, case_id)
            if case is None or case.deleted:
                raise _not_found()
            visible_customer(uow.session, actor, case.customer_id)
            case.deleted = True
            uow.commit()


def _mark_card(customer: Customer, draft: DefectionDraft) -> None:
    """Keep the card's status in step with the case (SPEC §2.1: 流失 with a reason)."""
    if draft.status == DefectionStatus.WON_BACK.value:
        if customer.status in (CustomerStatus.LOST.value, CustomerStatus.FORMER.value):
            customer.status = CustomerStatus.ACTIVE.value
        return
    if draft.status != DefectionStatus.OPEN.value:
        return
    if DefectionType(draft.defection_type) not in LOST_TYPES:
        return  # a partial defector still buys: the card stays active
    if customer.status in (CustomerStatus.LOST.value, CustomerStatus.FORMER.value):
        return
    former = draft.defection_type == DefectionType.FORMER.value
    customer.status = (CustomerStatus.FORMER if former else CustomerStatus.LOST).value
    if customer.loss_reason is None:
        customer.loss_reason = loss_reason_for(draft.root_causes)


def _draft_of(case: DefectionCase) -> DefectionDraft:
    return DefectionDraft(
        id=case.id,
        customer_id=case.customer_id,
        defected_on=case.defected_on,
        defection_type=case.defection_type,
        root_causes=decode_causes(case.root_causes),
        interviewer=case.interviewer,
        interviewed_on=case.interviewed_on,
        interview_notes=case.interview_notes,
        improvement_measures=case.improvement_measures,
        status=case.status,
        won_back_on=case.won_back_on,
    )


def _apply(case: DefectionCase, draft: DefectionDraft) -> None:
    case.customer_id = draft.customer_id
    case.defection_type = draft.defection_type
    case.defected_on = draft.defected_on
    case.root_causes = encode_causes(draft.root_causes)
    case.interviewer = draft.interviewer
    case.interviewed_on = draft.interviewed_on
    case.interview_notes = draft.interview_notes
    case.improvement_measures = draft.improvement_measures
    case.status = draft.status
    case.won_back_on = draft.won_back_on

"""Customer handover 交接 on the laptop (domain/handover.py, seed §7.5).

A manager hands over one customer, a selection, or a departing rep's whole book, each
customer to the owner chosen for it, with a note per account. Every customer becomes
one `reassign_customer` command in the outbox, all of them in one unit of work: a
handover that breaks the rule anywhere queues nothing.

Offline, the laptop applies the move the server will make, so the manager's lists show
the new owner at once: the customer, its contacts, open opportunities, open follow-ups,
open complaints and earlier handover records take the new owner (as rows changed by a
command: no patch of theirs is sent). The handover record is written past the outbox,
provisional (version -1), under the id the command carries; the server writes its own
record under that id with the figures it moved, and the next pull replaces the laptop's.
The customer leaving the old owner's unsubmitted later plans is left to the server: the
pull brings those plan items back deleted. Refused, the push writes the server's customer
back, returns the moved rows to its owner and drops the provisional record
(sync/client/push.py); the refusal is in the inbox.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    and_,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session, aliased

from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.handover import (
    CLOSED_OUTCOMES,
    OPEN_COMPLAINT_STATUSES,
    HandoverFigures,
    check_handover,
    check_may_hand_over,
    handover_note,
    may_hand_over,
)
from crm_desktop.domain.ids import uuid7
from crm_desktop.export.handover_workbook import HandoverLine, write_handover_workbook
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.org import OrgTree
from crm_desktop.store import outbox
from crm_desktop.store.database import Store
from crm_desktop.store.models import (
    AccountPlan,
    AccountTeamMember,
    Complaint,
    Contact,
    Customer,
    DefectionCase,
    FollowUp,
    Handover,
    KeyAccountRecord,
    Opportunity,
    OutboxEntry,
    ReceivableEntry,
    RelationshipLink,
    SalesStage,
    User,
)
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.command_args import ReassignArgs

PROVISIONAL_VERSION = -1
_HANDOVERS: Table = Handover.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class HandoverCandidate:
    """One customer as the handover dialog lists it: what would move with it."""

    customer_id: str
    name: str
    owner_id: str | None
    owner_name: str
    open_opportunities: int
    open_amount_fen: int
    open_follow_ups: int
    open_complaints: int


@dataclass(frozen=True)
class HandoverRequest:
    customer_id: str
    to_owner_id: str
    note: str


@dataclass(frozen=True)
class HandoverEntry:
    """One handover of a customer, for its card's history."""

    id: str
    customer_id: str
    customer_name: str
    handed_at: dt.datetime
    from_owner_name: str
    to_owner_name: str
    handed_by_name: str
    note: str
    figures: HandoverFigures
    confirmed: bool  # the server's record (False: queued on this laptop, not yet synced)


def _open_opportunities() -> ColumnElement[bool]:
    """Opportunities of the correlated customer that move with it: live and not closed."""
    closed = select(SalesStage.code).where(SalesStage.outcome.in_(CLOSED_OUTCOMES))
    return and_(
        Opportunity.customer_id == Customer.id,
        Opportunity.deleted.is_(False),
        Opportunity.stage_code.not_in(CLOSED_OUTCOMES),
        Opportunity.stage_code.not_in(closed),
    )


class HandoverService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    # --- who --------------------------------------------------------------------------
    def can_hand_over(self) -> bool:
        org = OrgTree.load(self._store)
        return may_hand_over(org.hierarchy, self._user.actor.user_id)

    def targets(self) -> list[tuple[str, str]]:
        """The people the user may hand customers to: (id, display name), by name."""
        org = OrgTree.load(self._store)
        actor = self._user.actor.user_id
        visible = org.hierarchy.visible_owners(actor)
        people = sorted(org.people.values(), key=lambda p: p.display_name)
        return [
            (p.id, p.display_name)
            for p in people
            if (visible is None or p.id in visible) and p.role.value != "admin"
        ]

    # --- what -------------------------------------------------------------------------
    def candidates(self, customer_ids: Sequence[str]) -> list[HandoverCandidate]:
        """The live customers among `customer_ids`, by name, with what would move."""
        return self._candidates(Customer.id.in_(list(customer_ids)))

    def book_of(self, owner_id: str) -> list[HandoverCandidate]:
        """Every live customer `owner_id` owns (a departing rep's whole book)."""
        return self._candidates(Customer.owner_id == owner_id)

    def _candidates(self, where: object) -> list[HandoverCandidate]:
        with self._store.reading() as s:
            opp_count = (
                select(func.count(Opportunity.id))
                .where(_open_opportunities())
                .correlate(Customer)
                .scalar_subquery()
            )
            opp_amount = (
                select(func.coalesce(func.sum(Opportunity.amount_fen), 0))
                .where(_open_opportunities())
                .correlate(Customer)
                .scalar_subquery()
            )
            follow_ups = (
                select(func.count(FollowUp.id))
                .where(
                    FollowUp.customer_id == Customer.id,
                    FollowUp.done.is_(False),
                    FollowUp.deleted.is_(False),
                )
                .correlate(Customer)
                .scalar_subquery()
            )
            complaints = (
                select(func.count(Complaint.id))
                .where(
                    Complaint.customer_id == Customer.id,
                    Complaint.status.in_(OPEN_COMPLAINT_STATUSES),
                    Complaint.deleted.is_(False),
                )
                .correlate(Customer)
                .scalar_subquery()
            )
            rows = s.execute(
                select(
                    Customer.id,
                    Customer.name,
                    Customer.owner_id,
                    func.coalesce(User.display_name, literal("")),
                    opp_count,
                    opp_amount,
                    follow_ups,
                    complaints,
                )
                .outerjoin(User, User.id == Customer.owner_id)
                .where(Customer.deleted.is_(False), where)  # type: ignore[arg-type]
                .order_by(func.pinyin_key(Customer.name), Customer.name)
            ).all()
        return [
            HandoverCandidate(r[0], r[1], r[2], r[3], int(r[4]), int(r[5]), int(r[6]), int(r[7]))
            for r in rows
        ]

    # --- the handover -----------------------------------------------------------------
    def hand_over(self, requests: Sequence[HandoverRequest]) -> list[str]:
        """Queue one `reassign_customer` per request, all or none; the handover record
        ids. ValidationError / Forbidden name the customer that breaks the rule."""
        actor = self._user.actor
        org = OrgTree.load(self._store)
        check_may_hand_over(org.hierarchy, actor.user_id)
        if not requests:
            raise ValidationError("请选择要交接的客户", "Choose the customers to hand over")
        if len({r.customer_id for r in requests}) != len(requests):
            raise ValidationError(
                "同一客户在交接清单中出现了两次", "A customer is in the handover list twice"
            )
        ids = []
        with UnitOfWork(self._store, actor.user_id) as uow:
            for request in requests:
                ids.append(self._hand_over_one(uow, org, request))
            uow.commit()
        return ids

    def _hand_over_one(self, uow: UnitOfWork, org: OrgTree, request: HandoverRequest) -> str:
        s = uow.session
        actor = self._user.actor
        customer = s.get(Customer, request.customer_id)
        if customer is None or customer.deleted:
            raise ValidationError("找不到该客户，可能已被删除", "That customer no longer exists")
        try:
            check_handover(
                org.hierarchy,
                actor.user_id,
                customer.owner_id,
                request.to_owner_id,
                to_owner_active=request.to_owner_id in org.people,
            )
            note = handover_note(request.note, required=True)
        except UserFacingError as error:
            raise type(error)(
                f"客户“{customer.name}”：{error.message_zh}",
                f"Customer “{customer.name}”: {error.message_en}",
            ) from error
        handover_id = uuid7()
        now = self._store.clock.utcnow()
        args = ReassignArgs(
            to_user=request.to_owner_id,
            note=note,
            handover_id=handover_id,
            handed_on=self._store.clock.today(),
        )
        # Recorded before the fields change: the rows then travel as the command only.
        uow.command("reassign_customer", "customer", customer.id, customer.version, args.to_patch())
        old_owner, new_owner = customer.owner_id, request.to_owner_id
        team = org.hierarchy.team_of(new_owner)
        figures = self._move(s, customer, old_owner, new_owner, team, now)
        s.execute(
            insert(_HANDOVERS).values(
                id=handover_id,
                owner_id=new_owner,
                team_id=team,
                version=PROVISIONAL_VERSION,
                deleted=False,
                created_at=now,
                created_by=actor.user_id,
                updated_at=now,
                updated_by=actor.user_id,
                customer_id=customer.id,
                from_owner_id=old_owner,
                to_owner_id=new_owner,
                handed_at=now,
                handed_by=actor.user_id,
                note=note,
                **figures.__dict__,
            )
        )
        return handover_id

    def _move(
        self,
        s: Session,
        customer: Customer,
        old_owner: str | None,
        new_owner: str,
        team: str | None,
        now: dt.datetime,
    ) -> HandoverFigures:
        """The server's move (sync/server/reassign.py) on the laptop's copy: the rows of
        the old owner that go with the customer take the new owner."""
        commanded: set[tuple[str, str]] = s.info[outbox.COMMANDED_KEY]
        closed = select(SalesStage.code).where(SalesStage.outcome.in_(CLOSED_OUTCOMES))
        queries: dict[str, Select[Any]] = {
            "contact": select(Contact).where(Contact.customer_id == customer.id),
            "opportunity": select(Opportunity).where(
                Opportunity.customer_id == customer.id,
                Opportunity.stage_code.not_in(CLOSED_OUTCOMES),
                Opportunity.stage_code.not_in(closed),
            ),
            "follow_up": select(FollowUp).where(
                FollowUp.customer_id == customer.id, FollowUp.done.is_(False)
            ),
            "complaint": select(Complaint).where(
                Complaint.customer_id == customer.id,
                Complaint.status.in_(OPEN_COMPLAINT_STATUSES),
            ),
            "handover": select(Handover).where(Handover.customer_id == customer.id),
            # The money owed moves with the customer (issue 16): the new owner collects it.
            "receivable_entry": select(ReceivableEntry).where(
                ReceivableEntry.customer_id == customer.id
            ),
            # Defector cases are the customer's history with us: the new owner wins it back.
            "defection_case": select(DefectionCase).where(DefectionCase.customer_id == customer.id),
            # A key account's plan, team, map and records: the new owner manages the account.
            **{
                model.__sync_entity__: select(model).where(model.customer_id == customer.id)
                for model in (AccountPlan, AccountTeamMember, RelationshipLink, KeyAccountRecord)
            },
        }
        counts: dict[str, int] = {}
        amount = 0
        rows: list[Any] = [customer]
        for entity, query in queries.items():
            for row in s.scalars(query):
                if row.owner_id != old_owner:
                    continue  # a record someone else owns stays theirs
                rows.append(row)
                if not row.deleted:
                    counts[entity] = counts.get(entity, 0) + 1
                    if entity == "opportunity":
                        amount += int(row.amount_fen or 0)
        for row in rows:
            commanded.add((row.__sync_entity__, row.id))
            row.owner_id = new_owner
            row.team_id = team
            row.updated_at = now  # a commanded row is not stamped by the outbox hook
            row.updated_by = self._user.actor.user_id
        return HandoverFigures(
            contacts_moved=counts.get("contact", 0),
            opportunities_moved=counts.get("opportunity", 0),
            opportunity_amount_fen=amount,
            follow_ups_moved=counts.get("follow_up", 0),
            complaints_moved=counts.get("complaint", 0),
        )

    # --- the report -------------------------------------------------------------------
    def export_report(self, target: Path, handover_ids: Sequence[str] | None = None) -> int:
        """Write the handover report (export/handover_workbook.py) of `handover_ids`, or
        of every handover this laptop holds; the number of handovers written."""
        clock = self._store.clock
        lines = [
            HandoverLine(
                customer=e.customer_name,
                from_owner=e.from_owner_name,
                to_owner=e.to_owner_name,
                handed_at=clock.to_local(e.handed_at).date(),
                handed_by=e.handed_by_name,
                contacts=e.figures.contacts_moved,
                opportunities=e.figures.opportunities_moved,
                opportunity_amount_fen=e.figures.opportunity_amount_fen,
                follow_ups=e.figures.follow_ups_moved,
                complaints=e.figures.complaints_moved,
                plan_items_dropped=e.figures.plan_items_dropped,
                note=e.note,
                confirmed=e.confirmed,
            )
            for e in self.entries(handover_ids)
        ]
        return write_handover_workbook(target, lines)

    # --- history ----------------------------------------------------------------------
    def history(self, customer_id: str) -> list[HandoverEntry]:
        """The customer's handovers, newest first."""
        return self._entries(Handover.customer_id == customer_id)

    def entries(self, handover_ids: Sequence[str] | None = None) -> list[HandoverEntry]:
        """Handovers this laptop holds (those of `handover_ids`), newest first."""
        where = true() if handover_ids is None else Handover.id.in_(list(handover_ids))
        return self._entries(where)

    def _entries(self, where: object) -> list[HandoverEntry]:
        frm, to, by = aliased(User), aliased(User), aliased(User)
        pending = exists().where(
            OutboxEntry.name == "reassign_customer",
            OutboxEntry.row_id == Handover.customer_id,
            OutboxEntry.patch.contains(Handover.id),
        )
        with self._store.reading() as s:
            rows = s.execute(
                select(Handover, Customer.name, frm.display_name, to.display_name, by.display_name)
                .join(Customer, Customer.id == Handover.customer_id)
                .outerjoin(frm, frm.id == Handover.from_owner_id)
                .outerjoin(to, to.id == Handover.to_owner_id)
                .outerjoin(by, by.id == Handover.handed_by)
                .where(
                    Handover.deleted.is_(False),
                    where,  # type: ignore[arg-type]
                    # A provisional record the server refused, or never made, is not shown.
                    or_(Handover.version >= 0, pending),
                )
                .order_by(Handover.handed_at.desc(), Handover.id.desc())
            ).all()
        return [
            HandoverEntry(
                id=h.id,
                customer_id=h.customer_id,
                customer_name=name,
                handed_at=h.handed_at,
                from_owner_name=frm_name or "",
                to_owner_name=to_name or "",
                handed_by_name=by_name or "",
                note=h.note or "",
                figures=HandoverFigures(
                    contacts_moved=h.contacts_moved,
                    opportunities_moved=h.opportunities_moved,
                    opportunity_amount_fen=h.opportunity_amount_fen,
                    follow_ups_moved=h.follow_ups_moved,
                    complaints_moved=h.complaints_moved,
                    plan_items_dropped=h.plan_items_dropped,
                ),
                confirmed=h.version >= 0,
            )
            for h, name, frm_name, to_name, by_name in rows
        ]

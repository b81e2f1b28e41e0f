"""Leads: what the Leads page lists and does (domain/leads.py has the rules).

Ownership moves (claim, assign, return to the pool) are commands the server re-runs
(sync/server/leads.py); the laptop applies them at once, optimistically, and records
the command, so the rep sees the result offline. If the server refuses -- another rep
claimed the lead first, or it is another rep's customer already (撞单) -- the refusal
lands in the inbox and the laptop takes the server's row back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.leads import (
    CLOSED_STATUSES,
    CUSTOMER_SOURCE,
    LeadSource,
    LeadStatus,
    Tier,
    check_assign,
    check_claim,
    check_lead_name,
    check_no_collision,
    check_return,
    check_status_change,
    match_keys,
    next_contact_due,
    pool_return_on,
    source_of,
    status_of,
    tier_of,
)
from crm_desktop.domain.picklists import Role
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.customers.customers import apply_customer_draft
from crm_desktop.services.leads.lead_import import (
    LeadImportReport,
    LeadRowError,
    key_of,
    known_keys,
    read_leads,
)
from crm_desktop.services.leads.pool_rule import PoolRules
from crm_desktop.services.org import OrgTree
from crm_desktop.store.database import Store
from crm_desktop.store.models import Contact, Customer, Lead, User
from crm_desktop.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class LeadDraft:
    """What the new-lead form holds; codes for the picklists."""

    name: str
    contact_name: str | None = None
    phone: str | None = None
    address: str | None = None
    source: str = LeadSource.TRADE_SHOW.value
    event: str | None = None
    tier: str = Tier.GENERAL.value
    follow_up_due: dt.date | None = None
    notes: str | None = None
    id: str | None = None
    status: str | None = None  # an edit may move it (domain rule); a new lead is "new"
    owner_id: str | None = None  # a supervisor's lead for one of their reps; None: mine
    to_pool: bool = False  # straight into the team's pool (a supervisor's capture)

    def cleaned(self) -> LeadDraft:
        def text(value: str | None) -> str | None:
            value = (value or "").strip()
            return value or None

        return replace(
            self,
            name=check_lead_name(self.name),
            contact_name=text(self.contact_name),
            phone=text(self.phone),
            address=text(self.address),
            event=text(self.event),
            notes=text(self.notes),
        )


@dataclass(frozen=True)
class LeadRow:
    id: str
    name: str
    contact_name: str | None
    phone: str | None
    source: str
    event: str | None
    status: str
    tier: str
    owner_id: str | None
    owner_name: str
    follow_up_due: dt.date | None
    in_pool: bool
    held_since: dt.date | None  # the day the owner got it
    last_effective_on: dt.date | None
    returns_on: dt.date | None  # the day it goes back to the pool, owned and open leads
    next_call_due: dt.date | None
    next_visit_due: dt.date | None
    converted_customer_id: str | None
    notes: str | None

    @property
    def is_open(self) -> bool:
        return LeadStatus(self.status) not in CLOSED_STATUSES


def not_found() -> ValidationError:
    return ValidationError("找不到该线索，可能已被删除或被他人领取", "That lead no longer exists")


def _source(code: str) -> str:
    try:
        return LeadSource(code).value
    except ValueError as error:
        raise ValidationError("线索来源无效", "Unknown lead source", field="source") from error


def _tier(code: str) -> str:
    try:
        return Tier(code).value
    except ValueError as error:
        raise ValidationError("客户层级无效", "Unknown tier", field="tier") from error


class LeadService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user
        self.rules = PoolRules(store, user)

    @property
    def _me(self) -> str:
        return self._user.actor.user_id

    # --- reads ---------------------------------------------------------------------
    def owned(self, *, include_closed: bool = False) -> list[LeadRow]:
        """The leads out of the pool this laptop holds: a rep's own, a supervisor's
        team's, a manager's subtree's (the server sent no others)."""
        return self._rows(Lead.in_pool.is_(False), include_closed)

    def pool(self) -> list[LeadRow]:
        """The pool leads this laptop holds: the user's team's (a leader's: every team
        below them)."""
        return self._rows(Lead.in_pool.is_(True), False)

    def get(self, lead_id: str) -> LeadRow:
        rows = self._rows(Lead.id == lead_id, True)
        if not rows:
            raise not_found()
        return rows[0]

    def lead_of_customer(self, customer_id: str) -> LeadRow | None:
        """The lead a customer was converted from, for its card's history."""
        rows = self._rows(Lead.converted_customer_id == customer_id, True)
        return rows[0] if rows else None

    def _rows(self, where: object, include_closed: bool) -> list[LeadRow]:
        clock = self._store.clock
        with self._store.reading() as s:
            query = (
                select(Lead, User.display_name)
                .outerjoin(User, User.id == Lead.owner_id)
                .where(Lead.deleted.is_(False), where)  # type: ignore[arg-type]
            )
            if not include_closed:
                query = query.where(Lead.status.not_in([st.value for st in CLOSED_STATUSES]))
            found = s.execute(query.order_by(Lead.follow_up_due, Lead.name)).all()
        days_by_team = self.rules.days_by_team()
        rows = []
        for lead, owner_name in found:
            held = clock.to_local(lead.assigned_at or lead.created_at).date()
            status = status_of(lead.status)
            open_owned = not lead.in_pool and status not in CLOSED_STATUSES
            call, visit = next_contact_due(
                tier_of(lead.tier),
                lead.last_call_on,
                lead.last_effective_on,
                held,
            )
            days = days_by_team(lead.team_id)
            rows.append(
                LeadRow(
                    id=lead.id,
                    name=lead.name,
                    contact_name=lead.contact_name,
                    phone=lead.phone,
                    source=lead.source,
                    event=lead.event,
                    status=status.value,
                    tier=lead.tier,
                    owner_id=lead.owner_id,
                    owner_name=owner_name or "",
                    follow_up_due=lead.follow_up_due,
                    in_pool=bool(lead.in_pool),
                    held_since=None if lead.in_pool else held,
                    last_effective_on=lead.last_effective_on,
                    returns_on=pool_return_on(held, lead.last_effective_on, days)
                    if open_owned
                    else None,
                    next_call_due=call if open_owned else None,
                    next_visit_due=visit if open_owned else None,
                    converted_customer_id=lead.converted_customer_id,
                    notes=lead.notes,
                )
            )
        return rows

    def assignable(self) -> list[tuple[str, str]]:
        """(id, name) of the people the user may give a lead to: everyone they lead."""
        org = OrgTree.load(self._store)
        return [(p.id, p.display_name) for p in org.below(self._me)]

    # --- writes --------------------------------------------------------------------
    def save(self, draft: LeadDraft) -> str:
        """Create a lead (mine, a rep's, or the pool's) or edit one's details."""
        draft = draft.cleaned()
        source, tier = _source(draft.source), _tier(draft.tier)
        actor = self._user.actor
        org = OrgTree.load(self._store)
        with UnitOfWork(self._store, self._me) as uow:
            if draft.id is None:
                lead = Lead(status=LeadStatus.NEW.value, in_pool=False)
                owner = draft.owner_id or self._me
                if draft.to_pool:
                    owner = self._pool_owner(org, actor.team_id)
                    if owner != self._me:
                        raise ValidationError(
                            "只有团队主管可以直接把线索放入公海",
                            "Only the team's supervisor can put a lead straight into the pool",
                        )
                    lead.in_pool = True
                    lead.pooled_at = self._store.clock.utcnow()
                elif owner != self._me:
                    check_assign(
                        actor.role, True, org.hierarchy.access(self._me).can_see_owner(owner)
                    )
                    lead.status = LeadStatus.ASSIGNED.value
                if not lead.in_pool:
                    lead.assigned_at = self._store.clock.utcnow()
                lead.owner_id = owner
                lead.team_id = org.hierarchy.team_of(owner)
                uow.session.add(lead)
            else:
                lead = self._writable(uow.session, draft.id)
                if draft.status is not None:
                    check_status_change(status_of(lead.status), LeadStatus(draft.status))
                    lead.status = draft.status
            lead.name = draft.name
            lead.name_key, lead.phone_key = match_keys(draft.name, draft.phone)
            lead.contact_name = draft.contact_name
            lead.phone = draft.phone
            lead.address = draft.address
            lead.source = source
            lead.event = draft.event
            lead.tier = tier
            lead.follow_up_due = draft.follow_up_due
            lead.notes = draft.notes
            uow.commit()
            return lead.id

    def import_xlsx(
        self, path: Path, *, to_pool: bool = False, event: str | None = None
    ) -> LeadImportReport:
        """导入: the leads of an .xlsx list, the user's own or (a supervisor's) straight
        into the pool; unreadable rows and leads already on the laptop are row errors."""
        parsed, errors = read_leads(path, LeadSource.IMPORT.value, (event or "").strip() or None)
        actor = self._user.actor
        org = OrgTree.load(self._store)
        owner = self._pool_owner(org, actor.team_id) if to_pool else self._me
        if to_pool and owner != self._me:
            raise ValidationError(
                "只有团队主管可以把线索导入公海",
                "Only the team's supervisor can import leads into the pool",
            )
        now = self._store.clock.utcnow()
        report = LeadImportReport(errors=list(errors))
        with UnitOfWork(self._store, self._me) as uow:
            seen = known_keys(uow.session)
            for item in parsed:
                key = key_of(item.values)
                if key in seen:
                    report.errors.append(
                        LeadRowError(
                            item.row,
                            f"“{item.values['name']}”已在线索中，跳过",
                            f"“{item.values['name']}” is already a lead; skipped",
                        )
                    )
                    continue
                seen.add(key)
                lead = Lead(
                    **item.values,
                    owner_id=owner,
                    team_id=org.hierarchy.team_of(owner),
                    status=LeadStatus.NEW.value,
                    in_pool=to_pool,
                    pooled_at=now if to_pool else None,
                    assigned_at=None if to_pool else now,
                )
                lead.name_key, lead.phone_key = match_keys(lead.name, lead.phone)
                uow.session.add(lead)
                report.imported += 1
            uow.commit()
        report.errors.sort(key=lambda e: e.row)
        return report

    def _writable(self, session: Session, lead_id: str) -> Lead:
        lead = session.get(Lead, lead_id)
        if lead is None or lead.deleted:
            raise not_found()
        access = OrgTree.load(self._store).hierarchy.access(self._me)
        if lead.in_pool or not access.can_see_owner(lead.owner_id):
            raise ValidationError(
                "这条线索不归您跟进；公海中的线索请先领取",
                "This lead is not yours to work on; claim a pool lead first",
            )
        return lead

    def log_contact(self, lead_id: str, *, visit: bool) -> None:
        """A call (visit False) or an effective visit today: resets the pool clock
        (a visit) and the tier cadence; a new or assigned lead becomes contacted."""
        today = self._store.clock.today()
        with UnitOfWork(self._store, self._me) as uow:
            lead = self._writable(uow.session, lead_id)
            if status_of(lead.status) in CLOSED_STATUSES:
                raise ValidationError("该线索已关闭", "This lead is closed")
            if visit:
                lead.last_effective_on = today
            else:
                lead.last_call_on = today
            if lead.status in (LeadStatus.NEW.value, LeadStatus.ASSIGNED.value):
                lead.status = LeadStatus.CONTACTED.value
            uow.commit()

    def discard(self, lead_id: str, reason: str | None = None) -> None:
        with UnitOfWork(self._store, self._me) as uow:
            lead = self._writable(uow.session, lead_id)
            check_status_change(status_of(lead.status), LeadStatus.DISCARDED)
            lead.status = LeadStatus.DISCARDED.value
            if reason and reason.strip():
                lead.notes = "\n".join(p for p in (lead.notes, f"放弃原因: {reason.strip()}") if p)
            uow.commit()

    def claim(self, lead_id: str) -> None:
        """领取: take a lead of the team's pool. Refused here if the laptop already knows
        the answer (out of the pool, another team's, 撞单 with a customer it holds); the
        server decides the rest, first claim first."""
        actor = self._user.actor
        with UnitOfWork(self._store, self._me) as uow:
            lead = uow.session.get(Lead, lead_id)
            if lead is None or lead.deleted:
                raise not_found()
            status = status_of(lead.status)
            check_claim(
                in_pool=bool(lead.in_pool),
                status=status,
                lead_team=lead.team_id,
                claimer_team=actor.team_id,
            )
            check_no_collision(_matching_owners(uow.session, lead), self._me)
            base = lead.version
            _take(lead, self._me, actor.team_id, self._store.clock.utcnow())
            uow.command("claim_lead", "lead", lead.id, base, {})
            uow.commit()

    def assign(self, lead_id: str, to_user: str, follow_up_due: dt.date | None = None) -> None:
        """分配: a supervisor or manager gives a lead (pooled or not) to someone they lead."""
        org = OrgTree.load(self._store)
        access = org.hierarchy.access(self._me)
        with UnitOfWork(self._store, self._me) as uow:
            lead = uow.session.get(Lead, lead_id)
            if lead is None or lead.deleted:
                raise not_found()
            check_assign(
                self._user.actor.role,
                access.can_see_owner(lead.owner_id),
                access.can_see_owner(to_user),
            )
            if status_of(lead.status) in CLOSED_STATUSES:
                raise ValidationError("该线索已关闭", "This lead is closed")
            check_no_collision(_matching_owners(uow.session, lead), to_user)
            base = lead.version
            _take(lead, to_user, org.hierarchy.team_of(to_user), self._store.clock.utcnow())
            if follow_up_due is not None:
                lead.follow_up_due = follow_up_due
            args: dict[str, object] = {"to_user": to_user, "follow_up_due": None}
            if follow_up_due is not None:
                args["follow_up_due"] = follow_up_due.isoformat()
            uow.command("assign_lead", "lead", lead.id, base, args)
            uow.commit()

    def return_to_pool(self, lead_id: str, reason: str | None = None) -> None:
        """退回公海: the owner gives a lead up, or someone above them takes it back."""
        org = OrgTree.load(self._store)
        with UnitOfWork(self._store, self._me) as uow:
            lead = uow.session.get(Lead, lead_id)
            if lead is None or lead.deleted:
                raise not_found()
            self._return(uow, org, lead, reason)
            uow.commit()

    def _return(self, uow: UnitOfWork, org: OrgTree, lead: Lead, reason: str | None) -> None:
        access = org.hierarchy.access(self._me)
        check_return(
            in_pool=bool(lead.in_pool),
            status=status_of(lead.status),
            is_owner=lead.owner_id == self._me,
            leads_owner=lead.owner_id != self._me and access.can_see_owner(lead.owner_id),
        )
        base = lead.version
        lead.owner_id = self._pool_owner(org, lead.team_id)
        lead.in_pool = True
        lead.pooled_at = self._store.clock.utcnow()
        lead.assigned_at = None
        uow.command("return_lead", "lead", lead.id, base, {"reason": reason})

    def _pool_owner(self, org: OrgTree, team_id: str | None) -> str:
        team = org.hierarchy.teams.get(team_id or "")
        if team is None or not team.leader_id:
            raise ValidationError(
                "您的团队没有主管，无法使用公海，请联系管理员",
                "Your team has no supervisor to keep its pool; ask the administrator",
            )
        return team.leader_id

    def overdue_for_pool(self) -> list[LeadRow]:
        """Owned open leads past the pool rule's N days without an effective visit."""
        today = self._store.clock.today()
        return [r for r in self.owned() if r.returns_on is not None and today >= r.returns_on]

    def sweep(self) -> int:
        """收回超期线索: a supervisor or manager returns every lead they lead that is over
        the pool rule (one command each); returns how many went back."""
        if self._user.actor.role not in (Role.SUPERVISOR, Role.MANAGER, Role.ADMIN):
            return 0
        org = OrgTree.load(self._store)
        access = org.hierarchy.access(self._me)
        due = [
            r.id
            for r in self.overdue_for_pool()
            if r.owner_id != self._me and access.can_see_owner(r.owner_id)
        ]
        if not due:
            return 0
        with UnitOfWork(self._store, self._me) as uow:
            for lead_id in due:
                lead = uow.session.get(Lead, lead_id)
                if lead is not None:
                    self._return(uow, org, lead, "超期未有效拜访 / no effective visit in time")
            uow.commit()
        return len(due)

    def convert(self, lead_id: str) -> str:
        """转为客户: a potential customer with the lead's details and a contact; the lead
        stays, converted, with the customer's id. A customer the laptop holds with the
        same name or phone is the one it converts to when it is the user's own; another
        rep's is 撞单 and refused."""
        with UnitOfWork(self._store, self._me) as uow:
            lead = self._writable(uow.session, lead_id)
            if status_of(lead.status) in CLOSED_STATUSES:
                raise ValidationError("该线索已关闭", "This lead is closed")
            owner = lead.owner_id or self._me
            check_no_collision(_matching_owners(uow.session, lead), owner)
            existing = _matching_customer(uow.session, lead, owner)
            if existing is None:
                customer = Customer(owner_id=owner, team_id=lead.team_id)
                uow.session.add(customer)
                notes = "\n".join(p for p in (lead.notes, _origin(lead)) if p)
                apply_customer_draft(
                    customer,
                    CustomerDraft(
                        name=lead.name,
                        address=lead.address,
                        phone=lead.phone,
                        source=CUSTOMER_SOURCE[source_of(lead.source)].value,
                        notes=notes,
                    ).cleaned(),
                )
                uow.session.flush()
                if lead.contact_name:
                    uow.session.add(
                        Contact(
                            customer_id=customer.id,
                            owner_id=owner,
                            team_id=lead.team_id,
                            name=lead.contact_name,
                            mobile=lead.phone,
                            phone_key=lead.phone_key,
                        )
                    )
                existing = customer
            lead.status = LeadStatus.CONVERTED.value
            lead.converted_customer_id = existing.id
            lead.converted_at = self._store.clock.utcnow()
            uow.commit()
            return existing.id


def _origin(lead: Lead) -> str:
    source = source_of(lead.source).zh
    event = f"（{lead.event}）" if lead.event else ""
    return f"来自线索：{source}{event}"


def _take(lead: Lead, owner: str, team: str | None, now: dt.datetime) -> None:
    """The laptop's copy of the server's move (sync/server/leads.py `_owned_by`)."""
    lead.owner_id = owner
    lead.team_id = team
    lead.in_pool = False
    lead.assigned_at = now
    lead.pooled_at = None
    if lead.status == LeadStatus.NEW.value:
        lead.status = LeadStatus.ASSIGNED.value


def _match_clause(lead: Lead) -> list[object]:
    name_key, phone = match_keys(lead.name, lead.phone)
    clauses: list[object] = [Customer.name_key == name_key] if name_key else []
    if phone:
        clauses.append(Customer.phone_key == phone)
    return clauses


def _matching_owners(session: Session, lead: Lead) -> set[str | None]:
    clauses = _match_clause(lead)
    if not clauses:
        return set()
    return set(
        session.scalars(
            select(Customer.owner_id).where(Customer.deleted.is_(False), or_(*clauses))  # type: ignore[arg-type]
        )
    )


def _matching_customer(session: Session, lead: Lead, owner: str) -> Customer | None:
    clauses = _match_clause(lead)
    if not clauses:
        return None
    return session.scalars(
        select(Customer)
        .where(Customer.deleted.is_(False), Customer.owner_id == owner, or_(*clauses))  # type: ignore[arg-type]
        .limit(1)
    ).first()

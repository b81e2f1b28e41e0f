"""Opportunities 商机 (SPEC §2.6, §3): the list and board, the card, and stage moves.

The list and the totals are one SQL statement over the opportunities each (beside the
small stage table), so the board stays instant with thousands of open opportunities:
customer and owner names come from joins, the date an opportunity entered its stage
from a correlated subquery over its history.

Scope: a rep sees their own opportunities, a supervisor or manager theirs and those of
everyone below them in the org tree, an admin all (the server's rule, sync/server/
scope.py; a laptop holds no more than that anyway, but the demo store holds everyone's).
Who may change one follows the server too: reps and supervisors what they see, managers
and admins their own.

A stage move is a named command (`change_stage`, sync/server/commands.py): the laptop
applies the same field changes the server will (stage, won/lost details, closed_on,
clearing them on a demotion) and writes the history row, and the outbox carries the
command instead of a patch. The history row is written past the outbox (a Core insert,
not an ORM add): the server makes its own row under the id the command carries
(`history_id`), and the next pull replaces the laptop's row with it. Sent as a create
too, it would reach the server twice — as the command's row and as a create of the same
id, which the server refuses and files in the user's inbox.

The laptop's row is provisional until then: it carries version -1 (a row made on the
laptop otherwise has 0 until the server's copy arrives). If the server refuses the
command, the push writes the server's opportunity back and drops the provisional row
(sync/client/push.py). The card also hides provisional rows no pending command names
(laptops synced before that drop still hold some), and `stage_since` follows the latest
row into the *current* stage, which such a row is not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    ScalarSelect,
    String,
    Table,
    case,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from crm_desktop.domain.errors import TransitionError, UserFacingError, ValidationError
from crm_desktop.domain.ids import uuid7
from crm_desktop.domain.kpi import weighted_amount
from crm_desktop.domain.org import Access, RecordKind
from crm_desktop.domain.picklists import ControlMode
from crm_desktop.domain.stages import (
    DEFAULT_METHOD_CODE,
    DEFAULT_STAGES,
    StageChange,
    StageDef,
    StageWarning,
    check_new_opportunity_stage,
    check_stage_change,
    current_stage,
    demotion_target,
    find_stage,
    stage_change_fields,
)
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.scope import access, visible_customer
from crm_desktop.store.database import Store
from crm_desktop.store.models import (
    Customer,
    Opportunity,
    OutboxEntry,
    SalesStage,
    StageHistory,
    User,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.command_args import ChangeStageArgs

NAME_MAX = 200
# The version of a history row written with a change_stage command, until the server's
# copy replaces it at the next pull (see above).
PROVISIONAL_VERSION = -1
# The history table itself: a Core insert into it bypasses the outbox hook (see above).
_HISTORY: Table = StageHistory.__table__  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class OpportunityFilter:
    text: str = ""  # matches opportunity name or customer name/short name (LIKE)
    owner_id: str | None = None  # one rep; None = everyone the user can see
    stage_code: str | None = None
    open_only: bool = False  # hide won/lost
    closing_by: dt.date | None = None  # expected_close_on <= this


@dataclass(frozen=True, slots=True)
class OpportunityRow:
    id: str
    name: str
    customer_id: str
    customer_name: str
    owner_id: str
    owner_name: str
    stage_code: str
    probability_pct: int
    amount_fen: int
    weighted_fen: int  # domain.kpi.weighted_amount(amount, pct)
    expected_close_on: dt.date | None
    next_step: str | None
    stage_since: dt.date | None  # date the current stage was entered (last history row)
    version: int
    # Still open past its expected close (by the store's clock): the date to look at again.
    overdue: bool = False


@dataclass(frozen=True, slots=True)
class StageHistoryRow:
    from_stage: str | None
    to_stage: str
    changed_at: dt.datetime  # UTC, naive as stored
    changed_by_name: str
    note: str | None


@dataclass(frozen=True, slots=True)
class OpportunityDraft:
    """What the create/edit form holds (not the stage)."""

    customer_id: str
    name: str
    amount_fen: int = 0
    expected_close_on: dt.date | None = None
    competitors: str | None = None
    next_step: str | None = None


@dataclass(frozen=True, slots=True)
class OpportunityCard:
    id: str
    draft: OpportunityDraft
    customer_name: str
    owner_id: str
    owner_name: str
    stage_code: str
    method_code: str
    won_on: dt.date | None
    won_reason: str | None
    lost_reason: str | None
    winning_competitor: str | None
    closed_on: dt.date | None
    visits_in_stage: int  # visits logged to the customer since the stage was entered
    history: tuple[StageHistoryRow, ...]  # oldest first
    version: int
    editable: bool  # the current user may change it


@dataclass(frozen=True, slots=True)
class StageTotal:
    """One bar of the funnel / one board column header."""

    stage: StageDef
    count: int
    amount_fen: int
    weighted_fen: int


def _gone() -> UserFacingError:
    return ValidationError("找不到该商机，它可能已被删除", "That opportunity no longer exists")


def _forbidden() -> TransitionError:
    return TransitionError("您不能修改该商机", "You may not change this opportunity")


def _stage_def(row: SalesStage) -> StageDef:
    try:
        mode = ControlMode(row.control_mode)
    except ValueError:  # a mode this version does not know: no control rather than a crash
        mode = ControlMode.NONE
    outcome = row.outcome if row.outcome in ("open", "won", "lost") else "open"
    return StageDef(
        code=row.code,
        name_zh=row.name_zh,
        name_en=row.name_en,
        probability_pct=row.probability_pct,
        position=row.position,
        outcome=outcome,  # type: ignore[arg-type]
        min_visits=row.min_visits,
        requires_amount=bool(row.requires_amount),
        control_mode=mode,
    )


def load_stages(session: Session, method_code: str = DEFAULT_METHOD_CODE) -> list[StageDef]:
    """The method's live stages by position; the built-in default when none are stored."""
    rows = session.scalars(
        select(SalesStage)
        .where(SalesStage.method_code == method_code, SalesStage.deleted.is_(False))
        .order_by(SalesStage.position, SalesStage.code)
    ).all()
    return [_stage_def(r) for r in rows] or list(DEFAULT_STAGES)


def _all_stages(session: Session) -> dict[str, list[StageDef]]:
    """Every stored method's stages (and the default method's, stored or built in)."""
    by_method: dict[str, list[StageDef]] = {}
    rows = session.scalars(
        select(SalesStage)
        .where(SalesStage.deleted.is_(False))
        .order_by(SalesStage.position, SalesStage.code)
    ).all()
    for row in rows:
        by_method.setdefault(row.method_code, []).append(_stage_def(row))
    by_method.setdefault(DEFAULT_METHOD_CODE, list(DEFAULT_STAGES))
    return by_method


def _entered_day() -> ScalarSelect[str]:
    """The ISO date an opportunity entered its current stage: its latest live history
    row into that stage. A correlated subquery: one index probe per opportunity, twice
    as fast as joining a grouped subquery over the whole history."""
    return (
        select(func.substr(func.max(type_coerce(StageHistory.changed_at, String)), 1, 10))
        .where(
            StageHistory.opportunity_id == Opportunity.id,
            StageHistory.to_stage == Opportunity.stage_code,
            StageHistory.deleted.is_(False),
        )
        .scalar_subquery()
    )


def stage_entered_at(session: Session, opportunity: Opportunity) -> dt.datetime:
    """When the opportunity entered its current stage: its latest history row into that
    stage, or its creation when it has none (the server counts visits from the same)."""
    entered = session.scalar(
        select(func.max(StageHistory.changed_at)).where(
            StageHistory.opportunity_id == opportunity.id,
            StageHistory.to_stage == opportunity.stage_code,
            StageHistory.deleted.is_(False),
        )
    )
    return entered or opportunity.created_at


def visits_since(session: Session, customer_id: str, since: dt.date) -> int:
    return int(
        session.scalar(
            select(func.count()).where(
                VisitRecord.customer_id == customer_id,
                VisitRecord.deleted.is_(False),
                VisitRecord.visit_date >= since,
            )
        )
        or 0
    )


def _clean(text: str | None) -> str | None:
    value = (text or "").strip()
    return value or None


def _validate(draft: OpportunityDraft) -> OpportunityDraft:
    name = draft.name.strip()
    if not name:
        raise ValidationError("请填写商机名称", "Give the opportunity a name", field="name")
    if len(name) > NAME_MAX:
        raise ValidationError(
            f"商机名称不能超过 {NAME_MAX} 个字",
            f"The name may have at most {NAME_MAX} characters",
            field="name",
        )
    if draft.amount_fen < 0:
        raise ValidationError("金额不能为负数", "The amount cannot be negative", field="amount")
    return OpportunityDraft(
        customer_id=draft.customer_id,
        name=name,
        amount_fen=draft.amount_fen,
        expected_close_on=draft.expected_close_on,
        competitors=_clean(draft.competitors),
        next_step=_clean(draft.next_step),
    )


class PipelineService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    # --- reads -------------------------------------------------------------------------
    def stages(self, method_code: str = DEFAULT_METHOD_CODE) -> list[StageDef]:
        """The method's stages ordered by position; DEFAULT_STAGES if none are stored."""
        with self._store.reading() as s:
            return load_stages(s, method_code)

    def _scope(self, flt: OpportunityFilter) -> list[ColumnElement[bool]]:
        """WHERE terms of a filter, the user's scope included (opportunity and customer
        live; the customer is joined)."""
        terms: list[ColumnElement[bool]] = [
            Opportunity.deleted.is_(False),
            Customer.deleted.is_(False),
        ]
        visible = access(self._store, self._user.actor).visible
        if visible is not None:
            terms.append(Opportunity.owner_id.in_(sorted(visible)))
        if flt.owner_id is not None:
            terms.append(Opportunity.owner_id == flt.owner_id)
        if flt.stage_code:
            terms.append(Opportunity.stage_code == flt.stage_code)
        if flt.closing_by is not None:
            terms.append(Opportunity.expected_close_on <= flt.closing_by)
        text = flt.text.strip()
        if text:
            # autoescape: a typed % or _ is searched for, not a wildcard.
            terms.append(
                or_(
                    Opportunity.name.contains(text, autoescape=True),
                    Customer.name.contains(text, autoescape=True),
                    Customer.short_name.contains(text, autoescape=True),
                )
            )
        return terms

    def rows(self, flt: OpportunityFilter | None = None) -> list[OpportunityRow]:
        """Opportunities visible to the user, live, by expected close (undated last) then
        name. One statement."""
        flt = flt or OpportunityFilter()
        # Dates come back as their stored ISO text and are parsed by date.fromisoformat:
        # SQLAlchemy's SQLite date processor is several times slower over 5,000 rows.
        close_text = type_coerce(Opportunity.expected_close_on, String)
        owner = aliased(User)
        statement = (
            select(
                Opportunity.id,
                Opportunity.name,
                Opportunity.customer_id,
                Customer.name,
                Opportunity.owner_id,
                owner.display_name,
                Opportunity.method_code,
                Opportunity.stage_code,
                Opportunity.amount_fen,
                close_text,
                Opportunity.next_step,
                _entered_day(),
                Opportunity.version,
            )
            .join(Customer, Customer.id == Opportunity.customer_id)
            .outerjoin(owner, owner.id == Opportunity.owner_id)
            .where(*self._scope(flt))
            .order_by(
                Opportunity.expected_close_on.is_(None),
                Opportunity.expected_close_on,
                Opportunity.name,
                Opportunity.id,
            )
        )
        with self._store.reading() as s:
            methods = _all_stages(s)
            if flt.open_only:
                statement = statement.where(*_open_terms(methods))
            # Core execution: the ORM loading layer adds a fifth to the time for plain rows.
            found = s.connection().execute(statement).all()
        pct = {(m, st.code): st.probability_pct for m, stages in methods.items() for st in stages}
        default_pct = {st.code: st.probability_pct for st in methods[DEFAULT_METHOD_CODE]}
        closed = {(m, st.code) for m, stages in methods.items() for st in stages if st.is_closed}
        day, today = dt.date.fromisoformat, self._store.clock.today()
        rows: list[OpportunityRow] = []
        for (oid, name, cid, cname, owner_id, owner_name, method, stage, amount, close,
             step, entered, version) in found:  # fmt: skip
            probability = pct.get((method, stage), default_pct.get(stage, 0))
            close_on = day(close) if close else None
            rows.append(
                OpportunityRow(
                    oid,
                    name,
                    cid,
                    cname,
                    owner_id or "",
                    owner_name or "",
                    stage,
                    probability,
                    amount,
                    weighted_amount(amount, probability),
                    close_on,
                    step,
                    day(entered) if entered else None,
                    version,
                    close_on is not None and close_on < today and (method, stage) not in closed,
                )
            )
        return rows

    def totals(self, flt: OpportunityFilter | None = None) -> list[StageTotal]:
        """Count, amount and weighted amount per stage of the default method, every stage
        in order (zeros included). One statement; weighted is rounded per opportunity, as
        in the list, so the column header equals the sum of its cards."""
        flt = flt or OpportunityFilter()
        with self._store.reading() as s:
            stages = load_stages(s, DEFAULT_METHOD_CODE)
            methods = _all_stages(s)
            pct = case(
                {st.code: st.probability_pct for st in stages},
                value=Opportunity.stage_code,
                else_=0,
            )
            # Half-up per opportunity in integers, as domain.kpi.weighted_amount does.
            weighted = case(
                (
                    Opportunity.amount_fen >= 0,
                    (Opportunity.amount_fen * pct + 50) // 100,
                ),
                else_=-((-Opportunity.amount_fen * pct + 50) // 100),
            )
            statement = (
                select(
                    Opportunity.stage_code,
                    func.count(),
                    func.coalesce(func.sum(Opportunity.amount_fen), 0),
                    func.coalesce(func.sum(weighted), 0),
                )
                .join(Customer, Customer.id == Opportunity.customer_id)
                .where(*self._scope(flt))
                .where(Opportunity.stage_code.in_([st.code for st in stages]))
                .group_by(Opportunity.stage_code)
            )
            if flt.open_only:
                statement = statement.where(*_open_terms(methods))
            found = {code: (int(n), int(a), int(w)) for code, n, a, w in s.execute(statement)}
        return [StageTotal(st, *found.get(st.code, (0, 0, 0))) for st in stages]

    def card(self, opportunity_id: str) -> OpportunityCard:
        """The opportunity with its history (oldest first) and visits in the stage."""
        actor = self._user.actor
        scope = access(self._store, actor)
        with self._store.reading() as s:
            opp = s.get(Opportunity, opportunity_id)
            if opp is None or opp.deleted or not scope.can_see_owner(opp.owner_id):
                raise _gone()
            customer_name = s.scalar(select(Customer.name).where(Customer.id == opp.customer_id))
            owner_name = s.scalar(select(User.display_name).where(User.id == opp.owner_id))
            entered = stage_entered_at(s, opp)
            visits = visits_since(s, opp.customer_id, entered.date())
            history = _history(s, opp.id)
            return OpportunityCard(
                id=opp.id,
                draft=OpportunityDraft(
                    customer_id=opp.customer_id,
                    name=opp.name,
                    amount_fen=opp.amount_fen,
                    expected_close_on=opp.expected_close_on,
                    competitors=opp.competitors,
                    next_step=opp.next_step,
                ),
                customer_name=customer_name or "",
                owner_id=opp.owner_id or "",
                owner_name=owner_name or "",
                stage_code=opp.stage_code,
                method_code=opp.method_code,
                won_on=opp.won_on,
                won_reason=opp.won_reason,
                lost_reason=opp.lost_reason,
                winning_competitor=opp.winning_competitor,
                closed_on=opp.closed_on,
                visits_in_stage=visits,
                history=history,
                version=opp.version,
                editable=scope.may_write(RecordKind.OWNED, opp.owner_id),
            )

    def owners(self) -> list[tuple[str, str]]:
        """(user id, display name) of the people owning opportunities the user sees, by
        name: the choices of the owner filter."""
        visible = access(self._store, self._user.actor).visible
        owning = select(Opportunity.owner_id).where(Opportunity.deleted.is_(False)).distinct()
        statement = (
            select(User.id, User.display_name)
            .where(User.id.in_(owning))
            .order_by(User.display_name, User.id)
        )
        if visible is not None:
            statement = statement.where(User.id.in_(sorted(visible)))
        with self._store.reading() as s:
            return [(uid, name) for uid, name in s.execute(statement)]

    # --- writes ------------------------------------------------------------------------
    def create(self, draft: OpportunityDraft, stage_code: str | None = None) -> str:
        """A new opportunity in the default method, at its first open stage unless another
        open stage is given, with its first history row; returns its id."""
        draft = _validate(draft)
        actor = self._user.actor
        scope = access(self._store, actor)
        with UnitOfWork(self._store, actor.user_id) as uow:
            s = uow.session
            customer = visible_customer(s, actor, draft.customer_id)
            stages = load_stages(s, DEFAULT_METHOD_CODE)
            if stage_code is None:
                stage = demotion_target(stages)  # the first open stage
            else:
                stage = find_stage(stage_code, stages)
                check_new_opportunity_stage(stage)  # the server's rule too
            # The customer's rep pursues it when the user may write for them (a supervisor
            # entering it for the team); otherwise the user (a manager's own).
            if scope.may_write(RecordKind.OWNED, customer.owner_id) and customer.owner_id:
                owner, team = customer.owner_id, customer.team_id
            else:
                owner, team = actor.user_id, actor.team_id
            opp = Opportunity(
                owner_id=owner,
                team_id=team,
                method_code=DEFAULT_METHOD_CODE,
                stage_code=stage.code,
            )
            _apply(opp, draft)
            s.add(opp)
            s.flush()  # the opportunity's create goes to the outbox before its history's
            s.add(
                StageHistory(
                    owner_id=owner,
                    team_id=team,
                    opportunity_id=opp.id,
                    from_stage=None,
                    to_stage=stage.code,
                    changed_at=self._store.clock.utcnow(),
                    changed_by=actor.user_id,
                )
            )
            uow.commit()
            return opp.id

    def update(self, opportunity_id: str, draft: OpportunityDraft) -> None:
        """Change the fields of the form (not the stage: that is move())."""
        draft = _validate(draft)
        actor = self._user.actor
        scope = access(self._store, actor)
        with UnitOfWork(self._store, actor.user_id) as uow:
            opp = self._writable(uow.session, opportunity_id, scope)
            if draft.customer_id != opp.customer_id:
                visible_customer(uow.session, actor, draft.customer_id)
            _apply(opp, draft)
            uow.commit()

    def check_move(
        self, opportunity_id: str, target_code: str, change: StageChange
    ) -> list[StageWarning]:
        """Warnings the user must confirm before moving; TransitionError when refused.
        Visits in the stage and the amount are filled in here from the store."""
        actor = self._user.actor
        scope = access(self._store, actor)
        with self._store.reading() as s:
            opp = self._writable(s, opportunity_id, scope)
            return _judge(s, opp, target_code, change)[0]

    def move(
        self,
        opportunity_id: str,
        target_code: str,
        change: StageChange,
        note: str | None = None,
    ) -> None:
        """Move the stage (warnings count as confirmed; refusals raise) and record the
        `change_stage` command the server re-runs."""
        actor = self._user.actor
        scope = access(self._store, actor)
        with UnitOfWork(self._store, actor.user_id) as uow:
            s = uow.session
            opp = self._writable(s, opportunity_id, scope)
            _warnings, current, target, change = _judge(s, opp, target_code, change)
            note = _clean(note)
            history_id = uuid7()
            # Recorded before the fields change: the row then travels as the command only.
            uow.command(
                "change_stage",
                "opportunity",
                opp.id,
                opp.version,
                ChangeStageArgs(
                    stage=target.code,
                    won_on=change.won_date,
                    won_reason=_clean(change.won_reason),
                    lost_reason=_clean(change.lost_reason),
                    winning_competitor=_clean(change.winning_competitor),
                    note=note,
                    history_id=history_id,
                ).to_patch(),
            )
            now = self._store.clock.utcnow()
            for name, value in stage_change_fields(current, target, change, now.date()).items():
                setattr(opp, name, value)
            opp.updated_at = now  # a commanded row is not stamped by the outbox hook
            opp.updated_by = actor.user_id
            s.execute(
                insert(_HISTORY).values(
                    id=history_id,
                    owner_id=opp.owner_id,
                    team_id=opp.team_id,
                    version=PROVISIONAL_VERSION,
                    deleted=False,
                    created_at=now,
                    created_by=actor.user_id,
                    updated_at=now,
                    updated_by=actor.user_id,
                    opportunity_id=opp.id,
                    from_stage=current.code,
                    to_stage=target.code,
                    changed_at=now,
                    changed_by=actor.user_id,
                    note=note,
                )
            )
            uow.commit()

    def demote(self, opportunity_id: str, note: str | None = None) -> None:
        """A lost opportunity goes back to the first open stage ("potential")."""
        with self._store.reading() as s:
            opp = s.get(Opportunity, opportunity_id)
            if opp is None or opp.deleted:
                raise _gone()
            stages = load_stages(s, opp.method_code)
            back = demotion_target(stages)
            if opp.stage_code not in {st.code for st in stages if st.outcome == "lost"}:
                raise TransitionError(
                    "只有已输单的商机才能退回为潜在商机",
                    "Only a lost opportunity can be sent back to potential",
                )
        self.move(opportunity_id, back.code, StageChange(), note)

    # --- helpers -----------------------------------------------------------------------
    @staticmethod
    def _writable(s: Session, opportunity_id: str, scope: Access) -> Opportunity:
        opp = s.get(Opportunity, opportunity_id)
        if opp is None or opp.deleted or not scope.can_see_owner(opp.owner_id):
            raise _gone()
        if not scope.may_write(RecordKind.OWNED, opp.owner_id):
            raise _forbidden()
        return opp


def _open_terms(methods: dict[str, list[StageDef]]) -> list[ColumnElement[bool]]:
    closed = sorted({st.code for stages in methods.values() for st in stages if st.is_closed})
    return [Opportunity.stage_code.not_in(closed)] if closed else []


def _apply(opp: Opportunity, draft: OpportunityDraft) -> None:
    # Assigned only when different, so an unchanged guarded field (amount, close date)
    # does not travel in the patch and cannot conflict.
    values = {
        "customer_id": draft.customer_id,
        "name": draft.name,
        "amount_fen": draft.amount_fen,
        "expected_close_on": draft.expected_close_on,
        "competitors": draft.competitors,
        "next_step": draft.next_step,
    }
    for key, value in values.items():
        if getattr(opp, key) != value:
            setattr(opp, key, value)


def _judge(
    s: Session, opp: Opportunity, target_code: str, change: StageChange
) -> tuple[list[StageWarning], StageDef, StageDef, StageChange]:
    """The domain's verdict on a move, with the facts only the store knows filled in."""
    stages = load_stages(s, opp.method_code)
    current = current_stage(opp.stage_code, stages)
    target = find_stage(target_code, stages)
    entered = stage_entered_at(s, opp)
    change = StageChange(
        visits_in_stage=visits_since(s, opp.customer_id, entered.date()),
        amount_fen=opp.amount_fen,
        won_date=change.won_date,
        won_reason=change.won_reason,
        lost_reason=change.lost_reason,
        winning_competitor=change.winning_competitor,
    )
    return check_stage_change(current, target, change, stages), current, target, change


def _history(s: Session, opportunity_id: str) -> tuple[StageHistoryRow, ...]:
    """The live history, oldest first, without rows of moves the server refused."""
    by = aliased(User)
    pending = exists().where(
        OutboxEntry.name == "change_stage",
        OutboxEntry.row_id == StageHistory.opportunity_id,
        OutboxEntry.patch.contains(StageHistory.id),
    )
    rows = s.execute(
        select(
            StageHistory.from_stage,
            StageHistory.to_stage,
            StageHistory.changed_at,
            func.coalesce(by.display_name, literal("")),
            StageHistory.note,
        )
        .outerjoin(by, by.id == StageHistory.changed_by)
        .where(
            StageHistory.opportunity_id == opportunity_id,
            StageHistory.deleted.is_(False),
            or_(StageHistory.version != PROVISIONAL_VERSION, pending),
        )
        .order_by(StageHistory.changed_at, StageHistory.id)
    ).all()
    return tuple(StageHistoryRow(f, t, at, name, note) for f, t, at, name, note in rows)

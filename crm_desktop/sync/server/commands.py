"""Named commands: the only way workflow fields and ownership change on the server.

Each is validated against the domain's state machines (domain.workflow, domain.stages)
and the org tree; the sign-off is a compare-and-set on (version, content hash).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, func, insert, select

from crm_desktop.domain.commands import (
    PlanFacts,
    ReportFacts,
    SignoffStale,
    check_signoff,
    plan_command,
    report_command,
)
from crm_desktop.domain.errors import Forbidden, TransitionError, ValidationError
from crm_desktop.domain.handover import check_handover, check_may_hand_over, handover_note
from crm_desktop.domain.ids import uuid7
from crm_desktop.domain.picklists import ControlMode
from crm_desktop.domain.stages import (
    DEFAULT_STAGES,
    StageChange,
    StageDef,
    check_stage_change,
    current_stage,
    find_stage,
    stage_change_fields,
)
from crm_desktop.domain.workflow import PlanAction, ReportAction
from crm_desktop.sync.command_args import (
    A,
    BadArgs,
    ChangeStageArgs,
    CommandArgs,
    NoArgs,
    ReassignArgs,
    ReviewArgs,
    SignArgs,
    parse_args,
)
from crm_desktop.sync.command_names import COMMAND_ENTITY, UNDELETE
from crm_desktop.sync.content import report_content_hash
from crm_desktop.sync.protocol import ConflictRecord, Mutation
from crm_desktop.sync.server import leads
from crm_desktop.sync.server.account_plans import account_plan_step
from crm_desktop.sync.server.reassign import reassign
from crm_desktop.sync.server.schema import SYNCED, conflicts, report_reopen_grants, report_signoffs
from crm_desktop.sync.server.tx import Rejection, Tx, snapshot
from crm_desktop.sync.server.undelete import undelete


def _row(tx: Tx, m: Mutation) -> dict[str, Any]:
    entity = COMMAND_ENTITY[m.name]
    if m.entity != entity:
        raise Rejection("invalid", f"{m.name} applies to {entity}, not {m.entity}")
    row = tx.load(entity, m.row_id)
    if row is None or row["deleted"] or not tx.principal.can_see(entity, row["owner_id"]):
        raise Rejection("not_found", "no such record")
    return row


def _args(m: Mutation, model: type[A]) -> A:
    try:
        return parse_args(m.name, m.patch, model)
    except BadArgs as error:
        raise Rejection("invalid", str(error)) from error


def _plan(action: PlanAction) -> Callable[[Tx, Mutation], None]:
    model: type[CommandArgs] = NoArgs if action is PlanAction.SUBMIT else ReviewArgs

    def run(tx: Tx, m: Mutation) -> None:
        args = _args(m, model)
        row = _row(tx, m)
        items = SYNCED["plan_item"]
        live = tx.conn.execute(
            select(func.count()).where(items.c.plan_id == row["id"], items.c.deleted.is_(False))
        ).scalar_one()
        facts = PlanFacts(row["owner_id"], row["status"], int(live))
        comment = args.comment if isinstance(args, ReviewArgs) else None
        tx.write("visit_plan", row, plan_command(action, facts, tx.principal, tx.now, comment))

    return run


def content_hash_of(tx: Tx, row: dict[str, Any]) -> str:
    return report_content_hash(row, _visits(tx, row))


def _visits(tx: Tx, row: dict[str, Any]) -> list[dict[str, Any]]:
    table = SYNCED["visit_record"]
    found = tx.conn.execute(select(table).where(table.c.report_id == row["id"])).mappings()
    return [dict(v) for v in found]


def _report(action: ReportAction) -> Callable[[Tx, Mutation], None]:
    model: type[CommandArgs] = ReviewArgs
    if action is not ReportAction.RETURN and action is not ReportAction.REOPEN:
        model = NoArgs if action is ReportAction.SUBMIT else SignArgs

    def run(tx: Tx, m: Mutation) -> None:
        args = _args(m, model)
        row = _row(tx, m)
        visits = _visits(tx, row)
        facts = ReportFacts(
            owner_id=row["owner_id"],
            status=row["status"],
            attendance=row["attendance"],
            live_visits=sum(1 for v in visits if not v["deleted"]),
            history=row.get("history"),
            reopen_count=int(row["reopen_count"] or 0),
            version=row["version"],
            content_hash=report_content_hash(row, visits),
        )
        if isinstance(args, SignArgs):
            check_signoff(facts, args.version, args.content_hash)
        comment = args.comment if isinstance(args, ReviewArgs) else None
        changes = report_command(action, facts, tx.principal, tx.now, comment)
        if action is ReportAction.SIGN:
            _keep_signoff(tx, row, facts.content_hash)
        if action is ReportAction.REOPEN:
            # The grant lets the freeze trigger pass for this transaction only.
            tx.conn.execute(insert(report_reopen_grants).values(report_id=row["id"]))
            tx.write("daily_report", row, changes)
            tx.conn.execute(
                delete(report_reopen_grants).where(report_reopen_grants.c.report_id == row["id"])
            )
            return
        tx.write("daily_report", row, changes)

    return run


def _keep_signoff(tx: Tx, row: dict[str, Any], content_hash: str) -> None:
    """The append-only record of what was signed: the snapshot and its hash."""
    tx.conn.execute(
        insert(report_signoffs).values(
            report_id=row["id"],
            version=row["version"],
            content_hash=content_hash,
            snapshot=json.dumps(snapshot("daily_report", row), ensure_ascii=False),
            signed_by=tx.principal.user_id,
            signed_at=tx.now,
        )
    )


def method_stages(tx: Tx, method_code: str) -> list[StageDef]:
    """The method's live stages by position, conditions and control mode included."""
    table = SYNCED["sales_stage"]
    rows = tx.conn.execute(
        select(table)
        .where(table.c.method_code == method_code, table.c.deleted.is_(False))
        .order_by(table.c.position, table.c.code)
    ).mappings()
    stages = [
        StageDef(
            code=r["code"],
            name_zh=r["name_zh"],
            name_en=r["name_en"],
            probability_pct=r["probability_pct"],
            position=r["position"],
            outcome=r["outcome"],
            min_visits=r["min_visits"],
            requires_amount=bool(r["requires_amount"]),
            control_mode=_control_mode(r["control_mode"]),
        )
        for r in rows
    ]
    return stages or list(DEFAULT_STAGES)


def _control_mode(code: str | None) -> ControlMode:
    try:
        return ControlMode(code or ControlMode.NONE.value)
    except ValueError:  # a mode this server does not know: no control rather than a crash
        return ControlMode.NONE


def _stage_entered_at(tx: Tx, row: dict[str, Any]) -> dt.datetime:
    """When the opportunity entered its current stage: its latest history row into that
    stage, or its creation when it has none (the laptop counts from the same)."""
    history = SYNCED["stage_history"]
    entered = tx.conn.execute(
        select(func.max(history.c.changed_at)).where(
            history.c.opportunity_id == row["id"],
            history.c.to_stage == row["stage_code"],
            history.c.deleted.is_(False),
        )
    ).scalar()
    found: dt.datetime = entered or row["created_at"]
    return found


def change_stage(tx: Tx, m: Mutation) -> None:
    """Move an opportunity's stage, checked by domain.stages, with a history row."""
    row = _row(tx, m)
    if not tx.principal.can_write("opportunity", row["owner_id"]):
        raise Rejection("forbidden", "you may not change this opportunity")
    args = _args(m, ChangeStageArgs)
    stages = method_stages(tx, row["method_code"])
    target = find_stage(args.stage, stages)
    current = current_stage(row["stage_code"], stages)
    # Advance conditions count the visits logged since the stage was entered.
    visits = SYNCED["visit_record"]
    since = _stage_entered_at(tx, row).date()
    logged = tx.conn.execute(
        select(func.count()).where(
            visits.c.customer_id == row["customer_id"],
            visits.c.deleted.is_(False),
            visits.c.visit_date >= since,
        )
    ).scalar_one()
    change = StageChange(
        visits_in_stage=int(logged),
        amount_fen=int(row["amount_fen"] or 0),
        won_date=args.won_on,
        won_reason=args.won_reason,
        lost_reason=args.lost_reason,
        winning_competitor=args.winning_competitor,
    )
    check_stage_change(current, target, change, stages)
    changes = stage_change_fields(current, target, change, tx.now.date())
    from_stage = row["stage_code"]
    tx.write("opportunity", row, changes)
    _stage_history(tx, args, row, from_stage, target.code)


def _stage_history(
    tx: Tx, args: ChangeStageArgs, row: dict[str, Any], from_stage: str, to_stage: str
) -> None:
    history_id = args.history_id
    if history_id is None or tx.load("stage_history", history_id, lock=False):
        history_id = uuid7()
    user = tx.principal.user_id
    tx.conn.execute(
        insert(SYNCED["stage_history"]).values(
            id=history_id,
            opportunity_id=row["id"],
            from_stage=from_stage,
            to_stage=to_stage,
            changed_at=tx.now,
            changed_by=user,
            note=args.note,
            owner_id=row["owner_id"],
            team_id=row["team_id"],
            version=1,
            deleted=False,
            created_at=tx.now,
            updated_at=tx.now,
            created_by=user,
            updated_by=user,
        )
    )
    tx.touch("stage_history", history_id)


def reassign_customer(tx: Tx, m: Mutation) -> None:
    """A handover: the domain's rule decides who may hand whose customer to whom
    (domain/handover.check_handover, as on the laptop); a Forbidden or ValidationError
    becomes a `forbidden` / `invalid` rejection in run_command."""
    args = _args(m, ReassignArgs)
    check_may_hand_over(tx.org.hierarchy, tx.principal.user_id)  # before: not_found tells
    row = _row(tx, m)
    check_handover(
        tx.org.hierarchy,
        tx.principal.user_id,
        row["owner_id"],
        args.to_user,
        to_owner_active=_active(tx, args.to_user),
        done_if_same=True,  # reassign() then moves and records nothing
    )
    note = handover_note(args.note, required=False)
    reassign(
        tx, row, args.to_user, note=note, handover_id=args.handover_id, handed_on=args.handed_on
    )


def _active(tx: Tx, user_id: str) -> bool:
    users = SYNCED["user"]
    found = tx.conn.execute(
        select(users.c.active).where(users.c.id == user_id, users.c.deleted.is_(False))
    ).first()
    return found is not None and bool(found[0])


def resolve_conflict(tx: Tx, m: Mutation) -> None:
    _args(m, NoArgs)
    found = tx.conn.execute(select(conflicts.c.user_id).where(conflicts.c.id == m.row_id)).first()
    if found is None or found[0] != tx.principal.user_id:
        raise Rejection("not_found", "no such conflict")
    tx.conn.execute(conflicts.update().where(conflicts.c.id == m.row_id).values(resolved=True))
    tx.new_conflicts.append(m.row_id)


HANDLERS: dict[str, Callable[[Tx, Mutation], None]] = {
    "submit_plan": _plan(PlanAction.SUBMIT),
    "countersign_plan": _plan(PlanAction.COUNTERSIGN),
    "return_plan": _plan(PlanAction.RETURN),
    "submit_report": _report(ReportAction.SUBMIT),
    "sign_report": _report(ReportAction.SIGN),
    "return_report": _report(ReportAction.RETURN),
    "reopen_report": _report(ReportAction.REOPEN),
    "change_stage": change_stage,
    "reassign_customer": reassign_customer,
    "resolve_conflict": resolve_conflict,
    UNDELETE: undelete,
    "claim_lead": leads.claim_lead,
    "assign_lead": leads.assign_lead,
    "return_lead": leads.return_lead,
    "account_plan_step": account_plan_step,
}


def run_command(tx: Tx, m: Mutation) -> list[ConflictRecord]:
    """Run a named command; domain errors become `transition` / `invalid` rejections."""
    try:
        HANDLERS[m.name](tx, m)
    except Forbidden as error:
        raise Rejection("forbidden", error.message_en, error.message_zh) from error
    except SignoffStale as error:
        raise Rejection("signoff_stale", error.message_en, error.message_zh) from error
    except TransitionError as error:
        raise Rejection("transition", error.message_en, error.message_zh) from error
    except ValidationError as error:
        raise Rejection("invalid", error.message_en, error.message_zh) from error
    return []

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

from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.domain.ids import uuid7
from crm_desktop.domain.picklists import ControlMode, PlanStatus, ReportStatus, Role
from crm_desktop.domain.report_history import append_event
from crm_desktop.domain.stages import DEFAULT_STAGES, StageChange, StageDef, check_stage_change
from crm_desktop.domain.workflow import PlanAction, ReportAction, plan_transition, report_transition
from crm_desktop.sync.command_names import COMMAND_ENTITY, UNDELETE
from crm_desktop.sync.content import report_content_hash
from crm_desktop.sync.protocol import ConflictRecord, Mutation
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


def _author(tx: Tx, row: dict[str, Any]) -> None:
    if row["owner_id"] != tx.principal.user_id:
        raise Rejection("forbidden", "only the author may submit this")


def _reviewer(tx: Tx, row: dict[str, Any]) -> None:
    if not tx.principal.reviews(row["owner_id"]):
        raise Rejection("forbidden", "only the author's supervisor or manager may do this")


def _comment(m: Mutation) -> str | None:
    value = m.patch.get("comment")
    if value is not None and not isinstance(value, str):
        raise Rejection("invalid", "comment must be text")
    return value


def _plan(action: PlanAction) -> Callable[[Tx, Mutation], None]:
    def run(tx: Tx, m: Mutation) -> None:
        row = _row(tx, m)
        (_author if action is PlanAction.SUBMIT else _reviewer)(tx, row)
        status = plan_transition(PlanStatus(row["status"]), action, tx.principal.role)
        changes: dict[str, Any] = {"status": status.value}
        if action is PlanAction.SUBMIT:
            changes["submitted_at"] = tx.now
        else:
            changes["review_comment"] = _comment(m)
        if action is PlanAction.COUNTERSIGN:
            changes.update(countersigned_at=tx.now, countersigned_by=tx.principal.user_id)
        tx.write("visit_plan", row, changes)

    return run


def content_hash_of(tx: Tx, row: dict[str, Any]) -> str:
    visits_table = SYNCED["visit_record"]
    visits = tx.conn.execute(
        select(visits_table).where(visits_table.c.report_id == row["id"])
    ).mappings()
    return report_content_hash(row, [dict(v) for v in visits])


def _report(action: ReportAction) -> Callable[[Tx, Mutation], None]:
    def run(tx: Tx, m: Mutation) -> None:
        row = _row(tx, m)
        (_author if action is ReportAction.SUBMIT else _reviewer)(tx, row)
        status = report_transition(ReportStatus(row["status"]), action, tx.principal.role)
        changes: dict[str, Any] = {"status": status.value}
        if action is ReportAction.SUBMIT:
            changes["submitted_at"] = tx.now
        elif action is ReportAction.SIGN:
            changes.update(_sign(tx, m, row))
        else:
            changes["review_comment"] = _comment(m)
        changes["history"] = append_event(
            row.get("history"),
            action.value,
            tx.now,
            tx.principal.user_id,
            None if action is ReportAction.SUBMIT else _comment(m),
        )
        if action is ReportAction.REOPEN:
            changes["reopen_count"] = int(row["reopen_count"] or 0) + 1
            # The grant lets the freeze trigger pass for this transaction only.
            tx.conn.execute(insert(report_reopen_grants).values(report_id=row["id"]))
            tx.write("daily_report", row, changes)
            tx.conn.execute(
                delete(report_reopen_grants).where(report_reopen_grants.c.report_id == row["id"])
            )
            return
        tx.write("daily_report", row, changes)

    return run


def _sign(tx: Tx, m: Mutation, row: dict[str, Any]) -> dict[str, Any]:
    """Compare-and-set: the report must be exactly what the supervisor reviewed."""
    seen_version = m.patch.get("version")
    seen_hash = m.patch.get("content_hash")
    current_hash = content_hash_of(tx, row)
    if seen_version != row["version"] or seen_hash != current_hash:
        raise Rejection("signoff_stale", "the report changed since it was opened; review again")
    tx.conn.execute(
        insert(report_signoffs).values(
            report_id=row["id"],
            version=row["version"],
            content_hash=current_hash,
            snapshot=json.dumps(snapshot("daily_report", row), ensure_ascii=False),
            signed_by=tx.principal.user_id,
            signed_at=tx.now,
        )
    )
    return {
        "signed_at": tx.now,
        "signed_by": tx.principal.user_id,
        "review_comment": _comment(m),
        "content_hash": current_hash,
    }


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


def _date_arg(m: Mutation, name: str) -> dt.date | None:
    value = m.patch.get(name)
    try:
        return None if value is None else dt.date.fromisoformat(str(value))
    except ValueError as error:
        raise Rejection("invalid", f"{name} is not a date") from error


def _text_arg(m: Mutation, name: str) -> str | None:
    value = m.patch.get(name)
    if value is not None and not isinstance(value, str):
        raise Rejection("invalid", f"{name} must be text")
    return value


def change_stage(tx: Tx, m: Mutation) -> None:
    """Move an opportunity's stage, checked by domain.stages, with a history row."""
    row = _row(tx, m)
    if not tx.principal.can_write("opportunity", row["owner_id"]):
        raise Rejection("forbidden", "you may not change this opportunity")
    stages = method_stages(tx, row["method_code"])
    by_code = {s.code: s for s in stages}
    target_code = m.patch.get("stage")
    # Checked as text first: a list or an object is unhashable and would crash the lookup.
    if not isinstance(target_code, str):
        raise Rejection("invalid", "stage must be a stage code (text)")
    if target_code not in by_code or row["stage_code"] not in by_code:
        raise Rejection("invalid", f"unknown stage {target_code!r}")
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
        won_date=_date_arg(m, "won_on"),
        won_reason=_text_arg(m, "won_reason"),
        lost_reason=_text_arg(m, "lost_reason"),
        winning_competitor=_text_arg(m, "winning_competitor"),
    )
    target = by_code[target_code]
    current = by_code[row["stage_code"]]
    check_stage_change(current, target, change, stages)
    changes: dict[str, Any] = {"stage_code": target.code}
    if target.outcome == "won":
        changes.update(
            won_on=change.won_date, won_reason=change.won_reason, closed_on=change.won_date
        )
    elif target.outcome == "lost":
        changes.update(
            lost_reason=change.lost_reason,
            closed_on=tx.now.date(),
            winning_competitor=change.winning_competitor,
        )
    elif current.outcome == "lost":  # demoted back to potential: no longer a failure
        changes.update(
            won_on=None, won_reason=None, lost_reason=None, winning_competitor=None, closed_on=None
        )
    from_stage = row["stage_code"]
    tx.write("opportunity", row, changes)
    _stage_history(tx, m, row, from_stage, target.code)


def _stage_history(
    tx: Tx, m: Mutation, row: dict[str, Any], from_stage: str, to_stage: str
) -> None:
    history_id = m.patch.get("history_id")
    if (
        not isinstance(history_id, str)
        or len(history_id) > 36
        or tx.load("stage_history", history_id, lock=False)
    ):
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
            note=_text_arg(m, "note"),
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
    if tx.principal.role not in (Role.MANAGER, Role.ADMIN):
        raise Rejection("forbidden", "only a manager or admin may reassign customers")
    row = _row(tx, m)
    target = m.patch.get("to_user")
    if not isinstance(target, str) or target not in tx.org.users:
        raise Rejection("invalid", "to_user must be a known user id")
    if not tx.principal.can_see_owner(target):
        raise Rejection("forbidden", "the new owner is outside your organisation")
    reassign(tx, row, target)


def resolve_conflict(tx: Tx, m: Mutation) -> None:
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
}


def run_command(tx: Tx, m: Mutation) -> list[ConflictRecord]:
    """Run a named command; domain errors become `transition` / `invalid` rejections."""
    try:
        HANDLERS[m.name](tx, m)
    except TransitionError as error:
        raise Rejection("transition", error.message_en) from error
    except ValidationError as error:
        raise Rejection("invalid", error.message_en) from error
    return []

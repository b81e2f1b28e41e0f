"""What a pushed create, update or delete must pass before the conflict policy sees it.

The laptop refuses these itself; a hand-made request must meet the same refusal here:
an opportunity created already closed, a stage history row other than an opportunity's
opening one, an edit of a submitted report or its visits. And a create may not tell
its author that an id they cannot see is taken.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import ReportStatus
from crm_desktop.domain.stages import DEFAULT_METHOD_CODE, check_new_opportunity_stage, find_stage
from crm_desktop.domain.workflow import report_is_editable
from crm_desktop.sync.entities import to_wire
from crm_desktop.sync.protocol import Mutation
from crm_desktop.sync.server import attachments, leads, receivables, team_policy
from crm_desktop.sync.server.account_plans import (
    KEY_ACCOUNT_ROWS,
    check_key_account_row,
    check_plan_write,
)
from crm_desktop.sync.server.commands import method_stages
from crm_desktop.sync.server.defection_cases import check_case_write
from crm_desktop.sync.server.policy import parse_patch
from crm_desktop.sync.server.schema import SYNCED
from crm_desktop.sync.server.tx import Rejection, Tx

# policy.create's answer to a create for an owner the user may not write for. A create
# reusing the id of a row the user cannot see gets exactly the same answer, so it does
# not learn that the row exists (that row's owner is indeed one they may not write for).
CREATE_FORBIDDEN = "you may not create records for this owner"


def check_write(tx: Tx, m: Mutation) -> Mutation:
    """The create/update/delete to apply, with any field the server stamps itself;
    Rejection when the laptop would have refused it."""
    if m.name == "create":
        existing = tx.load(m.entity, m.row_id, lock=False)
        if existing is not None and not tx.principal.can_see(m.entity, existing["owner_id"]):
            raise Rejection("forbidden", CREATE_FORBIDDEN)
    if m.entity == "handover":  # written by reassign_customer only (sync/server/reassign.py)
        raise Rejection("workflow_field", "handover records are written only by a handover")
    if m.entity == "receivable_entry":
        return receivables.check_write(tx, m)
    if m.entity == "attachment":
        attachments.check_write(tx, m)
        return m
    if m.entity == "team_policy":
        _check_team_policy(tx, m)
    elif m.entity == "lead_pool_rule":
        _check_pool_rule(tx, m)
    elif m.entity == "lead" and m.name == "create":
        leads.check_new_lead(tx, parse_patch(m.entity, m.patch))
    elif m.entity == "opportunity" and m.name == "create":
        _check_new_opportunity(tx, m.patch)
    elif m.entity == "defection_case":
        check_case_write(tx, m)
    elif m.entity == "account_plan" and m.name != "create":
        check_plan_write(tx, m)
    elif m.entity in KEY_ACCOUNT_ROWS and m.name != "delete":
        check_key_account_row(tx, m)
    elif m.entity == "stage_history":
        return _opening_history(tx, m)
    elif m.entity == "visit_record" or (m.entity == "daily_report" and m.name != "create"):
        _check_report_editable(tx, m)
    return m


def _check_team_policy(tx: Tx, m: Mutation) -> None:
    values = parse_patch(m.entity, m.patch)
    row = None if m.name == "create" else tx.load(m.entity, m.row_id, lock=False)
    if m.name != "create" and row is None:
        return  # the policy answers not_found
    team_policy.check_write(tx, m.name, values, row)


def _check_pool_rule(tx: Tx, m: Mutation) -> None:
    values = parse_patch(m.entity, m.patch)
    row = None if m.name == "create" else tx.load(m.entity, m.row_id, lock=False)
    if m.name != "create" and row is None:
        return  # the policy answers not_found
    leads.check_rule_write(tx, m.name, values, row)


def _check_new_opportunity(tx: Tx, patch: dict[str, Any]) -> None:
    stage_code = patch.get("stage_code")
    method_code = patch.get("method_code") or DEFAULT_METHOD_CODE
    if not isinstance(stage_code, str) or not isinstance(method_code, str):
        return  # the field parser refuses a value of the wrong type
    try:
        check_new_opportunity_stage(find_stage(stage_code, method_stages(tx, method_code)))
    except ValidationError as error:
        raise Rejection("invalid", error.message_en) from error


def _opening_history(tx: Tx, m: Mutation) -> Mutation:
    """A laptop pushes one stage history row of its own: the opening row of an
    opportunity it created (every later row is written by change_stage). The server
    stamps who and when: the pusher, and the opportunity's creation on the server's
    clock, the moment the server counts stage visits from."""
    if m.name != "create":
        raise Rejection("workflow_field", "stage history is written only by change_stage")
    user = tx.principal.user_id
    if m.patch.get("changed_by") not in (None, user):
        raise Rejection("forbidden", "a stage history row records the user who pushes it")
    opportunity_id = m.patch.get("opportunity_id")
    opportunity = (
        tx.load("opportunity", opportunity_id, lock=False)
        if isinstance(opportunity_id, str)
        else None
    )
    if opportunity is None or not tx.principal.can_see("opportunity", opportunity["owner_id"]):
        return m  # the reference check refuses it as not_found
    history = SYNCED["stage_history"]
    recorded = tx.conn.execute(
        select(func.count()).where(
            history.c.opportunity_id == opportunity_id, history.c.deleted.is_(False)
        )
    ).scalar_one()
    opening = (
        m.patch.get("from_stage") is None and m.patch.get("to_stage") == (opportunity["stage_code"])
    )
    if recorded or not opening:
        raise Rejection(
            "invalid", "only a new opportunity's opening stage row may be pushed; use change_stage"
        )
    patch = {**m.patch, "changed_by": user, "changed_at": to_wire(opportunity["created_at"])}
    return m.model_copy(update={"patch": patch})


def _check_report_editable(tx: Tx, m: Mutation) -> None:
    """A submitted report and its visits wait for the supervisor: no edits until it is
    returned (domain.workflow). A signed one is left to the policy's frozen_report."""
    report_ids: list[Any] = []
    if m.entity == "daily_report":
        report_ids.append(m.row_id)
    else:
        report_ids.append(m.patch.get("report_id"))
        if m.name != "create":
            visit = tx.load("visit_record", m.row_id, lock=False)
            report_ids.append(None if visit is None else visit["report_id"])
    for report_id in report_ids:
        if not isinstance(report_id, str):
            continue
        report = tx.load("daily_report", report_id, lock=False)
        if report is None or not tx.principal.can_see("daily_report", report["owner_id"]):
            continue  # the policy answers not_found, revealing nothing
        status = report["status"]
        if status == ReportStatus.SIGNED.value:
            continue
        if status in _STATUSES and report_is_editable(ReportStatus(status)):
            continue
        raise Rejection(
            "transition",
            "the daily report is submitted and waits for review; it can be edited again "
            "once the supervisor returns it",
        )


_STATUSES = frozenset(s.value for s in ReportStatus)

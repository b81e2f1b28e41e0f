"""The account plan on the server (issue 16): its workflow command and its edit guard.

`account_plan_step` runs the domain's rule (domain/account_plan_workflow.plan_step), the
same one the laptop ran before queueing it; the sponsor named at submission must review
the owner's work in the org tree the server holds. Content changes only while the plan
is a draft or returned (`check_plan_write`): an approved plan changes by revision, which
keeps it and starts a new version.
"""

from __future__ import annotations

from typing import Any

from crm_desktop.domain.account_plan_workflow import (
    AccountPlanAction,
    AccountPlanFacts,
    is_editable,
    plan_step,
)
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.key_accounts import check_link, check_record, check_team_member
from crm_desktop.sync.command_args import AccountPlanStepArgs, BadArgs, parse_args
from crm_desktop.sync.protocol import Mutation
from crm_desktop.sync.server.policy import parse_patch
from crm_desktop.sync.server.tx import Rejection, Tx


def facts_of(row: dict[str, Any]) -> AccountPlanFacts:
    return AccountPlanFacts(
        owner_id=row["owner_id"],
        status=row["status"],
        plan_year=int(row["plan_year"]),
        sponsor_id=row["sponsor_id"],
        content=row["content"],
        history=row["history"],
    )


def account_plan_step(tx: Tx, m: Mutation) -> None:
    """One workflow step; domain errors become rejections in commands.run_command."""
    if m.entity != "account_plan":
        raise Rejection("invalid", f"{m.name} applies to account_plan, not {m.entity}")
    try:
        args = parse_args(m.name, m.patch, AccountPlanStepArgs)
        action = AccountPlanAction(args.action)
    except (BadArgs, ValueError) as error:
        raise Rejection("invalid", str(error)) from error
    row = tx.load("account_plan", m.row_id)
    if row is None or row["deleted"] or not tx.principal.can_see("account_plan", row["owner_id"]):
        raise Rejection("not_found", "no such record")
    sponsor = args.sponsor_id
    reviews = False
    if sponsor and sponsor in tx.org.users:
        reviews = tx.org.principal(sponsor).reviews(row["owner_id"])
    changes = plan_step(
        action,
        facts_of(row),
        tx.principal.user_id,
        tx.now,
        args.comment,
        sponsor_id=sponsor,
        sponsor_reviews_owner=reviews,
    )
    tx.write("account_plan", row, changes)


def check_plan_write(tx: Tx, m: Mutation) -> None:
    """An update or delete of a plan: refused once the plan has left draft / returned."""
    row = tx.load("account_plan", m.row_id, lock=False)
    if row is None:
        return  # the policy answers not_found
    if not is_editable(row["status"]):
        raise Rejection(
            "transition",
            "an account plan that was submitted or approved cannot be edited; revise it",
        )


# The small key-account rows whose picklist codes and ranges the server checks as the
# laptop does (domain/key_accounts.py).
KEY_ACCOUNT_ROWS = frozenset({"account_team_member", "relationship_link", "key_account_record"})


def check_key_account_row(tx: Tx, m: Mutation) -> None:
    """A create or update of a team member, map link or record: valid values only."""
    values = parse_patch(m.entity, m.patch)
    row = None if m.name == "create" else tx.load(m.entity, m.row_id, lock=False)
    if m.name != "create" and row is None:
        return  # the policy answers not_found
    merged = {**(row or {}), **values}
    try:
        if m.entity == "account_team_member":
            check_team_member(merged.get("role"))
        elif m.entity == "relationship_link":
            check_link(
                merged.get("contact_id"),
                merged.get("reports_to_contact_id"),
                merged.get("buying_role"),
                merged.get("attitude"),
                merged.get("influence"),
            )
        else:
            check_record(merged.get("kind"), merged.get("category"))
    except ValidationError as error:
        raise Rejection("invalid", error.message_en) from error

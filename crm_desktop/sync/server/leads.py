"""Leads on the server: the pool commands and the writes of pool rules (issue 16).

- `claim_lead` (a rep, NoArgs): first claim wins. The server takes the row lock, so of two
  reps who claimed one pool lead offline, the second to push finds it gone and gets a
  refusal in their inbox; a live customer with the lead's name or phone key owned by
  another rep refuses the claim too (撞单, domain/leads.py `check_no_collision`).
- `assign_lead` (supervisor, manager, admin): gives a lead, pooled or not, to someone
  they lead, with an optional follow-up due date.
- `return_lead` (the owner, or someone above them): back to the team's pool, owned by
  the team's leader. The manager's laptop sends it for every lead over the pool rule's
  N days (services/leads/pool.py `sweep`); the rule is checked there, not here, because
  the server has no clock of its own to wake it up and a manager may take any lead back.

Every ownership move writes a scope exit for each user who saw the lead before and no
longer does (the pool's team members after a claim, the old owner's line after a
reassignment), as the customer handover does.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.leads import (
    Collision,
    LeadStatus,
    Taken,
    check_assign,
    check_claim,
    check_no_collision,
    check_return,
    check_return_after_days,
    match_keys,
    status_of,
)
from crm_desktop.sync.command_args import (
    AssignLeadArgs,
    BadArgs,
    NoArgs,
    ReturnLeadArgs,
    parse_args,
)
from crm_desktop.sync.protocol import Mutation
from crm_desktop.sync.server.schema import SYNCED
from crm_desktop.sync.server.tx import Rejection, Tx

RULES = SYNCED["lead_pool_rule"]
# Refusal reasons the inbox names (ui/sync/conflicts.py).
LEAD_TAKEN = "lead_taken"
DOUBLE_PURSUIT = "double_pursuit"


def _status(row: dict[str, Any]) -> LeadStatus:
    return status_of(row["status"])


def _lead(tx: Tx, m: Mutation) -> dict[str, Any]:
    if m.entity != "lead":
        raise Rejection("invalid", f"{m.name} applies to lead, not {m.entity}")
    row = tx.load("lead", m.row_id)
    if row is None or row["deleted"]:
        raise Rejection("not_found", "no such record")
    # A member of the lead's team saw it in the pool: told it was claimed, not "no such".
    if not (tx.principal.can_see_row("lead", row) or row["team_id"] == tx.principal.team_id):
        raise Rejection("not_found", "no such record")
    return row


def _args(m: Mutation, model: type[Any]) -> Any:
    try:
        return parse_args(m.name, m.patch, model)
    except BadArgs as error:
        raise Rejection("invalid", str(error)) from error


def viewers(tx: Tx, row: dict[str, Any]) -> set[str]:
    """Who sees the lead as it stands (admins excluded, as in OrgTree.viewers_of)."""
    seen = tx.org.viewers_of(row["owner_id"]) if row["owner_id"] else set()
    if row["in_pool"] and row["team_id"]:
        seen |= {u.id for u in tx.org.users.values() if u.team_id == row["team_id"]}
    return seen


def _move(tx: Tx, row: dict[str, Any], changes: dict[str, Any]) -> None:
    before = viewers(tx, row)
    tx.write("lead", row, changes)
    for user_id in before - viewers(tx, row) - {tx.principal.user_id}:
        tx.scope_exit(user_id, "lead", row["id"])


def _collision(tx: Tx, row: dict[str, Any], new_owner: str) -> None:
    """撞单: a live customer with the lead's name key or phone key owned by someone else."""
    name_key, phone = match_keys(row["name"], row["phone"])
    customers = SYNCED["customer"]
    keys = [customers.c.name_key == name_key] if name_key else []
    if phone:
        keys.append(customers.c.phone_key == phone)
    if not keys:
        return
    owners = set(
        tx.conn.execute(
            select(customers.c.owner_id).where(customers.c.deleted.is_(False), or_(*keys))
        ).scalars()
    )
    try:
        check_no_collision(owners, new_owner)
    except Collision as error:
        raise Rejection(DOUBLE_PURSUIT, error.message_en) from error


def claim_lead(tx: Tx, m: Mutation) -> None:
    _args(m, NoArgs)
    row = _lead(tx, m)
    me = tx.principal.user_id
    status = _status(row)
    try:
        check_claim(
            in_pool=bool(row["in_pool"]),
            status=status,
            lead_team=row["team_id"],
            claimer_team=tx.principal.team_id,
        )
    except Taken as error:
        raise Rejection(LEAD_TAKEN, error.message_en) from error
    _collision(tx, row, me)
    _move(tx, row, _owned_by(tx, me, status, tx.org.team_of(me)))


def _owned_by(tx: Tx, owner: str, status: LeadStatus, team: str | None) -> dict[str, Any]:
    return {
        "owner_id": owner,
        "team_id": team,
        "in_pool": False,
        "assigned_at": tx.now,
        "pooled_at": None,
        "status": LeadStatus.ASSIGNED.value if status is LeadStatus.NEW else status.value,
    }


def assign_lead(tx: Tx, m: Mutation) -> None:
    args = _args(m, AssignLeadArgs)
    row = _lead(tx, m)
    if args.to_user not in tx.org.users:
        raise Rejection("invalid", "to_user must be a known user id")
    check_assign(
        tx.principal.role,
        tx.principal.can_see_owner(row["owner_id"]),
        tx.principal.can_see_owner(args.to_user),
    )
    status = _status(row)
    if status in (LeadStatus.CONVERTED, LeadStatus.DISCARDED):
        raise Rejection("transition", "a converted or discarded lead cannot be assigned")
    _collision(tx, row, args.to_user)
    changes = _owned_by(tx, args.to_user, status, tx.org.team_of(args.to_user))
    if args.follow_up_due is not None:
        changes["follow_up_due"] = args.follow_up_due
    _move(tx, row, changes)


def pool_owner(tx: Tx, team_id: str | None) -> str:
    """The pool of a team is held by its leader; a team without one has no pool."""
    team = tx.org.hierarchy.teams.get(team_id or "")
    if team is None or not team.leader_id:
        raise Rejection("invalid", "this lead's team has no supervisor to keep its pool")
    return team.leader_id


def return_lead(tx: Tx, m: Mutation) -> None:
    _args(m, ReturnLeadArgs)
    row = _lead(tx, m)
    me = tx.principal.user_id
    owner = row["owner_id"]
    check_return(
        in_pool=bool(row["in_pool"]),
        status=_status(row),
        is_owner=owner == me,
        leads_owner=owner != me and tx.principal.can_see_owner(owner),
    )
    team = row["team_id"]
    _move(
        tx,
        row,
        {
            "owner_id": pool_owner(tx, team),
            "team_id": team,
            "in_pool": True,
            "pooled_at": tx.now,
            "assigned_at": None,
        },
    )


def check_new_lead(tx: Tx, values: dict[str, Any]) -> None:
    """A lead created straight into the pool (a manager's import) is held by a team
    leader; anyone else's new lead starts owned."""
    if not values.get("in_pool"):
        return
    owner = values.get("owner_id") or tx.principal.user_id
    if not any(t.leader_id == owner for t in tx.org.hierarchy.teams.values()):
        raise Rejection("invalid", "a pool lead is held by its team's supervisor")


def check_rule_write(tx: Tx, name: str, values: dict[str, Any], row: dict[str, Any] | None) -> None:
    """A team's pool rule: written by whoever may set the team's policy, one live row per
    team, N within the domain's bounds."""
    team = values.get("team_id") if row is None else row["team_id"]
    if not tx.org.hierarchy.may_set_team_policy(tx.principal.user_id, team):
        raise Rejection("forbidden", "you may not set the pool rule of this team")
    if name == "create":
        query = select(RULES.c.id).where(
            RULES.c.team_id.is_(None) if team is None else RULES.c.team_id == team,
            RULES.c.deleted.is_(False),
        )
        if tx.conn.execute(query).first() is not None:
            raise Rejection("duplicate_key", "this team already has a pool rule; change that one")
    if name != "delete" and "return_after_days" in values:
        try:
            check_return_after_days(values["return_after_days"])
        except ValidationError as error:
            raise Rejection("invalid", error.message_en) from error

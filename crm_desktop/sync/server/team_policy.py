"""Writes of team policy rows: the org rulebook's and the policy's own rules, on the server.

Every path that writes a `team_policy` row -- create, update, delete (guards.py) and the
undelete command (undelete.py) -- asks here: the writer must be allowed for the row's team
(domain/org.py `Hierarchy.may_set_team_policy`), a team has one live row, and the values
must make a valid policy (domain/policy.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.policy import check_policy_columns
from crm_desktop.sync.server.schema import SYNCED
from crm_desktop.sync.server.tx import Rejection, Tx

ENTITY = "team_policy"
POLICIES = SYNCED[ENTITY]


def check_write(tx: Tx, name: str, values: dict[str, Any], row: dict[str, Any] | None) -> None:
    """Rejection unless this user may write `values` (parsed columns) as a `name`
    ("create", "update", "delete", "undelete") of the stored `row` (None for a create)."""
    team = values.get("team_id") if row is None else row["team_id"]
    if not tx.org.hierarchy.may_set_team_policy(tx.principal.user_id, team):
        raise Rejection("forbidden", "you may not set the policy of this team")
    if name in ("create", "undelete") and _live_row(tx, team, row) is not None:
        raise Rejection("duplicate_key", "this team already has a policy; change that one")
    if name != "delete":
        try:
            check_policy_columns(values, row)
        except ValidationError as error:
            raise Rejection("invalid", error.message_en) from error


def _live_row(tx: Tx, team: str | None, row: dict[str, Any] | None) -> str | None:
    """Another live row of the same team, if any."""
    query = select(POLICIES.c.id).where(
        POLICIES.c.team_id.is_(None) if team is None else POLICIES.c.team_id == team,
        POLICIES.c.deleted.is_(False),
    )
    if row is not None:
        query = query.where(POLICIES.c.id != row["id"])
    found = tx.conn.execute(query).scalar()
    return None if found is None else str(found)

"""The `undelete` command: a delete that beat an update is reversed from the inbox.

Whoever may write the record may bring it back (scope.Principal.can_write, as for any
edit); a signed report and its visits stay frozen. The row is written anew -- a new
version and seq, so every laptop that holds its tombstone sees it live again -- and the
update the delete swept away, carried as `{"patch": {...}}`, is laid on top: the user's
lost edit is what the inbox entry holds.
"""

from __future__ import annotations

from typing import Any

from crm_desktop.sync.entities import ENTITY_TABLES
from crm_desktop.sync.protocol import Mutation
from crm_desktop.sync.server import leads, policy, team_policy
from crm_desktop.sync.server.tx import Rejection, Tx


def undelete(tx: Tx, m: Mutation) -> None:
    if m.entity not in ENTITY_TABLES:
        raise Rejection("unknown_entity", f"unknown entity {m.entity!r}")
    row = policy.writable_row(tx, m)
    patch = m.patch.get("patch") or {}
    if not isinstance(patch, dict):
        raise Rejection("invalid", "patch must be an object")
    values = policy.parse_patch(m.entity, patch)
    values.pop("deleted", None)
    if m.entity == team_policy.ENTITY:  # whose row, one live per team, valid values
        team_policy.check_write(tx, "undelete" if row["deleted"] else "update", values, row)
    if m.entity == "lead_pool_rule":  # likewise: whose rule, one live per team, valid N
        leads.check_rule_write(tx, "create" if row["deleted"] else "update", values, row)
    # Workflow and scope fields change only by their own commands, never by an undelete.
    allowed, _locked = policy.split_patch(m.entity, values)
    policy.check_references(tx, m.entity, allowed)
    changes: dict[str, Any] = {k: v for k, v in allowed.items() if row[k] != v}
    if row["deleted"]:
        changes["deleted"] = False
    if changes:  # already live with these values (a replay, another undelete): nothing
        tx.write(m.entity, row, changes)

"""Confidential customers (SPEC §2): their sensitive fields reach only the owner's line.

A customer marked confidential shows its tax id, credit limit, payment terms and annual
sales to its owner and to those above the owner -- the users whose scope includes the
owner. Anyone else who reads the row gets it with those fields blank: an admin, who keeps
the org directory and reads every record, is the one such reader. The rule is applied
where the server hands a row to a user: pull pages, a push's write-back row, and inbox
entries -- their snapshot and the values in their payload -- as they are filed and again
as they are served (an entry may go to an admin, or outlive its reader's sight of the
owner).
"""

from __future__ import annotations

from typing import Any

from crm_desktop.domain import customer
from crm_desktop.sync.server.scope import Principal

SENSITIVE_FIELDS: dict[str, tuple[str, ...]] = {
    # tax_key is the tax id normalised for duplicate detection: the same secret.
    "customer": (*customer.SENSITIVE_FIELDS, "tax_key"),
}


def for_reader(principal: Principal, entity: str, wire: dict[str, Any]) -> dict[str, Any]:
    """The wire row as `principal` may read it."""
    fields = SENSITIVE_FIELDS.get(entity)
    if fields is None or not wire.get("confidential"):
        return wire
    if principal.visible is not None and wire.get("owner_id") in principal.visible:
        return wire
    return {**wire, **dict.fromkeys(fields)}


def _hidden_from(principal: Principal | None, entity: str, wire: dict[str, Any]) -> bool:
    if SENSITIVE_FIELDS.get(entity) is None or not wire.get("confidential"):
        return False
    return (
        principal is None
        or principal.visible is None
        or wire.get("owner_id") not in principal.visible
    )


def conflict_for_reader(
    principal: Principal | None,
    entity: str,
    payload: dict[str, Any],
    snapshot: dict[str, Any] | None,
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """An inbox entry's (payload, snapshot) as `principal` may read them (None: a user
    no longer in the org, who reads nothing sensitive). The row as the snapshot holds it
    decides; the payload's sensitive values are dropped, not blanked, so a re-apply
    never clears them."""
    if snapshot is None or not _hidden_from(principal, entity, snapshot):
        return payload, snapshot
    fields = SENSITIVE_FIELDS[entity]
    patch = payload.get("patch")
    if isinstance(patch, dict):
        payload = {**payload, "patch": {k: v for k, v in patch.items() if k not in fields}}
    return payload, {**snapshot, **dict.fromkeys(fields)}

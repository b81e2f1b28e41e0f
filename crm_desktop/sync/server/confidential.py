"""Confidential customers (SPEC §2): their sensitive fields reach only the owner's line.

A customer marked confidential shows its tax id, credit limit, payment terms and annual
sales to its owner and to those above the owner -- the users whose scope includes the
owner. Anyone else who reads the row gets it with those fields blank: an admin, who keeps
the org directory and reads every record, is the one such reader. The rule is applied
where the server hands a row to a user: pull pages and a push's write-back row. (Conflict
snapshots go to the row's writers, who are all in the owner's line.)
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

"""Writes of receivable entries (issue 16) on the server: the laptop's rules, once more.

An entry belongs to its customer's owner, whoever keys it in: a create is stamped with
the customer's owner as the server knows it now (a handover may have moved the customer
since the laptop wrote the entry), and who may write it is then judged for that owner
(domain/org.py, RecordKind.RECEIVABLE: the owner and everyone above). An entry stays with
its customer, and its kind, amount and dates meet domain/receivables.py's rules, so a
hand-made request cannot store an opening balance typed by hand or a negative order.
"""

from __future__ import annotations

from crm_desktop.domain.receivables import EntrySource, entry_problems
from crm_desktop.sync.protocol import Mutation
from crm_desktop.sync.server.policy import parse_patch
from crm_desktop.sync.server.tx import Rejection, Tx

ENTITY = "receivable_entry"


def check_write(tx: Tx, m: Mutation) -> Mutation:
    """The mutation to apply (a create stamped with the customer's owner); Rejection
    when the entry breaks a rule."""
    if m.name not in ("create", "update"):
        return m
    values = parse_patch(ENTITY, m.patch)
    row = None if m.name == "create" else tx.load(ENTITY, m.row_id, lock=False)
    if m.name == "update" and row is None:
        return m  # the policy answers not_found
    if row is not None and values.get("customer_id", row["customer_id"]) != row["customer_id"]:
        raise Rejection("invalid", "a receivable entry stays with its customer")
    merged = {**(row or {}), **values}
    problems = entry_problems(
        str(merged.get("kind")),
        int(merged.get("amount_fen") or 0),
        merged.get("entry_date"),
        merged.get("due_on"),
        imported=merged.get("source") == EntrySource.IMPORT.value,
    )
    if problems:
        raise Rejection("invalid", problems[0].message_en)
    if m.name != "create":
        return m
    customer_id = values.get("customer_id")
    customer = (
        tx.load("customer", customer_id, lock=False) if isinstance(customer_id, str) else None
    )
    if customer is None or not tx.principal.can_see("customer", customer["owner_id"]):
        return m  # the reference check answers not_found, revealing nothing
    return m.model_copy(update={"patch": {**m.patch, "owner_id": customer["owner_id"]}})

"""Customer handover 交接: the customer, its contacts, open opportunities and open
follow-ups move to the new owner; its history (visits, reports) stays where it was.

Everyone who could see the records before but not after gets a scope exit, so their
laptop purges them on the next pull.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, select

from crm_desktop.sync.server.schema import SYNCED
from crm_desktop.sync.server.tx import Tx

CLOSED_STAGES = ("won", "lost")


def _children(tx: Tx, customer_id: str) -> list[tuple[str, dict[str, Any]]]:
    contacts = SYNCED["contact"]
    opportunities = SYNCED["opportunity"]
    stages = SYNCED["sales_stage"]
    follow_ups = SYNCED["follow_up"]
    closed_codes = select(stages.c.code).where(stages.c.outcome.in_(CLOSED_STAGES))
    queries = [
        ("contact", select(contacts).where(contacts.c.customer_id == customer_id)),
        # The money owed is the customer's, open-ended: the new owner collects it.
        (
            "receivable_entry",
            select(SYNCED["receivable_entry"]).where(
                SYNCED["receivable_entry"].c.customer_id == customer_id
            ),
        ),
        (
            "opportunity",
            select(opportunities).where(
                opportunities.c.customer_id == customer_id,
                opportunities.c.stage_code.not_in(CLOSED_STAGES),
                opportunities.c.stage_code.not_in(closed_codes),
            ),
        ),
        (
            "follow_up",
            select(follow_ups).where(
                and_(follow_ups.c.customer_id == customer_id, follow_ups.c.done.is_(False))
            ),
        ),
    ]
    found: list[tuple[str, dict[str, Any]]] = []
    for entity, query in queries:
        found.extend((entity, dict(r)) for r in tx.conn.execute(query.with_for_update()).mappings())
    return found


def reassign(tx: Tx, customer: dict[str, Any], new_owner: str) -> int:
    """Move a customer and what belongs with it to `new_owner`; returns rows moved."""
    old_owner = customer["owner_id"]
    if old_owner == new_owner:
        return 0
    team = tx.org.team_of(new_owner)
    before = tx.org.viewers_of(old_owner) if old_owner else set()
    lost_sight = before - tx.org.viewers_of(new_owner)
    moved = [("customer", customer), *_children(tx, customer["id"])]
    for entity, row in moved:
        if row["owner_id"] != old_owner:
            continue  # a record someone else owns stays theirs
        tx.write(entity, row, {"owner_id": new_owner, "team_id": team})
        for user_id in lost_sight:
            tx.scope_exit(user_id, entity, row["id"])
    return len(moved)


def reassign_all(tx: Tx, old_owner: str, new_owner: str) -> int:
    """Hand every live customer of `old_owner` to `new_owner` (crm-server command)."""
    customers = SYNCED["customer"]
    rows = tx.conn.execute(
        select(customers)
        .where(customers.c.owner_id == old_owner, customers.c.deleted.is_(False))
        .with_for_update()
    ).mappings()
    return sum(reassign(tx, dict(row), new_owner) for row in list(rows))

"""Customer handover 交接 (domain/handover.py): the customer, its contacts, open
opportunities, open follow-ups, open complaints, earlier handover records, the ledger,
defector cases and the key account's plan, team, map and records move to the new owner;
its history (visits, reports, closed deals, resolved complaints) stays where it was. The
customer leaves the old owner's plans dated after the handover day that were not yet
handed in. Every handover writes a `handover` record with its note and what moved.

Everyone who could see the records before but not after gets a scope exit, so their
laptop purges them on the next pull.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from sqlalchemy import and_, exists, insert, select

from crm_desktop.domain.handover import (
    CLOSED_OUTCOMES,
    OPEN_COMPLAINT_STATUSES,
    HandoverFigures,
    plan_item_leaves,
)
from crm_desktop.domain.ids import uuid7
from crm_desktop.sync.server.attachments import attachments_of
from crm_desktop.sync.server.schema import SYNCED
from crm_desktop.sync.server.tx import Tx

CLOSED_STAGES = CLOSED_OUTCOMES
KEY_ACCOUNT_ENTITIES = (
    "account_plan",
    "account_team_member",
    "relationship_link",
    "key_account_record",
)


def _children(tx: Tx, customer_id: str) -> list[tuple[str, dict[str, Any]]]:
    contacts = SYNCED["contact"]
    opportunities = SYNCED["opportunity"]
    stages = SYNCED["sales_stage"]
    follow_ups = SYNCED["follow_up"]
    complaints = SYNCED["complaint"]
    handovers = SYNCED["handover"]
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
        (
            "complaint",
            select(complaints).where(
                complaints.c.customer_id == customer_id,
                complaints.c.status.in_(OPEN_COMPLAINT_STATUSES),
            ),
        ),
        ("handover", select(handovers).where(handovers.c.customer_id == customer_id)),
        # Defector cases are the customer's history with us: the new owner wins it back.
        (
            "defection_case",
            select(SYNCED["defection_case"]).where(
                SYNCED["defection_case"].c.customer_id == customer_id
            ),
        ),
        # A key account's plan, team, map and records are the account's: the new owner
        # manages it (account-team members keep their grant through the handover).
        *(
            (entity, select(SYNCED[entity]).where(SYNCED[entity].c.customer_id == customer_id))
            for entity in KEY_ACCOUNT_ENTITIES
        ),
    ]
    found: list[tuple[str, dict[str, Any]]] = []
    for entity, query in queries:
        found.extend((entity, dict(r)) for r in tx.conn.execute(query.with_for_update()).mappings())
    return found


def reassign(
    tx: Tx,
    customer: dict[str, Any],
    new_owner: str,
    *,
    note: str | None = None,
    handover_id: str | None = None,
    handed_on: dt.date | None = None,
) -> int:
    """Move a customer and what belongs with it to `new_owner` and record the handover;
    returns rows moved."""
    old_owner = customer["owner_id"]
    if old_owner == new_owner:
        return 0
    team = tx.org.team_of(new_owner)
    before = tx.org.viewers_of(old_owner) if old_owner else set()
    lost_sight = before - tx.org.viewers_of(new_owner)
    moved = [("customer", customer), *_children(tx, customer["id"])]
    moved += attachments_of(tx, moved)  # a record's photos and files go with it
    counted: list[tuple[str, dict[str, Any]]] = []
    for entity, row in moved:
        if row["owner_id"] != old_owner:
            continue  # a record someone else owns stays theirs
        tx.write(entity, row, {"owner_id": new_owner, "team_id": team})
        counted.append((entity, row))
        for user_id in lost_sight:
            tx.scope_exit(user_id, entity, row["id"])
    dropped = _leave_future_plans(tx, customer["id"], old_owner, handed_on or tx.now.date())
    figures = _figures(counted, dropped)
    _record(tx, customer["id"], old_owner, new_owner, team, note, handover_id, figures)
    return len(moved)


def _figures(moved: list[tuple[str, dict[str, Any]]], dropped: int) -> HandoverFigures:
    live = [(entity, row) for entity, row in moved if not row["deleted"]]

    def count(name: str) -> int:
        return sum(1 for entity, _row in live if entity == name)

    return HandoverFigures(
        contacts_moved=count("contact"),
        opportunities_moved=count("opportunity"),
        opportunity_amount_fen=sum(
            int(row["amount_fen"] or 0) for entity, row in live if entity == "opportunity"
        ),
        follow_ups_moved=count("follow_up"),
        complaints_moved=count("complaint"),
        plan_items_dropped=dropped,
    )


def _leave_future_plans(tx: Tx, customer_id: str, old_owner: str | None, after: dt.date) -> int:
    """Soft-delete the customer's items in the old owner's plans dated after `after` that
    are drafts or returned and were not visited (domain/handover.plan_item_leaves)."""
    if old_owner is None:
        return 0
    items, plans, visits = SYNCED["plan_item"], SYNCED["visit_plan"], SYNCED["visit_record"]
    visited = exists().where(visits.c.plan_item_id == items.c.id, visits.c.deleted.is_(False))
    rows = tx.conn.execute(
        select(items, plans.c.status.label("plan_status"), plans.c.plan_date)
        .join(plans, plans.c.id == items.c.plan_id)
        .where(
            items.c.customer_id == customer_id,
            items.c.owner_id == old_owner,
            items.c.deleted.is_(False),
            plans.c.plan_date > after,  # narrows the read; the rule decides below
            plans.c.deleted.is_(False),
            ~visited,
        )
        .with_for_update(of=items)
    ).mappings()
    found = []
    for r in rows:
        row = dict(r)
        status, day = row.pop("plan_status"), row.pop("plan_date")
        if plan_item_leaves(status, day, after):
            found.append(row)
    for row in found:
        tx.write("plan_item", row, {"deleted": True})
    return len(found)


def _record(
    tx: Tx,
    customer_id: str,
    old_owner: str | None,
    new_owner: str,
    team: str | None,
    note: str | None,
    handover_id: str | None,
    figures: HandoverFigures,
) -> None:
    """The handover record, under the laptop's id when it sent one that is still free."""
    if handover_id is None or tx.load("handover", handover_id, lock=False) is not None:
        handover_id = uuid7()
    user = tx.principal.user_id
    tx.conn.execute(
        insert(SYNCED["handover"]).values(
            id=handover_id,
            customer_id=customer_id,
            from_owner_id=old_owner,
            to_owner_id=new_owner,
            handed_at=tx.now,
            handed_by=user,
            note=note,
            **asdict(figures),
            owner_id=new_owner,
            team_id=team,
            version=1,
            deleted=False,
            created_at=tx.now,
            updated_at=tx.now,
            created_by=user,
            updated_by=user,
        )
    )
    tx.touch("handover", handover_id)


def reassign_all(tx: Tx, old_owner: str, new_owner: str) -> int:
    """Hand every live customer of `old_owner` to `new_owner` (crm-server command)."""
    customers = SYNCED["customer"]
    rows = tx.conn.execute(
        select(customers)
        .where(customers.c.owner_id == old_owner, customers.c.deleted.is_(False))
        .with_for_update()
    ).mappings()
    return sum(reassign(tx, dict(row), new_owner) for row in list(rows))

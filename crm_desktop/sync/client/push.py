"""Send the outbox in batches and settle each entry by its result.

Applied and duplicate entries leave the outbox. Conflicted and rejected ones leave it
too, with their inbox entry mirrored locally and the server's row written back, so the
laptop never keeps a change the server refused -- nor the stage-history row a refused
stage move wrote ahead of the server.

No result may wedge the laptop (SYNC.md "A result never wedges a laptop"): the
write-back runs under the same freeze grant as a pull page, and each entry settles in
its own savepoint, so one that fails stays in the outbox with its error (tried again
next sync) while the entries behind it are settled.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, select, update

from crm_desktop.sync.client.apply import PLANS, granted, overlay, reports_of
from crm_desktop.sync.client.local import OUTBOX, renumber, upsert_conflict
from crm_desktop.sync.command_names import command_entity
from crm_desktop.sync.protocol import (
    MAX_PUSH_BYTES,
    MAX_PUSH_MUTATIONS,
    Mutation,
    MutationResult,
    mutation_fingerprint,
)

log = logging.getLogger(__name__)


@dataclass
class PushTally:
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    messages: list[str] = field(default_factory=list)


def next_batch(conn: Connection, limit: int = MAX_PUSH_MUTATIONS, after: int = 0) -> list[Mutation]:
    """The oldest outbox entries above mutation id `after`, up to `limit` mutations and
    about 2 MB of JSON. A sync moves `after` past each batch it sent, so an entry left in
    the outbox (no result, or a settle that failed) waits for the next sync instead of
    being sent again and again."""
    rows = conn.execute(
        select(OUTBOX)
        .where(OUTBOX.c.mutation_id > after)
        .order_by(OUTBOX.c.mutation_id)
        .limit(limit)
    ).mappings()
    batch: list[Mutation] = []
    size = 0
    budget = MAX_PUSH_BYTES - 16 * 1024
    for row in rows:
        mutation = Mutation(
            mutation_id=row["mutation_id"],
            name=row["name"],
            entity=row["entity"],
            row_id=row["row_id"],
            base_version=row["base_version"] or 0,
            patch=json.loads(row["patch"]),
            base_values=json.loads(row["base_values"]) if row["base_values"] else None,
        )
        size += len(mutation.model_dump_json())
        if batch and size > budget:
            break
        batch.append(mutation)
    return batch


def _write_back(conn: Connection, mutation: Mutation, result: MutationResult) -> None:
    """Make the local row what the server holds, then lay remaining local edits over it."""
    entity = mutation.entity
    if mutation.name not in ("create", "update", "delete"):
        entity = command_entity(mutation.name) or entity
    plan = PLANS.get(entity)
    if plan is None:
        return
    with granted(conn, reports_of(conn, entity, mutation.row_id, result.server_row)):
        if result.server_row is not None:
            plan.upsert(conn, [plan.values(result.server_row)])
        else:
            conn.exec_driver_sql(f"DELETE FROM {plan.table.name} WHERE id = ?", (mutation.row_id,))
        overlay(conn, {(entity, mutation.row_id)})
    _drop_history_written_ahead(conn, mutation)
    _undo_handover_ahead(conn, mutation, result)


def _drop_history_written_ahead(conn: Connection, mutation: Mutation) -> None:
    """A stage move writes its history row on the laptop under the id its command carries
    (services/pipeline/pipeline.py), provisional (version below 0) until the server's row of that
    id arrives. Refused, the command makes no server row: drop the laptop's."""
    history_id = mutation.patch.get("history_id")
    if mutation.name != "change_stage" or not isinstance(history_id, str):
        return
    history = PLANS["stage_history"].table
    conn.execute(delete(history).where(history.c.id == history_id, history.c.version < 0))


# What a handover moved on the laptop ahead of the server (services/customers/handover.py).
_HANDED_WITH_CUSTOMER = ("contact", "opportunity", "follow_up", "complaint", "handover")


def _undo_handover_ahead(conn: Connection, mutation: Mutation, result: MutationResult) -> None:
    """A refused handover: the rows the laptop moved with the customer go back to the
    owner the server kept, and the provisional handover record goes."""
    status = result.reason if result.status == "duplicate" else result.status
    if mutation.name != "reassign_customer" or status == "applied":
        return
    handover_id = mutation.patch.get("handover_id")
    if isinstance(handover_id, str):
        table = PLANS["handover"].table
        conn.execute(delete(table).where(table.c.id == handover_id, table.c.version < 0))
    to_user = mutation.patch.get("to_user")
    if result.server_row is None or not isinstance(to_user, str):
        return
    owner = {
        "owner_id": result.server_row.get("owner_id"),
        "team_id": result.server_row.get("team_id"),
    }
    for entity in _HANDED_WITH_CUSTOMER:
        table = PLANS[entity].table
        conn.execute(
            update(table)
            .where(table.c.customer_id == mutation.row_id, table.c.owner_id == to_user)
            .values(**owner)
        )


def settle(
    conn: Connection, batch: Sequence[Mutation], results: Sequence[MutationResult], tally: PushTally
) -> None:
    """Record the server's answers in the caller's transaction, each in a savepoint.

    A result for a mutation not in the batch, or repeated in the answer, is ignored; an
    entry whose settle fails keeps its place in the outbox with the error recorded.
    """
    pending = {m.mutation_id: m for m in batch}
    for result in results:
        mutation = pending.pop(result.mutation_id, None)
        if mutation is None:
            continue
        if _reused_id(mutation, result):
            # The server holds another edit under this (device, id): this one was never
            # applied. Under a new id it goes out again, later in this sync.
            renumber(conn, mutation.mutation_id)
            continue
        savepoint = conn.begin_nested()
        try:
            outcome = _settle_one(conn, mutation, result)
        except Exception as error:  # any local failure: keep the entry, go on
            savepoint.rollback()
            log.warning("sync: mutation %s not settled", mutation.mutation_id, exc_info=True)
            reason = str(getattr(error, "orig", None) or error)[:500]
            conn.execute(
                update(OUTBOX)
                .where(OUTBOX.c.mutation_id == mutation.mutation_id)
                .values(attempts=OUTBOX.c.attempts + 1, last_error=reason)
            )
            tally.messages.append(f"{mutation.name} {mutation.entity}: not settled ({reason})")
            continue
        savepoint.commit()
        if outcome == "applied":
            tally.applied += 1
        elif outcome == "conflict":
            tally.conflicts += 1
        else:
            tally.rejected += 1
            tally.messages.append(f"{mutation.name} {mutation.entity}: {result.message}")


def _reused_id(mutation: Mutation, result: MutationResult) -> bool:
    """A `duplicate` whose original is another mutation (a store that handed out an id
    twice). A server that keeps no fingerprint is taken at its word."""
    return (
        result.status == "duplicate"
        and result.fingerprint is not None
        and result.fingerprint != mutation_fingerprint(mutation)
    )


def _settle_one(conn: Connection, mutation: Mutation, result: MutationResult) -> str:
    """Settle one entry; its outcome: applied, conflict or rejected."""
    conn.execute(delete(OUTBOX).where(OUTBOX.c.mutation_id == mutation.mutation_id))
    for record in result.conflicts:
        upsert_conflict(conn, record.model_dump())
    status = result.reason if result.status == "duplicate" else result.status
    if status == "applied":
        if result.status == "duplicate":
            _write_back(conn, mutation, result)
        return "applied"
    _write_back(conn, mutation, result)
    return "conflict" if status == "conflict" else "rejected"

"""Apply a pushed batch of mutations: idempotent, one result each, one transaction.

Each mutation runs in a savepoint, so a business rejection undoes only itself and the
batch goes on. A mutation id the device already sent returns its stored result.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from crm_desktop.store.base import utcnow
from crm_desktop.sync.command_names import COMMAND_ENTITY
from crm_desktop.sync.entities import ENTITY_TABLES
from crm_desktop.sync.protocol import (
    ConflictRecord,
    Mutation,
    MutationResult,
    mutation_fingerprint,
    revoked_detail,
)
from crm_desktop.sync.server import account_teams, commands, guards, policy
from crm_desktop.sync.server.confidential import for_reader
from crm_desktop.sync.server.notifications import events as notification_events
from crm_desktop.sync.server.schema import devices, mutation_receipts
from crm_desktop.sync.server.scope import OrgTree
from crm_desktop.sync.server.tx import Rejection, Tx, snapshot


class DeviceRefused(Exception):
    """The device is unknown to this user, or revoked (status code in `status`)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def lock_device(conn: Connection, device_id: str, user_id: str) -> int:
    """Lock the device row for the batch (serialising one device's pushes across workers)."""
    row = conn.execute(
        select(devices.c.user_id, devices.c.revoked, devices.c.last_mutation_id, devices.c.wipe)
        .where(devices.c.id == device_id)
        .with_for_update()
    ).first()
    if row is None or row[0] != user_id:
        raise DeviceRefused(409, "unknown device: call handshake first")
    if row[1]:
        raise DeviceRefused(403, revoked_detail(row[3]))
    return int(row[2])


def _dispatch(tx: Tx, m: Mutation) -> tuple[list[ConflictRecord], bool]:
    # An account-team row made live or ended (any write of it, an undelete included)
    # opens the account to its member or closes it (sync/server/account_teams.py).
    member_before = account_teams.membership(tx, m)
    outcome = _apply(tx, m)
    account_teams.membership_changed(tx, m, member_before, account_teams.membership(tx, m))
    # A report submitted or returned, a critical market report: into the notification
    # outbox, in this savepoint (insert only; sent later by the worker).
    notification_events.after_mutation(tx, m)
    return outcome


def _apply(tx: Tx, m: Mutation) -> tuple[list[ConflictRecord], bool]:
    if m.name in commands.HANDLERS:
        return commands.run_command(tx, m), False
    if m.entity not in ENTITY_TABLES:
        raise Rejection("unknown_entity", f"unknown entity {m.entity!r}")
    if m.name not in ("create", "update", "delete"):
        raise Rejection("invalid", f"unknown mutation {m.name!r}")
    account_teams.check_member_write(tx, m)
    m = guards.check_write(tx, m)
    if m.name == "create":
        return policy.create(tx, m), False
    if m.name == "update":
        return policy.update(tx, m)
    return policy.delete(tx, m)


def _server_row(tx: Tx, m: Mutation) -> dict[str, Any] | None:
    entity = COMMAND_ENTITY.get(m.name, m.entity)
    if entity not in ENTITY_TABLES:
        return None
    row = tx.load(entity, m.row_id, lock=False)
    if row is None or not account_teams.sees(tx.conn, tx.principal, entity, row):
        return None
    wire = snapshot(entity, row)
    return None if wire is None else for_reader(tx.principal, entity, wire)


def _apply_one(tx: Tx, m: Mutation) -> MutationResult:
    savepoint = tx.conn.begin_nested()
    marks = (dict(tx.dirty), list(tx.new_conflicts), list(tx.new_exits))
    try:
        mine, conflicted = _dispatch(tx, m)
        savepoint.commit()
    except (Rejection, DBAPIError) as error:
        savepoint.rollback()
        if isinstance(error, DBAPIError):
            error = _as_rejection(error)
        tx.dirty, tx.new_conflicts, tx.new_exits = marks[0], list(marks[1]), list(marks[2])
        return _rejected(tx, m, error)
    if conflicted:
        return MutationResult(
            mutation_id=m.mutation_id,
            status="conflict",
            server_row=_server_row(tx, m),
            conflicts=mine,
        )
    return MutationResult(mutation_id=m.mutation_id, status="applied", conflicts=mine)


def _as_rejection(error: DBAPIError) -> Rejection:
    """Database refusals that are the client's doing; anything else is re-raised."""
    text = str(error.orig)
    if "frozen_report" in text:  # the trigger, the last line of defence
        return Rejection("frozen_report", "the daily report is signed and frozen")
    if isinstance(error, IntegrityError) and ("not null" in text.lower() or "not-null" in text):
        return Rejection("invalid", "a required field is missing")
    if isinstance(error, IntegrityError):  # e.g. a second report for one day
        return Rejection("duplicate_key", "a record with the same key already exists")
    if isinstance(error, DataError):
        return Rejection("invalid", "a value does not fit its field")
    raise error


def _rejected(tx: Tx, m: Mutation, error: Rejection) -> MutationResult:
    reason, message = error.reason, error.message
    payload: dict[str, Any] = {"op": m.name, "patch": m.patch, "base_version": m.base_version}
    if error.message_zh is not None:  # a domain rule's refusal, in both languages
        payload.update(reason_zh=error.message_zh, reason_en=message)
    entity = m.entity if len(m.entity) <= 40 else m.entity[:40]
    record = tx.conflict(
        tx.principal.user_id, entity, m.row_id, reason, payload, _server_row(tx, m)
    )
    if reason == "frozen_report":
        row = tx.load(m.entity, m.row_id, lock=False) if m.entity in ENTITY_TABLES else None
        report_id = (row or m.patch).get("report_id") if m.entity == "visit_record" else m.row_id
        if isinstance(report_id, str):
            policy.file_amendment(tx, m, report_id)
    return MutationResult(
        mutation_id=m.mutation_id,
        status="rejected",
        reason=reason,
        message=message,
        server_row=_server_row(tx, m),
        conflicts=[record],
    )


def push(
    engine: Engine, user_id: str, device_id: str, batch: list[Mutation]
) -> list[MutationResult]:
    """Apply a batch for `user_id` from `device_id`; retried whole on a deadlock."""
    for attempt in range(5):
        try:
            return _push_once(engine, user_id, device_id, batch)
        except DBAPIError as error:
            if attempt == 4 or not _retryable(error):
                raise
    raise AssertionError("unreachable")


def _retryable(error: DBAPIError) -> bool:
    code = getattr(error.orig, "sqlstate", None)
    # 40001 serialization failure, 40P01 deadlock, 23505 a concurrent duplicate receipt
    return code in ("40001", "40P01", "23505")


def _push_once(
    engine: Engine, user_id: str, device_id: str, batch: list[Mutation]
) -> list[MutationResult]:
    with engine.begin() as conn:
        last_id = lock_device(conn, device_id, user_id)
        org = OrgTree.load(conn)
        tx = Tx(conn, org.principal(user_id), org, utcnow(), device_id=device_id)
        ids = [m.mutation_id for m in batch]
        stored = {
            int(r[0]): r[1]
            for r in conn.execute(
                select(mutation_receipts.c.mutation_id, mutation_receipts.c.result).where(
                    mutation_receipts.c.device_id == device_id,
                    mutation_receipts.c.mutation_id.in_(ids),
                )
            )
        }
        results = []
        receipts: list[dict[str, Any]] = []
        for m in batch:
            if m.mutation_id in stored:
                # The laptop may have pulled past this change already: send the row.
                duplicate = _duplicate(stored[m.mutation_id], m)
                results.append(duplicate.model_copy(update={"server_row": _server_row(tx, m)}))
                continue
            # The receipt keeps what the mutation did, so a replay can be told from
            # another edit under a reused id (the laptop compares, see client/push.py);
            # taken before the handlers see the mutation, as the laptop sent it.
            fingerprint = mutation_fingerprint(m)
            result = _apply_one(tx, m).model_copy(update={"fingerprint": fingerprint})
            stored[m.mutation_id] = result.model_dump_json()
            receipts.append(
                {
                    "device_id": device_id,
                    "mutation_id": m.mutation_id,
                    "result": stored[m.mutation_id],
                    "created_at": tx.now,
                }
            )
            results.append(result)
        if receipts:  # one round trip for the whole batch
            conn.execute(insert(mutation_receipts), receipts)
        conn.execute(
            update(devices)
            .where(devices.c.id == device_id)
            .values(last_mutation_id=max([last_id, *ids]), last_seen=tx.now)
        )
        tx.finish()
    return results


def _duplicate(stored: str, m: Mutation) -> MutationResult:
    """A replay: the stored outcome, marked duplicate, so the laptop settles it the same."""
    original = MutationResult.model_validate(json.loads(stored))
    reason = original.reason if original.status == "rejected" else original.status
    return original.model_copy(
        update={"status": "duplicate", "reason": reason, "mutation_id": m.mutation_id}
    )

"""Attachment rows on the server (domain/attachments.py): what a push must pass, and
which attachments a handover moves with their records.

An attachment is seen by whoever sees the record it hangs on, so its row carries that
record's owner and team (`scope_of`); a create naming another owner, a record the
pusher cannot see, or a malformed content address is refused. Rows are immutable once
made -- a changed file is a new attachment -- so an update may only delete.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_, select

from crm_desktop.domain.attachments import (
    HARD_MAX_FILE_BYTES,
    OWNER_KINDS,
    SHA256_HEX,
    check_not_frozen,
    scope_of,
)
from crm_desktop.domain.errors import ValidationError
from crm_desktop.sync.protocol import Mutation
from crm_desktop.sync.server.schema import SYNCED
from crm_desktop.sync.server.tx import Rejection, Tx

ATTACHMENTS = SYNCED["attachment"]
REPORTS = SYNCED["daily_report"]
VISITS = SYNCED["visit_record"]
Rows = list[tuple[str, dict[str, Any]]]
# The columns an update may carry: a row is never changed, only deleted.
_UPDATABLE = frozenset({"deleted"})


def check_write(tx: Tx, m: Mutation) -> None:
    if m.name == "update" and set(m.patch) - _UPDATABLE:
        raise Rejection("invalid", "an attachment is not changed; add a new one instead")
    if m.name != "create":
        row = tx.load("attachment", m.row_id, lock=False)
        if row is not None:
            _check_not_frozen(tx, row["owner_kind"], row["owner_record_id"])
        return
    patch = m.patch
    kind, record_id = patch.get("owner_kind"), patch.get("owner_record_id")
    if kind not in OWNER_KINDS or not isinstance(record_id, str):
        raise Rejection("invalid", f"attachments hang on one of {', '.join(OWNER_KINDS)}")
    sha, size = patch.get("sha256"), patch.get("size_bytes")
    if not isinstance(sha, str) or not SHA256_HEX.match(sha):
        raise Rejection("invalid", "sha256 must be 64 lower-case hex digits")
    if not isinstance(size, int) or isinstance(size, bool) or not 0 < size <= HARD_MAX_FILE_BYTES:
        raise Rejection("invalid", f"size_bytes must be 1..{HARD_MAX_FILE_BYTES}")
    record = tx.load(str(kind), record_id, lock=False)
    if record is None or not tx.principal.can_see(str(kind), record["owner_id"]):
        raise Rejection("not_found", "the record to attach to does not exist")
    _check_not_frozen(tx, str(kind), record_id)
    customer = record["id"] if kind == "customer" else record.get("customer_id")
    scope = scope_of(record["owner_id"], record["team_id"], customer)
    if (patch.get("owner_id"), patch.get("customer_id")) != (scope.owner_id, scope.customer_id):
        raise Rejection(
            "invalid", "an attachment belongs to its record's owner and customer (scope rule)"
        )


def _check_not_frozen(tx: Tx, owner_kind: str, record_id: str) -> None:
    """domain.attachments.check_not_frozen on the server's rows: a signed report's
    visit keeps its attachments as they were signed."""
    if owner_kind != "visit_record":
        return
    status = tx.conn.execute(
        select(REPORTS.c.status)
        .select_from(REPORTS.join(VISITS, VISITS.c.report_id == REPORTS.c.id))
        .where(VISITS.c.id == record_id)
    ).scalar()
    try:
        check_not_frozen(owner_kind, status)
    except ValidationError as error:
        raise Rejection("frozen_report", error.message_en, message_zh=error.message_zh) from error


def attachments_of(tx: Tx, moved: Rows) -> Rows:
    """The attachment rows hanging on the records a handover moves: they move too."""
    keys = [(entity, row["id"]) for entity, row in moved if entity in OWNER_KINDS]
    if not keys:
        return []
    found: Rows = []
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        clause = or_(
            *(
                and_(ATTACHMENTS.c.owner_kind == kind, ATTACHMENTS.c.owner_record_id == row_id)
                for kind, row_id in chunk
            )
        )
        rows = tx.conn.execute(select(ATTACHMENTS).where(clause).with_for_update()).mappings()
        found.extend(("attachment", dict(r)) for r in rows)
    return found

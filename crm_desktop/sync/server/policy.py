"""Create, update and delete mutations under the conflict policy of SYNC.md.

Field-level merge against the client's base values; a plain field changed on both sides
goes to the last arrival with the loser filed in their inbox; guarded fields keep the
server's value and file the client's; a delete beats an update; workflow and scope
fields change only through commands; a signed report and its visits are frozen.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select

from crm_desktop.store.base import SERVER_OWNED
from crm_desktop.sync.entities import (
    DERIVED_FIELDS,
    ENTITY_TABLES,
    GUARDED_FIELDS,
    INITIAL_VALUES,
    SCOPE_FIELDS,
    TABLE_ENTITIES,
    TEAM_KEYED,
    WORKFLOW_FIELDS,
    from_wire,
    to_wire,
)
from crm_desktop.sync.protocol import ConflictRecord, Mutation
from crm_desktop.sync.server import writers
from crm_desktop.sync.server.schema import SYNCED
from crm_desktop.sync.server.tx import Rejection, Tx, snapshot

REPORTS = SYNCED["daily_report"]
# column -> entity it points at, from the laptop's foreign keys (the server has none).
REFERENCES: dict[str, dict[str, str]] = {
    entity: {
        fk.parent.name: TABLE_ENTITIES[fk.column.table.name]
        for fk in ENTITY_TABLES[entity].foreign_keys
    }
    for entity in ENTITY_TABLES
}


def parse_patch(entity: str, patch: dict[str, Any]) -> dict[str, Any]:
    """Typed column values of a client patch; Rejection('invalid') for a bad field."""
    table = SYNCED[entity]
    clean = {k: v for k, v in patch.items() if k not in SERVER_OWNED and k != "id"}
    if "last_writers" in clean:
        raise Rejection("invalid", "unknown field 'last_writers'")
    try:
        return from_wire(table, clean)
    except (ValueError, TypeError) as error:
        raise Rejection("invalid", str(error)) from error


def check_references(tx: Tx, entity: str, values: dict[str, Any]) -> None:
    """A record may point only at records that exist and that the user may see."""
    for column, target in REFERENCES.get(entity, {}).items():
        ref = values.get(column)
        if ref is None:
            continue
        row = tx.load(target, ref, lock=False)
        if row is None or not tx.principal.can_see(target, row["owner_id"]):
            raise Rejection("not_found", f"{column} points at a missing {target}")


def report_is_signed(tx: Tx, report_id: str | None) -> bool:
    if report_id is None:
        return False
    status = tx.conn.execute(select(REPORTS.c.status).where(REPORTS.c.id == report_id)).scalar()
    return status == "signed"


def frozen_report_id(tx: Tx, entity: str, row: dict[str, Any]) -> str | None:
    """The signed report this row belongs to (itself, or its visit's report), if any."""
    if entity == "daily_report" and row.get("status") == "signed":
        return str(row["id"])
    if entity == "visit_record" and report_is_signed(tx, row.get("report_id")):
        return str(row["report_id"])
    return None


def file_amendment(tx: Tx, m: Mutation, report_id: str) -> None:
    """A late edit of a signed report becomes an amendment request for the reviewers."""
    report = tx.load("daily_report", report_id, lock=False)
    owner = None if report is None else report.get("owner_id")
    payload = {"op": m.name, "entity": m.entity, "row_id": m.row_id, "patch": m.patch}
    for viewer in tx.org.viewers_of(owner) if owner else set():
        if viewer not in (tx.principal.user_id, owner):
            tx.conflict(
                viewer,
                "daily_report",
                report_id,
                "amendment_request",
                payload,
                snapshot("daily_report", report),
            )
    if owner and owner != tx.principal.user_id:
        tx.conflict(
            owner,
            "daily_report",
            report_id,
            "amendment_request",
            payload,
            snapshot("daily_report", report),
        )


def create(tx: Tx, m: Mutation) -> list[ConflictRecord]:
    """Insert a new row made on a laptop, owned by someone the user may write for."""
    table = SYNCED[m.entity]
    if tx.load(m.entity, m.row_id, lock=False) is not None:
        raise Rejection("id_exists", "a record with this id already exists")
    values = parse_patch(m.entity, m.patch)
    owner = values.get("owner_id")
    if owner not in tx.org.users:
        owner = tx.principal.user_id  # a laptop's stand-in user, or none given
    if m.entity == "user" and tx.principal.is_admin:
        owner = m.row_id
    if not tx.principal.can_write(m.entity, owner):
        raise Rejection("forbidden", "you may not create records for this owner")
    values.update(INITIAL_VALUES.get(m.entity, {}))
    values["owner_id"] = owner
    if m.entity not in TEAM_KEYED:  # a team policy keeps the team it is for (guards.py)
        values["team_id"] = tx.org.team_of(owner)
    if m.entity == "visit_record" and report_is_signed(tx, values.get("report_id")):
        raise Rejection("frozen_report", "the daily report is signed and frozen")
    check_references(tx, m.entity, values)
    user = tx.principal.user_id
    values.update(
        id=m.row_id,
        version=1,
        created_at=tx.now,
        updated_at=tx.now,
        created_by=user,
        updated_by=user,
        last_writers=writers.stamped(None, values, user, tx.device_id, 1),
    )
    tx.conn.execute(insert(table).values(**values))
    tx.touch(m.entity, m.row_id)
    return []


def split_patch(entity: str, values: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """(fields a patch may change, fields only a command or reassignment may change)."""
    locked = WORKFLOW_FIELDS.get(entity, frozenset()) | SCOPE_FIELDS
    allowed = {k: v for k, v in values.items() if k not in locked}
    return allowed, [k for k in values if k in locked]


def _merge(
    tx: Tx, m: Mutation, row: dict[str, Any], values: dict[str, Any]
) -> tuple[dict[str, Any], list[ConflictRecord]]:
    """Field-level merge of a patch against the row; files the conflicts it finds."""
    base = parse_patch(m.entity, m.base_values or {})
    concurrent = int(row["version"]) != m.base_version
    guarded = GUARDED_FIELDS.get(m.entity, frozenset())
    derived = DERIVED_FIELDS.get(m.entity, {})
    wrote = writers.parse(row.get("last_writers"))
    changes: dict[str, Any] = {}
    kept: dict[str, Any] = {}
    overridden: dict[str, dict[str, Any]] = {}  # loser user -> {field: their value}
    for name, value in values.items():
        if name in derived:
            continue  # decided with the field it derives from
        current = row[name]
        if not concurrent or current == value or (name in base and base[name] == current):
            changes[name] = value
        elif name in guarded:
            kept[name] = value
        else:
            changes[name] = value
            # Whoever wrote the value this arrival replaces hears of it -- the same user
            # too when it was their other laptop, which never saw this edit coming.
            loser = wrote.get(name)
            if loser and not loser.is_author_of(tx.principal.user_id, tx.device_id):
                overridden.setdefault(loser.user_id, {})[name] = current
    for key, source in derived.items():
        if key in values and (source in changes or source not in values):
            changes[key] = values[key]
        elif key in values:
            kept[key] = values[key]
    changes = {k: v for k, v in changes.items() if row[k] != v}
    return changes, _file_merge_conflicts(tx, m, row, kept, overridden)


def _file_merge_conflicts(
    tx: Tx,
    m: Mutation,
    row: dict[str, Any],
    kept: dict[str, Any],
    overridden: dict[str, dict[str, Any]],
) -> list[ConflictRecord]:
    mine: list[ConflictRecord] = []
    snap = snapshot(m.entity, row)
    if kept:
        mine.append(
            tx.conflict(
                tx.principal.user_id,
                m.entity,
                m.row_id,
                "guarded_field",
                {"op": "update", "patch": kept},
                snap,
            )
        )
    for loser, fields in overridden.items():
        tx.conflict(
            loser, m.entity, m.row_id, "overwritten", {"op": "update", "patch": fields}, snap
        )
    return mine


def update(tx: Tx, m: Mutation) -> tuple[list[ConflictRecord], bool]:
    """Merge a patch into a row; returns (the pusher's conflicts, whether it conflicted)."""
    row = writable_row(tx, m)
    values = parse_patch(m.entity, m.patch)
    values.pop("deleted", None)
    if row["deleted"]:
        record = tx.conflict(
            tx.principal.user_id,
            m.entity,
            m.row_id,
            "update_deleted",
            {"op": "update", "patch": m.patch},
            snapshot(m.entity, row),
        )
        return [record], True
    allowed, refused = split_patch(m.entity, values)
    mine: list[ConflictRecord] = []
    if refused:
        mine.append(
            tx.conflict(
                tx.principal.user_id,
                m.entity,
                m.row_id,
                "workflow_field",
                {"op": "update", "patch": {k: m.patch[k] for k in refused}},
                snapshot(m.entity, row),
            )
        )
    check_references(tx, m.entity, allowed)
    changes, merged = _merge(tx, m, row, allowed)
    mine.extend(merged)
    if changes:
        tx.write(m.entity, row, changes)
    return mine, bool(mine)


def delete(tx: Tx, m: Mutation) -> tuple[list[ConflictRecord], bool]:
    """Soft-delete a row; updates that raced it are filed for their authors (delete wins)."""
    row = writable_row(tx, m)
    if row["deleted"]:
        return [], False
    if int(row["version"]) != m.base_version:
        swept = _swept_edits(tx, m, row)
        author = row.get("updated_by")
        if not swept and author and author != tx.principal.user_id:
            # A row written before per-version authorship, or by a command that keeps no
            # writers (a stage history row): its last writer, as before.
            swept[author] = {}
        for user_id, fields in swept.items():
            tx.conflict(
                user_id,
                m.entity,
                m.row_id,
                "deleted_after_update",
                {"op": "update", "patch": fields},
                snapshot(m.entity, row),
            )
    tx.write(m.entity, row, {"deleted": True})
    return [], False


def _swept_edits(tx: Tx, m: Mutation, row: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{user: {field: their value}} of the writes made after the version the deleter saw
    and not by the deleting laptop itself: every such author lost a write to the delete.

    A command's write (a review, a handover) or an undelete is swept too: its author hears
    of it, with only the fields a patch may write again as values."""
    allowed, _locked = split_patch(m.entity, dict.fromkeys(SYNCED[m.entity].c.keys()))
    patchable = set(allowed) - SERVER_OWNED - {"id", "deleted", "last_writers"}
    swept: dict[str, dict[str, Any]] = {}
    for name, writer in writers.parse(row.get("last_writers")).items():
        if writer.version is None or writer.version <= m.base_version:
            continue  # the deleter saw this write
        if writer.is_author_of(tx.principal.user_id, tx.device_id):
            continue
        lost = swept.setdefault(writer.user_id, {})
        if name in patchable:
            lost[name] = to_wire(row[name])
    return swept


def writable_row(tx: Tx, m: Mutation) -> dict[str, Any]:
    row = tx.load(m.entity, m.row_id)
    if row is None or not tx.principal.can_see(m.entity, row["owner_id"]):
        raise Rejection("not_found", "no such record")
    if not tx.principal.can_write(m.entity, row["owner_id"]):
        raise Rejection("forbidden", "you may not change this record")
    if frozen_report_id(tx, m.entity, row) is not None:
        raise Rejection("frozen_report", "the daily report is signed and frozen")
    return row

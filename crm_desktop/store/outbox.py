"""Record every change to a synced row as an outbox mutation, inside the same flush.

A `before_flush` hook on the store's sessions turns new, changed and soft-deleted synced
objects into outbox rows. Because the rows are added to the same session, they commit or
roll back together with the edit: a failed transaction leaves neither.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from crm_desktop.store.base import SERVER_OWNED, Synced, session_clock
from crm_desktop.store.models.local import OutboxEntry

# session.info keys
ACTOR_KEY = "actor_id"
COMMANDED_KEY = "commanded_rows"  # rows whose change travels as a named command instead


def to_json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def dumps(data: Mapping[str, Any]) -> str:
    # `default` converts only what json cannot write itself: no pass over every value.
    return json.dumps(data, ensure_ascii=False, default=to_json_value)


def create_patch(values: Mapping[str, Any]) -> str:
    """The patch of a `create` mutation: every column the server does not own."""
    return dumps({key: value for key, value in values.items() if key not in SERVER_OWNED})


def create_entry_row(entity: str, values: Mapping[str, Any], now: dt.datetime) -> dict[str, Any]:
    """The outbox row of a created record, for bulk inserts that bypass the ORM flush."""
    return {
        "name": "create",
        "entity": entity,
        "row_id": values["id"],
        "base_version": 0,
        "patch": create_patch(values),
        "base_values": None,
        "created_at": now,
        "attempts": 0,
    }


def _columns(obj: Synced) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs]


def _apply_defaults(obj: Synced) -> None:
    """Fill Python-side column defaults now, so the create patch carries real values.

    SQLAlchemy applies them only at INSERT time, after this hook has built the patch.
    """
    for attr in inspect(obj).mapper.column_attrs:
        column = attr.columns[0]
        default = column.default
        if default is None or getattr(obj, attr.key) is not None:
            continue
        if default.is_scalar:
            setattr(obj, attr.key, default.arg)
        elif default.is_callable:
            setattr(obj, attr.key, default.arg(None))


def _create_entry(obj: Synced) -> OutboxEntry:
    values = {key: getattr(obj, key) for key in _columns(obj)}
    return OutboxEntry(
        name="create",
        entity=obj.__sync_entity__,
        row_id=obj.id,
        base_version=0,
        patch=create_patch(values),
        base_values=None,
    )


def _update_entry(obj: Synced) -> OutboxEntry | None:
    state = inspect(obj)
    patch: dict[str, Any] = {}
    base: dict[str, Any] = {}
    for key in _columns(obj):
        if key in SERVER_OWNED:
            continue
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        new = history.added[0] if history.added else None
        old = history.deleted[0] if history.deleted else None
        if new == old:
            continue
        patch[key] = new
        base[key] = old
    if not patch:
        return None
    name = "delete" if patch.get("deleted") is True else "update"
    return OutboxEntry(
        name=name,
        entity=obj.__sync_entity__,
        row_id=obj.id,
        base_version=obj.version,
        patch=dumps(patch),
        base_values=dumps(base),
    )


def _stamp(session: Session, obj: Synced, *, created: bool) -> None:
    actor = session.info.get(ACTOR_KEY)
    now = session_clock(session).utcnow()
    obj.updated_at = now
    obj.updated_by = actor
    if created:
        obj.created_at = now
        obj.created_by = actor


@event.listens_for(Session, "before_flush")
def _record_mutations(session: Session, _context: Any, _instances: Any) -> None:
    if not session.info.get("outbox", False):
        return  # sessions that apply the server's feed must not echo it back
    commanded: set[tuple[str, str]] = session.info.get(COMMANDED_KEY, set())
    for obj in list(session.new):
        if isinstance(obj, Synced):
            _apply_defaults(obj)
            _stamp(session, obj, created=True)
            session.add(_create_entry(obj))
    for obj in list(session.dirty):
        if not isinstance(obj, Synced) or not session.is_modified(obj):
            continue
        if (obj.__sync_entity__, obj.id) in commanded:
            continue
        entry = _update_entry(obj)
        if entry is not None:
            _stamp(session, obj, created=False)
            session.add(entry)
    for obj in list(session.deleted):
        if isinstance(obj, Synced):
            raise RuntimeError(
                f"hard delete of synced {obj.__sync_entity__} {obj.id}: set deleted=True"
            )

"""One push transaction: the rows it touched, the conflicts it filed, and row helpers.

Rows are stamped with their `server_seq` only at the end (see `finish`), after every
business change, so the counter is the last thing a transaction takes before COMMIT.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert, select, update

from crm_desktop.domain.ids import uuid7
from crm_desktop.sync.entities import row_to_wire, to_wire
from crm_desktop.sync.protocol import ConflictRecord
from crm_desktop.sync.server import writers
from crm_desktop.sync.server.confidential import conflict_for_reader
from crm_desktop.sync.server.db import take_seqs
from crm_desktop.sync.server.schema import SYNCED, conflicts, scope_exits
from crm_desktop.sync.server.scope import OrgTree, Principal

WIRE_COLUMNS = {
    entity: [c.name for c in table.columns if c.name != "last_writers"]
    for entity, table in SYNCED.items()
}


class Rejection(Exception):
    """A business refusal of one mutation; the batch goes on."""

    def __init__(self, reason: str, message: str, message_zh: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        # The domain's Chinese words for a rule's refusal, filed with the inbox entry so
        # the laptop says why in the user's language (ui/sync/conflicts.py).
        self.message_zh = message_zh


@dataclass
class Tx:
    conn: Connection
    principal: Principal
    org: OrgTree
    now: dt.datetime
    dirty: dict[tuple[str, str], None] = field(default_factory=dict)
    new_conflicts: list[str] = field(default_factory=list)
    new_exits: list[int] = field(default_factory=list)
    # The pushing laptop, so `last_writers` tells one user's two laptops apart.
    device_id: str | None = None

    def table(self, entity: str) -> Table:
        return SYNCED[entity]

    def load(self, entity: str, row_id: str, *, lock: bool = True) -> dict[str, Any] | None:
        table = SYNCED[entity]
        query = select(table).where(table.c.id == row_id)
        if lock:
            query = query.with_for_update()
        row = self.conn.execute(query).mappings().first()
        return None if row is None else dict(row)

    def write(self, entity: str, row: dict[str, Any], changes: dict[str, Any]) -> int:
        """Apply `changes` to an existing row: bump version, stamp author, mark dirty."""
        table = SYNCED[entity]
        version = int(row["version"]) + 1
        values = {
            **changes,
            "version": version,
            "updated_at": self.now,
            "updated_by": self.principal.user_id,
            "last_writers": writers.stamped(
                row.get("last_writers"), changes, self.principal.user_id, self.device_id, version
            ),
        }
        self.conn.execute(update(table).where(table.c.id == row["id"]).values(**values))
        row.update(values)
        self.touch(entity, row["id"])
        return version

    def touch(self, entity: str, row_id: str) -> None:
        self.dirty[(entity, row_id)] = None

    def conflict(
        self,
        user_id: str,
        entity: str,
        row_id: str,
        kind: str,
        payload: dict[str, Any],
        snapshot: dict[str, Any] | None,
    ) -> ConflictRecord:
        """File an inbox entry for `user_id`; it reaches their laptop with the next pull."""
        reader = self.org.principal(user_id) if user_id in self.org.users else None
        payload, snapshot = conflict_for_reader(reader, entity, payload, snapshot)
        record = ConflictRecord(
            id=uuid7(),
            entity=entity,
            row_id=row_id,
            kind=kind,
            client_payload={k: to_wire(v) for k, v in payload.items()},
            server_snapshot=snapshot,
            created_at=self.now.isoformat(),
        )
        self.conn.execute(
            insert(conflicts).values(
                id=record.id,
                user_id=user_id,
                entity=entity,
                row_id=row_id,
                kind=kind,
                client_payload=json.dumps(record.client_payload, ensure_ascii=False),
                server_snapshot=None if snapshot is None else json.dumps(snapshot),
                created_at=self.now,
                resolved=False,
            )
        )
        self.new_conflicts.append(record.id)
        return record

    def scope_exit(self, user_id: str, entity: str, row_id: str) -> None:
        result = self.conn.execute(
            insert(scope_exits).values(
                user_id=user_id, entity=entity, row_id=row_id, created_at=self.now
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        self.new_exits.append(int(key[0]))

    def finish(self) -> None:
        """Take the seqs (last statement before COMMIT) and stamp every touched row."""
        total = len(self.dirty) + len(self.new_conflicts) + len(self.new_exits)
        if total == 0:
            return
        seq = take_seqs(self.conn, total)
        by_table: dict[str, list[dict[str, Any]]] = {}
        for entity, row_id in self.dirty:
            by_table.setdefault(entity, []).append({"b_id": row_id, "b_seq": seq})
            seq += 1
        for entity, params in by_table.items():
            self._stamp(SYNCED[entity], params)
        if self.new_conflicts:
            params = [{"b_id": cid, "b_seq": seq + i} for i, cid in enumerate(self.new_conflicts)]
            seq += len(params)
            self._stamp(conflicts, params)
        if self.new_exits:
            params = [{"b_id": eid, "b_seq": seq + i} for i, eid in enumerate(self.new_exits)]
            self._stamp(scope_exits, params)

    def _stamp(self, table: Table, params: list[dict[str, Any]]) -> None:
        self.conn.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(server_seq=bindparam("b_seq")),
            params,
        )


def snapshot(entity: str, row: dict[str, Any] | None) -> dict[str, Any] | None:
    """The row as the wire carries it (no server-only columns)."""
    return None if row is None else row_to_wire(row, WIRE_COLUMNS[entity])

"""Apply pulled ops to the laptop store: executemany upserts per table, purges, conflicts.

Pending local edits (outbox entries not yet acknowledged) are laid back over the rows
the feed just replaced, so the user keeps seeing their own unsynced changes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table, UniqueConstraint, select, text
from sqlalchemy.types import Boolean, Date, DateTime

from crm_desktop.store.models import OutboxEntry
from crm_desktop.sync.client.local import CURSOR, set_meta, storage_datetime, upsert_conflict
from crm_desktop.sync.entities import ENTITY_TABLES
from crm_desktop.sync.protocol import PullOp

Converter = Callable[[Any], Any]
OUTBOX: Table = OutboxEntry.__table__  # type: ignore[assignment]


def _to_storage(table: Table, column: str) -> Converter:
    """How a wire value is stored by SQLAlchemy's SQLite types, without the ORM."""
    col_type = table.c[column].type
    if isinstance(col_type, DateTime):
        return lambda v: None if v is None else storage_datetime(str(v))
    if isinstance(col_type, Boolean):
        return lambda v: None if v is None else int(bool(v))
    if isinstance(col_type, Date):
        return lambda v: None if v is None else str(v)[:10]
    return lambda v: v


class TablePlan:
    """A table's upsert statement and per-column converters, built once."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.columns = [c.name for c in table.columns]
        self.converters = [_to_storage(table, name) for name in self.columns]
        self.converting = [
            (i, conv)
            for i, (name, conv) in enumerate(zip(self.columns, self.converters, strict=True))
            if isinstance(table.c[name].type, DateTime | Boolean | Date)
        ]
        names = ", ".join(self.columns)
        marks = ", ".join("?" for _ in self.columns)
        # Plain INSERT and UPDATE rather than an UPSERT: an UPSERT's conflict clause
        # would override the INSERT OR REPLACE inside the laptop's search triggers.
        self.insert_sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"
        sets = ", ".join(f"{n} = ?" for n in self.columns if n != "id")
        self.update_sql = f"UPDATE {table.name} SET {sets} WHERE id = ?"
        self.id_index = self.columns.index("id")
        # A server row may take a natural key (one report per rep and day) that a
        # local, never-synced row holds: the server's wins; the local row's create is
        # refused by the server and lands in the inbox.
        self.yield_sql: list[tuple[str, list[int]]] = []
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint):
                keys = [c.name for c in constraint.columns]
                where = " AND ".join(f"{n} = ?" for n in keys)
                positions = [self.columns.index(n) for n in keys]
                sql = f"DELETE FROM {table.name} WHERE {where} AND id != ? AND version = 0"
                self.yield_sql.append((sql, positions))

    def values(self, row: dict[str, Any]) -> tuple[Any, ...]:
        values = [row.get(name) for name in self.columns]
        for index, conv in self.converting:  # only dates, times and booleans need it
            values[index] = conv(values[index])
        return tuple(values)

    def upsert(self, conn: Connection, rows: list[tuple[Any, ...]]) -> None:
        """Insert new rows and update known ones, each as one executemany."""
        latest = {row[self.id_index]: row for row in rows}  # last op of a row wins
        ids = list(latest)
        existing: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            existing.update(
                r[0]
                for r in conn.exec_driver_sql(
                    f"SELECT id FROM {self.table.name} WHERE id IN ({marks})", tuple(chunk)
                )
            )
        i = self.id_index
        updates = [(*r[:i], *r[i + 1 :], r[i]) for k, r in latest.items() if k in existing]
        inserts = [r for k, r in latest.items() if k not in existing]
        if updates:
            conn.exec_driver_sql(self.update_sql, updates)
        if inserts:
            for sql, positions in self.yield_sql:
                params = [(*[r[p] for p in positions], r[i]) for r in inserts]
                conn.exec_driver_sql(sql, params)
            conn.exec_driver_sql(self.insert_sql, inserts)

    def stored(self, patch: dict[str, Any]) -> dict[str, Any]:
        """A patch's values in storage form, for the known columns only."""
        index = {name: i for i, name in enumerate(self.columns)}
        return {k: self.converters[index[k]](v) for k, v in patch.items() if k in index}


PLANS = {entity: TablePlan(table) for entity, table in ENTITY_TABLES.items()}


def pending_patches(
    conn: Connection, keys: set[tuple[str, str]]
) -> dict[tuple[str, str], list[tuple[str, dict[str, Any]]]]:
    """Outbox entries (in order) for the given (entity, row id) pairs."""
    found: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    if not keys:
        return found
    rows = conn.execute(
        select(OUTBOX.c.entity, OUTBOX.c.row_id, OUTBOX.c.name, OUTBOX.c.patch).order_by(
            OUTBOX.c.mutation_id
        )
    )
    for entity, row_id, name, patch in rows:
        if (entity, row_id) in keys and name in ("update", "delete", "create"):
            found[(entity, row_id)].append((name, json.loads(patch)))
    return found


@contextmanager
def granted(conn: Connection, report_ids: Iterable[str | None]) -> Iterator[None]:
    """The server is authoritative: its changes to signed reports pass the freeze trigger.

    Every write of the server's state -- a pull page, a push result written back -- runs
    inside this grant for the reports it touches; the grant rows live only inside the
    caller's transaction (removed on the way out, rolled back with it on failure).
    """
    ids = sorted({r for r in report_ids if r})
    if ids:
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO report_reopen_grants (report_id) VALUES (?)",
            [(r,) for r in ids],
        )
    yield
    if ids:
        conn.exec_driver_sql(
            "DELETE FROM report_reopen_grants WHERE report_id = ?", [(r,) for r in ids]
        )


def reports_of(conn: Connection, entity: str, row_id: str, row: dict[str, Any] | None) -> list[str]:
    """The reports whose freeze a write of (entity, row_id) -> `row` may meet: the report
    itself, or a visit's report before and after."""
    if entity == "daily_report":
        return [row_id]
    if entity != "visit_record":
        return []
    ids = [str(row["report_id"])] if row is not None and row.get("report_id") else []
    table = ENTITY_TABLES["visit_record"]
    local = conn.execute(select(table.c.report_id).where(table.c.id == row_id)).scalar()
    return [*ids, str(local)] if local else ids


def _report_ids(conn: Connection, ops: Sequence[PullOp]) -> list[str]:
    ids: list[str] = []
    visit_ids = []
    for op in ops:
        if op.entity == "daily_report":
            ids.append(op.id)
        elif op.entity == "visit_record":
            if op.row is not None:
                ids.append(str(op.row.get("report_id")))
            visit_ids.append(op.id)
    if visit_ids:  # a visit moving away from (or purged out of) a signed report
        table = ENTITY_TABLES["visit_record"]
        for start in range(0, len(visit_ids), 500):
            chunk = visit_ids[start : start + 500]
            ids.extend(
                str(r)
                for r in conn.execute(
                    select(table.c.report_id).where(table.c.id.in_(chunk))
                ).scalars()
            )
    return ids


def overlay(conn: Connection, keys: set[tuple[str, str]]) -> None:
    """Re-apply pending local edits of these rows over what the server sent."""
    for (entity, row_id), entries in pending_patches(conn, keys).items():
        plan = PLANS.get(entity)
        if plan is None:
            continue
        for name, patch in entries:
            values = plan.stored({k: v for k, v in patch.items() if k != "id"})
            if name == "create" or not values:
                continue  # the server holds the create already; its row is the truth
            sets = ", ".join(f"{k} = :{k}" for k in values)
            conn.execute(
                text(f"UPDATE {plan.table.name} SET {sets} WHERE id = :_id"),
                {**values, "_id": row_id},
            )


def apply_ops(conn: Connection, ops: Sequence[PullOp]) -> None:
    """Apply one page of ops inside the caller's transaction."""
    with granted(conn, _report_ids(conn, ops)):
        _apply_ops(conn, ops)


def _apply_ops(conn: Connection, ops: Sequence[PullOp]) -> None:
    upserts: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    touched: set[tuple[str, str]] = set()
    for op in ops:
        if op.entity == "conflict":
            if op.row is not None:
                upsert_conflict(conn, op.row)
            continue
        plan = PLANS.get(op.entity)
        if plan is None:
            continue  # an entity this laptop version does not know
        touched.add((op.entity, op.id))
        if op.op == "purge":
            _flush(conn, upserts)
            conn.exec_driver_sql(f"DELETE FROM {plan.table.name} WHERE id = ?", (op.id,))
        elif op.row is not None:
            upserts[op.entity].append(plan.values(op.row))
    _flush(conn, upserts)
    overlay(conn, touched)


def _flush(conn: Connection, upserts: dict[str, list[tuple[Any, ...]]]) -> None:
    for entity, rows in upserts.items():
        if rows:
            PLANS[entity].upsert(conn, rows)
    upserts.clear()


def apply_page(
    conn: Connection,
    ops: Sequence[PullOp],
    next_since: int,
    before_cursor: Callable[[], None] | None = None,
) -> None:
    """A page and its cursor in the caller's one transaction: a crash re-fetches the page."""
    apply_ops(conn, ops)
    if before_cursor is not None:
        before_cursor()  # tests kill the client here; the transaction then rolls back
    set_meta(conn, CURSOR, str(next_since))

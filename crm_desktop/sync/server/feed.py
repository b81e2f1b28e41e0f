"""The change feed: scoped pull pages in server_seq order, checksums, tombstone purge."""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

from sqlalchemy import (
    BigInteger,
    BindParameter,
    Connection,
    Integer,
    Select,
    String,
    Table,
    and_,
    bindparam,
    delete,
    insert,
    literal,
    or_,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.sql.elements import ColumnElement

from crm_desktop.store.base import utcnow
from crm_desktop.sync.content import (
    CHECKSUM_COLUMNS,
    id_version_checksum,
    set_checksum,
    stored_form,
)
from crm_desktop.sync.entities import REFERENCE_ENTITIES
from crm_desktop.sync.protocol import ChecksumResponse, EntityChecksum, PullOp, PullResponse
from crm_desktop.sync.server.account_teams import customer_of, grant_clause, granted_customers
from crm_desktop.sync.server.confidential import conflict_for_reader, for_reader
from crm_desktop.sync.server.db import counter
from crm_desktop.sync.server.schema import (
    SYNCED,
    conflicts,
    devices,
    report_reopen_grants,
    scope_exits,
)
from crm_desktop.sync.server.scope import Principal
from crm_desktop.sync.server.tx import WIRE_COLUMNS, snapshot

TOMBSTONE_RETENTION = dt.timedelta(days=90)
DEVICE_STALE_AFTER = dt.timedelta(days=60)
# A device's last_seen is refreshed at most this often by pulls that move nothing.
DEVICE_TOUCH_EVERY = dt.timedelta(minutes=10)


class CursorGone(Exception):
    """The cursor is below the tombstone horizon: the laptop must re-download (410)."""


# The page queries are built once and bound per request: building SQLAlchemy statements
# over every synced table cost more CPU than running them when 50 laptops pull at once.
_SINCE: BindParameter[int] = bindparam("since", type_=BigInteger)
_UPTO: BindParameter[int] = bindparam("upto", type_=BigInteger)
_LIMIT: BindParameter[int] = bindparam("limit", type_=Integer)
_VISIBLE: BindParameter[str] = bindparam("visible", expanding=True, type_=String)
_USER: BindParameter[str] = bindparam("user_id", type_=String)
_TEAM: BindParameter[str] = bindparam("team_id", type_=String)


def _scope(table: Table, entity: str, scoped: bool) -> list[ColumnElement[bool]]:
    if entity in REFERENCE_ENTITIES or not scoped:
        return []
    also = _also_seen(table, entity)
    if also:
        return [or_(table.c.owner_id.in_(_VISIBLE), *also)]
    return [table.c.owner_id.in_(_VISIBLE)]


def _also_seen(table: Table, entity: str) -> list[ColumnElement[bool]]:
    """Rows a user sees besides their scope's owners'."""
    found: list[ColumnElement[bool]] = []
    if entity == "lead":  # a lead in its team's pool: every member too (domain/leads.py)
        found.append(and_(table.c.in_pool.is_(True), table.c.team_id == _TEAM))
    granted = grant_clause(table, entity, _USER)  # an account whose team they are on
    if granted is not None:
        found.append(granted)
    return found


def _seq_window(table: Table) -> list[ColumnElement[bool]]:
    return [table.c.server_seq > _SINCE, table.c.server_seq <= _UPTO]


@functools.cache
def _page_plan_query(scoped: bool) -> Select[Any]:
    parts = [
        select(literal(entity).label("source"), table.c.server_seq.label("seq")).where(
            *_seq_window(table), *_scope(table, entity, scoped)
        )
        for entity, table in SYNCED.items()
    ]
    for source, table in (("conflict", conflicts), ("purge", scope_exits)):
        parts.append(
            select(literal(source).label("source"), table.c.server_seq.label("seq")).where(
                table.c.user_id == _USER, *_seq_window(table)
            )
        )
    return select(union_all(*parts).subquery()).order_by("seq").limit(_LIMIT)


@functools.cache
def _rows_query(entity: str, scoped: bool) -> Select[Any]:
    table = SYNCED[entity]
    return (
        select(*[table.c[name] for name in WIRE_COLUMNS[entity]])
        .where(*_seq_window(table), *_scope(table, entity, scoped))
        .order_by(table.c.server_seq)
    )


def _params(principal: Principal, since: int, upto: int) -> dict[str, Any]:
    visible = sorted(principal.visible) if principal.visible is not None else []
    return {
        "since": since,
        "upto": upto,
        "visible": visible,
        "user_id": principal.user_id,
        "team_id": principal.team_id,
    }


def _page_plan(
    conn: Connection, principal: Principal, since: int, upto: int, limit: int
) -> tuple[set[str], int, bool]:
    """One query over every source: which sources the page touches, where it ends, and
    whether more follows. Seqs are unique across tables, so the page is exact."""
    query = _page_plan_query(principal.visible is not None)
    found = conn.execute(query, {**_params(principal, since, upto), "limit": limit + 1}).all()
    has_more = len(found) > limit
    page = found[:limit]
    end = int(page[-1][1]) if has_more else upto
    return {str(r[0]) for r in page}, end, has_more


def _row_ops(
    conn: Connection, principal: Principal, since: int, upto: int, sources: set[str]
) -> list[PullOp]:
    ops: list[PullOp] = []
    params = _params(principal, since, upto)
    for entity in SYNCED:
        if entity not in sources:
            continue
        query = _rows_query(entity, principal.visible is not None)
        for row in conn.execute(query, params).mappings():
            wire = snapshot(entity, dict(row))
            assert wire is not None
            wire = for_reader(principal, entity, wire)
            ops.append(
                # Built by the server from typed rows: no need to validate again.
                PullOp.model_construct(
                    op="delete" if row["deleted"] else "upsert",
                    entity=entity,
                    id=row["id"],
                    seq=row["server_seq"],
                    row=wire,
                )
            )
    return ops


def _meta_ops(
    conn: Connection, principal: Principal, since: int, upto: int, sources: set[str]
) -> list[PullOp]:
    ops: list[PullOp] = []
    if "conflict" not in sources and "purge" not in sources:
        return ops
    query = (
        select(conflicts)
        .where(
            conflicts.c.user_id == principal.user_id,
            conflicts.c.server_seq > since,
            conflicts.c.server_seq <= upto,
        )
        .order_by(conflicts.c.server_seq)
    )
    for row in conn.execute(query).mappings():
        ops.append(
            PullOp(
                op="upsert",
                entity="conflict",
                id=row["id"],
                seq=row["server_seq"],
                row=conflict_wire(row, principal),
            )
        )
    exits = (
        select(scope_exits)
        .where(
            scope_exits.c.user_id == principal.user_id,
            scope_exits.c.server_seq > since,
            scope_exits.c.server_seq <= upto,
        )
        .order_by(scope_exits.c.server_seq)
    )
    exit_rows = list(conn.execute(exits).mappings())
    back = _back_in_scope(conn, principal, exit_rows)
    for row in exit_rows:
        if (row["entity"], row["row_id"]) in back:
            continue
        ops.append(
            PullOp(op="purge", entity=row["entity"], id=row["row_id"], seq=row["server_seq"])
        )
    return ops


def _back_in_scope(
    conn: Connection, principal: Principal, exits: list[Any]
) -> set[tuple[str, str]]:
    """The exited rows the user may see again (handed over and back): their purge is void.

    A handover out and back in one transaction stamps the row before its scope exits, so
    the purge would follow the row's last upsert and hide it for good, a re-download
    included. The row as it stands now decides; its current state reaches the laptop
    through its own seq, earlier or later."""
    wanted: dict[str, list[str]] = {}
    for row in exits:
        if row["entity"] in SYNCED:
            wanted.setdefault(row["entity"], []).append(row["row_id"])
    back: set[tuple[str, str]] = set()
    granted = granted_customers(conn, principal.user_id) if wanted else frozenset()
    for entity, ids in wanted.items():
        table = SYNCED[entity]
        found = conn.execute(select(table).where(table.c.id.in_(ids))).mappings()
        back.update((entity, r["id"]) for r in found if _sees(principal, entity, r, granted))
    return back


def _sees(principal: Principal, entity: str, row: Any, granted: frozenset[str]) -> bool:
    if principal.can_see_row(entity, dict(row)):
        return True
    customer = customer_of(entity, row)
    return customer is not None and customer in granted


def conflict_wire(row: Any, principal: Principal) -> dict[str, Any]:
    # Filtered again as served: an entry filed before the rule, or whose reader has since
    # lost sight of the owner, shows no more than the row itself would.
    payload, snap = conflict_for_reader(
        principal,
        row["entity"],
        json.loads(row["client_payload"]),
        json.loads(row["server_snapshot"]) if row["server_snapshot"] else None,
    )
    return {
        "id": row["id"],
        "entity": row["entity"],
        "row_id": row["row_id"],
        "kind": row["kind"],
        "client_payload": payload,
        "server_snapshot": snap,
        "created_at": row["created_at"].isoformat(),
        "resolved": bool(row["resolved"]),
    }


def pull(
    conn: Connection,
    principal: Principal,
    device_id: str,
    since: int,
    limit: int,
    *,
    counted: tuple[int, int, str] | None = None,
    device_cursor: tuple[int, dt.datetime | None] | None = None,
) -> PullResponse:
    """One page of the user's feed after `since`; CursorGone below the horizon.

    `counted`: the counter as the caller already read it in this transaction;
    `device_cursor`: the device's stored (last pulled seq, last seen), likewise."""
    # Only seqs up to the committed counter value are read: every row at or below it is
    # committed, so the page never runs ahead of a transaction still in flight.
    upto, horizon, epoch = counted or counter(conn)
    if 0 < since < horizon:
        raise CursorGone()
    sources: set[str] = set()
    if since >= upto:  # nothing committed since: the common no-op sync
        end, has_more = since, False
    else:
        sources, end, has_more = _page_plan(conn, principal, since, upto, limit)
    page = _row_ops(conn, principal, since, end, sources)
    page += _meta_ops(conn, principal, since, end, sources)
    page.sort(key=lambda op: op.seq)
    next_since = end if has_more else max(upto, since)
    _record_cursor(conn, principal, device_id, since, device_cursor)
    return PullResponse(ops=page, next_since=next_since, has_more=has_more, epoch=epoch)


def _record_cursor(
    conn: Connection,
    principal: Principal,
    device_id: str,
    since: int,
    stored: tuple[int, dt.datetime | None] | None,
) -> None:
    """Remember how far the device has pulled (the tombstone purge waits for it).

    A pull that moved nothing (the same cursor, seen lately) writes nothing, so the
    common no-op sync stays a read-only transaction. The cursor is advisory: a crash that
    loses its last update leaves an older cursor, which only makes the purge wait longer,
    so on PostgreSQL the write does not wait for the WAL flush (with 50 laptops pulling,
    those flushes were each pull's largest cost).
    """
    now = utcnow()
    if stored is not None:
        cursor, seen = stored
        if cursor == since and seen is not None and now - seen < DEVICE_TOUCH_EVERY:
            return
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL synchronous_commit TO OFF"))
    conn.execute(
        update(devices)
        .where(devices.c.id == device_id, devices.c.user_id == principal.user_id)
        .values(last_pulled_seq=since, last_seen=now)
    )


def checksum(conn: Connection, principal: Principal, *, content: bool = True) -> ChecksumResponse:
    """Per entity: count and order-independent hash of the live rows' content, each row
    as this user's pull hands it to them (confidential fields blanked alike); with
    `content` False, of their (id, version) pairs, for laptops that predate it."""
    upto, _horizon, _epoch = counter(conn)
    entities: dict[str, EntityChecksum] = {}
    scoped = principal.visible is not None
    for entity, table in SYNCED.items():
        columns = CHECKSUM_COLUMNS[entity] if content else ("id", "version")
        rows = conn.execute(
            select(*[table.c[name] for name in columns]).where(
                table.c.deleted.is_(False),
                table.c.server_seq <= upto,
                *_scope(table, entity, scoped),
            ),
            _params(principal, 0, upto),
        ).mappings()
        if content:
            count, digest = set_checksum(
                stored_form(entity, [read[name] for name in columns])
                for read in (for_reader(principal, entity, dict(row)) for row in rows)
            )
        else:
            count, digest = id_version_checksum((r["id"], int(r["version"])) for r in rows)
        entities[entity] = EntityChecksum(count=count, hash=digest)
    return ChecksumResponse(upto_seq=upto, entities=entities)


def purge_tombstones(conn: Connection, now: dt.datetime | None = None) -> int:
    """Hard-delete tombstones older than 90 days that every active device has pulled.

    Devices unseen for 60 days do not hold the purge back; they get 410 and re-download.
    """
    now = now or utcnow()
    upto, horizon, _epoch = counter(conn)
    cursors = (
        conn.execute(
            select(devices.c.last_pulled_seq).where(
                devices.c.revoked.is_(False), devices.c.last_seen >= now - DEVICE_STALE_AFTER
            )
        )
        .scalars()
        .all()
    )
    # A cursor has seen every seq at or below it.
    seen = min([upto, *[int(c) for c in cursors]])
    cutoff = now - TOMBSTONE_RETENTION
    purged, top = 0, horizon
    for entity, table in SYNCED.items():
        where = (table.c.deleted.is_(True), table.c.updated_at < cutoff, table.c.server_seq <= seen)
        seqs = conn.execute(select(table.c.server_seq).where(*where)).scalars().all()
        if not seqs:
            continue
        if entity == "visit_record":  # tombstones of a since-signed report's visits
            _grant_reports(conn, table, where)
        purged += conn.execute(delete(table).where(*where)).rowcount
        top = max(top, *[int(s) for s in seqs])
    conn.execute(delete(report_reopen_grants))
    old_exits = (scope_exits.c.created_at < cutoff, scope_exits.c.server_seq <= seen)
    conn.execute(delete(scope_exits).where(*old_exits))
    conn.execute(update_horizon(top))
    return purged


def _grant_reports(conn: Connection, table: Table, where: Any) -> None:
    report_ids = set(conn.execute(select(table.c.report_id).where(*where)).scalars())
    for report_id in report_ids:
        conn.execute(insert(report_reopen_grants).values(report_id=report_id))


def update_horizon(top: int) -> Any:
    from crm_desktop.sync.server.schema import sync_counter

    return update(sync_counter).where(sync_counter.c.id == 1).values(horizon=top)

"""Enqueueing team events in the outbox, inside the transaction of what caused them.

A push enqueues from `after_mutation` (called in the mutation's savepoint, so a rejected
mutation leaves nothing behind); the periodic scan (`scan.py`) from its own transaction.
Enqueueing is a read of the team's channels and an INSERT ... ON CONFLICT DO NOTHING: it
never sends anything, never waits for a receiver, and an error in it is logged and
swallowed (in a savepoint of its own) rather than failing the write that caused it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, case, func, select
from sqlalchemy.dialects import postgresql, sqlite

from crm_desktop.domain.org import Hierarchy
from crm_desktop.domain.picklists import Severity
from crm_desktop.sync.protocol import Mutation
from crm_desktop.sync.server.notifications.tables import channels, outbox
from crm_desktop.sync.server.schema import SYNCED
from crm_desktop.sync.server.tx import Tx

log = logging.getLogger(__name__)

REPORT_SUBMITTED = "report_submitted"
REPORT_RETURNED = "report_returned"
REPORT_LATE = "report_late"
MARKET_CRITICAL = "market_critical"
COMPLAINT_OVERDUE = "complaint_overdue"
TEST = "test"
# Every event a channel may subscribe to, with its names (Chinese, English).
EVENTS: dict[str, tuple[str, str]] = {
    REPORT_SUBMITTED: ("日报已提交", "Daily report submitted"),
    REPORT_RETURNED: ("日报被退回", "Daily report returned"),
    REPORT_LATE: ("日报逾期未交", "Daily report late"),
    MARKET_CRITICAL: ("紧急市场情况", "Critical market report"),
    COMPLAINT_OVERDUE: ("客户投诉逾期", "Complaint overdue"),
}


@dataclass(frozen=True)
class Notice:
    """One event of one team. `facts` is called only when a channel listens, so an event
    nobody subscribed to costs one small read."""

    event: str
    team_id: str | None
    dedupe_key: str
    facts: Callable[[], dict[str, Any]]


def parse_events(text: str | None) -> frozenset[str] | None:
    """A channel's events filter: None (every event) or the named events."""
    if text is None or not text.strip():
        return None
    return frozenset(part.strip() for part in text.split(",") if part.strip())


def subscribed(filter_text: str | None, event: str) -> bool:
    chosen = parse_events(filter_text)
    return event == TEST or chosen is None or event in chosen


def teams_up(hierarchy: Hierarchy, team_id: str | None) -> list[str]:
    """The team and every team above it: a manager's channel on a parent team hears the
    events of the teams below."""
    found: list[str] = []
    team = team_id
    while team is not None and team not in found:
        found.append(team)
        parent = hierarchy.teams.get(team)
        team = parent.parent_id if parent is not None else None
    return found


def enqueue(conn: Connection, hierarchy: Hierarchy, notice: Notice, now: dt.datetime) -> int:
    """Enqueue `notice` once per enabled channel that hears it; how many channels did."""
    teams = teams_up(hierarchy, notice.team_id)
    if not teams:
        return 0
    rows = conn.execute(
        select(channels.c.id, channels.c.events).where(
            channels.c.team_id.in_(teams), channels.c.enabled.is_(True)
        )
    ).all()
    targets = [int(r.id) for r in rows if subscribed(r.events, notice.event)]
    if not targets:
        return 0
    payload = json.dumps({"event": notice.event, **notice.facts()}, ensure_ascii=False)
    values = [
        {
            "channel_id": channel_id,
            "event": notice.event,
            "payload": payload,
            "dedupe_key": notice.dedupe_key[:200],
            "attempts": 0,
            "next_attempt_at": None,
            "created_at": now,
        }
        for channel_id in targets
    ]
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(outbox).on_conflict_do_nothing(
        index_elements=["channel_id", "dedupe_key"]
    )
    conn.execute(statement, values)
    return len(targets)


def enqueue_safely(
    conn: Connection, hierarchy: Hierarchy, notices: Iterable[Notice], now: dt.datetime
) -> None:
    """`enqueue` in a savepoint of its own: a failure loses the notice, not the write."""
    for notice in notices:
        savepoint = conn.begin_nested()
        try:
            enqueue(conn, hierarchy, notice, now)
            savepoint.commit()
        except Exception:  # a database refusal or a fact that would not read: never the push's
            savepoint.rollback()
            log.exception("could not enqueue the %s notification", notice.event)


# --- what a push causes ---------------------------------------------------------------


def after_mutation(tx: Tx, m: Mutation) -> None:
    """Enqueue what the applied mutation `m` caused: a report submitted or returned, a
    market report made critical. Called in the mutation's savepoint (push._dispatch)."""
    if m.name in ("submit_report", "return_report"):
        notices = _report_notice(tx, m)
    elif m.entity == "market_report" and m.name in ("create", "update"):
        notices = _market_notice(tx, m)
    else:
        return
    enqueue_safely(tx.conn, tx.org.hierarchy, notices, tx.now)


def _report_notice(tx: Tx, m: Mutation) -> list[Notice]:
    row = tx.load("daily_report", m.row_id, lock=False)
    if row is None:
        return []
    event = REPORT_SUBMITTED if m.name == "submit_report" else REPORT_RETURNED
    team = tx.org.team_of(row["owner_id"]) or row.get("team_id")
    reviewer = tx.principal.user_id

    def facts() -> dict[str, Any]:
        found = report_facts(tx.conn, row, team)
        if event == REPORT_RETURNED:
            found["reviewer"] = display_name(tx.conn, reviewer)
            found["comment"] = row.get("review_comment") or ""
        return found

    # A resubmission after a return is a new event: the version tells them apart.
    return [Notice(event, team, f"{event}:{row['id']}:{row['version']}", facts)]


def _market_notice(tx: Tx, m: Mutation) -> list[Notice]:
    row = tx.load("market_report", m.row_id, lock=False)
    if row is None or row["deleted"] or row["severity"] != Severity.CRITICAL.value:
        return []
    team = tx.org.team_of(row["owner_id"]) or row.get("team_id")

    def facts() -> dict[str, Any]:
        return {
            **common_facts(tx.conn, row["owner_id"], team),
            "date": row["report_date"].isoformat(),
            "market_report_id": row["id"],
            "category": row["category"],
            "severity": row["severity"],
            "region": row.get("region") or "",
            "customer": customer_name(tx.conn, row.get("customer_id")),
            "description": row.get("description") or "",
            "suggested_action": row.get("suggested_action") or "",
        }

    # Once per market report, however often it is edited while critical.
    return [Notice(MARKET_CRITICAL, team, f"{MARKET_CRITICAL}:{row['id']}", facts)]


# --- the facts a message tells ----------------------------------------------------------


def display_name(conn: Connection, user_id: str | None) -> str:
    users = SYNCED["user"]
    if user_id is None:
        return ""
    found = conn.execute(
        select(users.c.display_name, users.c.username).where(users.c.id == user_id)
    ).first()
    return "" if found is None else str(found[0] or found[1])


def team_name(conn: Connection, team_id: str | None) -> str:
    teams = SYNCED["team"]
    if team_id is None:
        return ""
    found = conn.execute(select(teams.c.name).where(teams.c.id == team_id)).scalar()
    return "" if found is None else str(found)


def customer_name(conn: Connection, customer_id: str | None) -> str:
    customers = SYNCED["customer"]
    if customer_id is None:
        return ""
    found = conn.execute(select(customers.c.name).where(customers.c.id == customer_id)).scalar()
    return "" if found is None else str(found)


def common_facts(conn: Connection, owner_id: str, team_id: str | None) -> dict[str, Any]:
    return {
        "team_id": team_id,
        "team": team_name(conn, team_id),
        "rep_id": owner_id,
        "rep": display_name(conn, owner_id),
    }


def report_facts(conn: Connection, row: dict[str, Any], team_id: str | None) -> dict[str, Any]:
    """A daily report's day in figures: what a supervisor reads in the group."""
    visits = SYNCED["visit_record"]
    count, effective, orders, collections = conn.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((visits.c.is_effective.is_(True), 1), else_=0)), 0),
            func.coalesce(func.sum(visits.c.order_amount_fen), 0),
            func.coalesce(func.sum(visits.c.collection_amount_fen), 0),
        ).where(visits.c.report_id == row["id"], visits.c.deleted.is_(False))
    ).one()
    due, submitted = row.get("due_at"), row.get("submitted_at")
    return {
        **common_facts(conn, row["owner_id"], team_id),
        "date": row["report_date"].isoformat(),
        "report_id": row["id"],
        "status": row["status"],
        "visits": int(count),
        "effective_visits": int(effective),
        "orders_fen": int(orders),
        "collections_fen": int(collections),
        "late": bool(due and submitted and submitted > due),
    }

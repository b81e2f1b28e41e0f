"""The time-based events, found by a periodic scan on the injected clock: a rep's daily
report not submitted by its due hour (a workday, not yet submitted), and a complaint past
its due date still waiting for the company. Each is enqueued once per channel (its dedupe
key names the rep and day, or the complaint and its due date), however often the scan
runs and however many server processes run it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Engine, select

from crm_desktop.domain.clock import Clock
from crm_desktop.domain.complaints import PENDING, complaint_is_overdue
from crm_desktop.domain.lateness import due_at, is_workday
from crm_desktop.domain.picklists import ReportStatus, Role
from crm_desktop.domain.policy import POLICY_COLUMNS, effective_policy
from crm_desktop.sync.server.notifications.events import (
    COMPLAINT_OVERDUE,
    REPORT_LATE,
    Notice,
    common_facts,
    customer_name,
    enqueue_safely,
    parse_events,
)
from crm_desktop.sync.server.notifications.tables import channels
from crm_desktop.sync.server.schema import SYNCED
from crm_desktop.sync.server.scope import OrgTree

REPORTS = SYNCED["daily_report"]
COMPLAINTS = SYNCED["complaint"]
USERS = SYNCED["user"]


def scan(engine: Engine, clock: Clock) -> int:
    """Enqueue the time-based events due now; how many notices were offered."""
    with engine.begin() as conn:
        wanted = _scanned_teams(conn)
        if not wanted:
            return 0
        org = OrgTree.load(conn)
        notices: list[Notice] = []
        if wanted[REPORT_LATE]:
            notices += _late_reports(conn, org, wanted[REPORT_LATE], clock)
        if wanted[COMPLAINT_OVERDUE]:
            notices += _overdue_complaints(conn, org, wanted[COMPLAINT_OVERDUE], clock)
        # One bad row must not hold back every other notice, scan after scan.
        enqueue_safely(conn, org.hierarchy, notices, clock.utcnow())
    return len(notices)


def _scanned_teams(conn: Connection) -> dict[str, set[str]]:
    """Per time-based event, the teams whose enabled channels hear it (empty: none)."""
    found: dict[str, set[str]] = {REPORT_LATE: set(), COMPLAINT_OVERDUE: set()}
    for team_id, events in conn.execute(
        select(channels.c.team_id, channels.c.events).where(channels.c.enabled.is_(True))
    ):
        chosen = parse_events(events)
        for event, teams in found.items():
            if chosen is None or event in chosen:
                teams.add(team_id)
    return found if any(found.values()) else {}


def _under(org: OrgTree, teams: set[str]) -> set[str]:
    return {t for team in teams for t in org.hierarchy.teams_under(team)}


def _late_reports(conn: Connection, org: OrgTree, teams: set[str], clock: Clock) -> list[Notice]:
    today = clock.today()
    if not is_workday(today):
        return []
    now = clock.utcnow()
    reps = [
        user
        for team in _under(org, teams)
        for user in org.hierarchy.users.values()
        if user.team_id == team and user.role is Role.REP
    ]
    if not reps:
        return []
    active = {
        str(r[0])
        for r in conn.execute(
            select(USERS.c.id).where(USERS.c.id.in_([u.id for u in reps]), USERS.c.active.is_(True))
        )
    }
    submitted = {
        str(r[0])
        for r in conn.execute(
            select(REPORTS.c.owner_id).where(
                REPORTS.c.report_date == today,
                REPORTS.c.deleted.is_(False),
                REPORTS.c.status != ReportStatus.DRAFT.value,
                REPORTS.c.owner_id.in_(list(active)),
            )
        )
    }
    policies, parents = _policies(conn, org)
    notices = []
    for rep in reps:
        if rep.id not in active or rep.id in submitted:
            continue
        due_hour = effective_policy(rep.team_id, policies, parents).report_due_hour
        deadline = due_at(today, due_hour, clock)
        if now <= deadline:
            continue
        due_local = clock.to_local(deadline).strftime("%Y-%m-%d %H:%M")
        notices.append(
            Notice(
                REPORT_LATE,
                rep.team_id,
                f"{REPORT_LATE}:{rep.id}:{today.isoformat()}",
                _late_facts(conn, rep.id, rep.team_id, today, due_local),
            )
        )
    return notices


def _late_facts(
    conn: Connection, rep_id: str, team_id: str | None, day: dt.date, due_local: str
) -> Any:
    def facts() -> dict[str, Any]:
        return {
            **common_facts(conn, rep_id, team_id),
            "date": day.isoformat(),
            "due_local": due_local,
        }

    return facts


def _policies(
    conn: Connection, org: OrgTree
) -> tuple[dict[str | None, dict[str, object]], dict[str, str | None]]:
    table = SYNCED["team_policy"]
    rows = conn.execute(
        select(table.c.team_id, *[table.c[name] for name in POLICY_COLUMNS]).where(
            table.c.deleted.is_(False)
        )
    ).mappings()
    policies = {r["team_id"]: {name: r[name] for name in POLICY_COLUMNS} for r in rows}
    parents = {t.id: t.parent_id for t in org.hierarchy.teams.values()}
    return policies, parents


def _overdue_complaints(
    conn: Connection, org: OrgTree, teams: set[str], clock: Clock
) -> list[Notice]:
    today = clock.today()
    rows = conn.execute(
        select(COMPLAINTS).where(
            COMPLAINTS.c.deleted.is_(False),
            COMPLAINTS.c.status.in_([s.value for s in PENDING]),
            COMPLAINTS.c.due_on < today,
        )
    ).mappings()
    scope = _under(org, teams)
    notices = []
    for row in rows:
        team = org.team_of(row["owner_id"]) or row["team_id"]
        if team not in scope or not complaint_is_overdue(row["status"], row["due_on"], today):
            continue
        notices.append(
            Notice(
                COMPLAINT_OVERDUE,
                team,
                f"{COMPLAINT_OVERDUE}:{row['id']}:{row['due_on'].isoformat()}",
                _complaint_facts(conn, dict(row), team),
            )
        )
    return notices


def _complaint_facts(conn: Connection, row: dict[str, Any], team: str | None) -> Any:
    def facts() -> dict[str, Any]:
        return {
            **common_facts(conn, row["owner_id"], team),
            "complaint_id": row["id"],
            "customer": customer_name(conn, row["customer_id"]),
            "category": row["category"],
            "severity": row["severity"],
            "status": row["status"],
            "received_on": row["received_on"].isoformat(),
            "due_on": row["due_on"].isoformat(),
            "description": row["description"] or "",
        }

    return facts

"""The daily report's history: every submit, sign, return and reopen with who, when, why.

Kept on the report as a JSON list, appended by the same transaction that changes the
report's status (on the laptop for the user's own action, and by the server's command,
whose row is the authoritative one). A reopen's reason therefore survives the next
sign-off, which overwrites the review comment (SPEC §2.3: reopens are audited).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class ReportEvent:
    action: str  # a ReportAction code: submit, sign, return, reopen
    at: dt.datetime  # UTC
    by: str  # user id
    comment: str | None = None  # the sign-off comment, the return's or the reopen's reason


def parse_history(stored: str | None) -> list[ReportEvent]:
    """The events in order; an empty list for a report with no history (or unreadable)."""
    if not stored:
        return []
    try:
        raw = json.loads(stored)
        return [
            ReportEvent(
                str(e["action"]), dt.datetime.fromisoformat(e["at"]), str(e["by"]), e.get("comment")
            )
            for e in raw
        ]
    except (ValueError, TypeError, KeyError):
        return []  # a damaged log must not keep the report from opening


def append_event(
    stored: str | None, action: str, at: dt.datetime, by: str, comment: str | None = None
) -> str:
    """`stored` with one more event, as the JSON to store."""
    events = [
        {"action": e.action, "at": e.at.isoformat(), "by": e.by, "comment": e.comment}
        for e in parse_history(stored)
    ]
    events.append({"action": action, "at": at.isoformat(), "by": by, "comment": comment})
    return json.dumps(events, ensure_ascii=False)

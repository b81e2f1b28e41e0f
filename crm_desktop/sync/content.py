"""Content hash and checksum functions both ends compute identically.

The sign-off compare-and-set (SYNC.md) compares a report's version and the hash of what
the supervisor saw: the report's own content and its live visit records.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from crm_desktop.store.base import SERVER_OWNED
from crm_desktop.sync.entities import ENTITY_TABLES, WORKFLOW_FIELDS, to_wire

# Columns that are not "what was signed": bookkeeping and the workflow fields themselves.
_NOT_CONTENT = SERVER_OWNED | WORKFLOW_FIELDS["daily_report"] | {"deleted", "server_seq"}
REPORT_CONTENT = sorted(
    c.name for c in ENTITY_TABLES["daily_report"].columns if c.name not in _NOT_CONTENT
)
VISIT_CONTENT = sorted(
    c.name
    for c in ENTITY_TABLES["visit_record"].columns
    if c.name not in SERVER_OWNED | {"deleted", "server_seq"}
)


def _canonical(row: Mapping[str, Any], columns: list[str]) -> list[Any]:
    values = []
    for name in columns:
        value = to_wire(row.get(name))
        if isinstance(value, bool):
            value = int(value)
        values.append(value)
    return values


def report_content_hash(report: Mapping[str, Any], visits: Iterable[Mapping[str, Any]]) -> str:
    """SHA-256 over the report's content and its live visits, sorted by id.

    Rows are mappings of typed column values (dates as `date`, not text), as both the
    server and the laptop read them through SQLAlchemy.
    """
    live = sorted((v for v in visits if not v.get("deleted")), key=lambda v: str(v["id"]))
    payload = {
        "report": _canonical(report, REPORT_CONTENT),
        "visits": [_canonical(v, VISIT_CONTENT) for v in live],
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def row_digest(row_id: str, version: int) -> int:
    """64-bit digest of one (id, version) pair."""
    raw = hashlib.blake2b(f"{row_id}:{version}".encode(), digest_size=8).digest()
    return int.from_bytes(raw, "big")


def set_checksum(pairs: Iterable[tuple[str, int]]) -> tuple[int, str]:
    """Count and order-independent hash (sum mod 2**64) of (id, version) pairs."""
    count = 0
    total = 0
    for row_id, version in pairs:
        count += 1
        total = (total + row_digest(row_id, version)) % (1 << 64)
    return count, f"{total:016x}"

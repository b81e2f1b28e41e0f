"""Content hash and checksum functions both ends compute identically.

The sign-off compare-and-set (SYNC.md) compares a report's version and the hash of what
the supervisor saw: the report's own content and its live visit records. The drift
checksum compares the laptop's copy of each entity with the server's, content included.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Table

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


# The drift checksum covers every synced column but `server_seq`, the feed position:
# bookkeeping, not content. Covering content (not only id and version) is what lets a
# laptop whose rows were altered behind the sync's back (sqlite3 on the file) see drift
# and re-download them.
CHECKSUM_COLUMNS: dict[str, list[str]] = {
    entity: sorted(c.name for c in table.columns if c.name != "server_seq")
    for entity, table in ENTITY_TABLES.items()
}


def _stored_datetime(value: Any) -> Any:
    return value if value is None else value.isoformat(" ", "microseconds")


def _stored_date(value: Any) -> Any:
    return value if value is None else value.isoformat()


def _stored_bool(value: Any) -> Any:
    return value if value is None else int(value)


def _converters(table: Table, columns: list[str]) -> list[tuple[int, Callable[[Any], Any]]]:
    found: list[tuple[int, Callable[[Any], Any]]] = []
    for index, name in enumerate(columns):
        col_type = table.c[name].type
        if isinstance(col_type, DateTime):
            found.append((index, _stored_datetime))
        elif isinstance(col_type, Date):
            found.append((index, _stored_date))
        elif isinstance(col_type, Boolean):
            found.append((index, _stored_bool))
    return found


# Per entity, the positions in CHECKSUM_COLUMNS whose typed values need converting.
_CONVERTERS = {
    entity: _converters(ENTITY_TABLES[entity], columns)
    for entity, columns in CHECKSUM_COLUMNS.items()
}


def stored_form(entity: str, values: Sequence[Any]) -> list[Any]:
    """Typed column values (in CHECKSUM_COLUMNS order) in the form the laptop's SQLite file
    holds them: datetimes as 'YYYY-MM-DD HH:MM:SS.ffffff', dates as ISO text, booleans
    0/1. The laptop hashes its raw rows as they are, with no per-value work (a checksum
    runs after every sync that pulled something); the server converts its typed rows."""
    out = list(values)
    for index, convert in _CONVERTERS[entity]:
        out[index] = convert(out[index])
    return out


def row_digest(values: Sequence[Any]) -> int:
    """64-bit digest of one row in stored form."""
    # json.dumps with its defaults: the cached C encoder, and plain ASCII (every non-ASCII
    # character escaped), the same text on any Python.
    text = json.dumps(values)
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def id_version_checksum(pairs: Iterable[tuple[str, int]]) -> tuple[int, str]:
    """The checksum laptops before the content checksum ask for: count and sum mod 2**64
    of each (id, version) pair's digest. Kept so a laptop not yet updated does not see
    drift, and re-download everything, after every sync (`CHECKSUM_FORM`)."""
    count = 0
    total = 0
    for row_id, version in pairs:
        count += 1
        raw = hashlib.blake2b(f"{row_id}:{version}".encode(), digest_size=8).digest()
        total = (total + int.from_bytes(raw, "big")) % (1 << 64)
    return count, f"{total:016x}"


def set_checksum(rows: Iterable[Sequence[Any]]) -> tuple[int, str]:
    """Count and order-independent hash (sum mod 2**64 of row digests) of rows in stored
    form."""
    count = 0
    total = 0
    for values in rows:
        count += 1
        total += row_digest(values)
    return count, f"{total % (1 << 64):016x}"

"""What each synced entity is made of, as both ends of the sync see it.

The laptop's mapped synced models are the single description of the replicated tables;
the server copies their columns (see server/schema.py). Field classes here drive the
conflict policy of SYNC.md: guarded fields, workflow fields, derived keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Table

from crm_desktop.store.base import SERVER_OWNED
from crm_desktop.store.models import SYNCED_MODELS

ENTITY_TABLES: dict[str, Table] = {
    model.__sync_entity__: model.__table__  # type: ignore[misc]
    for model in SYNCED_MODELS
}
TABLE_ENTITIES = {table.name: entity for entity, table in ENTITY_TABLES.items()}

# The org directory, sales configuration and team policies: every signed-in user reads
# them; only an admin (or the server's command line) writes them, but for team policies,
# which a manager writes for the teams they lead (domain/org.py).
REFERENCE_ENTITIES = frozenset(
    {"team", "user", "sales_method", "sales_stage", "team_policy", "lead_pool_rule"}
)
# Entities whose `team_id` names the team the row applies to, given by its create, rather
# than the owner's team.
TEAM_KEYED = frozenset({"team_policy", "lead_pool_rule"})

# Same field changed on both sides: the server keeps its value, the client's goes to the
# inbox for a one-click re-apply (SYNC.md conflict policy).
GUARDED_FIELDS: Mapping[str, frozenset[str]] = {
    "customer": frozenset({"name", "tax_id"}),
    "opportunity": frozenset({"amount_fen", "expected_close_on"}),
}
# Keys derived from another field travel with it: kept or replaced together.
DERIVED_FIELDS: Mapping[str, Mapping[str, str]] = {
    "customer": {"name_key": "name", "tax_key": "tax_id", "phone_key": "phone"},
    "contact": {"phone_key": "mobile"},
    "lead": {"name_key": "name", "phone_key": "phone"},
}
# Changed only by commands the server validates against its state machines.
WORKFLOW_FIELDS: Mapping[str, frozenset[str]] = {
    # domain/account_plan_workflow.py, through the account_plan_step command.
    "account_plan": frozenset(
        {
            "status",
            "sponsor_id",
            "submitted_at",
            "approved_at",
            "approved_by",
            "reviewed_at",
            "review_comment",
            "history",
        }
    ),
    # The pool flag and its clocks: claim_lead, assign_lead, return_lead (server/leads.py).
    "lead": frozenset({"in_pool", "assigned_at", "pooled_at"}),
    "visit_plan": frozenset(
        {"status", "submitted_at", "countersigned_at", "countersigned_by", "review_comment"}
    ),
    "daily_report": frozenset(
        {
            "status",
            "submitted_at",
            "signed_at",
            "signed_by",
            "review_comment",
            "content_hash",
            "reopen_count",
            "history",
        }
    ),
    "opportunity": frozenset(
        {
            "stage_code",
            "won_on",
            "won_reason",
            "lost_reason",
            "winning_competitor",
            "closed_on",
        }
    ),
}
# Ownership moves only through reassign_customer; a patch may not set it.
SCOPE_FIELDS = frozenset({"owner_id", "team_id"})
# Workflow fields a create may carry, with the value a new record must start from.
INITIAL_VALUES: Mapping[str, Mapping[str, Any]] = {
    "account_plan": {
        "status": "draft",
        "sponsor_id": None,
        "submitted_at": None,
        "approved_at": None,
        "approved_by": None,
        "reviewed_at": None,
        "review_comment": None,
        "history": None,
    },
    "visit_plan": {
        "status": "draft",
        "submitted_at": None,
        "countersigned_at": None,
        "countersigned_by": None,
    },
    "daily_report": {
        "status": "draft",
        "submitted_at": None,
        "signed_at": None,
        "signed_by": None,
        "content_hash": None,
        "reopen_count": 0,
        "history": None,
    },
    # Closed only by change_stage, with its close details (domain.stages).
    "opportunity": {
        "won_on": None,
        "won_reason": None,
        "lost_reason": None,
        "winning_competitor": None,
        "closed_on": None,
    },
}


def business_columns(entity: str) -> list[str]:
    """Columns a client may send for this entity (everything but server-owned ones)."""
    return [c.name for c in ENTITY_TABLES[entity].columns if c.name not in SERVER_OWNED]


def to_wire(value: Any) -> Any:
    """A column value as JSON: dates and times as ISO 8601, Decimal as text."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _parse_datetime(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    parsed = dt.datetime.fromisoformat(str(value))
    # Everything stored is naive UTC; an aware value from a client is converted.
    if parsed.tzinfo is not None:
        try:
            parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
        except OverflowError as error:  # 9999-12-31T23:59-05:00 is past the year 9999
            raise ValueError(f"{value!r} is out of range in UTC") from error
    return parsed


def _parse_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _parse_bool(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise ValueError(f"not a boolean: {value!r}")


def _int_parser(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"not an integer: {value!r}")
    if not -(2**63) <= value < 2**63:
        raise ValueError("integer out of range")
    return value


def _str_parser(length: int | None) -> Callable[[Any], Any]:
    def parse(value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValueError(f"not a string: {value!r}")
        if length is not None and len(value) > length:
            raise ValueError(f"longer than {length} characters")
        if "\x00" in value:
            raise ValueError("NUL character in text")
        return value

    return parse


def parser_for(table: Table, column: str) -> Callable[[Any], Any]:
    """How to turn a wire value into the Python value the column stores (ValueError if bad)."""
    col_type = table.c[column].type
    if isinstance(col_type, DateTime):
        return _parse_datetime
    if isinstance(col_type, Date):
        return _parse_date
    if isinstance(col_type, Boolean):
        return _parse_bool
    if isinstance(col_type, Integer):
        return _int_parser
    if isinstance(col_type, String):
        return _str_parser(col_type.length)
    return lambda value: value


def from_wire(table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
    """Convert a wire dict to column values; ValueError on a value of the wrong shape."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in table.c:
            raise ValueError(f"unknown field {key!r}")
        if value is None and not table.c[key].nullable:
            raise ValueError(f"{key} may not be empty")
        out[key] = parser_for(table, key)(value)
    return out


_PLAIN = (str, int, float, type(None))


def row_to_wire(row: Mapping[str, Any], columns: list[str]) -> dict[str, Any]:
    out = {}
    for name in columns:
        value = row[name]
        # Most values are already JSON; only dates, times and decimals need converting.
        out[name] = value if isinstance(value, _PLAIN) else to_wire(value)
    return out

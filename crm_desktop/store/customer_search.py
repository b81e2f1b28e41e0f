"""The ordered handles of the customer list, in one SQL statement over the search tables.

Built as SQL text because the shape matters for speed at 100,000 customers:
- in name order with no filters the statement walks `ix_customer_search_list` (or, with
  short terms, `ix_customer_search_order`) alone: covering indexes of deleted, the
  name's stored pinyin key, name, rowid (and haystack), in the list's order -- never the
  wide customer rows, and no sort;
- with a term of three or more characters the FTS5 trigram index drives the query (its
  hits are few) and only those hits are sorted;
- shorter terms are matched with instr() on the lowercased haystack (literal: no LIKE
  wildcards to escape);
- the handles come back as one JSON array value, not one result row per customer,
  which is several times cheaper to fetch than 100,000 rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from crm_desktop.store.triggers import FTS_TABLE

# Sortable columns of `customers c` (or the owner's name, `u`), by key. Names and other
# Chinese text sort in pinyin order (store/pinyin.py), not by code point.
SORT_COLUMNS = {
    "name": "s.sort_key",  # pinyin_key(name), stored by the search triggers
    "short_name": "pinyin_key(c.short_name)",
    "type": "c.customer_type",
    "phone": "c.phone",
    "value_class": "c.value_class",
    "status": "c.status",
    "region": "pinyin_key(c.region)",
    "owner": "pinyin_key(u.display_name)",
    "last_visit": "c.last_effective_visit_on",
    "updated": "c.updated_at",
}
FILTER_COLUMNS = ("value_class", "status", "owner_id", "region")
MIN_TRIGRAM = 3


@dataclass(frozen=True)
class HandleQuery:
    terms: Sequence[str] = ()
    filters: dict[str, str] | None = None  # column of customers -> required value
    key_accounts_only: bool = False
    sort: str = "name"
    descending: bool = False


def _fts_phrase(terms: Sequence[str]) -> str:
    """An FTS5 query requiring every term as a substring (quoted: no query syntax)."""
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)


def handles_sql(query: HandleQuery) -> tuple[str, dict[str, object]]:
    params: dict[str, object] = {}
    where = ["s.deleted = 0"]
    long_terms = [t for t in query.terms if len(t) >= MIN_TRIGRAM]
    short_terms = [t for t in query.terms if len(t) < MIN_TRIGRAM]
    source = "customer_search s"
    if long_terms:
        params["fts"] = _fts_phrase(long_terms)
        # CROSS JOIN keeps the FTS match as the outer loop: a probe per index entry
        # would walk all 100,000 rows instead of the few hits.
        source = f"{FTS_TABLE} f CROSS JOIN customer_search s ON s.customer_rowid = f.rowid"
        where.append(f"{FTS_TABLE} MATCH :fts")
    for i, term in enumerate(short_terms):
        params[f"t{i}"] = term
        where.append(f"instr(s.haystack, :t{i}) > 0")
    needs_customer = bool(query.filters) or query.key_accounts_only or query.sort != "name"
    for column, value in (query.filters or {}).items():
        if column not in FILTER_COLUMNS:
            raise ValueError(f"not a filter column: {column}")
        params[f"f_{column}"] = value
        where.append(f"c.{column} = :f_{column}")
    if query.key_accounts_only:
        where.append("c.is_key_account = 1")
    joins = ""
    if needs_customer:
        joins = " JOIN customers c ON c.rowid = s.customer_rowid"
        if query.sort == "owner":
            joins += " LEFT JOIN users u ON u.id = c.owner_id"
    direction = "DESC" if query.descending else "ASC"
    first = SORT_COLUMNS[query.sort]
    # Name (in pinyin order, then as written: 同音字 share a key), then rowid, make the
    # order total, so a re-query keeps rows in place.
    order = f"{first} {direction}" + (", s.sort_key" if query.sort != "name" else "")
    order += ", s.name"
    inner = (
        f"SELECT s.customer_rowid AS h FROM {source}{joins} "
        f"WHERE {' AND '.join(where)} ORDER BY {order}, s.customer_rowid"
    )
    return f"SELECT json_group_array(h) FROM ({inner})", params


def ordered_handles(session: Session, query: HandleQuery) -> list[int]:
    sql, params = handles_sql(query)
    value = session.execute(text(sql), params).scalar()
    handles: list[int] = json.loads(value) if value else []
    return handles

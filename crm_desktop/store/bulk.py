"""Bulk inserts of plain-dict rows into the open transaction, for the demo and the import.

Rows go to the driver's executemany as tuples, past SQLAlchemy's per-value bind
processing, which costs as much as SQLite's own work at hundreds of thousands of rows.
The only values that need converting are dates and times: they are written in the text
format SQLAlchemy uses for SQLite, so the ORM reads these rows back like any other.
Triggers fire as for any insert; the outbox hook does not (it watches ORM flushes), so
a caller that syncs its rows writes their outbox entries itself.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache, partial
from operator import itemgetter
from typing import Any

from sqlalchemy import Date, DateTime
from sqlalchemy.orm import Session

from crm_desktop.store.base import Base


def insert_rows(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """INSERT `rows` (dicts with the same keys, column names) into `model`'s table."""
    if not rows:
        return
    table = Base.metadata.tables[model.__tablename__]
    keys = list(rows[0])
    temporal = [i for i, k in enumerate(keys) if isinstance(table.c[k].type, Date | DateTime)]
    values = map(itemgetter(*keys), rows)
    if temporal:
        values = map(partial(_with_sql_times, temporal), values)
    columns, marks = ", ".join(keys), ", ".join("?" * len(keys))
    sql = f"INSERT INTO {table.name} ({columns}) VALUES ({marks})"
    session.connection().exec_driver_sql(sql, list(values))


def _with_sql_times(positions: list[int], values: tuple[Any, ...]) -> tuple[Any, ...]:
    converted = list(values)
    for i in positions:
        converted[i] = sql_time(converted[i])
    return tuple(converted)


@lru_cache(maxsize=8192)  # rows share timestamps: a contact has its customer's, and so on
def sql_time(value: object) -> object:
    """A date or datetime as SQLAlchemy stores it in SQLite; other values unchanged."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value

"""The customer list: one SQL query for the ordered handles, lazy batch loads of rows.

As in Anki's browser table, the list holds only an ordered list of integer handles (the
rows' SQLite rowids) from one query; the view asks for the few rows it shows. Search,
filter and sort all run in SQL (store/customer_search.py), so the list stays instant at
100,000 customers. Names sort in pinyin order (安 before 北 before 张) through the store's
`pinyin_key()` SQL function (store/pinyin.py), here and in the filter choices alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ColumnClause, Integer, func, literal_column, select

from crm_desktop.store.customer_search import HandleQuery, ordered_handles
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, User


class SortKey(StrEnum):
    NAME = "name"
    SHORT_NAME = "short_name"
    TYPE = "type"
    PHONE = "phone"
    VALUE_CLASS = "value_class"
    STATUS = "status"
    REGION = "region"
    OWNER = "owner"
    LAST_VISIT = "last_visit"
    UPDATED = "updated"


@dataclass(frozen=True)
class CustomerQuery:
    text: str = ""
    value_class: str | None = None
    status: str | None = None
    owner_id: str | None = None
    region: str | None = None
    key_accounts_only: bool = False
    sort: SortKey = SortKey.NAME
    descending: bool = False


@dataclass(frozen=True)
class CustomerRow:
    handle: int
    id: str
    name: str
    short_name: str | None
    customer_type: str
    status: str
    value_class: str
    region: str | None
    phone: str | None
    owner_id: str | None
    owner_name: str | None
    is_key_account: bool
    last_effective_visit_on: dt.date | None


@dataclass(frozen=True)
class FilterChoices:
    owners: list[tuple[str, str]]  # (user id, display name)
    regions: list[str]


ROWID: ColumnClause[int] = literal_column("customers.rowid", Integer())


# SQLite's lower() folds ASCII letters only; the query is folded the same way, so a name
# typed exactly as stored (full-width letters from an IME included) is always found.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold_ascii(value: str) -> str:
    return value.translate(_ASCII_LOWER)


def handle_query(query: CustomerQuery) -> HandleQuery:
    filters = {
        column: value
        for column, value in (
            ("value_class", query.value_class),
            ("status", query.status),
            ("owner_id", query.owner_id),
            ("region", query.region),
        )
        if value
    }
    return HandleQuery(
        terms=fold_ascii(query.text).split(),
        filters=filters,
        key_accounts_only=query.key_accounts_only,
        sort=query.sort.value,
        descending=query.descending,
    )


class CustomerList:
    """Read side of the customer list; every call is one short read transaction."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def handles(self, query: CustomerQuery) -> list[int]:
        with self._store.reading() as session:
            return ordered_handles(session, handle_query(query))

    def rows(self, handles: Sequence[int]) -> dict[int, CustomerRow]:
        if not handles:
            return {}
        statement = (
            select(ROWID, Customer, User.display_name)
            .outerjoin(User, User.id == Customer.owner_id)
            .where(ROWID.in_(list(handles)))
        )
        with self._store.reading() as session:
            return {
                handle: CustomerRow(
                    handle=handle,
                    id=c.id,
                    name=c.name,
                    short_name=c.short_name,
                    customer_type=c.customer_type,
                    status=c.status,
                    value_class=c.value_class,
                    region=c.region,
                    phone=c.phone,
                    owner_id=c.owner_id,
                    owner_name=owner,
                    is_key_account=c.is_key_account,
                    last_effective_visit_on=c.last_effective_visit_on,
                )
                for handle, c, owner in session.execute(statement)
            }

    def filter_choices(self) -> FilterChoices:
        with self._store.reading() as session:
            owners = session.execute(
                select(User.id, User.display_name)
                .where(User.id.in_(select(Customer.owner_id).distinct()))
                .order_by(func.pinyin_key(User.display_name), User.display_name)
            ).all()
            regions = session.scalars(
                select(Customer.region)
                .where(Customer.deleted.is_(False), Customer.region.is_not(None))
                .distinct()
                .order_by(func.pinyin_key(Customer.region), Customer.region)
            ).all()
        return FilterChoices([(o[0], o[1]) for o in owners], [r for r in regions if r])

"""Export the list views -- customers, visits, opportunities -- to .xlsx, as shown.

The customer export runs the customer list's own query (store/customer_search.py: the
same search terms, filters and sort as the page), so the file lists exactly what the user
sees, in the same order. Visits and opportunities have their own filters below.

Nothing is loaded at once. One read transaction (one consistent snapshot) streams the
ordered row keys from SQLite -- small (key, total) rows, `yield_per` chunks -- and each
chunk's full rows are fetched by rowid, so memory stays flat from 100 rows to 100,000.
The writer (export/list_export.py) streams the rows into an XlsxWriter workbook in
constant-memory mode and renames it into place atomically (config/atomic_file.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Executable, Integer, func, literal_column, select, text
from sqlalchemy.orm import Session

from crm_desktop.domain.picklists import (
    CustomerStatus,
    CustomerType,
    Picklist,
    VisitOutcome,
    VisitPurpose,
)
from crm_desktop.domain.stages import DEFAULT_METHOD_CODE, DEFAULT_STAGES
from crm_desktop.export.errors import ExportCancelled, ExportFileError
from crm_desktop.export.list_export import (
    ColumnKind,
    ExportColumn,
    SheetSpec,
    write_list,
)
from crm_desktop.services.customers.customer_list import CustomerQuery, handle_query
from crm_desktop.store.customer_search import handles_sql
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, Opportunity, SalesStage, User, VisitRecord

__all__ = ["ExportCancelled", "ExportFileError", "ListExportResult", "ListKind", "ListParams",
           "OpportunityListQuery", "VisitListQuery", "count_rows", "default_file_name",
           "export_list"]  # fmt: skip

CHUNK = 500  # keys streamed per fetch, and full rows fetched per statement

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ListKind(StrEnum):
    CUSTOMERS = "customers"
    VISITS = "visits"
    OPPORTUNITIES = "opportunities"

    def label(self, lang: str = "zh_CN") -> str:
        zh, en = _KIND_LABELS[self]
        return en if lang.startswith("en") else zh


_KIND_LABELS = {
    ListKind.CUSTOMERS: ("客户列表", "Customers"),
    ListKind.VISITS: ("拜访记录", "Visits"),
    ListKind.OPPORTUNITIES: ("商机列表", "Opportunities"),
}


@dataclass(frozen=True)
class VisitListQuery:
    """Visits in a period (both ends inclusive; None: open), of a rep, of a customer."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    rep_id: str | None = None
    customer_id: str | None = None


@dataclass(frozen=True)
class OpportunityListQuery:
    owner_id: str | None = None
    customer_id: str | None = None
    stage_code: str | None = None
    open_only: bool = False  # leave out won and lost (closed) opportunities


ListParams = CustomerQuery | VisitListQuery | OpportunityListQuery


@dataclass(frozen=True)
class ListExportResult:
    kind: ListKind
    path: Path
    rows: int


def default_file_name(kind: ListKind, lang: str, today: dt.date) -> str:
    """客户列表_2026-11-22.xlsx / Customers_2026-11-22.xlsx."""
    return f"{kind.label(lang)}_{today.isoformat()}.xlsx"


def _pick(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


def _label(kind: type[Picklist], code: str | None, lang: str) -> str | None:
    """A code's label; an unknown code (e.g. from a newer server) is written as is."""
    if not code:
        return None
    try:
        return kind(code).label(lang)
    except ValueError:
        return code


def _yes_no(value: bool, lang: str) -> str:
    return _pick(lang, "是", "Yes") if value else _pick(lang, "否", "No")


def _columns(lang: str, columns: Sequence[tuple[str, str, ColumnKind]]) -> list[ExportColumn]:
    return [ExportColumn(_pick(lang, zh, en), kind) for zh, en, kind in columns]


T, M, D = ColumnKind.TEXT, ColumnKind.MONEY, ColumnKind.DATE

# The customer page's columns, in its order (ui/customers/list_model.py), plus the key
# account mark the page shows as ★.
CUSTOMER_COLUMNS = (
    ("名称", "Name", T),
    ("简称", "Short name", T),
    ("类型", "Type", T),
    ("状态", "Status", T),
    ("等级", "Class", T),
    ("区域", "Region", T),
    ("负责人", "Owner", T),
    ("电话", "Phone", T),
    ("最近有效拜访", "Last effective visit", D),
    ("重点客户", "Key account", T),
)
# A visit record as the daily report holds it (SPEC §2.3).
VISIT_COLUMNS = (
    ("拜访日期", "Date", D),
    ("销售员", "Rep", T),
    ("客户", "Customer", T),
    ("计划内", "Planned", T),
    ("拜访目的", "Purpose", T),
    ("开始", "Start", T),
    ("结束", "End", T),
    ("见到的联系人", "Contacts met", T),
    ("洽谈结果", "Outcome", T),
    ("有效拜访", "Effective", T),
    ("订货金额", "Order amount", M),
    ("回款金额", "Collection amount", M),
    ("处理客诉", "Complaint handled", T),
    ("竞品信息", "Competitor info", T),
    ("客户反馈", "Customer feedback", T),
    ("客户动态", "Customer news", T),
    ("下一步", "Next step", T),
    ("下一步日期", "Next step date", D),
)
OPPORTUNITY_COLUMNS = (
    ("客户", "Customer", T),
    ("商机名称", "Opportunity", T),
    ("阶段", "Stage", T),
    ("金额", "Amount", M),
    ("预计成交日期", "Expected close", D),
    ("负责人", "Owner", T),
)


@dataclass
class _Listing:
    spec: SheetSpec
    total: int
    rows: Iterator[Sequence[object]]


def _rowid(table: str) -> ColumnElement[int]:
    return literal_column(f"{table}.rowid", Integer())


def _keys_in_order(session: Session, statement: Any, params: dict[str, Any] | None = None
                   ) -> tuple[int, Iterator[list[int]]]:  # fmt: skip
    """Stream (key, total) rows in chunks: the total first, then lists of keys in order."""
    result = session.execute(statement, params or {}, execution_options={"yield_per": CHUNK})
    chunks = result.partitions(CHUNK)
    first = next(chunks, [])
    total = int(first[0][1]) if first else 0

    def keys() -> Iterator[list[int]]:
        if first:
            yield [int(row[0]) for row in first]
        for chunk in chunks:
            yield [int(row[0]) for row in chunk]

    return total, keys()


def _fetch_in_order(
    session: Session,
    chunks: Iterator[list[int]],
    fetch: Callable[[list[int]], Executable],
    shape: Callable[[Any], Sequence[object]],
) -> Iterator[Sequence[object]]:
    """Each chunk's full rows by key (the first column), given back in the chunk's order."""
    for keys in chunks:
        by_key = {row[0]: row for row in session.execute(fetch(keys))}
        for key in keys:
            row = by_key.get(key)
            if row is not None:  # same snapshot: always there
                yield shape(row)


# --- customers ---------------------------------------------------------------------------
def _customers(session: Session, query: CustomerQuery, lang: str) -> _Listing:
    handles, params = handles_sql(handle_query(query))
    # The list's own statement gives the ordered handles as one JSON array; json_each
    # hands them back one row at a time, in order, with the count for the progress bar.
    ordered = text(
        f"SELECT j.value, count(*) OVER () FROM json_each(({handles})) AS j ORDER BY j.key"
    )
    total, chunks = _keys_in_order(session, ordered, params)
    rowid = _rowid("customers")

    def fetch(keys: list[int]) -> Executable:
        return (
            select(
                rowid,
                Customer.name,
                Customer.short_name,
                Customer.customer_type,
                Customer.status,
                Customer.value_class,
                Customer.region,
                User.display_name,
                Customer.phone,
                Customer.last_effective_visit_on,
                Customer.is_key_account,
            )
            .select_from(Customer)
            .outerjoin(User, User.id == Customer.owner_id)
            .where(rowid.in_(keys))
        )

    def shape(r: Any) -> Sequence[object]:
        return (
            r.name,
            r.short_name,
            _label(CustomerType, r.customer_type, lang),
            _label(CustomerStatus, r.status, lang),
            r.value_class,
            r.region,
            r.display_name,
            r.phone,
            r.last_effective_visit_on,
            _pick(lang, "是", "Yes") if r.is_key_account else None,
        )

    spec = SheetSpec(ListKind.CUSTOMERS.label(lang), _columns(lang, CUSTOMER_COLUMNS))
    return _Listing(spec, total, _fetch_in_order(session, chunks, fetch, shape))


# --- visits ------------------------------------------------------------------------------
def _visit_filters(query: VisitListQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [VisitRecord.deleted.is_(False)]
    if query.date_from is not None:
        where.append(VisitRecord.visit_date >= query.date_from)
    if query.date_to is not None:
        where.append(VisitRecord.visit_date <= query.date_to)
    if query.rep_id:
        where.append(VisitRecord.owner_id == query.rep_id)
    if query.customer_id:
        where.append(VisitRecord.customer_id == query.customer_id)
    return where


def _visits(session: Session, query: VisitListQuery, lang: str) -> _Listing:
    rowid = _rowid("visit_records")
    # Only the sort keys and rowids are sorted: small rows, whatever the visit texts hold.
    ordered = (
        select(rowid, func.count().over())
        .select_from(VisitRecord)
        .outerjoin(User, User.id == VisitRecord.owner_id)
        .where(*_visit_filters(query))
        .order_by(VisitRecord.visit_date, User.display_name, VisitRecord.start_time, rowid)
    )
    total, chunks = _keys_in_order(session, ordered)

    def fetch(keys: list[int]) -> Executable:
        v = VisitRecord
        return (
            select(
                rowid,
                v.visit_date,
                User.display_name,
                Customer.name,
                v.planned,
                v.purpose,
                v.start_time,
                v.end_time,
                v.contacts_met,
                v.outcome,
                v.is_effective,
                v.order_amount_fen,
                v.collection_amount_fen,
                v.complaint_handled,
                v.competitor_info,
                v.customer_feedback,
                v.customer_news,
                v.next_step,
                v.next_step_on,
            )
            .select_from(v)
            .join(Customer, Customer.id == v.customer_id)
            .outerjoin(User, User.id == v.owner_id)
            .where(rowid.in_(keys))
        )

    def shape(r: Any) -> Sequence[object]:
        return (
            r.visit_date,
            r.display_name,
            r.name,
            _yes_no(r.planned, lang),
            _label(VisitPurpose, r.purpose, lang),
            r.start_time,
            r.end_time,
            r.contacts_met,
            _label(VisitOutcome, r.outcome, lang),
            _yes_no(r.is_effective, lang),
            int(r.order_amount_fen or 0),
            int(r.collection_amount_fen or 0),
            _yes_no(r.complaint_handled, lang),
            r.competitor_info,
            r.customer_feedback,
            r.customer_news,
            r.next_step,
            r.next_step_on,
        )

    spec = SheetSpec(ListKind.VISITS.label(lang), _columns(lang, VISIT_COLUMNS))
    return _Listing(spec, total, _fetch_in_order(session, chunks, fetch, shape))


# --- opportunities -----------------------------------------------------------------------
def _stage_names(session: Session, lang: str) -> dict[tuple[str, str], str]:
    names = {(DEFAULT_METHOD_CODE, s.code): s.name(lang) for s in DEFAULT_STAGES}
    for method, code, zh, en in session.execute(
        select(SalesStage.method_code, SalesStage.code, SalesStage.name_zh, SalesStage.name_en)
        .where(SalesStage.deleted.is_(False))
    ):  # fmt: skip
        names[(method, code)] = _pick(lang, zh, en)
    return names


def _opportunities(session: Session, query: OpportunityListQuery, lang: str) -> _Listing:
    rowid = _rowid("opportunities")
    where: list[ColumnElement[bool]] = [Opportunity.deleted.is_(False)]
    if query.owner_id:
        where.append(Opportunity.owner_id == query.owner_id)
    if query.customer_id:
        where.append(Opportunity.customer_id == query.customer_id)
    if query.stage_code:
        where.append(Opportunity.stage_code == query.stage_code)
    if query.open_only:
        where.append(Opportunity.closed_on.is_(None))
    names = _stage_names(session, lang)
    # Soonest expected close first (undated last), then customer and name.
    ordered = (
        select(rowid, func.count().over())
        .select_from(Opportunity)
        .join(Customer, Customer.id == Opportunity.customer_id)
        .where(*where)
        .order_by(
            Opportunity.expected_close_on.is_(None),
            Opportunity.expected_close_on,
            Customer.name,
            Opportunity.name,
            rowid,
        )
    )
    total, chunks = _keys_in_order(session, ordered)

    def fetch(keys: list[int]) -> Executable:
        o = Opportunity
        return (
            select(
                rowid,
                Customer.name.label("customer"),
                o.name,
                o.method_code,
                o.stage_code,
                o.amount_fen,
                o.expected_close_on,
                User.display_name,
            )
            .select_from(o)
            .join(Customer, Customer.id == o.customer_id)
            .outerjoin(User, User.id == o.owner_id)
            .where(rowid.in_(keys))
        )

    def shape(r: Any) -> Sequence[object]:
        return (
            r.customer,
            r.name,
            names.get((r.method_code, r.stage_code), r.stage_code),
            int(r.amount_fen or 0),
            r.expected_close_on,
            r.display_name,
        )

    spec = SheetSpec(ListKind.OPPORTUNITIES.label(lang), _columns(lang, OPPORTUNITY_COLUMNS))
    return _Listing(spec, total, _fetch_in_order(session, chunks, fetch, shape))


# --- entry points ------------------------------------------------------------------------
_EXPECTED: dict[ListKind, type] = {
    ListKind.CUSTOMERS: CustomerQuery,
    ListKind.VISITS: VisitListQuery,
    ListKind.OPPORTUNITIES: OpportunityListQuery,
}


def _listing(session: Session, kind: ListKind, params: ListParams, lang: str) -> _Listing:
    if not isinstance(params, _EXPECTED[kind]):
        raise TypeError(f"{kind} export takes {_EXPECTED[kind].__name__}, not {params!r}")
    if isinstance(params, CustomerQuery):
        return _customers(session, params, lang)
    if isinstance(params, VisitListQuery):
        return _visits(session, params, lang)
    return _opportunities(session, params, lang)


def count_rows(store: Store, kind: ListKind, params: ListParams) -> int:
    """How many rows an export with these parameters would write."""
    with store.reading() as session:
        return _listing(session, kind, params, "zh_CN").total


def export_list(
    store: Store,
    kind: ListKind,
    params: ListParams,
    path: Path,
    *,
    lang: str = "zh_CN",
    progress: Progress | None = None,
    cancel: Cancelled | None = None,
) -> ListExportResult:
    """Write the list to `path` (.xlsx), headers in `lang`; safe to run off the GUI thread.

    Raises ExportCancelled (nothing written) when `cancel()` turns true, ExportFileError
    when the file cannot be written, StoreError when the database cannot be read.
    """
    with store.reading() as session:
        listing = _listing(session, kind, params, lang)
        rows = write_list(
            Path(path),
            listing.spec,
            listing.rows,
            total=listing.total,
            progress=progress,
            cancel=cancel,
        )
    return ListExportResult(kind, Path(path), rows)

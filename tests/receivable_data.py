"""A ledger with overdue money for the receivables tests: customers, visits with orders
and collections, manual entries and a finance import, plus an independent SQL reading
of the same store to compare every figure with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from sqlalchemy import text

from crm_desktop.domain.receivables import EntryDraft
from crm_desktop.services.container import Services
from crm_desktop.services.receivables.finance_import import import_finance_balances
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, DailyReport, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork


def add_customer(
    services: Services,
    name: str,
    *,
    owner_id: str | None = None,
    limit_fen: int | None = None,
    terms: str | None = None,
    tax_id: str | None = None,
) -> str:
    from crm_desktop.domain.normalize import company_name_key, tax_id_key

    owner = owner_id or services.actor.user_id
    with UnitOfWork(services.store, owner) as uow:
        customer = Customer(
            name=name,
            name_key=company_name_key(name),
            owner_id=owner,
            credit_limit_fen=limit_fen,
            payment_terms=terms,
            tax_id=tax_id,
            tax_key=tax_id_key(tax_id) if tax_id else None,
        )
        uow.session.add(customer)
        uow.commit()
        return customer.id


def add_visit(
    services: Services, customer_id: str, on: dt.date, order_fen: int = 0, collected_fen: int = 0
) -> str:
    """A visit with an order and/or a collection, on the owner's report of that day."""
    owner = services.actor.user_id
    with UnitOfWork(services.store, owner) as uow:
        s = uow.session
        report = s.query(DailyReport).filter_by(owner_id=owner, report_date=on).one_or_none()
        if report is None:
            report = DailyReport(owner_id=owner, report_date=on)
            s.add(report)
            s.flush()
        visit = VisitRecord(
            owner_id=owner,
            report_id=report.id,
            customer_id=customer_id,
            visit_date=on,
            order_amount_fen=order_fen,
            collection_amount_fen=collected_fen,
        )
        s.add(visit)
        uow.commit()
        return visit.id


def write_sheet(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


FINANCE_HEADER = ["客户名称", "单据号", "单据日期", "到期日", "未收金额"]


@dataclass(frozen=True)
class Ledgers:
    overdue: str  # owes money past due in several buckets
    limit: str  # near its credit limit
    imported: str  # balance from the finance import, then an order on top
    paid: str  # everything collected: not in the report


def build_ledgers(services: Services, tmp: Path) -> Ledgers:
    """Four customers of the current user, as of the services' clock's day."""
    today = services.clock.today()

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    r = services.receivables
    overdue = add_customer(services, "华东五金批发部", terms="net_30")
    add_visit(services, overdue, ago(120), order_fen=500_000)
    add_visit(services, overdue, ago(75), order_fen=300_000, collected_fen=200_000)
    add_visit(services, overdue, ago(40), order_fen=150_000)
    r.add_entry(EntryDraft(overdue, "order", 80_000, ago(10), reference="手工单-1"))
    r.add_entry(EntryDraft(overdue, "collection", 100_000, ago(5)))
    r.add_entry(EntryDraft(overdue, "adjustment", -12_345, ago(3), note="折让"))
    limit = add_customer(services, "城西便利店", limit_fen=1_000_000, terms="net_60")
    add_visit(services, limit, ago(61), order_fen=600_000)
    add_visit(services, limit, ago(31), order_fen=350_000)
    add_visit(services, limit, ago(30), collected_fen=50_000)
    imported = add_customer(services, "南方电子有限公司", tax_id="91310000MA1FL8XQ2K")
    add_visit(services, imported, ago(200), order_fen=999_999)  # before the cut-off
    sheet = write_sheet(
        tmp / "finance.xlsx",
        FINANCE_HEADER,
        [
            ["南方电子有限公司", "INV-001", ago(100), ago(70), 250_000.5],
            ["南方电子有限公司", "INV-002", ago(45), None, "1,200"],
        ],
    )
    report = import_finance_balances(services.store, services.user, sheet, ago(20))
    assert report.ok, report.errors
    add_visit(services, imported, ago(2), order_fen=70_000)
    paid = add_customer(services, "已结清客户")
    add_visit(services, paid, ago(50), order_fen=10_000, collected_fen=10_000)
    return Ledgers(overdue, limit, imported, paid)


# --- the independent reading ------------------------------------------------------------

# Every debt and credit of each customer after its newest cut-off, each debt's open part
# after FIFO (credits settle the oldest debts first), aged on the report day. Written
# from the rules' statement, not from the code: plain SQL over the store's tables.
_SQL = """
WITH cutoff AS (
    SELECT customer_id, MAX(as_of) AS as_of FROM receivable_entries
    WHERE deleted = 0 AND kind = 'opening' GROUP BY customer_id
),
terms AS (
    SELECT id AS customer_id,
        CASE payment_terms WHEN 'cash' THEN 0 WHEN 'prepaid' THEN 0 WHEN 'net_60' THEN 60
             WHEN 'net_90' THEN 90 ELSE 30 END AS days
    FROM customers
),
events AS (
    SELECT e.customer_id, e.id AS id, e.entry_date AS day,
        CASE WHEN e.kind = 'collection' THEN -e.amount_fen ELSE e.amount_fen END AS amount,
        COALESCE(e.due_on, date(e.entry_date, '+' || t.days || ' days')) AS due
    FROM receivable_entries e JOIN terms t ON t.customer_id = e.customer_id
    LEFT JOIN cutoff c ON c.customer_id = e.customer_id
    WHERE e.deleted = 0 AND (
        (e.kind = 'opening' AND e.as_of = c.as_of)
        OR (e.kind <> 'opening' AND (c.as_of IS NULL OR e.entry_date > c.as_of)))
    UNION ALL
    SELECT v.customer_id, v.id || char(58) || 'order', v.visit_date, v.order_amount_fen,
        date(v.visit_date, '+' || t.days || ' days')
    FROM visit_records v JOIN terms t ON t.customer_id = v.customer_id
    LEFT JOIN cutoff c ON c.customer_id = v.customer_id
    WHERE v.deleted = 0 AND v.order_amount_fen > 0
        AND (c.as_of IS NULL OR v.visit_date > c.as_of)
    UNION ALL
    SELECT v.customer_id, v.id || char(58) || 'collection', v.visit_date, -v.collection_amount_fen,
        v.visit_date
    FROM visit_records v LEFT JOIN cutoff c ON c.customer_id = v.customer_id
    WHERE v.deleted = 0 AND v.collection_amount_fen > 0
        AND (c.as_of IS NULL OR v.visit_date > c.as_of)
),
live AS (SELECT * FROM events WHERE day <= :as_of),
credit AS (
    SELECT customer_id, -SUM(amount) AS total FROM live WHERE amount < 0 GROUP BY customer_id
),
debts AS (
    SELECT d.customer_id, d.day, d.due, d.amount,
        SUM(d.amount) OVER (PARTITION BY d.customer_id ORDER BY d.day, d.due, d.id
                            ROWS UNBOUNDED PRECEDING) AS upto,
        COALESCE(c.total, 0) AS credit
    FROM live d LEFT JOIN credit c ON c.customer_id = d.customer_id
    WHERE d.amount > 0
),
open_debts AS (
    SELECT customer_id, day, due,
        MAX(0, MIN(amount, upto - credit)) AS open,
        CAST(julianday(:as_of) - julianday(day) AS INTEGER) AS age
    FROM debts
)
SELECT c.name,
    (SELECT COALESCE(SUM(amount), 0) FROM live WHERE live.customer_id = c.id) AS balance,
    (SELECT COALESCE(SUM(open), 0) FROM open_debts o WHERE o.customer_id = c.id AND age <= 30),
    (SELECT COALESCE(SUM(open), 0) FROM open_debts o
        WHERE o.customer_id = c.id AND age BETWEEN 31 AND 60),
    (SELECT COALESCE(SUM(open), 0) FROM open_debts o
        WHERE o.customer_id = c.id AND age BETWEEN 61 AND 90),
    (SELECT COALESCE(SUM(open), 0) FROM open_debts o WHERE o.customer_id = c.id AND age > 90),
    (SELECT COALESCE(SUM(open), 0) FROM open_debts o
        WHERE o.customer_id = c.id AND due < :as_of),
    c.credit_limit_fen
FROM customers c WHERE c.deleted = 0
"""


def independent_figures(store: Store, as_of: dt.date) -> dict[str, tuple[int, ...]]:
    """Customer name → (balance, four buckets, overdue, credit limit or -1), for every
    customer that owes or is owed money, straight from SQL."""
    with store.engine.connect() as conn:
        rows = conn.execute(text(_SQL), {"as_of": as_of.isoformat()}).all()
    return {
        row[0]: (*(int(v) for v in row[1:7]), -1 if row[7] is None else int(row[7]))
        for row in rows
        if row[1] != 0 or any(row[2:6])
    }

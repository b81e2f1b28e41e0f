"""The database itself freezes signed reports and keeps the customer search text."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from crm_desktop.store.database import Store
from crm_desktop.store.models import (
    Contact,
    Customer,
    DailyReport,
    ReportReopenGrant,
    VisitRecord,
)
from crm_desktop.store.triggers import REBUILD_SEARCH
from crm_desktop.store.unit_of_work import UnitOfWork

TODAY = dt.date(2026, 11, 20)


def _signed_report(store: Store) -> tuple[str, str, str]:
    with UnitOfWork(store, "rep") as uow:
        customer = Customer(name="华联超市", owner_id="rep", name_key="华联超市")
        report = DailyReport(owner_id="rep", report_date=TODAY, status="submitted")
        uow.session.add_all([customer, report])
        uow.session.flush()
        visit = VisitRecord(report_id=report.id, customer_id=customer.id, visit_date=TODAY)
        uow.session.add(visit)
        uow.commit()
    with UnitOfWork(store, "boss") as uow:
        row = uow.session.get(DailyReport, report.id)
        assert row is not None
        row.status = "signed"
        uow.commit()
    return report.id, visit.id, customer.id


def _raw(store: Store, sql: str, **params: object) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(sql), params)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE daily_reports SET reflections = 'late edit' WHERE id = :rid",
        "UPDATE daily_reports SET status = 'draft' WHERE id = :rid",
        "DELETE FROM daily_reports WHERE id = :rid",
        "UPDATE visit_records SET order_amount_fen = 999 WHERE id = :vid",
        "DELETE FROM visit_records WHERE id = :vid",
        "INSERT INTO visit_records (id, report_id, customer_id, visit_date, planned, purpose,"
        " is_effective, order_amount_fen, collection_amount_fen, complaint_handled, version,"
        " deleted, created_at, updated_at)"
        " VALUES ('v2', :rid, :cid, '2026-11-20', 0, 'other', 0, 0, 0, 0, 0, 0,"
        " '2026-11-20', '2026-11-20')",
    ],
)
def test_signed_report_refuses_every_change(store: Store, sql: str) -> None:
    rid, vid, cid = _signed_report(store)
    with pytest.raises(IntegrityError, match="frozen_report"):
        _raw(store, sql, rid=rid, vid=vid, cid=cid)
    with store.reading() as s:
        report = s.get(DailyReport, rid)
        visit = s.get(VisitRecord, vid)
        assert report is not None and report.status == "signed" and report.reflections is None
        assert visit is not None and visit.order_amount_fen == 0
        assert s.scalar(select(VisitRecord).where(VisitRecord.id == "v2")) is None


def test_orm_edit_of_signed_report_rolls_back_with_its_outbox(store: Store) -> None:
    rid, _vid, _cid = _signed_report(store)
    with pytest.raises(IntegrityError, match="frozen_report"), UnitOfWork(store, "rep") as uow:
        row = uow.session.get(DailyReport, rid)
        assert row is not None
        row.reflections = "想改一下"
        uow.commit()
    with store.reading() as s:
        outbox_count = s.execute(text("SELECT count(*) FROM outbox")).scalar()
    assert outbox_count == 4  # customer, report, visit, sign — and nothing from the edit


def test_reopen_grant_allows_the_reopen_only_in_its_transaction(store: Store) -> None:
    rid, vid, _cid = _signed_report(store)
    with UnitOfWork(store, "boss") as uow:
        uow.session.add(ReportReopenGrant(report_id=rid))
        uow.session.flush()
        row = uow.session.get(DailyReport, rid)
        assert row is not None
        row.status = "reopened"
        uow.session.flush()
        uow.session.delete(uow.session.get(ReportReopenGrant, rid))
        uow.commit()
    _raw(store, "UPDATE visit_records SET order_amount_fen = 5 WHERE id = :vid", vid=vid)
    with store.reading() as s:
        visit = s.get(VisitRecord, vid)
        assert visit is not None and visit.order_amount_fen == 5
        assert s.scalar(select(ReportReopenGrant)) is None


def _search_row(store: Store, customer_id: str) -> tuple[int, str, str, bool]:
    with store.reading() as s:
        row = s.execute(
            text(
                "SELECT s.customer_rowid, s.name, s.haystack, s.deleted FROM customer_search s"
                " JOIN customers c ON c.rowid = s.customer_rowid WHERE c.id = :id"
            ),
            {"id": customer_id},
        ).one()
    return row[0], row[1], row[2], bool(row[3])


def _fts_hits(store: Store, phrase: str) -> list[int]:
    with store.reading() as s:
        return list(
            s.scalars(
                text("SELECT rowid FROM customer_fts WHERE customer_fts MATCH :q"),
                {"q": f'"{phrase}"'},
            )
        )


def test_search_text_follows_customer_and_contacts(store: Store) -> None:
    with UnitOfWork(store, "rep") as uow:
        customer = Customer(
            name="Acme 华东贸易", short_name="华东", phone="021-5555", owner_id="rep", name_key="k"
        )
        uow.session.add(customer)
        uow.session.flush()
        contact = Contact(customer_id=customer.id, name="李娜", mobile="13911112222")
        uow.session.add(contact)
        uow.commit()

    rowid, name, haystack, deleted = _search_row(store, customer.id)
    assert name == "Acme 华东贸易" and not deleted
    assert all(part in haystack for part in ("acme", "华东", "021-5555", "李娜", "13911112222"))
    assert _fts_hits(store, "13911112222") == [rowid]
    assert _fts_hits(store, "华东贸") == [rowid]

    with UnitOfWork(store, "rep") as uow:
        row = uow.session.get(Contact, contact.id)
        assert row is not None
        row.deleted = True
        uow.commit()
    assert "李娜" not in _search_row(store, customer.id)[2]
    assert _fts_hits(store, "13911112222") == []  # the FTS index follows the text

    with UnitOfWork(store, "rep") as uow:
        cust = uow.session.get(Customer, customer.id)
        assert cust is not None
        cust.name = "新名字有限公司"
        uow.commit()
    _rowid, name, haystack, _deleted = _search_row(store, customer.id)
    assert name == "新名字有限公司" and "新名字" in haystack and "acme" not in haystack
    assert _fts_hits(store, "acme") == [] and _fts_hits(store, "新名字") == [rowid]

    with UnitOfWork(store, "rep") as uow:
        cust = uow.session.get(Customer, customer.id)
        assert cust is not None
        cust.deleted = True
        uow.commit()
    assert _search_row(store, customer.id)[3] is True


def test_search_index_rebuild_matches_the_triggers(store: Store) -> None:
    with UnitOfWork(store, "rep") as uow:
        for i in range(5):
            c = Customer(name=f"客户{i}", owner_id="rep", name_key=f"k{i}")
            uow.session.add(c)
            uow.session.flush()
            uow.session.add(Contact(customer_id=c.id, name=f"联系人{i}"))
        uow.commit()
    query = "SELECT customer_rowid, deleted, name, haystack FROM customer_search ORDER BY 1"
    with store.engine.begin() as conn:
        before = conn.execute(text(query)).all()
        for statement in REBUILD_SEARCH:
            conn.execute(text(statement))
        after = conn.execute(text(query)).all()
        check = conn.execute(
            text("INSERT INTO customer_fts(customer_fts) VALUES('integrity-check')")
        )
        assert check is not None
    assert before == after and len(after) == 5

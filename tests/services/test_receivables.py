"""Money owed on a real store: ledgers from visits and entries, manual entries, the credit
check, the aging report of the user's scope, the finance import, overdue follow-ups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from receivable_data import (
    FINANCE_HEADER,
    add_customer,
    add_visit,
    build_ledgers,
    independent_figures,
    write_sheet,
)
from sqlalchemy import select

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import FollowUpKind
from crm_desktop.domain.receivables import EntryDraft, EntryKind, EntrySource
from crm_desktop.services.container import Services
from crm_desktop.services.importing.customer_import_sheet import ImportFileError
from crm_desktop.services.receivables.finance_import import import_finance_balances
from crm_desktop.services.receivables.overdue import create_overdue_follow_ups
from crm_desktop.store.models import FollowUp, OutboxEntry, ReceivableEntry

DAY = dt.date(2026, 11, 23)  # the fixed clock's day


def ago(days: int) -> dt.date:
    return DAY - dt.timedelta(days=days)


def test_a_ledger_reads_visits_and_entries_with_a_running_balance(services: Services) -> None:
    cid = add_customer(services, "华联超市")
    add_visit(services, cid, ago(40), order_fen=100_000)
    add_visit(services, cid, ago(20), collected_fen=30_000)
    manual = services.receivables.add_entry(EntryDraft(cid, "order", 5_000, ago(1)))
    ledger = services.receivables.ledger(cid)
    assert [(line.kind, line.amount_fen, line.running_fen) for line in ledger.lines] == [
        (EntryKind.ORDER, 100_000, 100_000),
        (EntryKind.COLLECTION, -30_000, 70_000),
        (EntryKind.ORDER, 5_000, 75_000),
    ]
    assert ledger.aging.balance_fen == 75_000
    assert ledger.aging.buckets == (5_000, 70_000, 0, 0)
    assert ledger.aging.overdue_fen == 70_000  # 40 days old on the default 30 days
    assert [line.deletable for line in ledger.lines] == [False, False, True]
    services.receivables.delete_entry(manual)
    assert services.receivables.ledger(cid).aging.balance_fen == 70_000
    with pytest.raises(ValidationError):
        services.receivables.delete_entry(manual)


def test_a_manual_entry_is_checked_owned_like_its_customer_and_synced(
    services: Services,
) -> None:
    cid = add_customer(services, "华联超市")
    with pytest.raises(ValidationError) as raised:
        services.receivables.add_entry(EntryDraft(cid, "order", 100, DAY + dt.timedelta(days=1)))
    assert raised.value.field == "entry_date"
    with pytest.raises(ValidationError):
        services.receivables.add_entry(EntryDraft(cid, "collection", 0, DAY))
    with pytest.raises(ValidationError):
        services.receivables.add_entry(EntryDraft(cid, "opening", 100, DAY))
    theirs = add_customer(services, "别人的客户", owner_id="someone-else")
    with pytest.raises(ValidationError, match="not yours"):
        services.receivables.add_entry(EntryDraft(theirs, "order", 100, DAY))
    entry_id = services.receivables.add_entry(
        EntryDraft(cid, "collection", 12_300, DAY, reference="  收据-7 ", note=" ")
    )
    with services.store.reading() as s:
        entry = s.get(ReceivableEntry, entry_id)
        assert entry is not None
        assert (entry.owner_id, entry.source, entry.reference, entry.note) == (
            services.actor.user_id,
            EntrySource.MANUAL.value,
            "收据-7",
            None,
        )
        mutations = s.scalars(
            select(OutboxEntry.name).where(OutboxEntry.entity == "receivable_entry")
        ).all()
    assert mutations == ["create"]


def test_the_credit_warning_counts_visits_and_replaces_the_edited_visits_order(
    services: Services,
) -> None:
    cid = add_customer(services, "华联超市", limit_fen=100_000)
    visit = add_visit(services, cid, ago(3), order_fen=60_000)
    r = services.receivables
    assert r.credit_warning(cid, 40_000) is None  # exactly at the limit
    warning = r.credit_warning(cid, 40_001)
    assert warning is not None and warning.balance_fen == 60_000 and warning.excess_fen == 1
    # Editing the visit itself: its stored 60,000 is replaced by the new amount.
    assert r.credit_warning(cid, 100_000, visit_id=visit) is None
    assert r.credit_warning(cid, 100_001, visit_id=visit) is not None
    no_limit = add_customer(services, "没有额度")
    assert r.credit_warning(no_limit, 10**9) is None


def test_the_aging_report_covers_the_scope_and_matches_sql(
    services: Services, tmp_path: Path
) -> None:
    ledgers = build_ledgers(services, tmp_path)
    theirs = add_customer(services, "别人的客户", owner_id="someone-else")
    add_visit(services, theirs, ago(5), order_fen=1_000)
    report = services.receivables.aging_report()
    names = [r.customer_name for r in report.rows]
    assert "已结清客户" not in names and "别人的客户" not in names
    overdue = [r.overdue_fen for r in report.rows]
    assert overdue == sorted(overdue, reverse=True) and overdue[-1] > 0  # most overdue first
    expected = independent_figures(services.store, DAY)
    assert expected.pop("别人的客户")  # in the store, outside the user's scope
    for row in report.rows:
        limit = -1 if row.credit_limit_fen is None else row.credit_limit_fen
        assert (row.balance_fen, *row.buckets, row.overdue_fen, limit) == expected[
            row.customer_name
        ]
    assert len(report.rows) == len(expected) == 3
    imported = services.receivables.ledger(ledgers.imported)
    # The visit before the cut-off is replaced by the finance balance, shown greyed.
    assert [line.superseded for line in imported.lines] == [True, False, False, False]
    assert imported.aging.balance_fen == 25_000_050 + 120_000 + 70_000
    limit = services.receivables.ledger(ledgers.limit)
    assert limit.aging.balance_fen == 900_000 and not limit.over_limit


def test_finance_import_with_bad_rows_imports_nothing(services: Services, tmp_path: Path) -> None:
    add_customer(services, "南方电子有限公司")
    add_customer(services, "重名公司")
    add_customer(services, "重名公司")
    add_customer(services, "别人的客户", owner_id="someone-else")
    sheet = write_sheet(
        tmp_path / "bad.xlsx",
        FINANCE_HEADER,
        [
            ["南方电子有限公司", "A", ago(10), None, 100],  # fine
            ["不存在的公司", "B", ago(10), None, 100],
            ["重名公司", "C", ago(10), None, 100],
            ["别人的客户", "D", ago(10), None, 100],
            ["南方电子有限公司", "E", "昨天", None, 100],
            ["南方电子有限公司", "F", ago(10), None, "一百"],
            ["南方电子有限公司", "G", ago(10), ago(11), 100],
            ["南方电子有限公司", "H", DAY, None, 100],  # after the cut-off
        ],
    )
    report = import_finance_balances(services.store, services.user, sheet, ago(5))
    assert not report.ok and report.imported == 0
    assert [e.row for e in report.errors] == [3, 4, 5, 6, 7, 8, 9]
    assert "找不到" in report.errors[0].message_zh
    assert "tax id" in report.errors[1].message_en
    assert "not among the customers" in report.errors[2].message_en
    assert "有效日期" in report.errors[3].message_zh
    assert "cut-off" in report.errors[6].message_en
    with services.store.reading() as s:
        assert s.scalars(select(ReceivableEntry)).all() == []


def test_finance_import_matches_tax_ids_and_replaces_the_same_cutoff(
    services: Services, tmp_path: Path
) -> None:
    cid = add_customer(services, "南方电子有限公司", tax_id="91310000MA1FL8XQ2K")
    header = ["税号", "单据日期", "余额(元)"]
    first = write_sheet(tmp_path / "a.xlsx", header, [["91310000MA1FL8XQ2K", ago(40), 500]])
    second = write_sheet(
        tmp_path / "b.xlsx",
        header,
        [["91310000ma1fl8xq2k", ago(40), 300], ["91310000MA1FL8XQ2K", ago(35), "-50"]],
    )
    assert import_finance_balances(services.store, services.user, first, ago(5)).imported == 1
    report = import_finance_balances(services.store, services.user, second, ago(5))
    assert (report.imported, report.customers, report.total_fen) == (2, 1, 25_000)
    assert services.receivables.ledger(cid).aging.balance_fen == 25_000
    with pytest.raises(ImportFileError):
        import_finance_balances(
            services.store, services.user, write_sheet(tmp_path / "c.xlsx", ["x"], [[1]]), ago(5)
        )
    not_xlsx = tmp_path / "d.xlsx"
    not_xlsx.write_text("hello")
    with pytest.raises(ImportFileError):
        import_finance_balances(services.store, services.user, not_xlsx, ago(5))
    with pytest.raises(ValidationError):
        import_finance_balances(services.store, services.user, first, DAY + dt.timedelta(days=1))


def test_overdue_money_becomes_one_follow_up_per_debt(services: Services) -> None:
    cid = add_customer(services, "华联超市")
    add_visit(services, cid, ago(50), order_fen=10_000)  # due 20 days ago
    add_visit(services, cid, ago(35), order_fen=20_000)  # due 5 days ago
    store, user = services.store, services.user
    assert create_overdue_follow_ups(store, user) == 1
    assert create_overdue_follow_ups(store, user) == 0  # not one per run
    [follow_up] = services.follow_ups.list()
    assert follow_up.kind == FollowUpKind.COLLECTION.value and follow_up.due_on == ago(20)
    assert "¥300.00" in follow_up.title and "华联超市" in follow_up.title
    services.follow_ups.set_done(follow_up.id, True)
    assert create_overdue_follow_ups(store, user) == 0  # ticked off: still that debt
    # The oldest debt is paid: the next overdue one gets its own follow-up.
    add_visit(services, cid, ago(1), collected_fen=10_000)
    assert create_overdue_follow_ups(store, user) == 1
    with store.reading() as s:
        dues = s.scalars(select(FollowUp.due_on).order_by(FollowUp.due_on)).all()
    assert dues == [ago(20), ago(5)]
    # Customers of other owners are their owners' to chase.
    theirs = add_customer(services, "别人的客户", owner_id="someone-else")
    add_visit(services, theirs, ago(90), order_fen=1_000)
    assert create_overdue_follow_ups(store, user) == 0

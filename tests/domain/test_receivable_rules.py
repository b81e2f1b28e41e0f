"""Money owed: FIFO settlement, aging buckets at their boundaries, overdue, credit limit."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.receivables import (
    Bucket,
    EntryDraft,
    EntryKind,
    EntrySource,
    LedgerEvent,
    age,
    bucket_of,
    check_credit,
    due_date,
    effective_events,
    entry_problems,
    signed_amount,
    validate_entry,
)

DAY = dt.date(2026, 11, 23)


def order(days_ago: int, fen: int, terms: str | None = None, id: str = "") -> LedgerEvent:
    on = DAY - dt.timedelta(days=days_ago)
    return LedgerEvent(
        on, EntryKind.ORDER, fen, due_date(on, terms), EntrySource.MANUAL, id=id or f"o{days_ago}"
    )


def collection(days_ago: int, fen: int) -> LedgerEvent:
    on = DAY - dt.timedelta(days=days_ago)
    return LedgerEvent(on, EntryKind.COLLECTION, -fen, on, EntrySource.VISIT, id=f"c{days_ago}")


def opening(as_of: dt.date, days_before: int, fen: int) -> LedgerEvent:
    on = as_of - dt.timedelta(days=days_before)
    return LedgerEvent(
        on, EntryKind.OPENING, fen, due_date(on, None), EntrySource.IMPORT, as_of=as_of
    )


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (-3, Bucket.DAYS_0_30),
        (0, Bucket.DAYS_0_30),
        (30, Bucket.DAYS_0_30),
        (31, Bucket.DAYS_31_60),
        (60, Bucket.DAYS_31_60),
        (61, Bucket.DAYS_61_90),
        (90, Bucket.DAYS_61_90),
        (91, Bucket.OVER_90),
        (4000, Bucket.OVER_90),
    ],
)
def test_bucket_boundaries(days: int, bucket: Bucket) -> None:
    assert bucket_of(days) is bucket


def test_each_boundary_lands_in_its_bucket_of_the_aging() -> None:
    events = [order(d, 100 * (i + 1)) for i, d in enumerate((30, 31, 60, 61, 90, 91))]
    aging = age(events, DAY)
    assert aging.buckets == (100, 200 + 300, 400 + 500, 600)
    assert aging.balance_fen == 2100


def test_collections_settle_the_oldest_orders_first() -> None:
    # 100 yuan 95 days ago, 200 yuan 45 days ago, 300 yuan 5 days ago; 150 collected today.
    events = [order(95, 10_000), order(45, 20_000), order(5, 30_000), collection(0, 15_000)]
    aging = age(events, DAY)
    assert aging.balance_fen == 45_000
    # The oldest order is paid off, the second half paid: nothing is over 90 days.
    assert aging.buckets == (30_000, 15_000, 0, 0)
    assert [i.open_fen for i in aging.open_items] == [15_000, 30_000]


def test_an_early_collection_also_settles_a_later_order_fifo() -> None:
    # A prepayment before the order: credit is applied to whatever debt comes.
    events = [collection(40, 5_000), order(10, 8_000)]
    aging = age(events, DAY)
    assert aging.balance_fen == 3_000
    assert aging.buckets == (3_000, 0, 0, 0)


def test_overdue_is_due_date_passed_with_money_open() -> None:
    # Default terms 30 days: due on day 30 after the order; overdue from day 31.
    due_today = age([order(30, 1_000)], DAY)
    assert due_today.overdue_fen == 0
    one_day_late = age([order(31, 1_000)], DAY)
    assert one_day_late.overdue_fen == 1_000
    assert one_day_late.oldest_overdue_due == DAY - dt.timedelta(days=1)
    paid = age([order(31, 1_000), collection(0, 1_000)], DAY)
    assert paid.overdue_fen == 0 and not paid.overdue


def test_payment_terms_set_the_due_date() -> None:
    assert due_date(DAY, "net_60") == DAY + dt.timedelta(days=60)
    assert due_date(DAY, "net_90") == DAY + dt.timedelta(days=90)
    assert due_date(DAY, "cash") == DAY
    assert due_date(DAY, None) == DAY + dt.timedelta(days=30)
    # 45 days old on net 60: not overdue; on net 30 it is.
    assert age([order(45, 500, "net_60")], DAY).overdue_fen == 0
    assert age([order(45, 500, "net_30")], DAY).overdue_fen == 500


def test_overpaid_customer_has_a_negative_balance_and_nothing_open() -> None:
    aging = age([order(10, 1_000), collection(2, 1_500)], DAY)
    assert aging.balance_fen == -500
    assert aging.buckets == (0, 0, 0, 0)
    assert aging.open_items == ()


def test_events_after_the_report_day_are_left_out() -> None:
    future = LedgerEvent(
        DAY + dt.timedelta(days=1), EntryKind.ORDER, 700, DAY, EntrySource.MANUAL, id="f"
    )
    assert age([order(5, 100), future], DAY).balance_fen == 100


def test_the_newest_finance_import_replaces_what_came_before_its_cutoff() -> None:
    cutoff = DAY - dt.timedelta(days=10)
    old_cutoff = DAY - dt.timedelta(days=40)
    events = [
        order(100, 99_999),  # before the cut-off: the finance balance already holds it
        opening(old_cutoff, 0, 50_000),  # an older import: replaced by the newer one
        opening(cutoff, 70, 4_000),  # an open item 80 days old today
        opening(cutoff, 0, 1_000),
        order(5, 2_000),  # after the cut-off: added on top
        collection(3, 500),
    ]
    kept = effective_events(events)
    assert {e.amount_fen for e in kept} == {4_000, 1_000, 2_000, -500}
    aging = age(events, DAY)
    assert aging.balance_fen == 6_500
    # FIFO: the 500 collected settles the oldest open item (80 days) first.
    assert aging.buckets == (3_000, 0, 3_500, 0)


def test_credit_check_warns_only_past_the_limit() -> None:
    assert check_credit(8_000, 2_000, 10_000) is None  # exactly at the limit is allowed
    warning = check_credit(8_000, 2_001, 10_000)
    assert warning is not None
    assert warning.excess_fen == 1 and warning.after_fen == 10_001
    assert "¥100.00" in warning.message_zh and "信用额度" in warning.message_zh
    assert "credit limit" in warning.message_en
    assert check_credit(8_000, 2_001, None) is None  # no limit on the card
    assert check_credit(20_000, 0, 10_000) is None  # no order, no warning


def test_entry_rules() -> None:
    assert entry_problems("order", 100, DAY, None) == []
    assert entry_problems("order", 0, DAY, None)[0].field == "amount"
    assert entry_problems("collection", -5, DAY, None)[0].field == "amount"
    assert entry_problems("adjustment", -5, DAY, None) == []
    assert entry_problems("adjustment", 0, DAY, None)[0].field == "amount"
    assert entry_problems("opening", 100, DAY, None)[0].field == "kind"
    assert entry_problems("opening", -100, DAY, None, imported=True) == []
    assert entry_problems("order", 100, DAY, DAY - dt.timedelta(days=1))[0].field == "due_on"
    assert signed_amount(EntryKind.COLLECTION, 300) == -300
    assert signed_amount(EntryKind.ADJUSTMENT, -300) == -300
    with pytest.raises(ValidationError) as raised:
        validate_entry(EntryDraft("c", "order", 100, DAY + dt.timedelta(days=1)), DAY)
    assert raised.value.field == "entry_date"

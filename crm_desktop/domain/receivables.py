"""Money owed 应收账款 (SPEC §2.18, issue 16): a customer's ledger, its balance, the aging
of the open debt, overdue money and the credit-limit check.

The source files name only the collection of receivables (货款回收) and the finance
department's credit records; credit limits, payment terms and aging buckets are the
minimum a team needs to act on money owed (seed requirements §2.18 [I]). The rules here
are the one place the laptop's ledger, the aging report, the export and the server's
guard read them from.

The ledger is a list of events: orders 订单 and collections 回款 recorded on visits
(read from the visits themselves, never copied), and entries kept in their own table:
manual orders, collections and adjustments 调整, and opening balances 期初余额 imported
from the finance system's open items as of a cut-off date. The newest cut-off of a
customer replaces everything dated on or before it: the finance system's figure is the
truth up to that day, and the events after it are added on top.

FIFO: collections (and credits) settle the oldest debts first, whatever their own date,
which is how a customer's payment is applied unless it names an invoice. What stays
open is aged by the age of its document (order date, or the open item's date in the
finance system) as of the report day, into 0–30, 31–60, 61–90 and over 90 days. A
debt is overdue when its due date (document date plus the customer's payment terms,
30 days when the card has none) has passed with money still open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import check_amount, format_fen
from crm_desktop.domain.picklists import PaymentTerms, Picklist

DEFAULT_TERMS_DAYS = 30
NOTE_MAX = 300
REFERENCE_MAX = 60

# Days a debt may stay unpaid under each payment term (PaymentTerms on the customer card).
TERMS_DAYS: dict[str, int] = {
    PaymentTerms.CASH.value: 0,
    PaymentTerms.PREPAID.value: 0,
    PaymentTerms.NET_30.value: 30,
    PaymentTerms.NET_60.value: 60,
    PaymentTerms.NET_90.value: 90,
}


class EntryKind(Picklist):
    ORDER = ("order", "订单", "Order")
    COLLECTION = ("collection", "回款", "Collection")
    ADJUSTMENT = ("adjustment", "调整", "Adjustment")
    OPENING = ("opening", "期初余额", "Opening balance")


class EntrySource(Picklist):
    VISIT = ("visit", "拜访记录", "Visit")
    MANUAL = ("manual", "手工录入", "Manual entry")
    IMPORT = ("import", "财务导入", "Finance import")


# Kinds a person types by hand; opening balances come only from the finance import.
MANUAL_KINDS = (EntryKind.ORDER, EntryKind.COLLECTION, EntryKind.ADJUSTMENT)


class Bucket(IntEnum):
    """Aging buckets by the age of the open document, in days."""

    DAYS_0_30 = 0
    DAYS_31_60 = 1
    DAYS_61_90 = 2
    OVER_90 = 3

    def label(self, lang: str = "zh_CN") -> str:
        zh, en = _BUCKET_LABELS[self]
        return en if lang.startswith("en") else zh


_BUCKET_LABELS = {
    Bucket.DAYS_0_30: ("0–30天", "0–30 days"),
    Bucket.DAYS_31_60: ("31–60天", "31–60 days"),
    Bucket.DAYS_61_90: ("61–90天", "61–90 days"),
    Bucket.OVER_90: (">90天", "> 90 days"),
}


def bucket_of(age_days: int) -> Bucket:
    """0–30 (a document dated after the report day counts as 0), 31–60, 61–90, > 90."""
    if age_days <= 30:
        return Bucket.DAYS_0_30
    if age_days <= 60:
        return Bucket.DAYS_31_60
    if age_days <= 90:
        return Bucket.DAYS_61_90
    return Bucket.OVER_90


def terms_days(payment_terms: str | None) -> int:
    """Days of credit under the card's payment terms; the default when it has none."""
    if payment_terms is None:
        return DEFAULT_TERMS_DAYS
    return TERMS_DAYS.get(payment_terms, DEFAULT_TERMS_DAYS)


def due_date(entry_date: dt.date, payment_terms: str | None) -> dt.date:
    return entry_date + dt.timedelta(days=terms_days(payment_terms))


@dataclass(frozen=True)
class LedgerEvent:
    """One line of a customer's ledger. `amount_fen` is signed as it moves the balance:
    an order or a debit adjustment adds to what the customer owes, a collection or a
    credit subtracts. An opening balance carries `as_of`, its import's cut-off."""

    entry_date: dt.date
    kind: EntryKind
    amount_fen: int
    due_on: dt.date
    source: EntrySource
    id: str = ""
    reference: str | None = None
    note: str | None = None
    as_of: dt.date | None = None


@dataclass(frozen=True)
class OpenItem:
    """A debt with money still open after FIFO settlement."""

    entry_date: dt.date
    due_on: dt.date
    open_fen: int
    event_id: str = ""


@dataclass(frozen=True)
class Aging:
    """A customer's position as of a day: balance, open debt by bucket, overdue money."""

    as_of: dt.date
    balance_fen: int
    buckets: tuple[int, int, int, int]
    overdue_fen: int
    oldest_overdue_due: dt.date | None
    open_items: tuple[OpenItem, ...] = field(default=(), compare=False)

    @property
    def overdue(self) -> bool:
        return self.overdue_fen > 0


def signed_amount(kind: EntryKind, amount_fen: int) -> int:
    """The effect on the balance of an entry typed as a positive amount (orders and
    collections) or a signed one (adjustments, opening balances)."""
    return -amount_fen if kind is EntryKind.COLLECTION else amount_fen


def latest_cutoff(events: Iterable[LedgerEvent]) -> dt.date | None:
    """The cut-off of the newest finance import among the events, if any."""
    cutoffs = [e.as_of for e in events if e.kind is EntryKind.OPENING and e.as_of is not None]
    return max(cutoffs, default=None)


def superseded(event: LedgerEvent, cutoff: dt.date | None) -> bool:
    """Whether the finance import with this cut-off replaced the event: an opening
    balance of an older import, or any other event dated on or before the cut-off."""
    if cutoff is None:
        return False
    if event.kind is EntryKind.OPENING:
        return event.as_of != cutoff
    return event.entry_date <= cutoff


def effective_events(events: Iterable[LedgerEvent]) -> list[LedgerEvent]:
    """The events that make the balance: the newest cut-off's opening balances, and
    every other event dated after that cut-off (all of them when nothing was imported)."""
    events = list(events)
    cutoff = latest_cutoff(events)
    return [e for e in events if not superseded(e, cutoff)]


def age(events: Iterable[LedgerEvent], as_of: dt.date) -> Aging:
    """Balance and aging as of `as_of`, from the events dated on or before it."""
    live = [e for e in effective_events(events) if e.entry_date <= as_of]
    balance = sum(e.amount_fen for e in live)
    debts = sorted(
        (e for e in live if e.amount_fen > 0), key=lambda e: (e.entry_date, e.due_on, e.id)
    )
    credit = -sum(e.amount_fen for e in live if e.amount_fen < 0)
    buckets = [0, 0, 0, 0]
    overdue = 0
    oldest_overdue: dt.date | None = None
    items: list[OpenItem] = []
    for debt in debts:
        settled = min(credit, debt.amount_fen)
        credit -= settled
        open_fen = debt.amount_fen - settled
        if open_fen == 0:
            continue
        items.append(OpenItem(debt.entry_date, debt.due_on, open_fen, debt.id))
        buckets[bucket_of((as_of - debt.entry_date).days)] += open_fen
        if debt.due_on < as_of:
            overdue += open_fen
            if oldest_overdue is None or debt.due_on < oldest_overdue:
                oldest_overdue = debt.due_on
    return Aging(
        as_of,
        balance,
        (buckets[0], buckets[1], buckets[2], buckets[3]),
        overdue,
        oldest_overdue,
        tuple(items),
    )


# --- the credit limit -------------------------------------------------------------------


@dataclass(frozen=True)
class CreditWarning:
    """An order that would take the customer's balance past the credit limit."""

    balance_fen: int
    order_fen: int
    limit_fen: int

    @property
    def after_fen(self) -> int:
        return self.balance_fen + self.order_fen

    @property
    def excess_fen(self) -> int:
        return self.after_fen - self.limit_fen

    @property
    def message_zh(self) -> str:
        return (
            f"信用额度提醒：该客户现欠款 {format_fen(self.balance_fen)}，加上本次订货 "
            f"{format_fen(self.order_fen)} 后为 {format_fen(self.after_fen)}，超过信用额度 "
            f"{format_fen(self.limit_fen)}（超出 {format_fen(self.excess_fen)}）。"
            "请先催收回款或请主管批准。"
        )

    @property
    def message_en(self) -> str:
        return (
            f"Credit limit: the customer owes {format_fen(self.balance_fen)}; with this "
            f"order of {format_fen(self.order_fen)} it would owe {format_fen(self.after_fen)}, "
            f"over the credit limit of {format_fen(self.limit_fen)} by "
            f"{format_fen(self.excess_fen)}. Collect payment first or ask your supervisor."
        )

    def message(self, lang: str = "zh_CN") -> str:
        return self.message_en if lang.startswith("en") else self.message_zh


def check_credit(balance_fen: int, order_fen: int, limit_fen: int | None) -> CreditWarning | None:
    """A warning when the order would pass the limit; None when it fits, when there is
    no order, or when the card sets no limit. Reaching the limit exactly is allowed."""
    if limit_fen is None or order_fen <= 0:
        return None
    if balance_fen + order_fen <= limit_fen:
        return None
    return CreditWarning(balance_fen, order_fen, limit_fen)


# --- a typed entry ------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryDraft:
    """A manual ledger entry as typed. Orders and collections are positive amounts;
    an adjustment is signed (positive: the customer owes more; negative: a credit)."""

    customer_id: str
    kind: str
    amount_fen: int
    entry_date: dt.date
    due_on: dt.date | None = None
    reference: str | None = None
    note: str | None = None

    def cleaned(self) -> EntryDraft:
        reference = (self.reference or "").strip() or None
        note = (self.note or "").strip() or None
        return EntryDraft(
            self.customer_id,
            self.kind,
            self.amount_fen,
            self.entry_date,
            self.due_on,
            reference,
            note,
        )


def entry_problems(
    kind: str,
    amount_fen: int,
    entry_date: dt.date | None,
    due_on: dt.date | None,
    *,
    imported: bool = False,
) -> list[ValidationError]:
    """What is wrong with an entry, laptop and server alike. Opening balances come only
    from the finance import (`imported`)."""
    problems: list[ValidationError] = []
    allowed = list(EntryKind) if imported else list(MANUAL_KINDS)
    if kind not in allowed:
        problems.append(
            ValidationError(
                "请选择款项类型：订单、回款或调整",
                "Choose the kind of entry: order, collection or adjustment",
                "kind",
            )
        )
        return problems
    entry_kind = EntryKind(kind)
    try:
        check_amount(amount_fen, allow_negative=True)
    except ValidationError as error:
        problems.append(error)
        return problems
    if entry_kind in (EntryKind.ORDER, EntryKind.COLLECTION) and amount_fen <= 0:
        problems.append(
            ValidationError(
                f"{entry_kind.zh}金额必须大于零",
                f"The {entry_kind.en.lower()} amount must be more than zero",
                "amount",
            )
        )
    elif entry_kind is EntryKind.ADJUSTMENT and amount_fen == 0:
        problems.append(
            ValidationError(
                "调整金额不能为零（正数增加欠款，负数减少欠款）",
                "An adjustment cannot be zero (positive adds to the debt, negative reduces it)",
                "amount",
            )
        )
    if entry_date is None:
        problems.append(ValidationError("请填写日期", "Enter the date", "entry_date"))
    elif due_on is not None and due_on < entry_date:
        problems.append(
            ValidationError(
                "到期日不能早于单据日期", "The due date cannot be before the entry's date", "due_on"
            )
        )
    return problems


def validate_entry(draft: EntryDraft, today: dt.date) -> None:
    """Raise the first problem of a manual entry; an entry may not be dated in the future."""
    problems = entry_problems(draft.kind, draft.amount_fen, draft.entry_date, draft.due_on)
    if draft.reference and len(draft.reference) > REFERENCE_MAX:
        problems.append(
            ValidationError(
                f"单据号不能超过 {REFERENCE_MAX} 个字",
                f"The reference is longer than {REFERENCE_MAX} characters",
                "reference",
            )
        )
    if draft.note and len(draft.note) > NOTE_MAX:
        problems.append(
            ValidationError(
                f"备注不能超过 {NOTE_MAX} 个字",
                f"The note is longer than {NOTE_MAX} characters",
                "note",
            )
        )
    if draft.entry_date > today:
        problems.append(
            ValidationError("日期不能晚于今天", "The date cannot be later than today", "entry_date")
        )
    if problems:
        raise problems[0]


def overdue_follow_up_title(customer_name: str, overdue_fen: int) -> str:
    """The to-do an overdue debt becomes for the customer's rep (stored text, Chinese
    first like every stored label)."""
    return f"催收逾期货款 {format_fen(overdue_fen)}：{customer_name}"

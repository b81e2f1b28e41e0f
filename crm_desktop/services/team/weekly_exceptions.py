"""异常客户处理 of the weekly summary (F6 field 8): the customers of the scope's reps that
need handling, one line per reason, judged on one day (the week's Sunday, or today while
the week is still running).

Every rule is someone else's and is only asked here:
- an A account overdue for its effective visit: domain.classification.is_overdue with the
  team policy's cadence (the notion the Today page lists);
- a churn warning: services.customers.churn.ChurnService.warnings (domain/churn.py);
- a complaint past its due date: domain.complaints.complaint_is_overdue;
- a customer lost this week: a live defector case of a lost type (domain.churn.LOST_TYPES)
  dated in the week, as the Dashboard's defection rate counts them;
- money overdue: the receivables ledger (services/receivables/ledger_read.py) aged by
  domain.receivables.age.
Each is one set-based query for all the reps' customers (the ledger two per 500
customers); the churn list is the churn service's own single query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from crm_desktop.domain.churn import (
    LOST_TYPES,
    ChurnSignal,
    DefectionCause,
    DefectionType,
    decode_causes,
)
from crm_desktop.domain.classification import Cadence, days_overdue, is_overdue
from crm_desktop.domain.complaints import PENDING, complaint_is_overdue
from crm_desktop.domain.money import fen_to_decimal
from crm_desktop.domain.picklists import (
    ComplaintCategory,
    CustomerStatus,
    Picklist,
    Severity,
    ValueClass,
)
from crm_desktop.domain.receivables import age
from crm_desktop.export.weekly_data import EXCEPTION_KINDS, ExceptionLine
from crm_desktop.services.actor import Actor, CurrentUser
from crm_desktop.services.customers.churn import ChurnService
from crm_desktop.services.receivables.ledger_read import events_by_customer
from crm_desktop.store.base import session_clock
from crm_desktop.store.database import Store
from crm_desktop.store.models import Complaint, Customer, DefectionCase

# Lost and former customers are off the visit cadence (as on the Today page).
_OFF_CADENCE = (CustomerStatus.LOST.value, CustomerStatus.FORMER.value)
_KIND_LABELS = {
    "overdue_a": ("A类客户逾期未访", "A account overdue for a visit"),
    "churn": ("流失预警", "Churn warning"),
    "complaint": ("投诉逾期未处理", "Complaint overdue"),
    "lost": ("本周流失", "Lost this week"),
    "collection": ("货款逾期", "Payment overdue"),
}
assert tuple(_KIND_LABELS) == EXCEPTION_KINDS


def exceptions_day(end: dt.date, today: dt.date) -> dt.date:
    """The day overdue is judged on: the week's Sunday, or today inside the week."""
    return min(end, today)


class _ActorUser(CurrentUser):
    """The exporting actor as the churn service's user (its scope is that actor's)."""

    def __init__(self, actor: Actor) -> None:  # no store read: the actor is known
        self.actor = actor


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


def _label(picklist: type[Picklist], code: str | None, lang: str) -> str:
    if not code:
        return ""
    try:
        return picklist(code).label(lang)
    except ValueError:
        return code


def _kind(kind: str, lang: str) -> str:
    zh, en = _KIND_LABELS[kind]
    return _t(lang, zh, en)


def _value_class(code: str | None) -> ValueClass:
    try:
        return ValueClass(code or "C")
    except ValueError:
        return ValueClass.C


def churn_lines(
    store: Store,
    actor: Actor,
    names: dict[str, str],
    day: dt.date,
    cadence: Cadence,
    lang: str,
) -> list[ExceptionLine]:
    """The churn service's warnings on `day`, for the customers the scope's reps own."""
    warnings = ChurnService(store, _ActorUser(actor), cadence).warnings(day)
    sep = "; " if lang.startswith("en") else "；"
    lines = []
    for w in warnings:
        if w.owner_id not in names:
            continue
        parts = []
        for signal in w.signals:
            part = signal.label(lang)
            if signal is ChurnSignal.ORDER_DROP and w.drop is not None:
                part += f" {w.drop * 100:.0f}%"
            elif signal is ChurnSignal.SERIOUS_COMPLAINT:
                part += f" ×{w.open_serious_complaints}"
            parts.append(part)
        lines.append(
            ExceptionLine(
                "churn", _kind("churn", lang), names[w.owner_id], w.name, w.value_class,
                w.last_effective_visit_on, None, w.recent_fen, sep.join(parts),
            )
        )  # fmt: skip
    return lines


def collect_exceptions(
    s: Session,
    ids: Sequence[str],
    names: dict[str, str],
    start: dt.date,
    end: dt.date,
    day: dt.date,
    cadence: Cadence,
    lang: str,
) -> list[ExceptionLine]:
    """Overdue A accounts, overdue complaints, customers lost in [start, end] and overdue
    money of the reps' customers on `day` (the churn warnings are `churn_lines`)."""
    return [
        *_overdue_a(s, ids, names, day, cadence, lang),
        *_complaints(s, ids, names, day, lang),
        *_lost(s, ids, names, start, end, lang),
        *_collections(s, ids, names, day, lang),
    ]


def sort_lines(lines: list[ExceptionLine]) -> tuple[ExceptionLine, ...]:
    """By kind (the sheet's order), then rep and customer."""
    order: Callable[[ExceptionLine], tuple[int, str, str]] = lambda x: (  # noqa: E731
        EXCEPTION_KINDS.index(x.kind),
        x.rep_name,
        x.customer,
    )
    return tuple(sorted(lines, key=order))


def _overdue_a(
    s: Session, ids: Sequence[str], names: dict[str, str], day: dt.date, cadence: Cadence,
    lang: str,
) -> list[ExceptionLine]:  # fmt: skip
    last = Customer.last_effective_visit_on
    # The SQL narrows to the candidates (textual ISO dates); the domain decides.
    cutoff = day - dt.timedelta(days=cadence.a_days)
    rows = s.execute(
        select(Customer.owner_id, Customer.name, last, Customer.created_at).where(
            Customer.owner_id.in_(list(ids)),
            Customer.deleted.is_(False),
            Customer.value_class == ValueClass.A.value,
            Customer.status.not_in(_OFF_CADENCE),
            or_(last.is_(None), last < cutoff),
        )
    ).all()
    clock = session_clock(s)
    lines = []
    for owner, name, last_on, created in rows:
        if not is_overdue(ValueClass.A, last_on, day, cadence):
            continue
        since = clock.to_local(created).date() if created is not None else None
        late = days_overdue(ValueClass.A, last_on, day, cadence, never_visited_since=since)
        detail = (
            _t(lang, f"从未有效拜访（周期 {cadence.a_days} 天）",
               f"never visited effectively (every {cadence.a_days} days)")
            if last_on is None
            else _t(lang, f"超出拜访周期 {cadence.a_days} 天",
                    f"past the {cadence.a_days}-day visit cadence")
        )  # fmt: skip
        lines.append(
            ExceptionLine(
                "overdue_a", _kind("overdue_a", lang), names[str(owner)], name, "A", last_on,
                late if last_on is not None else None, None, detail,
            )
        )  # fmt: skip
    return lines


def _complaints(
    s: Session, ids: Sequence[str], names: dict[str, str], day: dt.date, lang: str
) -> list[ExceptionLine]:
    rows = s.execute(
        select(
            Customer.owner_id, Customer.name, Customer.value_class, Complaint.received_on,
            Complaint.due_on, Complaint.status, Complaint.severity, Complaint.category,
            Complaint.description,
        )
        .join(Customer, Customer.id == Complaint.customer_id)
        .where(
            Customer.owner_id.in_(list(ids)),
            Customer.deleted.is_(False),
            Complaint.deleted.is_(False),
            Complaint.status.in_([p.value for p in PENDING]),
            Complaint.due_on < day,
        )
    ).all()  # fmt: skip
    lines = []
    for owner, name, cls, received, due, status, severity, category, text in rows:
        if due is None or not complaint_is_overdue(status, due, day):
            continue
        detail = (
            f"{_label(ComplaintCategory, category, lang)} · {_label(Severity, severity, lang)}"
            + _t(lang, f" · 应于 {due:%Y-%m-%d} 前处理", f" · due {due:%Y-%m-%d}")
            + (f" · {text}" if text else "")
        )
        lines.append(
            ExceptionLine(
                "complaint", _kind("complaint", lang), names[str(owner)], name, cls, received,
                (day - due).days, None, detail,
            )
        )  # fmt: skip
    return lines


def _lost(
    s: Session, ids: Sequence[str], names: dict[str, str], start: dt.date, end: dt.date,
    lang: str,
) -> list[ExceptionLine]:  # fmt: skip
    rows = s.execute(
        select(
            Customer.owner_id, Customer.name, Customer.value_class, DefectionCase.defected_on,
            DefectionCase.defection_type, DefectionCase.root_causes,
        )
        .join(Customer, Customer.id == DefectionCase.customer_id)
        .where(
            Customer.owner_id.in_(list(ids)),
            Customer.deleted.is_(False),
            DefectionCase.deleted.is_(False),
            DefectionCase.defection_type.in_([t.value for t in LOST_TYPES]),
            DefectionCase.defected_on.between(start, end),
        )
    ).all()  # fmt: skip
    sep = ", " if lang.startswith("en") else "、"
    lines = []
    for owner, name, cls, on, kind, causes in rows:
        reasons = sep.join(_label(DefectionCause, c, lang) for c in decode_causes(causes))
        detail = _label(DefectionType, kind, lang) + (f" · {reasons}" if reasons else "")
        lines.append(
            ExceptionLine(
                "lost", _kind("lost", lang), names[str(owner)], name, cls, on, None, None, detail
            )
        )
    return lines


def _collections(
    s: Session, ids: Sequence[str], names: dict[str, str], day: dt.date, lang: str
) -> list[ExceptionLine]:
    customers = {
        cid: (owner, name, cls, terms)
        for cid, owner, name, cls, terms in s.execute(
            select(
                Customer.id, Customer.owner_id, Customer.name, Customer.value_class,
                Customer.payment_terms,
            ).where(Customer.owner_id.in_(list(ids)), Customer.deleted.is_(False))
        )
    }  # fmt: skip
    events = events_by_customer(s, {cid: row[3] for cid, row in customers.items()})
    lines = []
    for cid, customer_events in events.items():
        aging = age(customer_events, day)
        if not aging.overdue:
            continue
        owner, name, cls, _terms = customers[cid]
        oldest = aging.oldest_overdue_due
        balance = f"¥{fen_to_decimal(aging.balance_fen):,.2f}"
        lines.append(
            ExceptionLine(
                "collection", _kind("collection", lang), names[str(owner)], name, cls, oldest,
                (day - oldest).days if oldest else None, aging.overdue_fen,
                _t(lang, f"应收余额 {balance}", f"balance {balance}"),
            )
        )  # fmt: skip
    return lines

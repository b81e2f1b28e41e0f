"""The weekly summary's F6 sections beyond the visit figures: new customers developed,
竞争者动态 (competitor activity), the week's expenses and 下周目标与计划 (next week's
targets beside the visits planned). Each is one set-based query (or a read the summary
already made) for all the reps of the scope.

New customers, each labelled: a card created in the week (新建档案, the summary's
existing count), a first order (the customer's first visit with an order amount ever is
in the week, by one of the reps: 首次下单), a lead converted in the week (线索转化).
A customer developed (新开发客户) is a first order or a conversion, counted once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session, aliased

from crm_desktop.domain.picklists import MarketCategory, Picklist, ReportStatus, TargetKind
from crm_desktop.export.weekly_data import (
    CompetitorLine,
    ExpenseLine,
    NewCustomerLine,
    NextTargetRow,
)
from crm_desktop.services.read_model import PlanItemFacts, RepDays, visits_of
from crm_desktop.services.team.team_figures import period_targets, utc_bounds
from crm_desktop.store.base import session_clock
from crm_desktop.store.models import Customer, DailyReport, Lead, MarketReport, VisitRecord

# Market report categories that are about a competitor.
COMPETITOR_CATEGORIES = (
    MarketCategory.COMPETITOR_PROMOTION.value,
    MarketCategory.COMPETITOR_PRODUCT.value,
)
NEXT_TARGET_KINDS = (
    TargetKind.SALES,
    TargetKind.COLLECTION,
    TargetKind.VISITS,
    TargetKind.NEW_CUSTOMERS,
)


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


def _label(picklist: type[Picklist], code: str | None, lang: str) -> str:
    if not code:
        return ""
    try:
        return picklist(code).label(lang)
    except ValueError:
        return code


# --- new customers -------------------------------------------------------------------


@dataclass(frozen=True)
class NewCustomers:
    lines: tuple[NewCustomerLine, ...]
    counts: dict[str, tuple[int, int, int]]  # rep → (first orders, converted, developed)


@dataclass
class _New:
    rep: str
    customer: str
    created_on: dt.date | None = None
    first_order_on: dt.date | None = None
    first_order_fen: int = 0
    converted_on: dt.date | None = None
    lead: str | None = None


def new_customers(
    s: Session, ids: Sequence[str], names: dict[str, str], start: dt.date, end: dt.date,
    lang: str,
) -> NewCustomers:  # fmt: skip
    since, until = utc_bounds(start, end, session_clock(s))
    clock = session_clock(s)
    found: dict[tuple[str, str], _New] = {}

    def entry(rep: str, customer_id: str, name: str) -> _New:
        return found.setdefault((rep, customer_id), _New(rep, name))

    # Cards created in the week: the same rule as the summary's count (team_figures).
    for cid, owner, name, created in s.execute(
        select(Customer.id, Customer.owner_id, Customer.name, Customer.created_at).where(
            Customer.owner_id.in_(list(ids)),
            Customer.deleted.is_(False),
            Customer.updated_at >= since,  # lets SQLite use the (deleted, updated_at) index
            Customer.created_at >= since,
            Customer.created_at < until,
        )
    ):
        entry(str(owner), cid, name).created_on = clock.to_local(created).date()
    # First orders: a live order visit of the week with no live order visit before it
    # (the same day's earlier id breaks a tie), taken by one of the reps.
    earlier = aliased(VisitRecord)
    first = s.execute(
        select(
            VisitRecord.owner_id, VisitRecord.customer_id, Customer.name, VisitRecord.visit_date,
            VisitRecord.order_amount_fen,
        )
        .join(Customer, Customer.id == VisitRecord.customer_id)
        .where(
            visits_of(ids),  # walk the week's dates, not the reps' years of visits
            VisitRecord.deleted.is_(False),
            VisitRecord.order_amount_fen > 0,
            VisitRecord.visit_date.between(start, end),
            ~exists().where(
                earlier.customer_id == VisitRecord.customer_id,
                earlier.deleted.is_(False),
                earlier.order_amount_fen > 0,
                or_(
                    earlier.visit_date < VisitRecord.visit_date,
                    and_(earlier.visit_date == VisitRecord.visit_date,
                         earlier.id < VisitRecord.id),
                ),
            ),
        )
    )  # fmt: skip
    for owner, cid, name, on, amount in first:
        item = entry(str(owner), cid, name)
        item.first_order_on, item.first_order_fen = on, int(amount)
    # Leads converted in the week, by the lead's owner (who converted it).
    converted = s.execute(
        select(Lead.owner_id, Lead.converted_customer_id, Customer.name, Lead.name,
               Lead.converted_at)
        .join(Customer, Customer.id == Lead.converted_customer_id)
        .where(
            Lead.owner_id.in_(list(ids)),
            Lead.deleted.is_(False),
            Lead.converted_at >= since,
            Lead.converted_at < until,
        )
    )  # fmt: skip
    for owner, made, name, lead, at in converted:
        if made is None or at is None:  # the join and the bounds exclude both; for mypy
            continue
        item = entry(str(owner), made, name)
        item.converted_on, item.lead = clock.to_local(at).date(), lead
    return _summed(found.values(), names, lang)


def _summed(found: Iterable[_New], names: dict[str, str], lang: str) -> NewCustomers:
    sep = ", " if lang.startswith("en") else "、"
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    lines = []
    for n in found:
        kinds = [
            label
            for flag, label in (
                (n.created_on, _t(lang, "新建档案", "New record")),
                (n.first_order_on, _t(lang, "首次下单", "First order")),
                (n.converted_on, _t(lang, "线索转化", "Lead converted")),
            )
            if flag is not None
        ]
        developed = n.first_order_on is not None or n.converted_on is not None
        mine = counts[n.rep]
        mine[0] += n.first_order_on is not None
        mine[1] += n.converted_on is not None
        mine[2] += developed
        lines.append(
            NewCustomerLine(
                names[n.rep], n.customer, sep.join(kinds), n.created_on, n.first_order_on,
                n.first_order_fen, n.converted_on, n.lead, developed,
            )
        )  # fmt: skip
    lines.sort(key=lambda x: (x.rep_name, not x.developed, x.customer))
    return NewCustomers(tuple(lines), {rep: (a, b, c) for rep, (a, b, c) in counts.items()})


# --- competitor activity ---------------------------------------------------------------


def competitors(
    s: Session, days: RepDays, names: dict[str, str], start: dt.date, end: dt.date, lang: str
) -> tuple[CompetitorLine, ...]:
    """The week's visits with a competitor note (from the days read) and the market
    reports about a competitor (one query)."""
    visit = _t(lang, "拜访记录", "Visit")
    lines = [
        CompetitorLine(facts.day, names[rep], visit, v.customer_name, None,
                       v.competitor_info.strip())
        for rep in days.owners
        for facts in days.days(rep)
        for v in facts.visits
        if v.competitor_info and v.competitor_info.strip()
    ]  # fmt: skip
    report = _t(lang, "市场报告", "Market report")
    rows = s.execute(
        select(MarketReport.report_date, MarketReport.owner_id, Customer.name,
               MarketReport.category, MarketReport.description)
        .outerjoin(Customer, Customer.id == MarketReport.customer_id)
        .where(
            MarketReport.owner_id.in_(list(days.owners)),
            MarketReport.deleted.is_(False),
            MarketReport.category.in_(COMPETITOR_CATEGORIES),
            MarketReport.report_date.between(start, end),
        )
    )  # fmt: skip
    lines.extend(
        CompetitorLine(on, names[str(owner)], report, customer,
                       _label(MarketCategory, category, lang), text)
        for on, owner, customer, category, text in rows
    )  # fmt: skip
    lines.sort(key=lambda x: (x.on, x.rep_name, x.source, x.customer or ""))
    return tuple(lines)


# --- expenses ----------------------------------------------------------------------------


def expenses(
    s: Session, ids: Sequence[str], names: dict[str, str], start: dt.date, end: dt.date,
    lang: str,
) -> tuple[ExpenseLine, ...]:  # fmt: skip
    """Every live daily report of the week with expenses, whatever its status (shown)."""
    rows = s.execute(
        select(DailyReport.report_date, DailyReport.owner_id, DailyReport.status,
               DailyReport.expenses_fen, DailyReport.expense_note)
        .where(
            DailyReport.owner_id.in_(list(ids)),
            DailyReport.deleted.is_(False),
            DailyReport.report_date.between(start, end),
            DailyReport.expenses_fen != 0,
        )
    )  # fmt: skip
    lines = [
        ExpenseLine(on, names[str(owner)], _label(ReportStatus, status, lang), int(fen), note)
        for on, owner, status, fen, note in rows
    ]
    lines.sort(key=lambda x: (x.report_date, x.rep_name))
    return tuple(lines)


def expenses_by_rep(lines: Sequence[ExpenseLine]) -> dict[str, int]:
    found: dict[str, int] = defaultdict(int)
    for line in lines:
        found[line.rep_name] += line.expenses_fen
    return found


# --- next week's targets and plans -----------------------------------------------------------


def next_targets(
    s: Session, reps: Sequence[tuple[str, str]], next_week: RepDays
) -> tuple[NextTargetRow, ...]:
    """Per rep (id, name): next week's targets (pro-rated like the summary's) beside the
    plans already entered for it."""
    ids = [rep for rep, _name in reps]
    targets = period_targets(s, ids, next_week.start, next_week.end, NEXT_TARGET_KINDS)
    days: dict[str, int] = defaultdict(int)
    for owner, _day in next_week.plans:
        days[owner] += 1
    items: dict[str, list[PlanItemFacts]] = defaultdict(list)
    for (owner, _day), found in next_week.plan_items.items():
        items[owner].extend(found)
    rows = []
    for rep, name in reps:
        mine, planned = targets.get(rep, {}), items.get(rep, [])
        rows.append(
            NextTargetRow(
                name, mine.get(TargetKind.SALES), mine.get(TargetKind.COLLECTION),
                mine.get(TargetKind.VISITS), mine.get(TargetKind.NEW_CUSTOMERS), days.get(rep, 0),
                len(planned), len({i.customer_id for i in planned}),
            )
        )  # fmt: skip
    return tuple(rows)

"""The weekly summary 周报 (SPEC §4): resolve the scope and the ISO week, collect every
figure and line from the store, and hand them as plain data to the workbook writer.

The week's plans, reports and visits come from the shared read model
(services/read_model.py): the figures are `team_figures.figures_of` over it (the same
numbers the team view shows), and the visit lines and each rep's days come from the same
read; the month to date is its visit totals, next week's plans its plan items. Stage
changes and market reports are one query each for all the reps of the scope, so a
50-rep team costs a handful of statements. A new section is one more function that
takes the session or the days read and returns its lines: F6's new customers developed,
competitor activity, expenses and next week's targets are in weekly_sections.py, its
exception customers 异常客户 in weekly_exceptions.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.domain.classification import DEFAULT_CADENCE, Cadence
from crm_desktop.domain.daily import DayTotals
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.kpi import iso_week_bounds, period_bounds
from crm_desktop.domain.picklists import (
    MarketCategory,
    PeriodKind,
    Picklist,
    PlanStatus,
    ReportStatus,
    Role,
    Severity,
    TargetKind,
    VisitOutcome,
    VisitPurpose,
)
from crm_desktop.domain.policy import DEFAULT_DUE_HOUR
from crm_desktop.domain.stages import DEFAULT_METHOD_CODE, DEFAULT_STAGES
from crm_desktop.export.weekly_data import (
    ExportCancelled,
    MarketLine,
    PlannedLine,
    RepDay,
    RepWeek,
    StageChangeLine,
    SummaryRow,
    VisitLine,
    WeeklySummary,
)
from crm_desktop.services.actor import Actor
from crm_desktop.services.org import OrgTree, Person
from crm_desktop.services.read_model import RepDays, read_days
from crm_desktop.services.team import weekly_exceptions, weekly_sections
from crm_desktop.services.team.team_figures import (
    RepFigures,
    classify_change,
    figures_of,
    period_targets,
    stage_table,
    utc_bounds,
)
from crm_desktop.store.base import session_clock
from crm_desktop.store.database import Store
from crm_desktop.store.models import (
    Customer,
    MarketReport,
    Opportunity,
    SalesStage,
    StageHistory,
    Team,
)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

_WEEK = re.compile(r"\s*(\d{4})\s*-?\s*[Ww]\s*(\d{1,2})\s*")
_CHANGE_LABELS = {
    "advanced": ("推进", "Advanced"),
    "won": ("赢单", "Won"),
    "lost": ("输单", "Lost"),
    "back": ("回退", "Moved back"),
    "new": ("新建", "Created"),
}
# SummaryRow fields the total row sums, and the target fields it sums where set.
_COUNTED = (
    "planned_items", "planned_items_visited", "visits", "effective_visits", "order_visits",
    "order_amount_fen", "collection_fen", "new_customers", "opportunities_advanced",
    "opportunities_won", "opportunities_lost", "reports_on_time", "reports_late",
    "reports_missing", "reports_signed", "month_sales_fen", "month_collection_fen",
    "first_orders", "leads_converted", "customers_developed", "expenses_fen",
)  # fmt: skip
_TARGETS = (
    "week_sales_target_fen", "week_collection_target_fen",
    "month_sales_target_fen", "month_collection_target_fen",
)  # fmt: skip
# Collecting is this many steps; writing the workbook reports the rest.
COLLECT_STEPS = 8


def parse_iso_week(text: str) -> tuple[int, int]:
    """ "2026-W47" (also "2026W47", "2026-w7") → (2026, 47); ValidationError otherwise."""
    match = _WEEK.fullmatch(text or "")
    if match is not None:
        year, week = int(match[1]), int(match[2])
        try:
            iso_week_bounds(year, week)
        except ValueError:
            pass
        else:
            return year, week
    raise ValidationError(
        f"“{text}”不是有效的 ISO 周，请写成如 2026-W47",
        f'"{text}" is not a valid ISO week; write it like 2026-W47',
        field="week",
    )


def previous_week(today: dt.date) -> tuple[int, int]:
    """The ISO week before the one holding `today` (the week a Monday's summary is for)."""
    year, week, _day = (today - dt.timedelta(days=7)).isocalendar()
    return year, week


@dataclass(frozen=True)
class Scope:
    label: str
    reps: tuple[Person, ...]


def resolve_scope(
    store: Store,
    actor: Actor,
    *,
    rep: str | None = None,
    team: str | None = None,
    lang: str = "zh_CN",
) -> Scope:
    """A rep by username, a team by name, or (neither) the actor's own subtree — the
    actor alone when the actor is a rep. A leader sees only the reps below them."""
    if rep and team:
        raise ValidationError(
            "请只指定一名销售员或一个团队", "Give either a rep or a team, not both", "scope"
        )
    org = OrgTree.load(store)
    mine = {p.id for p in org.reps_below(actor.user_id)}
    sees_all = actor.role is Role.ADMIN
    if rep:
        person = org.by_username(rep)
        if person.id != actor.user_id and person.id not in mine and not sees_all:
            raise ValidationError(
                f"您无权查看“{rep}”的周报", f"You may not see the summary of “{rep}”", "rep"
            )
        return Scope(person.display_name, (person,))
    if team:
        team_id = org.team_by_name(team)
        reps = [p for p in org.team_reps(team_id) if sees_all or p.id in mine]
        if not reps:
            raise ValidationError(
                f"团队“{team}”中没有您可查看的销售员",
                f"Team “{team}” has no reps you may see",
                "team",
            )
        return Scope(team, tuple(reps))
    if actor.role is Role.REP:
        return Scope(actor.display_name, (org.people[actor.user_id],))
    reps = org.reps_below(actor.user_id)
    if not reps:
        raise ValidationError(
            "您的团队中还没有销售员", "There are no reps in your team yet", "scope"
        )
    with store.reading() as s:
        led = s.scalars(
            select(Team.name).where(Team.supervisor_id == actor.user_id, Team.deleted.is_(False))
        ).all()
    if len(led) == 1:
        label = led[0]
    else:
        label = (
            f"{actor.display_name}团队"
            if not lang.startswith("en")
            else (f"{actor.display_name}'s team")
        )
    return Scope(label, tuple(reps))


def _label(picklist: type[Picklist], code: str | None, lang: str) -> str | None:
    if code is None:
        return None
    try:
        return picklist(code).label(lang)
    except ValueError:
        return code  # a code this version does not know: show it rather than fail


class _Steps:
    def __init__(self, progress: Progress | None, cancel: Cancelled | None, total: int) -> None:
        self._progress, self._cancel, self.total, self.done = progress, cancel, total, 0

    def step(self) -> None:
        if self._cancel is not None and self._cancel():
            raise ExportCancelled()
        self.done += 1
        if self._progress is not None:
            self._progress(self.done, self.total)


def collect_weekly_summary(
    store: Store,
    scope: Scope,
    year: int,
    week: int,
    *,
    actor: Actor,
    lang: str = "zh_CN",
    due_hour: int = DEFAULT_DUE_HOUR,
    cadence: Cadence = DEFAULT_CADENCE,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    cancel: Cancelled | None = None,
    total_steps: int = COLLECT_STEPS,
) -> WeeklySummary:
    """Everything SPEC §4 and F6 list for the scope's reps over ISO week `year`-W`week`.

    `now` (naive UTC, default the clock) decides which report days can be missing yet,
    and the day exception customers are judged on (the week's Sunday, or that day while
    the week runs); `cadence` is the team policy's visit cadence (overdue A accounts,
    churn warnings); `actor` is who exports (the churn service scopes by them).
    `progress(done, total)` is called after each step; `cancel()` is asked before each
    and raises ExportCancelled when it answers True.
    """
    steps = _Steps(progress, cancel, total_steps)
    start, end = iso_week_bounds(year, week)
    month_start, month_end = period_bounds(PeriodKind.MONTH, end)
    as_of = now or store.clock.utcnow()
    judged_on = weekly_exceptions.exceptions_day(end, store.clock.to_local(as_of).date())
    ids = [p.id for p in scope.reps]
    names = {p.id: p.display_name for p in scope.reps}
    steps.step()
    with store.reading() as s:
        days = read_days(s, ids, start, end, visit_lines=True)
        steps.step()
        week_figures = figures_of(s, days, as_of=as_of, due_hour=due_hour)
        steps.step()
        month = read_days(s, ids, month_start, end, plans=False, reports=False)
        month_targets = period_targets(
            s, ids, month_start, month_end, (TargetKind.SALES, TargetKind.COLLECTION)
        )
        steps.step()
        visits = _visits(days, names, lang)
        steps.step()
        changes = _stage_changes(s, ids, names, start, end, lang)
        market = _market(s, ids, names, start, end, lang)
        steps.step()
        next_start, next_end = start + dt.timedelta(days=7), end + dt.timedelta(days=7)
        next_week = read_days(
            s, ids, next_start, next_end, reports=False, visits=False, plan_items=True
        )
        new = weekly_sections.new_customers(s, ids, names, start, end, lang)
        competitors = weekly_sections.competitors(s, days, names, start, end, lang)
        expenses = weekly_sections.expenses(s, ids, names, start, end, lang)
        next_targets = weekly_sections.next_targets(
            s, [(p.id, p.display_name) for p in scope.reps], next_week
        )
        exceptions = weekly_exceptions.collect_exceptions(
            s, ids, names, start, end, judged_on, cadence, lang
        )
    # The churn service reads in a unit of work of its own (its rule, its query).
    exceptions += weekly_exceptions.churn_lines(store, actor, names, judged_on, cadence, lang)
    steps.step()
    planned = _planned(next_week, names, lang)
    spent = weekly_sections.expenses_by_rep(expenses)
    rows = tuple(
        replace(
            _row(w, month.owner_totals(w.rep_id), month_targets.get(w.rep_id, {})),
            first_orders=new.counts.get(w.rep_id, (0, 0, 0))[0],
            leads_converted=new.counts.get(w.rep_id, (0, 0, 0))[1],
            customers_developed=new.counts.get(w.rep_id, (0, 0, 0))[2],
            expenses_fen=spent.get(w.rep_name, 0),
        )
        for w in week_figures
    )
    total_label = "合计" if not lang.startswith("en") else "Total"
    summary = WeeklySummary(
        lang=lang,
        scope_label=scope.label,
        year=year,
        week=week,
        start=start,
        end=end,
        month_start=month_start,
        generated_at=store.clock.to_local(store.clock.utcnow()),
        rows=rows,
        total=_total(total_label, rows),
        rep_weeks=_rep_weeks(scope.reps, visits, days, start, lang),
        visits=tuple(visits),
        stage_changes=tuple(changes),
        market=tuple(market),
        next_week=tuple(planned),
        next_start=next_start,
        next_end=next_end,
        new_customers=new.lines,
        exceptions=weekly_exceptions.sort_lines(exceptions),
        exceptions_as_of=judged_on,
        competitors=competitors,
        expenses=expenses,
        next_targets=next_targets,
    )
    steps.step()
    return summary


def _row(week: RepFigures, month: DayTotals, month_targets: dict[TargetKind, int]) -> SummaryRow:
    return SummaryRow(
        rep_name=week.rep_name,
        planned_items=week.planned_items,
        planned_items_visited=week.planned_items_visited,
        visits=week.visits,
        effective_visits=week.effective_visits,
        order_visits=week.order_visits,
        order_amount_fen=week.order_amount_fen,
        collection_fen=week.collection_fen,
        new_customers=week.new_customers,
        opportunities_advanced=week.opportunities_advanced,
        opportunities_won=week.opportunities_won,
        opportunities_lost=week.opportunities_lost,
        reports_on_time=week.reports_on_time,
        reports_late=week.reports_late,
        reports_missing=week.reports_missing,
        reports_signed=week.reports_signed,
        week_sales_target_fen=week.sales_target_fen,
        week_collection_target_fen=week.collection_target_fen,
        month_sales_fen=month.order_amount_fen,
        month_collection_fen=month.collection_fen,
        month_sales_target_fen=month_targets.get(TargetKind.SALES),
        month_collection_target_fen=month_targets.get(TargetKind.COLLECTION),
    )


def _sum_targets(values: list[int | None]) -> int | None:
    """The team's target is the sum of the reps' targets that are set; None if none is."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _total(label: str, rows: tuple[SummaryRow, ...]) -> SummaryRow:
    def total(name: str) -> int:
        return sum(int(getattr(r, name)) for r in rows)

    def target(name: str) -> int | None:
        return _sum_targets([getattr(r, name) for r in rows])

    fields: dict[str, Any] = {name: total(name) for name in _COUNTED}
    fields.update({name: target(name) for name in _TARGETS})
    return SummaryRow(rep_name=label, **fields)


def _visits(days: RepDays, names: dict[str, str], lang: str) -> list[VisitLine]:
    """Every visit record of the days read: the lines the summary's visit counts count."""
    lines = [
        VisitLine(
            visit_date=facts.day,
            rep_id=rep,
            rep_name=names[rep],
            customer=v.customer_name,
            planned=bool(v.planned),
            purpose=_label(VisitPurpose, v.purpose, lang) or "",
            start_time=v.start_time,
            end_time=v.end_time,
            outcome=_label(VisitOutcome, v.outcome, lang),
            effective=bool(v.is_effective),
            order_amount_fen=int(v.order_amount_fen),
            collection_fen=int(v.collection_amount_fen),
            contacts_met=v.contacts_met,
            next_step=v.next_step,
            next_step_on=v.next_step_on,
        )
        for rep in days.owners
        for facts in days.days(rep)
        for v in facts.visits
    ]
    lines.sort(key=lambda v: (v.visit_date, v.rep_name, v.start_time or "", v.customer))
    return lines


def _rep_weeks(
    reps: tuple[Person, ...],
    visits: list[VisitLine],
    days: RepDays,
    start: dt.date,
    lang: str,
) -> tuple[RepWeek, ...]:
    by_day: dict[tuple[str, dt.date], list[VisitLine]] = defaultdict(list)
    for visit in visits:
        by_day[(visit.rep_id, visit.visit_date)].append(visit)
    weeks = []
    for rep in reps:
        week: list[RepDay] = []
        for offset in range(7):
            day = start + dt.timedelta(days=offset)
            report = days.reports.get((rep.id, day))
            week.append(
                RepDay(
                    day=day,
                    report_status=_label(ReportStatus, report.status if report else None, lang),
                    review_comment=report.review_comment if report else None,
                    visits=tuple(by_day.get((rep.id, day), ())),
                )
            )
        weeks.append(RepWeek(rep.id, rep.display_name, tuple(week)))
    return tuple(weeks)


def _stage_names(s: Session, lang: str) -> dict[tuple[str, str], str]:
    names = {(DEFAULT_METHOD_CODE, st.code): st.name(lang) for st in DEFAULT_STAGES}
    for method, code, zh, en in s.execute(
        select(
            SalesStage.method_code, SalesStage.code, SalesStage.name_zh, SalesStage.name_en
        ).where(SalesStage.deleted.is_(False))
    ):
        names[(method, code)] = en if lang.startswith("en") else zh
    return names


def _stage_changes(
    s: Session, ids: list[str], names: dict[str, str], start: dt.date, end: dt.date, lang: str
) -> list[StageChangeLine]:
    since, until = utc_bounds(start, end, session_clock(s))
    rows = s.execute(
        select(
            StageHistory.changed_at,
            Opportunity.owner_id,
            Customer.name,
            Opportunity.name,
            Opportunity.amount_fen,
            Opportunity.method_code,
            StageHistory.from_stage,
            StageHistory.to_stage,
        )
        .join(Opportunity, Opportunity.id == StageHistory.opportunity_id)
        .join(Customer, Customer.id == Opportunity.customer_id)
        .where(
            Opportunity.owner_id.in_(ids),
            Opportunity.deleted.is_(False),
            StageHistory.deleted.is_(False),
            StageHistory.changed_at >= since,
            StageHistory.changed_at < until,
        )
        .order_by(StageHistory.changed_at)
    ).all()
    stages, stage_names = stage_table(s), _stage_names(s, lang)
    lines = []
    for at, owner, customer, name, amount, method, source, target in rows:
        kind = classify_change(stages, method, source, target)
        if kind is None:
            kind = "new" if source is None else "back"
        zh, en = _CHANGE_LABELS[kind]
        lines.append(
            StageChangeLine(
                changed_at=session_clock(s).to_local(at),
                rep_name=names[str(owner)],
                customer=customer,
                opportunity=name,
                amount_fen=int(amount),
                from_stage=stage_names.get((method, source), source) if source else None,
                to_stage=stage_names.get((method, target), target),
                change=en if lang.startswith("en") else zh,
            )
        )
    return lines


def _market(
    s: Session, ids: list[str], names: dict[str, str], start: dt.date, end: dt.date, lang: str
) -> list[MarketLine]:
    rows = s.execute(
        select(
            MarketReport.report_date,
            MarketReport.owner_id,
            MarketReport.region,
            Customer.name,
            MarketReport.category,
            MarketReport.severity,
            MarketReport.description,
            MarketReport.suggested_action,
            MarketReport.acknowledged_at,
        )
        .outerjoin(Customer, Customer.id == MarketReport.customer_id)
        .where(
            MarketReport.owner_id.in_(ids),
            MarketReport.deleted.is_(False),
            MarketReport.report_date.between(start, end),
        )
        .order_by(MarketReport.report_date)
    ).all()
    return [
        MarketLine(
            report_date=r[0],
            rep_name=names[str(r[1])],
            region=r[2],
            customer=r[3],
            category=_label(MarketCategory, r[4], lang) or "",
            severity=_label(Severity, r[5], lang) or "",
            description=r[6],
            suggested_action=r[7],
            acknowledged=r[8] is not None,
        )
        for r in rows
    ]


def _planned(days: RepDays, names: dict[str, str], lang: str) -> list[PlannedLine]:
    """Every item of the plans read, by day, rep and planned time."""
    lines: list[PlannedLine] = []
    for (rep, day), items in days.plan_items.items():
        plan = days.plans.get((rep, day))
        status = _label(PlanStatus, plan.status if plan else None, lang) or ""
        lines.extend(
            PlannedLine(
                plan_date=day,
                rep_name=names[rep],
                planned_time=item.planned_time,
                customer=item.customer_name,
                purpose=_label(VisitPurpose, item.purpose, lang) or "",
                objective=item.objective,
                plan_status=status,
            )
            for item in items
        )
    lines.sort(key=lambda p: (p.plan_date, p.rep_name, p.planned_time or ""))
    return lines


def export_weekly_summary(
    store: Store,
    actor: Actor,
    path: Path,
    week: str | tuple[int, int],
    *,
    rep: str | None = None,
    team: str | None = None,
    lang: str = "zh_CN",
    due_hour: int = DEFAULT_DUE_HOUR,
    cadence: Cadence = DEFAULT_CADENCE,
    progress: Progress | None = None,
    cancel: Cancelled | None = None,
) -> WeeklySummary:
    """Collect the summary and write it to `path` (.xlsx) atomically; returns the data
    written. `week` is "2026-W47" or (2026, 47). ExportCancelled leaves no file.
    `due_hour` and `cadence` are the team policy's (the CLI and the dialog pass them)."""
    from crm_desktop.export.weekly_workbook import WRITE_STEPS, write_weekly_workbook

    year, number = parse_iso_week(week) if isinstance(week, str) else week
    if isinstance(week, tuple):
        parse_iso_week(f"{year}-W{number}")
    scope = resolve_scope(store, actor, rep=rep, team=team, lang=lang)
    total = COLLECT_STEPS + WRITE_STEPS
    summary = collect_weekly_summary(
        store, scope, year, number, actor=actor, lang=lang, due_hour=due_hour,
        cadence=cadence, progress=progress, cancel=cancel, total_steps=total,
    )  # fmt: skip

    def written(done: int, _total: int) -> None:
        if progress is not None:
            progress(COLLECT_STEPS + done, total)

    write_weekly_workbook(summary, path, progress=written, cancel=cancel)
    return summary

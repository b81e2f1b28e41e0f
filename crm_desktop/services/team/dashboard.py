"""The Dashboard 看板 (SPEC §3): every chart's figures over a period, aggregated in SQL.

One entry point, `DashboardService.figures()`, returns plain numbers for all the charts at
once, so the page computes them in one background task. Each chart is one grouped query
(two charts share the visits' and the opportunities' query): a manager's year over a
million visits must stay within a second, so nothing is loaded row by row except the
customers that sold something in the trailing year, which the Pareto curve needs sorted.

Scope is the org tree, as for the weekly summary: a rep sees their own figures, a
supervisor or manager the reps below them, an admin everyone; a team filter narrows that
to the team (and the teams below it). Ratios come from domain/kpi.py and are None when
their denominator is zero: an empty week is a gap in a line, never 0 %.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Executable, Integer, and_, bindparam, case, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from crm_desktop.domain.kpi import achievement, effective_visit_rate
from crm_desktop.domain.picklists import Role, TargetKind, ValueClass
from crm_desktop.domain.stages import DEFAULT_METHOD_CODE, DEFAULT_STAGES
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.customers.classification import year_before
from crm_desktop.services.org import OrgTree, Person
from crm_desktop.services.read_model import visits_of
from crm_desktop.services.targets.targets import Achievement, TargetService
from crm_desktop.services.team.defection_figures import (
    DefectionFigures,
    LossReasonTrend,
    defection_figures,
)
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, Opportunity, SalesStage, VisitRecord

# The Pareto curve is drawn from at most this many points: a line of 100,000 customers
# looks the same from 200 and costs a fraction to hand over and draw.
PARETO_POINTS = 200


@dataclass(frozen=True)
class RepSeries:
    """One rep's visits in each week of `WeeklyVisits.weeks` (0 where none)."""

    rep_id: str
    name: str
    visits: tuple[int, ...]


@dataclass(frozen=True)
class WeeklyVisits:
    weeks: tuple[dt.date, ...]  # the Monday of each ISO week touching the period
    reps: tuple[RepSeries, ...]  # every rep in scope, by name

    @property
    def total(self) -> int:
        return sum(sum(r.visits) for r in self.reps)


@dataclass(frozen=True)
class EffectiveTrend:
    """Effective visit rate per ISO week over the reps in scope."""

    weeks: tuple[dt.date, ...]
    visits: tuple[int, ...]
    effective: tuple[int, ...]
    rates: tuple[Decimal | None, ...]  # None for a week without visits: a gap, not 0 %


@dataclass(frozen=True)
class StageFigures:
    """One stage of the default sales method: open opportunities at it now."""

    code: str
    name_zh: str
    name_en: str
    probability_pct: int
    count: int
    amount_fen: int
    weighted_fen: int  # Σ kpi.weighted_amount(amount, pct), each rounded to the fen

    def name(self, lang: str = "zh_CN") -> str:
        return self.name_en if lang.startswith("en") else self.name_zh


@dataclass(frozen=True)
class Funnel:
    """Open opportunities per stage (a snapshot), and those closed within the period."""

    stages: tuple[StageFigures, ...]  # the default method's open stages, in order
    won_count: int  # closed as won in the period (closed_on)
    won_amount_fen: int
    lost_count: int
    lost_amount_fen: int
    # Open opportunities of another sales method whose stage the default one lacks.
    other_count: int
    other_amount_fen: int

    @property
    def open_count(self) -> int:
        return sum(s.count for s in self.stages) + self.other_count

    @property
    def is_empty(self) -> bool:
        return self.open_count == 0 and self.won_count == 0 and self.lost_count == 0


@dataclass(frozen=True)
class WeightedPipeline:
    """Σ amount × stage success rate of the open opportunities (SPEC §5), in fen."""

    total_fen: int  # equals the sum of the weighted amounts the pipeline list shows
    stages: tuple[StageFigures, ...]
    other_weighted_fen: int  # stages of other methods (see Funnel.other_count)


@dataclass(frozen=True)
class ClassFigures:
    value_class: str  # "A", "B" or "C"
    customers: int  # live customers of the class in scope
    sales_fen: int  # their positive trailing-12-month sales
    share: Decimal | None  # of all the scope's sales; None when nobody sold anything


@dataclass(frozen=True)
class Pyramid:
    classes: tuple[ClassFigures, ...]  # A, B, C

    @property
    def customers(self) -> int:
        return sum(c.customers for c in self.classes)


@dataclass(frozen=True)
class Pareto:
    """Customers by trailing-12-month sales, largest first: cumulative share of sales
    (y) against share of customers (x), both 0..1, downsampled for drawing."""

    points: tuple[tuple[float, float], ...]  # from (0, 0) to (1, 1); empty when no sales
    customers: int  # live customers in scope (the x axis' 100 %)
    selling_customers: int  # of those, customers with positive sales
    total_sales_fen: int


@dataclass(frozen=True)
class CloseRate:
    rep_id: str
    name: str
    won: int  # closed as won in the period
    lost: int
    rate: Decimal | None  # won ÷ (won + lost); None when nothing closed


@dataclass(frozen=True)
class DashboardData:
    start: dt.date
    end: dt.date
    weekly_visits: WeeklyVisits
    effective_trend: EffectiveTrend
    achievement: tuple[Achievement, ...]  # sales target achievement by rep
    funnel: Funnel
    weighted: WeightedPipeline
    pyramid: Pyramid
    pareto: Pareto
    close_rates: tuple[CloseRate, ...]
    # The trailing 12 months' defection rates and root causes (team/defection_figures.py).
    defection_rates: DefectionFigures | None = None
    loss_reasons: LossReasonTrend | None = None


def close_rate(won: int, lost: int) -> Decimal | None:
    """Won ÷ (won + lost) of the opportunities closed; None when none closed.

    Built on kpi.achievement, the same "what happened ÷ what could have" ratio, so a
    rep who closed nothing shows "—", not a 0 % close rate.
    """
    return achievement(won, won + lost)


@dataclass(frozen=True)
class _Stage:
    method: str
    code: str
    name_zh: str
    name_en: str
    pct: int
    position: int
    outcome: str


@dataclass(frozen=True)
class _Scope:
    reps: list[Person]
    # None: no owner filter (an admin over everything); else the owners whose records count.
    owners: list[str] | None
    team_id: str | None = None  # the team filter in force (never for a rep)


class DashboardService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    # --- filters -----------------------------------------------------------------------
    def teams(self) -> list[tuple[str, str]]:
        """(team id, name) of the teams holding reps the user may see, by name; none for
        a rep (their figures are their own)."""
        actor = self._user.actor
        if actor.role is Role.REP:
            return []
        org = OrgTree.load(self._store)
        visible = {p.id for p in org.visible_reps(actor.user_id, actor.role)}
        teams = [
            (team_id, name)
            for team_id, name in org.team_names.items()
            if any(p.id in visible for p in org.team_reps(team_id))
        ]
        return sorted(teams, key=lambda t: t[1])

    # --- the figures -------------------------------------------------------------------
    def figures(
        self, start: dt.date, end: dt.date, team_id: str | None, today: dt.date
    ) -> DashboardData:
        """Every chart's figures over [start, end] (dates inclusive) for the reps in
        scope, of `team_id` when given. The funnel and the weighted pipeline are the
        open opportunities now; the A/B/C figures use the trailing 12 months to `today`."""
        fields: dict[str, Any] = {}
        for part in self.figure_parts(start, end, team_id, today):
            fields.update(part)
        return DashboardData(start, end, **fields)

    def figure_parts(
        self, start: dt.date, end: dt.date, team_id: str | None, today: dt.date
    ) -> Iterator[dict[str, Any]]:
        """`figures()` in the order it is computed: each step is some of DashboardData's
        chart fields, so that a caller can draw the first charts while the rest is read
        (the queries release the interpreter lock; drawing needs it)."""
        scope = self._scope(team_id)
        with self._store.reading() as s:
            stages = _stage_defs(s)
            trend, weekly = self._visits(s, scope, start, end)
            yield {"weekly_visits": weekly, "effective_trend": trend}
            funnel, weighted, closes = self._opportunities(s, scope, stages, start, end)
            yield {"funnel": funnel, "weighted": weighted, "close_rates": closes}
            pyramid, pareto = self._customers(s, scope, today)
            yield {"pyramid": pyramid, "pareto": pareto}
            defections = defection_figures(s, scope.owners, scope.reps, today)
            yield {"defection_rates": defections, "loss_reasons": defections.reasons}
        achieved = TargetService(self._store, self._user).achievement_by_rep(
            TargetKind.SALES, start, end, scope.team_id, today
        )
        yield {"achievement": tuple(achieved)}

    # --- scope -------------------------------------------------------------------------
    def _scope(self, team_id: str | None) -> _Scope:
        org = OrgTree.load(self._store)
        actor = self._user.actor
        reps = org.visible_reps(actor.user_id, actor.role)
        if team_id is not None and self._user.actor.role is not Role.REP:
            visible = {p.id for p in reps}
            reps = [p for p in org.team_reps(team_id) if p.id in visible]
            return _Scope(reps, [p.id for p in reps], team_id)
        if self._user.actor.role is Role.ADMIN:
            return _Scope(reps, None)
        return _Scope(reps, [p.id for p in reps])

    # --- visits: weekly per rep and the effective rate trend ---------------------------
    def _visits(
        self, s: Session, scope: _Scope, start: dt.date, end: dt.date
    ) -> tuple[EffectiveTrend, WeeklyVisits]:
        weeks = _mondays(start, end)
        counts: dict[tuple[str, int], int] = {}
        week_visits = [0] * len(weeks)
        week_effective = [0] * len(weeks)
        if weeks and scope.reps:
            # The week is numbered from the first Monday in SQL, so the query returns
            # reps × weeks rows rather than one per visit or per day.
            week = func.cast(
                (func.julianday(VisitRecord.visit_date) - func.julianday(weeks[0].isoformat())) / 7,
                Integer,
            ).label("week")
            rows = s.execute(
                select(
                    VisitRecord.owner_id,
                    week,
                    func.count(),
                    func.coalesce(func.sum(case((VisitRecord.is_effective, 1), else_=0)), 0),
                )
                .where(
                    visits_of([p.id for p in scope.reps]),
                    VisitRecord.deleted.is_(False),
                    VisitRecord.visit_date.between(start, end),
                )
                .group_by(VisitRecord.owner_id, week)
            )
            for owner, index, visits, effective in rows:
                counts[(str(owner), int(index))] = int(visits)
                week_visits[int(index)] += int(visits)
                week_effective[int(index)] += int(effective)
        series = tuple(
            RepSeries(
                p.id, p.display_name, tuple(counts.get((p.id, i), 0) for i in range(len(weeks)))
            )
            for p in scope.reps
        )
        trend = EffectiveTrend(
            weeks,
            tuple(week_visits),
            tuple(week_effective),
            tuple(
                effective_visit_rate(e, v) for e, v in zip(week_effective, week_visits, strict=True)
            ),
        )
        return trend, WeeklyVisits(weeks, series)

    # --- opportunities: funnel, weighted pipeline, close rates -------------------------
    def _opportunities(
        self,
        s: Session,
        scope: _Scope,
        stages: dict[tuple[str, str], _Stage],
        start: dt.date,
        end: dt.date,
    ) -> tuple[Funnel, WeightedPipeline, tuple[CloseRate, ...]]:
        in_period = and_(
            Opportunity.closed_on.is_not(None), Opportunity.closed_on.between(start, end)
        )
        statement = (
            select(
                Opportunity.owner_id,
                Opportunity.method_code,
                Opportunity.stage_code,
                func.count(),
                func.coalesce(func.sum(Opportunity.amount_fen), 0),
                func.coalesce(func.sum(_weighted(stages)), 0),
                func.coalesce(func.sum(case((in_period, 1), else_=0)), 0),
                func.coalesce(func.sum(case((in_period, Opportunity.amount_fen), else_=0)), 0),
            )
            .where(Opportunity.deleted.is_(False))
            .group_by(Opportunity.owner_id, Opportunity.method_code, Opportunity.stage_code)
        )
        if scope.owners is not None:
            statement = statement.where(Opportunity.owner_id.in_(scope.owners))
        rows = s.execute(statement).all() if scope.owners != [] else []

        default = sorted(
            (st for st in stages.values() if st.method == DEFAULT_METHOD_CODE),
            key=lambda st: st.position,
        )
        open_codes = [st.code for st in default if st.outcome == "open"]
        per_stage: dict[str, list[int]] = {code: [0, 0, 0] for code in open_codes}
        other = [0, 0, 0]
        closed: dict[str, list[int]] = {"won": [0, 0], "lost": [0, 0]}
        by_rep: dict[str, dict[str, int]] = defaultdict(lambda: {"won": 0, "lost": 0})
        for owner, method, code, n, amount, weighted, n_closed, closed_amount in rows:
            stage = stages.get((method, code))
            outcome = stage.outcome if stage is not None else "open"
            if outcome == "open":
                bucket = per_stage.get(code, other)
                bucket[0] += int(n)
                bucket[1] += int(amount)
                bucket[2] += int(weighted)
            elif outcome in closed:
                closed[outcome][0] += int(n_closed)
                closed[outcome][1] += int(closed_amount)
                by_rep[str(owner)][outcome] += int(n_closed)
        figures = tuple(
            StageFigures(st.code, st.name_zh, st.name_en, st.pct, *per_stage[st.code])
            for st in default
            if st.outcome == "open"
        )
        funnel = Funnel(
            figures,
            closed["won"][0],
            closed["won"][1],
            closed["lost"][0],
            closed["lost"][1],
            other[0],
            other[1],
        )
        weighted_total = sum(f.weighted_fen for f in figures) + other[2]
        pipeline = WeightedPipeline(weighted_total, figures, other[2])
        closes = tuple(
            CloseRate(
                p.id,
                p.display_name,
                by_rep[p.id]["won"],
                by_rep[p.id]["lost"],
                close_rate(by_rep[p.id]["won"], by_rep[p.id]["lost"]),
            )
            for p in scope.reps
        )
        return funnel, pipeline, closes

    # --- customers: A/B/C pyramid and Pareto curve -------------------------------------
    def _customers(self, s: Session, scope: _Scope, today: dt.date) -> tuple[Pyramid, Pareto]:
        if scope.owners == []:
            empty = tuple(ClassFigures(c.value, 0, 0, None) for c in ValueClass)
            return Pyramid(empty), Pareto((), 0, 0, 0)
        # Grouped by owner too, so that SQLite walks the (owner, class) index in order
        # instead of sorting into a temporary B-tree.
        # Everyone's (an admin): the (deleted, value_class, name) index alone answers.
        count_query: Executable = (
            select(Customer.value_class, func.count())
            .where(Customer.deleted.is_(False))
            .group_by(Customer.value_class)
        )
        # services/customers/classification.trailing_sales' window and sums, for the scope's
        # customers only; visits without an order change no sum and are skipped early.
        sales = (
            select(VisitRecord.customer_id, func.sum(VisitRecord.order_amount_fen).label("fen"))
            .where(
                VisitRecord.deleted.is_(False),
                VisitRecord.visit_date > year_before(today),
                VisitRecord.visit_date <= today,
                VisitRecord.order_amount_fen != 0,
            )
            .group_by(VisitRecord.customer_id)
            .subquery()
        )
        sales_query = (
            select(Customer.value_class, sales.c.fen)
            .join(sales, sales.c.customer_id == Customer.id)
            .where(Customer.deleted.is_(False), sales.c.fen > 0)
        )
        if scope.owners is not None:
            count_query = _CLASS_COUNTS.bindparams(owners=scope.owners)
            # Checked on each customer found by id, not used to seek: as an index column
            # the IN list made SQLite probe once per owner for every customer (× 100).
            sales_query = sales_query.where(func.coalesce(Customer.owner_id, "").in_(scope.owners))
        counts: dict[str, int] = defaultdict(int)
        for value_class, n in s.execute(count_query):
            counts[str(value_class)] += int(n)
        selling = [(str(c), int(fen)) for c, fen in s.execute(sales_query)]

        total = sum(fen for _c, fen in selling)
        by_class: dict[str, int] = defaultdict(int)
        for value_class, fen in selling:
            by_class[value_class] += fen
        pyramid = Pyramid(
            tuple(
                ClassFigures(
                    c.value,
                    counts.get(c.value, 0),
                    by_class.get(c.value, 0),
                    achievement(by_class.get(c.value, 0), total),
                )
                for c in ValueClass
            )
        )
        customers = sum(counts.values())
        ranked = sorted((fen for _c, fen in selling), reverse=True)
        return pyramid, Pareto(_pareto_points(ranked, customers), customers, len(ranked), total)


# The classes of some owners' customers. The index is named: without statistics SQLite
# prefers (deleted, owner_id, name) and reads every row for its class, 250 ms on 100,000
# customers against 10 ms from the (owner_id, value_class, deleted) index alone.
_CLASS_COUNTS = text(
    "SELECT value_class, count(*) FROM customers INDEXED BY ix_customers_owner_class "
    "WHERE owner_id IN :owners AND deleted = 0 GROUP BY owner_id, value_class"
).bindparams(bindparam("owners", expanding=True))


def _mondays(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    """The Monday of every ISO week that touches [start, end]."""
    if end < start:
        return ()
    first = start - dt.timedelta(days=start.weekday())
    return tuple(first + dt.timedelta(weeks=n) for n in range((end - first).days // 7 + 1))


def _stage_defs(s: Session) -> dict[tuple[str, str], _Stage]:
    """(method, code) → stage of every stored sales method, with the default method's
    stages (domain.stages) when none are stored for it yet."""
    rows = s.execute(
        select(
            SalesStage.method_code,
            SalesStage.code,
            SalesStage.name_zh,
            SalesStage.name_en,
            SalesStage.probability_pct,
            SalesStage.position,
            SalesStage.outcome,
        ).where(SalesStage.deleted.is_(False))
    ).all()
    stages = {
        (r[0], r[1]): _Stage(r[0], r[1], r[2], r[3], int(r[4]), int(r[5]), r[6]) for r in rows
    }
    if not any(method == DEFAULT_METHOD_CODE for method, _code in stages):
        for d in DEFAULT_STAGES:
            stages[(DEFAULT_METHOD_CODE, d.code)] = _Stage(
                DEFAULT_METHOD_CODE, d.code, d.name_zh, d.name_en, d.probability_pct,
                d.position, d.outcome,
            )  # fmt: skip
    return stages


def _weighted(stages: dict[tuple[str, str], _Stage]) -> ColumnElement[int]:
    """kpi.weighted_amount(amount, pct) of one opportunity row, in SQL integers: the
    amount × pct rounded half away from zero to the fen, so that summing it gives what
    summing the list's per-opportunity figures gives (kpi.weighted_pipeline)."""
    pct = case(
        *(
            (and_(Opportunity.method_code == st.method, Opportunity.stage_code == st.code), st.pct)
            for st in stages.values()
            if st.pct
        ),
        else_=0,
    )
    product = Opportunity.amount_fen * pct
    # SQLite's integer division truncates toward zero: +50 then ÷100 is half-up for
    # a non-negative product; a negative one is rounded on its magnitude.
    return case(
        (product >= 0, (product + 50) // 100),
        else_=-((-product + 50) // 100),
    )


def _pareto_points(ranked: list[int], customers: int) -> tuple[tuple[float, float], ...]:
    """(share of customers, cumulative share of sales) after each of the `ranked` sales
    (largest first), downsampled to at most PARETO_POINTS, starting at (0, 0) and ending
    at (1, 1): the customers who sold nothing lie on the flat end."""
    total = sum(ranked)
    if total <= 0 or customers <= 0:
        return ()
    cumulative: list[int] = []
    running = 0
    for fen in ranked:
        running += fen
        cumulative.append(running)
    keep = PARETO_POINTS - 2
    step = max(1, -(-len(ranked) // keep))
    indices = list(range(step - 1, len(ranked), step))
    if not indices or indices[-1] != len(ranked) - 1:
        indices.append(len(ranked) - 1)
    points = [(0.0, 0.0)]
    points += [((i + 1) / customers, cumulative[i] / total) for i in indices]
    if points[-1][0] < 1.0:
        points.append((1.0, 1.0))
    return tuple(points)

"""The Dashboard's figures against hand counts of hand-made rows in a real store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_desktop.domain.kpi import weighted_amount
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.pipeline.pipeline import PipelineService
from crm_desktop.services.team.dashboard import (
    PARETO_POINTS,
    DashboardData,
    DashboardService,
    close_rate,
)
from crm_desktop.store.models import (
    Customer,
    DailyReport,
    Opportunity,
    Target,
    Team,
    User,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork

# Two full ISO weeks: Monday 2 March 2026 to Sunday 15 March 2026.
WEEK1 = dt.date(2026, 3, 2)
WEEK2 = dt.date(2026, 3, 9)
END = dt.date(2026, 3, 15)
TODAY = dt.date(2026, 3, 20)


@dataclass
class Org:
    sup: str
    amy: str
    bo: str
    xu: str  # a rep of another team, not below the supervisor
    team: str
    other_team: str
    customers: dict[str, str]  # name → id


def _visit(s, owner: str, customer: str, day: dt.date, effective: bool, order: int = 0):
    report = s.scalars(
        select(DailyReport).where(DailyReport.owner_id == owner, DailyReport.report_date == day)
    ).first()
    if report is None:
        report = DailyReport(owner_id=owner, report_date=day, status="submitted")
        s.add(report)
        s.flush()
    s.add(
        VisitRecord(
            owner_id=owner,
            report_id=report.id,
            customer_id=customer,
            visit_date=day,
            is_effective=effective,
            order_amount_fen=order,
        )
    )


def _opportunity(s, owner: str, customer: str, stage: str, amount: int, closed=None) -> None:
    s.add(
        Opportunity(
            owner_id=owner,
            customer_id=customer,
            name=f"{stage}-{amount}",
            amount_fen=amount,
            stage_code=stage,
            closed_on=closed,
        )
    )


def make_org(services: Services) -> Org:
    with UnitOfWork(services.store, None) as uow:
        s = uow.session
        sup = User(username="sup", display_name="王主管", role=Role.SUPERVISOR.value)
        s.add(sup)
        s.flush()
        team = Team(name="上海办", supervisor_id=sup.id)
        other_team = Team(name="北京办")
        s.add_all([team, other_team])
        s.flush()
        reps = {}
        for username, name, team_id in (
            ("amy", "安娜", team.id),
            ("bo", "白波", team.id),
            ("xu", "徐外", other_team.id),
        ):
            rep = User(username=username, display_name=name, role=Role.REP.value, team_id=team_id)
            s.add(rep)
            s.flush()
            reps[username] = rep.id
        customers = {}
        for name, owner, value_class in (
            ("甲", reps["amy"], "A"),
            ("乙", reps["amy"], "B"),
            ("丙", reps["amy"], "C"),
            ("丁", reps["bo"], "C"),
            ("戊", reps["xu"], "A"),
        ):
            customer = Customer(name=name, owner_id=owner, value_class=value_class)
            s.add(customer)
            s.flush()
            customers[name] = customer.id
        gone = Customer(name="删", owner_id=reps["amy"], value_class="A", deleted=True)
        s.add(gone)
        s.flush()
        customers["删"] = gone.id
        amy, bo, xu = reps["amy"], reps["bo"], reps["xu"]
        c = customers
        # Week 1: amy 3 visits (2 effective), bo 1 (effective). Week 2: amy 1, not effective.
        _visit(s, amy, c["甲"], WEEK1, True, 600_000)
        _visit(s, amy, c["乙"], WEEK1 + dt.timedelta(days=2), True, 300_000)
        _visit(s, amy, c["丙"], WEEK1 + dt.timedelta(days=6), False)
        _visit(s, bo, c["丁"], WEEK1 + dt.timedelta(days=4), True, 100_000)
        _visit(s, amy, c["甲"], WEEK2 + dt.timedelta(days=1), False)
        # Outside the period or not counted: before it, deleted, another team's rep.
        _visit(s, amy, c["甲"], WEEK1 - dt.timedelta(days=1), True)
        _visit(s, xu, c["戊"], WEEK1, True, 5_000_000)
        # Older sales inside the trailing year of TODAY, and one sale over a year ago.
        _visit(s, bo, c["丁"], dt.date(2025, 6, 1), False, 200_000)
        _visit(s, amy, c["丙"], dt.date(2025, 3, 20), False, 9_000_000)  # a year before: out
        s.flush()
        deleted_visit = VisitRecord(
            owner_id=amy,
            report_id=s.scalars(select(DailyReport.id)).first(),
            customer_id=c["甲"],
            visit_date=WEEK2,
            is_effective=True,
            order_amount_fen=1_000_000,
            deleted=True,
        )
        s.add(deleted_visit)
        # Opportunities: open at several stages, won/lost inside and outside the period.
        _opportunity(s, amy, c["甲"], "discover", 1_000_005)  # 10 % → 100,000.5 → 100,001
        _opportunity(s, amy, c["乙"], "proposal", 333_333)  # 50 % → 166,666.5 → 166,667
        _opportunity(s, bo, c["丁"], "proposal", 200_000)
        _opportunity(s, bo, c["丁"], "contract", 1_234_567)  # 90 % → 1,111,110.3
        _opportunity(s, amy, c["甲"], "won", 500_000, WEEK1 + dt.timedelta(days=3))
        _opportunity(s, amy, c["乙"], "lost", 70_000, WEEK2)
        _opportunity(s, amy, c["丙"], "lost", 80_000, WEEK2 + dt.timedelta(days=2))
        _opportunity(s, bo, c["丁"], "won", 900_000, WEEK1 - dt.timedelta(days=10))  # before
        _opportunity(s, xu, c["戊"], "bid", 9_999_999)  # another team
        s.add(
            Opportunity(
                owner_id=amy, customer_id=c["甲"], name="gone", amount_fen=7, stage_code="bid",
                deleted=True,
            )
        )  # fmt: skip
        s.add(
            Target(
                kind="sales",
                assignee_user_id=amy,
                owner_id=amy,
                period_kind="month",
                period_start=dt.date(2026, 3, 1),
                period_end=dt.date(2026, 3, 31),
                value=3_100_000,
            )
        )
        uow.commit()
    return Org(sup.id, amy, bo, xu, team.id, other_team.id, customers)


@pytest.fixture
def org(services: Services) -> Org:
    made = make_org(services)
    services.user.switch(made.sup)
    return made


def figures(services: Services, team_id: str | None = None, start=WEEK1, end=END) -> DashboardData:
    return DashboardService(services.store, services.user).figures(start, end, team_id, TODAY)


def test_weekly_visits_per_rep_and_effective_trend(services: Services, org: Org) -> None:
    data = figures(services)
    weekly = data.weekly_visits
    assert weekly.weeks == (WEEK1, WEEK2)
    assert [(r.name, r.visits) for r in weekly.reps] == [("安娜", (3, 1)), ("白波", (1, 0))]
    trend = data.effective_trend
    assert trend.visits == (4, 1)
    assert trend.effective == (3, 0)
    # A week with visits but none effective is a real 0 %, unlike a week without visits.
    assert trend.rates == (Decimal(3) / 4, Decimal(0))


def test_an_empty_week_is_a_gap_and_an_empty_period_is_empty(services: Services, org: Org) -> None:
    # The week after END has no visit at all: its rate is None, never 0 %.
    data = figures(services, start=WEEK2, end=END + dt.timedelta(days=7))
    assert data.effective_trend.visits == (1, 0)
    assert data.effective_trend.rates == (Decimal(0), None)
    far = figures(services, start=dt.date(2024, 1, 1), end=dt.date(2024, 1, 31))
    assert far.weekly_visits.total == 0
    assert set(far.effective_trend.rates) == {None}
    assert [c.rate for c in far.close_rates] == [None, None]
    assert far.funnel.won_count == far.funnel.lost_count == 0


def test_funnel_counts_open_opportunities_per_stage_and_closes_in_the_period(
    services: Services, org: Org
) -> None:
    funnel = figures(services).funnel
    stages = {s.code: (s.count, s.amount_fen) for s in funnel.stages}
    assert [s.code for s in funnel.stages] == [
        "discover",
        "research",
        "proposal",
        "bid",
        "contract",
    ]
    assert stages == {
        "discover": (1, 1_000_005),
        "research": (0, 0),
        "proposal": (2, 533_333),
        "bid": (0, 0),  # xu's bid is another team's
        "contract": (1, 1_234_567),
    }
    assert (funnel.won_count, funnel.won_amount_fen) == (1, 500_000)
    assert (funnel.lost_count, funnel.lost_amount_fen) == (2, 150_000)
    assert funnel.open_count == 4


def test_weighted_pipeline_rounds_each_opportunity_and_equals_the_list(
    services: Services, org: Org
) -> None:
    weighted = figures(services).weighted
    by_hand = (
        weighted_amount(1_000_005, 10)
        + weighted_amount(333_333, 50)
        + weighted_amount(200_000, 50)
        + weighted_amount(1_234_567, 90)
    )
    assert weighted.total_fen == by_hand == 100_001 + 166_667 + 100_000 + 1_111_110
    assert {s.code: s.weighted_fen for s in weighted.stages}["proposal"] == 266_667
    listed = PipelineService(services.store, services.user).rows()
    open_rows = [r for r in listed if r.stage_code not in ("won", "lost")]
    assert weighted.total_fen == sum(r.weighted_fen for r in open_rows)


def test_negative_amounts_round_like_the_domain(services: Services, org: Org) -> None:
    with UnitOfWork(services.store, org.amy) as uow:
        _opportunity(uow.session, org.amy, org.customers["甲"], "research", -10_002)  # -2500.5
        uow.commit()
    weighted = figures(services).weighted
    research = {s.code: s.weighted_fen for s in weighted.stages}["research"]
    assert research == weighted_amount(-10_002, 25) == -2_501


def test_close_rate_by_rep(services: Services, org: Org) -> None:
    rates = {c.name: (c.won, c.lost, c.rate) for c in figures(services).close_rates}
    # amy: 1 won and 2 lost in the period; bo's win was before it: nothing closed.
    assert rates == {"安娜": (1, 2, Decimal(1) / 3), "白波": (0, 0, None)}
    assert close_rate(0, 0) is None
    assert close_rate(0, 3) == 0


def test_pyramid_and_pareto_from_trailing_sales(services: Services, org: Org) -> None:
    data = figures(services)
    classes = {c.value_class: (c.customers, c.sales_fen, c.share) for c in data.pyramid.classes}
    # Trailing year to TODAY: 甲 600,000 (A), 乙 300,000 (B), 丁 100,000 + 200,000 (C);
    # 丙's 9,000,000 is older than a year; 戊 belongs to another team; 删 is deleted.
    total = 1_200_000
    assert classes == {
        "A": (1, 600_000, Decimal(600_000) / total),
        "B": (1, 300_000, Decimal(300_000) / total),
        "C": (2, 300_000, Decimal(300_000) / total),
    }
    pareto = data.pareto
    assert (pareto.customers, pareto.selling_customers, pareto.total_sales_fen) == (4, 3, total)
    # Ranked 600k, 300k, 300k of 1.2M over 4 customers, then 丙 with nothing.
    assert pareto.points == ((0.0, 0.0), (0.25, 0.5), (0.5, 0.75), (0.75, 1.0), (1.0, 1.0))


def test_pareto_is_downsampled_and_keeps_its_ends(services: Services, org: Org) -> None:
    with UnitOfWork(services.store, org.amy) as uow:
        s = uow.session
        for i in range(1_000):
            customer = Customer(name=f"客户{i}", owner_id=org.amy)
            s.add(customer)
            s.flush()
            _visit(s, org.amy, customer.id, WEEK1, False, 1_000 + i)
        uow.commit()
    pareto = figures(services).pareto
    assert len(pareto.points) <= PARETO_POINTS
    assert pareto.points[0] == (0.0, 0.0)
    assert pareto.points[-1] == (1.0, 1.0)
    xs = [x for x, _y in pareto.points]
    ys = [y for _x, y in pareto.points]
    assert xs == sorted(xs) and ys == sorted(ys)
    # The largest customer comes first: the curve starts steep.
    assert pareto.points[1][1] > pareto.points[1][0]


def test_target_achievement_comes_from_the_target_service(services: Services, org: Org) -> None:
    achieved = {a.name: a for a in figures(services).achievement}
    # amy's March target 3,100,000 pro-rated to 14 of 31 days = 1,400,000; she sold
    # 900,000 in the period. bo has no target: no ratio, not 0 %.
    assert achieved["安娜"].target == 1_400_000
    assert achieved["安娜"].actual == 900_000
    assert achieved["安娜"].ratio == Decimal(900_000) / 1_400_000
    assert achieved["白波"].target is None and achieved["白波"].ratio is None


def test_a_rep_sees_only_their_own_figures(services: Services, org: Org) -> None:
    services.user.switch(org.bo)
    service = DashboardService(services.store, services.user)
    assert service.teams() == []
    data = service.figures(WEEK1, END, None, TODAY)
    assert [r.name for r in data.weekly_visits.reps] == ["白波"]
    assert data.effective_trend.visits == (1, 0)
    assert {s.code: s.count for s in data.funnel.stages}["proposal"] == 1
    assert data.funnel.won_count == 0
    assert data.weighted.total_fen == weighted_amount(200_000, 50) + weighted_amount(1_234_567, 90)
    assert data.pyramid.customers == 1
    assert [c.name for c in data.close_rates] == ["白波"]
    # Asking for another team changes nothing for a rep.
    assert service.figures(WEEK1, END, org.other_team, TODAY) == data


def test_team_filter_and_teams_list(services: Services, org: Org) -> None:
    service = DashboardService(services.store, services.user)
    assert service.teams() == [(org.team, "上海办")]
    # The supervisor asking for a team that is not theirs sees nobody, not that team.
    data = service.figures(WEEK1, END, org.other_team, TODAY)
    assert data.weekly_visits.reps == ()
    assert data.funnel.is_empty
    assert data.pyramid.customers == 0
    assert data.pareto.points == ()


def test_an_admin_sees_every_team(services: Services, org: Org) -> None:
    with UnitOfWork(services.store, None) as uow:
        admin = User(username="root", display_name="管理员", role=Role.ADMIN.value)
        uow.session.add(admin)
        uow.commit()
        admin_id = admin.id
    services.user.switch(admin_id)
    service = DashboardService(services.store, services.user)
    assert [name for _id, name in service.teams()] == ["上海办", "北京办"]
    everything = service.figures(WEEK1, END, None, TODAY)
    # Every rep, the store's local stand-in user (a rep) included.
    names = [r.name for r in everything.weekly_visits.reps]
    assert names == sorted(["安娜", "白波", "徐外", "本机用户"])
    assert {s.code: s.count for s in everything.funnel.stages}["bid"] == 1
    assert everything.pyramid.customers == 5
    beijing = service.figures(WEEK1, END, org.other_team, TODAY)
    assert [r.name for r in beijing.weekly_visits.reps] == ["徐外"]
    assert beijing.weighted.total_fen == weighted_amount(9_999_999, 70)

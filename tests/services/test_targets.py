"""Targets: set and update, who may, decomposition, achievement to date from real visits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from activity_helpers import outbox
from fixed_time import fixed_clock
from sqlalchemy import func, select
from target_helpers import TargetOrg, make_org, new_customer, visit

from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.money import parse_yuan
from crm_desktop.domain.picklists import CustomerType, PeriodKind, TargetKind
from crm_desktop.services.container import Services
from crm_desktop.services.team.team_figures import rep_figures
from crm_desktop.store.models import OutboxEntry, Target

JAN1, JUL1 = dt.date(2026, 1, 1), dt.date(2026, 7, 1)
TODAY = dt.date(2026, 7, 15)


@pytest.fixture
def org(services: Services) -> TargetOrg:
    return make_org(services)


def live_targets(services: Services) -> list[Target]:
    with services.store.reading() as s:
        rows = s.scalars(
            select(Target).where(Target.deleted.is_(False)).order_by(Target.period_start)
        ).all()
        s.expunge_all()
        return list(rows)


def outbox_count(services: Services) -> int:
    with services.store.reading() as s:
        return int(s.scalar(select(func.count(OutboxEntry.mutation_id))) or 0)


def test_set_creates_then_updates_the_same_target(services: Services, org: TargetOrg) -> None:
    a = org.reps["a"]
    first = services.targets.set(
        TargetKind.SALES, a, False, PeriodKind.MONTH, JUL1, parse_yuan("5000")
    )
    again = services.targets.set(
        TargetKind.SALES, a, False, PeriodKind.MONTH, JUL1, parse_yuan("6000")
    )
    assert again == first
    (target,) = live_targets(services)
    assert (target.value, target.period_end) == (600000, dt.date(2026, 7, 31))
    # The rep owns it, so the rep's laptop pulls it; team_id is the rep's team.
    assert (target.owner_id, target.team_id) == (a, org.team)
    sent = outbox(services.store, "target")
    assert [(name, row) for name, row, _patch in sent] == [("create", first), ("update", first)]
    assert sent[0][2]["value"] == 500000 and sent[0][2]["assignee_user_id"] == a
    assert sent[1][2]["value"] == 600000


def test_a_team_target_is_owned_by_its_supervisor(services: Services, org: TargetOrg) -> None:
    services.targets.set(TargetKind.VISITS, org.team, True, PeriodKind.YEAR, JAN1, 1200)
    (target,) = live_targets(services)
    assert target.assignee_team_id == org.team and target.assignee_user_id is None
    assert (target.owner_id, target.team_id) == (org.sup, org.team)
    assert target.period_end == dt.date(2026, 12, 31)


@pytest.mark.parametrize("who", ["a", "sup"])
def test_reps_and_supervisors_may_not_set_targets(
    services: Services, org: TargetOrg, who: str
) -> None:
    services.targets.set(TargetKind.SALES, org.reps["a"], False, PeriodKind.YEAR, JAN1, 100)
    (target,) = live_targets(services)
    before = outbox_count(services)
    services.user.switch(org.reps["a"] if who == "a" else org.sup)
    assert not services.targets.can_edit
    with pytest.raises(UserFacingError):
        services.targets.set(TargetKind.SALES, org.reps["a"], False, PeriodKind.YEAR, JAN1, 5)
    with pytest.raises(UserFacingError):
        services.targets.delete(target.id)
    with pytest.raises(UserFacingError):
        services.targets.decompose_periods(target.id, [25] * 4, PeriodKind.QUARTER)
    assert outbox_count(services) == before
    assert live_targets(services)[0].value == 100


def test_set_validates_period_value_and_assignee(services: Services, org: TargetOrg) -> None:
    a = org.reps["a"]
    with pytest.raises(ValidationError) as misaligned:
        services.targets.set(TargetKind.SALES, a, False, PeriodKind.QUARTER, dt.date(2026, 8, 1), 1)
    assert misaligned.value.field == "period_start"
    with pytest.raises(ValidationError) as negative:
        services.targets.set(TargetKind.SALES, a, False, PeriodKind.MONTH, JUL1, -1)
    assert negative.value.field == "value"
    # Rep x and team 北京 are outside the manager's subtree.
    for assignee, is_team in ((org.other_rep, False), (org.other_team, True)):
        with pytest.raises(ValidationError) as foreign:
            services.targets.set(TargetKind.SALES, assignee, is_team, PeriodKind.MONTH, JUL1, 1)
        assert foreign.value.field == "assignee"
    assert live_targets(services) == []


def test_assignees_are_the_subtree_teams_then_reps(services: Services, org: TargetOrg) -> None:
    assert services.targets.assignees() == [
        (org.team, "上海", True),
        (org.reps["a"], "rep_a", False),
        (org.reps["b"], "rep_b", False),
    ]
    services.user.switch(org.reps["b"])
    assert services.targets.assignees() == [(org.reps["b"], "rep_b", False)]


def test_decompose_a_year_into_quarters(services: Services, org: TargetOrg) -> None:
    a = org.reps["a"]
    year = services.targets.set(
        TargetKind.SALES, a, False, PeriodKind.YEAR, JAN1, parse_yuan("100.01")
    )
    services.targets.decompose_periods(year, [2501, 2500, 2500, 2500], PeriodKind.QUARTER)
    quarters = [t for t in live_targets(services) if t.period_kind == "quarter"]
    assert [(t.period_start, t.period_end, t.value) for t in quarters] == [
        (dt.date(2026, 1, 1), dt.date(2026, 3, 31), 2501),
        (dt.date(2026, 4, 1), dt.date(2026, 6, 30), 2500),
        (dt.date(2026, 7, 1), dt.date(2026, 9, 30), 2500),
        (dt.date(2026, 10, 1), dt.date(2026, 12, 31), 2500),
    ]
    assert all((t.assignee_user_id, t.kind, t.owner_id) == (a, "sales", a) for t in quarters)
    creates = [row for name, row, _p in outbox(services.store, "target") if name == "create"]
    assert set(creates) == {year, *(t.id for t in quarters)}
    # Decomposing again updates the same quarter rows instead of adding more.
    services.targets.decompose_periods(year, [10001, 0, 0, 0], PeriodKind.QUARTER)
    quarters = [t for t in live_targets(services) if t.period_kind == "quarter"]
    assert [t.value for t in quarters] == [10001, 0, 0, 0]


def test_decomposition_that_does_not_add_up_writes_nothing(
    services: Services, org: TargetOrg
) -> None:
    year = services.targets.set(
        TargetKind.SALES, org.reps["a"], False, PeriodKind.YEAR, JAN1, parse_yuan("100.01")
    )
    before = outbox_count(services)
    with pytest.raises(ValidationError) as off:
        services.targets.decompose_periods(year, [834] * 12, PeriodKind.MONTH)
    assert off.value.message("zh_CN") == "各部分合计 ¥100.08，与目标 ¥100.01 不符：多 ¥0.07"
    with pytest.raises(ValidationError):
        services.targets.decompose_periods(year, [10001, 0, 0], PeriodKind.QUARTER)  # 3 ≠ 4
    month = services.targets.set(TargetKind.SALES, org.reps["a"], False, PeriodKind.MONTH, JUL1, 9)
    with pytest.raises(ValidationError):
        services.targets.decompose_periods(month, [9], PeriodKind.MONTH)
    assert outbox_count(services) == before + 1  # only the month target itself
    assert {t.period_kind for t in live_targets(services)} == {"year", "month"}


def test_decompose_a_team_target_into_its_reps(services: Services, org: TargetOrg) -> None:
    a, b = org.reps["a"], org.reps["b"]
    team = services.targets.set(TargetKind.VISITS, org.team, True, PeriodKind.MONTH, JUL1, 101)
    assert services.targets.team_reps(team) == [(a, "rep_a"), (b, "rep_b")]
    before = outbox_count(services)
    with pytest.raises(ValidationError):
        services.targets.decompose_team(team, {a: 50, b: 50})
    with pytest.raises(ValidationError):
        services.targets.decompose_team(team, {a: 50, org.other_rep: 51})  # not of the team
    assert outbox_count(services) == before
    services.targets.decompose_team(team, {a: 51, b: 50})
    reps = {t.assignee_user_id: t for t in live_targets(services) if t.assignee_user_id}
    assert {r: t.value for r, t in reps.items()} == {a: 51, b: 50}
    assert all(t.period_kind == "month" and t.period_start == JUL1 for t in reps.values())
    assert all(t.owner_id == rep for rep, t in reps.items())
    rep_target = reps[a].id
    with pytest.raises(ValidationError):
        services.targets.decompose_team(rep_target, {a: 51})  # a rep's target is no team's


def test_achievement_by_rep_matches_visits_summed_by_hand(
    services: Services, org: TargetOrg
) -> None:
    a, b = org.reps["a"], org.reps["b"]
    visit(services, org, a, dt.date(2026, 7, 2), order=30000, collection=1000)
    visit(services, org, a, dt.date(2026, 7, 15), order=20000)
    visit(services, org, a, dt.date(2026, 7, 16), order=99999)  # after today: not yet
    visit(services, org, a, dt.date(2026, 6, 30), order=77777)  # before the period
    visit(services, org, b, dt.date(2026, 7, 3), order=12345)
    visit(services, org, org.other_rep, dt.date(2026, 7, 3), order=5)  # not the manager's
    services.targets.set(TargetKind.SALES, a, False, PeriodKind.MONTH, JUL1, 100000)
    end = dt.date(2026, 7, 31)
    result = services.targets.achievement_by_rep(TargetKind.SALES, JUL1, end, None, TODAY)
    assert [(r.user_id, r.name, r.target, r.actual) for r in result] == [
        (a, "rep_a", 100000, 30000 + 20000),
        (b, "rep_b", None, 12345),
    ]
    assert result[0].ratio == Decimal("0.5")
    assert result[1].ratio is None  # no target: no ratio
    # Same team filter; a week of the month gets the month's target pro-rated (7/31).
    week = services.targets.achievement_by_rep(
        TargetKind.SALES, dt.date(2026, 7, 13), dt.date(2026, 7, 19), org.team, TODAY
    )
    assert week[0].target == round(100000 * 7 / 31) and week[0].actual == 20000
    # A period not begun: no ratio, nothing achieved.
    later = services.targets.achievement_by_rep(
        TargetKind.SALES, JUL1, end, None, JUL1 - dt.timedelta(1)
    )
    assert [(r.actual, r.ratio) for r in later] == [(0, None), (0, None)]
    assert (
        services.targets.achievement_by_rep(TargetKind.SALES, JUL1, end, org.other_team, TODAY)
        == []
    )


def test_a_zero_target_has_no_ratio(services: Services, org: TargetOrg) -> None:
    a = org.reps["a"]
    visit(services, org, a, dt.date(2026, 7, 2))
    services.targets.set(TargetKind.VISITS, a, False, PeriodKind.MONTH, JUL1, 0)
    (row,) = services.targets.rows(2026, today=TODAY)
    assert (row.value, row.actual, row.ratio) == (0, 1, None)
    (ach,) = [
        r
        for r in services.targets.achievement_by_rep(
            TargetKind.VISITS, JUL1, dt.date(2026, 7, 31), None, TODAY
        )
        if r.user_id == a
    ]
    assert (ach.target, ach.actual, ach.ratio) == (0, 1, None)


def test_rows_show_actual_to_date_for_reps_and_teams(services: Services, org: TargetOrg) -> None:
    a, b = org.reps["a"], org.reps["b"]
    visit(services, org, a, dt.date(2026, 3, 2), order=500, collection=40)
    visit(services, org, a, dt.date(2026, 7, 2), order=1000, collection=60)
    visit(services, org, b, dt.date(2026, 7, 10), order=2000)
    visit(services, org, b, dt.date(2026, 8, 10), order=4000)  # after today
    t = services.targets
    t.set(TargetKind.SALES, org.team, True, PeriodKind.YEAR, JAN1, 35000)
    t.set(TargetKind.SALES, a, False, PeriodKind.QUARTER, JUL1, 4000)
    t.set(TargetKind.COLLECTION, a, False, PeriodKind.YEAR, JAN1, 200)
    t.set(TargetKind.GROSS_PROFIT, a, False, PeriodKind.YEAR, JAN1, 900)
    t.set(TargetKind.VISITS, b, False, PeriodKind.MONTH, dt.date(2026, 9, 1), 10)
    t.set(TargetKind.VISITS, b, False, PeriodKind.MONTH, dt.date(2025, 12, 1), 10)  # other year
    rows = t.rows(2026, today=TODAY)
    got = [(r.assignee_name, r.kind, r.period_kind, r.value, r.actual, r.ratio) for r in rows]
    assert got == [
        ("上海", TargetKind.SALES, PeriodKind.YEAR, 35000, 3500, Decimal("0.1")),
        ("rep_a", TargetKind.SALES, PeriodKind.QUARTER, 4000, 1000, Decimal("0.25")),
        ("rep_a", TargetKind.GROSS_PROFIT, PeriodKind.YEAR, 900, None, None),
        ("rep_a", TargetKind.COLLECTION, PeriodKind.YEAR, 200, 100, Decimal("0.5")),
        ("rep_b", TargetKind.VISITS, PeriodKind.MONTH, 10, None, None),  # September: empty
    ]
    # Filters by kind and assignee.
    assert [r.kind for r in t.rows(2026, kind=TargetKind.COLLECTION, today=TODAY)] == [
        TargetKind.COLLECTION
    ]
    assert {r.assignee_name for r in t.rows(2026, assignee_id=a, today=TODAY)} == {"rep_a"}
    # The same actual as the team view's figures for the same days.
    (fig,) = rep_figures(
        services.store, [a], JUL1, TODAY, as_of=fixed_clock().utcnow(), due_hour=20
    )
    assert rows[1].actual == fig.order_amount_fen


def test_who_reads_which_targets(services: Services, org: TargetOrg) -> None:
    a, b = org.reps["a"], org.reps["b"]
    t = services.targets
    t.set(TargetKind.SALES, org.team, True, PeriodKind.YEAR, JAN1, 10)
    t.set(TargetKind.SALES, a, False, PeriodKind.YEAR, JAN1, 10)
    t.set(TargetKind.SALES, b, False, PeriodKind.YEAR, JAN1, 10)
    services.user.switch(org.reps["a"])
    assert [r.assignee_name for r in t.rows(2026, today=TODAY)] == ["rep_a"]
    services.user.switch(org.sup)
    assert [r.assignee_name for r in t.rows(2026, today=TODAY)] == ["上海", "rep_a", "rep_b"]


def test_new_customers_and_new_outlets(services: Services, org: TargetOrg) -> None:
    a = org.reps["a"]
    new_customer(services, a, dt.date(2026, 7, 3), CustomerType.RETAIL)
    new_customer(services, a, dt.date(2026, 7, 4), CustomerType.RETAIL)
    new_customer(services, a, dt.date(2026, 7, 5), CustomerType.DEALER)
    new_customer(services, a, dt.date(2026, 6, 30), CustomerType.RETAIL)  # before
    new_customer(services, a, dt.date(2026, 7, 20), CustomerType.RETAIL)  # after today
    services.targets.set(TargetKind.NEW_CUSTOMERS, a, False, PeriodKind.MONTH, JUL1, 6)
    services.targets.set(TargetKind.NEW_OUTLETS, a, False, PeriodKind.MONTH, JUL1, 4)
    rows = {r.kind: r for r in services.targets.rows(2026, today=TODAY)}
    assert (rows[TargetKind.NEW_CUSTOMERS].actual, rows[TargetKind.NEW_CUSTOMERS].ratio) == (
        3,
        Decimal("0.5"),
    )
    assert (rows[TargetKind.NEW_OUTLETS].actual, rows[TargetKind.NEW_OUTLETS].ratio) == (
        2,
        Decimal("0.5"),
    )


def test_delete_is_a_soft_delete_sent_to_the_server(services: Services, org: TargetOrg) -> None:
    target = services.targets.set(TargetKind.SALES, org.reps["a"], False, PeriodKind.YEAR, JAN1, 10)
    services.targets.delete(target)
    assert services.targets.rows(2026, today=TODAY) == []
    assert [name for name, _r, _p in outbox(services.store, "target")] == ["create", "delete"]
    with pytest.raises(ValidationError):
        services.targets.delete(target)

"""The demo generator: a complete, realistic, deterministic team history, with no outbox."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixed_time import TEST_NOW, fixed_clock
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from crm_desktop.demo.activity import MAX_WEEKS, VISITS_PER_REP_WEEK, Scale
from crm_desktop.demo.generator import (
    _REPS,
    DEMO_SUPERVISOR,
    DemoOptions,
    DemoSummary,
    _logins,
    demo_people,
    ensure_demo_data,
    generate_demo,
    sign_in_as_demo_person,
)
from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.normalize import company_name_key, phone_key
from crm_desktop.domain.picklists import Role
from crm_desktop.domain.stages import DEFAULT_STAGES
from crm_desktop.services.container import Services
from crm_desktop.services.customers.classification import (
    recompute_value_classes,
    refresh_last_visits,
)
from crm_desktop.store.models import (
    SYNCED_MODELS,
    Complaint,
    Contact,
    Customer,
    DailyReport,
    FollowUp,
    MarketReport,
    Opportunity,
    OutboxEntry,
    PlanItem,
    SalesMethod,
    SalesStage,
    StageHistory,
    Target,
    Team,
    User,
    VisitPlan,
    VisitRecord,
)

SMALL = DemoOptions(customers=120, contacts_per_customer=1.5, seed=11)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, DemoSummary]]:
    """One small demo shared by the read-only tests of this module."""
    services = Services.open(tmp_path_factory.mktemp("demo") / "data", clock=fixed_clock())
    calls: list[tuple[int, int]] = []
    summary = generate_demo(services, SMALL, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (SMALL.customers + 1, SMALL.customers + 1)
    yield services, summary
    services.close()


def rows(services: Services, statement: Any) -> list[Any]:
    with services.store.reading() as s:
        return list(s.execute(statement).all())


def count(services: Services, model: type, *where: Any) -> int:
    with services.store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_every_kind_of_record_is_there(demo: tuple[Services, DemoSummary]) -> None:
    services, summary = demo
    for model in SYNCED_MODELS:
        assert count(services, model) > 0, model.__tablename__
        local_user = 1 if model is User else 0  # the laptop's stand-in user predates the demo
        assert summary.counts[model.__tablename__] == count(services, model) - local_user
    assert count(services, Customer) == 120
    assert count(services, Contact) == pytest.approx(180, abs=25)
    assert count(services, SalesStage) == len(DEFAULT_STAGES)
    assert count(services, SalesMethod) == 1
    text_out = summary.describe()
    assert "客户 customers: 120" in text_out and "李明华" in text_out


def test_the_team_and_the_supervisor_as_current_user(
    demo: tuple[Services, DemoSummary], tmp_path: Path
) -> None:
    services, _ = demo
    assert services.actor.role is Role.SUPERVISOR and services.actor.display_name == "李明华"
    users = {u.username: u for (u,) in rows(services, select(User))}
    supervisor = users[DEMO_SUPERVISOR]
    reps = [u for u in users.values() if u.role == "rep" and u.username != "local"]
    assert 4 <= len(reps) <= 6
    assert all(r.supervisor_id == supervisor.id and r.team_id == supervisor.team_id for r in reps)
    [manager] = [u for u in users.values() if u.role == "manager"]
    assert supervisor.username == DEMO_SUPERVISOR
    assert supervisor.supervisor_id == manager.id
    team = rows(services, select(Team).where(Team.id == supervisor.team_id))[0][0]
    assert team.name == "华东办事处" and team.supervisor_id == supervisor.id
    owners = {o for (o,) in rows(services, select(Customer.owner_id).distinct())}
    assert owners <= {r.id for r in reps}


def test_no_outbox_entries(demo: tuple[Services, DemoSummary]) -> None:
    assert count(demo[0], OutboxEntry) == 0


def test_customers_look_real_and_carry_their_keys(demo: tuple[Services, DemoSummary]) -> None:
    services, _ = demo
    customers = [c for (c,) in rows(services, select(Customer))]
    assert {c.customer_type for c in customers} >= {"enterprise", "dealer", "retail"}
    assert {c.status for c in customers} >= {"active", "potential", "lost"}
    assert all(c.loss_reason for c in customers if c.status == "lost")
    assert all(c.name_key == company_name_key(c.name) for c in customers)
    assert all(c.phone_key == phone_key(c.phone) for c in customers)
    assert any(c.tax_id and len(c.tax_id) == 18 for c in customers)
    assert any(c.name.endswith("有限公司") for c in customers)
    assert {c.region for c in customers} <= {"上海", "杭州", "南京", "苏州", "宁波"}
    contacts = [k for (k,) in rows(services, select(Contact))]
    assert all(k.phone_key == phone_key(k.mobile) for k in contacts)
    assert all(k.mobile and k.mobile[0] == "1" and len(k.mobile) == 11 for k in contacts)
    assert any(k.birthday for k in contacts) and any(k.email for k in contacts)


def test_near_duplicates_make_the_duplicate_warning_show(
    demo: tuple[Services, DemoSummary],
) -> None:
    services, _ = demo
    customers = [c for (c,) in rows(services, select(Customer))]
    seen = Counter(k for c in customers for k in (c.name_key, c.phone_key) if k)
    twin = next(c for c in customers if seen[c.name_key] > 1 or seen[c.phone_key or ""] > 1)
    draft = CustomerDraft(name=twin.name, id=twin.id, phone=twin.phone, tax_id=twin.tax_id,
                          owner_id=twin.owner_id)  # fmt: skip
    assert services.customers.find_duplicates(draft)


def test_twelve_weeks_of_plans_reports_and_visits(demo: tuple[Services, DemoSummary]) -> None:
    services, _ = demo
    today = TEST_NOW.date()
    # The field work is twelve weeks; only the defectors' orders of a year ago and more
    # (demo/defections.py) are older.
    start = today - dt.timedelta(weeks=12)
    first, last = rows(services, select(func.min(VisitRecord.visit_date),
                                        func.max(VisitRecord.visit_date))
                       .where(VisitRecord.visit_date >= start))[0]  # fmt: skip
    assert start <= first and last <= today
    older = rows(services, select(VisitRecord.visit_date, VisitRecord.order_amount_fen)
                 .where(VisitRecord.visit_date < start))  # fmt: skip
    assert all(day <= today - dt.timedelta(days=366) and fen > 0 for day, fen in older)
    assert (last - first).days >= 70
    statuses = dict(rows(services, select(DailyReport.status, func.count())
                         .group_by(DailyReport.status)))  # fmt: skip
    assert statuses["signed"] > statuses.get("submitted", 0) > 0 and statuses["returned"] > 0
    signed = [r for (r,) in rows(services, select(DailyReport).where(
        DailyReport.status == "signed"))]  # fmt: skip
    assert all(r.signed_by and r.signed_at and r.submitted_at for r in signed)
    assert sum(1 for r in signed if r.review_comment) > len(signed) / 2
    assert count(services, VisitRecord, VisitRecord.report_id.in_([r.id for r in signed])) > 0
    assert count(services, VisitRecord, VisitRecord.order_amount_fen > 0) > 0
    assert count(services, VisitRecord, VisitRecord.collection_amount_fen > 0) > 0
    assert count(services, VisitRecord, VisitRecord.is_effective.is_(False)) > 0
    assert count(services, VisitRecord, VisitRecord.plan_item_id.is_(None)) > 0  # unplanned
    assert count(services, PlanItem) >= count(services, VisitPlan) * 3
    assert count(services, FollowUp) == count(
        services, VisitRecord, VisitRecord.next_step.is_not(None)
    )
    # A few workdays have no report at all: the review page shows them as missing.
    reps = count(services, User, User.role == "rep", User.username != "local")
    workdays = sum(1 for n in range(85) if (today - dt.timedelta(days=n)).weekday() < 5)
    recent = DailyReport.report_date >= start
    assert count(services, DailyReport, recent) < reps * workdays


def test_signed_reports_are_frozen(demo: tuple[Services, DemoSummary]) -> None:
    services, _ = demo
    (report_id,) = rows(services, select(DailyReport.id).where(DailyReport.status == "signed")
                        .limit(1))[0]  # fmt: skip
    with pytest.raises(IntegrityError, match="frozen_report"), services.store.engine.begin() as c:
        c.execute(text("UPDATE daily_reports SET reflections = 'x' WHERE id = :id"),
                  {"id": report_id})  # fmt: skip
    with pytest.raises(IntegrityError, match="frozen_report"), services.store.engine.begin() as c:
        c.execute(text("UPDATE visit_records SET order_amount_fen = 1 WHERE report_id = :id"),
                  {"id": report_id})  # fmt: skip


def test_pipeline_targets_market_reports_complaints(demo: tuple[Services, DemoSummary]) -> None:
    services, _ = demo
    opportunities = [o for (o,) in rows(services, select(Opportunity))]
    assert {o.stage_code for o in opportunities} <= {s.code for s in DEFAULT_STAGES}
    assert all(o.won_on and o.won_reason for o in opportunities if o.stage_code == "won")
    assert all(o.lost_reason and o.winning_competitor for o in opportunities
               if o.stage_code == "lost")  # fmt: skip
    for o in opportunities:
        history = [h for (h,) in rows(services, select(StageHistory).where(
            StageHistory.opportunity_id == o.id).order_by(StageHistory.changed_at))]  # fmt: skip
        assert history[0].from_stage is None and history[0].to_stage == "discover"
        assert history[-1].to_stage == o.stage_code
    kinds = set(
        rows(
            services,
            select(Target.kind, Target.period_kind, Target.assignee_team_id.is_(None)).distinct(),
        )
    )
    assert {("sales", "month", True), ("sales", "month", False), ("collection", "month", True),
            ("visits", "week", True)} <= kinds  # fmt: skip
    assert count(services, MarketReport, MarketReport.acknowledged_by.is_not(None)) > 0
    assert {s for (s,) in rows(services, select(Complaint.status).distinct())} >= {"closed"}


def test_value_classes_and_last_visits_match_the_history(
    demo: tuple[Services, DemoSummary],
) -> None:
    services, summary = demo
    classes = dict(rows(services, select(Customer.value_class, func.count())
                        .group_by(Customer.value_class)))  # fmt: skip
    assert classes.keys() == {"A", "B", "C"} and summary.classes == classes
    assert count(services, Customer, Customer.is_key_account, Customer.value_class != "A") == 0
    # The generator used the classification service's own rules: nothing left to change.
    assert recompute_value_classes(services, TEST_NOW.date()) == 0
    assert refresh_last_visits(services) == 0
    assert count(services, Customer, Customer.last_effective_visit_on.is_not(None)) > 0
    assert count(services, OutboxEntry) == 0


def _fingerprint(services: Services) -> tuple[list[Any], ...]:
    return (
        rows(services, select(Customer.name, Customer.status, Customer.phone).order_by(
            Customer.name)),
        rows(services, select(Contact.name, Contact.mobile).order_by(Contact.mobile)),
        rows(services, select(VisitRecord.visit_date, VisitRecord.order_amount_fen)
             .order_by(VisitRecord.visit_date, VisitRecord.order_amount_fen)),
    )  # fmt: skip


def test_the_same_seed_makes_the_same_demo(tmp_path: Path) -> None:
    made = []
    for folder, seed in (("a", 5), ("b", 5), ("c", 6)):
        services = Services.open(tmp_path / folder, clock=fixed_clock())
        generate_demo(services, DemoOptions(customers=30, seed=seed))
        made.append(_fingerprint(services))
        services.close()
    assert made[0] == made[1]
    assert made[0][0] != made[2][0]


def test_a_store_with_customers_is_refused(services: Services) -> None:
    services.customers.save(CustomerDraft(name="真实客户有限公司"))
    with pytest.raises(UserFacingError, match="empty data folder"):
        generate_demo(services, DemoOptions(customers=10))
    assert count(services, User, User.username == DEMO_SUPERVISOR) == 0


def test_ensure_demo_data_fills_an_empty_store_once(data_dir: Path) -> None:
    services = Services.open(data_dir, clock=fixed_clock())
    ensure_demo_data(services)
    assert count(services, Customer) == DemoOptions().customers
    services.close()
    reopened = Services.open(
        data_dir, clock=fixed_clock()
    )  # the supervisor stays the laptop's user
    assert reopened.actor.display_name == "李明华"
    local = reopened.user.switch(rows(reopened, select(User.id).where(
        User.username == "local"))[0][0])  # fmt: skip
    assert local.display_name == "本机用户"
    ensure_demo_data(reopened)  # no second demo, but back to the supervisor
    assert count(reopened, Customer) == DemoOptions().customers
    assert reopened.actor.display_name == "李明华"
    reopened.close()


def test_ensure_demo_data_leaves_a_real_store_alone(services: Services) -> None:
    services.customers.save(CustomerDraft(name="真实客户有限公司"))
    before = services.actor
    ensure_demo_data(services)
    assert count(services, Customer) == 1 and services.actor == before


# --- the scaled demo (DemoOptions.visits) ------------------------------------------------

SCALED = DemoOptions(customers=400, contacts_per_customer=1.0, seed=3, visits=8000)


def test_the_scale_for_a_million_visits() -> None:
    default = Scale.for_visits(0)
    assert (default.weeks, default.reps, default.anchor_share) == (12, 5, 0.0)
    big = Scale.for_visits(1_000_000)
    assert big.weeks == MAX_WEEKS  # five years …
    assert big.reps * big.weeks * VISITS_PER_REP_WEEK == pytest.approx(1_000_000, rel=0.01)
    assert 100 <= big.reps <= 110  # … of about a hundred reps
    # Every other workday for five years makes ≥ 500 visits to a rep's key account.
    workdays = big.weeks * 5 * 0.95
    assert workdays * big.anchor_share * 0.9 > 500
    logins = _logins(big.reps, 7)
    assert logins[:5] == list(_REPS) and len({u for u, _ in logins}) == big.reps


def test_a_scaled_demo_has_plausible_days_and_busy_key_accounts(tmp_path: Path) -> None:
    services = Services.open(tmp_path / "scaled", clock=fixed_clock())
    summary = generate_demo(services, SCALED)
    scale = Scale.for_visits(SCALED.visits)
    today = TEST_NOW.date()
    visits = count(services, VisitRecord)
    assert summary.counts["visit_records"] == visits
    assert visits == pytest.approx(SCALED.visits, rel=0.2)
    first = rows(services, select(func.min(VisitRecord.visit_date)))[0][0]
    assert (today - first).days >= scale.weeks * 7 - 7
    # A rep's full day holds 6-10 visits (planned ones, plus now and then an unplanned).
    per_day = [n for (n,) in rows(services, select(func.count()).select_from(VisitRecord)
                                  .where(VisitRecord.visit_date < today)
                                  .group_by(VisitRecord.report_id))]  # fmt: skip
    typical = sum(1 for n in per_day if 5 <= n <= 11) / len(per_day)
    assert typical > 0.9 and 6 <= sorted(per_day)[len(per_day) // 2] <= 10
    assert max(per_day) <= len(scale.slots) + 1
    # Each rep calls on one key account about every other workday.
    busiest = rows(services, select(Customer.is_key_account, func.count())
                   .join(VisitRecord, VisitRecord.customer_id == Customer.id)
                   .group_by(Customer.id).order_by(func.count().desc()).limit(1))[0]  # fmt: skip
    workdays = scale.weeks * 5
    assert busiest[0] and busiest[1] >= 0.3 * workdays
    # Old follow-ups are settled; the open ones are recent.
    stale = today - dt.timedelta(days=(scale.settle_days or 0) + 1)
    assert count(services, FollowUp, FollowUp.done.is_(False), FollowUp.due_on < stale) == 0
    assert count(services, FollowUp, FollowUp.done.is_(False)) > 0
    assert count(services, FollowUp, FollowUp.kind == "appointment") > 0  # to confirm
    # Reports signed after their visits went in (the freeze trigger would refuse them
    # otherwise), and the derived columns agree with the history; still no outbox.
    signed = count(services, DailyReport, DailyReport.status == "signed")
    assert signed > count(services, DailyReport) / 2
    assert refresh_last_visits(services) == 0
    assert recompute_value_classes(services, today) == 0
    assert count(services, OutboxEntry) == 0
    services.close()


def test_demo_people_and_switching_between_them(tmp_path: Path) -> None:
    services = Services.open(tmp_path / "data", clock=fixed_clock())
    try:
        assert demo_people(services) == []  # not a demo: nobody to become
        with pytest.raises(UserFacingError, match="only possible with demo data"):
            sign_in_as_demo_person(services, services.actor.user_id)
        generate_demo(services, SMALL)
        people = demo_people(services)
        assert [p.role for p in people[:2]] == [Role.MANAGER, Role.SUPERVISOR]
        assert {p.role for p in people[2:]} == {Role.REP} and len(people) == 2 + 5
        rep = people[2]
        sign_in_as_demo_person(services, rep.id)
        assert services.actor.user_id == rep.id and services.actor.role is Role.REP
        reopened = Services.open(
            tmp_path / "data", clock=fixed_clock()
        )  # the choice is the laptop's user now
        assert reopened.actor.user_id == rep.id
        reopened.close()
    finally:
        services.close()

"""The reminder service on a real store, with the fixed clock moved through the day: the
facts it gathers (plans, reports, follow-ups, the review queue, the team's missing
reports) and the laptop's memory of pop-ups and dismissals in the settings file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fixed_time import CHINA

from crm_desktop.config.settings import REMINDERS_POPPED, Settings
from crm_desktop.domain.clock import FixedClock
from crm_desktop.domain.picklists import Role
from crm_desktop.domain.reminders import ReminderKind, ReminderPreferences
from crm_desktop.services.container import Services
from crm_desktop.services.reminders import ReminderMemory, ReminderService
from crm_desktop.store.base import Base
from crm_desktop.store.models import Customer, DailyReport, FollowUp, User, VisitPlan
from crm_desktop.store.unit_of_work import UnitOfWork

MON = dt.date(2026, 11, 23)
TUE = dt.date(2026, 11, 24)
FRI = dt.date(2026, 11, 20)
ALL = ReminderPreferences()


def add(services: Services, row: Base, owner: str | None = None) -> Any:
    """Write one row (owned by `owner`, default the current user) in its own unit of work."""
    owner = owner or services.actor.user_id
    if hasattr(row, "owner_id") and row.owner_id is None:
        row.owner_id = owner
    with UnitOfWork(services.store, owner) as uow:
        uow.session.add(row)
        uow.commit()
        return row.id  # type: ignore[attr-defined]


@dataclass
class Team:
    supervisor: str
    rep_a: str
    rep_b: str


@pytest.fixture
def team(services: Services) -> Team:
    boss = add(services, User(username="li", display_name="李明华", role=Role.SUPERVISOR.value))
    rep_a = add(
        services,
        User(username="zhang", display_name="张伟", role=Role.REP.value, supervisor_id=boss),
    )
    rep_b = add(
        services,
        User(username="liu", display_name="刘洋", role=Role.REP.value, supervisor_id=boss),
    )
    return Team(boss, rep_a, rep_b)


def at(clock: FixedClock, day: dt.date, hour: int, minute: int = 0) -> None:
    clock.set(dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA))


def keys(services: Services, prefs: ReminderPreferences = ALL) -> list[str]:
    return [r.key for r in services.reminders().due(prefs)]


def utc(day: dt.date, hour: int) -> dt.datetime:
    """A wall-clock hour in China as the store's naive UTC."""
    return dt.datetime(day.year, day.month, day.day, hour) - dt.timedelta(hours=8)


def test_a_reps_day_from_morning_to_night(
    services: Services, team: Team, clock: FixedClock
) -> None:
    services.user.switch(team.rep_a)
    shop = add(services, Customer(name="明通百货", owner_id=team.rep_a, status="active"))
    late = add(services, FollowUp(title="回复报价", kind="promise", due_on=FRI, customer_id=shop))
    due = add(services, FollowUp(title="送样品", kind="next_step", due_on=MON))
    confirm = add(services, FollowUp(title="周二拜访", kind="appointment", due_on=MON))
    add(services, FollowUp(title="明天的事", kind="next_step", due_on=TUE))
    add(services, FollowUp(title="做完了", kind="next_step", due_on=MON, done=True))
    add(services, FollowUp(title="别人的", due_on=MON, owner_id=team.rep_b), team.rep_b)
    # Monday 10:00: the follow-ups only (no plan or report ask yet).
    assert keys(services) == [
        f"appointment:{confirm}:2026-11-23",
        f"follow_up:{late}:2026-11-20",
        f"follow_up:{due}:2026-11-23",
    ]
    reminders = {r.key: r for r in services.reminders().due(ALL)}
    assert reminders[f"follow_up:{late}:2026-11-20"].title_zh == (
        "承诺事项已逾期（11月20日）：回复报价（明通百货）"
    )
    own = ReminderPreferences(enabled=frozenset({ReminderKind.PLAN, ReminderKind.REPORT}))
    at(clock, MON, 17)
    assert keys(services, own) == ["plan:2026-11-24"]
    add(services, VisitPlan(plan_date=TUE, status="draft"))
    [plan] = services.reminders().due(own)
    assert plan.title_zh == "明天（11月24日）的拜访计划还没提交"
    at(clock, MON, 19)
    assert keys(services, own) == ["report-due:2026-11-23", "plan:2026-11-24"]
    at(clock, MON, 20)
    assert keys(services, own) == ["report-late:2026-11-23", "plan:2026-11-24"]
    # Submitted plan and report: nothing left to ask for.
    with UnitOfWork(services.store, team.rep_a) as uow:
        uow.session.query(VisitPlan).update({VisitPlan.status: "submitted"})
        uow.commit()
    add(services, DailyReport(report_date=MON, status="submitted", due_at=utc(MON, 20)))
    assert keys(services, own) == []


def test_the_deadline_stored_on_the_report_and_the_team_due_hour(
    services: Services, team: Team, clock: FixedClock
) -> None:
    services.user.switch(team.rep_a)
    own = ReminderPreferences(enabled=frozenset({ReminderKind.REPORT}))
    at(clock, MON, 17)
    early = ReminderService(services.store, services.user, due_hour=18)
    [due] = early.due(own)
    assert due.key == "report-due:2026-11-23" and due.due_at == dt.datetime(2026, 11, 23, 18)
    # A report written when the deadline was 21:00 keeps it (domain/lateness.py).
    add(services, DailyReport(report_date=MON, status="draft", due_at=utc(MON, 21)))
    at(clock, MON, 20, 30)
    [kept] = early.due(own)
    assert kept.key == "report-due:2026-11-23"
    assert kept.title_zh == "今天的日报 21:00 截止，还没提交"


def test_a_supervisor_gets_the_queue_and_the_missing_reports_not_own_asks(
    services: Services, team: Team, clock: FixedClock
) -> None:
    services.user.switch(team.supervisor)
    plan = add(
        services,
        VisitPlan(plan_date=MON, status="submitted", submitted_at=utc(MON, 8), owner_id=team.rep_a),
        team.rep_a,
    )
    add(
        services,
        DailyReport(report_date=FRI, status="submitted", due_at=utc(FRI, 20),
                    submitted_at=utc(FRI, 19), owner_id=team.rep_a),
        team.rep_a,
    )  # fmt: skip
    found = {r.key: r for r in services.reminders().due(ALL)}
    plan_key = f"review:plan:{plan}:0"  # version 0: never synced
    report_key = next(k for k in found if k.startswith("review:report:"))
    assert set(found) == {plan_key, report_key, f"missing:{team.rep_b}:2026-11-20"}
    assert found[plan_key].title_zh == "张伟 11月23日的拜访计划等待你审阅"
    assert found[report_key].title_zh == "张伟 11月20日的日报等待你审阅"
    assert found[f"missing:{team.rep_b}:2026-11-20"].title_zh == (
        "刘洋 11月20日的日报过了截止时间 20:00 还没提交"
    )
    # Monday night: both reps are late with today's report too; no plan or report ask
    # for the supervisor's own day.
    at(clock, MON, 20, 30)
    late = [k for k in keys(services) if k.startswith("missing:")]
    assert sorted(late) == sorted(
        [
            f"missing:{team.rep_b}:2026-11-20",
            f"missing:{team.rep_a}:2026-11-23",
            f"missing:{team.rep_b}:2026-11-23",
        ]
    )
    assert not [k for k in keys(services) if k.startswith(("plan:", "report-"))]
    nothing = ReminderPreferences(enabled=frozenset())
    assert keys(services, nothing) == []


def test_the_memory_survives_a_restart_and_forgets_after_two_weeks(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    memory = ReminderMemory(Settings(path))
    memory.mark_popped(["plan:2026-11-24"], MON)
    memory.dismiss(["follow_up:x:2026-11-23"], MON)
    memory.set_preferences(ReminderPreferences(plan_hour=16, quiet=None))
    Settings(path)  # the preferences are saved by the Settings page, not here
    again = ReminderMemory(Settings(path))
    assert again.popped() == {"plan:2026-11-24"}
    assert again.dismissed() == {"follow_up:x:2026-11-23"}
    assert again.preferences() == ReminderPreferences()
    again.mark_popped(["report-due:2026-12-08"], dt.date(2026, 12, 8))
    assert Settings(path).get(REMINDERS_POPPED) == {"report-due:2026-12-08": "2026-12-08"}

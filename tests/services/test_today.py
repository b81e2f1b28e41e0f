"""The Today view: plan and report status, visits to log, follow-ups, appointments, and
customers overdue by their class's cadence — against a real store, rows made through the
models in units of work."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select

from crm_desktop.domain.classification import Cadence
from crm_desktop.domain.daily import PlanItemDraft
from crm_desktop.domain.picklists import Role
from crm_desktop.domain.policy import DEFAULT_POLICY, TeamPolicy
from crm_desktop.services.container import Services
from crm_desktop.services.day.daily_reports import DailyReportService
from crm_desktop.services.day.day_plans import DayPlanService
from crm_desktop.services.day.today import TodayService
from crm_desktop.store.base import Base
from crm_desktop.store.models import (
    Customer,
    DailyReport,
    FollowUp,
    PlanItem,
    User,
    VisitPlan,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork

DAY = dt.date(2026, 11, 23)  # a Monday


def add(services: Services, row: Base, owner: str | None = None) -> Any:
    """Write one row in its own unit of work; returns its id."""
    with UnitOfWork(services.store, owner or services.actor.user_id) as uow:
        uow.session.add(row)
        uow.commit()
        return row.id  # type: ignore[attr-defined]


@pytest.fixture
def rep(services: Services) -> str:
    """A rep, signed in as the current user."""
    uid = add(services, User(username="zhangwei", display_name="张伟", role=Role.REP.value))
    services.user.switch(uid)
    return str(uid)


@pytest.fixture
def other_rep(services: Services) -> str:
    return str(add(services, User(username="liuyang", display_name="刘洋", role=Role.REP.value)))


def customer(
    services: Services,
    name: str,
    owner: str,
    value_class: str = "C",
    last: dt.date | None = None,
    status: str = "active",
) -> str:
    return str(
        add(
            services,
            Customer(name=name, owner_id=owner, value_class=value_class, status=status,
                     last_effective_visit_on=last),
        )
    )  # fmt: skip


def view(services: Services, cadence: Cadence | None = None) -> Any:
    service = TodayService(services.store, services.user, cadence or Cadence())
    return service.view(DAY)


# --- plan, report, visits to log -------------------------------------------------------


def test_an_empty_day(services: Services, rep: str) -> None:
    today = view(services)
    assert today.day == DAY
    assert (today.plan, today.report, today.to_log) == (None, None, [])
    assert (today.follow_ups, today.appointments, today.overdue) == ([], [], [])
    assert today.overdue_total == 0


def test_plan_report_and_the_visits_still_to_log(
    services: Services, rep: str, other_rep: str
) -> None:
    a, b, c = (customer(services, n, rep, last=DAY) for n in ("甲公司", "乙公司", "丙公司"))
    plan = add(services, VisitPlan(plan_date=DAY, status="countersigned", owner_id=rep))
    items = [
        add(
            services,
            PlanItem(
                plan_id=plan,
                customer_id=cid,
                position=n,
                planned_time=t,
                purpose="order",
                owner_id=rep,
            ),
        )
        for n, (cid, t) in enumerate(((c, "14:00"), (a, "09:00"), (b, "10:30")))
    ]
    report = add(services, DailyReport(report_date=DAY, plan_id=plan, owner_id=rep))
    # A's visit is logged against its item; B's was entered as an unplanned visit.
    add(services, VisitRecord(report_id=report, plan_item_id=items[1], customer_id=a,
                              visit_date=DAY, contacts_met="王经理", owner_id=rep))  # fmt: skip
    add(services, VisitRecord(report_id=report, customer_id=b, visit_date=DAY, planned=False,
                              owner_id=rep))  # fmt: skip
    # Another rep's plan the same day and the rep's plan of yesterday do not count.
    add(services, VisitPlan(plan_date=DAY, owner_id=other_rep), other_rep)
    add(services, VisitPlan(plan_date=DAY - dt.timedelta(days=1), owner_id=rep))

    today = view(services)
    assert today.plan is not None and today.report is not None
    assert (today.plan.id, today.plan.status, today.plan.items) == (plan, "countersigned", 3)
    assert (today.report.id, today.report.status) == (report, "draft")
    assert (today.report.visits_logged, today.report.visits_planned) == (2, 3)
    assert [(v.customer_name, v.planned_time) for v in today.to_log] == [("丙公司", "14:00")]
    assert today.to_log[0].plan_item_id == items[0]


def test_a_saved_report_with_planned_visits_left_empty_still_lists_them_to_log(
    services: Services, rep: str
) -> None:
    # Saving the report writes its pre-filled planned visits as rows; only the ones with
    # something logged were made (domain.daily.is_visited), so the others are still to log.
    a, b = (customer(services, n, rep, last=DAY) for n in ("甲公司", "乙公司"))
    DayPlanService(services.store, services.user).save_items(
        DAY, [PlanItemDraft(customer_id=a, planned_time="09:00"),
              PlanItemDraft(customer_id=b, planned_time="10:00")]
    )  # fmt: skip
    reports = DailyReportService(services.store, services.user)
    draft = reports.report(DAY).draft
    first, second = draft.visits
    reports.save(replace(draft, visits=(replace(first, contacts_met="王经理"), second)))
    with services.store.reading() as s:
        assert len(s.scalars(select(VisitRecord)).all()) == 2  # the empty one is saved too

    today = view(services)
    assert today.report is not None and today.report.visits_logged == 1
    assert [(v.customer_name, v.planned_time) for v in today.to_log] == [("乙公司", "10:00")]


def test_a_plan_without_report_leaves_every_item_to_log(services: Services, rep: str) -> None:
    a = customer(services, "甲公司", rep, last=DAY)
    plan = add(services, VisitPlan(plan_date=DAY, owner_id=rep))
    add(services, PlanItem(plan_id=plan, customer_id=a, planned_time="09:00", owner_id=rep))
    gone = add(services, PlanItem(plan_id=plan, customer_id=a, owner_id=rep, deleted=True))
    today = view(services)
    assert today.report is None
    assert today.plan is not None and today.plan.items == 1
    assert [v.customer_id for v in today.to_log] == [a]
    assert gone not in [v.plan_item_id for v in today.to_log]


@pytest.mark.parametrize(
    ("status", "listed"),
    [("draft", True), ("returned", True), ("reopened", True), ("submitted", False),
     ("signed", False)],
)  # fmt: skip
def test_visits_are_to_log_only_while_the_report_takes_them(
    services: Services, rep: str, status: str, listed: bool
) -> None:
    """A submitted or signed report takes no more visits: the planned customers not
    visited are no longer "to log" (待登记), and the report says why the list is empty."""
    a = customer(services, "甲公司", rep, last=DAY)
    plan = add(services, VisitPlan(plan_date=DAY, status="countersigned", owner_id=rep))
    add(services, PlanItem(plan_id=plan, customer_id=a, planned_time="09:00", owner_id=rep))
    add(services, DailyReport(report_date=DAY, plan_id=plan, owner_id=rep, status=status))
    today = view(services)
    assert today.report is not None and today.report.open_for_visits is listed
    assert [v.customer_id for v in today.to_log] == ([a] if listed else [])


# --- follow-ups and appointments -------------------------------------------------------


def follow_up(services: Services, owner: str, cid: str | None, title: str, due: dt.date,
              kind: str = "next_step", done: bool = False) -> str:  # fmt: skip
    row = FollowUp(customer_id=cid, kind=kind, title=title, due_on=due, done=done,
                   owner_id=owner)  # fmt: skip
    return str(add(services, row, owner))


def test_follow_ups_due_today_or_earlier_overdue_flagged(
    services: Services, rep: str, other_rep: str
) -> None:
    a = customer(services, "甲公司", rep, last=DAY)
    gone = customer(services, "已删公司", rep, last=DAY)
    late = follow_up(services, rep, a, "催收上月货款", DAY - dt.timedelta(days=3))
    due = follow_up(services, rep, a, "寄送产品目录", DAY)
    follow_up(services, rep, None, "整理客户名单", DAY, kind="promise")
    follow_up(services, rep, a, "下周送样品", DAY + dt.timedelta(days=1))  # not yet due
    follow_up(services, rep, a, "已完成", DAY - dt.timedelta(days=1), done=True)
    follow_up(services, other_rep, a, "别人的待办", DAY)
    follow_up(services, rep, gone, "已删客户的待办", DAY)
    with UnitOfWork(services.store, rep) as uow:
        row = uow.session.get(Customer, gone)
        assert row is not None
        row.deleted = True
        uow.commit()

    today = view(services)
    assert [(f.title, f.overdue) for f in today.follow_ups] == [
        ("催收上月货款", True),
        ("整理客户名单", False),  # by due date, then customer (none first)
        ("寄送产品目录", False),
    ]
    assert [f.id for f in today.follow_ups][::2] == [late, due]
    assert today.follow_ups[0].customer_name == "甲公司"
    assert today.follow_ups[1].customer_name is None


def test_appointments_to_confirm_today_are_listed_apart(services: Services, rep: str) -> None:
    a = customer(services, "甲公司", rep, last=DAY)
    confirm = follow_up(services, rep, a, "确认明天上午十点拜访", DAY, kind="appointment")
    follow_up(services, rep, a, "确认后天拜访", DAY + dt.timedelta(days=1), kind="appointment")
    missed = follow_up(services, rep, a, "昨天该确认的", DAY - dt.timedelta(days=1),
                       kind="appointment")  # fmt: skip
    today = view(services)
    assert [f.id for f in today.appointments] == [confirm]
    assert today.appointments[0].kind == "appointment" and not today.appointments[0].overdue
    # A confirmation missed yesterday is an overdue follow-up, not today's appointment.
    assert [(f.id, f.overdue) for f in today.follow_ups] == [(missed, True)]


# --- overdue by cadence --------------------------------------------------------------


def days_ago(n: int) -> dt.date:
    return DAY - dt.timedelta(days=n)


def test_overdue_by_each_class_cadence(services: Services, rep: str) -> None:
    # Default cadence A 14, B 30, C 90 days: overdue once the last visit is older.
    customer(services, "A准时", rep, "A", days_ago(14))
    customer(services, "A逾期", rep, "A", days_ago(15))
    customer(services, "B准时", rep, "B", days_ago(30))
    customer(services, "B逾期", rep, "B", days_ago(40))
    customer(services, "C准时", rep, "C", days_ago(90))
    customer(services, "C逾期", rep, "C", days_ago(91))
    today = view(services)
    assert [(c.name, c.days_overdue, c.cadence_days) for c in today.overdue] == [
        ("B逾期", 10, 30),
        ("A逾期", 1, 14),
        ("C逾期", 1, 90),
    ]
    assert today.overdue_total == 3
    assert today.overdue[0].last_effective_visit_on == days_ago(40)


def test_never_visited_come_first_class_a_first(services: Services, rep: str) -> None:
    customer(services, "C逾期很久", rep, "C", days_ago(400))
    customer(services, "C从未拜访", rep, "C", None)
    customer(services, "A从未拜访", rep, "A", None)
    customer(services, "潜在客户", rep, "C", None, status="potential")
    today = view(services)
    assert [(c.name, c.days_overdue) for c in today.overdue] == [
        ("A从未拜访", None),
        ("C从未拜访", None),
        ("潜在客户", None),
        ("C逾期很久", 310),
    ]


def test_equally_overdue_customers_are_in_pinyin_order(services: Services, rep: str) -> None:
    """安 (ān) before 北 (běi), though by code point 北 (U+5317) comes first."""
    customer(services, "北方贸易", rep, "C", None)
    customer(services, "安达商行", rep, "C", None)
    assert [c.name for c in view(services).overdue] == ["安达商行", "北方贸易"]


def test_deleted_churned_and_other_reps_customers_are_not_overdue(
    services: Services, rep: str, other_rep: str
) -> None:
    mine = customer(services, "我的客户", rep, "A", None)
    gone = customer(services, "已删除", rep, "A", None)
    customer(services, "流失客户", rep, "A", None, status="lost")
    customer(services, "旧客户", rep, "A", None, status="former")
    customer(services, "别人的客户", other_rep, "A", None)
    with UnitOfWork(services.store, rep) as uow:
        row = uow.session.get(Customer, gone)
        assert row is not None
        row.deleted = True
        uow.commit()
    today = view(services)
    assert [c.id for c in today.overdue] == [mine]
    assert today.overdue_total == 1


def test_the_list_is_limited_and_the_total_counts_all(services: Services, rep: str) -> None:
    for n in range(7):
        customer(services, f"客户{n}", rep, "C", days_ago(100 + n))
    service = TodayService(services.store, services.user)
    today = service.view(DAY, overdue_limit=3)
    assert [c.name for c in today.overdue] == ["客户6", "客户5", "客户4"]
    assert today.overdue_total == 7


def test_the_team_policys_cadence_applies(services: Services, rep: str, tmp_path: Any) -> None:
    customer(services, "A类", rep, "A", days_ago(10))
    customer(services, "C类", rep, "C", days_ago(40))
    columns = {**DEFAULT_POLICY.columns(), "cadence_a_days": 7, "cadence_c_days": 30}
    services.user.switch(add(services, User(username="boss", display_name="管理员",
                                            role=Role.ADMIN.value)))  # fmt: skip
    services.policy.save(TeamPolicy.from_columns(columns))  # the company default
    services.user.switch(rep)
    cadence = services.policy.current().cadence
    assert (cadence.a_days, cadence.b_days, cadence.c_days) == (7, 30, 30)
    today = view(services, cadence)
    assert [(c.name, c.days_overdue) for c in today.overdue] == [("C类", 10), ("A类", 3)]
    assert [c.name for c in view(services).overdue] == []  # default cadence: on time


def test_a_supervisor_sees_their_own_day_not_the_team(
    services: Services, rep: str, other_rep: str
) -> None:
    customer(services, "张伟的客户", rep, "A", None)
    follow_up(services, other_rep, None, "刘洋的待办", DAY)
    boss = add(services, User(username="li", display_name="李明华", role=Role.SUPERVISOR.value))
    services.user.switch(boss)
    mine = customer(services, "主管亲自跟的大客户", boss, "A", days_ago(20))
    own = follow_up(services, boss, mine, "约总经理面谈", DAY)
    today = view(services)
    assert [c.id for c in today.overdue] == [mine] and today.overdue_total == 1
    assert [f.id for f in today.follow_ups] == [own]

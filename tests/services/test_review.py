"""The Review service: the supervisor's queue, one item opened, and the review actions."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import pytest
from fixed_time import fixed_clock
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError

from crm_desktop.domain.daily import PlanItemDraft
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.day.daily_reports import DailyReportService
from crm_desktop.services.day.day_plans import DayPlanService
from crm_desktop.services.day.today import TodayService
from crm_desktop.services.review.review import PLAN, REPORT, ReviewService, StaleReview
from crm_desktop.store.models import (
    Customer,
    DailyReport,
    OutboxEntry,
    ReportReopenGrant,
    Target,
    User,
    VisitPlan,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.content import report_content_hash
from crm_desktop.sync.entities import ENTITY_TABLES

DAY = dt.date(2026, 11, 23)  # a Monday
EARLIER = DAY - dt.timedelta(days=3)


@dataclass
class Org:
    supervisor: str
    manager: str
    rep_a: str
    rep_b: str
    other_supervisor: str
    other_rep: str


def _user(services: Services, username: str, name: str, role: Role, boss: str | None) -> str:
    with UnitOfWork(services.store, None) as uow:
        user = User(username=username, display_name=name, role=role.value, supervisor_id=boss)
        uow.session.add(user)
        uow.commit()
        return user.id


def build_org(services: Services) -> Org:
    """A manager over two supervisors; 张伟 and 刘洋 report to 李明华, 孙丽 to 周强."""
    manager = _user(services, "wang", "王建国", Role.MANAGER, None)
    supervisor = _user(services, "li", "李明华", Role.SUPERVISOR, manager)
    other_supervisor = _user(services, "zhou", "周强", Role.SUPERVISOR, manager)
    return Org(
        supervisor,
        manager,
        _user(services, "zhang", "张伟", Role.REP, supervisor),
        _user(services, "liu", "刘洋", Role.REP, supervisor),
        other_supervisor,
        _user(services, "sun", "孙丽", Role.REP, other_supervisor),
    )


def add_customer(services: Services, name: str, owner: str) -> str:
    with UnitOfWork(services.store, owner) as uow:
        customer = Customer(name=name, owner_id=owner, status="active", value_class="B")
        uow.session.add(customer)
        uow.commit()
        return customer.id


def rep_day(
    services: Services,
    rep: str,
    day: dt.date,
    *,
    plan: bool = True,
    report: bool = True,
    customers: int = 2,
) -> None:
    """As `rep`: plan `customers` visits and submit the plan; report all but the last
    planned visit plus one unplanned visit, and submit the report."""
    services.user.switch(rep)
    names = [f"{rep[-4:]}客户{day.day}-{i}" for i in range(customers + 1)]
    ids = [add_customer(services, name, rep) for name in names]
    plans = DayPlanService(services.store, services.user)
    plans.save_items(day, [PlanItemDraft(customer_id=c, planned_time="09:30") for c in ids[:-1]])
    if plan:
        plans.submit(day)
    if report:
        reports = DailyReportService(services.store, services.user)
        draft = reports.report(day).draft
        visits = [
            replace(v, outcome="interested", is_effective=True, order_amount_fen=100_00)
            for v in draft.visits[:-1]
        ]
        unplanned = replace(draft.visits[0], id=None, plan_item_id=None, planned=False)
        unplanned = replace(unplanned, customer_id=ids[-1], customer_name=names[-1])
        reports.submit(replace(draft, visits=(*visits, unplanned), reflections="今天顺利"))


def as_user(services: Services, user_id: str) -> ReviewService:
    services.user.switch(user_id)
    return ReviewService(services.store, services.user)


def commands(services: Services) -> list[tuple[str, str, dict[str, Any]]]:
    """(name, row id, arguments) of the named commands in the outbox, oldest first."""
    with services.store.reading() as s:
        rows = s.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.name.not_in(("create", "update", "delete")))
            .order_by(OutboxEntry.mutation_id)
        ).all()
        return [(r.name, r.row_id, json.loads(r.patch)) for r in rows]


def updates_of(services: Services, row_id: str) -> list[str]:
    with services.store.reading() as s:
        return list(
            s.scalars(
                select(OutboxEntry.name).where(
                    OutboxEntry.row_id == row_id, OutboxEntry.name == "update"
                )
            )
        )


def report_row(services: Services, report_id: str) -> DailyReport:
    with services.store.reading() as s:
        row = s.get(DailyReport, report_id)
        assert row is not None
        s.expunge(row)
        return row


def plan_row(services: Services, plan_id: str) -> VisitPlan:
    with services.store.reading() as s:
        row = s.get(VisitPlan, plan_id)
        assert row is not None
        s.expunge(row)
        return row


def pull(services: Services, sql: str, **params: Any) -> None:
    """A change arriving from the server: written without the outbox, as sync apply does."""
    with services.store.write_sessions() as s, s.begin():
        s.execute(text(sql), params)


@pytest.fixture
def org(services: Services) -> Org:
    org = build_org(services)
    rep_day(services, org.rep_a, DAY)
    rep_day(services, org.rep_a, EARLIER)
    rep_day(services, org.rep_b, EARLIER, plan=False)
    rep_day(services, org.other_rep, EARLIER)
    return org


def first(review: ReviewService, kind: str, rep: str, day: dt.date) -> str:
    return next(i.id for i in review.queue() if (i.kind, i.rep_id, i.day) == (kind, rep, day))


# --- the queue ---------------------------------------------------------------------------


def test_queue_is_the_teams_submissions_oldest_first(services: Services, org: Org) -> None:
    review = as_user(services, org.supervisor)
    queue = review.queue(now=dt.datetime(2026, 11, 24, 12, 0))
    assert [(i.day, i.rep_name, i.kind) for i in queue] == [
        (EARLIER, "刘洋", REPORT),  # 刘洋 submitted no plan that day: a draft is not queued
        (EARLIER, "张伟", PLAN),
        (EARLIER, "张伟", REPORT),
        (DAY, "张伟", PLAN),
        (DAY, "张伟", REPORT),
    ]
    # Another team's rep (孙丽, under 周强) is not in 李明华's queue.
    assert org.other_rep not in {i.rep_id for i in queue}
    assert all(i.submitted_at is not None for i in queue)


def test_queue_flags_a_report_submitted_after_its_deadline(services: Services, org: Org) -> None:
    review = as_user(services, org.supervisor)
    on_time = first(review, REPORT, org.rep_a, EARLIER)
    late = first(review, REPORT, org.rep_b, EARLIER)
    for report_id, submitted in ((on_time, "2026-11-20 11:59:00"), (late, "2026-11-20 12:01:00")):
        pull(services, "UPDATE daily_reports SET due_at = '2026-11-20 12:00:00', "
             "submitted_at = :at WHERE id = :r", r=report_id, at=submitted)  # fmt: skip
    flags = {i.id: i.late for i in review.queue() if i.kind == REPORT}
    assert (flags[on_time], flags[late]) == (False, True)
    assert review.open_item(REPORT, late).late is True


def test_a_manager_sees_the_whole_subtree_and_a_rep_sees_nothing(
    services: Services, org: Org
) -> None:
    manager_queue = as_user(services, org.manager).queue()
    assert {i.rep_id for i in manager_queue} == {org.rep_a, org.rep_b, org.other_rep}
    assert as_user(services, org.rep_a).queue() == []


# --- opening an item ---------------------------------------------------------------------


def test_open_report_shows_it_as_written_with_the_plan_beside_it(
    services: Services, org: Org
) -> None:
    with UnitOfWork(services.store, org.supervisor) as uow:
        uow.session.add(Target(kind="visits", assignee_user_id=org.rep_a, period_kind="month",
                               period_start=dt.date(2026, 11, 1),
                               period_end=dt.date(2026, 11, 30), value=42))  # fmt: skip
        uow.commit()
    review = as_user(services, org.supervisor)
    item = review.open_item(REPORT, first(review, REPORT, org.rep_a, DAY))
    assert (item.rep_name, item.day, item.status) == ("张伟", DAY, "submitted")
    assert item.report is not None and item.plan is not None
    assert item.report.draft.reflections == "今天顺利"
    # Two planned: the first visited, the second not; one unplanned visit.
    assert [(p.visited, p.outcome, p.is_effective) for p in item.planned] == [
        (True, "interested", True),
        (False, None, False),
    ]
    assert item.unplanned_visits == 1
    assert str(item.plan_completion) == "0.5"
    totals = item.report.totals
    assert (totals.visits, totals.effective_visits, totals.order_amount_fen) == (2, 1, 100_00)
    # The rep's targets (not the supervisor's): 42 visits in November, 2 this day plus 2
    # on EARLIER (the Friday before, also in November).
    [target] = item.report.targets
    assert (target.kind, target.month_target, target.month_actual) == ("visits", 42, 4)
    # What the supervisor saw, for the compare-and-set.
    assert item.version == report_row(services, item.id).version
    assert item.content_hash == _server_hash(services, item.id)
    assert item.actions == ["sign", "return"]
    assert [e.action for e in item.history] == ["submit"]
    assert item.history[0].by_name == "张伟"


def test_open_plan_lists_its_items(services: Services, org: Org) -> None:
    review = as_user(services, org.supervisor)
    item = review.open_item(PLAN, first(review, PLAN, org.rep_a, DAY))
    assert item.plan is not None and item.report is None
    assert len(item.plan.items) == 2 and len(item.planned) == 2
    assert item.actions == ["countersign", "return"]


# --- plan actions ------------------------------------------------------------------------


def test_countersign_plan(services: Services, org: Org) -> None:
    review = as_user(services, org.supervisor)
    plan_id = first(review, PLAN, org.rep_a, DAY)
    review.countersign_plan(plan_id, "  按计划执行  ")
    row = plan_row(services, plan_id)
    assert (row.status, row.countersigned_by, row.review_comment) == (
        "countersigned",
        org.supervisor,
        "按计划执行",
    )
    assert row.countersigned_at is not None
    assert commands(services)[-1] == ("countersign_plan", plan_id, {"comment": "按计划执行"})
    # The workflow fields travel as the command only, never as a patch.
    assert updates_of(services, plan_id) == []
    assert plan_id not in {i.id for i in review.queue()}
    history = review.open_item(PLAN, plan_id).history
    assert [(e.action, e.by_name) for e in history] == [
        ("submit", "张伟"),
        ("countersign", "李明华"),
    ]


def test_return_plan_needs_a_comment(services: Services, org: Org) -> None:
    review = as_user(services, org.supervisor)
    plan_id = first(review, PLAN, org.rep_a, DAY)
    with pytest.raises(ValidationError):
        review.return_plan(plan_id, "   ")
    assert plan_row(services, plan_id).status == "submitted"
    review.return_plan(plan_id, "请把A类客户排在上午")
    row = plan_row(services, plan_id)
    assert (row.status, row.review_comment) == ("returned", "请把A类客户排在上午")
    assert commands(services)[-1] == ("return_plan", plan_id, {"comment": "请把A类客户排在上午"})
    # Returned: the rep may change it again.
    services.user.switch(org.rep_a)
    DayPlanService(services.store, services.user).save_items(DAY, [])


# --- report actions ----------------------------------------------------------------------


def test_sign_report_is_a_command_with_what_the_supervisor_saw(
    services: Services, org: Org
) -> None:
    review = as_user(services, org.supervisor)
    item = review.open_item(REPORT, first(review, REPORT, org.rep_a, DAY))
    review.sign_report(item, "很好，继续跟进")
    row = report_row(services, item.id)
    assert (row.status, row.signed_by, row.review_comment) == (
        "signed",
        org.supervisor,
        "很好，继续跟进",
    )
    assert row.content_hash == item.content_hash == _server_hash(services, item.id)
    assert commands(services)[-1] == (
        "sign_report",
        item.id,
        {"version": item.version, "content_hash": item.content_hash, "comment": "很好，继续跟进"},
    )
    assert updates_of(services, item.id) == []
    signed = review.open_item(REPORT, item.id)
    assert signed.actions == ["reopen"]
    assert [(e.action, e.by_name, e.comment) for e in signed.history] == [
        ("submit", "张伟", None),
        ("sign", "李明华", "很好，继续跟进"),
    ]


def test_sign_is_refused_when_the_report_changed_after_opening(
    services: Services, org: Org
) -> None:
    review = as_user(services, org.supervisor)
    item = review.open_item(REPORT, first(review, REPORT, org.rep_a, DAY))
    before = commands(services)
    # A sync pulls the rep's changed visit (the server bumped the version).
    pull(services, "UPDATE visit_records SET outcome = 'no_interest' WHERE report_id = :r",
         r=item.id)  # fmt: skip
    pull(services, "UPDATE daily_reports SET version = version + 1 WHERE id = :r", r=item.id)
    with pytest.raises(StaleReview) as refused:
        review.sign_report(item, "好")
    assert "已被修改" in refused.value.message_zh and "changed" in refused.value.message_en
    assert report_row(services, item.id).status == "submitted"
    assert commands(services) == before
    # Opened again, it shows the new content and signs.
    again = review.open_item(REPORT, item.id)
    assert again.content_hash != item.content_hash and again.version == item.version + 1
    assert {v.outcome for v in again.report.draft.visits if v.planned} == {"no_interest"}  # type: ignore[union-attr]
    review.sign_report(again, "好")
    assert report_row(services, item.id).status == "signed"


def test_sign_is_refused_on_a_content_change_with_the_same_version(
    services: Services, org: Org
) -> None:
    review = as_user(services, org.supervisor)
    item = review.open_item(REPORT, first(review, REPORT, org.rep_a, DAY))
    pull(services, "UPDATE daily_reports SET reflections = '改过了' WHERE id = :r", r=item.id)
    with pytest.raises(StaleReview):
        review.sign_report(item)
    pull(services, "UPDATE daily_reports SET version = version + 1 WHERE id = :r", r=item.id)
    fresh = review.open_item(REPORT, item.id)
    pull(services, "UPDATE daily_reports SET version = version + 1 WHERE id = :r", r=item.id)
    with pytest.raises(StaleReview):  # the version alone changed
        review.sign_report(fresh)


def test_return_report_needs_a_comment(services: Services, org: Org) -> None:
    review = as_user(services, org.supervisor)
    report_id = first(review, REPORT, org.rep_a, DAY)
    with pytest.raises(ValidationError):
        review.return_report(report_id, "")
    review.return_report(report_id, "拜访记录太简单，请补充洽谈内容")
    row = report_row(services, report_id)
    assert (row.status, row.review_comment) == ("returned", "拜访记录太简单，请补充洽谈内容")
    assert commands(services)[-1] == (
        "return_report",
        report_id,
        {"comment": "拜访记录太简单，请补充洽谈内容"},
    )
    history = review.open_item(REPORT, report_id).history
    assert [(e.action, e.by_name, e.comment) for e in history][-1] == (
        "return",
        "李明华",
        "拜访记录太简单，请补充洽谈内容",
    )


def test_a_signed_report_is_frozen_even_for_raw_sql(services: Services, org: Org) -> None:
    review = as_user(services, org.supervisor)
    item = review.open_item(REPORT, first(review, REPORT, org.rep_a, DAY))
    review.sign_report(item)
    for sql in (
        "UPDATE daily_reports SET reflections = 'x' WHERE id = :r",
        "UPDATE visit_records SET outcome = 'other' WHERE report_id = :r",
        "DELETE FROM visit_records WHERE report_id = :r",
    ):
        with pytest.raises(IntegrityError, match="frozen_report"):
            pull(services, sql, r=item.id)
    # And the rep's own editor refuses it.
    services.user.switch(org.rep_a)
    reports = DailyReportService(services.store, services.user)
    with pytest.raises(TransitionError):
        reports.save(reports.report(DAY).draft)


def test_reopen_needs_a_supervisor_and_a_reason_then_the_rep_can_edit(
    services: Services, org: Org
) -> None:
    review = as_user(services, org.supervisor)
    item = review.open_item(REPORT, first(review, REPORT, org.rep_a, DAY))
    review.sign_report(item, "好")
    with pytest.raises(ValidationError):
        review.reopen_report(item.id, "  ")
    manager = as_user(services, org.manager)
    with pytest.raises(TransitionError):
        manager.reopen_report(item.id, "金额有误")
    rep = as_user(services, org.rep_a)
    with pytest.raises(TransitionError):
        rep.reopen_report(item.id, "我想改")
    assert report_row(services, item.id).status == "signed"

    review = as_user(services, org.supervisor)
    review.reopen_report(item.id, "订货金额填错，请更正")
    row = report_row(services, item.id)
    assert (row.status, row.reopen_count, row.review_comment) == (
        "reopened",
        1,
        "订货金额填错，请更正",
    )
    assert commands(services)[-1] == ("reopen_report", item.id, {"comment": "订货金额填错，请更正"})
    with services.store.reading() as s:
        assert s.scalars(select(ReportReopenGrant)).all() == []  # the grant was transient
    history = review.open_item(REPORT, item.id).history
    reopen = history[-1]
    assert (reopen.action, reopen.by_name, reopen.comment, reopen.count) == (
        "reopen",
        "李明华",
        "订货金额填错，请更正",
        1,
    )
    assert reopen.at is not None and [e.action for e in history] == ["submit", "sign", "reopen"]

    services.user.switch(org.rep_a)
    reports = DailyReportService(services.store, services.user)
    draft = reports.report(DAY).draft
    fixed = replace(draft, visits=tuple(replace(v, order_amount_fen=200_00) for v in draft.visits))
    reports.submit(fixed)
    assert report_row(services, item.id).status == "submitted"


def test_a_rep_never_reaches_the_actions(services: Services, org: Org) -> None:
    review = as_user(services, org.supervisor)
    plan_id = first(review, PLAN, org.rep_a, DAY)
    item = review.open_item(REPORT, first(review, REPORT, org.rep_a, DAY))
    before = commands(services)
    for user in (org.rep_a, org.rep_b):
        rep = as_user(services, user)
        attempts = (
            lambda rep=rep: rep.open_item(REPORT, item.id),
            lambda rep=rep: rep.countersign_plan(plan_id),
            lambda rep=rep: rep.return_plan(plan_id, "不行"),
            lambda rep=rep: rep.sign_report(item, "好"),
            lambda rep=rep: rep.return_report(item.id, "不行"),
        )
        for attempt in attempts:
            with pytest.raises(TransitionError):
                attempt()
    assert commands(services) == before
    assert report_row(services, item.id).status == "submitted"


def test_another_teams_supervisor_cannot_review(services: Services, org: Org) -> None:
    mine = as_user(services, org.supervisor)
    item = mine.open_item(REPORT, first(mine, REPORT, org.rep_a, DAY))
    plan_id = first(mine, PLAN, org.rep_a, DAY)
    other = as_user(services, org.other_supervisor)
    with pytest.raises(TransitionError):
        other.sign_report(item, "好")
    with pytest.raises(TransitionError):
        other.open_item(REPORT, item.id)
    with pytest.raises(TransitionError):
        other.countersign_plan(plan_id)
    assert report_row(services, item.id).status == "submitted"
    assert plan_row(services, plan_id).status == "submitted"


def test_a_supervisor_cannot_review_their_own_work(services: Services, org: Org) -> None:
    rep_day(services, org.supervisor, DAY)  # a supervisor may write their own plan and report
    review = as_user(services, org.supervisor)
    assert org.supervisor not in {i.rep_id for i in review.queue()}
    with services.store.reading() as s:
        own = s.scalars(select(VisitPlan.id).where(VisitPlan.owner_id == org.supervisor)).one()
    with pytest.raises(TransitionError):
        review.countersign_plan(own)
    # Their manager reviews it.
    manager = as_user(services, org.manager)
    assert own in {i.id for i in manager.queue()}
    manager.countersign_plan(own)
    assert plan_row(services, own).status == "countersigned"


def test_a_report_signed_meanwhile_is_refused_by_its_state(services: Services, org: Org) -> None:
    review = as_user(services, org.supervisor)
    item = review.open_item(REPORT, first(review, REPORT, org.rep_a, DAY))
    review.sign_report(item)
    with pytest.raises(TransitionError):
        review.sign_report(item)
    with pytest.raises(TransitionError):
        review.return_report(item.id, "晚了")


def _server_hash(services: Services, report_id: str) -> str:
    """The hash as the server computes it, from the rows (independent of the service)."""
    reports, visits = ENTITY_TABLES["daily_report"], ENTITY_TABLES["visit_record"]
    with services.store.reading() as s:
        report = s.execute(select(reports).where(reports.c.id == report_id)).mappings().one()
        rows = s.execute(select(visits).where(visits.c.report_id == report_id)).mappings()
        return report_content_hash(dict(report), [dict(v) for v in rows])


def test_server_hash_helper_sees_visit_changes(services: Services, org: Org) -> None:
    review = as_user(services, org.supervisor)
    report_id = first(review, REPORT, org.rep_a, DAY)
    before = _server_hash(services, report_id)
    with services.store.write_sessions() as s, s.begin():
        s.execute(
            update(VisitRecord).where(VisitRecord.report_id == report_id).values(outcome="other")
        )
    assert _server_hash(services, report_id) != before


def test_signed_recently_lists_what_may_be_reopened(services: Services, org: Org) -> None:
    review = as_user(services, org.supervisor)
    item = review.open_item(REPORT, first(review, REPORT, org.rep_a, DAY))
    assert review.signed_recently() == []
    review.sign_report(item)
    assert [i.id for i in review.signed_recently()] == [item.id]
    assert review.signed_recently(now=fixed_clock().utcnow() + dt.timedelta(days=30)) == []
    assert as_user(services, org.other_supervisor).signed_recently() == []


def test_a_reopen_reason_survives_the_next_sign_off(services: Services, org: Org) -> None:
    review = as_user(services, org.supervisor)
    item = review.open_item(REPORT, first(review, REPORT, org.rep_a, DAY))
    review.sign_report(item, "好")
    review.reopen_report(item.id, "订货金额填错，请更正")
    services.user.switch(org.rep_a)
    reports = DailyReportService(services.store, services.user)
    draft = reports.report(DAY).draft
    reports.submit(replace(draft, reflections="已更正订货金额"))
    review = as_user(services, org.supervisor)
    review.sign_report(review.open_item(REPORT, item.id), "已核对")
    row = report_row(services, item.id)
    assert row.review_comment == "已核对"  # the comment column holds only the latest
    history = review.open_item(REPORT, item.id).history
    assert [(e.action, e.by_name, e.comment) for e in history] == [
        ("submit", "张伟", None),
        ("sign", "李明华", "好"),
        ("reopen", "李明华", "订货金额填错，请更正"),
        ("submit", "张伟", None),
        ("sign", "李明华", "已核对"),
    ]
    assert all(e.at is not None for e in history)
    assert [e.at for e in history] == sorted(e.at for e in history)  # type: ignore[type-var]


def test_today_counts_what_waits_for_review(services: Services, org: Org) -> None:
    waiting = len(as_user(services, org.supervisor).queue())
    assert waiting > 0
    today = TodayService(services.store, services.user).view(DAY)
    assert today.to_review == waiting
    services.user.switch(org.rep_a)  # a rep reviews no one
    assert TodayService(services.store, services.user).view(DAY).to_review == 0


def test_empty_planned_visits_of_a_synced_report_are_not_visited(
    services: Services, org: Org
) -> None:
    # A report written before empty planned visits were left out at submit (or by an
    # older laptop) still holds them: review must not count them as visited.
    services.user.switch(org.rep_a)
    reports = DailyReportService(services.store, services.user)
    day = DAY + dt.timedelta(days=1)
    ids = [add_customer(services, f"空访{i}", org.rep_a) for i in range(3)]
    DayPlanService(services.store, services.user).save_items(
        day, [PlanItemDraft(customer_id=c, planned_time="09:30") for c in ids]
    )
    draft = reports.report(day).draft
    made = replace(draft.visits[0], contacts_met="王经理")
    saved = reports.save(replace(draft, visits=(made, *draft.visits[1:])))
    pull(services, "UPDATE daily_reports SET status = 'submitted' WHERE id = :id",
         id=saved.draft.id)  # fmt: skip
    review = as_user(services, org.supervisor)
    item = review.open_item(REPORT, first(review, REPORT, org.rep_a, day))
    assert [p.visited for p in item.planned] == [True, False, False]
    assert item.plan_completion == Decimal(1) / Decimal(3)
    assert item.report is not None and item.report.totals.visits == 1
    assert item.unplanned_visits == 0

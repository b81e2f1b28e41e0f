"""The daily sales report: pre-fill from the plan, one-transaction save, follow-ups, submit,
returned → resubmit, the freeze (service and raw SQL), targets, lateness."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest
from daily_helpers import DAY, add_customer, add_user, clear_outbox, outbox
from fixed_time import fixed_clock
from sqlalchemy import select, text

from crm_desktop.domain.daily import PlanItemDraft, ReportDraft, VisitDraft
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.domain.lateness import due_at, is_late
from crm_desktop.services.container import Services
from crm_desktop.services.day.daily_reports import DailyReportService
from crm_desktop.services.day.day_plans import DayPlanService
from crm_desktop.store.base import SERVER_OWNED
from crm_desktop.store.models import Customer, DailyReport, FollowUp, Target, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork


@pytest.fixture
def reports(services: Services) -> DailyReportService:
    return DailyReportService(services.store, services.user)


def _planned_day(services: Services) -> tuple[str, str]:
    a = add_customer(services, "甲公司")
    b = add_customer(services, "乙公司")
    DayPlanService(services.store, services.user).save_items(
        DAY,
        [
            PlanItemDraft(customer_id=a, planned_time="09:00", purpose="order"),
            PlanItemDraft(customer_id=b, planned_time="14:00", purpose="collection"),
        ],
    )
    return a, b


def _visited(draft: ReportDraft) -> ReportDraft:
    """The pre-filled planned visits, made: each says who was met."""
    visits = tuple(dataclasses.replace(v, contacts_met="王经理") for v in draft.visits)
    return dataclasses.replace(draft, visits=visits)


def _sign(services: Services, report_id: str, comment: str = "很好") -> None:
    """What the sync apply of the supervisor's sign-off does (no outbox)."""
    with services.store.write_sessions() as s, s.begin():
        row = s.get(DailyReport, report_id)
        assert row is not None
        row.status, row.review_comment, row.signed_at = "signed", comment, dt.datetime(2026, 11, 24)


def test_new_report_is_prefilled_from_the_plan_and_not_written(
    services: Services, reports: DailyReportService
) -> None:
    a, b = _planned_day(services)
    view = reports.report(DAY)
    assert view.draft.id is None and view.plan_id is not None and view.added_from_plan == 2
    assert [(v.customer_id, v.planned, v.purpose, v.start_time) for v in view.draft.visits] == [
        (a, True, "order", "09:00"),
        (b, True, "collection", "14:00"),
    ]
    with services.store.reading() as s:
        assert s.scalars(select(DailyReport)).all() == []


def test_save_writes_report_visits_followups_and_outbox_together(
    services: Services, reports: DailyReportService
) -> None:
    a, b = _planned_day(services)
    unplanned = add_customer(services, "丙公司")
    view = reports.report(DAY)
    first, second = view.draft.visits
    draft = dataclasses.replace(
        view.draft,
        expenses_fen=120_00,
        reflections="客户对新品有兴趣",
        visits=(
            dataclasses.replace(first, end_time="10:00", is_effective=True,
                                order_amount_fen=5000_00, next_step="送合同",
                                next_step_on=DAY + dt.timedelta(days=3)),
            dataclasses.replace(second, collection_amount_fen=800_00, next_step="上门演示",
                                next_step_on=DAY + dt.timedelta(days=5),
                                next_step_kind="appointment"),
            VisitDraft(customer_id=unplanned, start_time="16:00", end_time="16:30"),
        ),
    )  # fmt: skip
    clear_outbox(services)
    saved = reports.save(draft)
    assert saved.draft.id is not None and saved.status == "draft"
    assert saved.totals.visits == 3 and saved.totals.order_amount_fen == 5000_00
    kinds = [(n, e) for n, e, _, _ in outbox(services)]
    assert kinds.count(("create", "daily_report")) == 1
    assert kinds.count(("create", "visit_record")) == 3
    assert kinds.count(("create", "follow_up")) == 2
    assert ("update", "customer") in kinds  # last effective visit
    with services.store.reading() as s:
        visits = s.scalars(select(VisitRecord).where(VisitRecord.report_id == saved.draft.id)).all()
        assert {v.customer_id: v.planned for v in visits} == {a: True, b: True, unplanned: False}
        follow_ups = {f.customer_id: f for f in s.scalars(select(FollowUp))}
        assert follow_ups[a].kind == "next_step" and follow_ups[a].due_on == DAY + dt.timedelta(3)
        assert follow_ups[b].kind == "appointment"
        assert follow_ups[b].due_on == DAY + dt.timedelta(days=4)  # confirm the day before
        customer_a = s.get(Customer, a)
        assert customer_a is not None and customer_a.last_effective_visit_on == DAY
        customer_b = s.get(Customer, b)
        assert customer_b is not None and customer_b.last_effective_visit_on is None


def test_resave_updates_removes_and_withdraws_follow_ups(
    services: Services, reports: DailyReportService
) -> None:
    a, _b = _planned_day(services)
    view = reports.report(DAY)
    first, second = view.draft.visits
    saved = reports.save(
        dataclasses.replace(
            view.draft,
            visits=(dataclasses.replace(first, next_step="送合同", next_step_on=DAY), second),
        )
    )
    kept = (
        saved.draft.visits[0] if saved.draft.visits[0].customer_id == a else saved.draft.visits[1]
    )
    dropped = next(v for v in saved.draft.visits if v is not kept)
    clear_outbox(services)
    again = reports.save(
        dataclasses.replace(
            saved.draft, visits=(dataclasses.replace(kept, next_step=None, next_step_on=None),)
        )
    )
    assert [v.id for v in again.draft.visits if v.id] == [kept.id]
    entries = outbox(services)
    assert ("delete", "visit_record", dropped.id) in [(n, e, r) for n, e, r, _ in entries]
    assert ("delete", "follow_up") in [(n, e) for n, e, _, _ in entries]
    # The removed planned item comes back as a visit to complete, unsaved.
    assert reports.report(DAY).added_from_plan == 1


def test_a_second_report_for_the_same_day_is_refused(
    services: Services, reports: DailyReportService
) -> None:
    reports.save(ReportDraft(report_date=DAY, attendance="leave"))
    with pytest.raises(ValidationError, match="already a sales report") as raised:
        reports.save(ReportDraft(report_date=DAY, reflections="第二份"))
    assert raised.value.field == "report_date"


def test_visit_to_a_customer_the_rep_cannot_see_is_refused(
    services: Services, reports: DailyReportService
) -> None:
    theirs = add_customer(services, "别人的客户", owner_id=add_user(services, "wang"))
    with pytest.raises(ValidationError, match="not yours"):
        reports.save(ReportDraft(report_date=DAY, visits=(VisitDraft(customer_id=theirs),)))
    with services.store.reading() as s:
        assert s.scalars(select(DailyReport)).all() == []  # nothing half-written


@pytest.mark.parametrize(
    ("visit", "field"),
    [
        (VisitDraft(customer_id="", start_time="10:00"), "customer"),
        (VisitDraft(customer_id="x", start_time="10:00", end_time="09:00"), "end_time"),
        (VisitDraft(customer_id="x", order_amount_fen=-1), "order_amount_fen"),
        (VisitDraft(customer_id="x", collection_amount_fen=-1), "collection_amount_fen"),
        # 10^17 yuan: once an SQLite integer overflow ("发生了意外错误"), now the rule's message.
        (VisitDraft(customer_id="x", order_amount_fen=10**19), "order_amount_fen"),
    ],
)
def test_validation_comes_before_any_write(
    services: Services, reports: DailyReportService, visit: VisitDraft, field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        reports.save(ReportDraft(report_date=DAY, visits=(visit,)))
    assert raised.value.field == field
    assert raised.value.message_zh.startswith("第1条拜访")  # which visit, in both languages
    assert raised.value.message_en.startswith("Visit 1")
    assert outbox(services, "daily_report") == []


def test_submit_sends_content_then_the_command(
    services: Services, reports: DailyReportService
) -> None:
    _planned_day(services)
    view = reports.report(DAY)
    with pytest.raises(ValidationError, match="no visits"):
        reports.submit(dataclasses.replace(view.draft, visits=()))
    saved = reports.save(_visited(view.draft))
    clear_outbox(services)
    submitted = reports.submit(dataclasses.replace(saved.draft, reflections="心得"))
    assert submitted.status == "submitted" and submitted.submitted_at is not None
    assert not submitted.editable
    entries = outbox(services)
    assert [(n, e) for n, e, _, _ in entries] == [
        ("update", "daily_report"),
        ("submit_report", "daily_report"),
    ]
    assert entries[0][3] == {"reflections": "心得"} and entries[1][3] == {}
    with pytest.raises(TransitionError):
        reports.save(submitted.draft)


def test_returned_report_shows_comment_and_can_be_resubmitted(
    services: Services, reports: DailyReportService
) -> None:
    _planned_day(services)
    report_id = reports.submit(_visited(reports.report(DAY).draft)).draft.id
    with services.store.write_sessions() as s, s.begin():
        row = s.get(DailyReport, report_id)
        assert row is not None
        row.status, row.review_comment = "returned", "请补充竞品信息"
    view = reports.report(DAY)
    assert view.editable and view.review_comment == "请补充竞品信息"
    fixed = dataclasses.replace(
        view.draft,
        visits=tuple(
            dataclasses.replace(v, competitor_info="对手降价5%") for v in view.draft.visits
        ),
    )
    assert reports.submit(fixed).status == "submitted"


def test_signed_report_is_read_only_and_frozen_everywhere(
    services: Services, reports: DailyReportService
) -> None:
    _planned_day(services)
    submitted = reports.submit(_visited(reports.report(DAY).draft))
    report_id = submitted.draft.id
    assert report_id is not None
    _sign(services, report_id, "同意")
    view = reports.report(DAY)
    assert view.status == "signed" and not view.editable and view.review_comment == "同意"
    assert view.added_from_plan == 0 and len(view.draft.visits) == 2
    # The service refuses.
    with pytest.raises(TransitionError, match="frozen"):
        reports.save(dataclasses.replace(view.draft, reflections="改一下"))
    # Raw SQL on the local store: the trigger refuses.
    with sqlite3.connect(services.database_path) as raw:
        with pytest.raises(sqlite3.IntegrityError, match="frozen_report"):
            raw.execute("UPDATE daily_reports SET reflections = 'x' WHERE id = ?", (report_id,))
        with pytest.raises(sqlite3.IntegrityError, match="frozen_report"):
            raw.execute("UPDATE visit_records SET order_amount_fen = 1 WHERE report_id = ?",
                        (report_id,))  # fmt: skip
    with services.store.reading() as s:
        assert (
            s.execute(
                text("SELECT reflections FROM daily_reports WHERE id = :id"), {"id": report_id}
            ).scalar()
            is None
        )


def test_trigger_refusal_becomes_a_message(services: Services, reports: DailyReportService) -> None:
    """Even if the status check were bypassed (a stale read), the store's answer is a
    message, not a traceback."""
    _planned_day(services)
    saved = reports.save(reports.report(DAY).draft)
    assert saved.draft.id is not None
    _sign(services, saved.draft.id)
    # Forge a stale caller: the report is read as a draft while the store holds it signed.
    with pytest.raises(TransitionError):
        reports.save(dataclasses.replace(saved.draft, reflections="改"))


def test_targets_month_to_date(services: Services, reports: DailyReportService) -> None:
    me = services.actor.user_id
    customer = add_customer(services, "甲公司")
    with UnitOfWork(services.store, me) as uow:
        for kind, value in (("visits", 42), ("sales", 2_100_000_00), ("gross_profit", 5)):
            uow.session.add(Target(kind=kind, assignee_user_id=me, period_kind="month",
                                   period_start=dt.date(2026, 11, 1),
                                   period_end=dt.date(2026, 11, 30), value=value))  # fmt: skip
        uow.commit()
    earlier = ReportDraft(
        report_date=DAY - dt.timedelta(days=3),
        visits=(VisitDraft(customer_id=customer, order_amount_fen=300_00),),
    )
    reports.save(earlier)
    today = (VisitDraft(customer_id=customer), VisitDraft(customer_id=customer,
                                                           order_amount_fen=100_00))  # fmt: skip
    progress = {p.kind: p for p in reports.targets(DAY, today)}
    assert set(progress) == {"visits", "sales"}  # gross profit is not measured by visits
    assert (progress["visits"].day_actual, progress["visits"].day_target) == (2, 2)
    assert (progress["visits"].month_actual, progress["visits"].month_target) == (3, 42)
    assert progress["sales"].month_actual == 400_00
    assert progress["sales"].day_target == 100_000_00


def test_lateness() -> None:
    due = due_at(DAY, 20, fixed_clock())
    assert due.date() in (DAY, DAY - dt.timedelta(days=1), DAY + dt.timedelta(days=1))
    assert not is_late(due, due, due)
    assert is_late(due, due + dt.timedelta(minutes=1), due)
    assert is_late(due, None, due + dt.timedelta(seconds=1))
    assert not is_late(due, None, due - dt.timedelta(hours=1))


def test_new_visits_outbox_entries_match_the_orm_hook(
    services: Services, reports: DailyReportService
) -> None:
    """New visits are inserted in bulk; their create entries must be what the ORM hook
    would have written: every column the server does not own, JSON-typed."""
    customer = add_customer(services, "甲公司")
    clear_outbox(services)
    saved = reports.save(
        ReportDraft(
            report_date=DAY,
            visits=(VisitDraft(customer_id=customer, start_time="9:05", is_effective=True),),
        )
    )
    (patch,) = [p for n, e, _, p in outbox(services) if (n, e) == ("create", "visit_record")]
    columns = {c.key for c in VisitRecord.__table__.columns}
    assert set(patch) == columns - SERVER_OWNED
    assert patch["visit_date"] == DAY.isoformat() and patch["start_time"] == "09:05"
    assert patch["is_effective"] is True and patch["deleted"] is False
    assert patch["report_id"] == saved.draft.id and patch["owner_id"] == services.actor.user_id
    with services.store.reading() as s:
        row = s.get(VisitRecord, saved.draft.visits[0].id)
        assert row is not None and row.created_by == services.actor.user_id
        assert row.visit_date == DAY and row.created_at is not None


def test_planned_visits_left_empty_are_not_submitted_as_visits(
    services: Services, reports: DailyReportService
) -> None:
    _planned_day(services)
    draft = reports.report(DAY).draft
    made = dataclasses.replace(draft.visits[0], outcome="interested")
    saved = reports.save(dataclasses.replace(draft, visits=(made, draft.visits[1])))
    assert len(saved.draft.visits) == 2  # a save keeps the empty one for later
    assert saved.totals.visits == 1  # …but it is no visit made
    submitted = reports.submit(saved.draft)
    assert [v.customer_name for v in submitted.draft.visits] == ["甲公司"]
    with services.store.reading() as s:
        live = s.scalars(select(VisitRecord).where(VisitRecord.deleted.is_(False))).all()
        assert [v.outcome for v in live] == ["interested"]


def test_a_report_of_empty_planned_visits_has_no_visit_to_submit(
    services: Services, reports: DailyReportService
) -> None:
    _planned_day(services)
    with pytest.raises(ValidationError, match="no visits"):
        reports.submit(reports.report(DAY).draft)

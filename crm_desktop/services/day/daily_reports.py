"""The daily sales report 每日销售报告表 (SPEC §2.3): pre-fill, save, submit, read signed.

One report per user per day. A day without a report reads as an unsaved report pre-filled
from that day's plan (one visit per planned item); the first save creates it. A save
writes the header and every visit in ONE unit of work, with the follow-ups the visits'
next steps call for and the customers' last effective visit, so the outbox carries the
whole change or none of it. Submit is the `submit_report` command. A signed report is
frozen: the workflow refuses the edit here, and the store's trigger refuses it anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crm_desktop.domain.commands import ReportFacts, report_command
from crm_desktop.domain.daily import (
    DayTotals,
    ReportDraft,
    TargetProgress,
    VisitDraft,
    day_totals,
    follow_up_due,
    is_visited,
    target_for_day,
    validate_report,
)
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.domain.ids import uuid7
from crm_desktop.domain.kpi import period_bounds
from crm_desktop.domain.lateness import due_at, is_late
from crm_desktop.domain.picklists import FollowUpKind, PeriodKind, ReportStatus, TargetKind
from crm_desktop.domain.policy import DEFAULT_DUE_HOUR
from crm_desktop.domain.workflow import ReportAction, report_is_editable, report_transition
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.day.day_plans import plan_items
from crm_desktop.services.scope import access, visible_customer
from crm_desktop.store import outbox
from crm_desktop.store.bulk import insert_rows
from crm_desktop.store.database import Store
from crm_desktop.store.models import (
    Customer,
    DailyReport,
    FollowUp,
    OutboxEntry,
    Target,
    User,
    VisitPlan,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.content import report_content_hash
from crm_desktop.sync.entities import ENTITY_TABLES

# The target kinds a daily report can measure from its own visits.
MEASURED_KINDS = (TargetKind.VISITS, TargetKind.SALES, TargetKind.COLLECTION)

# VisitRecord columns copied to and from VisitDraft fields of the same name.
VISIT_FIELDS = (
    "plan_item_id",
    "planned",
    "contacts_met",
    "purpose",
    "start_time",
    "end_time",
    "outcome",
    "is_effective",
    "order_amount_fen",
    "collection_amount_fen",
    "complaint_handled",
    "competitor_info",
    "customer_feedback",
    "customer_news",
    "next_step",
    "next_step_on",
)


@dataclass(frozen=True)
class ReportView:
    """A day's report as the editor shows it; `draft.id` is None until the first save."""

    draft: ReportDraft
    status: str
    version: int
    plan_id: str | None
    due_at: dt.datetime | None  # UTC
    submitted_at: dt.datetime | None  # UTC
    signed_at: dt.datetime | None
    signed_by_name: str | None
    review_comment: str | None  # 批示意见
    # Planned items that had no visit yet and were added to the draft as new visits.
    added_from_plan: int = 0
    targets: tuple[TargetProgress, ...] = field(default_factory=tuple)

    @property
    def editable(self) -> bool:
        return report_is_editable(ReportStatus(self.status))

    @property
    def totals(self) -> DayTotals:
        return day_totals(self.draft.visits)

    def late(self, now: dt.datetime) -> bool:
        return is_late(self.due_at, self.submitted_at, now)


class DailyReportService:
    def __init__(self, store: Store, user: CurrentUser, due_hour: int = DEFAULT_DUE_HOUR) -> None:
        self._store = store
        self.clock = store.clock  # the pages that show this service's figures read it too
        self._user = user
        self.due_hour = due_hour

    # --- reads -------------------------------------------------------------------------
    def report(self, day: dt.date) -> ReportView:
        """The day's report; without one, a new report pre-filled from the day's plan."""
        with self._store.reading() as s:
            report = self._find(s, day)
            plan_id = s.scalars(
                select(VisitPlan.id).where(
                    VisitPlan.owner_id == self._user.actor.user_id,
                    VisitPlan.plan_date == day,
                    VisitPlan.deleted.is_(False),
                )
            ).first()
            if report is None:
                visits = _from_plan(s, plan_id, ())
                return ReportView(
                    ReportDraft(report_date=day, visits=tuple(visits)),
                    ReportStatus.DRAFT.value,
                    0,
                    plan_id,
                    due_at(day, self.due_hour, self._store.clock),
                    None,
                    None,
                    None,
                    None,
                    added_from_plan=len(visits),
                    targets=self._targets(s, day, visits),
                )
            return self._view(s, report, plan_id)

    def targets(self, day: dt.date, visits: Sequence[VisitDraft]) -> list[TargetProgress]:
        """The user's month targets against the month to date, with `visits` (as typed,
        not yet saved) standing for that day; one row per measured kind with a target."""
        with self._store.reading() as s:
            return list(self._targets(s, day, visits))

    # --- writes ------------------------------------------------------------------------
    def save(self, draft: ReportDraft) -> ReportView:
        """Write the header and all visits (adding and removing visits) in one unit of
        work; ValidationError / TransitionError leave the store untouched."""
        return self._write(draft, submit=False)

    def submit(self, draft: ReportDraft) -> ReportView:
        """Save, then submit for sign-off (a returned report is resubmitted the same way)."""
        return self._write(draft, submit=True)

    def _write(self, draft: ReportDraft, *, submit: bool) -> ReportView:
        draft = draft.cleaned()
        validate_report(draft)
        if submit:
            # A planned visit left empty was not made (is_visited): it is not submitted as
            # one, so no count of visits (here, in review, in the team's figures) takes it
            # for a visit. The plan item stays, shown on review as not visited.
            draft = replace(draft, visits=tuple(v for v in draft.visits if is_visited(v)))
        actor = self._user.actor
        try:
            with UnitOfWork(self._store, actor.user_id) as uow:
                s = uow.session
                report = self._report_for_write(s, draft)
                written = self._apply(s, report, draft)
                if submit:
                    s.flush()  # the content goes out as ordinary updates, before the command
                    # The server's rule (domain/commands.py): who submits, what it needs.
                    changes = report_command(
                        ReportAction.SUBMIT,
                        report_facts(s, report),
                        access(self._store, actor),
                        self._store.clock.utcnow(),
                        None,
                    )
                    uow.command("submit_report", "daily_report", report.id, report.version, {})
                    for name, value in changes.items():
                        setattr(report, name, value)
                s.flush()
                view = _saved_view(report, draft, written)
                uow.commit()
                return view
        except IntegrityError as error:
            raise _store_refusal(error) from error

    def _report_for_write(self, s: Session, draft: ReportDraft) -> DailyReport:
        actor = self._user.actor
        existing = self._find(s, draft.report_date)
        if draft.id is None:
            if existing is not None:
                raise _second_report(draft.report_date)
            plan_id = s.scalars(
                select(VisitPlan.id).where(
                    VisitPlan.owner_id == actor.user_id,
                    VisitPlan.plan_date == draft.report_date,
                    VisitPlan.deleted.is_(False),
                )
            ).first()
            report = DailyReport(
                id=uuid7(),
                report_date=draft.report_date,
                plan_id=plan_id,
                owner_id=actor.user_id,
                team_id=actor.team_id,
                due_at=due_at(draft.report_date, self.due_hour, self._store.clock),
            )
            s.add(report)
            return report
        found = s.get(DailyReport, draft.id)
        if found is None or found.deleted or found.owner_id != actor.user_id:
            raise ValidationError(
                "找不到该销售报告，它可能已被删除", "The daily report no longer exists"
            )
        report = found
        if report.report_date != draft.report_date:
            raise ValidationError(
                "不能修改报告日期", "The date of a report cannot be changed", "report_date"
            )
        report_transition(ReportStatus(report.status), ReportAction.EDIT, actor.role)
        return report

    def _apply(
        self, s: Session, report: DailyReport, draft: ReportDraft
    ) -> list[tuple[VisitRef, VisitDraft, str]]:
        """Copy the draft onto the report, its visits, follow-ups and customers; returns
        (row, visit, customer name) per visit, in the draft's order.

        A handful of statements whatever the number of visits: the report's visits,
        their follow-ups and their customers are each loaded with one query before
        anything changes (so no autoflush splits the write), the per-visit checks hit
        the session's identity map, and everything goes out in two flushes.
        """
        with s.no_autoflush:  # a new report must not go in before its header is set
            return self._apply_loaded(s, report, draft)

    def _apply_loaded(
        self, s: Session, report: DailyReport, draft: ReportDraft
    ) -> list[tuple[VisitRef, VisitDraft, str]]:
        actor = self._user.actor
        day = draft.report_date
        visits: dict[str, VisitRecord] = {}
        if report not in s.new:  # a new report has no visits yet
            visits = {
                v.id: v
                for v in s.scalars(
                    select(VisitRecord).where(
                        VisitRecord.report_id == report.id, VisitRecord.deleted.is_(False)
                    )
                )
            }
        follow_ups = (
            {
                f.visit_record_id: f
                for f in s.scalars(
                    select(FollowUp).where(
                        # follow_ups has no index on visit_record_id: the customer's
                        # index finds the few candidates (a follow-up keeps its visit's
                        # customer, see _follow_up).
                        FollowUp.customer_id.in_({v.customer_id for v in visits.values()}),
                        FollowUp.visit_record_id.in_(list(visits)),
                        FollowUp.deleted.is_(False),
                    )
                )
            }
            if visits
            else {}
        )
        customers = {
            c.id: c
            for c in s.scalars(
                select(Customer).where(Customer.id.in_({v.customer_id for v in draft.visits}))
            )
        }
        with s.no_autoflush:
            report.attendance = draft.attendance
            report.expenses_fen = draft.expenses_fen
            report.expense_note = draft.expense_note
            report.reflections = draft.reflections
            written: list[tuple[VisitRef, VisitDraft, str]] = []
            new_rows: list[dict[str, Any]] = []
            now = self._store.clock.utcnow()
            for visit in draft.visits:
                row = visits.get(visit.id) if visit.id else None
                if row is None or row.customer_id != visit.customer_id:
                    customer = visible_customer(s, actor, visit.customer_id)  # identity map
                else:
                    customer = customers[visit.customer_id]
                if row is None:
                    values = _new_visit_row(report, visit, day, actor.user_id, now)
                    new_rows.append(values)
                    ref = VisitRef(values["id"], visit.customer_id, report.owner_id, report.team_id)
                else:
                    _set_changed(row, "customer_id", visit.customer_id)
                    for name in VISIT_FIELDS:
                        _set_changed(row, name, getattr(visit, name))
                    ref = VisitRef(row.id, row.customer_id, row.owner_id, row.team_id)
                written.append((ref, visit, customer.name))
                if visit.is_effective and (
                    customer.last_effective_visit_on is None
                    or customer.last_effective_visit_on < day
                ):
                    customer.last_effective_visit_on = day
        # The report (if new) goes in first; then the new visits in one executemany with
        # their outbox entries (built as the ORM hook builds them), then the follow-ups,
        # whose foreign key needs the visits.
        s.flush()
        if new_rows:
            insert_rows(s, VisitRecord, new_rows)
            entries = [outbox.create_entry_row("visit_record", r, now) for r in new_rows]
            insert_rows(s, OutboxEntry, entries)
        with s.no_autoflush:
            for ref, visit, _name in written:
                self._follow_up(s, ref, visit, follow_ups.get(ref.id))
            kept = {ref.id for ref, _, _ in written}
            for visit_id, row in visits.items():
                if visit_id not in kept:
                    row.deleted = True
                    follow_up = follow_ups.get(visit_id)
                    if follow_up is not None and not follow_up.done:
                        follow_up.deleted = True
        return written

    def _follow_up(
        self, s: Session, row: VisitRef, visit: VisitDraft, current: FollowUp | None
    ) -> None:
        """A dated next step is a follow-up (待办); an appointment is confirmed the day
        before. Clearing the date withdraws a follow-up not yet done."""
        if visit.next_step_on is None or not visit.next_step:
            if current is not None and not current.done:
                current.deleted = True
            return
        kind = visit.next_step_kind or FollowUpKind.NEXT_STEP.value
        title = visit.next_step
        if kind == FollowUpKind.APPOINTMENT.value:
            title = f"{title}（{visit.next_step_on.isoformat()}）"
        if current is None:
            current = FollowUp(
                customer_id=row.customer_id,
                visit_record_id=row.id,
                owner_id=row.owner_id,
                team_id=row.team_id,
            )
            s.add(current)
        current.customer_id = row.customer_id
        current.kind = kind
        current.title = title[:300]
        current.due_on = follow_up_due(kind, visit.next_step_on)

    # --- helpers -----------------------------------------------------------------------
    def _find(self, s: Session, day: dt.date) -> DailyReport | None:
        return s.scalars(
            select(DailyReport).where(
                DailyReport.owner_id == self._user.actor.user_id,
                DailyReport.report_date == day,
                DailyReport.deleted.is_(False),
            )
        ).first()

    def _view(self, s: Session, report: DailyReport, plan_id: str | None) -> ReportView:
        rows = s.execute(
            select(VisitRecord, Customer.name)
            .join(Customer, Customer.id == VisitRecord.customer_id)
            .where(VisitRecord.report_id == report.id, VisitRecord.deleted.is_(False))
            # Planned visits in the plan's order would need a join; start time reads as well.
            .order_by(
                VisitRecord.start_time.is_(None), VisitRecord.start_time, VisitRecord.created_at
            )
        ).all()
        kinds = dict(
            s.execute(
                select(FollowUp.visit_record_id, FollowUp.kind).where(
                    FollowUp.customer_id.in_({v.customer_id for v, _ in rows}),  # indexed
                    FollowUp.visit_record_id.in_([v.id for v, _ in rows]),
                    FollowUp.deleted.is_(False),
                )
            ).all()
        )
        visits = [
            VisitDraft(
                customer_id=v.customer_id,
                id=v.id,
                customer_name=name,
                next_step_kind=kinds.get(v.id) or FollowUpKind.NEXT_STEP.value,
                **{name_: getattr(v, name_) for name_ in VISIT_FIELDS},
            )
            for v, name in rows
        ]
        added: list[VisitDraft] = []
        if report_is_editable(ReportStatus(report.status)):
            # Items planned after the report was started still become visits to complete.
            added = _from_plan(s, plan_id, {v.plan_item_id for v in visits if v.plan_item_id})
        signer = s.get(User, report.signed_by) if report.signed_by else None
        draft = ReportDraft(
            report_date=report.report_date,
            id=report.id,
            attendance=report.attendance,
            expenses_fen=report.expenses_fen,
            expense_note=report.expense_note,
            reflections=report.reflections,
            visits=(*visits, *added),
        )
        return ReportView(
            draft,
            report.status,
            report.version,
            plan_id,
            report.due_at,
            report.submitted_at,
            report.signed_at,
            signer.display_name if signer else None,
            report.review_comment,
            added_from_plan=len(added),
            targets=self._targets(s, report.report_date, draft.visits, exclude=report.id),
        )

    def _targets(
        self,
        s: Session,
        day: dt.date,
        visits: Sequence[VisitDraft],
        exclude: str | None = None,
    ) -> tuple[TargetProgress, ...]:
        """Month targets vs the month to date: saved visits before `day` plus `visits`."""
        me = self._user.actor.user_id
        start, _end = period_bounds(PeriodKind.MONTH, day)
        targets = s.execute(
            select(Target.kind, func.sum(Target.value))
            .where(
                Target.assignee_user_id == me,
                Target.deleted.is_(False),
                Target.period_kind == PeriodKind.MONTH.value,
                Target.period_start <= day,
                Target.period_end >= day,
                Target.kind.in_([k.value for k in MEASURED_KINDS]),
            )
            .group_by(Target.kind)
        ).all()
        if not targets:
            return ()
        before = s.execute(
            select(
                func.count(VisitRecord.id),
                func.coalesce(func.sum(VisitRecord.order_amount_fen), 0),
                func.coalesce(func.sum(VisitRecord.collection_amount_fen), 0),
            ).where(
                VisitRecord.owner_id == me,
                VisitRecord.deleted.is_(False),
                VisitRecord.visit_date >= start,
                VisitRecord.visit_date < day,
                VisitRecord.report_id != (exclude or ""),
            )
        ).one()
        today = day_totals(visits)
        actual_day = {
            TargetKind.VISITS.value: today.visits,
            TargetKind.SALES.value: today.order_amount_fen,
            TargetKind.COLLECTION.value: today.collection_fen,
        }
        actual_before = {
            TargetKind.VISITS.value: int(before[0]),
            TargetKind.SALES.value: int(before[1]),
            TargetKind.COLLECTION.value: int(before[2]),
        }
        order = {k.value: i for i, k in enumerate(MEASURED_KINDS)}
        return tuple(
            TargetProgress(
                kind=kind,
                day_actual=actual_day[kind],
                day_target=target_for_day(int(value), day),
                month_actual=actual_before[kind] + actual_day[kind],
                month_target=int(value),
            )
            for kind, value in sorted(targets, key=lambda t: order[t[0]])
        )


def _from_plan(
    s: Session, plan_id: str | None, already: Sequence[str] | set[str]
) -> list[VisitDraft]:
    """A new visit for each planned item not yet visited."""
    if plan_id is None:
        return []
    return [
        VisitDraft(
            customer_id=item.customer_id,
            customer_name=item.customer_name,
            plan_item_id=item.id,
            planned=True,
            purpose=item.purpose,
            start_time=item.planned_time,
        )
        for item in plan_items(s, plan_id)
        if item.id not in already
    ]


class VisitRef(NamedTuple):
    """What the follow-ups and the returned view need of a written visit."""

    id: str
    customer_id: str
    owner_id: str | None
    team_id: str | None


def report_facts(s: Session, row: DailyReport) -> ReportFacts:
    """What the domain's rules need to know of a report, read as the server reads it."""
    live = s.scalar(
        select(func.count(VisitRecord.id)).where(
            VisitRecord.report_id == row.id, VisitRecord.deleted.is_(False)
        )
    )
    return ReportFacts(
        owner_id=row.owner_id,
        status=row.status,
        attendance=row.attendance,
        live_visits=int(live or 0),
        history=row.history,
        reopen_count=int(row.reopen_count or 0),
        version=row.version,
        content_hash=content_hash(s, row.id),
    )


def content_hash(s: Session, report_id: str) -> str:
    """The report's content hash as the server computes it (sync/content.py)."""
    reports = ENTITY_TABLES["daily_report"]
    visits = ENTITY_TABLES["visit_record"]
    report = s.execute(select(reports).where(reports.c.id == report_id)).mappings().one()
    rows = s.execute(select(visits).where(visits.c.report_id == report_id)).mappings().all()
    return report_content_hash(dict(report), [dict(v) for v in rows])


def _new_visit_row(
    report: DailyReport, visit: VisitDraft, day: dt.date, actor_id: str, now: dt.datetime
) -> dict[str, Any]:
    """Every column of a new visit record, as the ORM would have filled them."""
    return {
        "id": uuid7(),
        "report_id": report.id,
        "customer_id": visit.customer_id,
        "visit_date": day,
        **{name: getattr(visit, name) for name in VISIT_FIELDS},
        "owner_id": report.owner_id,
        "team_id": report.team_id,
        "version": 0,
        "server_seq": None,
        "deleted": False,
        "created_at": now,
        "created_by": actor_id,
        "updated_at": now,
        "updated_by": actor_id,
    }


def _set_changed(row: VisitRecord, name: str, value: object) -> None:
    # Setting an unchanged attribute still runs the ORM's events; skip it.
    if getattr(row, name) != value:
        setattr(row, name, value)


def _saved_view(
    report: DailyReport, draft: ReportDraft, written: list[tuple[VisitRef, VisitDraft, str]]
) -> ReportView:
    """The report just written, from memory: no second read inside the write lock.

    It carries no targets and no visits added from the plan: `report(day)` computes
    those when the report is opened again.
    """
    visits = tuple(replace(visit, id=row.id, customer_name=name) for row, visit, name in written)
    return ReportView(
        replace(draft, id=report.id, visits=visits),
        report.status,
        report.version,
        report.plan_id,
        report.due_at,
        report.submitted_at,
        report.signed_at,
        None,
        report.review_comment,
    )


def _second_report(day: dt.date) -> ValidationError:
    return ValidationError(
        f"{day.isoformat()} 已有一份销售报告，每天只能有一份；请打开已有的报告修改",
        f"There is already a sales report for {day.isoformat()}; there is one per day. "
        "Open the existing report instead",
        "report_date",
    )


def _store_refusal(error: IntegrityError) -> Exception:
    """The store's constraints and triggers, said to a person."""
    text = str(error.orig).lower()
    if "frozen_report" in text:
        return TransitionError(
            "已签核的销售报告已冻结，不能修改；如需修改，请主管先重开",
            "A signed sales report is frozen and cannot be edited; "
            "a supervisor must reopen it first",
        )
    if "unique" in text and "daily_reports" in text:
        return ValidationError(
            "这一天已有一份销售报告，每天只能有一份",
            "There is already a sales report for that day; there is one per day",
            "report_date",
        )
    return error

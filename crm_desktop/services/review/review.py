"""Review 审阅 (SPEC §2.2, §2.3, §3): a supervisor's queue of submitted plans and reports,
one item opened as the rep wrote it, and the review actions.

Who may review: a supervisor or manager, and only the work of people below them in the
org tree (the server's rule: not one's own, and within one's subtree). The checks run here
before anything is written, so a rep never reaches an action, whatever the GUI shows.

Each action is one unit of work: the local state change the domain's state machine allows,
and the named command the server re-runs (sync/server/commands.py). Signing is a
compare-and-set (SYNC.md): the opened item carries the report's version and content hash;
if the local row changed since (a sync pulled the rep's edit), the sign-off is refused with
`StaleReview` and the GUI opens the report again. The command carries the same
`{"version", "content_hash", "comment"}`, so the server repeats the check on its rows.

History: each action appends to the report's log (`daily_reports.history`,
domain/report_history.py) in the same transaction, as the server's command does on its
row, so a reopen's who, when and why survive the next sign-off. Reports from before the
log have their history rebuilt from the columns (submitted_at, signed_at/by, the review
comment, reopen_count, updated_at/by).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from crm_desktop.domain.commands import (
    PlanFacts,
    SignoffStale,
    check_signoff,
    plan_command,
    report_command,
)
from crm_desktop.domain.daily import VisitDraft, is_visited
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.domain.kpi import plan_completion
from crm_desktop.domain.lateness import due_at, is_late
from crm_desktop.domain.picklists import PlanStatus, ReportStatus
from crm_desktop.domain.policy import DEFAULT_DUE_HOUR
from crm_desktop.domain.report_history import parse_history
from crm_desktop.domain.workflow import (
    PLAN_TRANSITIONS,
    REPORT_TRANSITIONS,
    PlanAction,
    ReportAction,
)
from crm_desktop.services.actor import Actor, CurrentUser
from crm_desktop.services.day.daily_reports import (
    DailyReportService,
    ReportView,
    content_hash,
    report_facts,
)
from crm_desktop.services.day.day_plans import DayPlanService, PlanView
from crm_desktop.services.org import OrgTree, Person
from crm_desktop.store.database import Store
from crm_desktop.store.models import DailyReport, ReportReopenGrant, User, VisitPlan
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.command_args import ReviewArgs, SignArgs

PLAN = "plan"
REPORT = "report"
# How often `open_item` re-reads when the report changes while it is being read.
_OPEN_ATTEMPTS = 3
# The "signed" list: reports signed in the last SIGNED_DAYS days, at most SIGNED_LIMIT.
SIGNED_DAYS = 14
SIGNED_LIMIT = 500


# The refusal of a sign-off whose report changed since it was opened (domain/commands.py).
StaleReview = SignoffStale


@dataclass(frozen=True)
class QueueItem:
    """One submitted plan or report waiting for review."""

    kind: str  # PLAN | REPORT
    id: str
    rep_id: str
    rep_name: str
    day: dt.date
    submitted_at: dt.datetime | None  # UTC
    late: bool  # a report submitted after its deadline (plans have no deadline)
    version: int


@dataclass(frozen=True)
class PlannedVisit:
    """One line of "planned vs visited": a plan item and the visit that answered it."""

    customer_name: str
    planned_time: str | None
    purpose: str
    objective: str | None
    visited: bool
    outcome: str | None = None
    is_effective: bool = False


@dataclass(frozen=True)
class HistoryEvent:
    """Who did what to a plan or report, when and why (as far as the columns tell)."""

    action: str  # a ReportAction / PlanAction code: submit, sign, countersign, return, reopen
    at: dt.datetime | None  # UTC; None when no column records it
    by_name: str | None
    comment: str | None = None
    count: int = 1  # reopen: how many times


@dataclass(frozen=True)
class ReviewItem:
    """An item opened for review. For a report, `version` and `content_hash` are what the
    supervisor saw: `sign_report` compares them with the row at the moment of signing."""

    kind: str
    id: str
    rep_id: str
    rep_name: str
    day: dt.date
    status: str
    version: int
    content_hash: str | None  # reports only
    plan: PlanView | None  # the day's plan (for a report: beside it)
    report: ReportView | None  # reports only; targets are the rep's
    planned: tuple[PlannedVisit, ...] = field(default_factory=tuple)
    unplanned_visits: int = 0
    late: bool = False
    history: tuple[HistoryEvent, ...] = field(default_factory=tuple)

    @property
    def plan_completion(self) -> Decimal | None:
        """Planned items visited ÷ planned items (None when nothing was planned)."""
        return plan_completion(sum(p.visited for p in self.planned), len(self.planned))

    @property
    def actions(self) -> list[str]:
        """The review actions the item's status allows (codes), e.g. to enable buttons."""
        if self.kind == PLAN:
            status = PlanStatus(self.status)
            return [
                a.value
                for a in (PlanAction.COUNTERSIGN, PlanAction.RETURN)
                if (status, a) in PLAN_TRANSITIONS
            ]
        report_status = ReportStatus(self.status)
        return [
            a.value
            for a in (ReportAction.SIGN, ReportAction.RETURN, ReportAction.REOPEN)
            if (report_status, a) in REPORT_TRANSITIONS
        ]


class _Author(CurrentUser):
    """The author of the item standing in as "the user" of the rep-side services, so the
    review shows exactly what DailyReportService / DayPlanService show the rep (targets
    included). Read-only use: it never switches or writes."""

    def __init__(self, actor: Actor) -> None:  # no store access: the actor is known
        self.actor = actor


def _waiting(
    model: type[VisitPlan] | type[DailyReport], status: PlanStatus | ReportStatus, owners: list[str]
) -> list[ColumnElement[bool]]:
    """The rows of `owners` in `status`, the owner tested off its index (see _off_index)."""
    return [
        model.status == status.value,
        model.deleted.is_(False),
        _off_index(model.owner_id).in_(owners),
    ]


class ReviewService:
    def __init__(self, store: Store, user: CurrentUser, due_hour: int = DEFAULT_DUE_HOUR) -> None:
        self._store = store
        self.clock = store.clock  # the pages that show this service's figures read it too
        self._user = user
        self.due_hour = due_hour

    # --- reads -------------------------------------------------------------------------
    def queue(self, now: dt.datetime | None = None) -> list[QueueItem]:
        """Submitted plans and reports of the people below the user, oldest day first
        (then rep, plan before report). Two queries; empty for a user who reviews no one."""
        people = self._reviewed()
        if not people:
            return []
        now = now or self._store.clock.utcnow()
        owners = list(people)
        with self._store.reading() as s:
            plans = s.execute(
                select(
                    VisitPlan.id,
                    VisitPlan.owner_id,
                    VisitPlan.plan_date,
                    VisitPlan.submitted_at,
                    VisitPlan.version,
                ).where(*_waiting(VisitPlan, PlanStatus.SUBMITTED, owners))
            ).all()
            reports = s.execute(
                select(
                    DailyReport.id,
                    DailyReport.owner_id,
                    DailyReport.report_date,
                    DailyReport.submitted_at,
                    DailyReport.version,
                    DailyReport.due_at,
                ).where(*_waiting(DailyReport, ReportStatus.SUBMITTED, owners))
            ).all()
        items = [
            QueueItem(PLAN, pid, str(owner), people[str(owner)].display_name, day, at, False, v)
            for pid, owner, day, at, v in plans
        ]
        items += [self._report_item(row, people, now) for row in reports]
        kind_order = {PLAN: 0, REPORT: 1}
        items.sort(key=lambda i: (i.day, i.rep_name, i.rep_id, kind_order[i.kind]))
        return items

    def waiting_count(self) -> int:
        """How many items the queue holds, counted in SQL (the Today page's line)."""
        owners = list(self._reviewed())
        if not owners:
            return 0
        with self._store.reading() as s:
            return sum(
                int(s.scalar(select(func.count()).where(*_waiting(model, status, owners))) or 0)
                for model, status in (
                    (VisitPlan, PlanStatus.SUBMITTED),
                    (DailyReport, ReportStatus.SUBMITTED),
                )
            )

    def _reviewed(self) -> dict[str, Person]:
        """The people whose submissions this user reviews, by id (none for a rep)."""
        actor = self._user.actor
        if not actor.can_review:
            return {}
        return {p.id: p for p in OrgTree.load(self._store).below(actor.user_id)}

    def signed_recently(
        self, days: int = SIGNED_DAYS, now: dt.datetime | None = None
    ) -> list[QueueItem]:
        """Reports of the people below the user signed in the last `days` days, newest
        first: where a supervisor finds a report to reopen."""
        actor = self._user.actor
        if not actor.can_review:
            return []
        people = {p.id: p for p in OrgTree.load(self._store).below(actor.user_id)}
        if not people:
            return []
        now = now or self._store.clock.utcnow()
        with self._store.reading() as s:
            rows = s.execute(
                select(
                    DailyReport.id,
                    DailyReport.owner_id,
                    DailyReport.report_date,
                    DailyReport.submitted_at,
                    DailyReport.version,
                    DailyReport.due_at,
                )
                .where(
                    # The date index narrows the scan; signed_at then decides.
                    DailyReport.report_date >= (now - dt.timedelta(days=days + 31)).date(),
                    DailyReport.signed_at >= now - dt.timedelta(days=days),
                    DailyReport.status == ReportStatus.SIGNED.value,
                    DailyReport.deleted.is_(False),
                    DailyReport.owner_id.in_(list(people)),
                )
                .order_by(DailyReport.signed_at.desc())
                .limit(SIGNED_LIMIT)
            ).all()
        return [self._report_item(row, people, now) for row in rows]

    def _report_item(self, row: Any, people: dict[str, Any], now: dt.datetime) -> QueueItem:
        """A queue line from (id, owner, date, submitted_at, version, due_at)."""
        rid, owner, day, at, version, due = row
        late = is_late(due or due_at(day, self.due_hour, self._store.clock), at, now)
        return QueueItem(REPORT, rid, str(owner), people[str(owner)].display_name, day, at,
                         late, version)  # fmt: skip

    def open_item(self, kind: str, item_id: str) -> ReviewItem:
        """The plan or report as the rep wrote it, with the plan beside a report, planned
        vs visited, day totals and the rep's targets, and its history."""
        self._reviewer()
        if kind == PLAN:
            return self._open_plan(item_id)
        if kind == REPORT:
            return self._open_report(item_id)
        raise ValueError(f"unknown review item kind {kind!r}")

    def _open_plan(self, plan_id: str) -> ReviewItem:
        with self._store.reading() as s:
            row = s.get(VisitPlan, plan_id)
            if row is None or row.deleted:
                raise _gone()
            author = self._author(row.owner_id)
            day = row.plan_date
            history = _plan_history(s, row)
        plan = DayPlanService(self._store, _Author(author)).plan(day)
        return ReviewItem(
            PLAN,
            plan_id,
            author.user_id,
            author.display_name,
            day,
            plan.status,
            plan.version,
            None,
            plan,
            None,
            planned=tuple(
                PlannedVisit(i.customer_name, i.planned_time, i.purpose, i.objective, False)
                for i in plan.items
            ),
            history=history,
        )

    def _open_report(self, report_id: str) -> ReviewItem:
        # The view is read by the rep-side service in its own transaction; hashing before
        # and after it proves the view is the content the hash stands for.
        for _attempt in range(_OPEN_ATTEMPTS):
            before = self._seen(report_id)
            author = self._author(before.owner_id)
            reports = DailyReportService(self._store, _Author(author), self.due_hour)
            view = reports.report(before.day)
            plan = (
                DayPlanService(self._store, _Author(author)).plan(before.day)
                if view.plan_id
                else None
            )
            after = self._seen(report_id)
            if before == after and view.draft.id == report_id:
                break
        else:
            raise TransitionError(
                "该销售报告正在被修改，请稍后再打开",
                "The sales report is being changed; open it again in a moment",
            )
        planned, unplanned = _planned_vs_visited(plan, view)
        return ReviewItem(
            REPORT,
            report_id,
            author.user_id,
            author.display_name,
            before.day,
            view.status,
            before.version,
            before.content_hash,
            plan,
            view,
            planned=planned,
            unplanned_visits=unplanned,
            late=view.late(self._store.clock.utcnow()),
            history=before.history,
        )

    def _seen(self, report_id: str) -> _Seen:
        with self._store.reading() as s:
            row = s.get(DailyReport, report_id)
            if row is None or row.deleted:
                raise _gone()
            return _Seen(
                row.owner_id or "",
                row.report_date,
                row.version,
                row.status,
                content_hash(s, report_id),
                _report_history(s, row),
            )

    # --- actions -----------------------------------------------------------------------
    # Who may act and what each action changes are the domain's rules (domain/commands.py),
    # the same functions the server runs when the command arrives.
    def countersign_plan(self, plan_id: str, comment: str | None = None) -> None:
        """核签: the plan is approved as submitted; an optional comment goes with it."""
        self._plan_action(plan_id, PlanAction.COUNTERSIGN, comment)

    def return_plan(self, plan_id: str, comment: str) -> None:
        """退回: the rep gets the plan back to change; the comment says why."""
        self._plan_action(plan_id, PlanAction.RETURN, comment)

    def sign_report(self, item: ReviewItem, comment: str | None = None) -> None:
        """签核 with 批示意见: only if the report is still exactly what `item` showed."""
        if item.kind != REPORT or item.content_hash is None:
            raise ValueError("sign_report needs an opened report")
        self._report_action(
            item.id,
            ReportAction.SIGN,
            comment,
            seen=(item.version, item.content_hash),
        )

    def return_report(self, report_id: str, comment: str) -> None:
        """退回: back to the rep with the comment; they change it and submit again."""
        self._report_action(report_id, ReportAction.RETURN, comment)

    def reopen_report(self, report_id: str, reason: str) -> None:
        """重开 a signed report so its author can correct it: supervisors only, with a
        reason. As on the server, a grant row lets the freeze trigger pass for this
        transaction only."""
        self._report_action(report_id, ReportAction.REOPEN, reason)

    def _report_action(
        self,
        report_id: str,
        action: ReportAction,
        comment: str | None,
        seen: tuple[int, str] | None = None,
    ) -> None:
        actor = self._reviewer()
        access = OrgTree.load(self._store).hierarchy.access(actor.user_id)
        with UnitOfWork(self._store, actor.user_id) as uow:
            s = uow.session
            row = s.get(DailyReport, report_id)
            if row is None or row.deleted:
                raise _gone()
            facts = report_facts(s, row)
            if seen is not None:
                check_signoff(facts, *seen)
            now = self._store.clock.utcnow()
            changes = report_command(action, facts, access, now, comment)
            comment = changes["review_comment"]
            args = (
                ReviewArgs(comment=comment)
                if seen is None
                else SignArgs(comment=comment, version=seen[0], content_hash=seen[1])
            )
            name = f"{action.value}_report"
            uow.command(name, "daily_report", row.id, row.version, args.to_patch())
            grant = None
            if action is ReportAction.REOPEN:
                grant = ReportReopenGrant(report_id=row.id)
                s.add(grant)
                s.flush()
            # One UPDATE: the freeze trigger looks at the old status.
            for name, value in changes.items():
                setattr(row, name, value)
            _touch(row, actor, now)
            if grant is not None:
                s.flush()
                s.delete(grant)
            uow.commit()

    # --- helpers -----------------------------------------------------------------------
    def _reviewer(self) -> Actor:
        actor = self._user.actor
        if not actor.can_review:
            raise TransitionError(
                f"{actor.role.zh}不能审阅计划和报告；审阅由主管或销售经理进行",
                f"A {actor.role.en.lower()} cannot review plans and reports; "
                "supervisors and managers do",
            )
        return actor

    def _author(self, owner_id: str | None) -> Actor:
        """The author of a record, if the user may review their work; TransitionError else."""
        org = OrgTree.load(self._store)
        person: Person | None = org.people.get(owner_id or "")
        # The server's rule (domain/org.py): the work of someone in the reviewer's scope.
        if person is None or not org.hierarchy.access(self._user.actor.user_id).reviews(person.id):
            raise TransitionError(
                "这份计划或报告不属于您的下属，您不能审阅",
                "This plan or report is not from someone you lead; you cannot review it",
            )
        return Actor(person.id, person.role, person.team_id, person.display_name)

    def _plan_action(self, plan_id: str, action: PlanAction, comment: str | None) -> None:
        actor = self._reviewer()
        access = OrgTree.load(self._store).hierarchy.access(actor.user_id)
        with UnitOfWork(self._store, actor.user_id) as uow:
            row = uow.session.get(VisitPlan, plan_id)
            if row is None or row.deleted:
                raise _gone()
            facts = PlanFacts(row.owner_id, row.status)
            now = self._store.clock.utcnow()
            changes = plan_command(action, facts, access, now, comment)
            name = "countersign_plan" if action is PlanAction.COUNTERSIGN else "return_plan"
            uow.command(
                name,
                "visit_plan",
                row.id,
                row.version,
                ReviewArgs(comment=changes["review_comment"]).to_patch(),
            )
            for key, value in changes.items():
                setattr(row, key, value)
            _touch(row, actor, now)
            uow.commit()


@dataclass(frozen=True)
class _Seen:
    """What the supervisor is shown of a report's row, compared before and after reading."""

    owner_id: str
    day: dt.date
    version: int
    status: str
    content_hash: str
    history: tuple[HistoryEvent, ...]


def _off_index(column: InstrumentedAttribute[str | None]) -> ColumnElement[str | None]:
    """`column || ''`: keeps SQLite off the owner index for the queue's status filter.

    There is no index on status, and a laptop holds only its user's scope (SYNC.md), so
    "everyone below me" is nearly every row: one sequential scan of the table reads less
    than an index lookup per row of each owner (50 ms against 80 ms for the reports of
    106 reps on the 1M-visit store).
    """
    return column.concat("")


def _planned_vs_visited(
    plan: PlanView | None, view: ReportView
) -> tuple[tuple[PlannedVisit, ...], int]:
    """Each plan item with the visit that answered it; and the count of unplanned visits."""
    # Only a visit made answers its plan item: an empty planned visit is not (domain rule).
    by_item: dict[str | None, VisitDraft] = {
        v.plan_item_id: v for v in view.draft.visits if v.plan_item_id and is_visited(v)
    }
    planned = []
    for item in plan.items if plan is not None else ():
        visit = by_item.get(item.id)
        planned.append(
            PlannedVisit(
                item.customer_name,
                item.planned_time,
                item.purpose,
                item.objective,
                visit is not None,
                visit.outcome if visit else None,
                bool(visit and visit.is_effective),
            )
        )
    item_ids = {i.id for i in plan.items} if plan is not None else set()
    unplanned = sum(
        1 for v in view.draft.visits if v.plan_item_id not in item_ids and is_visited(v)
    )
    return tuple(planned), unplanned


def _names(s: Session, ids: Sequence[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(s.execute(select(User.id, User.display_name).where(User.id.in_(wanted))).all())


def _report_history(s: Session, row: DailyReport) -> tuple[HistoryEvent, ...]:
    """The report's history: its log (every event with who, when, why), or for a report
    written before the log existed, what its columns record."""
    logged = parse_history(row.history)
    if logged:
        names = _names(s, [row.owner_id, *(e.by for e in logged)])
        found = [HistoryEvent(e.action, e.at, names.get(e.by), e.comment) for e in logged]
        if logged[0].action != ReportAction.SUBMIT.value and row.submitted_at is not None:
            # Submitted before the log existed (demo data, an older laptop): the column
            # still says when.
            first = HistoryEvent(
                ReportAction.SUBMIT.value, row.submitted_at, names.get(row.owner_id or "")
            )
            found.insert(0, first)
        return tuple(found)
    names = _names(s, [row.owner_id, row.signed_by, row.updated_by])
    status = ReportStatus(row.status)
    by_other = row.updated_by if row.updated_by != row.owner_id else None
    events: list[HistoryEvent] = []
    if row.submitted_at is not None:
        events.append(
            HistoryEvent(ReportAction.SUBMIT.value, row.submitted_at, names.get(row.owner_id or ""))
        )
    if row.signed_at is not None:
        events.append(
            HistoryEvent(
                ReportAction.SIGN.value,
                row.signed_at,
                names.get(row.signed_by or ""),
                row.review_comment if status is ReportStatus.SIGNED else None,
            )
        )
    if row.reopen_count:
        latest = status is ReportStatus.REOPENED
        events.append(
            HistoryEvent(
                ReportAction.REOPEN.value,
                row.updated_at if latest else None,
                names.get(by_other or "") if latest else None,
                # The reason stays in the comment until a return or sign replaces it.
                row.review_comment if status in (ReportStatus.REOPENED,) else None,
                count=row.reopen_count,
            )
        )
    if status is ReportStatus.RETURNED:
        events.append(
            HistoryEvent(
                ReportAction.RETURN.value,
                row.updated_at if by_other else None,
                names.get(by_other or ""),
                row.review_comment,
            )
        )
    return _in_time_order(events)


def _plan_history(s: Session, row: VisitPlan) -> tuple[HistoryEvent, ...]:
    names = _names(s, [row.owner_id, row.countersigned_by, row.updated_by])
    by_other = row.updated_by if row.updated_by != row.owner_id else None
    events: list[HistoryEvent] = []
    if row.submitted_at is not None:
        events.append(
            HistoryEvent(PlanAction.SUBMIT.value, row.submitted_at, names.get(row.owner_id or ""))
        )
    if row.status == PlanStatus.COUNTERSIGNED.value:
        events.append(
            HistoryEvent(
                PlanAction.COUNTERSIGN.value,
                row.countersigned_at,
                names.get(row.countersigned_by or ""),
                row.review_comment,
            )
        )
    elif row.status == PlanStatus.RETURNED.value:
        events.append(
            HistoryEvent(
                PlanAction.RETURN.value,
                row.updated_at if by_other else None,
                names.get(by_other or ""),
                row.review_comment,
            )
        )
    return _in_time_order(events)


def _in_time_order(events: list[HistoryEvent]) -> tuple[HistoryEvent, ...]:
    """Events by time; one with no recorded time keeps its place after its predecessor."""
    keyed = []
    last = dt.datetime.min
    for event in events:
        last = event.at or last
        keyed.append((last, event))
    return tuple(e for _, e in sorted(keyed, key=lambda pair: pair[0]))


def _touch(row: VisitPlan | DailyReport, actor: Actor, now: dt.datetime) -> None:
    # A commanded row is not stamped by the outbox hook; the history reads these (the
    # server's values replace them at the next pull).
    row.updated_at = now
    row.updated_by = actor.user_id


def _gone() -> ValidationError:
    return ValidationError(
        "找不到该计划或报告，它可能已被删除", "That plan or report no longer exists"
    )

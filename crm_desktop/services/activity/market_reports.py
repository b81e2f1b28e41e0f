"""Market situation reports 市场状况反映表 (SPEC §2.4): write, list, supervisor acknowledges."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import aliased

from crm_desktop.domain.complaints import MarketReportDraft, validate_market_report
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.scope import visible_customer
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, MarketReport, User
from crm_desktop.store.unit_of_work import UnitOfWork

LIST_LIMIT = 2000  # a list is for reading; older reports are reached by the period filter


@dataclass(frozen=True)
class MarketReportFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    category: str | None = None
    customer_id: str | None = None
    unacknowledged_only: bool = False


@dataclass(frozen=True)
class MarketReportRow:
    id: str
    report_date: dt.date
    reporter_id: str | None
    reporter_name: str | None
    region: str | None
    customer_id: str | None
    customer_name: str | None
    category: str
    severity: str
    description: str
    suggested_action: str | None
    acknowledged_by_name: str | None
    acknowledged_at: dt.datetime | None

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


def _not_found() -> ValidationError:
    return ValidationError(
        "找不到该市场信息，它可能已被删除", "That market report no longer exists", field=None
    )


class MarketReportService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    # --- reads -------------------------------------------------------------------------
    def list(self, query: MarketReportFilter | None = None) -> list[MarketReportRow]:
        """Reports in the laptop's scope, newest first."""
        q = query or MarketReportFilter()
        reporter = aliased(User)
        acknowledger = aliased(User)
        statement = (
            select(
                MarketReport.id,
                MarketReport.report_date,
                MarketReport.owner_id,
                reporter.display_name,
                MarketReport.region,
                MarketReport.customer_id,
                Customer.name,
                MarketReport.category,
                MarketReport.severity,
                MarketReport.description,
                MarketReport.suggested_action,
                acknowledger.display_name,
                MarketReport.acknowledged_at,
            )
            .outerjoin(reporter, reporter.id == MarketReport.owner_id)
            .outerjoin(acknowledger, acknowledger.id == MarketReport.acknowledged_by)
            .outerjoin(Customer, Customer.id == MarketReport.customer_id)
            .where(MarketReport.deleted.is_(False))
            .order_by(MarketReport.report_date.desc(), MarketReport.id.desc())
            .limit(LIST_LIMIT)
        )
        if q.date_from is not None:
            statement = statement.where(MarketReport.report_date >= q.date_from)
        if q.date_to is not None:
            statement = statement.where(MarketReport.report_date <= q.date_to)
        if q.category:
            statement = statement.where(MarketReport.category == q.category)
        if q.customer_id:
            statement = statement.where(MarketReport.customer_id == q.customer_id)
        if q.unacknowledged_only:
            statement = statement.where(MarketReport.acknowledged_at.is_(None))
        with self._store.reading() as s:
            return [MarketReportRow(*tuple(row)) for row in s.execute(statement)]

    def get(self, report_id: str) -> MarketReportDraft:
        with self._store.reading() as s:
            r = s.get(MarketReport, report_id)
            if r is None or r.deleted:
                raise _not_found()
            return MarketReportDraft(
                id=r.id,
                report_date=r.report_date,
                description=r.description,
                category=r.category,
                severity=r.severity,
                customer_id=r.customer_id,
                region=r.region,
                suggested_action=r.suggested_action,
            )

    def customer_name(self, customer_id: str) -> str:
        """The name of a customer the dialog was opened for ("" if it is gone)."""
        with self._store.reading() as s:
            return s.scalar(select(Customer.name).where(Customer.id == customer_id)) or ""

    # --- writes ------------------------------------------------------------------------
    def create(self, draft: MarketReportDraft) -> str:
        """Record a report by the current user; returns its id. Raises ValidationError."""
        draft = draft.cleaned()
        validate_market_report(draft, self._store.clock.today())
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            region = draft.region
            if draft.customer_id:
                customer = visible_customer(uow.session, actor, draft.customer_id)
                region = region or customer.region  # where the customer is, unless told
            report = MarketReport(owner_id=actor.user_id, team_id=actor.team_id)
            self._apply(report, draft, region)
            uow.session.add(report)
            uow.commit()
            return report.id

    def update(self, draft: MarketReportDraft) -> None:
        """Change a report; only its reporter may, and only until it is acknowledged."""
        if draft.id is None:
            raise _not_found()
        draft = draft.cleaned()
        validate_market_report(draft, self._store.clock.today())
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            report = uow.session.get(MarketReport, draft.id)
            if report is None or report.deleted:
                raise _not_found()
            if report.owner_id != actor.user_id:
                raise TransitionError(
                    "只有填报人可以修改这份市场信息",
                    "Only the reporter may change this market report",
                )
            if report.acknowledged_at is not None:
                raise TransitionError(
                    "主管已阅的市场信息不能再修改",
                    "A market report the supervisor has acknowledged cannot be changed",
                )
            region = draft.region
            if draft.customer_id and draft.customer_id != report.customer_id:
                customer = visible_customer(uow.session, actor, draft.customer_id)
                region = region or customer.region
            self._apply(report, draft, region)
            uow.commit()

    def acknowledge(self, report_id: str) -> None:
        """A supervisor's (or manager's) 已阅 on a report of their team."""
        actor = self._user.actor
        if not actor.can_review:
            raise TransitionError(
                f"{actor.role.zh}无权确认市场信息，只有主管或经理可以",
                "Only a supervisor or manager may acknowledge a market report",
            )
        with UnitOfWork(self._store, actor.user_id) as uow:
            report = uow.session.get(MarketReport, report_id)
            if report is None or report.deleted:
                raise _not_found()
            if report.acknowledged_at is not None:
                raise TransitionError(
                    "这份市场信息已经确认过了", "This market report is already acknowledged"
                )
            report.acknowledged_by = actor.user_id
            report.acknowledged_at = self._store.clock.utcnow()
            uow.commit()

    @staticmethod
    def _apply(report: MarketReport, draft: MarketReportDraft, region: str | None) -> None:
        report.report_date = draft.report_date
        report.description = draft.description
        report.category = draft.category
        report.severity = draft.severity
        report.customer_id = draft.customer_id
        report.region = region
        report.suggested_action = draft.suggested_action

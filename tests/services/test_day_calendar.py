"""The month calendar: each day's plan and report status, lateness, in two queries."""

from __future__ import annotations

import datetime as dt

from daily_helpers import DAY, add_customer, add_user
from fixed_time import fixed_clock
from sqlalchemy import event

from crm_desktop.domain.daily import PlanItemDraft, ReportDraft
from crm_desktop.domain.lateness import due_at
from crm_desktop.services.container import Services
from crm_desktop.services.day.daily_reports import DailyReportService
from crm_desktop.services.day.day_calendar import DayCalendar
from crm_desktop.services.day.day_plans import DayPlanService
from crm_desktop.store.models import DailyReport
from crm_desktop.store.unit_of_work import UnitOfWork


def test_month_statuses(services: Services) -> None:
    plans = DayPlanService(services.store, services.user)
    reports = DailyReportService(services.store, services.user)
    customer = add_customer(services, "甲公司")
    item = PlanItemDraft(customer_id=customer)
    # 23rd: plan submitted, report signed. 24th: plan draft, no report. 25th: report only.
    plans.save_items(DAY, [item])
    plans.submit(DAY)
    signed = reports.submit(ReportDraft(report_date=DAY, attendance="leave"))
    with UnitOfWork(services.store, None) as uow:
        row = uow.session.get(DailyReport, signed.draft.id)
        assert row is not None
        row.status = "signed"
        uow.commit()
    plans.save_items(DAY + dt.timedelta(days=1), [item])
    reports.save(ReportDraft(report_date=DAY + dt.timedelta(days=2), attendance="leave"))
    # Someone else's plan on the 26th is not mine.
    other = add_user(services, "wang")
    with UnitOfWork(services.store, other) as uow:
        uow.session.add(DailyReport(report_date=DAY + dt.timedelta(days=3), owner_id=other))
        uow.commit()

    calendar = DayCalendar(services.store, services.user)
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(services.store.engine, "before_cursor_execute", listener)
    try:
        before_due = due_at(DAY, 20, fixed_clock()) - dt.timedelta(hours=1)
        month = calendar.month(2026, 11, now=before_due)
    finally:
        event.remove(services.store.engine, "before_cursor_execute", listener)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2
    assert set(month) == {DAY, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=2)}
    assert (month[DAY].plan, month[DAY].report, month[DAY].late) == ("submitted", "signed", False)
    tuesday = month[DAY + dt.timedelta(days=1)]
    assert (tuesday.plan, tuesday.report, tuesday.report_badge) == ("draft", "none", "none")
    wednesday = month[DAY + dt.timedelta(days=2)]
    assert (wednesday.plan, wednesday.report_badge) == ("none", "draft")

    # A week later, the planned day without a report and the unsubmitted draft are late.
    later = calendar.month(2026, 11, now=due_at(DAY, 20, fixed_clock()) + dt.timedelta(days=7))
    assert later[DAY + dt.timedelta(days=1)].report_badge == "late"
    assert later[DAY + dt.timedelta(days=2)].report_badge == "late"
    assert later[DAY].report_badge == "signed" and not later[DAY].late


def test_empty_month(services: Services) -> None:
    assert DayCalendar(services.store, services.user).month(2026, 2) == {}

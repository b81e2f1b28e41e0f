"""Builders for the churn, defector and win-back tests: customers, orders, complaints."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from crm_desktop.services.container import Services
from crm_desktop.store.database import Store
from crm_desktop.store.models import Complaint, Customer, DailyReport, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork

TODAY = dt.date(2026, 11, 23)  # fixed_clock's day


def customer(
    services: Services,
    name: str,
    *,
    owner: str | None = None,
    status: str = "active",
    value_class: str = "B",
    last_visit: dt.date | None = None,
    category_spend_fen: int | None = None,
) -> str:
    owner = owner or services.actor.user_id
    with UnitOfWork(services.store, owner) as uow:
        row = Customer(
            name=name,
            owner_id=owner,
            status=status,
            value_class=value_class,
            last_effective_visit_on=last_visit,
            category_spend_fen=category_spend_fen,
        )
        uow.session.add(row)
        uow.commit()
        return row.id


def order(store: Store, customer_id: str, day: dt.date, fen: int, owner: str | None = None) -> None:
    """A visit with an order on `day` (in the owner's report of that day)."""
    with UnitOfWork(store, owner) as uow:
        who = owner or uow.session.scalar(
            select(Customer.owner_id).where(Customer.id == customer_id)
        )
        report = uow.session.scalar(
            select(DailyReport).where(DailyReport.owner_id == who, DailyReport.report_date == day)
        )
        if report is None:
            report = DailyReport(owner_id=who, report_date=day)
            uow.session.add(report)
            uow.session.flush()
        uow.session.add(
            VisitRecord(
                owner_id=who,
                report_id=report.id,
                customer_id=customer_id,
                visit_date=day,
                order_amount_fen=fen,
                is_effective=True,
            )
        )
        uow.commit()


def complaint(store: Store, customer_id: str, severity: str, status: str = "open") -> None:
    with UnitOfWork(store, None) as uow:
        owner = uow.session.scalar(select(Customer.owner_id).where(Customer.id == customer_id))
        uow.session.add(
            Complaint(
                owner_id=owner,
                customer_id=customer_id,
                received_on=TODAY - dt.timedelta(days=3),
                severity=severity,
                status=status,
                description="交货延误",
            )
        )
        uow.commit()

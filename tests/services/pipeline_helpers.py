"""Builders of the pipeline tests: an org tree, customers, logged visits, raw opportunities."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.store.models import Customer, DailyReport, OutboxEntry, User, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Org:
    admin: str
    manager: str
    sup: str
    rep_a: str
    rep_b: str
    rep_c: str  # below the manager, not below sup


def add_person(
    services: Services, username: str, role: Role, boss: str | None = None, name: str = ""
) -> str:
    with UnitOfWork(services.store, None) as uow:
        user = User(
            username=username,
            display_name=name or username,
            role=role.value,
            supervisor_id=boss,
        )
        user.owner_id = user.id = f"u-{username}"
        uow.session.add(user)
        uow.commit()
        return user.id


def make_org(services: Services) -> Org:
    admin = add_person(services, "admin", Role.ADMIN, name="管理员")
    manager = add_person(services, "mgr", Role.MANAGER, name="经理")
    sup = add_person(services, "sup", Role.SUPERVISOR, manager, name="主管")
    rep_a = add_person(services, "rep_a", Role.REP, sup, name="张三")
    rep_b = add_person(services, "rep_b", Role.REP, sup, name="李四")
    rep_c = add_person(services, "rep_c", Role.REP, manager, name="王五")
    return Org(admin, manager, sup, rep_a, rep_b, rep_c)


def add_customer(
    services: Services,
    name: str,
    owner_id: str,
    *,
    short_name: str | None = None,
    name_key: str | None = None,
    phone_key: str | None = None,
    tax_key: str | None = None,
) -> str:
    with UnitOfWork(services.store, owner_id) as uow:
        customer = Customer(
            name=name,
            short_name=short_name,
            owner_id=owner_id,
            name_key=name_key if name_key is not None else name,
            phone_key=phone_key,
            tax_key=tax_key,
        )
        uow.session.add(customer)
        uow.commit()
        return customer.id


def log_visit(services: Services, customer_id: str, owner_id: str, day: dt.date) -> str:
    """A visit in the owner's report of `day` (the report made if missing)."""
    with UnitOfWork(services.store, owner_id) as uow:
        s = uow.session
        report = s.scalars(
            select(DailyReport).where(
                DailyReport.owner_id == owner_id, DailyReport.report_date == day
            )
        ).first()
        if report is None:
            report = DailyReport(owner_id=owner_id, report_date=day)
            s.add(report)
            s.flush()
        visit = VisitRecord(
            owner_id=owner_id, report_id=report.id, customer_id=customer_id, visit_date=day
        )
        s.add(visit)
        uow.commit()
        return visit.id


def outbox(services: Services) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(name, entity, row id, patch) of every outbox entry, oldest first."""
    with services.store.reading() as s:
        rows = s.scalars(select(OutboxEntry).order_by(OutboxEntry.mutation_id)).all()
        return [(r.name, r.entity, r.row_id, json.loads(r.patch)) for r in rows]

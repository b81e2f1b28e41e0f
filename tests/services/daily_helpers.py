"""Helpers of the plan and report tests: customers, users and raw rows written directly."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select

from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.store.models import Customer, OutboxEntry, User
from crm_desktop.store.unit_of_work import UnitOfWork

DAY = dt.date(2026, 11, 23)  # a Monday


def add_customer(
    services: Services,
    name: str,
    *,
    owner_id: str | None = None,
    value_class: str = "C",
    last_visit: dt.date | None = None,
    status: str = "active",
) -> str:
    owner = owner_id or services.actor.user_id
    with UnitOfWork(services.store, owner) as uow:
        customer = Customer(
            name=name,
            owner_id=owner,
            value_class=value_class,
            last_effective_visit_on=last_visit,
            status=status,
        )
        uow.session.add(customer)
        uow.commit()
        return customer.id


def add_user(services: Services, username: str, role: Role = Role.REP) -> str:
    with UnitOfWork(services.store, None) as uow:
        user = User(username=username, display_name=username, role=role.value)
        uow.session.add(user)
        uow.commit()
        return user.id


def outbox(
    services: Services, entity: str | None = None
) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(name, entity, row_id, patch) of the outbox in order, optionally of one entity."""
    with services.store.reading() as s:
        rows = s.scalars(select(OutboxEntry).order_by(OutboxEntry.mutation_id)).all()
        return [
            (r.name, r.entity, r.row_id, json.loads(r.patch))
            for r in rows
            if entity is None or r.entity == entity
        ]


def clear_outbox(services: Services) -> None:
    with UnitOfWork(services.store, None) as uow:
        for row in uow.session.scalars(select(OutboxEntry)):
            uow.session.delete(row)
        uow.commit()

"""Small builders shared by the activity service tests (market reports, complaints, to-dos)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.store.database import Store
from crm_desktop.store.models import Contact, Customer, OutboxEntry, User
from crm_desktop.store.unit_of_work import UnitOfWork


def add_user(store: Store, username: str, display_name: str, role: Role = Role.REP) -> str:
    """A user as the server's feed would bring it."""
    with UnitOfWork(store, None) as uow:
        user = User(username=username, display_name=display_name, role=role.value)
        uow.session.add(user)
        uow.commit()
        return user.id


def add_customer(
    services: Services, name: str, owner_id: str | None = None, region: str | None = "华东"
) -> str:
    owner = owner_id or services.actor.user_id
    with UnitOfWork(services.store, owner) as uow:
        customer = Customer(name=name, owner_id=owner, region=region, team_id="team-east")
        uow.session.add(customer)
        uow.commit()
        return customer.id


def add_contact(services: Services, customer_id: str, name: str) -> str:
    with UnitOfWork(services.store, services.actor.user_id) as uow:
        contact = Contact(customer_id=customer_id, name=name, owner_id=services.actor.user_id)
        uow.session.add(contact)
        uow.commit()
        return contact.id


def outbox(store: Store, entity: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(mutation name, row id, patch) of the entity's outbox entries, oldest first."""
    with store.reading() as s:
        rows = s.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.entity == entity)
            .order_by(OutboxEntry.mutation_id)
        ).all()
        return [(r.name, r.row_id, json.loads(r.patch)) for r in rows]

"""What the key-account services share: finding a customer the user may work on, and
the names of our people."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.actor import Actor
from crm_desktop.services.scope import visible_customer
from crm_desktop.store.models import Customer, User


def account(session: Session, actor: Actor, customer_id: str) -> Customer:
    """The live customer the user may work on (services/scope.py), else ValidationError."""
    return visible_customer(session, actor, customer_id)


def customer_by_name(session: Session, name: str) -> Customer:
    """The live customer called exactly `name` (or whose short name it is)."""
    wanted = name.strip()
    found = session.scalars(
        select(Customer)
        .where(Customer.deleted.is_(False), Customer.name == wanted)
        .order_by(Customer.id)
    ).first()
    if found is None:
        found = session.scalars(
            select(Customer)
            .where(Customer.deleted.is_(False), Customer.short_name == wanted)
            .order_by(Customer.id)
        ).first()
    if found is None:
        raise ValidationError(
            f"找不到名为“{wanted}”的客户，请核对客户全称",
            f"No customer is called “{wanted}”; check the full name",
            "customer",
        )
    return found


def user_names(session: Session) -> dict[str, str]:
    return {row[0]: row[1] for row in session.execute(select(User.id, User.display_name))}


def not_found(what_zh: str, what_en: str) -> ValidationError:
    return ValidationError(f"找不到该{what_zh}，它可能已被删除", f"That {what_en} no longer exists")

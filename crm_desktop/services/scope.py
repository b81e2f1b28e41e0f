"""The laptop's half of the server's scope rule: whose records the user reads and writes,
and which customers they may attach their own work to (plans, visits, complaints).

The server already scopes what a laptop holds (SYNC.md): a rep's laptop holds the rep's
customers, a supervisor's their team's. The check here is the laptop's half of the same
rule, so that a visit to a customer the user cannot see is refused with a message before
it is written, instead of being rejected by the server hours later at the next sync.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.org import Access
from crm_desktop.domain.picklists import Role
from crm_desktop.services.actor import Actor
from crm_desktop.services.org import OrgTree
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer


def visible_customer(session: Session, actor: Actor, customer_id: str) -> Customer:
    """The live customer `customer_id` if `actor` may work on it; ValidationError otherwise.

    A rep may work only on customers they own; reviewers (supervisors, managers, admins)
    on any customer their laptop holds, since the server sent only their subtree.
    """
    customer = session.get(Customer, customer_id)
    if customer is None or customer.deleted:
        raise ValidationError(
            "找不到该客户，可能已被删除", "That customer no longer exists", field="customer"
        )
    if actor.role is Role.REP and customer.owner_id != actor.user_id:
        raise ValidationError(
            f"客户“{customer.name}”不属于您，不能为其登记",
            f"Customer “{customer.name}” is not yours; you cannot record work for it",
            field="customer",
        )
    return customer


def access(store: Store, actor: Actor) -> Access:
    """What `actor` may read, write and review on this laptop: the server's rule
    (domain/org.py), over the org directory the laptop holds."""
    return OrgTree.load(store).hierarchy.access(actor.user_id)

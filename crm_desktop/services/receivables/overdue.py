"""Overdue money becomes a follow-up 待办 for the customer's rep (issue 16).

One follow-up per overdue debt, not one per run: a customer's overdue debt is known by
the due date of its oldest overdue item, which is the follow-up's due date. While a
follow-up of kind "collection" for that customer and that date exists (open or ticked
off), nothing new is made; when the oldest overdue item is paid and a later one is
overdue, that one gets its own follow-up.

Each laptop makes follow-ups only for the customers its user owns, so a supervisor's
laptop never makes a second one for the rep's debt; the rep's laptop makes it, and the
sync takes it to the supervisor. It runs in the daily background job and on demand from
the Receivables page.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from crm_desktop.domain.picklists import FollowUpKind
from crm_desktop.domain.receivables import age, overdue_follow_up_title
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.receivables.ledger_read import events_by_customer
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, FollowUp
from crm_desktop.store.unit_of_work import UnitOfWork


def create_overdue_follow_ups(store: Store, user: CurrentUser, today: dt.date | None = None) -> int:
    """Make the missing follow-ups for the user's customers with overdue money; returns
    how many were made (0 when every overdue debt already has one)."""
    today = today or store.clock.today()
    actor = user.actor
    with UnitOfWork(store, actor.user_id) as uow:
        s = uow.session
        customers = {
            row[0]: row
            for row in s.execute(
                select(Customer.id, Customer.name, Customer.payment_terms, Customer.team_id).where(
                    Customer.deleted.is_(False), Customer.owner_id == actor.user_id
                )
            )
        }
        events = events_by_customer(s, {cid: row[2] for cid, row in customers.items()})
        made = 0
        for customer_id, customer_events in sorted(events.items()):
            aging = age(customer_events, today)
            if aging.oldest_overdue_due is None:
                continue
            exists = s.scalar(
                select(FollowUp.id).where(
                    FollowUp.customer_id == customer_id,
                    FollowUp.kind == FollowUpKind.COLLECTION.value,
                    FollowUp.due_on == aging.oldest_overdue_due,
                    FollowUp.deleted.is_(False),
                )
            )
            if exists is not None:
                continue
            name = customers[customer_id][1]
            s.add(
                FollowUp(
                    owner_id=actor.user_id,
                    team_id=actor.team_id,
                    customer_id=customer_id,
                    kind=FollowUpKind.COLLECTION.value,
                    title=overdue_follow_up_title(name, aging.overdue_fen),
                    due_on=aging.oldest_overdue_due,
                )
            )
            made += 1
        if made:
            uow.commit()
        return made

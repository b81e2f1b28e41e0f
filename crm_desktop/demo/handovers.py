"""The demo team's handovers 交接 (domain/handover.py): two weeks ago the manager moved two
customers from the first rep to the last, each with a note, so the customer card's
Handovers tab and the handover report have something to show. The figures are what the
customers hold now under their owner (open opportunities and their amount, follow-ups to
do, complaints being handled), as the server would have recorded them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from crm_desktop.demo.activity import Activity, local_time, synced
from crm_desktop.domain.handover import CLOSED_OUTCOMES, OPEN_COMPLAINT_STATUSES
from crm_desktop.store.models import Complaint, Contact, Customer, FollowUp, Handover, Opportunity
from crm_desktop.store.models.org import User

_NOTES = (
    "老板姓王，只接下午电话；每月 25 日对账，发票要提前两天寄到。",
    "仓库主管是关键联系人；上次送货延误的投诉还在处理，已承诺补货。",
)


def add_handovers(activity: Activity) -> None:
    """Write the demo's handover records (no outbox, inside the demo's transaction)."""
    session = activity.w.session
    if len(activity.reps) < 2:
        return
    manager = session.scalar(select(User.id).where(User.role == "manager"))
    giver, taker = activity.reps[0], activity.reps[-1]
    customers = [c for c in taker.portfolio if not c.key][: len(_NOTES)]
    at = local_time(activity.today - dt.timedelta(days=14), 9, 30)
    rows = []
    for customer, note in zip(customers, _NOTES, strict=False):
        team = session.scalar(select(Customer.team_id).where(Customer.id == customer.id))
        opportunities, amount = session.execute(
            select(func.count(), func.coalesce(func.sum(Opportunity.amount_fen), 0)).where(
                Opportunity.customer_id == customer.id,
                Opportunity.owner_id == taker.id,
                Opportunity.deleted.is_(False),
                Opportunity.stage_code.not_in(CLOSED_OUTCOMES),
            )
        ).one()
        rows.append(
            synced(taker.id, team, at)
            | {
                "created_by": manager,
                "updated_by": manager,
                "customer_id": customer.id,
                "from_owner_id": giver.id,
                "to_owner_id": taker.id,
                "handed_at": at,
                "handed_by": manager,
                "note": note,
                "contacts_moved": _count(session, Contact, customer.id, taker.id),
                "opportunities_moved": int(opportunities),
                "opportunity_amount_fen": int(amount),
                "follow_ups_moved": _count(
                    session, FollowUp, customer.id, taker.id, FollowUp.done.is_(False)
                ),
                "complaints_moved": _count(
                    session,
                    Complaint,
                    customer.id,
                    taker.id,
                    Complaint.status.in_(OPEN_COMPLAINT_STATUSES),
                ),
                "plan_items_dropped": 0,
            }
        )
    activity.w.insert(Handover, rows)


def _count(session: object, model: type, customer_id: str, owner: str, *where: object) -> int:
    query = select(func.count()).where(
        model.customer_id == customer_id,  # type: ignore[attr-defined]
        model.owner_id == owner,  # type: ignore[attr-defined]
        model.deleted.is_(False),  # type: ignore[attr-defined]
        *where,  # type: ignore[arg-type]
    )
    return int(session.scalar(query))  # type: ignore[attr-defined]

"""The rows of one user's calendar, by one Core query each, on either end.

The server's synced tables are column-for-column copies of the laptop's
(`sync/server/schema.py`), so the same statement runs on both: the caller passes its
own tables (`sync.entities.ENTITY_TABLES` on the laptop, `schema.SYNCED` on the server).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import Connection, Table, and_, select

from crm_desktop.domain.calendar_events import FollowUpFacts, PlanItemFacts, Window


def _newest(*stamps: dt.datetime | None) -> dt.datetime:
    return max(s for s in stamps if s is not None)


def plan_item_facts(
    conn: Connection, tables: Mapping[str, Table], owner_id: str, window: Window
) -> list[PlanItemFacts]:
    """Every plan item (tombstones too) of the owner's plans of the window's days."""
    item, plan, customer = tables["plan_item"], tables["visit_plan"], tables["customer"]
    query = (
        select(
            item.c.id,
            plan.c.plan_date,
            item.c.planned_time,
            item.c.purpose,
            item.c.objective,
            customer.c.name,
            customer.c.address,
            item.c.deleted,
            plan.c.deleted.label("plan_deleted"),
            item.c.updated_at,
            plan.c.updated_at.label("plan_updated_at"),
            customer.c.updated_at.label("customer_updated_at"),
            item.c.version,
            plan.c.version.label("plan_version"),
            customer.c.version.label("customer_version"),
            plan.c.id.label("plan_id"),
            item.c.customer_id,
        )
        .select_from(
            item.join(plan, plan.c.id == item.c.plan_id).outerjoin(
                customer, customer.c.id == item.c.customer_id
            )
        )
        .where(
            and_(
                plan.c.owner_id == owner_id,
                plan.c.plan_date >= window.first,
                plan.c.plan_date <= window.last,
            )
        )
    )
    return [
        PlanItemFacts(
            id=r.id,
            plan_date=r.plan_date,
            planned_time=r.planned_time,
            purpose=r.purpose,
            objective=r.objective,
            customer_name=r.name,
            customer_address=r.address,
            deleted=bool(r.deleted or r.plan_deleted),
            updated_at=_newest(r.updated_at, r.plan_updated_at, r.customer_updated_at),
            version=r.version + r.plan_version + (r.customer_version or 0),
            row_ids=(r.id, r.plan_id, r.customer_id),
        )
        for r in conn.execute(query)
    ]


def follow_up_facts(
    conn: Connection, tables: Mapping[str, Table], owner_id: str, window: Window
) -> list[FollowUpFacts]:
    """Every follow-up (tombstones too) of the owner due in the window."""
    follow_up, customer = tables["follow_up"], tables["customer"]
    query = (
        select(
            follow_up.c.id,
            follow_up.c.kind,
            follow_up.c.title,
            follow_up.c.due_on,
            follow_up.c.done,
            follow_up.c.note,
            customer.c.name,
            customer.c.address,
            follow_up.c.deleted,
            follow_up.c.updated_at,
            customer.c.updated_at.label("customer_updated_at"),
            follow_up.c.version,
            customer.c.version.label("customer_version"),
            follow_up.c.customer_id,
        )
        .select_from(follow_up.outerjoin(customer, customer.c.id == follow_up.c.customer_id))
        .where(
            and_(
                follow_up.c.owner_id == owner_id,
                follow_up.c.due_on >= window.first,
                follow_up.c.due_on <= window.last,
            )
        )
    )
    return [
        FollowUpFacts(
            id=r.id,
            kind=r.kind,
            title=r.title,
            due_on=r.due_on,
            done=bool(r.done),
            note=r.note,
            customer_name=r.name,
            customer_address=r.address,
            deleted=bool(r.deleted),
            updated_at=_newest(r.updated_at, r.customer_updated_at),
            version=r.version + (r.customer_version or 0),
            row_ids=(r.id,) if r.customer_id is None else (r.id, r.customer_id),
        )
        for r in conn.execute(query)
    ]

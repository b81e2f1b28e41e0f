"""The actuals the revenue plan is compared with (F13): per quarter of the plan's year,
the orders and collections the account's visits recorded (visit records' order and
collection amounts, in fen). The comparison itself is the domain's
(domain/account_plan.revenue_lines)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from crm_desktop.store.models import VisitRecord


def actuals_by_quarter(session: Session, customer_id: str, year: int) -> dict[int, tuple[int, int]]:
    """{quarter: (orders, collections)} of the customer's live visits in `year`."""
    month = cast(func.strftime("%m", VisitRecord.visit_date), Integer)
    quarter = (month + 2) // 3
    rows = session.execute(
        select(
            quarter,
            func.coalesce(func.sum(VisitRecord.order_amount_fen), 0),
            func.coalesce(func.sum(VisitRecord.collection_amount_fen), 0),
        )
        .where(
            VisitRecord.customer_id == customer_id,
            VisitRecord.deleted.is_(False),
            VisitRecord.visit_date >= dt.date(year, 1, 1),
            VisitRecord.visit_date <= dt.date(year, 12, 31),
        )
        .group_by(quarter)
    ).all()
    return {int(q): (int(orders), int(collections)) for q, orders, collections in rows}

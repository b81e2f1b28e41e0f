"""An org to set targets in, and visits to measure them by (target service and page tests).

Rows are written through the models in a unit of work, as a sync would deliver them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from crm_desktop.domain.picklists import CustomerType, Role
from crm_desktop.services.container import Services
from crm_desktop.store.models import Customer, DailyReport, Team, User, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork

_SERIAL = itertools.count(1)


@dataclass
class TargetOrg:
    manager: str
    sup: str
    team: str  # 上海, led by sup, under the manager
    reps: dict[str, str]  # username -> id, members of 上海
    other_team: str  # 北京, led by sup2 who is not under the manager
    other_rep: str  # x, member of 北京
    customers: dict[str, str]  # rep id -> a customer the rep owns


def make_org(services: Services, rep_names: tuple[str, ...] = ("a", "b")) -> TargetOrg:
    """Manager "mgr" leads supervisor "sup" (team 上海: reps a, b); "sup2" leads 北京
    (rep x) outside the manager's subtree. The current user becomes the manager."""
    with UnitOfWork(services.store, None) as uow:
        s = uow.session
        mgr = User(username="mgr", display_name="经理", role=Role.MANAGER.value)
        s.add(mgr)
        s.flush()
        sup = User(
            username="sup", display_name="主管", role=Role.SUPERVISOR.value, supervisor_id=mgr.id
        )
        sup2 = User(username="sup2", display_name="主管二", role=Role.SUPERVISOR.value)
        s.add_all([sup, sup2])
        s.flush()
        shanghai = Team(name="上海", supervisor_id=sup.id)
        beijing = Team(name="北京", supervisor_id=sup2.id)
        s.add_all([shanghai, beijing])
        s.flush()
        reps = {}
        for name in rep_names:
            rep = User(
                username=name,
                display_name=f"rep_{name}",
                role=Role.REP.value,
                team_id=shanghai.id,
                supervisor_id=sup.id,
            )
            s.add(rep)
            s.flush()
            reps[name] = rep.id
        other = User(username="x", display_name="rep_x", role=Role.REP.value, team_id=beijing.id)
        s.add(other)
        s.flush()
        customers = {}
        for rep_id in [*reps.values(), other.id]:
            customer = Customer(name=f"客户{rep_id[-6:]}", owner_id=rep_id)
            s.add(customer)
            s.flush()
            customers[rep_id] = customer.id
        org = TargetOrg(mgr.id, sup.id, shanghai.id, reps, beijing.id, other.id, customers)
        uow.commit()
    services.user.switch(org.manager)
    return org


def visit(
    services: Services,
    org: TargetOrg,
    owner: str,
    day: dt.date,
    *,
    order: int = 0,
    collection: int = 0,
) -> None:
    """One visit of `owner` on `day` (with the day's report, made if missing)."""
    with UnitOfWork(services.store, owner) as uow:
        s = uow.session
        report = (
            s.query(DailyReport)
            .filter(DailyReport.owner_id == owner, DailyReport.report_date == day)
            .first()
        )
        if report is None:
            report = DailyReport(owner_id=owner, report_date=day, status="draft")
            s.add(report)
            s.flush()
        s.add(
            VisitRecord(
                owner_id=owner,
                report_id=report.id,
                customer_id=org.customers[owner],
                visit_date=day,
                order_amount_fen=order,
                collection_amount_fen=collection,
            )
        )
        uow.commit()


def new_customer(
    services: Services, owner: str, day: dt.date, kind: CustomerType = CustomerType.ENTERPRISE
) -> None:
    """A customer of `owner` created at noon (local) on `day`, as the server's feed
    would bring it (a session without the outbox keeps the stamps given)."""
    noon = dt.datetime.combine(day, dt.time(12)).astimezone().astimezone(dt.UTC)
    stamp = noon.replace(tzinfo=None)
    with services.store.write_sessions() as session, session.begin():
        session.add(
            Customer(
                name=f"新客户{next(_SERIAL)}",
                owner_id=owner,
                customer_type=kind.value,
                created_at=stamp,
                updated_at=stamp,
            )
        )

"""The shared read model: the live reports of some owners over some days, in one query."""

from __future__ import annotations

import datetime as dt

from daily_helpers import DAY, add_user

from crm_desktop.services.container import Services
from crm_desktop.services.read_model import ReportFacts, reports_in_range
from crm_desktop.store.models import DailyReport
from crm_desktop.store.unit_of_work import UnitOfWork


def _report(services: Services, owner: str, day: dt.date, **values: object) -> None:
    with UnitOfWork(services.store, owner) as uow:
        uow.session.add(DailyReport(report_date=day, owner_id=owner, **values))
        uow.commit()


def test_the_owners_live_reports_of_the_days_and_nothing_else(services: Services) -> None:
    me, other, third = (
        add_user(services, "li"),
        add_user(services, "wang"),
        add_user(services, "zhao"),
    )
    sent = dt.datetime(2026, 11, 23, 9, 30)
    _report(services, me, DAY, status="returned", submitted_at=sent, review_comment="补充目的")
    _report(services, other, DAY + dt.timedelta(days=2), status="signed")
    _report(services, me, DAY - dt.timedelta(days=1))  # the day before the range
    _report(services, me, DAY + dt.timedelta(days=3))  # the day after it
    _report(services, third, DAY)  # an owner not asked for
    _report(services, me, DAY + dt.timedelta(days=1), deleted=True)  # deleted: not a report

    with services.store.reading() as s:
        found = reports_in_range(s, [me, other], DAY, DAY + dt.timedelta(days=2))

    assert found == {
        (me, DAY): ReportFacts("returned", None, sent, "补充目的"),
        (other, DAY + dt.timedelta(days=2)): ReportFacts("signed", None, None, None),
    }
    assert found[(me, DAY)].times == ("returned", None, sent)

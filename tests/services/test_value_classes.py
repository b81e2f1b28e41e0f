"""Value classes from trailing-12-month orders, and last effective visits, via the outbox."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from activity_helpers import add_user
from sqlalchemy import func, select

from crm_desktop.domain.classification import AbcThresholds
from crm_desktop.domain.ids import uuid7
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.customers.classification import (
    classified_on,
    recompute_if_due,
    recompute_value_classes,
    refresh_last_visits,
    year_before,
)
from crm_desktop.store.models import Customer, DailyReport, OutboxEntry, VisitRecord
from crm_desktop.store.unit_of_work import UnitOfWork

TODAY = dt.date(2026, 11, 20)


def customer(services: Services, name: str, owner: str = "rep", **fields: object) -> str:
    with UnitOfWork(services.store, "setup") as uow:
        row = Customer(name=name, name_key=name, owner_id=owner, **fields)
        uow.session.add(row)
        uow.commit()
    return row.id


def visit(services: Services, customer_id: str, day: dt.date, order_yuan: int = 0, *,
          effective: bool = True, deleted: bool = False) -> None:  # fmt: skip
    with UnitOfWork(services.store, "setup") as uow:
        # A report of its own per visit: one report per rep and day is the store's rule.
        report = DailyReport(owner_id=uuid7(), report_date=day, status="submitted")
        uow.session.add(report)
        uow.session.flush()
        uow.session.add(VisitRecord(report_id=report.id, customer_id=customer_id, visit_date=day,
                                    order_amount_fen=order_yuan * 100, is_effective=effective,
                                    deleted=deleted))  # fmt: skip
        uow.commit()


def classes(services: Services) -> dict[str, str]:
    with services.store.reading() as s:
        return {c.name: c.value_class for c in s.scalars(select(Customer))}


def updates(services: Services) -> list[dict[str, object]]:
    with services.store.reading() as s:
        entries = s.scalars(select(OutboxEntry).where(OutboxEntry.name == "update")).all()
    return [json.loads(e.patch) for e in entries]


def test_pareto_classes_are_recorded_in_the_outbox(services: Services) -> None:
    # Sales 50, 25, 10, 8, 7 (% of 100): A while the share above is under 70%, B to 90%.
    for name, yuan in (("甲", 50_000), ("乙", 25_000), ("丙", 10_000), ("丁", 8_000),
                       ("戊", 7_000)):  # fmt: skip
        visit(services, customer(services, name), TODAY - dt.timedelta(days=30), yuan)
    customer(services, "己")  # no sales
    customer(services, "庚", is_key_account=True)  # key account, no sales
    gone = customer(services, "辛", deleted=True)
    visit(services, gone, TODAY, 1_000_000)  # a deleted customer's sales count for nobody

    changed = recompute_value_classes(services, TODAY)

    assert classes(services) == {"甲": "A", "乙": "A", "丙": "B", "丁": "B", "戊": "C",
                                 "己": "C", "庚": "A", "辛": "C"}  # fmt: skip
    assert changed == 5  # every class but C changed from the default C
    assert sorted(str(p["value_class"]) for p in updates(services)) == ["A", "A", "A", "B", "B"]
    assert recompute_value_classes(services, TODAY) == 0
    assert len(updates(services)) == 5


def test_only_the_trailing_twelve_months_count(services: Services) -> None:
    inside = customer(services, "近期客户")
    outside = customer(services, "老客户")
    visit(services, inside, year_before(TODAY) + dt.timedelta(days=1), 100)
    visit(services, inside, TODAY, 100)
    visit(services, outside, year_before(TODAY), 1_000_000)  # a year ago exactly: out
    visit(services, outside, TODAY + dt.timedelta(days=1), 1_000_000)  # future: out
    visit(services, outside, TODAY, 1_000_000, deleted=True)  # deleted visit: out

    recompute_value_classes(services, TODAY)

    assert classes(services) == {"近期客户": "A", "老客户": "C"}


def test_thresholds_come_from_the_caller(services: Services) -> None:
    for name, yuan in (("甲", 60), ("乙", 30), ("丙", 10)):
        visit(services, customer(services, name), TODAY, yuan)
    recompute_value_classes(services, TODAY, AbcThresholds(Decimal("0.5"), Decimal("0.3")))
    assert classes(services) == {"甲": "A", "乙": "B", "丙": "C"}
    recompute_value_classes(services, TODAY, AbcThresholds(Decimal("0.95"), Decimal("0.05")))
    assert classes(services) == {"甲": "A", "乙": "A", "丙": "A"}


def test_a_customer_drops_a_class_when_its_sales_age_out(services: Services) -> None:
    big, small = customer(services, "大客户"), customer(services, "小客户")
    visit(services, big, TODAY - dt.timedelta(days=300), 80_000)
    visit(services, small, TODAY - dt.timedelta(days=10), 20_000)
    recompute_value_classes(services, TODAY)
    assert classes(services) == {"大客户": "A", "小客户": "B"}
    assert recompute_value_classes(services, TODAY + dt.timedelta(days=100)) == 2
    assert classes(services) == {"大客户": "C", "小客户": "A"}


@pytest.mark.parametrize(
    ("today", "expected"),
    [(dt.date(2026, 11, 20), dt.date(2025, 11, 20)), (dt.date(2028, 2, 29), dt.date(2027, 2, 28))],
)
def test_year_before(today: dt.date, expected: dt.date) -> None:
    assert year_before(today) == expected


def test_last_effective_visit_is_the_latest_effective_one(services: Services) -> None:
    seen = customer(services, "常拜访")
    visit(services, seen, TODAY - dt.timedelta(days=9))
    visit(services, seen, TODAY - dt.timedelta(days=2))
    visit(services, seen, TODAY, effective=False)  # not met: not an effective visit
    visit(services, seen, TODAY - dt.timedelta(days=1), deleted=True)
    # History the laptop does not hold (no visit records) is kept, not erased.
    remembered = customer(services, "老档案", last_effective_visit_on=dt.date(2024, 5, 6))

    assert refresh_last_visits(services) == 1
    with services.store.reading() as s:
        assert s.get(Customer, seen).last_effective_visit_on == TODAY - dt.timedelta(days=2)
        assert s.get(Customer, remembered).last_effective_visit_on == dt.date(2024, 5, 6)
        outbox = s.scalar(select(func.count()).select_from(OutboxEntry)
                          .where(OutboxEntry.name == "update"))  # fmt: skip
    assert outbox == 1
    assert updates(services)[0] == {"last_effective_visit_on": (TODAY - dt.timedelta(days=2))
                                    .isoformat()}  # fmt: skip
    assert refresh_last_visits(services) == 0


def test_each_owners_portfolio_is_its_own_pareto(services: Services) -> None:
    # The small rep's best customer is A in his territory although the big rep's
    # smallest customer outsells it: each laptop classifies the same way from the same rows.
    for name, owner, yuan in (("大1", "big", 80_000), ("大2", "big", 20_000),
                              ("小1", "small", 5_000), ("小2", "small", 1_000)):  # fmt: skip
        visit(services, customer(services, name, owner=owner), TODAY, yuan)
    recompute_value_classes(services, TODAY)
    assert classes(services) == {"大1": "A", "大2": "B", "小1": "A", "小2": "B"}


def test_a_manager_reclassifies_only_own_customers(services: Services) -> None:
    manager = add_user(services.store, "mgr", "经理", Role.MANAGER)
    services.user.switch(manager)
    mine, theirs = customer(services, "我的", owner=manager), customer(services, "下属的")
    visit(services, mine, TODAY, 100)
    visit(services, theirs, TODAY, 100)
    assert recompute_value_classes(services, TODAY) == 1
    # The rep's customer is written by the rep's or the supervisor's laptop, which the
    # server lets write it; a manager's edit would come back as a rejection.
    assert classes(services) == {"我的": "A", "下属的": "C"}


def test_the_nightly_run_happens_once_a_day(services: Services) -> None:
    visit(services, customer(services, "甲"), TODAY, 100)
    assert classified_on(services) is None
    assert recompute_if_due(services, TODAY) == 1
    assert classified_on(services) == TODAY
    assert recompute_if_due(services, TODAY) is None  # already done today
    assert recompute_if_due(services, TODAY + dt.timedelta(days=1)) == 0
    assert classified_on(services) == TODAY + dt.timedelta(days=1)

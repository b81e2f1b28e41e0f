"""The demo exercises the churn features: defector cases of every kind, customers whose
orders fell against last year, a win-back list, defection rates and category spend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fixed_time import fixed_clock
from sqlalchemy import func, select

from crm_desktop.demo.generator import DemoOptions, generate_demo
from crm_desktop.domain.churn import ChurnSignal
from crm_desktop.services.container import Services
from crm_desktop.services.org import OrgTree
from crm_desktop.services.team.defection_figures import defection_figures
from crm_desktop.store.models import Customer, DefectionCase


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    services = Services.open(tmp_path_factory.mktemp("demo") / "data", clock=fixed_clock())
    generate_demo(services, DemoOptions(customers=150, contacts_per_customer=1.0, seed=7))
    yield services
    services.close()


def test_the_demo_has_defector_cases_of_each_kind(demo: Services) -> None:
    with demo.store.reading() as s:
        cases = s.execute(
            select(DefectionCase.defection_type, DefectionCase.status, func.count()).group_by(
                DefectionCase.defection_type, DefectionCase.status
            )
        ).all()
        lost = s.scalars(
            select(Customer.status)
            .join(DefectionCase, DefectionCase.customer_id == Customer.id)
            .where(DefectionCase.defection_type == "complete", DefectionCase.status == "open")
        ).all()
    kinds = {(kind, status) for kind, status, _n in cases}
    assert {("complete", "open"), ("complete", "won_back"), ("partial", "open")} <= kinds
    assert lost and set(lost) == {"lost"}
    assert demo.defections.list()[0].root_causes


def test_the_demo_has_warnings_win_backs_and_a_defection_rate(demo: Services) -> None:
    warnings = demo.churn().warnings()
    assert any(ChurnSignal.ORDER_DROP in w.signals for w in warnings)
    win_back = demo.churn().win_back()
    assert any(r.last_order_on is not None and r.value_fen > 0 for r in win_back)
    org = OrgTree.load(demo.store)
    reps = org.visible_reps(demo.actor.user_id, demo.actor.role)
    with demo.store.reading() as s:
        figures = defection_figures(s, [p.id for p in reps], reps, demo.clock.today())
    assert figures.overall.rate is not None and figures.overall.lost > 0
    assert figures.reasons.total > 0
    with demo.store.reading() as s:
        with_spend = s.scalar(select(func.count()).where(Customer.category_spend_fen.is_not(None)))
    assert with_spend

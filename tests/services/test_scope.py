"""The laptop's half of the scope rule: whose customers a user may attach work to."""

from __future__ import annotations

import pytest

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.actor import Actor
from crm_desktop.services.container import Services
from crm_desktop.services.scope import visible_customer
from crm_desktop.store.models import Customer
from crm_desktop.store.unit_of_work import UnitOfWork


def _customer(services: Services, owner_id: str, *, deleted: bool = False) -> str:
    with UnitOfWork(services.store, owner_id) as uow:
        customer = Customer(name="华东贸易有限公司", owner_id=owner_id, deleted=deleted)
        uow.session.add(customer)
        uow.commit()
        return customer.id


def test_rep_sees_own_customer_only(services: Services) -> None:
    rep = Actor("rep-1", Role.REP, None, "张三")
    mine = _customer(services, "rep-1")
    theirs = _customer(services, "rep-2")
    with services.store.reading() as session:
        assert visible_customer(session, rep, mine).id == mine
        with pytest.raises(ValidationError, match="not yours") as raised:
            visible_customer(session, rep, theirs)
    assert "不属于您" in raised.value.message_zh


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.MANAGER])
def test_reviewer_sees_what_the_laptop_holds(services: Services, role: Role) -> None:
    reviewer = Actor("sup-1", role, None, "李明华")
    theirs = _customer(services, "rep-2")
    with services.store.reading() as session:
        assert visible_customer(session, reviewer, theirs).id == theirs


def test_deleted_or_unknown_customer_is_refused(services: Services) -> None:
    rep = Actor("rep-1", Role.REP, None, "张三")
    gone = _customer(services, "rep-1", deleted=True)
    with services.store.reading() as session:
        for customer_id in (gone, "no-such-id"):
            with pytest.raises(ValidationError, match="no longer exists"):
                visible_customer(session, rep, customer_id)

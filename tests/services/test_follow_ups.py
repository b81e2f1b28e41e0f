"""FollowUpService: the user's own to-dos, created by hand, ticked off, overdue flagged."""

from __future__ import annotations

import datetime as dt

import pytest
from activity_helpers import add_customer, add_user, outbox
from fixed_time import TEST_NOW

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.follow_ups import FollowUpDraft
from crm_desktop.services.container import Services
from crm_desktop.services.day.follow_ups import FollowUpRow, FollowUpService
from crm_desktop.store.models import FollowUp
from crm_desktop.store.unit_of_work import UnitOfWork

TODAY = TEST_NOW.date()
DAY = dt.timedelta(days=1)


@pytest.fixture
def follow_ups(services: Services) -> FollowUpService:
    return FollowUpService(services.store, services.user)


def test_create_and_list_open_with_customer_and_overdue(
    services: Services, follow_ups: FollowUpService
) -> None:
    customer_id = add_customer(services, "苏州工业园区精密有限公司")
    late = follow_ups.create(
        FollowUpDraft(title=" 寄送报价单 ", due_on=TODAY - DAY, customer_id=customer_id)
    )
    today = follow_ups.create(
        FollowUpDraft(title="确认明天的拜访", due_on=TODAY, kind="appointment")
    )
    later = follow_ups.create(FollowUpDraft(title="季度回访", due_on=TODAY + 7 * DAY))
    rows = follow_ups.list_open()
    assert [r.id for r in rows] == [late, today, later]  # earliest first
    assert rows[0] == FollowUpRow(
        id=late,
        customer_id=customer_id,
        customer_name="苏州工业园区精密有限公司",
        kind="promise",
        title="寄送报价单",
        due_on=TODAY - DAY,
        done=False,
        overdue=True,
    )
    assert not rows[1].overdue and rows[1].customer_name is None
    assert [r.id for r in follow_ups.list_open(until=TODAY)] == [late, today]
    creates = outbox(services.store, "follow_up")
    assert [(n, i) for n, i, _p in creates] == [
        ("create", late),
        ("create", today),
        ("create", later),
    ]


def test_set_done_and_undone_through_the_outbox(
    services: Services, follow_ups: FollowUpService
) -> None:
    follow_up_id = follow_ups.create(FollowUpDraft(title="催收尾款", due_on=TODAY - DAY))
    follow_ups.set_done(follow_up_id, True)
    assert follow_ups.list_open() == []
    [done] = follow_ups.list(show_done=True)
    assert done.done and not done.overdue  # a done one is never late
    follow_ups.set_done(follow_up_id, True)  # already done: nothing written
    follow_ups.set_done(follow_up_id, False)
    assert [r.id for r in follow_ups.list_open()] == [follow_up_id]
    patches = [p for n, _i, p in outbox(services.store, "follow_up") if n == "update"]
    assert [p["done"] for p in patches] == [True, False]
    assert patches[0]["done_at"] is not None and patches[1]["done_at"] is None


def test_invalid_draft_and_foreign_customer_are_refused(
    services: Services, follow_ups: FollowUpService
) -> None:
    with pytest.raises(ValidationError) as raised:
        follow_ups.create(FollowUpDraft(title="  ", due_on=TODAY))
    assert raised.value.field == "title"
    other = add_user(services.store, "li", "李四")
    theirs = add_customer(services, "李四的客户", owner_id=other)
    with pytest.raises(ValidationError, match="not yours"):
        follow_ups.create(FollowUpDraft(title="拜访", due_on=TODAY, customer_id=theirs))
    assert outbox(services.store, "follow_up") == []


def test_only_the_users_own_follow_ups_are_listed_and_changed(
    services: Services, follow_ups: FollowUpService
) -> None:
    other = add_user(services.store, "li", "李四")
    with UnitOfWork(services.store, other) as uow:
        theirs = FollowUp(title="李四的待办", due_on=TODAY, owner_id=other)
        uow.session.add(theirs)
        uow.commit()
    assert follow_ups.list_open() == []
    with pytest.raises(ValidationError, match="not yours"):
        follow_ups.set_done(theirs.id, True)


def test_update_changes_title_and_date(follow_ups: FollowUpService) -> None:
    follow_up_id = follow_ups.create(FollowUpDraft(title="旧", due_on=TODAY))
    draft = follow_ups.get(follow_up_id)
    follow_ups.update(FollowUpDraft(**{**draft.__dict__, "title": "新", "due_on": TODAY + DAY}))
    [row] = follow_ups.list_open()
    assert (row.title, row.due_on) == ("新", TODAY + DAY)

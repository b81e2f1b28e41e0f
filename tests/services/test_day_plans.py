"""The daily visit plan: create on first edit, items, suggestions, submit with its command."""

from __future__ import annotations

import datetime as dt

import pytest
from daily_helpers import DAY, add_customer, add_user, clear_outbox, outbox
from sqlalchemy import select

from crm_desktop.domain.classification import Cadence
from crm_desktop.domain.daily import PlanItemDraft
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.services.container import Services
from crm_desktop.services.day.day_plans import DayPlanService
from crm_desktop.store.models import FollowUp, Opportunity, PlanItem, VisitPlan
from crm_desktop.store.unit_of_work import UnitOfWork


@pytest.fixture
def plans(services: Services) -> DayPlanService:
    return DayPlanService(services.store, services.user)


def test_reading_an_empty_day_writes_nothing(services: Services, plans: DayPlanService) -> None:
    view = plans.plan(DAY)
    assert view.id is None and view.items == () and view.editable
    with services.store.reading() as s:
        assert s.scalars(select(VisitPlan)).all() == []


def test_first_edit_creates_the_plan_with_outbox_entries(
    services: Services, plans: DayPlanService
) -> None:
    a = add_customer(services, "甲公司")
    b = add_customer(services, "乙公司")
    clear_outbox(services)
    view = plans.save_items(
        DAY,
        [
            PlanItemDraft(
                customer_id=a, planned_time="9:00", purpose="order", objective=" 谈订单 "
            ),
            PlanItemDraft(customer_id=b, planned_time="14:30", purpose="collection"),
        ],
    )
    assert view.id is not None
    assert [(i.customer_name, i.planned_time, i.objective) for i in view.items] == [
        ("甲公司", "09:00", "谈订单"),
        ("乙公司", "14:30", None),
    ]
    entries = outbox(services)
    assert [(n, e) for n, e, _, _ in entries] == [
        ("create", "visit_plan"),
        ("create", "plan_item"),
        ("create", "plan_item"),
    ]
    assert entries[1][3]["purpose"] == "order" and entries[1][3]["plan_id"] == view.id


def test_add_update_reorder_remove(services: Services, plans: DayPlanService) -> None:
    a = add_customer(services, "甲公司")
    b = add_customer(services, "乙公司")
    first = plans.add_item(DAY, PlanItemDraft(customer_id=a))
    second = plans.add_item(DAY, PlanItemDraft(customer_id=b))
    plans.update_item(DAY, PlanItemDraft(customer_id=b, id=second, objective="催款"))
    plans.reorder(DAY, [second, first])
    assert [(i.id, i.objective) for i in plans.plan(DAY).items] == [(second, "催款"), (first, None)]
    plans.remove_item(DAY, second)
    assert [i.id for i in plans.plan(DAY).items] == [first]
    with services.store.reading() as s:
        removed = s.get(PlanItem, second)
        assert removed is not None and removed.deleted  # soft delete, synced
    with pytest.raises(TransitionError):
        plans.reorder(DAY, [second])


def test_customer_of_another_rep_is_refused(services: Services, plans: DayPlanService) -> None:
    other = add_user(services, "wang")
    theirs = add_customer(services, "别人的客户", owner_id=other)
    with pytest.raises(ValidationError, match="not yours"):
        plans.save_items(DAY, [PlanItemDraft(customer_id=theirs)])
    assert plans.plan(DAY).id is None  # nothing written, not even the plan


def test_bad_time_is_refused(services: Services, plans: DayPlanService) -> None:
    a = add_customer(services, "甲公司")
    with pytest.raises(ValidationError) as raised:
        plans.save_items(DAY, [PlanItemDraft(customer_id=a, planned_time="25:00")])
    assert raised.value.field == "planned_time"


def test_submit_records_the_command_and_freezes_editing(
    services: Services, plans: DayPlanService
) -> None:
    a = add_customer(services, "甲公司")
    with pytest.raises(ValidationError, match="no customers"):
        plans.submit(DAY)
    plans.add_item(DAY, PlanItemDraft(customer_id=a))
    clear_outbox(services)
    view = plans.submit(DAY)
    assert view.status == "submitted" and view.submitted_at is not None and not view.editable
    assert [(n, e, r, p) for n, e, r, p in outbox(services)] == [
        ("submit_plan", "visit_plan", view.id, {})
    ]
    with pytest.raises(TransitionError):
        plans.add_item(DAY, PlanItemDraft(customer_id=a))
    with pytest.raises(TransitionError):
        plans.submit(DAY)


def test_returned_plan_can_be_fixed_and_resubmitted(
    services: Services, plans: DayPlanService
) -> None:
    a = add_customer(services, "甲公司")
    plans.add_item(DAY, PlanItemDraft(customer_id=a))
    plan_id = plans.submit(DAY).id
    with UnitOfWork(services.store, None) as uow:  # as the server's feed would apply it
        row = uow.session.get(VisitPlan, plan_id)
        assert row is not None
        row.status, row.review_comment = "returned", "上午安排太满"
        uow.commit()
    view = plans.plan(DAY)
    assert view.editable and view.review_comment == "上午安排太满"
    plans.update_item(DAY, PlanItemDraft(customer_id=a, id=view.items[0].id, planned_time="15:00"))
    assert plans.submit(DAY).status == "submitted"


def test_suggestions(services: Services) -> None:
    me = services.actor.user_id
    plans = DayPlanService(services.store, services.user, Cadence(a_days=14, b_days=30, c_days=90))
    never = add_customer(services, "从未拜访", value_class="B")
    overdue_a = add_customer(
        services, "A类逾期", value_class="A", last_visit=DAY - dt.timedelta(days=15)
    )
    add_customer(services, "A类未到期", value_class="A", last_visit=DAY - dt.timedelta(days=14))
    add_customer(services, "流失客户", status="lost")
    followed = add_customer(services, "有待办", last_visit=DAY)
    opportunity = add_customer(services, "有商机", last_visit=DAY)
    add_customer(services, "别人的", owner_id=add_user(services, "wang"))
    with UnitOfWork(services.store, me) as uow:
        uow.session.add_all(
            [
                FollowUp(customer_id=followed, title="送样品", due_on=DAY, owner_id=me),
                FollowUp(
                    customer_id=followed,
                    title="明天的",
                    due_on=DAY + dt.timedelta(days=1),
                    owner_id=me,
                ),
                Opportunity(
                    customer_id=opportunity,
                    name="二期",
                    stage_code="proposal",
                    next_step="演示方案",
                    owner_id=me,
                ),
            ]
        )
        uow.commit()
    found = {s.customer_id: s for s in plans.suggestions(DAY)}
    assert set(found) == {never, overdue_a, followed, opportunity}
    assert found[followed].reason == "follow_up" and found[followed].detail == "送样品"
    assert found[opportunity].reason == "opportunity" and found[opportunity].detail == "演示方案"
    assert found[overdue_a].reason == "overdue"
    # A customer already on the plan is not suggested again.
    plans.add_item(DAY, PlanItemDraft(customer_id=never))
    assert never not in {s.customer_id for s in plans.suggestions(DAY)}


def test_saving_no_items_on_an_unplanned_day_writes_nothing(
    services: Services, plans: DayPlanService
) -> None:
    # A failed submit of an empty plan once left an empty draft plan (and its sync entry).
    view = plans.save_items(DAY, [])
    assert view.id is None and view.items == ()
    with pytest.raises(ValidationError, match="no customers"):
        plans.submit(DAY)
    with services.store.reading() as s:
        assert s.scalars(select(VisitPlan)).all() == []
    assert outbox(services) == []

"""ComplaintService: complaints with their outbox, scope and contact checks, status moves."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from activity_helpers import add_contact, add_customer, add_user, outbox

from crm_desktop.domain.complaints import ComplaintAction, ComplaintDraft
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.activity.complaints import (
    PENDING_FILTER,
    ComplaintFilter,
    ComplaintService,
)
from crm_desktop.services.container import Services

TODAY = dt.date(2024, 6, 12)


@pytest.fixture
def complaints(services: Services) -> ComplaintService:
    return ComplaintService(services.store, services.user)


@pytest.fixture
def customer_id(services: Services) -> str:
    return add_customer(services, "宁波海天塑机有限公司")


def new(customer_id: str, **changes: object) -> ComplaintDraft:
    base = ComplaintDraft(
        customer_id=customer_id,
        received_on=dt.date(2024, 6, 10),
        description="到货包装破损",
        category="damage",
        due_on=dt.date(2024, 6, 15),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_create_writes_the_complaint_for_the_customers_owner_with_its_outbox(
    services: Services, complaints: ComplaintService, customer_id: str
) -> None:
    contact = add_contact(services, customer_id, "周经理")
    complaint_id = complaints.create(
        new(customer_id, contact_id=contact, customer_demand=" 换货 "), TODAY
    )
    [row] = complaints.list(today=TODAY)
    assert row.id == complaint_id and row.status == "open" and not row.overdue
    assert (row.customer_name, row.contact_name) == ("宁波海天塑机有限公司", "周经理")
    assert complaints.get(complaint_id).customer_demand == "换货"
    [(name, row_id, patch)] = outbox(services.store, "complaint")
    assert (name, row_id) == ("create", complaint_id)
    assert patch["owner_id"] == services.actor.user_id and patch["team_id"] == "team-east"


def test_rules_are_checked_before_anything_is_written(
    services: Services, complaints: ComplaintService, customer_id: str
) -> None:
    for draft, field in (
        (new(customer_id, due_on=dt.date(2024, 6, 1)), "due_on"),
        (new(customer_id, description=""), "description"),
        (new(customer_id, status="resolved"), "resolution"),
        (new(customer_id, received_on=dt.date(2024, 6, 13)), "received_on"),
    ):
        with pytest.raises(ValidationError) as raised:
            complaints.create(draft, TODAY)
        assert raised.value.field == field
    assert outbox(services.store, "complaint") == []


def test_a_customer_the_user_cannot_see_is_refused(
    services: Services, complaints: ComplaintService
) -> None:
    other = add_user(services.store, "li", "李四")
    theirs = add_customer(services, "李四的客户", owner_id=other)
    with pytest.raises(ValidationError, match="not yours") as raised:
        complaints.create(new(theirs), TODAY)
    assert raised.value.field == "customer"
    with pytest.raises(ValidationError, match="no longer exists"):
        complaints.create(new("no-such-customer"), TODAY)


def test_a_supervisor_records_it_for_the_reps_customer(
    services: Services, complaints: ComplaintService
) -> None:
    rep = add_user(services.store, "li", "李四")
    theirs = add_customer(services, "李四的客户", owner_id=rep)
    services.user.switch(add_user(services.store, "boss", "王主管", Role.SUPERVISOR))
    complaints.create(new(theirs), TODAY)
    [(_name, _id, patch)] = outbox(services.store, "complaint")
    assert patch["owner_id"] == rep  # it belongs with the customer, so the rep sees it


def test_contact_of_another_customer_is_refused(
    services: Services, complaints: ComplaintService, customer_id: str
) -> None:
    elsewhere = add_contact(services, add_customer(services, "另一家"), "林小姐")
    with pytest.raises(ValidationError) as raised:
        complaints.create(new(customer_id, contact_id=elsewhere), TODAY)
    assert raised.value.field == "contact"


def test_status_moves_through_the_machine(
    services: Services, complaints: ComplaintService, customer_id: str
) -> None:
    complaint_id = complaints.create(new(customer_id), TODAY)
    assert (
        complaints.change_status(complaint_id, ComplaintAction.START, today=TODAY) == "in_progress"
    )
    with pytest.raises(ValidationError) as raised:
        complaints.change_status(complaint_id, ComplaintAction.RESOLVE, today=TODAY)
    assert raised.value.field == "resolution"  # resolved without a resolution
    assert complaints.get(complaint_id).status == "in_progress"
    assert (
        complaints.change_status(complaint_id, ComplaintAction.RESOLVE, "exchange", TODAY)
        == "resolved"
    )
    [row] = complaints.list(today=TODAY)
    assert (row.resolution, row.resolved_on) == ("exchange", TODAY)
    assert (
        complaints.change_status(complaint_id, ComplaintAction.REOPEN, today=TODAY) == "in_progress"
    )
    assert complaints.list(today=TODAY)[0].resolved_on is None
    complaints.change_status(complaint_id, ComplaintAction.RESOLVE, today=TODAY)
    assert complaints.change_status(complaint_id, ComplaintAction.CLOSE, today=TODAY) == "closed"
    with pytest.raises(TransitionError, match="closed"):
        complaints.change_status(complaint_id, ComplaintAction.REOPEN, today=TODAY)
    with pytest.raises(TransitionError):
        complaints.update(complaints.get(complaint_id), TODAY)
    statuses = [p.get("status") for n, _id, p in outbox(services.store, "complaint")]
    assert statuses == ["open", "in_progress", "resolved", "in_progress", "resolved", "closed"]


def test_update_may_take_one_step_only(complaints: ComplaintService, customer_id: str) -> None:
    complaint_id = complaints.create(new(customer_id), TODAY)
    draft = complaints.get(complaint_id)
    with pytest.raises(TransitionError):
        complaints.update(replace(draft, status="closed", resolution="repair"), TODAY)
    complaints.update(replace(draft, status="resolved", resolution="repair"), TODAY)
    assert complaints.get(complaint_id).status == "resolved"
    assert complaints.list(today=TODAY)[0].resolved_on == TODAY


def test_filters_status_customer_and_overdue(
    services: Services, complaints: ComplaintService, customer_id: str
) -> None:
    other = add_customer(services, "乙公司")
    late = complaints.create(new(customer_id, due_on=dt.date(2024, 6, 11)), TODAY)
    on_time = complaints.create(new(other, due_on=dt.date(2024, 6, 20)), TODAY)
    settled = complaints.create(
        new(other, due_on=dt.date(2024, 6, 11), status="resolved", resolution="discount"), TODAY
    )
    by_id = {r.id: r for r in complaints.list(today=TODAY)}
    assert by_id[late].overdue and not by_id[on_time].overdue and not by_id[settled].overdue
    overdue = complaints.list(ComplaintFilter(overdue_only=True), TODAY)
    assert [r.id for r in overdue] == [late]
    pending = complaints.list(ComplaintFilter(status=PENDING_FILTER), TODAY)
    assert {r.id for r in pending} == {late, on_time}
    resolved = complaints.list(ComplaintFilter(status="resolved"), TODAY)
    assert [r.id for r in resolved] == [settled]
    assert {r.id for r in complaints.list(ComplaintFilter(customer_id=other), TODAY)} == {
        on_time,
        settled,
    }
    assert complaints.list(today=TODAY)[-1].id == settled  # pending ones first

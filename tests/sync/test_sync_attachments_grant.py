"""Attachments follow the account team's grant (sync/server/account_teams.py): a member
from outside the owner's line gets the photos on the account's customer card and plans,
their rows and their bytes, but not those on its complaints (which the grant does not
open), and loses them when taken off the team."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from key_account_data import YEAR
from sqlalchemy import Engine
from sync_helpers import Laptop, make_client

from crm_desktop.domain.complaints import ComplaintDraft
from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.attachments.attachments import AttachmentService
from crm_desktop.services.container import Services
from crm_desktop.sync.server.app import create_app
from crm_desktop.sync.server.blobs import BlobService


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'server.sqlite3'}"


@pytest.fixture
def app(server_engine: Engine, users: dict[str, str], tmp_path: Path) -> Any:
    return create_app(engine=server_engine, blobs=BlobService.on_disk(tmp_path / "blobs"))


def _services(laptop: Laptop, app: Any) -> Services:
    services = Services(store=laptop.store, user=CurrentUser(laptop.store))
    # The blob transfer talks to the same in-process app as the laptop's sync.
    services.attachments = AttachmentService(
        laptop.store, services.user, client_factory=lambda: make_client(app)
    )
    return services


def test_a_team_member_gets_the_accounts_photos_and_loses_them_with_the_grant(
    fixed_laptop: Callable[[str], Laptop], users: dict[str, str], app: Any
) -> None:
    rep1, rep3 = fixed_laptop("rep1"), fixed_laptop("rep3")
    rep1.engine.sync()
    owner = _services(rep1, app)
    customer = owner.customers.save(CustomerDraft(name="华东机械有限公司"))
    plan = owner.key_accounts.plans.create(customer, YEAR)
    complaint = owner.complaints.create(
        ComplaintDraft(
            customer_id=customer,
            received_on=dt.date(2026, 11, 20),
            description="到货包装破损",
            category="damage",
            due_on=dt.date(2026, 11, 30),
        )
    )
    card = owner.attachments.add_bytes("customer", customer, b"card photo", "名片.jpg")
    on_plan = owner.attachments.add_bytes("account_plan", plan.id, b"plan file", "计划.pdf")
    hidden = owner.attachments.add_bytes("complaint", complaint, b"complaint", "投诉.jpg")
    member = owner.key_accounts.team.add(customer, users["rep3"], "technical")
    rep1.engine.sync()
    owner.attachments.transfer_now()

    rep3.engine.sync()
    seen = _services(rep3, app)
    assert [v.id for v in seen.attachments.list_for("customer", customer)] == [card.id]
    assert [v.id for v in seen.attachments.list_for("account_plan", plan.id)] == [on_plan.id]
    assert seen.attachments.list_for("complaint", complaint) == []
    assert seen.attachments.transfer_now().downloaded == 2
    [got] = seen.attachments.list_for("customer", customer)
    assert got.local_path is not None and got.local_path.read_bytes() == b"card photo"
    assert not got.can_delete  # the grant reads, it does not write
    assert not seen.attachments.blobs.has(hidden.sha256)
    report = rep3.engine.sync(verify=True)
    assert not report.drift  # the checksum agrees with the feed on what the grant shows

    owner.key_accounts.team.remove(member)
    rep1.engine.sync()
    rep3.engine.sync()
    assert seen.attachments.list_for("customer", customer) == []
    assert not seen.attachments.blobs.has(card.sha256)

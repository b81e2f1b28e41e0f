"""The handover service (services/customers/handover.py): the manager's handover queued
all or none, applied ahead on the laptop, and the handover report read back from the
.xlsx against independent SQL over the store file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from target_helpers import TargetOrg, make_org

from crm_desktop.domain.errors import Forbidden, ValidationError
from crm_desktop.services.container import Services
from crm_desktop.services.customers.handover import HandoverRequest
from crm_desktop.store.models import (
    Complaint,
    Contact,
    Customer,
    FollowUp,
    Opportunity,
    OutboxEntry,
)
from crm_desktop.store.unit_of_work import UnitOfWork


def _work(services: Services, owner: str, customer_id: str, amounts: tuple[int, ...]) -> None:
    """Open and closed work of `owner` on the customer: one open opportunity per amount,
    a won one, a follow-up to do and one done, an open and a resolved complaint."""
    day = dt.date(2026, 11, 20)
    with UnitOfWork(services.store, None) as uow:
        s = uow.session
        s.add(Contact(customer_id=customer_id, name="王经理", owner_id=owner))
        for amount in amounts:
            s.add(
                Opportunity(
                    customer_id=customer_id,
                    name="单",
                    amount_fen=amount,
                    stage_code="proposal",
                    owner_id=owner,
                )
            )
        s.add(
            Opportunity(
                customer_id=customer_id,
                name="赢",
                amount_fen=999_00,
                stage_code="won",
                owner_id=owner,
            )
        )
        for done in (False, True):
            s.add(
                FollowUp(
                    customer_id=customer_id, title="回访", due_on=day, done=done, owner_id=owner
                )
            )
        for status in ("open", "resolved"):
            s.add(
                Complaint(customer_id=customer_id, received_on=day, status=status, owner_id=owner)
            )
        uow.commit()


@pytest.fixture
def org(services: Services) -> TargetOrg:
    org = make_org(services)
    _work(services, org.reps["a"], org.customers[org.reps["a"]], (12_000_00, 3_450_50))
    _work(services, org.reps["b"], org.customers[org.reps["b"]], (7_00,))
    return org


def _outbox(services: Services) -> list[OutboxEntry]:
    with services.store.reading() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.mutation_id)))


def test_a_managers_handover_is_queued_and_shown_at_once(
    services: Services, org: TargetOrg
) -> None:
    a, b = org.reps["a"], org.reps["b"]
    cid = org.customers[a]
    before = len(_outbox(services))
    [hid] = services.handover.hand_over([HandoverRequest(cid, b, "月底对账")])
    entries = _outbox(services)[before:]
    assert [(e.name, e.row_id) for e in entries] == [("reassign_customer", cid)]
    assert f'"to_user": "{b}"' in entries[0].patch and hid in entries[0].patch
    with services.store.reading() as s:
        assert s.get(Customer, cid).owner_id == b
        owners = {
            (
                type(row).__name__,
                getattr(row, "stage_code", None)
                or getattr(row, "status", None)
                or str(getattr(row, "done", "")),
            ): row.owner_id
            for model in (Opportunity, FollowUp, Complaint)
            for row in s.scalars(select(model).where(model.customer_id == cid))
        }
    assert owners == {
        ("Opportunity", "proposal"): b,
        ("Opportunity", "won"): a,
        ("FollowUp", "False"): b,
        ("FollowUp", "True"): a,
        ("Complaint", "open"): b,
        ("Complaint", "resolved"): a,
    }
    [entry] = services.handover.history(cid)
    assert (entry.note, entry.confirmed, entry.to_owner_name) == ("月底对账", False, "rep_b")
    assert entry.figures.opportunity_amount_fen == 12_000_00 + 3_450_50


def test_a_handover_breaking_the_rule_anywhere_queues_nothing(
    services: Services, org: TargetOrg
) -> None:
    a, b = org.reps["a"], org.reps["b"]
    before = len(_outbox(services))
    good = HandoverRequest(org.customers[a], b, "交给b")
    with pytest.raises(ValidationError):
        services.handover.hand_over([good, HandoverRequest(org.customers[b], a, " ")])
    with pytest.raises(Forbidden):  # rep x is outside the manager's teams
        services.handover.hand_over([good, HandoverRequest(org.customers[org.other_rep], a, "x")])
    assert len(_outbox(services)) == before
    with services.store.reading() as s:
        assert s.get(Customer, org.customers[a]).owner_id == a
    services.user.switch(a)
    with pytest.raises(Forbidden):
        services.handover.hand_over([good])


def test_the_dialogs_candidates_count_what_would_move(services: Services, org: TargetOrg) -> None:
    [row] = services.handover.book_of(org.reps["a"])
    assert (
        row.open_opportunities,
        row.open_amount_fen,
        row.open_follow_ups,
        row.open_complaints,
    ) == (2, 12_000_00 + 3_450_50, 1, 1)
    targets = dict(services.handover.targets())
    assert org.reps["b"] in targets and org.other_rep not in targets


def test_the_handover_report_equals_independent_sql(
    services: Services, org: TargetOrg, data_dir: Path, tmp_path: Path
) -> None:
    a, b = org.reps["a"], org.reps["b"]
    ids = services.handover.hand_over(
        [
            HandoverRequest(org.customers[a], b, "甲交乙"),
            HandoverRequest(org.customers[b], a, "乙交甲"),
        ]
    )
    target = tmp_path / "交接清单.xlsx"
    assert services.handover.export_report(target, ids) == 2
    sheet = openpyxl.load_workbook(target, read_only=True).worksheets[0]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header[0] == "客户 Customer" and len(rows) == 2
    db = sqlite3.connect(next(data_dir.rglob("crm.sqlite3")))
    for row in rows:
        customer, _frm, to = row[0], row[1], row[2]
        cid, owner = db.execute(
            "SELECT c.id, c.owner_id FROM customers c JOIN users u ON u.id = c.owner_id"
            " WHERE c.name = ? AND u.display_name = ?",
            (customer, to),
        ).fetchone()
        count, amount = db.execute(
            "SELECT count(*), coalesce(sum(amount_fen), 0) FROM opportunities WHERE customer_id"
            " = ? AND owner_id = ? AND stage_code NOT IN ('won', 'lost') AND deleted = 0",
            (cid, owner),
        ).fetchone()
        follow_ups = db.execute(
            "SELECT count(*) FROM follow_ups WHERE customer_id = ? AND owner_id = ?"
            " AND done = 0 AND deleted = 0",
            (cid, owner),
        ).fetchone()[0]
        complaints = db.execute(
            "SELECT count(*) FROM complaints WHERE customer_id = ? AND owner_id = ?"
            " AND status IN ('open', 'in_progress') AND deleted = 0",
            (cid, owner),
        ).fetchone()[0]
        contacts = db.execute(
            "SELECT count(*) FROM contacts WHERE customer_id = ? AND owner_id = ? AND deleted = 0",
            (cid, owner),
        ).fetchone()[0]
        assert row[5:11] == [contacts, count, amount / 100, follow_ups, complaints, 0], row
        assert row[12] == "待同步 Waiting to sync"
    db.close()


def test_a_customer_edit_may_not_change_the_owner(services: Services, org: TargetOrg) -> None:
    from dataclasses import replace

    cid = org.customers[org.reps["a"]]
    draft = services.customers.card(cid, services.policy.current().cadence).draft
    with pytest.raises(ValidationError) as refused:
        services.customers.save(replace(draft, owner_id=org.reps["b"]))
    assert refused.value.field == "owner_id"
    services.customers.save(replace(draft, notes="只改备注"))  # the same owner is fine
    with services.store.reading() as s:
        assert s.get(Customer, cid).owner_id == org.reps["a"]

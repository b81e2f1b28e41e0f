"""Every write through a unit of work records its outbox mutation in the same transaction."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from crm_desktop.store.database import Store
from crm_desktop.store.models import Contact, Customer, OutboxEntry
from crm_desktop.store.unit_of_work import UnitOfWork


def _count(store: Store, model: type) -> int:
    with store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_create_records_full_patch(store: Store) -> None:
    with UnitOfWork(store, "u1") as uow:
        customer = Customer(name="上海申达贸易有限公司", owner_id="u1", name_key="k")
        uow.session.add(customer)
        uow.commit()
    with store.reading() as s:
        entry = s.scalars(select(OutboxEntry)).one()
        row = s.get(Customer, customer.id)
    assert entry.name == "create"
    assert entry.entity == "customer"
    assert entry.row_id == customer.id
    patch = json.loads(entry.patch)
    assert patch["name"] == "上海申达贸易有限公司"
    assert patch["deleted"] is False  # defaults are in the patch, not left to the server
    assert "version" not in patch and "server_seq" not in patch
    assert row is not None and row.created_by == "u1"


def test_update_records_changed_fields_with_base_values(store: Store) -> None:
    with UnitOfWork(store, "u1") as uow:
        customer = Customer(name="甲", owner_id="u1", name_key="k", phone="021-1")
        uow.session.add(customer)
        uow.commit()
    with UnitOfWork(store, "u2") as uow:
        row = uow.session.get(Customer, customer.id)
        assert row is not None
        row.phone = "021-2"
        row.notes = "新备注"
        uow.commit()
    with store.reading() as s:
        entries = s.scalars(select(OutboxEntry).order_by(OutboxEntry.mutation_id)).all()
    assert [e.name for e in entries] == ["create", "update"]
    assert json.loads(entries[1].patch) == {"phone": "021-2", "notes": "新备注"}
    assert json.loads(entries[1].base_values or "{}") == {"phone": "021-1", "notes": None}


def test_soft_delete_is_a_delete_mutation(store: Store) -> None:
    with UnitOfWork(store, "u1") as uow:
        customer = Customer(name="乙", owner_id="u1", name_key="k")
        uow.session.add(customer)
        uow.commit()
    with UnitOfWork(store, "u1") as uow:
        row = uow.session.get(Customer, customer.id)
        assert row is not None
        row.deleted = True
        uow.commit()
    with store.reading() as s:
        names = s.scalars(select(OutboxEntry.name).order_by(OutboxEntry.mutation_id)).all()
    assert names == ["create", "delete"]


def test_hard_delete_of_synced_row_is_refused(store: Store) -> None:
    with UnitOfWork(store, "u1") as uow:
        customer = Customer(name="丙", owner_id="u1", name_key="k")
        uow.session.add(customer)
        uow.commit()
    with pytest.raises(RuntimeError, match="hard delete"), UnitOfWork(store, "u1") as uow:
        row = uow.session.get(Customer, customer.id)
        uow.session.delete(row)
        uow.commit()
    assert _count(store, Customer) == 1


def test_failed_transaction_leaves_neither_row_nor_outbox(store: Store) -> None:
    with pytest.raises(Exception), UnitOfWork(store, "u1") as uow:  # noqa: B017
        uow.session.add(Customer(name="丁", owner_id="u1", name_key="k"))
        uow.session.flush()
        # A contact pointing at a missing customer violates the foreign key at flush.
        uow.session.add(Contact(customer_id="no-such-customer", name="王五"))
        uow.commit()
    assert _count(store, Customer) == 0
    assert _count(store, OutboxEntry) == 0


def test_uncommitted_unit_of_work_rolls_back(store: Store) -> None:
    with UnitOfWork(store, "u1") as uow:
        uow.session.add(Customer(name="戊", owner_id="u1", name_key="k"))
        uow.session.flush()
    assert _count(store, Customer) == 0
    assert _count(store, OutboxEntry) == 0


def test_command_replaces_the_field_patch(store: Store) -> None:
    with UnitOfWork(store, "u1") as uow:
        customer = Customer(name="己", owner_id="u1", name_key="k")
        uow.session.add(customer)
        uow.commit()
    with UnitOfWork(store, "u1") as uow:
        row = uow.session.get(Customer, customer.id)
        assert row is not None
        row.owner_id = "u9"
        uow.command("reassign_customer", "customer", row.id, row.version, {"to": "u9"})
        uow.commit()
    with store.reading() as s:
        entries = s.scalars(select(OutboxEntry).order_by(OutboxEntry.mutation_id)).all()
    assert [e.name for e in entries] == ["create", "reassign_customer"]
    assert json.loads(entries[1].patch) == {"to": "u9"}

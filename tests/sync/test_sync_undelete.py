"""Undelete from the inbox (SYNC.md): a delete that beat an update is reversed, the
user's lost update on top, and every laptop sees the record again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine
from sync_helpers import (
    Api,
    Laptop,
    assert_converged,
    create_customer,
    edit_customer,
)

from crm_desktop.services.sync import SyncService
from crm_desktop.store.models import Customer


def _row(lap: Laptop, cid: str) -> Customer:
    with lap.store.reading() as s:
        row = s.get(Customer, cid)
        assert row is not None
        s.expunge(row)
        return row


@pytest.mark.parametrize("delete_first", [True, False], ids=["update-late", "delete-late"])
def test_undelete_brings_the_record_back_with_the_lost_update(
    api: Callable[[str], Api],
    laptop: Callable[[str, str], Laptop],
    server_engine: Engine,
    delete_first: bool,
) -> None:
    """The rep's note and the supervisor's delete race, in either order; the delete
    wins, and the rep's undelete from the inbox brings the customer back, note included,
    on the supervisor's laptop too."""
    rep, sup = laptop("rep1", "rep"), laptop("sup", "sup")
    cid = create_customer(api("rep1"), notes="a")
    rep.engine.sync()
    sup.engine.sync()
    edit_customer(rep, cid, notes="the rep's note")
    edit_customer(sup, cid, deleted=True)
    first, second = (sup, rep) if delete_first else (rep, sup)
    first.engine.sync()
    second.engine.sync()
    rep.engine.sync()
    assert _row(rep, cid).deleted
    service = SyncService(rep.store)
    [entry] = [c for c in service.conflicts() if c.row_id == cid]
    assert entry.kind == ("update_deleted" if delete_first else "deleted_after_update")
    assert entry.can_undelete and not entry.can_reapply
    deleted_version = _row(rep, cid).version
    service.undelete(entry.id, rep.user_id)
    assert not _row(rep, cid).deleted  # shown at once, before the server has it
    rep.engine.sync()
    sup.engine.sync()
    for lap in (rep, sup):
        row = _row(lap, cid)
        assert (row.deleted, row.notes) == (False, "the rep's note")
        assert row.version > deleted_version
        assert_converged(lap.store, server_engine, lap.user_id)
    assert service.conflicts() == []


def test_reapply_of_an_update_vs_delete_entry_undeletes(
    api: Callable[[str], Api], laptop: Callable[[str, str], Laptop], server_engine: Engine
) -> None:
    """The inbox's re-apply no longer answers "the record no longer exists"."""
    rep = laptop("rep1", "rep")
    cid = create_customer(api("rep1"), notes="a")
    rep.engine.sync()
    edit_customer(rep, cid, notes="mine")
    api("sup").push(
        {
            "name": "delete",
            "entity": "customer",
            "row_id": cid,
            "base_version": 1,
            "patch": {"deleted": True},
        }
    )
    rep.engine.sync()
    service = SyncService(rep.store)
    [entry] = service.conflicts()
    service.reapply(entry.id, rep.user_id)
    rep.engine.sync()
    row = _row(rep, cid)
    assert (row.deleted, row.notes) == (False, "mine")
    assert_converged(rep.store, server_engine, rep.user_id)


def test_only_someone_who_may_write_the_record_may_undelete(
    api: Callable[[str], Api],
) -> None:
    owner = api("rep1")
    cid = create_customer(owner, notes="a")
    owner.push(
        {
            "name": "delete",
            "entity": "customer",
            "row_id": cid,
            "base_version": 1,
            "patch": {"deleted": True},
        }
    )

    def undelete(who: Api) -> dict[str, Any]:
        return who.push(
            {
                "name": "undelete",
                "entity": "customer",
                "row_id": cid,
                "base_version": 2,
                "patch": {"patch": {"notes": "back"}},
            }
        )[0]

    # Another team's rep does not see it; the admin sees but does not write reps' records.
    assert undelete(api("rep3"))["reason"] == "not_found"
    assert undelete(api("admin"))["reason"] == "forbidden"
    assert owner.rows("customer")[cid]["deleted"] is True
    assert undelete(api("sup"))["status"] == "applied"  # the rep's supervisor writes it
    row = owner.rows("customer")[cid]
    assert (row["deleted"], row["notes"], row["version"]) == (False, "back", 3)

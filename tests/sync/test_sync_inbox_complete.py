"""No overridden edit goes unfiled: whoever won, the author's inbox gets it -- the same
user's other laptop included, and every editor a stale delete swept away."""

from __future__ import annotations

from collections.abc import Callable

from sync_helpers import Api, Laptop, create_customer, edit_customer

from crm_desktop.services.sync import Conflict, SyncService


def inbox(lap: Laptop) -> list[Conflict]:
    return SyncService(lap.store).conflicts()


def test_one_users_two_laptops_overwriting_each_other_file_the_loser(
    api: Callable[[str], Api], laptop: Callable[[str, str], Laptop]
) -> None:
    first, second = laptop("rep1", "first"), laptop("rep1", "second")
    cid = create_customer(api("rep1"), notes="a")
    first.engine.sync()
    second.engine.sync()
    edit_customer(first, cid, notes="from the first laptop")
    edit_customer(second, cid, notes="from the second laptop")
    first.engine.sync()
    second.engine.sync()  # last arrival wins: the first laptop's note is overridden
    first.engine.sync()
    [lost] = [c for c in inbox(first) if c.kind == "overwritten"]
    assert lost.row_id == cid
    assert lost.client_payload["patch"] == {"notes": "from the first laptop"}


def test_a_stale_delete_files_every_editor_it_swept_away(
    api: Callable[[str], Api], laptop: Callable[[str, str], Laptop]
) -> None:
    """rep1's first laptop deletes a customer it last saw at version 1; meanwhile the
    supervisor changed the notes and rep1's second laptop the phone. Both edits vanish
    with the delete, so both authors hear of it (rep1's other laptop included)."""
    deleter, other = laptop("rep1", "deleter"), laptop("rep1", "other")
    sup = laptop("sup", "sup")
    cid = create_customer(api("rep1"), notes="a", phone="1")
    for lap in (deleter, other, sup):
        lap.engine.sync()
    edit_customer(sup, cid, notes="supervisor's note")
    sup.engine.sync()
    edit_customer(other, cid, phone="2")
    other.engine.sync()
    edit_customer(deleter, cid, deleted=True)
    deleter.engine.sync()
    sup.engine.sync()
    other.engine.sync()
    [sups] = [c for c in inbox(sup) if c.kind == "deleted_after_update"]
    assert sups.row_id == cid and sups.client_payload["patch"] == {"notes": "supervisor's note"}
    [mine] = [c for c in inbox(other) if c.kind == "deleted_after_update"]
    assert mine.client_payload["patch"] == {"phone": "2"}


def test_an_edit_then_a_delete_on_one_laptop_files_nothing(
    api: Callable[[str], Api], laptop: Callable[[str, str], Laptop]
) -> None:
    """No false alarm: the laptop that edits and then deletes (one push) knew both."""
    me = laptop("rep1", "me")
    cid = create_customer(api("rep1"), notes="a")
    me.engine.sync()
    edit_customer(me, cid, notes="b")
    edit_customer(me, cid, deleted=True)
    me.engine.sync()
    me.engine.sync()
    assert inbox(me) == []

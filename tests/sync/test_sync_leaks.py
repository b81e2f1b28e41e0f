"""Nothing leaks through the conflict inbox: a confidential customer's sensitive fields
stay out of the admin's entries, and a laptop's next user never sees the last one's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sync_helpers import (
    BASE,
    SENSITIVE,
    Api,
    Laptop,
    customer_patch,
    edit_customer,
    make_client,
    new_id,
)

from crm_desktop.services.sync import SyncService

SECRETS = {
    "tax_id": "91310000MA1FL0001X",
    "tax_key": "91310000MA1FL0001X",
    "credit_limit_fen": 5_000_000,
    "payment_terms": "月结60天",
    "annual_sales_fen": 90_000_000,
}


def _leaked(entry: dict[str, Any]) -> dict[str, Any]:
    """The sensitive values an inbox entry carries, in its snapshot or its payload."""
    found = {}
    for part in (entry.get("server_snapshot") or {}, entry["client_payload"].get("patch") or {}):
        found.update({k: part[k] for k in SENSITIVE if part.get(k) is not None})
    return found


def test_the_admins_conflict_entries_carry_no_sensitive_fields(
    api: Callable[[str], Api], laptop: Callable[[str, str], Laptop]
) -> None:
    """The admin reads every record but never a confidential customer's tax id, credit
    limit, payment terms or annual sales -- not in an inbox snapshot either."""
    first, second = laptop("admin", "first"), laptop("admin", "second")
    writer = api("admin")
    cid = new_id()
    created = writer.push(
        {
            "name": "create",
            "entity": "customer",
            "row_id": cid,
            "patch": customer_patch("机密客户", confidential=True, **SECRETS),
        }
    )[0]
    assert created["status"] == "applied", created
    first.engine.sync()
    second.engine.sync()
    # One laptop deletes; the other, unaware, edits: delete wins, the edit is filed.
    edit_customer(first, cid, deleted=True)
    first.engine.sync()
    edit_customer(second, cid, notes="late note", credit_limit_fen=7_000_000)
    second.engine.sync()
    first.engine.sync()
    filed = writer.conflicts()
    assert {c["kind"] for c in filed} == {"update_deleted"}
    for entry in filed:
        assert _leaked(entry) == {}, entry
    for lap in (first, second):
        for conflict in SyncService(lap.store).conflicts():
            entry = {
                "server_snapshot": conflict.server_snapshot,
                "client_payload": conflict.client_payload,
            }
            assert _leaked(entry) == {}, entry
    # The owner's line keeps its own record: nothing blanked where it may be read.
    assert writer.rows("customer")[cid]["name"] == "机密客户"


def test_a_new_user_on_the_laptop_does_not_see_the_last_users_inbox(
    app: object, api: Callable[[str], Api], laptop: Callable[[str, str], Laptop]
) -> None:
    me = laptop("rep1", "shared")
    service = SyncService(me.store, client_factory=lambda: make_client(app))
    cid = new_id()
    api("rep1").push(
        {
            "name": "create",
            "entity": "customer",
            "row_id": cid,
            "patch": customer_patch("华联超市", tax_id="T-1"),
        }
    )
    service.sync_now(server_url=BASE)
    edit_customer(me, cid, name="改名", name_key="改名")
    api("sup").push(
        {
            "name": "update",
            "entity": "customer",
            "row_id": cid,
            "base_version": 1,
            "patch": {"name": "主管改名", "name_key": "主管改名"},
            "base_values": {"name": "华联超市"},
        }
    )
    service.sync_now()
    assert [c.kind for c in service.conflicts()] == ["guarded_field"]
    # rep2 signs in on the same laptop: rep1's entries (with rep1's customer) go.
    from sync_helpers import PASSWORD

    service.login(BASE, "rep2", PASSWORD)
    assert service.conflicts(include_resolved=True) == []
    assert service.status().open_conflicts == 0
    service.sync_now()
    assert service.conflicts(include_resolved=True) == []

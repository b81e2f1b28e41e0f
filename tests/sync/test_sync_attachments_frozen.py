"""A signed report's visit keeps its attachments as they were signed: the server refuses a
photo added to it (or one removed) by a direct push, as the laptop's service does."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from sync_helpers import Api, create_customer, new_id
from test_sync_policy import _report, _visit, sign_mutation

DATA = b"\xff\xd8\xff\xe0 a shelf photo"


def _photo(owner: str, visit_id: str, customer_id: str) -> dict[str, object]:
    return {
        "name": "create",
        "entity": "attachment",
        "row_id": new_id(),
        "patch": {
            "owner_id": owner,
            "customer_id": customer_id,
            "owner_kind": "visit_record",
            "owner_record_id": visit_id,
            "file_name": "货架.jpg",
            "mime_type": "image/jpeg",
            "size_bytes": len(DATA),
            "sha256": hashlib.sha256(DATA).hexdigest(),
        },
    }


def test_a_signed_reports_visit_takes_no_new_photo_and_keeps_its_old_one(
    api: Callable[[str], Api], users: dict[str, str]
) -> None:
    rep, sup = api("rep1"), api("sup")
    cid = create_customer(rep)
    rid = _report(rep)
    vid = _visit(rep, rid, cid)
    before = _photo(users["rep1"], vid, cid)
    [added] = rep.push(before)
    assert added["status"] == "applied", added
    rep.push({"name": "submit_report", "entity": "daily_report", "row_id": rid, "base_version": 1})
    [signed] = sup.push(sign_mutation(sup, rid))
    assert signed["status"] == "applied", signed

    [late] = rep.push(_photo(users["rep1"], vid, cid))
    assert (late["status"], late["reason"]) == ("rejected", "frozen_report")
    [removed] = rep.push(
        {
            "name": "update",
            "entity": "attachment",
            "row_id": before["row_id"],
            "base_version": 1,
            "patch": {"deleted": True},
        }
    )
    assert (removed["status"], removed["reason"]) == ("rejected", "frozen_report")
    assert rep.rows("attachment")[str(before["row_id"])]["deleted"] is False

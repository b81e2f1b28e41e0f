"""A laptop copy altered behind the sync's back is found by the drift check and repaired.

The checksum used to cover only (id, version): a signed report edited on the laptop with
sqlite3 kept its version, so the drift check matched and the copy was never repaired.
It now covers the rows' synced content, computed alike on both ends.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sync_helpers import Api, Laptop, customer_patch, laptop_rows, new_id
from test_sync_policy import signed_report

from crm_desktop.sync import protocol as p
from crm_desktop.sync.client.reset import local_checksums
from crm_desktop.sync.content import id_version_checksum
from crm_desktop.sync.entities import ENTITY_TABLES


def _tamper(laptop: Laptop, rid: str, vid: str) -> None:
    """What a person with sqlite3 and the schema could do: lift the freeze with a grant
    row of their own, rewrite the signed report and its visit, drop the grant."""
    conn = sqlite3.connect(laptop.store.path)
    try:
        with conn:
            conn.execute("INSERT INTO report_reopen_grants (report_id) VALUES (?)", (rid,))
            conn.execute(
                "UPDATE daily_reports SET reflections = '改过的心得', expenses_fen = 1 "
                "WHERE id = ?",
                (rid,),
            )
            conn.execute("UPDATE visit_records SET order_amount_fen = 999999 WHERE id = ?", (vid,))
            conn.execute("DELETE FROM report_reopen_grants")
    finally:
        conn.close()


def _server_view(api: Api, rid: str, vid: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return api.rows("daily_report")[rid], api.rows("visit_record")[vid]


def _laptop_view(laptop: Laptop, rid: str, vid: str) -> tuple[dict[str, Any], dict[str, Any]]:
    rows = laptop_rows(laptop.store)
    return rows[("daily_report", rid)], rows[("visit_record", vid)]


def test_tampered_signed_report_heals_on_the_next_sync(
    api: Callable[[str], Api], laptop: Callable[[str], Laptop]
) -> None:
    rep, sup = api("rep1"), api("sup")
    rid, vid, _cid = signed_report(rep, sup)
    mine = laptop("rep1")
    first = mine.engine.sync()
    assert not first.drift
    server = _server_view(rep, rid, vid)
    assert _laptop_view(mine, rid, vid) == server

    _tamper(mine, rid, vid)
    assert _laptop_view(mine, rid, vid)[0]["reflections"] == "改过的心得"
    # Something new on the server, so the next sync pulls and runs the drift check.
    rep.push(
        {
            "name": "create",
            "entity": "customer",
            "row_id": new_id(),
            "patch": customer_patch("新客户"),
        }
    )
    healed = mine.engine.sync()
    assert healed.drift and healed.reset
    assert _laptop_view(mine, rid, vid) == _server_view(rep, rid, vid)
    assert _laptop_view(mine, rid, vid)[0]["status"] == "signed"
    assert not mine.engine.sync(verify=True).drift


def test_tampered_copy_is_found_by_the_daily_check_too(
    api: Callable[[str], Api], laptop: Callable[[str], Laptop]
) -> None:
    rep, sup = api("rep1"), api("sup")
    rid, vid, _cid = signed_report(rep, sup)
    mine = laptop("rep1")
    mine.engine.sync()
    _tamper(mine, rid, vid)
    healed = mine.engine.sync(verify=True)  # nothing pulled: the daily check
    assert healed.drift
    assert _laptop_view(mine, rid, vid) == _server_view(rep, rid, vid)


def test_confidential_rows_blanked_for_a_reader_are_no_drift(
    api: Callable[[str], Api], laptop: Callable[[str], Laptop]
) -> None:
    """The admin receives rep1's confidential customer with its tax id blanked: the
    server's checksum hashes the row as the admin received it, not as stored."""
    rep = api("rep1")
    rep.push(
        {
            "name": "create",
            "entity": "customer",
            "row_id": new_id(),
            "patch": customer_patch("机密客户", confidential=True, tax_id="91310000MA1K000001"),
        }
    )
    for user in ("admin", "rep1", "sup"):
        copy = laptop(user)
        copy.engine.sync()
        assert not copy.engine.sync(verify=True).drift, user


def test_a_laptop_that_predates_the_content_checksum_sees_no_drift(
    api: Callable[[str], Api], laptop: Callable[[str], Laptop]
) -> None:
    """An older laptop asks without naming the form: it gets the (id, version) checksum it
    computes itself, so it does not see drift (and re-download everything) each sync."""
    rep, sup = api("rep1"), api("sup")
    signed_report(rep, sup)
    mine = laptop("rep1")
    mine.engine.sync()
    legacy = rep.client.get(p.CHECKSUM_PATH, headers=rep.headers).json()
    content = rep.client.get(
        p.CHECKSUM_PATH, params={"form": p.CHECKSUM_CONTENT}, headers=rep.headers
    ).json()
    with mine.store.engine.connect() as conn:
        for entity, table in ENTITY_TABLES.items():
            pairs = conn.execute(
                select(table.c.id, table.c.version).where(
                    table.c.deleted.is_(False), table.c.version > 0
                )
            ).all()
            count, digest = id_version_checksum((r[0], int(r[1])) for r in pairs)
            assert legacy["entities"][entity] == {"count": count, "hash": digest}, entity
        mine_now = local_checksums(conn)
    for entity, theirs in content["entities"].items():
        assert mine_now[entity] == (theirs["count"], theirs["hash"]), entity
    assert legacy["entities"]["daily_report"] != content["entities"]["daily_report"]

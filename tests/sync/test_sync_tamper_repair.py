"""A laptop copy altered behind the sync's back is found by the drift check and repaired.

The checksum used to cover only (id, version): a signed report edited on the laptop with
sqlite3 kept its version, so the drift check matched and the copy was never repaired.
It now covers the rows' synced content, computed alike on both ends.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import Any

from sync_helpers import Api, Laptop, customer_patch, laptop_rows, new_id
from test_sync_policy import signed_report

from crm_desktop.sync.client.reset import local_checksums
from crm_desktop.sync.content import set_checksum


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


def test_checksum_of_ten_thousand_rows_is_fast(
    api: Callable[[str], Api], laptop: Callable[[str], Laptop]
) -> None:
    """The figure in docs/sync.md: the laptop's checksum over 10,000 customers.

    Inserted directly (the checksum does not care how the rows came) with realistic text."""
    mine = laptop("rep1")
    conn = sqlite3.connect(mine.store.path)
    try:
        with conn:
            conn.executemany(
                "INSERT INTO customers (id, name, name_key, customer_type, status,"
                " is_key_account, value_class, confidential, owner_id, version, deleted,"
                " created_at, updated_at, address, phone, notes)"
                " VALUES (?, ?, ?, 'enterprise', 'active', 0, 'B', 0, 'rep1', 3, 0,"
                " '2026-11-20 08:00:00.000000', '2026-11-21 09:30:00.123456',"
                " '上海市浦东新区张江路 88 号', '021-55550000', '每周二拜访，关注新品')",
                [(f"c{i:05d}", f"华联超市 {i}", f"华联超市{i}") for i in range(10_000)],
            )
    finally:
        conn.close()
    with mine.store.engine.connect() as read:
        started = time.perf_counter()
        sums = local_checksums(read)
        seconds = time.perf_counter() - started
    assert sums["customer"][0] == 10_000
    assert sums["customer"] != set_checksum([])
    print(f"laptop checksum of 10,000 customers: {seconds * 1000:.0f} ms")
    assert seconds < 5  # a loose bound for a loaded test machine; see docs/sync.md

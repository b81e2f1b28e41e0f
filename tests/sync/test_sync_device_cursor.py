"""The device row a pull or handshake keeps (cursor for the tombstone purge, last seen,
app version): written when it moves, not by every no-op sync."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, select, update
from sync_helpers import Api, customer_patch, new_id

from crm_desktop.sync import protocol as p
from crm_desktop.sync.server.feed import DEVICE_TOUCH_EVERY
from crm_desktop.sync.server.schema import devices


def _device(engine: Engine, device_id: str) -> Any:
    with engine.connect() as conn:
        return conn.execute(
            select(devices.c.last_pulled_seq, devices.c.last_seen, devices.c.app_version).where(
                devices.c.id == device_id
            )
        ).one()


def _age(engine: Engine, device_id: str, by: dt.timedelta) -> None:
    with engine.begin() as conn:
        seen = conn.execute(select(devices.c.last_seen).where(devices.c.id == device_id)).scalar()
        conn.execute(update(devices).where(devices.c.id == device_id).values(last_seen=seen - by))


def _pull(me: Api, since: int) -> int:
    answer = me.client.get(
        p.PULL_PATH, params={"device_id": me.device_id, "since": since}, headers=me.headers
    )
    assert answer.status_code == 200, answer.text
    return int(answer.json()["next_since"])


def test_the_cursor_moves_with_the_pulls_and_idle_pulls_write_nothing(
    api: Callable[[str], Api], server_engine: Engine
) -> None:
    me = api("rep1")
    me.push({"name": "create", "entity": "customer", "row_id": new_id(), "base_version": 0,
             "patch": customer_patch("一号客户")})  # fmt: skip
    upto = _pull(me, 0)
    upto = _pull(me, upto)  # the client presents what it has applied
    assert _device(server_engine, me.device_id).last_pulled_seq == upto
    seen = _device(server_engine, me.device_id).last_seen

    _pull(me, upto)  # nothing new, seen a moment ago: no write
    assert _device(server_engine, me.device_id).last_seen == seen

    _age(server_engine, me.device_id, DEVICE_TOUCH_EVERY + dt.timedelta(minutes=1))
    _pull(me, upto)  # idle, but long unseen: last_seen is refreshed
    refreshed = _device(server_engine, me.device_id)
    assert (
        refreshed.last_seen > seen - dt.timedelta(minutes=1) and refreshed.last_pulled_seq == upto
    )


def test_a_handshake_records_a_new_app_version_at_once(
    api: Callable[[str], Api], server_engine: Engine
) -> None:
    me = api("rep1")
    shake = me.client.post(
        p.HANDSHAKE_PATH,
        json={"device_id": me.device_id, "client_schema": p.CLIENT_SCHEMA, "app_version": "9.9"},
        headers=me.headers,
    )
    assert shake.status_code == 200, shake.text
    assert _device(server_engine, me.device_id).app_version == "9.9"

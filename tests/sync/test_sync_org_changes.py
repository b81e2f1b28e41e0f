"""A worker keeps the org tree between requests; a change of the org is seen at once.

The server checks the users' and teams' version stamp in every request's own
transaction (scope.py), so a rep added under a supervisor, or a rep deactivated, by
another process (here the admin command line on its own connection) changes what the
very next request may see.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, update
from sync_helpers import PASSWORD, Api, customer_patch, new_id

from crm_desktop.domain.picklists import Role
from crm_desktop.sync import protocol as p
from crm_desktop.sync.server import admin
from crm_desktop.sync.server.scope import USERS


def _customer(api: Api, name: str) -> str:
    row_id = new_id()
    result = api.push(
        {"name": "create", "entity": "customer", "row_id": row_id, "patch": customer_patch(name)}
    )[0]
    assert result["status"] == "applied", result
    return row_id


def test_a_rep_added_under_a_supervisor_is_in_their_scope_at_once(
    api: Callable[[str], Api], server_engine: Engine
) -> None:
    sup = api("sup")
    assert sup.rows("customer") == {}  # the tree is now cached by this worker
    admin.create_user(server_engine, "newrep", Role.REP, PASSWORD, supervisor="sup")
    newrep = api("newrep")
    row_id = _customer(newrep, "新开发客户")
    assert row_id in sup.rows("customer")
    assert row_id not in api("sup2").rows("customer")


def test_a_deactivated_user_is_refused_at_once(
    api: Callable[[str], Api], server_engine: Engine, users: dict[str, str]
) -> None:
    rep = api("rep1")
    _customer(rep, "华东贸易")
    with server_engine.begin() as conn:
        conn.execute(update(USERS).where(USERS.c.id == users["rep1"]).values(active=False))
    answer = rep.client.get(
        p.PULL_PATH, params={"device_id": rep.device_id, "since": 0}, headers=rep.headers
    )
    assert answer.status_code == 401

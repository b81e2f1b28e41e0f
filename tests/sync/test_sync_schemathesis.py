"""Schemathesis generates requests from the server's own OpenAPI schema, valid and
invalid, and sends them to the real app as a signed-in user with a registered device:
whatever arrives, the answer is never a 5xx (SQLite and PostgreSQL).

Its strategies are driven by Hypothesis directly (its pytest plugin's fixture loader
does not run under this pytest)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

schemathesis = pytest.importorskip("schemathesis")

from ci_profile import draws  # noqa: E402
from schemathesis.generation import GenerationMode  # noqa: E402
from sync_helpers import Api, customer_patch, make_client, new_id  # noqa: E402

from crm_desktop.sync import protocol as p  # noqa: E402
from crm_desktop.sync.entities import ENTITY_TABLES  # noqa: E402

EXAMPLES = draws(60, 30)  # tests/ci_profile.py: CI draws the light count


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,  # the same requests on every run: a failure is reproducible
        database=None,
    )


def _no_server_error(case: Any, me: Api) -> None:
    response = case.call(headers=me.headers)
    assert response.status_code < 500, (case.method, case.path, case.body, response.text)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_generated_request_gets_a_server_error(app: Any, mode: GenerationMode) -> None:
    me = Api(make_client(app), "rep1").login()
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)

    @given(case=schema.as_strategy(mode))
    @_settings(EXAMPLES)
    def probe(case: Any) -> None:
        # Every other request names the registered device, so pushes reach the mutations.
        for part in (case.body, case.query):
            if isinstance(part, dict) and "device_id" in part and len(repr(part)) % 2:
                part["device_id"] = me.device_id
        _no_server_error(case, me)

    probe()


def _seed(me: Api) -> dict[str, str]:
    """A customer, an opportunity and a daily report of the user's, for mutations to hit."""
    ids = {"customer": new_id(), "opportunity": new_id(), "daily_report": new_id()}
    opportunity = {"customer_id": ids["customer"], "name": "单", "stage_code": "bid"}
    report = {"report_date": "2026-11-20", "attendance": "present", "expenses_fen": 0}
    patches = {
        "customer": customer_patch("甲"),
        "opportunity": {**opportunity, "amount_fen": 1, "deleted": False},
        "daily_report": {**report, "deleted": False},
    }
    results = me.push(
        *[
            {"name": "create", "entity": entity, "row_id": ids[entity], "patch": patch}
            for entity, patch in patches.items()
        ]
    )
    assert [r["status"] for r in results] == ["applied"] * 3, results
    return ids


def test_no_generated_push_gets_a_server_error(app: Any) -> None:
    """Pushes from the registered device whose mutations name real entities and
    commands, with whatever patches the schema allows."""
    me = Api(make_client(app), "rep1").login()
    real = _seed(me)
    mutation_ids = itertools.count(1000)
    push = schemathesis.openapi.from_asgi("/openapi.json", app)[p.PUSH_PATH]["POST"]
    names = st.sampled_from(["create", "update", "delete", *sorted(p.COMMANDS)])
    entities = st.sampled_from(sorted(ENTITY_TABLES))

    @given(case=push.as_strategy(), data=st.data())
    @_settings(3 * EXAMPLES)
    def probe(case: Any, data: st.DataObject) -> None:
        if isinstance(case.body, dict):
            case.body["device_id"] = me.device_id
            for m in case.body.get("mutations") or []:
                entity = data.draw(entities)
                m.update(name=data.draw(names), entity=entity, mutation_id=next(mutation_ids))
                if entity in real and data.draw(st.booleans()):  # a row that exists
                    m["row_id"] = real[entity]
        _no_server_error(case, me)

    probe()

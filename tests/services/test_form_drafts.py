"""Form drafts: laptop-only, replaced on save, gone on clear, never in the outbox."""

from __future__ import annotations

import datetime as dt

from daily_helpers import outbox
from fixed_time import fixed_clock

from crm_desktop.services.container import Services
from crm_desktop.services.day.form_drafts import FormDraftService, plan_key, report_key


def test_save_load_replace_clear(services: Services) -> None:
    drafts = FormDraftService(services.store)
    key = report_key(dt.date(2026, 11, 23))
    assert key == "report:2026-11-23" and plan_key(dt.date(2026, 11, 23)) == "plan:2026-11-23"
    assert drafts.load(key) is None
    drafts.save(key, {"reflections": "今天很顺利", "day": dt.date(2026, 11, 23)})
    drafts.save(key, {"reflections": "改了"})
    loaded = drafts.load(key)
    assert loaded is not None and loaded.payload == {"reflections": "改了"}
    assert outbox(services) == []  # never synced
    drafts.clear(key)
    assert drafts.load(key) is None
    drafts.clear(key)  # clearing nothing is fine


def test_survives_reopening_the_store(services: Services) -> None:
    FormDraftService(services.store).save("plan:2026-11-23", {"items": [1, 2]})
    services.close()
    reopened = Services.open(services.database_path.parent, clock=fixed_clock())
    try:
        loaded = FormDraftService(reopened.store).load("plan:2026-11-23")
        assert loaded is not None and loaded.payload == {"items": [1, 2]}
    finally:
        reopened.close()

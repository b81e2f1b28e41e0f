"""Inbox entries about a signed report can be acknowledged but not re-applied."""

from __future__ import annotations

import json

import pytest
from pytestqt.qtbot import QtBot

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.ids import uuid7
from crm_desktop.services.container import Services
from crm_desktop.store.models import ConflictEntry
from crm_desktop.ui.sync.conflicts import ConflictInbox


def _entry(services: Services, kind: str) -> str:
    entry_id = uuid7()
    with services.store.write_sessions() as session, session.begin():
        session.add(
            ConflictEntry(
                id=entry_id,
                entity="daily_report",
                row_id=uuid7(),
                kind=kind,
                client_payload=json.dumps({"patch": {"reflections": "晚到的修改"}}),
                server_snapshot=None,
            )
        )
    return entry_id


@pytest.mark.parametrize("kind", ["frozen_report", "amendment_request"])
def test_frozen_report_entries_cannot_be_reapplied(
    services: Services, qtbot: QtBot, kind: str
) -> None:
    frozen = _entry(services, kind)
    with pytest.raises(ValidationError, match="reopens it"):
        services.sync.reapply(frozen, services.actor.user_id)
    (conflict,) = services.sync.conflicts()
    assert not conflict.can_reapply and not conflict.resolved  # still in the inbox

    inbox = ConflictInbox()
    qtbot.addWidget(inbox)
    inbox.set_conflicts(services.sync.conflicts())
    assert inbox.selected_id() == frozen
    assert not inbox.reapply_button.isEnabled() and inbox.discard_button.isEnabled()

    services.sync.discard(frozen, services.actor.user_id)  # acknowledging still works
    assert services.sync.conflicts() == []


def test_an_overwritten_edit_can_be_reapplied_from_the_inbox(
    services: Services, qtbot: QtBot
) -> None:
    _entry(services, "overwritten")
    inbox = ConflictInbox()
    qtbot.addWidget(inbox)
    inbox.set_conflicts(services.sync.conflicts())
    assert inbox.reapply_button.isEnabled()

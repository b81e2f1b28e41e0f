"""The server's freeze triggers name their content columns by hand (frozen at revision
s0001, as a migration must be); this keeps those lists equal to the synced tables, so a
column added to a report or a visit cannot escape the freeze unnoticed."""

from __future__ import annotations

import pytest

from crm_desktop.sync.entities import ENTITY_TABLES
from crm_desktop.sync.server.triggers import REPORT_COLUMNS, VISIT_COLUMNS

# Stamped at commit by the server's own bookkeeping, or the audit log the report commands
# append to (s0002: an entry about a signed report must not need a reopen): not content.
NOT_CONTENT = {"server_seq", "history"}


@pytest.mark.parametrize(
    ("entity", "listed"), [("daily_report", REPORT_COLUMNS), ("visit_record", VISIT_COLUMNS)]
)
def test_freeze_trigger_covers_every_content_column(entity: str, listed: list[str]) -> None:
    columns = {c.name for c in ENTITY_TABLES[entity].columns} - NOT_CONTENT
    assert sorted(listed) == sorted(columns)

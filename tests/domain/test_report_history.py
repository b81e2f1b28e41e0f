"""The report history log: appended in order, read back, damaged logs tolerated."""

from __future__ import annotations

import datetime as dt

from crm_desktop.domain.report_history import ReportEvent, append_event, parse_history


def test_events_append_in_order_and_read_back() -> None:
    t0 = dt.datetime(2026, 11, 20, 9, 30)
    log = append_event(None, "submit", t0, "rep-1")
    log = append_event(log, "sign", t0 + dt.timedelta(hours=2), "sup-1", "同意")
    log = append_event(log, "reopen", t0 + dt.timedelta(days=1), "sup-1", "订货金额有误")
    assert parse_history(log) == [
        ReportEvent("submit", t0, "rep-1"),
        ReportEvent("sign", t0 + dt.timedelta(hours=2), "sup-1", "同意"),
        ReportEvent("reopen", t0 + dt.timedelta(days=1), "sup-1", "订货金额有误"),
    ]
    assert "订货金额有误" in log  # stored readable, not \\u-escaped


def test_empty_or_damaged_history_reads_as_no_events() -> None:
    assert parse_history(None) == [] and parse_history("") == []
    assert parse_history("{not json") == [] and parse_history('[{"action": "sign"}]') == []
    fixed = append_event("{not json", "submit", dt.datetime(2026, 1, 5), "rep-1")
    assert [e.action for e in parse_history(fixed)] == ["submit"]

"""Complaint status machine and the rules of complaint, market-report and follow-up drafts."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_desktop.domain.complaints import (
    ComplaintAction,
    ComplaintDraft,
    MarketReportDraft,
    action_to,
    complaint_actions,
    complaint_is_overdue,
    complaint_problems,
    complaint_transition,
    market_report_problems,
)
from crm_desktop.domain.errors import TransitionError
from crm_desktop.domain.follow_ups import FollowUpDraft, follow_up_is_overdue, follow_up_problems
from crm_desktop.domain.picklists import ComplaintStatus

TODAY = dt.date(2024, 6, 12)
S = ComplaintStatus
A = ComplaintAction


def draft(**changes: object) -> ComplaintDraft:
    base: dict[str, object] = {
        "customer_id": "c1",
        "received_on": dt.date(2024, 6, 10),
        "description": "到货包装破损",
    }
    return ComplaintDraft(**{**base, **changes}).cleaned()  # type: ignore[arg-type]


def fields(problems: list) -> list[str | None]:  # type: ignore[type-arg]
    return [p.field for p in problems]


@pytest.mark.parametrize(
    ("status", "action", "target"),
    [
        (S.OPEN, A.START, S.IN_PROGRESS),
        (S.OPEN, A.RESOLVE, S.RESOLVED),
        (S.IN_PROGRESS, A.RESOLVE, S.RESOLVED),
        (S.RESOLVED, A.CLOSE, S.CLOSED),
        (S.RESOLVED, A.REOPEN, S.IN_PROGRESS),
    ],
)
def test_allowed_moves(status: ComplaintStatus, action: ComplaintAction, target: S) -> None:
    assert complaint_transition(status, action) is target
    assert action in complaint_actions(status)
    assert action_to(status, target) is action


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.OPEN, A.CLOSE),
        (S.IN_PROGRESS, A.CLOSE),
        (S.IN_PROGRESS, A.START),
        (S.OPEN, A.REOPEN),
        (S.CLOSED, A.REOPEN),
        (S.CLOSED, A.START),
    ],
)
def test_refused_moves_say_why(status: ComplaintStatus, action: ComplaintAction) -> None:
    with pytest.raises(TransitionError) as raised:
        complaint_transition(status, action)
    assert raised.value.message_zh and raised.value.message_en
    assert action not in complaint_actions(status)


def test_closed_is_final_and_says_so() -> None:
    assert complaint_actions(S.CLOSED) == []
    with pytest.raises(TransitionError, match="closed"):
        complaint_transition(S.CLOSED, A.REOPEN)
    with pytest.raises(TransitionError):
        action_to(S.OPEN, S.CLOSED)


def test_a_complete_draft_has_no_problems() -> None:
    assert complaint_problems(draft(due_on=dt.date(2024, 6, 20)), TODAY) == []


def test_complaint_rules() -> None:
    assert fields(complaint_problems(draft(customer_id=""), TODAY)) == ["customer"]
    assert fields(complaint_problems(draft(description="   "), TODAY)) == ["description"]
    assert fields(complaint_problems(draft(received_on=dt.date(2024, 6, 13)), TODAY)) == [
        "received_on"
    ]
    early = complaint_problems(draft(due_on=dt.date(2024, 6, 9)), TODAY)
    assert fields(early) == ["due_on"]
    assert early[0].message_zh == "处理期限不能早于受理日期"
    assert fields(complaint_problems(draft(due_on=dt.date(2024, 6, 10)), TODAY)) == []
    assert fields(complaint_problems(draft(channel="pigeon"), TODAY)) == ["channel"]
    assert fields(complaint_problems(draft(resolution="refund"), TODAY)) == ["resolution"]


@pytest.mark.parametrize("status", ["resolved", "closed"])
def test_resolved_or_closed_needs_a_resolution(status: str) -> None:
    problems = complaint_problems(draft(status=status), TODAY)
    assert fields(problems) == ["resolution"]
    assert "处理方式" in problems[0].message_zh
    assert complaint_problems(draft(status=status, resolution="exchange"), TODAY) == []


def test_overdue_only_while_pending_and_past_due() -> None:
    due = dt.date(2024, 6, 11)
    assert complaint_is_overdue("open", due, TODAY)
    assert complaint_is_overdue("in_progress", due, TODAY)
    assert not complaint_is_overdue("resolved", due, TODAY)
    assert not complaint_is_overdue("open", TODAY, TODAY)  # due today: not yet late
    assert not complaint_is_overdue("open", None, TODAY)


def test_market_report_rules() -> None:
    ok = MarketReportDraft(
        report_date=TODAY, description="竞品降价 8%", category="competitor_promotion"
    )
    assert market_report_problems(ok.cleaned(), TODAY) == []
    empty = MarketReportDraft(report_date=dt.date(2024, 6, 13), description=" ", severity="huge")
    assert fields(market_report_problems(empty.cleaned(), TODAY)) == [
        "report_date",
        "severity",
        "description",
    ]


def test_follow_up_rules_and_overdue() -> None:
    assert follow_up_problems(FollowUpDraft(title=" 回访 ", due_on=TODAY).cleaned()) == []
    assert fields(follow_up_problems(FollowUpDraft(title=" ", due_on=TODAY).cleaned())) == ["title"]
    assert fields(follow_up_problems(FollowUpDraft(title="x", due_on=TODAY, kind="nap"))) == [
        "kind"
    ]
    assert follow_up_is_overdue(False, dt.date(2024, 6, 11), TODAY)
    assert not follow_up_is_overdue(False, TODAY, TODAY)
    assert not follow_up_is_overdue(True, dt.date(2024, 6, 1), TODAY)

"""The workflow commands' rules, as both the laptop and the server apply them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from crm_desktop.domain.commands import (
    COMMENT_MAX,
    PlanFacts,
    ReportFacts,
    SignoffStale,
    check_signoff,
    plan_command,
    report_command,
    review_comment,
)
from crm_desktop.domain.errors import Forbidden, TransitionError, ValidationError
from crm_desktop.domain.org import Hierarchy, OrgTeam, OrgUser
from crm_desktop.domain.picklists import Role
from crm_desktop.domain.report_history import parse_history
from crm_desktop.domain.workflow import PlanAction, ReportAction

NOW = dt.datetime(2026, 11, 23, 12, 0)
TREE = Hierarchy.of(
    [
        OrgUser("rep", Role.REP, team_id="t"),
        OrgUser("other", Role.REP, team_id="far"),
        OrgUser("sup", Role.SUPERVISOR, supervisor_id="mgr"),
        OrgUser("mgr", Role.MANAGER),
    ],
    [OrgTeam("t", leader_id="sup"), OrgTeam("far")],
)

REPORT = ReportFacts(
    owner_id="rep",
    status="submitted",
    attendance="present",
    live_visits=2,
    history=None,
    reopen_count=0,
    version=3,
    content_hash="abc",
)


def report(**changes: object) -> ReportFacts:
    return dataclasses.replace(REPORT, **changes)  # type: ignore[arg-type]


def test_a_sign_off_sets_who_when_the_hash_and_the_history() -> None:
    changes = report_command(ReportAction.SIGN, REPORT, TREE.access("sup"), NOW, " 很好 ")
    assert changes["status"] == "signed"
    assert (changes["signed_at"], changes["signed_by"]) == (NOW, "sup")
    assert (changes["review_comment"], changes["content_hash"]) == ("很好", "abc")
    [event] = parse_history(changes["history"])
    assert (event.action, event.by, event.comment) == ("sign", "sup", "很好")


def test_only_the_authors_leaders_review_and_only_the_author_submits() -> None:
    with pytest.raises(Forbidden):
        report_command(ReportAction.SIGN, report(owner_id="other"), TREE.access("sup"), NOW, None)
    with pytest.raises(Forbidden):
        report_command(ReportAction.SIGN, report(owner_id="sup"), TREE.access("sup"), NOW, None)
    draft = report(status="draft")
    with pytest.raises(Forbidden):
        report_command(ReportAction.SUBMIT, draft, TREE.access("sup"), NOW, None)
    submitted = report_command(ReportAction.SUBMIT, draft, TREE.access("rep"), NOW, "ignored")
    assert submitted["status"] == "submitted" and submitted["submitted_at"] == NOW
    assert "review_comment" not in submitted
    # The manager above the supervisor reviews the rep's work too.
    assert report_command(ReportAction.RETURN, REPORT, TREE.access("mgr"), NOW, "改")["status"]


def test_returning_and_reopening_need_a_reason() -> None:
    with pytest.raises(ValidationError, match="comment"):
        report_command(ReportAction.RETURN, REPORT, TREE.access("sup"), NOW, "  ")
    signed = report(status="signed")
    with pytest.raises(ValidationError, match="reason"):
        report_command(ReportAction.REOPEN, signed, TREE.access("sup"), NOW, None)
    reopened = report_command(ReportAction.REOPEN, signed, TREE.access("sup"), NOW, "金额有误")
    assert (reopened["status"], reopened["reopen_count"]) == ("reopened", 1)
    with pytest.raises(ValidationError):
        plan_command(PlanAction.RETURN, PlanFacts("rep", "submitted"), TREE.access("sup"), NOW, "")


def test_only_a_supervisor_reopens() -> None:
    with pytest.raises(TransitionError):
        report_command(ReportAction.REOPEN, report(status="signed"), TREE.access("mgr"), NOW, "x")


def test_a_working_day_report_needs_a_visit_and_a_plan_a_customer() -> None:
    empty = report(status="draft", live_visits=0)
    with pytest.raises(ValidationError, match="visits"):
        report_command(ReportAction.SUBMIT, empty, TREE.access("rep"), NOW, None)
    leave = dataclasses.replace(empty, attendance="leave")
    assert report_command(ReportAction.SUBMIT, leave, TREE.access("rep"), NOW, None)
    with pytest.raises(ValidationError, match="customers"):
        plan_command(PlanAction.SUBMIT, PlanFacts("rep", "draft", 0), TREE.access("rep"), NOW, None)
    plan = plan_command(
        PlanAction.SUBMIT, PlanFacts("rep", "draft", 1), TREE.access("rep"), NOW, None
    )
    assert plan == {"status": "submitted", "submitted_at": NOW}
    signed = plan_command(
        PlanAction.COUNTERSIGN, PlanFacts("rep", "submitted"), TREE.access("sup"), NOW, None
    )
    assert (signed["countersigned_by"], signed["review_comment"]) == ("sup", None)


def test_a_sign_off_is_a_compare_and_set() -> None:
    check_signoff(REPORT, 3, "abc")
    for version, digest in ((2, "abc"), (3, "abd"), ("3", "abc"), (3, None)):
        with pytest.raises(SignoffStale):
            check_signoff(REPORT, version, digest)


def test_comments_are_text_and_bounded() -> None:
    assert review_comment(ReportAction.SIGN, None) is None
    with pytest.raises(ValidationError):
        review_comment(ReportAction.SIGN, "字" * (COMMENT_MAX + 1))
    with pytest.raises(ValidationError):
        review_comment(ReportAction.SIGN, ["not", "text"])  # type: ignore[arg-type]

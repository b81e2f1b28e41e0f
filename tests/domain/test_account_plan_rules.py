"""The account plan's rules (domain/account_plan*.py, relationship_map.py): the SMART
checks one by one, what a submission needs, the workflow's who-and-when, the content's
JSON round trip, and the relationship map's levels and coverage gaps."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from key_account_data import YEAR, full_plan, smart_objective

from crm_desktop.domain.account_plan import (
    ActionItem,
    PlanContent,
    RevenueQuarter,
    check_ready_to_submit,
    from_json,
    revenue_lines,
    smart_checks,
    to_json,
    validate_content,
)
from crm_desktop.domain.account_plan_workflow import (
    AccountPlanAction,
    AccountPlanFacts,
    available_actions,
    is_editable,
    plan_step,
)
from crm_desktop.domain.errors import Forbidden, TransitionError, ValidationError
from crm_desktop.domain.relationship_map import (
    MapPerson,
    broken_levels,
    build_tree,
    coverage_by_level,
    walk,
)

NOW = dt.datetime(2026, 11, 23, 2, 0)
A = AccountPlanAction


def _failed(**changes: object) -> set[str]:
    return {c.letter for c in smart_checks(smart_objective(**changes), YEAR) if not c.ok}


def test_a_complete_objective_passes_all_five_checks() -> None:
    assert _failed() == set()


@pytest.mark.parametrize(
    ("changes", "letter"),
    [
        ({"statement": "提高销量"}, "S"),
        ({"metric": ""}, "M"),
        ({"target": 0}, "M"),
        ({"baseline": None}, "A"),
        ({"target": 241}, "A"),  # more than three times the baseline of 80
        ({"serves": "  "}, "R"),
        ({"due_on": None}, "T"),
        ({"due_on": dt.date(YEAR + 1, 1, 1)}, "T"),
    ],
)
def test_each_smart_rule_fails_on_its_own(changes: dict[str, object], letter: str) -> None:
    assert _failed(**changes) == {letter}


def test_the_achievable_rule_allows_exactly_three_times_the_baseline() -> None:
    assert _failed(target=240) == set()


def test_submission_needs_every_objective_smart_and_says_which() -> None:
    plan = dataclasses.replace(
        full_plan("u1"), objectives=(smart_objective(), smart_objective(serves=""))
    )
    with pytest.raises(ValidationError) as error:
        check_ready_to_submit(plan, YEAR)
    assert "目标 2" in error.value.message_zh and "Appropriate" in error.value.message_en


@pytest.mark.parametrize("field", ["summary", "vision", "objectives", "actions"])
def test_submission_needs_the_strategy_sections(field: str) -> None:
    empty = "" if field in ("summary", "vision") else ()
    plan = dataclasses.replace(full_plan("u1"), **{field: empty})
    with pytest.raises(ValidationError) as error:
        check_ready_to_submit(plan, YEAR)
    assert error.value.field == field


def test_an_action_without_owner_or_due_date_blocks_submission() -> None:
    plan = dataclasses.replace(full_plan("u1"), actions=(ActionItem("k", "拜访", None),))
    with pytest.raises(ValidationError):
        check_ready_to_submit(plan, YEAR)
    check_ready_to_submit(full_plan("u1"), YEAR)


def test_content_survives_json_and_bad_json_opens_empty() -> None:
    plan = full_plan("u1")
    assert from_json(to_json(plan)) == plan
    assert from_json("{not json") == PlanContent()
    assert (
        from_json('{"objectives": [{"target": "lots", "due_on": "bad"}]}').objectives[0].target
        is None
    )


def test_validation_refuses_out_of_range_figures() -> None:
    with pytest.raises(ValidationError):
        validate_content(dataclasses.replace(full_plan("u1"), revenue=(RevenueQuarter(5),)))
    with pytest.raises(ValidationError):
        validate_content(
            dataclasses.replace(
                full_plan("u1"),
                actions=(ActionItem("k", "x", "u1", dt.date(2026, 5, 2), dt.date(2026, 5, 1)),),
            )
        )


def test_revenue_lines_put_actuals_beside_the_plan() -> None:
    lines = revenue_lines(full_plan("u1"), {2: (60_000_00, 50_000_00)})
    assert [line.quarter for line in lines] == [1, 2, 3, 4]
    q2 = lines[1]
    assert (q2.planned_sales_fen, q2.actual_orders_fen, q2.actual_collections_fen) == (
        120_000_00,
        60_000_00,
        50_000_00,
    )
    assert q2.planned_profit_fen == 20_000_00  # 100,000 yuan revenue at 20 %
    assert q2.estimated_profit_fen == 10_000_00
    assert q2.sales_achievement_pct == 50
    assert lines[0].actual_orders_fen == 0


# --- workflow --------------------------------------------------------------------------


def _facts(status: str, sponsor: str | None = "boss") -> AccountPlanFacts:
    return AccountPlanFacts("owner", status, YEAR, sponsor, to_json(full_plan("owner")), None)


def test_the_owner_submits_naming_a_sponsor_above_them() -> None:
    changes = plan_step(
        A.SUBMIT, _facts("draft", None), "owner", NOW, sponsor_id="boss", sponsor_reviews_owner=True
    )
    assert changes["status"] == "submitted" and changes["sponsor_id"] == "boss"
    assert '"submit"' in changes["history"]
    with pytest.raises(ValidationError):  # a sponsor who does not review the owner
        plan_step(A.SUBMIT, _facts("draft", None), "owner", NOW, sponsor_id="peer")
    with pytest.raises(ValidationError):
        plan_step(A.SUBMIT, _facts("draft", None), "owner", NOW)
    with pytest.raises(Forbidden):
        plan_step(A.SUBMIT, _facts("draft"), "boss", NOW, sponsor_id="boss")


def test_only_the_sponsor_approves_and_a_return_needs_a_comment() -> None:
    with pytest.raises(Forbidden):
        plan_step(A.APPROVE, _facts("submitted"), "owner", NOW)
    with pytest.raises(Forbidden):
        plan_step(A.APPROVE, _facts("submitted"), "someone", NOW)
    approved = plan_step(A.APPROVE, _facts("submitted"), "boss", NOW, "同意")
    assert approved["status"] == "approved" and approved["approved_by"] == "boss"
    assert approved["review_comment"] == "同意" and approved["approved_at"] == NOW
    with pytest.raises(ValidationError):
        plan_step(A.RETURN, _facts("submitted"), "boss", NOW, "  ")
    assert plan_step(A.RETURN, _facts("submitted"), "boss", NOW, "补充")["status"] == "returned"


def test_the_lifecycle_after_approval() -> None:
    assert plan_step(A.ACTIVATE, _facts("approved"), "owner", NOW)["status"] == "active"
    reviewed = plan_step(A.REVIEW, _facts("active"), "boss", NOW, "进展正常")
    assert reviewed["status"] == "active" and reviewed["reviewed_at"] == NOW
    assert plan_step(A.REVISE, _facts("active"), "owner", NOW)["status"] == "revised"
    assert plan_step(A.ARCHIVE, _facts("revised"), "owner", NOW)["status"] == "archived"
    with pytest.raises(TransitionError):
        plan_step(A.APPROVE, _facts("active"), "boss", NOW)
    with pytest.raises(TransitionError):
        plan_step(A.SUBMIT, _facts("archived"), "owner", NOW, sponsor_id="boss")


def test_content_is_editable_only_before_approval() -> None:
    assert [s for s in ("draft", "submitted", "returned", "approved", "active", "revised",
            "archived") if is_editable(s)] == ["draft", "returned"]  # fmt: skip
    assert not is_editable("nonsense")


def test_available_actions_follow_who_is_asking() -> None:
    assert available_actions(_facts("submitted"), "boss") == [A.APPROVE, A.RETURN]
    assert available_actions(_facts("submitted"), "owner") == []
    assert set(available_actions(_facts("active"), "owner")) == {A.REVIEW, A.REVISE, A.ARCHIVE}


# --- relationship map --------------------------------------------------------------------


def _person(cid: str, boss: str | None, ours: str | None = None, influence: int = 3) -> MapPerson:
    return MapPerson(cid, cid.upper(), reports_to=boss, our_user_id=ours, influence=influence)


def test_levels_follow_the_reporting_line_and_gaps_are_counted_per_level() -> None:
    people = [
        _person("ceo", None, "mgr", 5),
        _person("vp", "ceo", None, 4),
        _person("cfo", "ceo", "sup", 3),
        _person("buyer", "vp", None),
        _person("engineer", "vp", None),
    ]
    tree = build_tree(people)
    assert [(n.person.contact_id, n.level) for n in walk(tree)] == [
        ("ceo", 1),
        ("vp", 2),
        ("buyer", 3),
        ("engineer", 3),
        ("cfo", 2),
    ]
    coverage = coverage_by_level(tree)
    assert [(c.level, c.people, c.linked, c.gap) for c in coverage] == [
        (1, 1, 1, 0),
        (2, 2, 1, 1),
        (3, 2, 0, 2),
    ]
    assert coverage[1].unlinked == ("VP",)
    assert broken_levels(coverage) == [3]


def test_loops_and_unknown_superiors_never_drop_anyone() -> None:
    people = [_person("a", "b"), _person("b", "a"), _person("c", "gone")]
    assert sorted(n.person.contact_id for n in walk(build_tree(people))) == ["a", "b", "c"]

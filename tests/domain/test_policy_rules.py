"""The team policy: which row applies to a member, what values are valid, who writes it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm_desktop.domain.classification import Cadence
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import DEFAULT_CONFIRM_ABOVE_FEN, HARD_LIMIT_FEN, needs_confirmation
from crm_desktop.domain.org import Hierarchy, OrgTeam, OrgUser, RecordKind
from crm_desktop.domain.picklists import Role
from crm_desktop.domain.policy import (
    DEFAULT_POLICY,
    MAX_CONFIRM_ABOVE_YUAN,
    TeamPolicy,
    check_confirm_ceiling,
    check_due_hour,
    check_policy_columns,
    effective_policy,
)

PARENTS: dict[str, str | None] = {"east": None, "sh": "east", "pd": "sh", "west": None}


def row(hour: int, **more: int) -> dict[str, object]:
    return {**DEFAULT_POLICY.columns(), "report_due_hour": hour, **more}


def test_the_own_team_row_wins_over_parents_and_the_company_default() -> None:
    rows = {"sh": row(18), "east": row(19), None: row(21)}
    assert effective_policy("sh", rows, PARENTS).report_due_hour == 18


def test_a_team_without_a_row_takes_the_nearest_ancestors() -> None:
    rows = {"east": row(19), None: row(21)}
    assert effective_policy("pd", rows, PARENTS).report_due_hour == 19


def test_no_row_up_the_tree_falls_back_to_the_company_default_then_builtin() -> None:
    assert effective_policy("west", {"east": row(19), None: row(21)}, PARENTS).report_due_hour == 21
    assert effective_policy(None, {None: row(21)}, PARENTS).report_due_hour == 21
    assert effective_policy("west", {"east": row(19)}, PARENTS) == DEFAULT_POLICY
    assert DEFAULT_POLICY.report_due_hour == 20 and DEFAULT_POLICY.cadence == Cadence()


def test_an_invalid_row_is_skipped_as_if_absent() -> None:
    rows = {"sh": row(25), "east": row(19)}
    assert effective_policy("sh", rows, PARENTS).report_due_hour == 19


def test_a_cycle_in_the_tree_ends_the_walk() -> None:
    parents: dict[str, str | None] = {"x": "y", "y": "x"}
    assert effective_policy("x", {None: row(7)}, parents).report_due_hour == 7


def test_columns_round_trip() -> None:
    policy = TeamPolicy.from_columns(row(9, cadence_a_days=7, abc_a_share_pct=60))
    assert policy.cadence.a_days == 7 and policy.thresholds.a_share == Decimal("0.6")
    assert TeamPolicy.from_columns(policy.columns()) == policy


@pytest.mark.parametrize("hour", [-1, 24, True])
def test_due_hour_is_an_hour_of_the_day(hour: int) -> None:
    with pytest.raises(ValidationError):
        check_due_hour(hour)
    with pytest.raises(ValidationError):
        TeamPolicy(report_due_hour=hour)


@pytest.mark.parametrize(
    "values",
    [
        {"report_due_hour": 24},
        {"cadence_b_days": 0},
        {"abc_a_share_pct": -1},
        {"abc_a_share_pct": 101},
        {"abc_a_share_pct": 80, "abc_b_share_pct": 30},
    ],
)
def test_invalid_values_are_refused(values: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        check_policy_columns(values)


def test_a_patch_is_judged_with_the_stored_row() -> None:
    stored = row(20, abc_a_share_pct=80, abc_b_share_pct=10)
    with pytest.raises(ValidationError):
        check_policy_columns({"abc_b_share_pct": 30}, stored)
    assert check_policy_columns({"abc_b_share_pct": 20}, stored).thresholds.b_share == Decimal(
        "0.2"
    )
    assert check_policy_columns({"report_due_hour": 0}).report_due_hour == 0


def test_the_confirm_ceiling_defaults_to_ten_yi_yuan() -> None:
    assert DEFAULT_POLICY.confirm_amount_above_yuan == 1_000_000_000  # 10亿
    assert DEFAULT_POLICY.confirm_above_fen == DEFAULT_CONFIRM_ABOVE_FEN
    assert DEFAULT_POLICY.columns()["confirm_amount_above_yuan"] == 1_000_000_000


def test_a_teams_ceiling_is_what_needs_confirmation_compares_with() -> None:
    policy = check_policy_columns({"confirm_amount_above_yuan": 50_000})  # 5万
    assert policy.confirm_above_fen == 50_000_00
    assert needs_confirmation(50_000_01, policy.confirm_above_fen)
    assert not needs_confirmation(50_000_00, policy.confirm_above_fen)
    assert TeamPolicy.from_columns(policy.columns()) == policy


@pytest.mark.parametrize("yuan", [0, -5, MAX_CONFIRM_ABOVE_YUAN + 1, True, 1.5, "100"])
def test_a_confirm_ceiling_is_positive_whole_yuan_within_the_hard_limit(yuan: object) -> None:
    with pytest.raises(ValidationError) as raised:
        check_policy_columns({"confirm_amount_above_yuan": yuan})
    assert raised.value.field == "confirm_amount_above_yuan"
    assert "上限" in raised.value.message_zh and "between 1 and" in raised.value.message_en
    with pytest.raises(ValidationError):
        TeamPolicy(confirm_amount_above_yuan=yuan)  # type: ignore[arg-type]


def test_the_hard_limit_itself_and_one_yuan_are_valid_ceilings() -> None:
    assert MAX_CONFIRM_ABOVE_YUAN * 100 == HARD_LIMIT_FEN
    assert check_confirm_ceiling(MAX_CONFIRM_ABOVE_YUAN) == MAX_CONFIRM_ABOVE_YUAN
    assert check_confirm_ceiling(1) == 1


def test_a_row_without_a_ceiling_takes_the_default_not_the_parents() -> None:
    """A row written where the column did not exist yet (an older server's: NULL on the
    laptop) is still a valid row; its ceiling is the built-in one, on every laptop."""
    rows = {"sh": row(18, confirm_amount_above_yuan=None), "east": row(19)}  # type: ignore[arg-type]
    policy = effective_policy("sh", rows, PARENTS)
    assert (policy.report_due_hour, policy.confirm_amount_above_yuan) == (18, 1_000_000_000)


def org() -> Hierarchy:
    return Hierarchy.of(
        [
            OrgUser("admin", Role.ADMIN),
            OrgUser("mgr", Role.MANAGER),
            OrgUser("mgr2", Role.MANAGER, team_id="west"),
            OrgUser("sup", Role.SUPERVISOR, team_id="sh"),
            OrgUser("a", Role.REP, team_id="sh"),
        ],
        [
            OrgTeam("east", leader_id="mgr"),
            OrgTeam("sh", parent_id="east", leader_id="sup"),
            OrgTeam("west", leader_id="mgr2"),
        ],
    )


def test_an_admin_writes_any_row_including_the_company_default() -> None:
    tree = org()
    assert all(tree.may_set_team_policy("admin", t) for t in ("east", "sh", "west", None))


def test_a_manager_writes_the_rows_of_the_teams_they_lead() -> None:
    tree = org()
    assert tree.may_set_team_policy("mgr", "east") and tree.may_set_team_policy("mgr", "sh")
    assert not tree.may_set_team_policy("mgr", "west")
    assert not tree.may_set_team_policy("mgr", None)  # the company default: admins only


@pytest.mark.parametrize("user", ["sup", "a", "nobody"])
def test_supervisors_and_reps_write_no_row(user: str) -> None:
    tree = org()
    assert not any(tree.may_set_team_policy(user, t) for t in ("east", "sh", None))
    assert not tree.access(user).may_write(RecordKind.TEAM_POLICY, user)
    assert tree.access(user).may_read(RecordKind.TEAM_POLICY, "admin")


def test_the_policy_team_of_a_user() -> None:
    tree = org()
    assert tree.policy_team("a") == "sh"
    assert tree.policy_team("mgr") == "east"  # in no team, leads east
    assert tree.policy_team("mgr2") == "west"
    assert tree.policy_team("admin") is None

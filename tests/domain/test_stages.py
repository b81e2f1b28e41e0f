"""Opportunity stages: the default method, advance conditions, won/lost rules."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.domain.picklists import ControlMode
from crm_desktop.domain.stages import (
    DEFAULT_METHOD_CODE,
    DEFAULT_STAGES,
    StageChange,
    StageDef,
    StageWarning,
    check_stage_change,
    demotion_target,
    find_stage,
    validate_stages,
)

WON_OK = StageChange(
    visits_in_stage=3, amount_fen=100_000, won_date=date(2026, 5, 1), won_reason="价格优势"
)
LOST_OK = StageChange(visits_in_stage=3, lost_reason="价格太高", winning_competitor="竞争对手甲")


def stage(code: str) -> StageDef:
    return find_stage(code)


def with_mode(
    base: StageDef, mode: ControlMode, min_visits: int = 2, requires_amount: bool = False
) -> StageDef:
    return dataclasses.replace(
        base, control_mode=mode, min_visits=min_visits, requires_amount=requires_amount
    )


def test_default_method_matches_the_spec() -> None:
    assert DEFAULT_METHOD_CODE == "standard"
    assert [(s.code, s.name_zh, s.probability_pct, s.outcome) for s in DEFAULT_STAGES] == [
        ("discover", "了解情况", 10, "open"),
        ("research", "预研", 25, "open"),
        ("proposal", "制作方案", 50, "open"),
        ("bid", "投标", 70, "open"),
        ("contract", "签约", 90, "open"),
        ("won", "赢单", 100, "won"),
        ("lost", "输单", 0, "lost"),
    ]
    positions = [s.position for s in DEFAULT_STAGES]
    assert positions == sorted(positions)
    validate_stages(DEFAULT_STAGES)


def test_default_conditions_warn_from_proposal_on() -> None:
    for code in ("discover", "research", "lost"):
        assert stage(code).control_mode is ControlMode.NONE
    for code in ("proposal", "bid", "contract"):
        assert stage(code).min_visits == 1
        assert stage(code).control_mode is ControlMode.WARN


def test_default_conditions_want_a_quote_from_bidding_on() -> None:
    assert [s.code for s in DEFAULT_STAGES if s.requires_amount] == ["bid", "contract", "won"]


def test_stage_def_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        stage("bid").probability_pct = 80  # type: ignore[misc]


def test_find_stage_unknown_code() -> None:
    with pytest.raises(ValidationError):
        find_stage("nope")


# --- advance conditions -------------------------------------------------------------


def test_condition_met_gives_no_warning() -> None:
    target = with_mode(stage("bid"), ControlMode.STRICT, min_visits=2)
    assert check_stage_change(stage("proposal"), target, StageChange(visits_in_stage=2)) == []


def test_warn_mode_returns_a_bilingual_warning() -> None:
    target = with_mode(stage("bid"), ControlMode.WARN, min_visits=2)
    warnings = check_stage_change(stage("proposal"), target, StageChange(visits_in_stage=1))
    assert len(warnings) == 1
    (warning,) = warnings
    assert isinstance(warning, StageWarning)
    assert "投标" in warning.zh and "2" in warning.zh
    assert "Bidding" in warning.en and "2" in warning.en
    assert warning.message("en_US") == warning.en
    assert warning.message() == warning.zh


def test_strict_mode_refuses() -> None:
    target = with_mode(stage("bid"), ControlMode.STRICT, min_visits=2)
    with pytest.raises(TransitionError) as info:
        check_stage_change(stage("proposal"), target, StageChange(visits_in_stage=1))
    assert "投标" in info.value.message_zh


def test_none_mode_ignores_the_condition() -> None:
    target = with_mode(stage("bid"), ControlMode.NONE, min_visits=5)
    assert check_stage_change(stage("proposal"), target, StageChange(visits_in_stage=0)) == []


def test_default_method_warns_on_an_unvisited_proposal() -> None:
    warnings = check_stage_change(stage("research"), stage("proposal"), StageChange())
    assert len(warnings) == 1


def test_skipping_stages_checks_the_target_condition() -> None:
    target = with_mode(stage("contract"), ControlMode.STRICT, min_visits=1)
    with pytest.raises(TransitionError):
        check_stage_change(stage("discover"), target, StageChange(visits_in_stage=0))


def test_stepping_back_is_not_held_to_advance_conditions() -> None:
    target = with_mode(stage("research"), ControlMode.STRICT, min_visits=9)
    assert check_stage_change(stage("bid"), target, StageChange(visits_in_stage=0)) == []


# --- closing ------------------------------------------------------------------------


def test_won_with_date_and_reason() -> None:
    assert check_stage_change(stage("contract"), stage("won"), WON_OK) == []


def test_won_condition_is_checked_too() -> None:
    change = dataclasses.replace(WON_OK, visits_in_stage=0)
    won_strict = with_mode(stage("won"), ControlMode.STRICT, min_visits=1)
    with pytest.raises(TransitionError):
        check_stage_change(stage("contract"), won_strict, change)
    assert len(check_stage_change(stage("contract"), stage("won"), change)) == 1


@pytest.mark.parametrize(
    ("change", "missing_zh"),
    [
        (dataclasses.replace(WON_OK, won_date=None), ["赢单日期"]),
        (dataclasses.replace(WON_OK, won_reason=None), ["赢单原因"]),
        (dataclasses.replace(WON_OK, won_reason="   "), ["赢单原因"]),
        (StageChange(visits_in_stage=3), ["赢单日期", "赢单原因"]),
    ],
)
def test_won_needs_date_and_reason(change: StageChange, missing_zh: list[str]) -> None:
    with pytest.raises(TransitionError) as info:
        check_stage_change(stage("contract"), stage("won"), change)
    for item in missing_zh:
        assert item in info.value.message_zh


def test_won_requirements_hold_even_without_control_mode() -> None:
    won_free = with_mode(stage("won"), ControlMode.NONE, min_visits=0)
    with pytest.raises(TransitionError):
        check_stage_change(stage("discover"), won_free, StageChange())


def test_lost_with_reason_and_competitor() -> None:
    assert check_stage_change(stage("research"), stage("lost"), LOST_OK) == []


@pytest.mark.parametrize(
    ("change", "missing_en"),
    [
        (dataclasses.replace(LOST_OK, lost_reason=None), ["reason for losing"]),
        (dataclasses.replace(LOST_OK, lost_reason=""), ["reason for losing"]),
        (dataclasses.replace(LOST_OK, winning_competitor=None), ["competitor who won"]),
        (dataclasses.replace(LOST_OK, winning_competitor=" \t"), ["competitor who won"]),
        (StageChange(), ["reason for losing", "competitor who won"]),
    ],
)
def test_lost_needs_reason_and_winning_competitor(
    change: StageChange, missing_en: list[str]
) -> None:
    with pytest.raises(TransitionError) as info:
        check_stage_change(stage("bid"), stage("lost"), change)
    for item in missing_en:
        assert item in info.value.message_en


def test_lost_does_not_need_won_details_and_vice_versa() -> None:
    assert check_stage_change(stage("bid"), stage("lost"), LOST_OK) == []
    assert check_stage_change(stage("bid"), stage("won"), WON_OK) == []


ANY_CLOSE = StageChange(
    visits_in_stage=5,
    amount_fen=1,
    won_date=date(2026, 1, 1),
    won_reason="r",
    lost_reason="r",
    winning_competitor="c",
)


@pytest.mark.parametrize("target", [s.code for s in DEFAULT_STAGES])
def test_won_is_final(target: str) -> None:
    with pytest.raises(TransitionError):
        check_stage_change(stage("won"), stage(target), ANY_CLOSE)


@pytest.mark.parametrize("target", [s.code for s in DEFAULT_STAGES if s.code != "discover"])
def test_lost_can_go_nowhere_but_back_to_potential(target: str) -> None:
    with pytest.raises(TransitionError) as info:
        check_stage_change(stage("lost"), stage(target), ANY_CLOSE)
    if target != "lost":
        assert "了解情况" in info.value.message_zh and "Discovery" in info.value.message_en


def test_lost_goes_back_to_the_first_open_stage_without_conditions() -> None:
    strict_first = with_mode(stage("discover"), ControlMode.STRICT, 9, requires_amount=True)
    stages = tuple(strict_first if s.code == "discover" else s for s in DEFAULT_STAGES)
    assert check_stage_change(stage("lost"), strict_first, StageChange(), stages) == []


def test_demotion_follows_the_configured_method() -> None:
    # A method whose first open stage is not "discover": the lowest position decides.
    stages = tuple(
        dataclasses.replace(s, position=0) if s.code == "research" else s for s in DEFAULT_STAGES
    )
    assert demotion_target(stages).code == "research"
    assert check_stage_change(stage("lost"), stage("research"), StageChange(), stages) == []
    with pytest.raises(TransitionError):
        check_stage_change(stage("lost"), stage("discover"), StageChange(), stages)


def test_demotion_target_of_the_default_method_is_discovery() -> None:
    assert demotion_target().code == "discover"
    assert demotion_target(DEFAULT_STAGES) == stage("discover")


def test_demotion_target_needs_an_open_stage() -> None:
    with pytest.raises(ValidationError):
        demotion_target([s for s in DEFAULT_STAGES if s.is_closed])


@pytest.mark.parametrize("code", [s.code for s in DEFAULT_STAGES if s.outcome == "open"])
def test_same_stage_move_is_refused(code: str) -> None:
    with pytest.raises(TransitionError) as info:
        check_stage_change(stage(code), stage(code), StageChange(visits_in_stage=5))
    assert stage(code).name_zh in info.value.message_zh


# --- method validation --------------------------------------------------------------


def test_validate_rejects_duplicate_codes() -> None:
    stages = (*DEFAULT_STAGES, dataclasses.replace(DEFAULT_STAGES[0], position=99))
    with pytest.raises(ValidationError):
        validate_stages(stages)


def test_validate_rejects_duplicate_positions() -> None:
    stages = (*DEFAULT_STAGES, dataclasses.replace(DEFAULT_STAGES[0], code="x"))
    with pytest.raises(ValidationError):
        validate_stages(stages)


def test_validate_needs_exactly_one_won_and_one_lost() -> None:
    without_lost = tuple(s for s in DEFAULT_STAGES if s.outcome != "lost")
    with pytest.raises(ValidationError):
        validate_stages(without_lost)
    two_won = (*DEFAULT_STAGES, dataclasses.replace(stage("won"), code="won2", position=8))
    with pytest.raises(ValidationError):
        validate_stages(two_won)


@pytest.mark.parametrize("pct", [-1, 101])
def test_validate_rejects_out_of_range_probability(pct: int) -> None:
    stages = tuple(
        dataclasses.replace(s, probability_pct=pct) if s.code == "bid" else s
        for s in DEFAULT_STAGES
    )
    with pytest.raises(ValidationError):
        validate_stages(stages)


def test_validate_rejects_negative_min_visits() -> None:
    stages = tuple(
        dataclasses.replace(s, min_visits=-1) if s.code == "bid" else s for s in DEFAULT_STAGES
    )
    with pytest.raises(ValidationError):
        validate_stages(stages)


def test_validate_needs_an_open_stage() -> None:
    with pytest.raises(ValidationError) as info:
        validate_stages([s for s in DEFAULT_STAGES if s.is_closed])
    assert info.value.field == "outcome"


def test_validate_rejects_blank_code_and_names() -> None:
    blank_code = tuple(
        dataclasses.replace(s, code=" ") if s.code == "bid" else s for s in DEFAULT_STAGES
    )
    with pytest.raises(ValidationError):
        validate_stages(blank_code)
    blank_name = tuple(
        dataclasses.replace(s, name_en="") if s.code == "bid" else s for s in DEFAULT_STAGES
    )
    with pytest.raises(ValidationError):
        validate_stages(blank_name)


# --- the quote amount condition -----------------------------------------------------


def test_amount_condition_warns_in_warn_mode() -> None:
    target = with_mode(stage("bid"), ControlMode.WARN, min_visits=0, requires_amount=True)
    (warning,) = check_stage_change(stage("proposal"), target, StageChange(amount_fen=0))
    assert "报价金额" in warning.zh and "quoted amount" in warning.en
    assert check_stage_change(stage("proposal"), target, StageChange(amount_fen=1)) == []


def test_amount_condition_refuses_in_strict_mode() -> None:
    target = with_mode(stage("bid"), ControlMode.STRICT, min_visits=0, requires_amount=True)
    with pytest.raises(TransitionError) as info:
        check_stage_change(stage("proposal"), target, StageChange(visits_in_stage=9))
    assert "报价金额" in info.value.message_zh


def test_amount_condition_ignored_without_control() -> None:
    target = with_mode(stage("bid"), ControlMode.NONE, min_visits=0, requires_amount=True)
    assert check_stage_change(stage("proposal"), target, StageChange()) == []


def test_each_unmet_condition_is_one_warning() -> None:
    target = with_mode(stage("bid"), ControlMode.WARN, min_visits=2, requires_amount=True)
    warnings = check_stage_change(stage("proposal"), target, StageChange(visits_in_stage=1))
    assert len(warnings) == 2
    assert "2" in warnings[0].en and "quoted amount" in warnings[1].en


def test_strict_refusal_names_every_unmet_condition() -> None:
    target = with_mode(stage("bid"), ControlMode.STRICT, min_visits=2, requires_amount=True)
    with pytest.raises(TransitionError) as info:
        check_stage_change(stage("proposal"), target, StageChange(visits_in_stage=1))
    assert "拜访" in info.value.message_zh and "报价金额" in info.value.message_zh
    assert "visit" in info.value.message_en and "quoted amount" in info.value.message_en


def test_stepping_back_ignores_the_amount_condition() -> None:
    target = with_mode(stage("research"), ControlMode.STRICT, min_visits=0, requires_amount=True)
    assert check_stage_change(stage("bid"), target, StageChange()) == []


def test_default_bid_warns_about_visits_and_amount() -> None:
    warnings = check_stage_change(stage("proposal"), stage("bid"), StageChange())
    assert len(warnings) == 2

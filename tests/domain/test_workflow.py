"""Plan and report state machines: every status × action × role combination."""

from __future__ import annotations

import itertools

import pytest

from crm_desktop.domain.errors import TransitionError
from crm_desktop.domain.picklists import PlanStatus, ReportStatus, Role
from crm_desktop.domain.workflow import (
    PLAN_TRANSITIONS,
    REPORT_TRANSITIONS,
    PlanAction,
    ReportAction,
    plan_actions,
    plan_is_editable,
    plan_transition,
    report_actions,
    report_is_editable,
    report_transition,
)

# Written from SPEC §1/§2.2/§2.3 independently of the module's tables, as plain text:
# "from action to: roles allowed". Everything not listed must be refused.
PLAN_RULES = """
draft      submit      submitted      rep supervisor
returned   submit      submitted      rep supervisor
submitted  countersign countersigned  supervisor manager
submitted  return      returned       supervisor manager
draft      edit        draft          rep supervisor
returned   edit        returned       rep supervisor
"""

REPORT_RULES = """
draft      submit  submitted  rep supervisor
returned   submit  submitted  rep supervisor
reopened   submit  submitted  rep supervisor
submitted  sign    signed     supervisor manager
submitted  return  returned   supervisor manager
signed     reopen  reopened   supervisor
draft      edit    draft      rep supervisor
returned   edit    returned   rep supervisor
reopened   edit    reopened   rep supervisor
"""


def _parse(rules: str) -> dict[tuple[str, str, str], str]:
    expected: dict[tuple[str, str, str], str] = {}
    for line in rules.strip().splitlines():
        source, action, target, *roles = line.split()
        for role in roles:
            expected[(source, action, role)] = target
    return expected


EXPECTED_PLAN = _parse(PLAN_RULES)
EXPECTED_REPORT = _parse(REPORT_RULES)

PLAN_CASES = list(itertools.product(PlanStatus, PlanAction, Role))
REPORT_CASES = list(itertools.product(ReportStatus, ReportAction, Role))


def test_expected_tables_cover_the_picklists() -> None:
    # Guards the independent table against typos that would silently make a case "illegal".
    assert {s for s, _, _ in EXPECTED_PLAN} <= {s.value for s in PlanStatus}
    assert {a for _, a, _ in EXPECTED_PLAN} == {a.value for a in PlanAction}
    assert {s for s, _, _ in EXPECTED_REPORT} <= {s.value for s in ReportStatus}
    assert {a for _, a, _ in EXPECTED_REPORT} == {a.value for a in ReportAction}
    roles = {r.value for r in Role}
    assert {r for _, _, r in EXPECTED_PLAN} | {r for _, _, r in EXPECTED_REPORT} <= roles


@pytest.mark.parametrize(("status", "action", "role"), PLAN_CASES)
def test_plan_transition(status: PlanStatus, action: PlanAction, role: Role) -> None:
    expected = EXPECTED_PLAN.get((status.value, action.value, role.value))
    if expected is None:
        with pytest.raises(TransitionError) as info:
            plan_transition(status, action, role)
        # The message names the state and the action, in both languages.
        assert status.zh in info.value.message_zh and action.zh in info.value.message_zh
        assert status.en in info.value.message_en
        assert action.en.lower() in info.value.message_en
    else:
        assert plan_transition(status, action, role) == PlanStatus(expected)


@pytest.mark.parametrize(("status", "action", "role"), REPORT_CASES)
def test_report_transition(status: ReportStatus, action: ReportAction, role: Role) -> None:
    expected = EXPECTED_REPORT.get((status.value, action.value, role.value))
    if expected is None:
        with pytest.raises(TransitionError) as info:
            report_transition(status, action, role)
        assert info.value.message_zh and info.value.message_en
        if (status, action) != (ReportStatus.SIGNED, ReportAction.EDIT):
            assert status.zh in info.value.message_zh and action.zh in info.value.message_zh
            assert status.en in info.value.message_en
            assert action.en.lower() in info.value.message_en
    else:
        assert report_transition(status, action, role) == ReportStatus(expected)


@pytest.mark.parametrize("role", list(Role))
def test_signed_report_is_frozen_for_everyone(role: Role) -> None:
    with pytest.raises(TransitionError) as info:
        report_transition(ReportStatus.SIGNED, ReportAction.EDIT, role)
    assert "冻结" in info.value.message_zh
    assert "frozen" in info.value.message_en


def test_role_refusal_names_the_role() -> None:
    with pytest.raises(TransitionError) as info:
        report_transition(ReportStatus.SUBMITTED, ReportAction.SIGN, Role.REP)
    assert Role.REP.zh in info.value.message_zh
    assert info.value.message_en.startswith("Sales rep may not sign off")


def test_state_is_judged_before_role() -> None:
    # A rep trying to countersign an already countersigned plan hears about the state.
    with pytest.raises(TransitionError) as info:
        plan_transition(PlanStatus.COUNTERSIGNED, PlanAction.COUNTERSIGN, Role.REP)
    assert Role.REP.zh not in info.value.message_zh
    assert PlanStatus.COUNTERSIGNED.zh in info.value.message_zh


def test_full_report_round_trip() -> None:
    status = ReportStatus.DRAFT
    for action, role in [
        (ReportAction.EDIT, Role.REP),
        (ReportAction.SUBMIT, Role.REP),
        (ReportAction.RETURN, Role.SUPERVISOR),
        (ReportAction.EDIT, Role.REP),
        (ReportAction.SUBMIT, Role.REP),
        (ReportAction.SIGN, Role.SUPERVISOR),
        (ReportAction.REOPEN, Role.SUPERVISOR),
        (ReportAction.EDIT, Role.REP),
        (ReportAction.SUBMIT, Role.REP),
        (ReportAction.SIGN, Role.MANAGER),
    ]:
        status = report_transition(status, action, role)
    assert status is ReportStatus.SIGNED


@pytest.mark.parametrize(
    ("status", "editable"),
    [
        (PlanStatus.DRAFT, True),
        (PlanStatus.RETURNED, True),
        (PlanStatus.SUBMITTED, False),
        (PlanStatus.COUNTERSIGNED, False),
    ],
)
def test_plan_is_editable(status: PlanStatus, editable: bool) -> None:
    assert plan_is_editable(status) is editable


@pytest.mark.parametrize(
    ("status", "editable"),
    [
        (ReportStatus.DRAFT, True),
        (ReportStatus.RETURNED, True),
        (ReportStatus.REOPENED, True),
        (ReportStatus.SUBMITTED, False),
        (ReportStatus.SIGNED, False),
    ],
)
def test_report_is_editable(status: ReportStatus, editable: bool) -> None:
    assert report_is_editable(status) is editable


@pytest.mark.parametrize(("status", "role"), list(itertools.product(PlanStatus, Role)))
def test_plan_actions_match_the_expected_table(status: PlanStatus, role: Role) -> None:
    expected = {a for (s, a, r) in EXPECTED_PLAN if s == status.value and r == role.value}
    assert {a.value for a in plan_actions(status, role)} == expected


@pytest.mark.parametrize(("status", "role"), list(itertools.product(ReportStatus, Role)))
def test_report_actions_match_the_expected_table(status: ReportStatus, role: Role) -> None:
    expected = {a for (s, a, r) in EXPECTED_REPORT if s == status.value and r == role.value}
    assert {a.value for a in report_actions(status, role)} == expected


def test_transition_tables_are_read_only() -> None:
    with pytest.raises(TypeError):
        PLAN_TRANSITIONS[(PlanStatus.COUNTERSIGNED, PlanAction.EDIT)] = PlanStatus.DRAFT  # type: ignore[index]
    with pytest.raises(TypeError):
        REPORT_TRANSITIONS[(ReportStatus.SIGNED, ReportAction.EDIT)] = ReportStatus.SIGNED  # type: ignore[index]


def test_actions_carry_labels() -> None:
    assert PlanAction.COUNTERSIGN.zh == "核签"
    assert ReportAction.SIGN.zh == "签核"
    assert ReportAction.from_label("重开") is ReportAction.REOPEN

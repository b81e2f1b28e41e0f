"""State machines of the daily visit plan and the daily sales report (SPEC §2.2, §2.3)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from crm_desktop.domain.errors import TransitionError
from crm_desktop.domain.picklists import Picklist, PlanStatus, ReportStatus, Role


class PlanAction(Picklist):
    SUBMIT = ("submit", "提交", "Submit")
    COUNTERSIGN = ("countersign", "核签", "Countersign")
    RETURN = ("return", "退回", "Return")
    EDIT = ("edit", "编辑", "Edit")


class ReportAction(Picklist):
    SUBMIT = ("submit", "提交", "Submit")
    SIGN = ("sign", "签核", "Sign off")
    RETURN = ("return", "退回", "Return")
    REOPEN = ("reopen", "重开", "Reopen")
    EDIT = ("edit", "编辑", "Edit")


# The author of a plan or report is a rep, or a supervisor writing their own; reviewers
# are the people above them. Whether this user *is* the author or the reviewer of this
# particular record is the service's check; here only the role is judged.
_AUTHORS = frozenset({Role.REP, Role.SUPERVISOR})
_REVIEWERS = frozenset({Role.SUPERVISOR, Role.MANAGER})

PLAN_TRANSITIONS: Mapping[tuple[PlanStatus, PlanAction], PlanStatus] = MappingProxyType(
    {
        (PlanStatus.DRAFT, PlanAction.SUBMIT): PlanStatus.SUBMITTED,
        (PlanStatus.RETURNED, PlanAction.SUBMIT): PlanStatus.SUBMITTED,
        (PlanStatus.SUBMITTED, PlanAction.COUNTERSIGN): PlanStatus.COUNTERSIGNED,
        (PlanStatus.SUBMITTED, PlanAction.RETURN): PlanStatus.RETURNED,
        (PlanStatus.DRAFT, PlanAction.EDIT): PlanStatus.DRAFT,
        (PlanStatus.RETURNED, PlanAction.EDIT): PlanStatus.RETURNED,
    }
)

PLAN_ACTION_ROLES: Mapping[PlanAction, frozenset[Role]] = MappingProxyType(
    {
        PlanAction.SUBMIT: _AUTHORS,
        PlanAction.EDIT: _AUTHORS,
        PlanAction.COUNTERSIGN: _REVIEWERS,
        PlanAction.RETURN: _REVIEWERS,
    }
)

REPORT_TRANSITIONS: Mapping[tuple[ReportStatus, ReportAction], ReportStatus] = MappingProxyType(
    {
        (ReportStatus.DRAFT, ReportAction.SUBMIT): ReportStatus.SUBMITTED,
        (ReportStatus.RETURNED, ReportAction.SUBMIT): ReportStatus.SUBMITTED,
        (ReportStatus.REOPENED, ReportAction.SUBMIT): ReportStatus.SUBMITTED,
        (ReportStatus.SUBMITTED, ReportAction.SIGN): ReportStatus.SIGNED,
        (ReportStatus.SUBMITTED, ReportAction.RETURN): ReportStatus.RETURNED,
        (ReportStatus.SIGNED, ReportAction.REOPEN): ReportStatus.REOPENED,
        (ReportStatus.DRAFT, ReportAction.EDIT): ReportStatus.DRAFT,
        (ReportStatus.RETURNED, ReportAction.EDIT): ReportStatus.RETURNED,
        (ReportStatus.REOPENED, ReportAction.EDIT): ReportStatus.REOPENED,
    }
)

REPORT_ACTION_ROLES: Mapping[ReportAction, frozenset[Role]] = MappingProxyType(
    {
        ReportAction.SUBMIT: _AUTHORS,
        ReportAction.EDIT: _AUTHORS,
        ReportAction.SIGN: _REVIEWERS,
        ReportAction.RETURN: _REVIEWERS,
        # SPEC §1: the supervisor reopens a signed report (audited); a manager signs
        # and returns but does not reopen.
        ReportAction.REOPEN: frozenset({Role.SUPERVISOR}),
    }
)


def _state_error(kind_zh: str, kind_en: str, status: Picklist, action: Picklist) -> TransitionError:
    return TransitionError(
        f"{status.zh}状态的{kind_zh}不能执行“{action.zh}”操作",
        f"Cannot {action.en.lower()} a {kind_en} in state {status.en}",
    )


def _role_error(
    kind_zh: str, kind_en: str, status: Picklist, action: Picklist, role: Role
) -> TransitionError:
    return TransitionError(
        f"{role.zh}无权对{status.zh}状态的{kind_zh}执行“{action.zh}”操作",
        f"{role.en} may not {action.en.lower()} a {kind_en} in state {status.en}",
    )


def plan_transition(status: PlanStatus, action: PlanAction, role: Role) -> PlanStatus:
    """Status a daily visit plan moves to; TransitionError when the move is not allowed."""
    target = PLAN_TRANSITIONS.get((status, action))
    # The state is judged before the role: "already countersigned" tells the user more
    # than "you may not", and does not depend on who is asking.
    if target is None:
        raise _state_error("拜访计划", "visit plan", status, action)
    if role not in PLAN_ACTION_ROLES[action]:
        raise _role_error("拜访计划", "visit plan", status, action, role)
    return target


def report_transition(status: ReportStatus, action: ReportAction, role: Role) -> ReportStatus:
    """Status a daily sales report moves to; TransitionError when the move is not allowed."""
    target = REPORT_TRANSITIONS.get((status, action))
    if target is None:
        if status is ReportStatus.SIGNED and action is ReportAction.EDIT:
            # The rule people most need explained: a signed report is frozen (SPEC §2.3).
            raise TransitionError(
                "已签核的销售报告已冻结，不能修改；如需修改，请主管先重开",
                "A signed sales report is frozen and cannot be edited; "
                "a supervisor must reopen it first",
            )
        raise _state_error("销售报告", "sales report", status, action)
    if role not in REPORT_ACTION_ROLES[action]:
        raise _role_error("销售报告", "sales report", status, action, role)
    return target


def plan_actions(status: PlanStatus, role: Role) -> list[PlanAction]:
    """Actions this role may take on a plan in this status, e.g. to enable buttons."""
    return [
        action
        for (from_status, action) in PLAN_TRANSITIONS
        if from_status is status and role in PLAN_ACTION_ROLES[action]
    ]


def report_actions(status: ReportStatus, role: Role) -> list[ReportAction]:
    """Actions this role may take on a report in this status, e.g. to enable buttons."""
    return [
        action
        for (from_status, action) in REPORT_TRANSITIONS
        if from_status is status and role in REPORT_ACTION_ROLES[action]
    ]


def plan_is_editable(status: PlanStatus) -> bool:
    """Whether the plan's content may be changed at all (by its author)."""
    return (status, PlanAction.EDIT) in PLAN_TRANSITIONS


def report_is_editable(status: ReportStatus) -> bool:
    """Whether the report's content may be changed at all; False for a signed report."""
    return (status, ReportAction.EDIT) in REPORT_TRANSITIONS

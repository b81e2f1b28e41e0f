"""The account plan's workflow (F13): draft -> submitted -> approved by the executive
sponsor (with a comment) -> active -> periodic review -> revised (a new version; the
earlier one is kept) -> archived.

One rulebook for both ends, in the style of domain/workflow.py and domain/commands.py:
the laptop's service calls `plan_step` to change its copy and refuse with a message
before anything is queued; the sync server calls it when the `account_plan_step`
command arrives, and its answer is the one that stays.

Who acts: the plan's owner (the account manager) submits, activates, revises and
archives; the sponsor named at submission approves or returns, and must be someone who
reviews the owner's work (their supervisor or manager: the org rule of domain/org.py,
which is also who can see the plan); both may record a periodic review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from crm_desktop.domain.account_plan import check_ready_to_submit, from_json
from crm_desktop.domain.commands import COMMENT_MAX
from crm_desktop.domain.errors import Forbidden, TransitionError, ValidationError
from crm_desktop.domain.picklists import Picklist
from crm_desktop.domain.report_history import append_event


class AccountPlanStatus(Picklist):
    DRAFT = ("draft", "草稿", "Draft")
    SUBMITTED = ("submitted", "待审核", "Submitted")
    RETURNED = ("returned", "已退回", "Returned")
    APPROVED = ("approved", "已批准", "Approved")
    ACTIVE = ("active", "执行中", "Active")
    REVISED = ("revised", "已修订", "Revised")
    ARCHIVED = ("archived", "已归档", "Archived")


class AccountPlanAction(Picklist):
    SUBMIT = ("submit", "提交审核", "Submit")
    APPROVE = ("approve", "批准", "Approve")
    RETURN = ("return", "退回", "Return")
    ACTIVATE = ("activate", "开始执行", "Activate")
    REVIEW = ("review", "定期检查", "Periodic review")
    REVISE = ("revise", "修订", "Revise")
    ARCHIVE = ("archive", "归档", "Archive")
    EDIT = ("edit", "编辑", "Edit")


S, A = AccountPlanStatus, AccountPlanAction

TRANSITIONS: Mapping[tuple[AccountPlanStatus, AccountPlanAction], AccountPlanStatus] = (
    MappingProxyType(
        {
            (S.DRAFT, A.SUBMIT): S.SUBMITTED,
            (S.RETURNED, A.SUBMIT): S.SUBMITTED,
            (S.SUBMITTED, A.APPROVE): S.APPROVED,
            (S.SUBMITTED, A.RETURN): S.RETURNED,
            (S.APPROVED, A.ACTIVATE): S.ACTIVE,
            (S.ACTIVE, A.REVIEW): S.ACTIVE,
            (S.APPROVED, A.REVISE): S.REVISED,
            (S.ACTIVE, A.REVISE): S.REVISED,
            (S.APPROVED, A.ARCHIVE): S.ARCHIVED,
            (S.ACTIVE, A.ARCHIVE): S.ARCHIVED,
            (S.REVISED, A.ARCHIVE): S.ARCHIVED,
            (S.DRAFT, A.EDIT): S.DRAFT,
            (S.RETURNED, A.EDIT): S.RETURNED,
        }
    )
)

# Who may take each action on a given plan: its owner, its sponsor, or either.
OWNER, SPONSOR = "owner", "sponsor"
ACTORS: Mapping[AccountPlanAction, frozenset[str]] = MappingProxyType(
    {
        A.SUBMIT: frozenset({OWNER}),
        A.EDIT: frozenset({OWNER}),
        A.ACTIVATE: frozenset({OWNER}),
        A.REVISE: frozenset({OWNER}),
        A.ARCHIVE: frozenset({OWNER}),
        A.APPROVE: frozenset({SPONSOR}),
        A.RETURN: frozenset({SPONSOR}),
        A.REVIEW: frozenset({OWNER, SPONSOR}),
    }
)
# A return tells the account manager what to change; a review records what was found.
COMMENT_REQUIRED = frozenset({A.RETURN, A.REVIEW})


def is_editable(status: str) -> bool:
    """Whether the plan's content may change: only before the sponsor approves it. An
    approved plan changes by revision, which keeps it and starts a new version."""
    try:
        return (AccountPlanStatus(status), A.EDIT) in TRANSITIONS
    except ValueError:
        return False


@dataclass(frozen=True)
class AccountPlanFacts:
    """What the rules need to know of a plan and of the user acting on it."""

    owner_id: str | None
    status: str
    plan_year: int
    sponsor_id: str | None
    content: str | None  # the sections' JSON, checked at submission
    history: str | None


def _parties(facts: AccountPlanFacts, user_id: str) -> set[str]:
    found = set()
    if user_id == facts.owner_id:
        found.add(OWNER)
    if facts.sponsor_id is not None and user_id == facts.sponsor_id:
        found.add(SPONSOR)
    return found


def available_actions(facts: AccountPlanFacts, user_id: str) -> list[AccountPlanAction]:
    """The actions this user may take on this plan now, e.g. to enable buttons."""
    parties = _parties(facts, user_id)
    try:
        status = AccountPlanStatus(facts.status)
    except ValueError:
        return []
    return [
        action
        for (from_status, action) in TRANSITIONS
        if from_status is status and action is not A.EDIT and parties & ACTORS[action]
    ]


def _comment(action: AccountPlanAction, comment: str | None) -> str | None:
    if comment is not None and not isinstance(comment, str):
        raise ValidationError("意见必须是文字", "The comment must be text", "comment")
    text = (comment or "").strip()
    if len(text) > COMMENT_MAX:
        raise ValidationError(
            f"意见不能超过 {COMMENT_MAX} 个字",
            f"The comment cannot be longer than {COMMENT_MAX} characters",
            "comment",
        )
    if not text and action in COMMENT_REQUIRED:
        if action is A.RETURN:
            raise ValidationError(
                "退回时请写明意见，告诉客户经理需要修改什么",
                "Returning needs a comment: tell the account manager what to change",
                "comment",
            )
        raise ValidationError(
            "定期检查请写下检查结论", "A periodic review needs its findings", "comment"
        )
    return text or None


def plan_step(
    action: AccountPlanAction,
    facts: AccountPlanFacts,
    user_id: str,
    now: dt.datetime,
    comment: str | None = None,
    *,
    sponsor_id: str | None = None,
    sponsor_reviews_owner: bool = False,
) -> dict[str, Any]:
    """The fields `action` sets on the plan, its history event included; Forbidden,
    TransitionError or ValidationError when it may not be taken.

    A submission names the sponsor (`sponsor_id`); `sponsor_reviews_owner` says whether
    the org lets that person review the owner's work (Access.reviews), which the caller
    asks its org tree."""
    try:
        status = AccountPlanStatus(facts.status)
    except ValueError as error:
        raise TransitionError("计划状态无法识别", "The plan's status is not known") from error
    target = TRANSITIONS.get((status, action))
    if target is None or action is A.EDIT:
        raise TransitionError(
            f"{status.zh}状态的客户计划不能执行“{action.zh}”操作",
            f"Cannot {action.en.lower()} an account plan in state {status.en}",
        )
    if not _parties(facts, user_id) & ACTORS[action]:
        if ACTORS[action] == {SPONSOR}:
            raise Forbidden(
                "只有该计划的行政支持者可以审核", "Only the plan's executive sponsor may review it"
            )
        raise Forbidden(
            "只有客户经理（计划的负责人）可以执行此操作",
            "Only the account manager who owns the plan may do this",
        )
    text = _comment(action, comment)
    changes: dict[str, Any] = {"status": target.value}
    if action is A.SUBMIT:
        if not sponsor_id:
            raise ValidationError(
                "请选择审核这份计划的行政支持者",
                "Choose the executive sponsor who reviews this plan",
                "sponsor",
            )
        if sponsor_id == facts.owner_id or not sponsor_reviews_owner:
            raise ValidationError(
                "行政支持者须是客户经理的上级（主管或经理）",
                "The executive sponsor must be above the account manager (supervisor or manager)",
                "sponsor",
            )
        check_ready_to_submit(from_json(facts.content), facts.plan_year)
        changes.update(sponsor_id=sponsor_id, submitted_at=now)
    elif action is A.APPROVE:
        changes.update(approved_at=now, approved_by=user_id, review_comment=text)
    elif action is A.RETURN:
        changes["review_comment"] = text
    elif action is A.REVIEW:
        changes.update(reviewed_at=now, review_comment=text)
    changes["history"] = append_event(facts.history, action.value, now, user_id, text)
    return changes

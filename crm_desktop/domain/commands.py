"""What each workflow command may do and what it changes, decided once for both ends.

The laptop's services call these to change their copy at once (and to refuse with a
message before anything is queued); the sync server calls the same functions when the
command arrives, and its answer is the one that stays. So the laptop predicts exactly
what the server decides: who may submit, countersign, return, sign and reopen, which
comments are required, what a plan or report needs before it is submitted, and which
fields each command sets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from crm_desktop.domain.errors import Forbidden, TransitionError, ValidationError
from crm_desktop.domain.org import Access
from crm_desktop.domain.picklists import PlanStatus, ReportStatus
from crm_desktop.domain.report_history import append_event
from crm_desktop.domain.workflow import PlanAction, ReportAction, plan_transition, report_transition

COMMENT_MAX = 2000


class SignoffStale(TransitionError):
    """The report changed since the reviewer opened it: the sign-off is refused."""

    def __init__(self) -> None:
        super().__init__(
            "该销售报告在您打开后已被修改（可能是同步带来了销售员的修改），"
            "签核未执行。已重新载入最新内容，请再次审阅后签核",
            "The sales report changed after you opened it (a sync may have brought the "
            "rep's edits); it was not signed. The current version is shown again: "
            "review it and sign again",
        )


def review_comment(action: PlanAction | ReportAction, comment: str | None) -> str | None:
    """The comment as stored: trimmed, None when empty; returning and reopening need one
    (the author must know what to change, and a reopen is audited: SPEC §2.3)."""
    if comment is not None and not isinstance(comment, str):
        raise ValidationError("批示意见必须是文字", "The comment must be text", "comment")
    text = (comment or "").strip()
    if len(text) > COMMENT_MAX:
        raise ValidationError(
            f"批示意见不能超过 {COMMENT_MAX} 个字",
            f"The comment cannot be longer than {COMMENT_MAX} characters",
            "comment",
        )
    if text:
        return text
    if action is ReportAction.REOPEN:
        raise ValidationError(
            "重开已签核的报告必须写明原因", "Reopening a signed report needs a reason", "comment"
        )
    if action in (ReportAction.RETURN, PlanAction.RETURN):
        raise ValidationError(
            "退回时请写明意见，告诉销售员需要修改什么",
            "Returning needs a comment: tell the rep what to change",
            "comment",
        )
    return None


def _may_act(access: Access, owner_id: str | None, submit: bool) -> None:
    if submit:
        if owner_id != access.user_id:
            raise Forbidden("只有作者本人可以提交", "Only the author may submit this")
    elif not access.reviews(owner_id):
        raise Forbidden(
            "这份计划或报告不属于您的下属，您不能审阅",
            "This plan or report is not from someone you lead; you cannot review it",
        )


@dataclass(frozen=True)
class PlanFacts:
    """What the rules need to know of a daily visit plan."""

    owner_id: str | None
    status: str
    live_items: int | None = None  # counted for a submit; reviews do not need it


def plan_command(
    action: PlanAction, plan: PlanFacts, access: Access, now: dt.datetime, comment: str | None
) -> dict[str, Any]:
    """The fields `action` sets on the plan; Forbidden, TransitionError or
    ValidationError when it may not be taken."""
    _may_act(access, plan.owner_id, action is PlanAction.SUBMIT)
    status = plan_transition(PlanStatus(plan.status), action, access.role)
    if action is PlanAction.SUBMIT:
        if not plan.live_items:
            raise ValidationError(
                "计划中还没有客户，请先添加要拜访的客户",
                "The plan has no customers yet; add the customers to visit first",
                "items",
            )
        return {"status": status.value, "submitted_at": now}
    changes: dict[str, Any] = {
        "status": status.value,
        "review_comment": review_comment(action, comment),
    }
    if action is PlanAction.COUNTERSIGN:
        changes.update(countersigned_at=now, countersigned_by=access.user_id)
    return changes


@dataclass(frozen=True)
class ReportFacts:
    """What the rules need to know of a daily sales report."""

    owner_id: str | None
    status: str
    attendance: str | None
    live_visits: int
    history: str | None
    reopen_count: int
    version: int
    content_hash: str  # of the report as it is now (sync/content.py)


def check_signoff(report: ReportFacts, seen_version: object, seen_hash: object) -> None:
    """Sign-off is a compare-and-set: the report must be exactly what was reviewed."""
    if seen_version != report.version or seen_hash != report.content_hash:
        raise SignoffStale()


def report_command(
    action: ReportAction, report: ReportFacts, access: Access, now: dt.datetime, comment: str | None
) -> dict[str, Any]:
    """The fields `action` sets on the report, its history event included; Forbidden,
    TransitionError or ValidationError when it may not be taken. A sign-off is checked
    against what was reviewed by `check_signoff` first."""
    _may_act(access, report.owner_id, action is ReportAction.SUBMIT)
    status = report_transition(ReportStatus(report.status), action, access.role)
    changes: dict[str, Any] = {"status": status.value}
    if action is ReportAction.SUBMIT:
        if report.live_visits == 0 and report.attendance == "present":
            raise ValidationError(
                "报告中还没有拜访记录；出勤日请至少登记一次拜访",
                "The report has no visits; on a working day log at least one",
                "visits",
            )
        changes["submitted_at"] = now
        text = None
    else:
        text = review_comment(action, comment)
        changes["review_comment"] = text
    if action is ReportAction.SIGN:
        changes.update(signed_at=now, signed_by=access.user_id, content_hash=report.content_hash)
    if action is ReportAction.REOPEN:
        changes["reopen_count"] = report.reopen_count + 1
    changes["history"] = append_event(report.history, action.value, now, access.user_id, text)
    return changes

"""Complaints 客户投诉 and market situation reports 市场状况反映表 (SPEC §2.4, §2.5).

The complaint's status machine and the validation of both drafts as the user edits them.
Pure Python: whether the user may see the customer is the service's check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from crm_desktop.domain.customer import _check_code, _Problems
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.domain.picklists import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintResolution,
    ComplaintStatus,
    MarketCategory,
    Picklist,
    Severity,
)

DESCRIPTION_MAX = 4000


class ComplaintAction(Picklist):
    START = ("start", "开始处理", "Start handling")
    RESOLVE = ("resolve", "标记已解决", "Mark resolved")
    CLOSE = ("close", "关闭", "Close")
    REOPEN = ("reopen", "重新处理", "Reopen")


# open → in progress → resolved → closed. A complaint settled on the spot (during the
# visit that received it) may go straight from open to resolved; a resolution the
# customer does not accept sends it back to in progress. Closed is final.
COMPLAINT_TRANSITIONS: Mapping[tuple[ComplaintStatus, ComplaintAction], ComplaintStatus] = (
    MappingProxyType(
        {
            (ComplaintStatus.OPEN, ComplaintAction.START): ComplaintStatus.IN_PROGRESS,
            (ComplaintStatus.OPEN, ComplaintAction.RESOLVE): ComplaintStatus.RESOLVED,
            (ComplaintStatus.IN_PROGRESS, ComplaintAction.RESOLVE): ComplaintStatus.RESOLVED,
            (ComplaintStatus.RESOLVED, ComplaintAction.CLOSE): ComplaintStatus.CLOSED,
            (ComplaintStatus.RESOLVED, ComplaintAction.REOPEN): ComplaintStatus.IN_PROGRESS,
        }
    )
)

# Statuses in which the complaint still waits for the company: only these can be overdue.
PENDING = frozenset({ComplaintStatus.OPEN, ComplaintStatus.IN_PROGRESS})
NEEDS_RESOLUTION = frozenset({ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED})


def complaint_transition(status: ComplaintStatus, action: ComplaintAction) -> ComplaintStatus:
    """Status a complaint moves to; TransitionError when the move is not allowed."""
    target = COMPLAINT_TRANSITIONS.get((status, action))
    if target is None:
        if status is ComplaintStatus.CLOSED:
            raise TransitionError(
                "投诉已关闭，不能再更改状态", "The complaint is closed; its status is final"
            )
        raise TransitionError(
            f"{status.zh}的投诉不能执行“{action.zh}”操作",
            f"Cannot {action.en.lower()} a complaint that is {status.en.lower()}",
        )
    return target


def complaint_actions(status: ComplaintStatus) -> list[ComplaintAction]:
    """Actions possible from `status`, e.g. to enable buttons."""
    return [action for (source, action) in COMPLAINT_TRANSITIONS if source is status]


def action_to(status: ComplaintStatus, target: ComplaintStatus) -> ComplaintAction:
    """The one action that moves `status` to `target`; TransitionError if none does."""
    for (source, action), result in COMPLAINT_TRANSITIONS.items():
        if source is status and result is target:
            return action
    raise TransitionError(
        f"投诉不能从“{status.zh}”直接改为“{target.zh}”",
        f"A complaint cannot go from {status.en} straight to {target.en}",
    )


def complaint_is_overdue(status: str, due_on: dt.date | None, today: dt.date) -> bool:
    """Still waiting for the company and past its due date."""
    return due_on is not None and due_on < today and status in PENDING


def _clean(draft: object, keep: tuple[str, ...]) -> dict[str, object]:
    changes: dict[str, object] = {}
    for name in draft.__dataclass_fields__:  # type: ignore[attr-defined]
        value = getattr(draft, name)
        if isinstance(value, str):
            value = value.strip()
            changes[name] = value if value or name in keep else None
    return changes


@dataclass(frozen=True)
class ComplaintDraft:
    """What the complaint form holds; picklists as codes."""

    customer_id: str
    received_on: dt.date
    description: str
    id: str | None = None
    contact_id: str | None = None
    channel: str = ComplaintChannel.PHONE.value
    category: str = ComplaintCategory.OTHER.value
    severity: str = Severity.MEDIUM.value
    customer_demand: str | None = None
    responsible_department: str | None = None
    resolution: str | None = None
    status: str = ComplaintStatus.OPEN.value
    due_on: dt.date | None = None

    def cleaned(self) -> ComplaintDraft:
        return replace(self, **_clean(self, ("customer_id", "description")))  # type: ignore[arg-type]


@dataclass(frozen=True)
class MarketReportDraft:
    """What the market situation report form holds."""

    report_date: dt.date
    description: str
    id: str | None = None
    category: str = MarketCategory.OTHER.value
    severity: str = Severity.MEDIUM.value
    customer_id: str | None = None
    region: str | None = None
    suggested_action: str | None = None

    def cleaned(self) -> MarketReportDraft:
        return replace(self, **_clean(self, ("description",)))  # type: ignore[arg-type]


def complaint_problems(draft: ComplaintDraft, today: dt.date) -> list[ValidationError]:
    """Every rule the draft breaks, in form order; empty when it can be saved."""
    p = _Problems()
    if not draft.customer_id:
        p.add("请选择投诉的客户", "Choose the customer who complained", "customer")
    if draft.received_on > today:
        p.add("受理日期不能晚于今天", "The received date cannot be in the future", "received_on")
    _check_code(p, draft.channel, ComplaintChannel, "投诉渠道", "channel", "channel")
    _check_code(p, draft.category, ComplaintCategory, "投诉类别", "category", "category")
    _check_code(p, draft.severity, Severity, "严重程度", "severity", "severity")
    if not draft.description:
        p.add("请填写投诉内容", "Describe the complaint", "description")
    elif len(draft.description) > DESCRIPTION_MAX:
        p.add(
            f"投诉内容不能超过 {DESCRIPTION_MAX} 个字",
            f"The description is longer than {DESCRIPTION_MAX} characters",
            "description",
        )
    _check_code(p, draft.resolution, ComplaintResolution, "处理方式", "resolution", "resolution")
    _check_code(p, draft.status, ComplaintStatus, "投诉状态", "status", "status")
    if draft.status in NEEDS_RESOLUTION and not draft.resolution:
        p.add(
            "已解决或已关闭的投诉必须填写处理方式",
            "A resolved or closed complaint needs a resolution",
            "resolution",
        )
    if draft.due_on is not None and draft.due_on < draft.received_on:
        p.add(
            "处理期限不能早于受理日期",
            "The due date cannot be before the received date",
            "due_on",
        )
    return p.items


def market_report_problems(draft: MarketReportDraft, today: dt.date) -> list[ValidationError]:
    p = _Problems()
    if draft.report_date > today:
        p.add("反映日期不能晚于今天", "The report date cannot be in the future", "report_date")
    _check_code(p, draft.category, MarketCategory, "信息类别", "category", "category")
    _check_code(p, draft.severity, Severity, "严重程度", "severity", "severity")
    if not draft.description:
        p.add("请填写市场状况描述", "Describe what you observed", "description")
    elif len(draft.description) > DESCRIPTION_MAX:
        p.add(
            f"描述不能超过 {DESCRIPTION_MAX} 个字",
            f"The description is longer than {DESCRIPTION_MAX} characters",
            "description",
        )
    if draft.region is not None and len(draft.region) > 100:
        p.add("区域不能超过 100 个字", "The region is longer than 100 characters", "region")
    return p.items


def validate_complaint(draft: ComplaintDraft, today: dt.date) -> None:
    problems = complaint_problems(draft, today)
    if problems:
        raise problems[0]


def validate_market_report(draft: MarketReportDraft, today: dt.date) -> None:
    problems = market_report_problems(draft, today)
    if problems:
        raise problems[0]

"""Leads (线索) and the team's shared pool (公海): F17 and §2.1 of the training reference.

A lead is a prospect that is not a customer yet: a trade-show visitor (展会), a referral,
a row of an imported list. It belongs to a rep, who must follow it up by a due date, or
to its team's pool, where any rep of the team may claim it. A rep who lets an owned lead
go N days without an effective visit loses it back to the pool (N is the team's pool
rule, set by a manager and synced). Converting a lead makes a customer; the lead stays,
marked converted, with the customer's id, so its history is not lost.

One rulebook: the laptop and the sync server call these functions, so a claim or a
return the laptop allows is one the server accepts, and the day a lead returns is the
same on every laptop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from crm_desktop.domain.errors import Forbidden, TransitionError, ValidationError
from crm_desktop.domain.normalize import company_name_key, phone_key
from crm_desktop.domain.picklists import CustomerSource, Picklist, Role


class LeadSource(Picklist):
    """Where a lead came from; the trade show names its event (F17)."""

    TRADE_SHOW = ("trade_show", "展会", "Trade show")
    REFERRAL = ("referral", "转介绍", "Referral")
    IMPORT = ("import", "导入名单", "Imported list")
    WEB = ("web", "网络", "Web")
    COLD_CALL = ("cold_call", "电话陌拜", "Cold call")
    ADVERTISING = ("advertising", "广告", "Advertising")
    OTHER = ("other", "其他", "Other")


# The customer's source (P19) a converted lead's card starts with.
CUSTOMER_SOURCE = {
    LeadSource.TRADE_SHOW: CustomerSource.TRADE_SHOW,
    LeadSource.REFERRAL: CustomerSource.REFERRAL,
    LeadSource.IMPORT: CustomerSource.PURCHASED_LIST,
    LeadSource.WEB: CustomerSource.ONLINE,
    LeadSource.COLD_CALL: CustomerSource.PHONE_MAIL,
    LeadSource.ADVERTISING: CustomerSource.ADVERTISING,
    LeadSource.OTHER: CustomerSource.OTHER,
}


class LeadStatus(Picklist):
    """new -> assigned -> contacted -> qualified -> converted | discarded."""

    NEW = ("new", "新线索", "New")
    ASSIGNED = ("assigned", "已分配", "Assigned")
    CONTACTED = ("contacted", "已联系", "Contacted")
    QUALIFIED = ("qualified", "已确认意向", "Qualified")
    CONVERTED = ("converted", "已转客户", "Converted")
    DISCARDED = ("discarded", "已放弃", "Discarded")


CLOSED_STATUSES = frozenset({LeadStatus.CONVERTED, LeadStatus.DISCARDED})
# Statuses a person may set by hand; assigned, converted come from their actions.
_NEXT: dict[LeadStatus, frozenset[LeadStatus]] = {
    LeadStatus.NEW: frozenset({LeadStatus.CONTACTED, LeadStatus.DISCARDED}),
    LeadStatus.ASSIGNED: frozenset({LeadStatus.CONTACTED, LeadStatus.DISCARDED}),
    LeadStatus.CONTACTED: frozenset({LeadStatus.QUALIFIED, LeadStatus.DISCARDED}),
    LeadStatus.QUALIFIED: frozenset({LeadStatus.CONTACTED, LeadStatus.DISCARDED}),
    LeadStatus.CONVERTED: frozenset(),
    LeadStatus.DISCARDED: frozenset(),
}


def check_status_change(current: LeadStatus, new: LeadStatus) -> None:
    """TransitionError unless a person may move a lead from `current` to `new`."""
    if new == current:
        return
    if new not in _NEXT[current]:
        raise TransitionError(
            f"线索不能从“{current.zh}”改为“{new.zh}”",
            f"A lead cannot go from {current.en} to {new.en}",
        )


class Tier(StrEnum):
    """The three target-market tiers of §2.1 (优先 / 一般 / 最后考虑的客户)."""

    PRIORITY = "priority"
    GENERAL = "general"
    LAST = "last"


TIER_LABELS = {
    Tier.PRIORITY: ("优先考虑", "Priority"),
    Tier.GENERAL: ("一般考虑", "General"),
    Tier.LAST: ("最后考虑", "Last"),
}


@dataclass(frozen=True, slots=True)
class TierCadence:
    """How often a tier is called and visited, in days (§2.1's table as the default:
    call monthly / quarterly / half-yearly, visit quarterly / half-yearly / yearly)."""

    call_days: int
    visit_days: int


TIER_CADENCE = {
    Tier.PRIORITY: TierCadence(call_days=30, visit_days=91),
    Tier.GENERAL: TierCadence(call_days=91, visit_days=182),
    Tier.LAST: TierCadence(call_days=182, visit_days=365),
}


def next_contact_due(
    tier: Tier, last_call: dt.date | None, last_visit: dt.date | None, since: dt.date
) -> tuple[dt.date, dt.date]:
    """(next call due, next visit due) for a lead of `tier`; a lead never called or
    visited counts from `since` (the day it came to its owner)."""
    cadence = TIER_CADENCE[tier]
    call_from = last_call or since
    visit_from = last_visit or since
    return (
        call_from + dt.timedelta(days=cadence.call_days),
        visit_from + dt.timedelta(days=cadence.visit_days),
    )


# The pool rule: how long an owned lead may go without an effective visit.
DEFAULT_RETURN_AFTER_DAYS = 30
MAX_RETURN_AFTER_DAYS = 365


def check_return_after_days(days: int | None) -> int:
    """The pool rule's N: 1 to 365 whole days; None is the built-in default."""
    if days is None:
        return DEFAULT_RETURN_AFTER_DAYS
    if (
        isinstance(days, bool)
        or not isinstance(days, int)
        or not 1 <= days <= MAX_RETURN_AFTER_DAYS
    ):
        raise ValidationError(
            f"退回公海的天数必须是 1 到 {MAX_RETURN_AFTER_DAYS} 之间的整数",
            f"The days before a lead returns to the pool must be 1 to {MAX_RETURN_AFTER_DAYS}",
            field="return_after_days",
        )
    return days


def pool_return_on(
    held_since: dt.date, last_effective: dt.date | None, return_after_days: int
) -> dt.date:
    """The first day an owned lead is overdue for the pool: it may stay N full days after
    it came to its owner or after its last effective visit, whichever is later; on the
    day after, it goes back."""
    start = max(held_since, last_effective) if last_effective else held_since
    return start + dt.timedelta(days=return_after_days + 1)


def returns_to_pool(
    *,
    in_pool: bool,
    status: LeadStatus,
    held_since: dt.date,
    last_effective: dt.date | None,
    return_after_days: int,
    today: dt.date,
) -> bool:
    """Whether an owned, open lead has gone N days without an effective visit."""
    if in_pool or status in CLOSED_STATUSES:
        return False
    return today >= pool_return_on(held_since, last_effective, return_after_days)


# -- who may do what --------------------------------------------------------------


class Taken(TransitionError):
    """The lead left the pool before this claim arrived: someone else was first."""


def check_claim(
    *, in_pool: bool, status: LeadStatus, lead_team: str | None, claimer_team: str | None
) -> None:
    """A rep claims a lead of their own team's pool; first come, first served."""
    if not in_pool:
        raise Taken(
            "该线索已被他人领取，不在公海中了",
            "Someone else claimed this lead first; it is no longer in the pool",
        )
    if status in CLOSED_STATUSES:
        raise TransitionError("该线索已关闭，不能领取", "This lead is closed and cannot be claimed")
    if lead_team is None or lead_team != claimer_team:
        raise Forbidden(
            "只能领取本团队公海中的线索", "You can only claim leads from your own team's pool"
        )


class Collision(TransitionError):
    """撞单: the prospect is already another rep's customer."""


def check_no_collision(owners_of_matches: set[str | None], claimer: str) -> None:
    """撞单 protection: a claim is refused when a live customer with the lead's name or
    phone key belongs to another rep (the duplicate keys of domain/normalize.py, the
    same keys the customer duplicate check uses)."""
    others = {o for o in owners_of_matches if o and o != claimer}
    if others:
        raise Collision(
            "撞单：该客户已由其他销售员跟进，不能领取。请联系主管处理。",
            "Double pursuit: another rep already owns this customer, so the lead cannot be "
            "claimed. Ask your supervisor.",
        )


def match_keys(name: str, phone: str | None) -> tuple[str, str | None]:
    """The duplicate keys a lead is compared to customers by: (name key, phone key)."""
    return company_name_key(name), phone_key(phone)


def check_assign(role: Role, sees_owner: bool, sees_target: bool) -> None:
    """Supervisors, managers and admins assign the leads they see to people they lead."""
    if role not in (Role.SUPERVISOR, Role.MANAGER, Role.ADMIN) or not sees_owner:
        raise Forbidden(
            "只有主管或经理可以分配线索", "Only a supervisor or manager can assign leads"
        )
    if not sees_target:
        raise Forbidden(
            "只能把线索分配给您管理的人员", "You can only assign leads to people you lead"
        )


def check_return(*, in_pool: bool, status: LeadStatus, is_owner: bool, leads_owner: bool) -> None:
    """The owner gives a lead back (退回公海), or someone above the owner takes it back."""
    if in_pool:
        raise TransitionError("该线索已在公海中", "This lead is already in the pool")
    if status in CLOSED_STATUSES:
        raise TransitionError(
            "已转客户或已放弃的线索不能退回公海",
            "A converted or discarded lead cannot go back to the pool",
        )
    if not (is_owner or leads_owner):
        raise Forbidden(
            "只有线索负责人或其上级可以退回公海",
            "Only the lead's owner or someone above them can return it to the pool",
        )


def check_lead_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ValidationError("线索名称不能为空", "A lead needs a name", field="name")
    if len(cleaned) > 200:
        raise ValidationError(
            "线索名称不能超过 200 个字", "A lead name can be at most 200 characters", "name"
        )
    return cleaned


def sees_pool_lead(*, in_pool: bool, lead_team: str | None, user_team: str | None) -> bool:
    """A lead in a team's pool is seen by every member of that team (besides everyone who
    sees its owner, the team's leader, by the org tree)."""
    return bool(in_pool) and lead_team is not None and lead_team == user_team


def status_of(code: str | None) -> LeadStatus:
    """A stored status code as the enum; an unknown code (a newer laptop's) reads as new."""
    try:
        return LeadStatus(code or "")
    except ValueError:
        return LeadStatus.NEW


def tier_of(code: str | None) -> Tier:
    try:
        return Tier(code or "")
    except ValueError:
        return Tier.GENERAL


def source_of(code: str | None) -> LeadSource:
    try:
        return LeadSource(code or "")
    except ValueError:
        return LeadSource.OTHER

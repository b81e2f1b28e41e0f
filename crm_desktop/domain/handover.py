"""Customer handover 交接 (seed §7.5): who may hand whose customers to whom, what moves
with a customer, and the handover note.

One rulebook: the laptop checks a handover with `check_handover` before it queues the
`reassign_customer` command, and the server checks the same command with the same
function (sync/server/commands.py), so a refusal on the server says what the laptop
would have said.

- Who: a manager hands over the customers of the people they lead (or their own) to
  someone they lead (or themselves); an admin anyone's to anyone. Supervisors and reps
  do not hand over (SPEC §1: reassigning is the manager's).
- To whom: an active user, not the current owner.
- The note (交接说明): what the new owner must know about the account. The app requires
  one per account; the server accepts a command without one (the server's own whole-book
  command `crm-server reassign-customers`, and laptops older than the note), and records
  the handover with an empty note.
- What moves (`moves_*`): the customer, its contacts, its open opportunities (not won or
  lost), open follow-ups (not done), open complaints (open or in progress) and its
  earlier handover records; the history -- visits, reports, closed deals, resolved
  complaints, done follow-ups, market reports -- stays with whoever made it.
- Plans: a plan is one rep's day, not the customer's. The customer leaves the old
  owner's plans dated after the handover day that are still drafts or returned (not yet
  submitted, so no reviewer has seen them) and whose item was not visited; the new owner
  plans the customer on their own days. Submitted and countersigned plans stay as they
  are: they are the record of what was intended.
- Targets stay: a target measures a person over a period, not a customer; the manager
  re-sets the new owner's on the Targets page if the book changes much.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crm_desktop.domain.errors import Forbidden, ValidationError
from crm_desktop.domain.org import Hierarchy
from crm_desktop.domain.picklists import ComplaintStatus, PlanStatus, Role

NOTE_MAX_CHARS = 2000

# A complaint still being handled moves; a resolved or closed one is history.
OPEN_COMPLAINT_STATUSES = (ComplaintStatus.OPEN.value, ComplaintStatus.IN_PROGRESS.value)
# An opportunity in a stage with one of these outcomes is closed and stays.
CLOSED_OUTCOMES = ("won", "lost")
# A plan in one of these states has not been handed in: the customer leaves it.
UNSUBMITTED_PLAN_STATUSES = (PlanStatus.DRAFT.value, PlanStatus.RETURNED.value)


@dataclass(frozen=True)
class HandoverFigures:
    """What one handover moved (or, on the laptop before the server answers, will move);
    the names are the handover record's columns."""

    contacts_moved: int = 0
    opportunities_moved: int = 0
    opportunity_amount_fen: int = 0
    follow_ups_moved: int = 0
    complaints_moved: int = 0
    plan_items_dropped: int = 0


def handover_note(note: str | None, *, required: bool) -> str | None:
    """The note as stored: stripped, None when empty; ValidationError when the app's
    note is missing or any note is too long."""
    text = (note or "").strip()
    if len(text) > NOTE_MAX_CHARS:
        raise ValidationError(
            f"交接说明不能超过 {NOTE_MAX_CHARS} 个字",
            f"The handover note may not be longer than {NOTE_MAX_CHARS} characters",
            field="note",
        )
    if not text and required:
        raise ValidationError(
            "请为每个客户写交接说明：新负责人需要知道的情况",
            "Write a handover note for each customer: what the new owner needs to know",
            field="note",
        )
    return text or None


def check_handover(
    org: Hierarchy,
    actor_id: str,
    from_owner: str | None,
    to_owner: str,
    *,
    to_owner_active: bool,
    done_if_same: bool = False,
) -> None:
    """Refuse a handover the actor may not make: Forbidden (who) or ValidationError
    (to whom). `org` is the org tree both ends hold. The laptop refuses a handover to the
    current owner (nothing would move); the server, with `done_if_same`, takes it as done:
    another handover got there first while the laptop was offline, and an inbox entry
    would only be noise."""
    check_may_hand_over(org, actor_id)
    access = org.access(actor_id)
    if from_owner is not None and not access.can_see_owner(from_owner):
        raise Forbidden(
            "该客户的负责人不在您管理的团队中",
            "The customer's owner is not in the teams you lead",
        )
    if to_owner not in org.users or not to_owner_active:
        raise ValidationError(
            "新负责人不存在或已停用，请另选一人",
            "The new owner does not exist or is inactive; choose someone else",
            field="to_owner",
        )
    if not access.can_see_owner(to_owner):
        raise Forbidden(
            "新负责人不在您管理的团队中",
            "The new owner is not in the teams you lead",
        )
    if to_owner == from_owner and not done_if_same:
        raise ValidationError(
            "新负责人就是现在的负责人",
            "The new owner is already the customer's owner",
            field="to_owner",
        )


def may_hand_over(org: Hierarchy, actor_id: str) -> bool:
    """Whether the actor hands over customers at all (the menus show the action)."""
    return org.role(actor_id) in (Role.MANAGER, Role.ADMIN)


def check_may_hand_over(org: Hierarchy, actor_id: str) -> None:
    """Forbidden unless the actor hands over customers at all."""
    if not may_hand_over(org, actor_id):
        raise Forbidden(
            "只有销售经理或管理员可以交接客户",
            "Only a manager or an admin may hand customers over",
        )


def plan_item_leaves(plan_status: str, plan_date: dt.date, handed_on: dt.date) -> bool:
    """Whether the customer leaves the old owner's plan of `plan_date` (see above)."""
    return plan_date > handed_on and plan_status in UNSUBMITTED_PLAN_STATUSES

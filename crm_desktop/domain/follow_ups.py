"""Follow-ups 待办 (SPEC §2.8): the draft a user types by hand and its rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from crm_desktop.domain.customer import _check_code, _Problems
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import FollowUpKind

TITLE_MAX = 300


@dataclass(frozen=True)
class FollowUpDraft:
    title: str
    due_on: dt.date
    id: str | None = None
    kind: str = FollowUpKind.PROMISE.value
    customer_id: str | None = None
    note: str | None = None

    def cleaned(self) -> FollowUpDraft:
        note = self.note.strip() if self.note else None
        customer_id = self.customer_id or None
        return replace(self, title=self.title.strip(), note=note or None, customer_id=customer_id)


def follow_up_problems(draft: FollowUpDraft) -> list[ValidationError]:
    p = _Problems()
    if not draft.title:
        p.add("请填写待办事项", "Say what is to be done", "title")
    elif len(draft.title) > TITLE_MAX:
        p.add(
            f"待办事项不能超过 {TITLE_MAX} 个字",
            f"The title is longer than {TITLE_MAX} characters",
            "title",
        )
    _check_code(p, draft.kind, FollowUpKind, "待办类型", "kind", "kind")
    return p.items


def follow_up_is_overdue(done: bool, due_on: dt.date, today: dt.date) -> bool:
    """Not done and its day has passed (due today is not yet overdue)."""
    return not done and due_on < today


def validate_follow_up(draft: FollowUpDraft) -> None:
    problems = follow_up_problems(draft)
    if problems:
        raise problems[0]

"""Follow-ups 待办 (SPEC §2.8): the user's own to-dos, open or done, overdue flagged.

Follow-ups made from a visit's next step are written by the report service; this one
lists them with the hand-made ones and ticks them off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.follow_ups import FollowUpDraft, follow_up_is_overdue, validate_follow_up
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.scope import visible_customer
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, FollowUp
from crm_desktop.store.unit_of_work import UnitOfWork

LIST_LIMIT = 2000


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    customer_id: str | None
    customer_name: str | None
    kind: str
    title: str
    due_on: dt.date
    done: bool
    overdue: bool


def _not_found() -> ValidationError:
    return ValidationError("找不到该待办，它可能已被删除", "That follow-up no longer exists")


class FollowUpService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    # --- reads -------------------------------------------------------------------------
    def list_open(self, until: dt.date | None = None) -> list[FollowUpRow]:
        """The user's follow-ups not done yet, due on or before `until` (all when None),
        earliest first."""
        return self.list(show_done=False, until=until)

    def list(
        self,
        *,
        show_done: bool = False,
        until: dt.date | None = None,
        customer_id: str | None = None,
        today: dt.date | None = None,
    ) -> list[FollowUpRow]:
        """The user's follow-ups, open ones first by due date, then done ones newest first."""
        today = today or self._store.clock.today()
        statement = (
            select(
                FollowUp.id,
                FollowUp.customer_id,
                Customer.name,
                FollowUp.kind,
                FollowUp.title,
                FollowUp.due_on,
                FollowUp.done,
            )
            .outerjoin(Customer, Customer.id == FollowUp.customer_id)
            .where(FollowUp.deleted.is_(False), FollowUp.owner_id == self._user.actor.user_id)
            .order_by(FollowUp.done, FollowUp.due_on, FollowUp.id)
            .limit(LIST_LIMIT)
        )
        if not show_done:
            statement = statement.where(FollowUp.done.is_(False))
        if until is not None:
            statement = statement.where(FollowUp.due_on <= until)
        if customer_id:
            statement = statement.where(FollowUp.customer_id == customer_id)
        with self._store.reading() as s:
            return [
                FollowUpRow(*row[:7], overdue=follow_up_is_overdue(bool(row[6]), row[5], today))
                for row in s.execute(statement)
            ]

    def get(self, follow_up_id: str) -> FollowUpDraft:
        with self._store.reading() as s:
            f = s.get(FollowUp, follow_up_id)
            if f is None or f.deleted:
                raise _not_found()
            return FollowUpDraft(
                id=f.id,
                title=f.title,
                due_on=f.due_on,
                kind=f.kind,
                customer_id=f.customer_id,
                note=f.note,
            )

    def customer_name(self, customer_id: str) -> str:
        """The name of a customer the dialog was opened for ("" if it is gone)."""
        with self._store.reading() as s:
            return s.scalar(select(Customer.name).where(Customer.id == customer_id)) or ""

    # --- writes ------------------------------------------------------------------------
    def create(self, draft: FollowUpDraft) -> str:
        """A follow-up of the current user's; returns its id. Raises ValidationError."""
        draft = draft.cleaned()
        validate_follow_up(draft)
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            if draft.customer_id:
                visible_customer(uow.session, actor, draft.customer_id)
            follow_up = FollowUp(owner_id=actor.user_id, team_id=actor.team_id)
            self._apply(follow_up, draft)
            uow.session.add(follow_up)
            uow.commit()
            return follow_up.id

    def update(self, draft: FollowUpDraft) -> None:
        follow_up_id = draft.id
        if follow_up_id is None:
            raise _not_found()
        draft = draft.cleaned()
        validate_follow_up(draft)
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            follow_up = self._own(uow, follow_up_id)
            if draft.customer_id and draft.customer_id != follow_up.customer_id:
                visible_customer(uow.session, actor, draft.customer_id)
            self._apply(follow_up, draft)
            uow.commit()

    def set_done(self, follow_up_id: str, done: bool) -> None:
        """Tick a follow-up off, or back on; doing what it already is writes nothing."""
        with UnitOfWork(self._store, self._user.actor.user_id) as uow:
            follow_up = self._own(uow, follow_up_id)
            if follow_up.done == done:
                return
            follow_up.done = done
            follow_up.done_at = self._store.clock.utcnow() if done else None
            uow.commit()

    # --- helpers -----------------------------------------------------------------------
    def _own(self, uow: UnitOfWork, follow_up_id: str) -> FollowUp:
        follow_up = uow.session.get(FollowUp, follow_up_id)
        if follow_up is None or follow_up.deleted:
            raise _not_found()
        if follow_up.owner_id != self._user.actor.user_id:
            raise ValidationError(
                "这条待办不是您的，不能更改", "This follow-up is not yours to change"
            )
        return follow_up

    @staticmethod
    def _apply(follow_up: FollowUp, draft: FollowUpDraft) -> None:
        follow_up.title = draft.title
        follow_up.due_on = draft.due_on
        follow_up.kind = draft.kind
        follow_up.customer_id = draft.customer_id
        follow_up.note = draft.note

"""New or edit a follow-up 待办 by hand: what, when, for which customer."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.follow_ups import FollowUpDraft, follow_up_problems
from crm_desktop.domain.picklists import FollowUpKind
from crm_desktop.services.day.follow_ups import FollowUpService
from crm_desktop.ui import application
from crm_desktop.ui.activity.form import (
    ActivityDialog,
    CustomerField,
    date_edit,
    from_qdate,
    to_qdate,
)
from crm_desktop.ui.operations import FOLLOW_UPS
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.widgets import combo_code, picklist_combo, select_code


class FollowUpDialog(ActivityDialog):
    changes = FOLLOW_UPS

    def __init__(
        self,
        context: PageContext,
        customer_id: str | None = None,
        parent: QWidget | None = None,
        *,
        follow_up_id: str | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.service: FollowUpService = context.services.follow_ups
        self.draft: FollowUpDraft | None = None
        if follow_up_id is not None:
            self.draft = self.service.get(follow_up_id)
        self.setWindowTitle(self.tr("Edit follow-up") if follow_up_id else self.tr("New follow-up"))
        name = self.service.customer_name(customer_id) if customer_id else ""
        self.customer = CustomerField(context, customer_id, name, optional=True)
        self.title_edit = QLineEdit()
        self.kind = picklist_combo(FollowUpKind, self.lang)
        select_code(self.kind, FollowUpKind.PROMISE.value)
        self.due_on = date_edit(context.services.clock.today() + dt.timedelta(days=1))
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(72)
        self.note.setTabChangesFocus(True)
        for label, field, editor, flagged in (
            (self.tr("To do *"), "title", self.title_edit, None),
            (self.tr("Kind"), "kind", self.kind, None),
            (self.tr("Due on *"), "due_on", self.due_on, None),
            (self.tr("Customer"), "customer", self.customer, self.customer.editor()),
            (self.tr("Note"), "note", self.note, None),
        ):
            self.add_row(label, field, editor, flagged)
        if self.draft is not None:
            self._load(self.draft)

    def _load(self, draft: FollowUpDraft) -> None:
        self.title_edit.setText(draft.title)
        select_code(self.kind, draft.kind)
        self.due_on.setDate(to_qdate(draft.due_on))
        if draft.customer_id:
            self.customer.select(draft.customer_id, self.service.customer_name(draft.customer_id))
        self.note.setPlainText(draft.note or "")

    def read_draft(self) -> FollowUpDraft:
        return FollowUpDraft(
            id=self.draft.id if self.draft else None,
            title=self.title_edit.text(),
            kind=combo_code(self.kind) or FollowUpKind.PROMISE.value,
            due_on=from_qdate(self.due_on.date()),
            customer_id=self.customer.customer_id(),
            note=self.note.toPlainText() or None,
        ).cleaned()

    def problems(self) -> list[ValidationError]:
        return follow_up_problems(self.read_draft())


def open_follow_up(
    context: PageContext, follow_up_id: str, parent: QWidget | None = None
) -> FollowUpDialog | None:
    try:
        return FollowUpDialog(context, parent=parent, follow_up_id=follow_up_id)
    except UserFacingError as error:
        application.show_error(error, parent)
        return None

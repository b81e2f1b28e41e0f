"""待办 Follow-ups: the user's to-dos with a done checkbox; overdue ones stand out."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QPushButton, QVBoxLayout, QWidget

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.picklists import FollowUpKind
from crm_desktop.services.day.follow_ups import FollowUpRow
from crm_desktop.ui import application
from crm_desktop.ui.activity.follow_up_dialog import FollowUpDialog, open_follow_up
from crm_desktop.ui.activity.page_parts import empty_note, heading, primary, toolbar
from crm_desktop.ui.activity.table import (
    RowsModel,
    fit,
    fit_to_contents,
    selected_row,
    table_view,
)
from crm_desktop.ui.operations import CUSTOMERS, FOLLOW_UPS, OpChanges, report_error
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.widgets import date_text, picklist_label

DONE_COLUMN = 0


class FollowUpsPage(Page):
    key = "follow_ups"
    # The list re-reads when an operation changed one of these (ui/operations.py).
    SHOWN = FOLLOW_UPS | CUSTOMERS

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Follow-ups")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.service = context.services.follow_ups
        self.lang = context.lang
        self.dialog: FollowUpDialog | None = None
        self.show_done = QCheckBox(self.tr("Show done"))
        self.new_button = primary(self.tr("New follow-up…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.model: RowsModel[FollowUpRow] = RowsModel(
            [
                self.tr("Done"),
                self.tr("Due"),
                self.tr("Kind"),
                self.tr("Customer"),
                self.tr("To do"),
            ],
            self._cells,
            alert=lambda r: r.overdue,
            alert_column=1,
            check_column=DONE_COLUMN,
            checked=lambda r: r.done,
            on_check=self._set_done,
        )
        self.view = table_view(self.model)
        fit(self.view, (64, 140, 96, 160))
        self.empty = empty_note()
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.new_button.clicked.connect(self.new_follow_up)
        self.edit_button.clicked.connect(self.edit_selected)
        self.show_done.toggled.connect(lambda _on: self.reload())
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title()))
        layout.addLayout(
            toolbar(self.show_done, self.edit_button, self.new_button, stretch_after=0)
        )
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self.reload()

        context.operations.did_change.connect(self._on_changes)

    def _on_changes(self, changes: OpChanges, _origin: object) -> None:
        if changes.touches(self.SHOWN):
            self.reload()

    def _cells(self, r: FollowUpRow) -> list[str]:
        due = date_text(r.due_on)
        if r.overdue:
            due += " " + self.tr("overdue")
        elif not r.done and r.due_on == self.context.services.clock.today():
            due += " " + self.tr("today")
        return [
            "",
            due,
            picklist_label(FollowUpKind, r.kind, self.lang),
            r.customer_name or "",
            r.title,
        ]

    def reload(self) -> None:
        try:
            rows = self.service.list(show_done=self.show_done.isChecked())
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self.model.set_rows(rows)
        fit_to_contents(self.view)
        self.empty.setText("" if rows else self.tr("Nothing to follow up — well done."))
        self.empty.setVisible(not rows)
        self._update_buttons()

    def page_shown(self) -> None:
        self.reload()

    def selected(self) -> FollowUpRow | None:
        return self.model.row_at(selected_row(self.view))

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected() is not None)

    def _set_done(self, row: FollowUpRow, done: bool) -> None:
        service, row_id = self.service, row.id
        self.context.operations.write(
            lambda: service.set_done(row_id, done),
            FOLLOW_UPS,
            parent=self,
            failure=self._not_done,
        )

    def _not_done(self, error: BaseException) -> None:
        report_error(error, self)
        self.reload()  # the checkbox shows what is stored again

    def set_done(self, row_index: int, done: bool) -> None:
        """What a click on the row's checkbox does (tests call it directly)."""
        row = self.model.row_at(row_index)
        if row is not None:
            self._set_done(row, done)

    def _double_clicked(self, index: object) -> None:
        column = getattr(index, "column", lambda: -1)()
        if column != DONE_COLUMN:
            self.edit_selected()

    def new_follow_up(self) -> FollowUpDialog:
        return self._open(FollowUpDialog(self.context, parent=self))

    def edit_selected(self) -> FollowUpDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = open_follow_up(self.context, row.id, self)
        return self._open(dialog) if dialog else None

    def _open(self, dialog: FollowUpDialog) -> FollowUpDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

"""客户投诉 Complaints: the list with status / overdue filters, new, edit, and the
workflow's actions (start, resolve, close, reopen). Overdue complaints are red."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QPushButton, QVBoxLayout, QWidget

from crm_desktop.domain.complaints import ComplaintAction, complaint_actions
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.picklists import (
    ComplaintCategory,
    ComplaintResolution,
    ComplaintStatus,
    Severity,
)
from crm_desktop.services.activity.complaints import PENDING_FILTER, ComplaintFilter, ComplaintRow
from crm_desktop.ui import application
from crm_desktop.ui.activity.complaint_dialog import ComplaintDialog, open_complaint
from crm_desktop.ui.activity.page_parts import empty_note, heading, primary, toolbar
from crm_desktop.ui.activity.table import (
    RowsModel,
    fit,
    fit_to_contents,
    selected_row,
    table_view,
)
from crm_desktop.ui.operations import COMPLAINTS, CUSTOMERS, OpChanges
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.widgets import date_text, picklist_label


class ComplaintsPage(Page):
    key = "complaints"
    # The list re-reads when an operation changed one of these (ui/operations.py).
    SHOWN = COMPLAINTS | CUSTOMERS

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Complaints")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.service = context.services.complaints
        self.lang = context.lang
        self.dialog: ComplaintDialog | None = None
        self.status = QComboBox()
        self.status.addItem(self.tr("Open and in progress"), PENDING_FILTER)
        self.status.addItem(self.tr("All statuses"), None)
        for member in ComplaintStatus:
            self.status.addItem(member.label(self.lang), member.value)
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.new_button = primary(self.tr("New complaint…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.action_buttons: dict[ComplaintAction, QPushButton] = {}
        for action in ComplaintAction:
            button = QPushButton(action.label(self.lang))
            button.clicked.connect(lambda _checked=False, a=action: self.apply(a))
            self.action_buttons[action] = button
        self.model: RowsModel[ComplaintRow] = RowsModel(
            [
                self.tr("Received"),
                self.tr("Customer"),
                self.tr("Category"),
                self.tr("Severity"),
                self.tr("Status"),
                self.tr("Due"),
                self.tr("Resolution"),
                self.tr("Description"),
            ],
            self._cells,
            alert=lambda r: r.overdue,
            alert_column=5,
        )
        self.view = table_view(self.model)
        fit(self.view, (96, 160, 90, 64, 72, 96, 72))
        self.empty = empty_note()
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.new_button.clicked.connect(self.new_complaint)
        self.edit_button.clicked.connect(self.edit_selected)
        self.status.currentIndexChanged.connect(lambda _index: self.reload())
        self.overdue.toggled.connect(lambda _on: self.reload())
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title()))
        layout.addLayout(
            toolbar(
                self.status,
                self.overdue,
                self.edit_button,
                *self.action_buttons.values(),
                self.new_button,
                stretch_after=1,
            )
        )
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self.reload()

        context.operations.did_change.connect(self._on_changes)

    def _on_changes(self, changes: OpChanges, _origin: object) -> None:
        if changes.touches(self.SHOWN):
            self.reload()

    def _cells(self, r: ComplaintRow) -> list[str]:
        lang = self.lang
        due = date_text(r.due_on)
        return [
            date_text(r.received_on),
            r.customer_name,
            picklist_label(ComplaintCategory, r.category, lang),
            picklist_label(Severity, r.severity, lang),
            picklist_label(ComplaintStatus, r.status, lang),
            (due + " " + self.tr("overdue")) if r.overdue else due,
            picklist_label(ComplaintResolution, r.resolution, lang),
            " ".join(r.description.split()),
        ]

    def query(self) -> ComplaintFilter:
        status = self.status.currentData()
        return ComplaintFilter(
            status=status if isinstance(status, str) else None,
            overdue_only=self.overdue.isChecked(),
        )

    def reload(self) -> None:
        try:
            rows = self.service.list(self.query())
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self.model.set_rows(rows)
        fit_to_contents(self.view)
        self.empty.setText("" if rows else self.tr("No complaints to show."))
        self.empty.setVisible(not rows)
        self._update_buttons()

    def page_shown(self) -> None:
        self.reload()

    def selected(self) -> ComplaintRow | None:
        return self.model.row_at(selected_row(self.view))

    def _update_buttons(self) -> None:
        row = self.selected()
        allowed = complaint_actions(ComplaintStatus(row.status)) if row else []
        self.edit_button.setEnabled(row is not None and row.status != ComplaintStatus.CLOSED)
        for action, button in self.action_buttons.items():
            button.setEnabled(action in allowed)

    def new_complaint(self) -> ComplaintDialog:
        return self._open(ComplaintDialog(self.context, parent=self))

    def edit_selected(self) -> ComplaintDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = open_complaint(self.context, row.id, self)
        return self._open(dialog) if dialog else None

    def _open(self, dialog: ComplaintDialog) -> ComplaintDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def apply(self, action: ComplaintAction) -> bool:
        """Run a workflow action on the selected complaint. Resolving one that has no
        resolution yet opens the edit dialog on it, where the resolution is chosen."""
        row = self.selected()
        if row is None:
            return False
        if action is ComplaintAction.RESOLVE and not row.resolution:
            dialog = self.edit_selected()
            if dialog is not None:
                dialog.status.setCurrentIndex(dialog.status.findData("resolved"))
                dialog.resolution.setFocus()
            return False
        service, row_id = self.service, row.id
        self.context.operations.write(
            lambda: service.change_status(row_id, action), COMPLAINTS, parent=self
        )
        return True  # started; the list follows when it lands (`_on_changes`)

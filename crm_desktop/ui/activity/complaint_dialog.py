"""New or edit a customer complaint 客户投诉: every SPEC §2.5 field, problems inline."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from crm_desktop.domain.complaints import (
    COMPLAINT_TRANSITIONS,
    ComplaintDraft,
    complaint_problems,
)
from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.picklists import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintResolution,
    ComplaintStatus,
    Severity,
)
from crm_desktop.services.activity.complaints import ComplaintService
from crm_desktop.ui import application
from crm_desktop.ui.activity.form import (
    ActivityDialog,
    CustomerField,
    date_edit,
    from_qdate,
    to_qdate,
)
from crm_desktop.ui.attachments.strip import AttachmentStrip, attachments_title
from crm_desktop.ui.operations import COMPLAINTS
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.widgets import combo_code, picklist_combo, select_code


def _text_box(height: int = 72) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setFixedHeight(height)
    box.setTabChangesFocus(True)
    return box


class ComplaintDialog(ActivityDialog):
    """A new complaint (for `customer_id` when given), or `complaint_id` to edit one.

    The status combo offers the current status and the steps the workflow allows from
    it; `exec()` returns Accepted only after a successful save.
    """

    changes = COMPLAINTS

    def __init__(
        self,
        context: PageContext,
        customer_id: str | None = None,
        parent: QWidget | None = None,
        *,
        complaint_id: str | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.service: ComplaintService = context.services.complaints
        self.draft: ComplaintDraft | None = None
        if complaint_id is not None:
            self.draft = self.service.get(complaint_id)
            customer_id = self.draft.customer_id
        self.setWindowTitle(self.tr("Edit complaint") if complaint_id else self.tr("New complaint"))
        name = self.service.customer_name(customer_id) if customer_id else ""
        self.customer = CustomerField(context, customer_id, name)
        self.customer.changed.connect(self._load_contacts)
        self.contact = QComboBox()
        self.received_on = date_edit(context.services.clock.today())
        self.channel = picklist_combo(ComplaintChannel, self.lang)
        self.category = picklist_combo(ComplaintCategory, self.lang)
        self.severity = picklist_combo(Severity, self.lang)
        select_code(self.severity, Severity.MEDIUM.value)
        select_code(self.category, ComplaintCategory.OTHER.value)
        self.description = _text_box(96)
        self.customer_demand = _text_box()
        self.department = QLineEdit()
        self.resolution = picklist_combo(ComplaintResolution, self.lang, empty="—")
        self.status = QComboBox()
        self.has_due = QCheckBox(self.tr("Set"))
        self.due_on = date_edit(context.services.clock.today())
        self.has_due.toggled.connect(self.due_on.setEnabled)
        self.due_on.setEnabled(False)
        due_row = QWidget()
        row = QHBoxLayout(due_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_due)
        row.addWidget(self.due_on, 1)
        for label, field, editor, flagged in (
            (self.tr("Customer *"), "customer", self.customer, self.customer.editor()),
            (self.tr("Contact"), "contact", self.contact, None),
            (self.tr("Received on *"), "received_on", self.received_on, None),
            (self.tr("Channel"), "channel", self.channel, None),
            (self.tr("Category"), "category", self.category, None),
            (self.tr("Severity"), "severity", self.severity, None),
            (self.tr("Description *"), "description", self.description, None),
            (self.tr("Customer demand"), "customer_demand", self.customer_demand, None),
            (self.tr("Responsible department"), "responsible_department", self.department, None),
            (self.tr("Due date"), "due_on", due_row, self.due_on),
            (self.tr("Status"), "status", self.status, None),
            (self.tr("Resolution"), "resolution", self.resolution, None),
        ):
            self.add_row(label, field, editor, flagged)
        # Photos of the goods, the leaflet: held until a new record is saved (strip.py).
        self.attachments = AttachmentStrip(
            context.services, context.operations, self.lang, "complaint",
            hold_until_saved=True, icon_edge=56, compact=True,
        )  # fmt: skip
        self.attachments.set_owner(self.draft.id if self.draft else None)
        self.add_row(attachments_title(self.lang), "attachments", self.attachments)
        self._load_contacts()
        self._load(self.draft)

    def _load_contacts(self) -> None:
        current = self.contact.currentData()
        self.contact.clear()
        self.contact.addItem("—", None)
        customer_id = self.customer.customer_id()
        if customer_id:
            for contact_id, name in self.service.contacts(customer_id):
                self.contact.addItem(name, contact_id)
        index = self.contact.findData(current) if current else -1
        self.contact.setCurrentIndex(max(index, 0))

    def _load(self, draft: ComplaintDraft | None) -> None:
        status = ComplaintStatus(draft.status) if draft else ComplaintStatus.OPEN
        choices = [status] + [
            target
            for (source, _action), target in COMPLAINT_TRANSITIONS.items()
            if source is status
        ]
        if draft is None:
            # A complaint settled on the spot may be recorded as resolved straight away.
            choices = [ComplaintStatus.OPEN, ComplaintStatus.IN_PROGRESS, ComplaintStatus.RESOLVED]
        for member in dict.fromkeys(choices):
            self.status.addItem(member.label(self.lang), member.value)
        if draft is None:
            return
        self.customer.select(draft.customer_id, self.service.customer_name(draft.customer_id))
        select_code(self.contact, draft.contact_id)
        self.received_on.setDate(to_qdate(draft.received_on))
        select_code(self.channel, draft.channel)
        select_code(self.category, draft.category)
        select_code(self.severity, draft.severity)
        self.description.setPlainText(draft.description)
        self.customer_demand.setPlainText(draft.customer_demand or "")
        self.department.setText(draft.responsible_department or "")
        select_code(self.resolution, draft.resolution)
        select_code(self.status, draft.status)
        self.has_due.setChecked(draft.due_on is not None)
        if draft.due_on is not None:
            self.due_on.setDate(to_qdate(draft.due_on))

    def _saved(self, saved_id: str) -> None:
        self.attachments.commit(saved_id)  # the files added while it was new
        super()._saved(saved_id)

    def read_draft(self) -> ComplaintDraft:
        contact = self.contact.currentData()
        return ComplaintDraft(
            id=self.draft.id if self.draft else None,
            customer_id=self.customer.customer_id() or "",
            contact_id=contact if isinstance(contact, str) else None,
            received_on=from_qdate(self.received_on.date()),
            channel=combo_code(self.channel) or ComplaintChannel.OTHER.value,
            category=combo_code(self.category) or ComplaintCategory.OTHER.value,
            severity=combo_code(self.severity) or Severity.MEDIUM.value,
            description=self.description.toPlainText(),
            customer_demand=self.customer_demand.toPlainText() or None,
            responsible_department=self.department.text() or None,
            resolution=combo_code(self.resolution),
            status=combo_code(self.status) or ComplaintStatus.OPEN.value,
            due_on=from_qdate(self.due_on.date()) if self.has_due.isChecked() else None,
        ).cleaned()

    def problems(self) -> list[ValidationError]:
        return complaint_problems(self.read_draft(), self.context.services.clock.today())


def open_complaint(
    context: PageContext, complaint_id: str, parent: QWidget | None = None
) -> ComplaintDialog | None:
    """The edit dialog of a complaint, or None (error shown) when it is gone."""
    try:
        return ComplaintDialog(context, parent=parent, complaint_id=complaint_id)
    except UserFacingError as error:
        application.show_error(error, parent)
        return None

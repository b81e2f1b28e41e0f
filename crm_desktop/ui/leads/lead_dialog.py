"""New or edit a lead 线索: name, contact, phone, source and event (展会), tier, follow-up
due date, notes; a supervisor may put it straight into the team's pool."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.leads import TIER_LABELS, LeadSource, Tier, check_lead_name
from crm_desktop.services.leads.leads import LeadDraft, LeadRow, LeadService
from crm_desktop.ui.activity.form import ActivityDialog, date_edit, from_qdate, to_qdate
from crm_desktop.ui.operations import LEADS
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.widgets import combo_code, picklist_combo, select_code


class LeadDialog(ActivityDialog):
    changes = LEADS

    def __init__(
        self,
        context: PageContext,
        parent: QWidget | None = None,
        *,
        lead: LeadRow | None = None,
        may_pool: bool = False,
    ) -> None:
        super().__init__(context, parent)
        self.leads: LeadService = context.services.leads
        self.lead = lead
        self.setWindowTitle(self.tr("Edit lead") if lead else self.tr("New lead"))
        self.name = QLineEdit(lead.name if lead else "")
        self.contact = QLineEdit(lead.contact_name or "" if lead else "")
        self.phone = QLineEdit(lead.phone or "" if lead else "")
        self.source = picklist_combo(LeadSource, self.lang)
        select_code(self.source, lead.source if lead else LeadSource.TRADE_SHOW.value)
        self.event_name = QLineEdit(lead.event or "" if lead else "")
        self.event_name.setPlaceholderText(self.tr("e.g. 2026 Canton Fair, booth 12"))
        self.tier = QComboBox()
        for tier in Tier:
            zh, en = TIER_LABELS[tier]
            self.tier.addItem(en if self.lang.startswith("en") else zh, tier.value)
        select_code(self.tier, lead.tier if lead else Tier.GENERAL.value)
        today = context.services.clock.today()
        self.has_due = QCheckBox(self.tr("Follow up by"))
        self.due = date_edit(today)
        if lead and lead.follow_up_due:
            self.has_due.setChecked(True)
            self.due.setDate(to_qdate(lead.follow_up_due))
        self.due.setEnabled(self.has_due.isChecked())
        self.has_due.toggled.connect(self.due.setEnabled)
        self.notes = QPlainTextEdit(lead.notes or "" if lead else "")
        self.notes.setFixedHeight(64)
        self.notes.setTabChangesFocus(True)
        self.to_pool = QCheckBox(self.tr("Put it into the team's pool"))
        self.add_row(self.tr("Name"), "name", self.name)
        self.add_row(self.tr("Contact"), "contact_name", self.contact)
        self.add_row(self.tr("Phone"), "phone", self.phone)
        self.add_row(self.tr("Source"), "source", self.source)
        self.add_row(self.tr("Event"), "event", self.event_name)
        self.add_row(self.tr("Tier"), "tier", self.tier)
        due_row = QWidget()
        due_line = QHBoxLayout(due_row)
        due_line.setContentsMargins(0, 0, 0, 0)
        due_line.addWidget(self.has_due)
        due_line.addWidget(self.due, 1)
        self.add_row(self.tr("Follow-up"), "follow_up_due", due_row)
        self.add_row(self.tr("Notes"), "notes", self.notes)
        if may_pool and lead is None:
            self.form.addRow("", self.to_pool)

    def read_draft(self) -> LeadDraft:
        return LeadDraft(
            id=self.lead.id if self.lead else None,
            name=self.name.text(),
            contact_name=self.contact.text(),
            phone=self.phone.text(),
            source=combo_code(self.source) or LeadSource.OTHER.value,
            event=self.event_name.text(),
            tier=str(self.tier.currentData()),
            follow_up_due=from_qdate(self.due.date()) if self.has_due.isChecked() else None,
            notes=self.notes.toPlainText(),
            to_pool=self.to_pool.isChecked(),
        )

    def problems(self) -> list[ValidationError]:
        try:
            check_lead_name(self.name.text())
        except ValidationError as error:
            return [error]
        return []

    def writer(self) -> Callable[[], str]:
        draft, service = self.read_draft(), self.leads
        return lambda: service.save(draft)

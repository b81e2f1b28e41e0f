"""New or edit a market situation report 市场状况反映表 (SPEC §2.4), problems inline."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from crm_desktop.domain.complaints import MarketReportDraft, market_report_problems
from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.picklists import MarketCategory, Severity
from crm_desktop.services.activity.market_reports import MarketReportService
from crm_desktop.ui import application
from crm_desktop.ui.activity.form import (
    ActivityDialog,
    CustomerField,
    date_edit,
    from_qdate,
    to_qdate,
)
from crm_desktop.ui.attachments.strip import AttachmentStrip, attachments_title
from crm_desktop.ui.operations import MARKET_REPORTS
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.widgets import combo_code, picklist_combo, select_code


class MarketReportDialog(ActivityDialog):
    """A new report (about `customer_id` when given; the customer is optional), or
    `report_id` to edit one. `exec()` returns Accepted only after a successful save."""

    changes = MARKET_REPORTS

    def __init__(
        self,
        context: PageContext,
        customer_id: str | None = None,
        parent: QWidget | None = None,
        *,
        report_id: str | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.service: MarketReportService = context.services.market_reports
        self.draft: MarketReportDraft | None = None
        if report_id is not None:
            self.draft = self.service.get(report_id)
        self.setWindowTitle(
            self.tr("Edit market report") if report_id else self.tr("New market report")
        )
        name = self.service.customer_name(customer_id) if customer_id else ""
        self.customer = CustomerField(context, customer_id, name, optional=True)
        self.report_date = date_edit(context.services.clock.today())
        self.category = picklist_combo(MarketCategory, self.lang)
        self.severity = picklist_combo(Severity, self.lang)
        select_code(self.severity, Severity.MEDIUM.value)
        self.region = QLineEdit()
        self.region.setPlaceholderText(self.tr("The customer's region when left empty"))
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(120)
        self.description.setTabChangesFocus(True)
        self.suggested_action = QPlainTextEdit()
        self.suggested_action.setFixedHeight(72)
        self.suggested_action.setTabChangesFocus(True)
        for label, field, editor, flagged in (
            (self.tr("Date *"), "report_date", self.report_date, None),
            (self.tr("Category"), "category", self.category, None),
            (self.tr("Severity"), "severity", self.severity, None),
            (self.tr("Customer"), "customer", self.customer, self.customer.editor()),
            (self.tr("Region"), "region", self.region, None),
            (self.tr("Description *"), "description", self.description, None),
            (self.tr("Suggested action"), "suggested_action", self.suggested_action, None),
        ):
            self.add_row(label, field, editor, flagged)
        # Photos of the goods, the leaflet: held until a new record is saved (strip.py).
        self.attachments = AttachmentStrip(
            context.services, context.operations, self.lang, "market_report",
            hold_until_saved=True, icon_edge=56, compact=True,
        )  # fmt: skip
        self.attachments.set_owner(self.draft.id if self.draft else None)
        self.add_row(attachments_title(self.lang), "attachments", self.attachments)
        if self.draft is not None:
            self._load(self.draft)

    def _load(self, draft: MarketReportDraft) -> None:
        self.report_date.setDate(to_qdate(draft.report_date))
        select_code(self.category, draft.category)
        select_code(self.severity, draft.severity)
        if draft.customer_id:
            self.customer.select(draft.customer_id, self.service.customer_name(draft.customer_id))
        self.region.setText(draft.region or "")
        self.description.setPlainText(draft.description)
        self.suggested_action.setPlainText(draft.suggested_action or "")

    def _saved(self, saved_id: str) -> None:
        self.attachments.commit(saved_id)  # the files added while it was new
        super()._saved(saved_id)

    def read_draft(self) -> MarketReportDraft:
        return MarketReportDraft(
            id=self.draft.id if self.draft else None,
            report_date=from_qdate(self.report_date.date()),
            category=combo_code(self.category) or MarketCategory.OTHER.value,
            severity=combo_code(self.severity) or Severity.MEDIUM.value,
            customer_id=self.customer.customer_id(),
            region=self.region.text() or None,
            description=self.description.toPlainText(),
            suggested_action=self.suggested_action.toPlainText() or None,
        ).cleaned()

    def problems(self) -> list[ValidationError]:
        return market_report_problems(self.read_draft(), self.context.services.clock.today())


def open_market_report(
    context: PageContext, report_id: str, parent: QWidget | None = None
) -> MarketReportDialog | None:
    try:
        return MarketReportDialog(context, parent=parent, report_id=report_id)
    except UserFacingError as error:
        application.show_error(error, parent)
        return None

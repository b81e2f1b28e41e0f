"""The card's 投诉 and 市场信息 tabs: the customer's complaints and market reports, each
with a "New…" button opening the activity dialog prefilled with the customer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from crm_desktop.domain.picklists import (
    ComplaintCategory,
    ComplaintStatus,
    MarketCategory,
    Severity,
)
from crm_desktop.services.customers.customers import ComplaintSummary, MarketReportSummary
from crm_desktop.ui.activity.complaint_dialog import ComplaintDialog, open_complaint
from crm_desktop.ui.activity.form import ActivityDialog
from crm_desktop.ui.activity.market_report_dialog import MarketReportDialog, open_market_report
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.widgets import date_text, fill_table, picklist_label, read_only_table


class _ActivityTab(QWidget):
    """A button row over a read-only table; emits `changed` after a dialog saved."""

    changed = Signal()

    def __init__(self, context: PageContext, customer_id: str) -> None:
        super().__init__()
        self.context = context
        self.lang = context.lang
        self.customer_id = customer_id
        self.dialog: ActivityDialog | None = None
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new)
        self.table = read_only_table(self.headers())
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.ids: list[str] = []

    def headers(self) -> list[str]:
        raise NotImplementedError

    def new(self) -> ActivityDialog:
        raise NotImplementedError

    def edit_selected(self) -> ActivityDialog | None:
        raise NotImplementedError

    def selected_id(self) -> str | None:
        row = self.table.currentRow()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def _open(self, dialog: ActivityDialog) -> ActivityDialog:
        # Window-modal but not blocking (open(), not exec()), so tests can drive it.
        self.dialog = dialog
        dialog.saved.connect(lambda _id: self.changed.emit())
        dialog.open()
        return dialog


class ComplaintsTab(_ActivityTab):
    def __init__(self, context: PageContext, customer_id: str) -> None:
        super().__init__(context, customer_id)
        self.new_button.setText(self.tr("New complaint…"))

    def headers(self) -> list[str]:
        return [self.tr("Received"), self.tr("Category"), self.tr("Status"), self.tr("Description")]

    def show_complaints(self, complaints: list[ComplaintSummary]) -> None:
        self.ids = [c.id for c in complaints]
        fill_table(
            self.table,
            [
                [
                    date_text(c.received_on),
                    picklist_label(ComplaintCategory, c.category, self.lang),
                    picklist_label(ComplaintStatus, c.status, self.lang),
                    " ".join(c.description.split()),
                ]
                for c in complaints
            ],
        )

    def new(self) -> ComplaintDialog:
        dialog = ComplaintDialog(self.context, self.customer_id, self)
        self._open(dialog)
        return dialog

    def edit_selected(self) -> ComplaintDialog | None:
        complaint_id = self.selected_id()
        dialog = open_complaint(self.context, complaint_id, self) if complaint_id else None
        if dialog is not None:
            self._open(dialog)
        return dialog


class MarketReportsTab(_ActivityTab):
    def __init__(self, context: PageContext, customer_id: str) -> None:
        super().__init__(context, customer_id)
        self.new_button.setText(self.tr("New market report…"))

    def headers(self) -> list[str]:
        return [
            self.tr("Date"),
            self.tr("Category"),
            self.tr("Severity"),
            self.tr("Acknowledged"),
            self.tr("Description"),
        ]

    def show_reports(self, reports: list[MarketReportSummary]) -> None:
        self.ids = [r.id for r in reports]
        fill_table(
            self.table,
            [
                [
                    date_text(r.report_date),
                    picklist_label(MarketCategory, r.category, self.lang),
                    picklist_label(Severity, r.severity, self.lang),
                    "✓" if r.acknowledged else "",
                    " ".join(r.description.split()),
                ]
                for r in reports
            ],
        )

    def new(self) -> MarketReportDialog:
        dialog = MarketReportDialog(self.context, self.customer_id, self)
        self._open(dialog)
        return dialog

    def edit_selected(self) -> MarketReportDialog | None:
        report_id = self.selected_id()
        dialog = open_market_report(self.context, report_id, self) if report_id else None
        if dialog is not None:
            self._open(dialog)
        return dialog

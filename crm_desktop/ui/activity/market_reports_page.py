"""市场信息 Market reports: the list with period / category filters, new, edit, and a
supervisor's acknowledge (已阅)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QPushButton, QVBoxLayout, QWidget

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.picklists import MarketCategory, Severity
from crm_desktop.services.activity.market_reports import MarketReportFilter, MarketReportRow
from crm_desktop.ui import application
from crm_desktop.ui.activity.market_report_dialog import MarketReportDialog, open_market_report
from crm_desktop.ui.activity.page_parts import (
    empty_note,
    heading,
    period_combo,
    period_dates,
    primary,
    toolbar,
)
from crm_desktop.ui.activity.table import (
    RowsModel,
    fit,
    fit_to_contents,
    selected_row,
    table_view,
)
from crm_desktop.ui.operations import CUSTOMERS, MARKET_REPORTS, OpChanges
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.widgets import date_text, picklist_combo, picklist_label


class MarketReportsPage(Page):
    key = "market"
    # The list re-reads when an operation changed one of these (ui/operations.py).
    SHOWN = MARKET_REPORTS | CUSTOMERS

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Market reports")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.service = context.services.market_reports
        self.lang = context.lang
        self.dialog: MarketReportDialog | None = None
        self.period = period_combo()
        self.category = picklist_combo(MarketCategory, self.lang, empty=self.tr("All categories"))
        self.unacknowledged = QCheckBox(self.tr("Not yet acknowledged"))
        self.new_button = primary(self.tr("New market report…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.acknowledge_button = QPushButton(self.tr("Acknowledge"))
        self.acknowledge_button.setVisible(context.services.actor.can_review)
        self.model: RowsModel[MarketReportRow] = RowsModel(
            [
                self.tr("Date"),
                self.tr("Category"),
                self.tr("Severity"),
                self.tr("Customer"),
                self.tr("Region"),
                self.tr("Reporter"),
                self.tr("Acknowledged"),
                self.tr("Description"),
            ],
            self._cells,
            alert=lambda r: r.severity == Severity.CRITICAL.value and not r.acknowledged,
            alert_column=2,
        )
        self.view = table_view(self.model)
        fit(self.view, (96, 100, 64, 160, 72, 80, 80))
        self.empty = empty_note()
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.new_button.clicked.connect(self.new_report)
        self.edit_button.clicked.connect(self.edit_selected)
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        for combo in (self.period, self.category):
            combo.currentIndexChanged.connect(lambda _index: self.reload())
        self.unacknowledged.toggled.connect(lambda _on: self.reload())
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title()))
        layout.addLayout(
            toolbar(
                self.period,
                self.category,
                self.unacknowledged,
                self.edit_button,
                self.acknowledge_button,
                self.new_button,
                stretch_after=2,
            )
        )
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self.reload()

        context.operations.did_change.connect(self._on_changes)

    def _on_changes(self, changes: OpChanges, _origin: object) -> None:
        if changes.touches(self.SHOWN):
            self.reload()

    def _cells(self, r: MarketReportRow) -> list[str]:
        lang = self.lang
        return [
            date_text(r.report_date),
            picklist_label(MarketCategory, r.category, lang),
            picklist_label(Severity, r.severity, lang),
            r.customer_name or "",
            r.region or "",
            r.reporter_name or "",
            r.acknowledged_by_name or ("✓" if r.acknowledged else ""),
            " ".join(r.description.split()),
        ]

    def query(self) -> MarketReportFilter:
        date_from, date_to = period_dates(
            str(self.period.currentData()), self.context.services.clock.today()
        )
        category = self.category.currentData()
        return MarketReportFilter(
            date_from=date_from,
            date_to=date_to,
            category=category if isinstance(category, str) else None,
            unacknowledged_only=self.unacknowledged.isChecked(),
        )

    def reload(self) -> None:
        try:
            rows = self.service.list(self.query())
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self.model.set_rows(rows)
        fit_to_contents(self.view)
        self.empty.setText("" if rows else self.tr("No market reports in this period."))
        self.empty.setVisible(not rows)
        self._update_buttons()

    def page_shown(self) -> None:
        self.reload()

    def selected(self) -> MarketReportRow | None:
        return self.model.row_at(selected_row(self.view))

    def _update_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.acknowledge_button.setEnabled(row is not None and not row.acknowledged)

    def new_report(self) -> MarketReportDialog:
        return self._open(MarketReportDialog(self.context, parent=self))

    def edit_selected(self) -> MarketReportDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = open_market_report(self.context, row.id, self)
        return self._open(dialog) if dialog else None

    def _open(self, dialog: MarketReportDialog) -> MarketReportDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def acknowledge_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        service, row_id = self.service, row.id
        self.context.operations.write(
            lambda: service.acknowledge(row_id), MARKET_REPORTS, parent=self
        )
        return True  # started; the list follows when it lands (`_on_changes`)

"""应收账款 Receivables: the aging of the money owed by the customers in the user's scope
(balance, 0–30 / 31–60 / 61–90 / > 90 days, overdue money, credit limit), and below it
the ledger of the selected customer. New entry, finance import, Excel export and the
overdue follow-ups are its actions (services/receivables)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.money import format_fen
from crm_desktop.domain.picklists import PaymentTerms
from crm_desktop.domain.receivables import Bucket
from crm_desktop.services.receivables.export import export_receivables
from crm_desktop.services.receivables.overdue import create_overdue_follow_ups
from crm_desktop.services.receivables.receivables import (
    AgingReport,
    AgingRow,
    CustomerLedger,
    LedgerLine,
)
from crm_desktop.ui.activity.page_parts import empty_note, heading, primary, toolbar
from crm_desktop.ui.activity.table import (
    RowsModel,
    fit,
    fit_to_contents,
    selected_row,
    table_view,
)
from crm_desktop.ui.operations import (
    CUSTOMERS,
    FOLLOW_UPS,
    RECEIVABLES,
    REPORTS,
    VISITS,
    OpChanges,
)
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.receivables.entry_dialog import EntryDialog
from crm_desktop.ui.receivables.import_dialog import FinanceImportDialog
from crm_desktop.ui.tasks import BackgroundTask
from crm_desktop.ui.widgets import date_text, picklist_label

MONEY_COLUMNS = (2, 3, 4, 5, 6, 7, 8)


def _money(fen: int | None) -> str:
    return "" if fen is None else format_fen(fen)


class ReceivablesPage(Page):
    key = "receivables"
    loaded = Signal()  # the aging table was (re)read
    ledger_loaded = Signal()  # the selected customer's ledger was read
    # Visits carry orders and collections; customers the credit limits and terms.
    SHOWN = RECEIVABLES | VISITS | REPORTS | CUSTOMERS

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("ReceivablesPage", "Receivables")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.services = context.services
        self.lang = context.lang
        self.report: AgingReport | None = None
        self.ledger: CustomerLedger | None = None
        self.dialog: QWidget | None = None
        self.load_task: BackgroundTask | None = None
        self.ledger_task: BackgroundTask | None = None
        self.summary = QLabel()
        self.summary.setObjectName("pageNote")
        self.overdue_only = QCheckBox(self.tr("Overdue only"))
        self.overdue_only.toggled.connect(lambda _on: self._show_rows())
        self.follow_up_button = QPushButton(self.tr("Follow-ups for overdue"))
        self.follow_up_button.setToolTip(
            self.tr("Make a collection follow-up for each overdue debt of your customers")
        )
        self.import_button = QPushButton(self.tr("Import finance balances…"))
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.new_button = primary(self.tr("New entry…"))
        self.follow_up_button.clicked.connect(self.make_follow_ups)
        self.import_button.clicked.connect(self.open_import)
        self.export_button.clicked.connect(self.choose_export)
        self.new_button.clicked.connect(self.new_entry)
        self.model: RowsModel[AgingRow] = RowsModel(
            [
                self.tr("Customer"),
                self.tr("Owner"),
                self.tr("Balance"),
                *(b.label(self.lang) for b in Bucket),
                self.tr("Overdue"),
                self.tr("Credit limit"),
            ],
            self._cells,
            alert=lambda r: r.overdue or r.over_limit,
            alert_column=7,
            right_aligned=MONEY_COLUMNS,
        )
        self.view = table_view(self.model)
        fit(self.view, (180, 70, 100, 90, 90, 90, 90, 100, 90))
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self.load_ledger())
        self.empty = empty_note()
        self.ledger_title = QLabel()
        self.ledger_title.setObjectName("sectionTitle")
        self.ledger_note = QLabel()
        self.ledger_note.setObjectName("pageNote")
        self.ledger_note.setWordWrap(True)
        self.delete_button = QPushButton(self.tr("Delete entry"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.lines: RowsModel[LedgerLine] = RowsModel(
            [
                self.tr("Date"),
                self.tr("Kind"),
                self.tr("Source"),
                self.tr("Amount"),
                self.tr("Balance"),
                self.tr("Due"),
                self.tr("Reference"),
                self.tr("Note"),
            ],
            self._line_cells,
            right_aligned=(3, 4),
        )
        self.line_view = table_view(self.lines)
        fit(self.line_view, (90, 70, 80, 100, 100, 90, 90))
        self.line_view.selectionModel().selectionChanged.connect(
            lambda *_args: self._update_buttons()
        )
        ledger_box = QWidget()
        ledger_layout = QVBoxLayout(ledger_box)
        ledger_layout.setContentsMargins(0, 0, 0, 0)
        ledger_layout.addLayout(toolbar(self.ledger_title, self.delete_button, stretch_after=0))
        ledger_layout.addWidget(self.ledger_note)
        ledger_layout.addWidget(self.line_view, 1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.view, 1)
        top_layout.addWidget(self.empty)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(ledger_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title()))
        layout.addLayout(
            toolbar(
                self.overdue_only,
                self.follow_up_button,
                self.import_button,
                self.export_button,
                self.new_button,
                stretch_after=0,
            )
        )
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self._update_buttons()
        self.reload()
        context.operations.did_change.connect(self._on_changes)

    # --- reading -------------------------------------------------------------------------
    def _on_changes(self, changes: OpChanges, _origin: object) -> None:
        if changes.touches(self.SHOWN):
            self.reload()

    def page_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the aging report on the read lane; the table follows when it lands."""
        service = self.services.receivables
        self.load_task = self.context.operations.read(
            service.aging_report, parent=self, success=self._loaded
        )

    def _loaded(self, report: AgingReport) -> None:
        self.report = report
        balance, _buckets, overdue = report.totals
        self.summary.setText(
            self.tr("As of %1 · %2 customers · balance %3 · overdue %4")
            .replace("%1", report.as_of.isoformat())
            .replace("%2", str(len(report.rows)))
            .replace("%3", format_fen(balance))
            .replace("%4", format_fen(overdue))
        )
        self._show_rows()
        self.loaded.emit()

    def _show_rows(self) -> None:
        if self.report is None:
            return
        chosen = self.selected()
        rows = [r for r in self.report.rows if r.overdue or not self.overdue_only.isChecked()]
        self.model.set_rows(rows)
        fit_to_contents(self.view)
        self.empty.setText("" if rows else self.tr("No customer owes money."))
        self.empty.setVisible(not rows)
        keep = next(
            (i for i, r in enumerate(rows) if chosen and r.customer_id == chosen.customer_id), 0
        )
        if rows:
            self.view.selectRow(keep)
        else:
            self._show_ledger(None)
        self._update_buttons()

    def _cells(self, r: AgingRow) -> list[str]:
        limit = _money(r.credit_limit_fen)
        if r.over_limit:
            limit += " " + self.tr("(over)")
        return [
            r.customer_name,
            r.owner_name,
            format_fen(r.balance_fen),
            *(_money(amount) if amount else "" for amount in r.buckets),
            _money(r.overdue_fen) if r.overdue else "",
            limit,
        ]

    def selected(self) -> AgingRow | None:
        return self.model.row_at(selected_row(self.view))

    def load_ledger(self) -> None:
        row = self.selected()
        if row is None:
            self._show_ledger(None)
            return
        service, customer_id = self.services.receivables, row.customer_id
        self.ledger_task = self.context.operations.read(
            lambda: service.ledger(customer_id), parent=self, success=self._show_ledger
        )

    def _show_ledger(self, ledger: CustomerLedger | None) -> None:
        self.ledger = ledger
        self.lines.set_rows(ledger.lines if ledger else [])
        fit_to_contents(self.line_view)
        if ledger is None:
            self.ledger_title.setText(self.tr("Ledger"))
            self.ledger_note.setText(self.tr("Select a customer to see its ledger."))
        else:
            terms = picklist_label(PaymentTerms, ledger.payment_terms, self.lang) or self.tr(
                "30 days (default)"
            )
            self.ledger_title.setText(self.tr("Ledger: %1").replace("%1", ledger.customer_name))
            self.ledger_note.setText(
                self.tr("Balance %1 · credit limit %2 · payment terms %3")
                .replace("%1", format_fen(ledger.aging.balance_fen))
                .replace("%2", _money(ledger.credit_limit_fen) or self.tr("none"))
                .replace("%3", terms)
            )
        self._update_buttons()
        self.ledger_loaded.emit()

    def _line_cells(self, line: LedgerLine) -> list[str]:
        running = "" if line.running_fen is None else format_fen(line.running_fen)
        note = line.note or ""
        if line.superseded:
            note = self.tr("Replaced by the finance balance") + (" · " + note if note else "")
        return [
            date_text(line.entry_date),
            line.kind.label(self.lang),
            line.source.label(self.lang),
            format_fen(line.amount_fen),
            running,
            date_text(line.due_on) if line.amount_fen > 0 else "",
            line.reference or "",
            note,
        ]

    def selected_line(self) -> LedgerLine | None:
        return self.lines.row_at(selected_row(self.line_view))

    def _update_buttons(self) -> None:
        line = self.selected_line()
        self.delete_button.setEnabled(line is not None and line.deletable)

    # --- actions -------------------------------------------------------------------------
    def new_entry(self) -> EntryDialog:
        row = self.selected()
        dialog = EntryDialog(
            self.context,
            row.customer_id if row else None,
            row.customer_name if row else "",
            parent=self,
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_import(self) -> FinanceImportDialog:
        dialog = FinanceImportDialog(self.context, parent=self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def delete_selected(self) -> bool:
        line = self.selected_line()
        if line is None or not line.deletable:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Delete entry"),
            self.tr("Delete this %1 of %2?")
            .replace("%1", line.kind.label(self.lang))
            .replace("%2", format_fen(abs(line.amount_fen))),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.delete_line(line)

    def delete_line(self, line: LedgerLine) -> bool:
        service, entry_id = self.services.receivables, line.id
        self.context.operations.write(
            lambda: service.delete_entry(entry_id), RECEIVABLES, parent=self
        )
        return True

    def make_follow_ups(self) -> BackgroundTask:
        services = self.services
        return self.context.operations.write(
            lambda: create_overdue_follow_ups(services.store, services.user),
            FOLLOW_UPS,
            parent=self,
            success=self._follow_ups_made,
        )

    def _follow_ups_made(self, made: int) -> None:
        self.summary.setText(
            self.tr("%1 new collection follow-ups; see Follow-ups.").replace("%1", str(made))
            if made
            else self.tr(
                "No new follow-ups: every overdue debt of your own customers already has one."
            )
        )

    def choose_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export receivables"),
            "应收账款账龄.xlsx",
            self.tr("Excel files (*.xlsx)"),
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> BackgroundTask:
        """Write the aging report on the read lane (it only reads the store)."""
        services, lang = self.services, self.lang
        return self.context.operations.read(
            lambda: export_receivables(services.store, services.user, path, lang),
            parent=self,
            success=lambda _report: self.summary.setText(
                self.tr("Exported to %1").replace("%1", str(path))
            ),
        )

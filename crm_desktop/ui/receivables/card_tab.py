"""The customer card's 应收账款 Receivables tab: the customer's ledger (orders,
collections, adjustments, finance balances and the balance after each), its aging and
credit limit, and New entry… for this customer (services/receivables)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.money import format_fen
from crm_desktop.domain.receivables import Bucket
from crm_desktop.services.receivables.receivables import CustomerLedger, LedgerLine
from crm_desktop.ui import application
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.receivables.entry_dialog import EntryDialog
from crm_desktop.ui.widgets import date_text, fill_table, read_only_table


class LedgerTab(QWidget):
    changed = Signal()  # an entry was added from the card

    def __init__(self, context: PageContext, customer_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.customer_id = customer_id
        self.lang = context.lang
        self.ledger: CustomerLedger | None = None
        self.dialog: EntryDialog | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.new_button = QPushButton(self.tr("New entry…"))
        self.new_button.clicked.connect(self.new_entry)
        self.table = read_only_table(
            [
                self.tr("Date"),
                self.tr("Kind"),
                self.tr("Source"),
                self.tr("Amount"),
                self.tr("Balance"),
                self.tr("Due"),
                self.tr("Reference"),
                self.tr("Note"),
            ]
        )
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("LedgerTab", "Receivables")

    def reload(self) -> bool:
        try:
            ledger = self.context.services.receivables.ledger(self.customer_id)
        except UserFacingError as error:
            application.show_error(error, self)
            return False
        self.ledger = ledger
        aging = ledger.aging
        buckets = " · ".join(f"{b.label(self.lang)} {format_fen(aging.buckets[b])}" for b in Bucket)
        limit = (
            format_fen(ledger.credit_limit_fen)
            if ledger.credit_limit_fen is not None
            else self.tr("none")
        )
        self.summary.setText(
            self.tr("Balance %1 (overdue %2) · credit limit %3\n%4")
            .replace("%1", format_fen(aging.balance_fen))
            .replace("%2", format_fen(aging.overdue_fen))
            .replace("%3", limit)
            .replace("%4", buckets)
        )
        fill_table(self.table, [self._cells(line) for line in ledger.lines], right_aligned=(3, 4))
        return True

    def _cells(self, line: LedgerLine) -> list[str]:
        note = line.note or ""
        if line.superseded:
            note = self.tr("Replaced by the finance balance") + (" · " + note if note else "")
        return [
            date_text(line.entry_date),
            line.kind.label(self.lang),
            line.source.label(self.lang),
            format_fen(line.amount_fen),
            "" if line.running_fen is None else format_fen(line.running_fen),
            date_text(line.due_on) if line.amount_fen > 0 else "",
            line.reference or "",
            note,
        ]

    def new_entry(self) -> EntryDialog:
        name = self.ledger.customer_name if self.ledger else ""
        dialog = EntryDialog(self.context, self.customer_id, name, parent=self)
        dialog.saved.connect(self._saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, _entry_id: str) -> None:
        self.reload()
        self.changed.emit()

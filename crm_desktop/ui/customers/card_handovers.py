"""The customer card's handover history 交接记录: who handed the customer to whom, when,
with the note and what moved (services/customers/handover.py). A handover queued on this
laptop shows as waiting until the server confirms it at the next sync."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from crm_desktop.domain.clock import Clock
from crm_desktop.domain.money import format_fen
from crm_desktop.services.customers.handover import HandoverEntry
from crm_desktop.ui.widgets import fill_table, read_only_table


class HandoversTab(QWidget):
    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.table = read_only_table(
            [
                self.tr("Date"),
                self.tr("From"),
                self.tr("To"),
                self.tr("By"),
                self.tr("What moved"),
                self.tr("Handover note"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def show_entries(self, entries: list[HandoverEntry]) -> None:
        fill_table(self.table, [self._cells(e) for e in entries])

    def _cells(self, e: HandoverEntry) -> list[str]:
        when = self.clock.to_local(e.handed_at).strftime("%Y-%m-%d %H:%M")
        if not e.confirmed:
            when += " " + self.tr("(waiting to sync)")
        f = e.figures
        moved = (
            self.tr("%1 opportunities (%2), %3 follow-ups, %4 complaints")
            .replace("%1", str(f.opportunities_moved))
            .replace("%2", format_fen(f.opportunity_amount_fen))
            .replace("%3", str(f.follow_ups_moved))
            .replace("%4", str(f.complaints_moved))
        )
        return [when, e.from_owner_name, e.to_owner_name, e.handed_by_name, moved, e.note]

"""Hand over customers 交接客户 (services/customers/handover.py): the customers chosen on
the Customers page, or a rep's whole book chosen on the Team page, each with its new owner
(a combo per row, "set all to" above) and a handover note per account.

The handover is one write on the writer lane (ui/operations.py): all the customers are
queued, or none and the problem is said above the table with the input kept. Afterwards
the dialog says what happened and offers the handover report (.xlsx).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import format_fen
from crm_desktop.services.container import Services
from crm_desktop.services.customers.handover import HandoverCandidate, HandoverRequest
from crm_desktop.ui.operations import (
    COMPLAINTS,
    CONTACTS,
    CUSTOMERS,
    FOLLOW_UPS,
    OPPORTUNITIES,
    PLANS,
    Operations,
)
from crm_desktop.ui.tasks import BackgroundTask
from crm_desktop.ui.widgets import ErrorLabel

HANDED_OVER = CUSTOMERS | CONTACTS | OPPORTUNITIES | FOLLOW_UPS | COMPLAINTS | PLANS
CUSTOMER, OWNER, OPPORTUNITIES_COL, FOLLOW_UPS_COL, COMPLAINTS_COL, NEW_OWNER, NOTE = range(7)


class HandoverDialog(QDialog):
    """`candidates` are the customers listed; with `book_owners` (id, name) the dialog
    starts with a "whose customers" choice and lists that person's whole book."""

    handed_over = Signal(list)  # the handover record ids

    def __init__(
        self,
        services: Services,
        lang: str,
        candidates: list[HandoverCandidate],
        parent: QWidget | None = None,
        *,
        operations: Operations | None = None,
        book_owners: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.lang = lang
        self.operations = operations or Operations(self)
        self.targets = services.handover.targets()
        self.candidates: list[HandoverCandidate] = []
        self.handover_ids: list[str] = []
        self.task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("Hand over customers"))

        self.from_combo = QComboBox()
        self.from_combo.setMinimumWidth(200)
        for owner_id, name in book_owners or []:
            self.from_combo.addItem(name, owner_id)
        self.from_combo.currentIndexChanged.connect(self._load_book)
        self.all_combo = self._owner_combo()
        self.all_button = QPushButton(self.tr("Set all"))
        self.all_button.clicked.connect(self.set_all_owners)
        self.all_note = QLineEdit()
        self.all_note.setPlaceholderText(self.tr("A note for every customer without one"))
        self.note_button = QPushButton(self.tr("Fill empty notes"))
        self.note_button.clicked.connect(self.fill_empty_notes)

        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Customer"),
                self.tr("Owner"),
                self.tr("Open opportunities"),
                self.tr("Follow-ups"),
                self.tr("Complaints"),
                self.tr("New owner"),
                self.tr("Handover note"),
            ]
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NEW_OWNER, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel()

        self.hint = QLabel(
            self.tr(
                "Open opportunities, follow-ups and complaints move with each customer; "
                "visits, reports and closed deals stay with their author. The customer "
                "leaves the old owner's later plans not yet submitted."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        self.error = ErrorLabel()
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.hide()
        self.report_button = QPushButton(self.tr("Handover report to Excel…"))
        self.report_button.clicked.connect(self.export_report)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go_button = self.buttons.addButton(
            self.tr("Hand over"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.go_button.setObjectName("primary")
        self.buttons.accepted.connect(self.hand_over)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        if book_owners is not None:
            whose = QHBoxLayout()
            whose.addWidget(QLabel(self.tr("Customers of:")))
            whose.addWidget(self.from_combo)
            whose.addStretch(1)
            layout.addLayout(whose)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("New owner for all:")))
        controls.addWidget(self.all_combo)
        controls.addWidget(self.all_button)
        controls.addSpacing(16)
        controls.addWidget(self.all_note, 1)
        controls.addWidget(self.note_button)
        layout.addLayout(controls)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.done_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.report_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.resize(1100, 600)
        if book_owners is not None:
            self._load_book()
        else:
            self.set_candidates(candidates)

    # --- rows -------------------------------------------------------------------------
    def _owner_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("— choose —"), None)
        for user_id, name in self.targets:
            combo.addItem(name, user_id)
        return combo

    def _load_book(self) -> None:
        owner = self.from_combo.currentData()
        self.set_candidates(self.services.handover.book_of(owner) if owner else [])

    def set_candidates(self, candidates: list[HandoverCandidate]) -> None:
        self.candidates = candidates
        self.table.setRowCount(len(candidates))
        for row, c in enumerate(candidates):
            opportunities = (
                f"{c.open_opportunities} · {format_fen(c.open_amount_fen)}"
                if c.open_opportunities
                else "0"
            )
            for column, text in (
                (CUSTOMER, c.name),
                (OWNER, c.owner_name),
                (OPPORTUNITIES_COL, opportunities),
                (FOLLOW_UPS_COL, str(c.open_follow_ups)),
                (COMPLAINTS_COL, str(c.open_complaints)),
            ):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)
            combo = self._owner_combo()
            combo.setObjectName(f"new_owner_{row}")
            self.table.setCellWidget(row, NEW_OWNER, combo)
            note = QLineEdit()
            note.setObjectName(f"note_{row}")
            note.setPlaceholderText(self.tr("What the new owner needs to know"))
            self.table.setCellWidget(row, NOTE, note)
        self.go_button.setEnabled(bool(candidates))
        self.count_label.setText(self.tr("%1 customers").replace("%1", str(len(candidates))))
        # A combo in a cell is not measured by ResizeToContents: fit its column by hand.
        self.table.setColumnWidth(NEW_OWNER, self.all_combo.sizeHint().width() + 12)

    def owner_combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, NEW_OWNER)
        assert isinstance(widget, QComboBox)
        return widget

    def note_edit(self, row: int) -> QLineEdit:
        widget = self.table.cellWidget(row, NOTE)
        assert isinstance(widget, QLineEdit)
        return widget

    def set_all_owners(self) -> None:
        index = self.all_combo.currentIndex()
        for row in range(self.table.rowCount()):
            self.owner_combo(row).setCurrentIndex(index)

    def fill_empty_notes(self) -> None:
        text = self.all_note.text().strip()
        for row in range(self.table.rowCount()):
            if not self.note_edit(row).text().strip():
                self.note_edit(row).setText(text)

    # --- the handover -----------------------------------------------------------------
    def requests(self) -> list[HandoverRequest]:
        """The rows as requests; ValidationError naming the first row without an owner."""
        found = []
        for row, c in enumerate(self.candidates):
            owner = self.owner_combo(row).currentData()
            if not owner:
                raise ValidationError(
                    f"请为客户“{c.name}”选择新负责人",
                    f"Choose the new owner of customer “{c.name}”",
                )
            found.append(HandoverRequest(c.customer_id, owner, self.note_edit(row).text()))
        return found

    def hand_over(self) -> bool:
        """Start the handover; True when it started (the dialog then says what happened)."""
        if self.task is not None and self.task.running:
            return False
        try:
            requests = self.requests()
        except ValidationError as error:
            self.error.show_message(error.message(self.lang))
            return False
        self.error.show_message("")
        handover = self.services.handover
        self.task = self.operations.save(
            lambda: handover.hand_over(requests),
            HANDED_OVER,
            parent=self,
            button=self.go_button,
            saved=self._done,
            refused=lambda error: self.error.show_message(error.message(self.lang)),
        )
        return True

    def _done(self, ids: list[str]) -> None:
        self.handover_ids = ids
        self.table.setEnabled(False)
        for widget in (self.all_combo, self.all_button, self.all_note, self.note_button):
            widget.setEnabled(False)
        self.from_combo.setEnabled(False)
        self.go_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.done_label.setText(
            self.tr(
                "%1 customers handed over. The server confirms it at the next sync; a "
                "refusal would appear in the Sync page's inbox."
            ).replace("%1", str(len(ids)))
        )
        self.done_label.show()
        self.handed_over.emit(ids)

    # --- the report -------------------------------------------------------------------
    def export_report(self) -> BackgroundTask | None:
        """The handover report of this handover (or, before it, of every handover this
        laptop holds) to an .xlsx the user chooses."""
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Handover report"), self.tr("handovers.xlsx"), "Excel (*.xlsx)"
        )
        if not path:
            return None
        return self.write_report(Path(path))

    def write_report(self, target: Path) -> BackgroundTask:
        ids = self.handover_ids or None
        handover = self.services.handover

        def saved(count: int) -> None:
            self.done_label.setText(
                self.tr("Handover report saved: %1 handovers in %2")
                .replace("%1", str(count))
                .replace("%2", str(target))
            )
            self.done_label.show()

        return self.operations.read(
            lambda: handover.export_report(target, ids), parent=self, success=saved
        )

"""The 撞单 tab: customers and opportunities pursued by more than one rep.

Read when the tab is first shown and on "Refresh", not on every filter change: it is a
report over the last 90 days of visits, not part of the board.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.customers.double_pursuit import PursuitRow
from crm_desktop.ui import application
from crm_desktop.ui.activity.table import RowsModel, fit, fit_to_contents, selected_row, table_view
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.widgets import join_items

DAYS = 90


class PursuitTab(QWidget):
    """Emits `customer_opened(customer_id)` on a double-click or Enter on a row."""

    customer_opened = Signal(str)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.lang
        self.loaded = False
        self.note = QLabel(
            self.tr(
                "Customers that more than one rep is working on (visits of the last %1 days, "
                "open opportunities, customers with the same name)."
            ).replace("%1", str(DAYS))
        )
        self.note.setObjectName("pageNote")
        self.note.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.model: RowsModel[PursuitRow] = RowsModel(
            # The reason last: it is the long text, and the last column stretches.
            [self.tr("Customer"), self.tr("Reps"), self.tr("Opportunities"), self.tr("Why")],
            self._cells,
            right_aligned=[2],
        )
        self.view = table_view(self.model)
        fit(self.view, (220, 160, 72))
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.view.activated.connect(lambda _index: self.open_selected())
        self.empty = QLabel()
        self.empty.setObjectName("pageNote")
        self.empty.hide()
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)

    def _cells(self, row: PursuitRow) -> list[str]:
        reason = row.reason_en if self.lang.startswith("en") else row.reason_zh
        return [row.customer_name, join_items(row.owners), str(row.opportunity_count), reason]

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.reload()

    def reload(self) -> bool:
        services = self.context.services
        try:
            rows = services.double_pursuit(DAYS)
        except UserFacingError as error:
            application.show_error(error, self)
            return False
        self.loaded = True
        self.model.set_rows(rows)
        fit_to_contents(self.view)
        self.empty.setText("" if rows else self.tr("No customer is pursued by more than one rep."))
        self.empty.setVisible(not rows)
        return True

    def open_selected(self) -> str | None:
        row = self.model.row_at(selected_row(self.view))
        if row is None:
            return None
        self.customer_opened.emit(row.customer_id)
        return row.customer_id

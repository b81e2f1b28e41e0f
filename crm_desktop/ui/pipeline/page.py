"""Pipeline 商机: the board by stage (drag a card to advance it), the list, and 撞单.

Every opportunity the user sees is read once (one SQL statement, `PipelineService.rows`)
when the page is shown and after each change made here; the search box, the owner combo
and "Open only" then filter those rows in memory (list_model.PipelineRows), so a filter
change costs milliseconds even with 5,000 open opportunities and needs no debounce.

A stage changes only through the stage dialog (stage_dialog.py), whether the user
dragged a card, chose "Move to stage…" or pressed it on the card; the board is redrawn
from the store afterwards, so a refused move leaves the card where it was.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.money import format_fen
from crm_desktop.domain.picklists import Role
from crm_desktop.domain.stages import StageDef
from crm_desktop.services.pipeline.pipeline import OpportunityRow
from crm_desktop.ui import application
from crm_desktop.ui.activity.page_parts import heading, primary
from crm_desktop.ui.activity.table import selected_row, table_view
from crm_desktop.ui.customers.card import CustomerCardDialog, replace_card
from crm_desktop.ui.operations import CUSTOMERS, OPPORTUNITIES, SALES_METHODS, OpChanges
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.pipeline.board import Board, card_menu
from crm_desktop.ui.pipeline.list_model import BoardFilter, OpportunityTableModel, PipelineRows
from crm_desktop.ui.pipeline.opportunity_dialog import OpportunityDialog, open_opportunity
from crm_desktop.ui.pipeline.pursuit_tab import PursuitTab
from crm_desktop.ui.pipeline.sales_methods_dialog import SalesMethodsDialog
from crm_desktop.ui.pipeline.stage_dialog import StageDialog, open_stage_dialog
from crm_desktop.ui.widgets import combo_code

BOARD_TAB, LIST_TAB, PURSUIT_TAB = range(3)
CLOSE_COLUMN = 7  # the list starts sorted by expected close, as the service returns it
# Least widths of the list's columns; the header's text may ask for more.
LIST_WIDTHS = (200, 200, 72, 80, 64, 110, 110, 96, 180, 96)


class PipelinePage(Page):
    key = "pipeline"
    filtered = Signal()  # the board and the list show the current filter's rows
    # The board re-reads when an operation changed one of these (customer names show on it).
    SHOWN = OPPORTUNITIES | SALES_METHODS | CUSTOMERS

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Pipeline")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.service = context.services.pipeline
        self.lang = context.lang
        self.stages: list[StageDef] = []
        self.rows = PipelineRows([], [])
        self.shown: list[OpportunityRow] = []
        self.owners: list[tuple[str, str]] = []
        self._show_owner = False
        self.opportunity_dialog: OpportunityDialog | None = None
        self.stage_dialog: StageDialog | None = None
        self.methods_dialog: SalesMethodsDialog | None = None
        self.card_dialog: CustomerCardDialog | None = None
        self._build()
        self.reload()
        # The window calls page_shown() right after building the page: no second read.
        self._just_loaded = True
        context.operations.did_change.connect(self._on_changes)

    def _on_changes(self, changes: OpChanges, _origin: object) -> None:
        if changes.touches(self.SHOWN):
            self.reload()

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search opportunity or customer…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.owner = QComboBox()
        self.owner.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.open_only = QCheckBox(self.tr("Open only"))
        self.move_button = QPushButton(self.tr("Move to stage…"))
        self.move_button.setEnabled(False)
        self.methods_button = QPushButton(self.tr("Sales methods…"))
        self.methods_button.setVisible(self.context.services.sales_methods.can_edit)
        self.new_button = primary(self.tr("New opportunity…"))
        self.summary = QLabel()
        self.summary.setObjectName("pageNote")
        self.board = Board(self.lang)
        self.list_model = OpportunityTableModel({})
        self.list_view = table_view(self.list_model)
        self.list_view.setSortingEnabled(True)
        self.list_view.sortByColumn(CLOSE_COLUMN, Qt.SortOrder.AscendingOrder)
        self._size_list_columns()
        self.pursuit = PursuitTab(self.context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.board, self.tr("Board"))
        self.tabs.addTab(self.list_view, self.tr("List"))
        self.tabs.addTab(self.pursuit, self.tr("Double pursuit"))
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search, 2)
        toolbar.addWidget(self.owner)
        toolbar.addWidget(self.open_only)
        toolbar.addStretch(1)
        for button in (self.move_button, self.methods_button, self.new_button):
            toolbar.addWidget(button)
        top = QHBoxLayout()
        top.addWidget(heading(self.title()))
        top.addSpacing(16)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(toolbar)
        layout.addWidget(self.tabs, 1)
        self.search.textChanged.connect(lambda _text: self.apply_filter())
        self.owner.currentIndexChanged.connect(lambda _index: self.apply_filter())
        self.open_only.toggled.connect(lambda _on: self.apply_filter())
        self.new_button.clicked.connect(self.new_opportunity)
        self.methods_button.clicked.connect(self.open_methods)
        self.move_button.clicked.connect(lambda: self.move_current())
        self.board.opened.connect(self.open_card)
        self.board.move_requested.connect(self.request_move)
        self.board.current_changed.connect(self._update_buttons)
        self.list_view.doubleClicked.connect(lambda _index: self._open_list_selection())
        self.list_view.activated.connect(lambda _index: self._open_list_selection())
        self.list_view.selectionModel().selectionChanged.connect(
            lambda *_args: self._update_buttons()
        )
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list_view.customContextMenuRequested.connect(self._list_menu)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.pursuit.customer_opened.connect(self.open_customer)

    def _size_list_columns(self) -> None:
        """Widths from the headers and sample values, not from the rows: measuring
        thousands of rows on every filter change would cost more than the filter."""
        header = self.list_view.horizontalHeader()
        bold = header.font()
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for column, least in enumerate(LIST_WIDTHS):
            title = str(self.list_model.headerData(column, Qt.Orientation.Horizontal))
            self.list_view.setColumnWidth(column, max(least, metrics.horizontalAdvance(title) + 40))

    # --- loading and filtering -------------------------------------------------------------
    def page_shown(self) -> None:
        if self._just_loaded:
            self._just_loaded = False
            return
        self.reload()

    def reload(self) -> bool:
        """Read the stages, owners and every visible opportunity, then filter."""
        self._just_loaded = False
        try:
            stages = self.service.stages()
            rows = self.service.rows()
            owners = self.service.owners()
        except UserFacingError as error:
            application.show_error(error, self)
            return False
        actor = self.context.services.actor
        show_owner = actor.role is not Role.REP or any(uid != actor.user_id for uid, _ in owners)
        if stages != self.stages or show_owner != self._show_owner:
            self.stages, self._show_owner = stages, show_owner
            self.board.set_stages(stages, show_owner)
            self.list_model.stage_names = {s.code: s.name(self.lang) for s in stages}
        self._set_owners(owners, show_owner)
        self.rows = PipelineRows(rows, stages)
        self.apply_filter()
        if self.pursuit.loaded:
            self.pursuit.reload()
        return True

    def _set_owners(self, owners: list[tuple[str, str]], show: bool) -> None:
        current = combo_code(self.owner)
        self.owners = owners
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem(self.tr("All owners"), None)
        for user_id, name in owners:
            self.owner.addItem(name, user_id)
        index = self.owner.findData(current) if current else 0
        self.owner.setCurrentIndex(max(index, 0))
        self.owner.blockSignals(False)
        self.owner.setVisible(show)

    def current_filter(self) -> BoardFilter:
        return BoardFilter(
            text=self.search.text(),
            owner_id=combo_code(self.owner),
            open_only=self.open_only.isChecked(),
        )

    def apply_filter(self) -> None:
        """Show the loaded rows the toolbar asks for, on the board and in the list."""
        self.shown = self.rows.matching(self.current_filter())
        self.board.show_rows(self.shown)
        self.list_model.set_rows(self.shown)
        self._show_summary()
        self._update_buttons()
        self.filtered.emit()

    def _show_summary(self) -> None:
        closed = self.rows.closed
        open_rows = [r for r in self.shown if r.stage_code not in closed]
        amount = sum(r.amount_fen for r in open_rows)
        weighted = sum(r.weighted_fen for r in open_rows)
        self.summary.setText(
            self.tr("%1 open · amount %2 · weighted pipeline %3")
            .replace("%1", str(len(open_rows)))
            .replace("%2", format_fen(amount))
            .replace("%3", format_fen(weighted))
        )

    # --- selection -------------------------------------------------------------------------
    def current_row(self) -> OpportunityRow | None:
        if self.tabs.currentIndex() == LIST_TAB:
            return self.list_model.row_at(selected_row(self.list_view))
        if self.tabs.currentIndex() == BOARD_TAB:
            return self.board.current()
        return None

    def _update_buttons(self) -> None:
        row = self.current_row()
        closed = row is None or row.stage_code in self.rows.closed
        self.move_button.setEnabled(row is not None and not closed)

    def _tab_changed(self, index: int) -> None:
        if index == PURSUIT_TAB:
            self.pursuit.ensure_loaded()
        self.move_button.setVisible(index != PURSUIT_TAB)
        self._update_buttons()

    def _open_list_selection(self) -> None:
        row = self.list_model.row_at(selected_row(self.list_view))
        if row is not None:
            self.open_card(row.id)

    def _list_menu(self, position: QPoint) -> None:
        row = self.list_model.row_at(selected_row(self.list_view))
        if row is None:
            return
        menu = card_menu(
            self, lambda: self.open_card(row.id), lambda: self.request_move(row.id, "")
        )
        menu.popup(self.list_view.viewport().mapToGlobal(position))

    # --- actions ---------------------------------------------------------------------------
    def new_opportunity(self) -> OpportunityDialog:
        dialog = OpportunityDialog(self.context, parent=self)
        self.opportunity_dialog = dialog
        dialog.open()
        return dialog

    def open_card(self, opportunity_id: str) -> OpportunityDialog | None:
        dialog = open_opportunity(self.context, opportunity_id, self)
        self.opportunity_dialog = dialog
        return dialog

    def request_move(self, opportunity_id: str, target_code: str) -> StageDialog | None:
        """The stage dialog for a drop on a column (`target_code`) or "Move to stage…"
        (no target: the user picks); the board reloads after a move (`_on_changes`)."""
        dialog = open_stage_dialog(self.context, opportunity_id, target_code or None, self)
        self.stage_dialog = dialog
        return dialog

    def move_current(self) -> StageDialog | None:
        row = self.current_row()
        return self.request_move(row.id, "") if row is not None else None

    def open_methods(self) -> SalesMethodsDialog:
        dialog = SalesMethodsDialog(self.context, self)
        self.methods_dialog = dialog
        dialog.open()
        return dialog

    def open_customer(self, customer_id: str) -> CustomerCardDialog | None:
        dialog = replace_card(
            self.card_dialog, self.context.services, self.lang, customer_id, self, self.reload
        )
        self.card_dialog = dialog
        return dialog if dialog.card is not None else None

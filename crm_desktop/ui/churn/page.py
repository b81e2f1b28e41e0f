"""客户流失 Churn (F16, §2.5-2.8): three tabs.

- 流失预警 Warnings: active customers whose orders fell, whose last effective visit is
  older than twice their class cadence, or who have an open serious complaint, each with
  its reasons; a button records a defector case for the selected one.
- 流失客户 Defectors: the defector cases, new / edit / won back.
- 挽回名单 Win-back: former customers with their last order and what winning them back
  is worth.

Lists are read on the read lane (ui/operations.py) and writes go through the dialogs'
operations; the lists follow `did_change`. The two lists export to .xlsx.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.churn import ChurnSignal, DefectionCause, DefectionStatus, DefectionType
from crm_desktop.domain.kpi import to_percent
from crm_desktop.domain.money import format_fen
from crm_desktop.domain.picklists import CustomerStatus
from crm_desktop.services.customers.churn import ChurnWarning, WinBackRow
from crm_desktop.services.customers.churn_export import export_warnings, export_win_back
from crm_desktop.services.customers.defections import DefectionRow
from crm_desktop.ui.activity.page_parts import empty_note, heading, primary, toolbar
from crm_desktop.ui.activity.table import RowsModel, fit, fit_to_contents, selected_row, table_view
from crm_desktop.ui.churn.defection_dialog import DefectionDialog, open_case
from crm_desktop.ui.operations import CUSTOMERS, DEFECTIONS, VISITS, OpChanges
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.widgets import date_text, join_items, picklist_label


def _causes(codes: tuple[str, ...], lang: str) -> str:
    return join_items(picklist_label(DefectionCause, c, lang) for c in codes)


class _Tab(QWidget):
    """A toolbar, a table and a note for an empty list."""

    def __init__(self, model: RowsModel[Any], widths: tuple[int, ...], *buttons: QWidget) -> None:
        super().__init__()
        self.model = model
        self.view: QTableView = table_view(model)
        fit(self.view, widths)
        self.empty = empty_note()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(toolbar(*buttons))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)

    def show_rows(self, rows: list[Any], empty_text: str) -> None:
        self.model.set_rows(rows)
        fit_to_contents(self.view)
        self.empty.setText("" if rows else empty_text)
        self.empty.setVisible(not rows)

    def selected(self) -> Any:
        return self.model.row_at(selected_row(self.view))


class ChurnPage(Page):
    key = "churn"
    SHOWN = DEFECTIONS | CUSTOMERS | VISITS
    # Emitted when the three lists show the newest rows (tests wait on it).
    loaded = Signal()

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Churn")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.lang = context.lang
        self.dialog: DefectionDialog | None = None
        self._request = 0

        self.record_button = primary(self.tr("Record defection…"))
        self.export_warnings_button = QPushButton(self.tr("Export…"))
        self.warnings = _Tab(
            RowsModel(
                [
                    self.tr("Customer"),
                    self.tr("Owner"),
                    self.tr("Class"),
                    self.tr("Orders, last 90 days"),
                    self.tr("Same period last year"),
                    self.tr("Change"),
                    self.tr("Last effective visit"),
                    self.tr("Reasons"),
                ],
                self._warning_cells,
                right_aligned=(3, 4, 5),
            ),
            (160, 80, 48, 110, 110, 64, 100),
            self.record_button,
            self.export_warnings_button,
        )
        self.new_case_button = primary(self.tr("New case…"))
        self.edit_case_button = QPushButton(self.tr("Edit…"))
        self.won_back_button = QPushButton(self.tr("Won back"))
        self.cases = _Tab(
            RowsModel(
                [
                    self.tr("Defected on"),
                    self.tr("Customer"),
                    self.tr("Owner"),
                    self.tr("Type"),
                    self.tr("Status"),
                    self.tr("Interviewer"),
                    self.tr("12 months before"),
                    self.tr("Since"),
                    self.tr("Root causes"),
                ],
                self._case_cells,
                right_aligned=(6, 7),
            ),
            (96, 160, 80, 90, 72, 80, 100, 80),
            self.new_case_button,
            self.edit_case_button,
            self.won_back_button,
        )
        self.win_back_record_button = QPushButton(self.tr("Record defection…"))
        self.export_win_back_button = QPushButton(self.tr("Export…"))
        self.win_back = _Tab(
            RowsModel(
                [
                    self.tr("Customer"),
                    self.tr("Owner"),
                    self.tr("Status"),
                    self.tr("Last order"),
                    self.tr("Orders in its last year"),
                    self.tr("All orders"),
                    self.tr("Value estimate"),
                    self.tr("Defection"),
                ],
                self._win_back_cells,
                right_aligned=(4, 5, 6),
            ),
            (160, 80, 72, 96, 110, 110, 110),
            self.win_back_record_button,
            self.export_win_back_button,
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.warnings, self.tr("Warnings"))
        self.tabs.addTab(self.cases, self.tr("Defectors"))
        self.tabs.addTab(self.win_back, self.tr("Win-back"))
        assumptions = context.services.churn().assumptions
        self.note = QLabel(
            self.tr(
                "Value estimate: margin %1% of the last year's orders, kept with %2% "
                "probability a year, discounted %3% a year, over %4 years."
            )
            .replace("%1", str(assumptions.margin_pct))
            .replace("%2", str(assumptions.retention_pct))
            .replace("%3", str(assumptions.discount_pct))
            .replace("%4", str(assumptions.years))
        )
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title()))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.note)

        self.record_button.clicked.connect(lambda: self.record_for(self.warnings))
        self.win_back_record_button.clicked.connect(lambda: self.record_for(self.win_back))
        self.new_case_button.clicked.connect(self.new_case)
        self.edit_case_button.clicked.connect(self.edit_selected)
        self.won_back_button.clicked.connect(self.mark_won_back)
        self.cases.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.export_warnings_button.clicked.connect(lambda: self.export("warnings"))
        self.export_win_back_button.clicked.connect(lambda: self.export("win_back"))
        for tab in (self.warnings, self.cases, self.win_back):
            tab.view.selectionModel().selectionChanged.connect(
                lambda *_args: self._update_buttons()
            )
        context.operations.did_change.connect(self._on_changes)
        self._update_buttons()
        self.reload()

    # --- cells -------------------------------------------------------------------------
    def _warning_cells(self, r: ChurnWarning) -> list[str]:
        drop = to_percent(r.drop)
        return [
            r.name,
            r.owner_name,
            r.value_class,
            format_fen(r.recent_fen),
            format_fen(r.prior_fen),
            "—" if drop is None else f"−{drop}%" if drop >= 0 else f"+{-drop}%",
            date_text(r.last_effective_visit_on) or "—",
            join_items(s.label(self.lang) for s in r.signals),
        ]

    def _case_cells(self, r: DefectionRow) -> list[str]:
        return [
            date_text(r.defected_on),
            r.customer_name,
            r.owner_name,
            picklist_label(DefectionType, r.defection_type, self.lang),
            picklist_label(DefectionStatus, r.status, self.lang),
            r.interviewer or "",
            format_fen(r.spend_before_fen),
            format_fen(r.spend_since_fen),
            _causes(r.root_causes, self.lang),
        ]

    def _win_back_cells(self, r: WinBackRow) -> list[str]:
        case = ""
        if r.case_type:
            case = picklist_label(DefectionType, r.case_type, self.lang)
            if r.case_causes:
                case += ": " + _causes(r.case_causes, self.lang)
        return [
            r.name,
            r.owner_name,
            picklist_label(CustomerStatus, r.status, self.lang),
            date_text(r.last_order_on) or "—",
            format_fen(r.last_year_orders_fen),
            format_fen(r.lifetime_orders_fen),
            format_fen(r.value_fen),
            case,
        ]

    # --- reading -----------------------------------------------------------------------
    def _on_changes(self, changes: OpChanges, _origin: object) -> None:
        if changes.touches(self.SHOWN):
            self.reload()

    def page_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the three lists on the read lane; an older answer is dropped."""
        self._request += 1
        request = self._request
        services = self.context.services
        churn, cases = services.churn(), services.defections
        today = services.clock.today()

        def read() -> tuple[list[ChurnWarning], list[DefectionRow], list[WinBackRow]]:
            return churn.warnings(today), cases.list(), churn.win_back(today)

        self.context.operations.read(
            read, parent=self, success=lambda rows: self._show(request, rows)
        )

    def _show(
        self, request: int, rows: tuple[list[ChurnWarning], list[DefectionRow], list[WinBackRow]]
    ) -> None:
        if request != self._request:
            return
        warnings, cases, win_back = rows
        self.warnings.show_rows(warnings, self.tr("No customer shows a churn signal."))
        self.cases.show_rows(cases, self.tr("No defector cases recorded."))
        self.win_back.show_rows(win_back, self.tr("No former customers to win back."))
        self.tabs.setTabText(0, self.tr("Warnings (%1)").replace("%1", str(len(warnings))))
        self.tabs.setTabText(1, self.tr("Defectors (%1)").replace("%1", str(len(cases))))
        self.tabs.setTabText(2, self.tr("Win-back (%1)").replace("%1", str(len(win_back))))
        self._update_buttons()
        self.loaded.emit()

    def _update_buttons(self) -> None:
        self.record_button.setEnabled(self.warnings.selected() is not None)
        self.win_back_record_button.setEnabled(self.win_back.selected() is not None)
        case: DefectionRow | None = self.cases.selected()
        self.edit_case_button.setEnabled(
            case is not None and case.status != DefectionStatus.CLOSED.value
        )
        self.won_back_button.setEnabled(
            case is not None and case.status == DefectionStatus.OPEN.value
        )

    # --- actions -----------------------------------------------------------------------
    def record_for(self, tab: _Tab) -> DefectionDialog | None:
        """A new case for the customer selected in `tab`: a partial defector when its
        orders only fell, else a complete one."""
        row = tab.selected()
        if row is None:
            return None
        partial = isinstance(row, ChurnWarning) and row.signals == (ChurnSignal.ORDER_DROP,)
        kind = DefectionType.PARTIAL if partial else DefectionType.COMPLETE
        return self._open(
            DefectionDialog(self.context, row.customer_id, self, defection_type=kind.value)
        )

    def new_case(self) -> DefectionDialog:
        return self._open(DefectionDialog(self.context, parent=self))

    def edit_selected(self) -> DefectionDialog | None:
        row: DefectionRow | None = self.cases.selected()
        if row is None:
            return None
        dialog = open_case(self.context, row.id, self)
        return self._open(dialog) if dialog else None

    def _open(self, dialog: DefectionDialog) -> DefectionDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def mark_won_back(self) -> bool:
        row: DefectionRow | None = self.cases.selected()
        if row is None or row.status != DefectionStatus.OPEN.value:
            return False
        service, case_id = self.context.services.defections, row.id
        self.context.operations.write(
            lambda: service.win_back(case_id), DEFECTIONS | CUSTOMERS, parent=self
        )
        return True

    def export(self, which: str, path: str | None = None) -> None:
        """Ask for a file (unless `path` is given) and write the list there."""
        services = self.context.services
        today = services.clock.today()
        default = {
            "warnings": self.tr("churn-warnings"),
            "win_back": self.tr("win-back-list"),
        }[which] + f"-{today.isoformat()}.xlsx"
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export list"), default, self.tr("Excel workbook (*.xlsx)")
            )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        writer: Callable[..., int] = export_warnings if which == "warnings" else export_win_back
        churn, lang, target = services.churn(), self.lang, Path(path)
        self.context.operations.read(lambda: writer(churn, target, lang, today), parent=self)

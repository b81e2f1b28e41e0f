"""线索 Leads: 我的线索 (the leads in the user's hands, or their team's) and 公海 (the
team's pool). New lead, log a call or an effective visit, convert to a customer, return
to the pool, claim from the pool; supervisors and managers assign and take back the
leads over the pool rule. Every write is an operation (ui/operations.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.leads import TIER_LABELS, LeadSource, LeadStatus, tier_of
from crm_desktop.domain.picklists import Role
from crm_desktop.services.leads.leads import LeadRow
from crm_desktop.ui import application
from crm_desktop.ui.activity.page_parts import empty_note, heading, primary, toolbar
from crm_desktop.ui.activity.table import RowsModel, fit, fit_to_contents, selected_row, table_view
from crm_desktop.ui.leads.lead_dialog import LeadDialog
from crm_desktop.ui.operations import CUSTOMERS, LEADS, OpChanges
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.widgets import date_text, picklist_label

LEADERS = (Role.SUPERVISOR, Role.MANAGER, Role.ADMIN)


class AssignDialog(QDialog):
    """分配: whom to give the lead to (the people the user leads)."""

    def __init__(self, people: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign lead"))
        self.person = QComboBox()
        for person_id, name in people:
            self.person.addItem(name, person_id)
        form = QFormLayout(self)
        form.addRow(self.tr("Assign to"), self.person)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> str | None:
        data = self.person.currentData()
        return data if isinstance(data, str) else None


class LeadsPage(Page):
    key = "leads"
    SHOWN = LEADS | CUSTOMERS

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Leads")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.service = context.services.leads
        self.lang = context.lang
        self.role = context.services.actor.role
        self.dialog: QDialog | None = None
        self.rule_note = QLabel()
        self.rule_note.setObjectName("pageNote")
        self.new_button = primary(self.tr("New lead…"))
        self.sweep_button = QPushButton(self.tr("Take back overdue leads"))
        self.sweep_button.setVisible(self.role in LEADERS)
        self.new_button.clicked.connect(self.new_lead)
        self.sweep_button.clicked.connect(self.sweep)
        self.import_button = QPushButton(self.tr("Import Excel…"))
        self.import_button.clicked.connect(self.choose_import)
        self.import_note = QLabel()
        self.import_note.setObjectName("pageNote")
        self.import_note.setWordWrap(True)
        self.import_note.setVisible(False)
        # 我的线索
        self.mine: RowsModel[LeadRow] = RowsModel(
            [
                self.tr("Name"),
                self.tr("Contact"),
                self.tr("Status"),
                self.tr("Tier"),
                self.tr("Owner"),
                self.tr("Follow up by"),
                self.tr("Next call"),
                self.tr("Back to pool on"),
                self.tr("Source / event"),  # last: the long text stretches and elides
            ],
            self._mine_cells,
            alert=self._late,
            alert_column=5,
        )
        self.mine_view = table_view(self.mine)
        fit(self.mine_view, (180, 150, 64, 64, 64, 96, 90, 96))
        self.call_button = QPushButton(self.tr("Log call"))
        self.visit_button = QPushButton(self.tr("Log effective visit"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.convert_button = QPushButton(self.tr("Convert to customer"))
        self.return_button = QPushButton(self.tr("Return to pool"))
        self.assign_button = QPushButton(self.tr("Assign…"))
        self.assign_button.setVisible(self.role in LEADERS)
        self.call_button.clicked.connect(lambda: self.log(visit=False))
        self.visit_button.clicked.connect(lambda: self.log(visit=True))
        self.edit_button.clicked.connect(self.edit_selected)
        self.convert_button.clicked.connect(self.convert)
        self.return_button.clicked.connect(self.return_to_pool)
        self.assign_button.clicked.connect(lambda: self.assign())
        self.mine_view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.mine_empty = empty_note()
        mine_tab = QWidget()
        mine_layout = QVBoxLayout(mine_tab)
        mine_layout.addLayout(
            toolbar(
                self.call_button,
                self.visit_button,
                self.edit_button,
                self.convert_button,
                self.return_button,
                self.assign_button,
            )
        )
        mine_layout.addWidget(self.mine_view, 1)
        mine_layout.addWidget(self.mine_empty)
        # 公海
        self.pool_model: RowsModel[LeadRow] = RowsModel(
            [
                self.tr("Name"),
                self.tr("Contact"),
                self.tr("Phone"),
                self.tr("Source / event"),
                self.tr("Tier"),
                self.tr("Status"),
            ],
            self._pool_cells,
        )
        self.pool_view = table_view(self.pool_model)
        fit(self.pool_view, (220, 90, 120, 220, 80))
        self.claim_button = primary(self.tr("Claim"))
        self.pool_assign_button = QPushButton(self.tr("Assign…"))
        self.pool_assign_button.setVisible(self.role in LEADERS)
        self.claim_button.clicked.connect(self.claim)
        self.pool_assign_button.clicked.connect(lambda: self.assign(pool=True))
        self.pool_view.doubleClicked.connect(lambda _index: self.claim())
        self.pool_empty = empty_note()
        pool_tab = QWidget()
        pool_layout = QVBoxLayout(pool_tab)
        pool_layout.addLayout(toolbar(self.claim_button, self.pool_assign_button))
        pool_layout.addWidget(self.pool_view, 1)
        pool_layout.addWidget(self.pool_empty)
        self.tabs = QTabWidget()
        self.tabs.addTab(mine_tab, self.tr("My leads"))
        self.tabs.addTab(pool_tab, self.tr("Team pool"))
        for view in (self.mine_view, self.pool_view):
            view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title()))
        layout.addLayout(
            toolbar(
                self.rule_note,
                self.sweep_button,
                self.import_button,
                self.new_button,
                stretch_after=0,
            )
        )
        layout.addWidget(self.import_note)
        layout.addWidget(self.tabs, 1)
        self.reload()
        context.operations.did_change.connect(self._on_changes)

    # --- reading -------------------------------------------------------------------
    def _on_changes(self, changes: OpChanges, _origin: object) -> None:
        if changes.touches(self.SHOWN):
            self.reload()

    def page_shown(self) -> None:
        self.reload()

    def _source(self, r: LeadRow) -> str:
        source = picklist_label(LeadSource, r.source, self.lang)
        return f"{source} · {r.event}" if r.event else source

    def _contact(self, r: LeadRow) -> str:
        return " ".join(p for p in (r.contact_name, r.phone) if p)

    def _tier(self, r: LeadRow) -> str:
        zh, en = TIER_LABELS[tier_of(r.tier)]
        return en if self.lang.startswith("en") else zh

    def _late(self, r: LeadRow) -> bool:
        today = self.context.services.clock.today()
        return r.is_open and r.follow_up_due is not None and r.follow_up_due < today

    def _mine_cells(self, r: LeadRow) -> list[str]:
        due = date_text(r.follow_up_due)
        return [
            r.name,
            self._contact(r),
            picklist_label(LeadStatus, r.status, self.lang),
            self._tier(r),
            r.owner_name,
            (due + " " + self.tr("overdue")) if self._late(r) else due,
            date_text(r.next_call_due),
            date_text(r.returns_on),
            self._source(r),
        ]

    def _pool_cells(self, r: LeadRow) -> list[str]:
        return [
            r.name,
            r.contact_name or "",
            r.phone or "",
            self._source(r),
            self._tier(r),
            picklist_label(LeadStatus, r.status, self.lang),
        ]

    def reload(self) -> None:
        try:
            mine, pool = self.service.owned(), self.service.pool()
            days = self.service.rules.current()
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self.mine.set_rows(mine)
        self.pool_model.set_rows(pool)
        fit_to_contents(self.mine_view)
        fit_to_contents(self.pool_view)
        self.rule_note.setText(
            self.tr("A lead with no effective visit for %1 days goes back to the pool.").replace(
                "%1", str(days)
            )
        )
        self.mine_empty.setText("" if mine else self.tr("No leads in your hands."))
        self.mine_empty.setVisible(not mine)
        self.pool_empty.setText("" if pool else self.tr("The team's pool is empty."))
        self.pool_empty.setVisible(not pool)
        self.tabs.setTabText(1, self.tr("Team pool (%1)").replace("%1", str(len(pool))))
        self._update_buttons()

    def selected(self, view: QTableView | None = None) -> LeadRow | None:
        view = view or self.mine_view
        model = self.mine if view is self.mine_view else self.pool_model
        return model.row_at(selected_row(view))

    def _update_buttons(self) -> None:
        row = self.selected()
        open_mine = row is not None and row.is_open
        for button in (
            self.call_button,
            self.visit_button,
            self.edit_button,
            self.convert_button,
            self.return_button,
            self.assign_button,
        ):
            button.setEnabled(open_mine)
        pooled = self.selected(self.pool_view) is not None
        self.claim_button.setEnabled(pooled)
        self.pool_assign_button.setEnabled(pooled)

    # --- writing -------------------------------------------------------------------
    def _write(self, fn: Callable[[], object], changes: OpChanges = LEADS) -> None:
        self.context.operations.write(fn, changes, parent=self)

    def new_lead(self) -> LeadDialog:
        dialog = LeadDialog(self.context, self, may_pool=self.role in LEADERS)
        self.dialog = dialog
        dialog.open()
        return dialog

    def edit_selected(self) -> LeadDialog | None:
        row = self.selected()
        if row is None or not row.is_open:
            return None
        dialog = LeadDialog(self.context, self, lead=row)
        self.dialog = dialog
        dialog.open()
        return dialog

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import leads"), "", self.tr("Excel workbooks (*.xlsx)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """导入: a supervisor's list goes into the team's pool, a rep's into their hands;
        the report (how many, which rows were skipped and why) shows above the lists."""
        service, to_pool, lang = self.service, self.role in LEADERS, self.lang
        self.context.operations.write(
            lambda: service.import_xlsx(path, to_pool=to_pool),
            LEADS,
            parent=self,
            success=lambda report: self._imported(report.describe(lang)),
        )

    def _imported(self, text: str) -> None:
        self.import_note.setText(text)
        self.import_note.setVisible(True)

    def log(self, *, visit: bool) -> None:
        row = self.selected()
        if row is not None:
            service, lead_id = self.service, row.id
            self._write(lambda: service.log_contact(lead_id, visit=visit))

    def convert(self) -> None:
        row = self.selected()
        if row is not None:
            service, lead_id = self.service, row.id
            self._write(lambda: service.convert(lead_id), LEADS | CUSTOMERS)

    def return_to_pool(self) -> None:
        row = self.selected()
        if row is not None:
            service, lead_id = self.service, row.id
            self._write(lambda: service.return_to_pool(lead_id))

    def claim(self) -> None:
        row = self.selected(self.pool_view)
        if row is not None:
            service, lead_id = self.service, row.id
            self._write(lambda: service.claim(lead_id))

    def sweep(self) -> None:
        service = self.service
        self._write(service.sweep)

    def _assign_chosen(self, dialog: AssignDialog, pool: bool) -> None:
        chosen = dialog.chosen()
        if chosen is not None:
            self.assign(chosen, pool=pool)

    def assign(self, to_user: str | None = None, *, pool: bool = False) -> AssignDialog | None:
        """分配 the selected lead; without `to_user`, ask whom (the people led)."""
        row = self.selected(self.pool_view if pool else self.mine_view)
        if row is None:
            return None
        service, lead_id = self.service, row.id
        if to_user is not None:
            self._write(lambda: service.assign(lead_id, to_user))
            return None
        dialog = AssignDialog(service.assignable(), self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._assign_chosen(dialog, pool))
        dialog.open()
        return dialog

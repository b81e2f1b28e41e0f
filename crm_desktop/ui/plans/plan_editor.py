"""The daily visit plan editor: items table, customer search, suggestions, save, submit.

What is typed lives in the table until Save; the autosaver keeps a copy in the local
store every couple of seconds, so reopening the day after a crash restores it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.daily import PlanItemDraft, empty_plan_error, parse_time
from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.picklists import PlanStatus, VisitPurpose
from crm_desktop.services.customers.customer_list import CustomerList
from crm_desktop.services.day.day_plans import DayPlanService, PlanView, Suggestion
from crm_desktop.services.day.form_drafts import FormDraftService, plan_key
from crm_desktop.ui import application, messages
from crm_desktop.ui.operations import PLANS, Operations, report_error
from crm_desktop.ui.plans.autosave import Autosaver
from crm_desktop.ui.plans.customer_picker import CustomerPicker
from crm_desktop.ui.widgets import combo_code, picklist_combo, select_code

CUSTOMER, TIME, PURPOSE, OBJECTIVE = range(4)
ID_ROLE = Qt.ItemDataRole.UserRole
CUSTOMER_ROLE = Qt.ItemDataRole.UserRole + 1


class PlanEditor(QWidget):
    """Edits one day's plan. `changed` after a save or submit lands (the calendar
    refreshes); both run on the writer lane."""

    changed = Signal()

    def __init__(
        self,
        plans: DayPlanService,
        customer_list: CustomerList,
        drafts: FormDraftService,
        owner_id: str,
        lang: str,
        parent: QWidget | None = None,
        operations: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.plans = plans
        # Saves and submits run on the writer lane (ui/operations.py).
        self.operations = operations or Operations(self)
        self._saving = False
        self.lang = lang
        self.drafts = drafts
        self.day: dt.date | None = None
        self.view: PlanView | None = None
        self._loading = False
        self.autosaver = Autosaver(drafts, self.form_state, self)

        self.status_label = QLabel()
        self.status_label.setObjectName("cardSubtitle")
        self.comment_label = QLabel()
        self.comment_label.setObjectName("conflictBanner")
        self.comment_label.setWordWrap(True)
        self.comment_label.hide()
        self.restored_label = QLabel(self.tr("Restored unsaved changes."))
        self.restored_label.setObjectName("hint")
        self.restored_label.hide()

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("planItems")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Customer"), self.tr("Time"), self.tr("Purpose"), self.tr("Objective")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        # Customer and objective share the width; nothing scrolls sideways on a laptop.
        header.setSectionResizeMode(CUSTOMER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(OBJECTIVE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TIME, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(PURPOSE, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(TIME, 70)
        self.table.setColumnWidth(PURPOSE, 130)
        self.table.itemChanged.connect(lambda _item: self._edited())

        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.save_button = QPushButton(self.tr("Save plan"))
        self.submit_button = QPushButton(self.tr("Submit for countersign"))
        self.submit_button.setObjectName("primary")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_button.clicked.connect(self.save)
        self.submit_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.status_label)
        left_layout.addWidget(self.comment_label)
        left_layout.addWidget(self.restored_label)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)

        # Right: find a customer, or take a suggestion.
        self.picker = CustomerPicker(customer_list, owner_id)
        self.picker.picked.connect(self.add_customer)
        self.add_button = QPushButton(self.tr("Add to plan"))
        self.add_button.clicked.connect(self._add_picked)
        search_box = QGroupBox(self.tr("Add a customer"))
        search_layout = QVBoxLayout(search_box)
        search_layout.addWidget(self.picker, 1)
        search_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)

        self.suggestions = QListWidget()
        self.suggestions.setObjectName("planSuggestions")
        self.suggestions.setWordWrap(True)
        self.suggestions.itemDoubleClicked.connect(self._add_suggestion)
        self.suggest_button = QPushButton(self.tr("Add suggestion"))
        self.suggest_button.clicked.connect(
            lambda: self._add_suggestion(self.suggestions.currentItem())
        )
        suggest_box = QGroupBox(self.tr("Suggested"))
        suggest_layout = QVBoxLayout(suggest_box)
        suggest_layout.addWidget(self.suggestions, 1)
        suggest_layout.addWidget(self.suggest_button, 0, Qt.AlignmentFlag.AlignRight)

        self.side = QWidget()
        side_layout = QVBoxLayout(self.side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(search_box, 1)
        side_layout.addWidget(suggest_box, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # --- loading -----------------------------------------------------------------------
    def load(self, day: dt.date) -> None:
        """Show `day`'s plan, restoring unsaved changes left by a crash or a closed window."""
        self.autosaver.flush()
        self.day = day
        self.autosaver.key = plan_key(day)
        try:
            self.view = self.plans.plan(day)
        except UserFacingError as error:
            application.show_error(error, self)
            return
        items = list(self.view.items)
        restored = None
        if self.view.editable:
            restored = self.drafts.load(plan_key(day))
        else:
            self.autosaver.discard()  # submitted meanwhile (e.g. synced): the draft is moot
        if restored is not None:
            items = [_item_from_json(raw) for raw in restored.payload.get("items", [])]
        self._fill(items)
        self.restored_label.setVisible(restored is not None)
        self._show_status()
        self.refresh_suggestions()
        if self.view.editable and not self.picker.results.count():
            self.picker.refresh()  # the first of my customers, before anything is typed
        if restored is None:
            self.autosaver.pending = False

    def _fill(self, items: list[PlanItemDraft]) -> None:
        self._loading = True
        try:
            self.table.setRowCount(0)
            for item in items:
                self._append(item)
        finally:
            self._loading = False

    def _append(self, item: PlanItemDraft) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        customer = QTableWidgetItem(item.customer_name)
        customer.setFlags(customer.flags() & ~Qt.ItemFlag.ItemIsEditable)
        customer.setData(ID_ROLE, item.id)
        customer.setData(CUSTOMER_ROLE, item.customer_id)
        self.table.setItem(row, CUSTOMER, customer)
        self.table.setItem(row, TIME, QTableWidgetItem(item.planned_time or ""))
        combo = picklist_combo(VisitPurpose, self.lang)
        select_code(combo, item.purpose)
        combo.currentIndexChanged.connect(lambda _i: self._edited())
        self.table.setCellWidget(row, PURPOSE, combo)
        self.table.setItem(row, OBJECTIVE, QTableWidgetItem(item.objective or ""))

    def _show_status(self) -> None:
        view = self.view
        if view is None:
            return
        self.status_label.setText(self._status_text())
        comment = view.review_comment
        self.comment_label.setVisible(bool(comment))
        if comment:
            self.comment_label.setText(self.tr("Supervisor's comment: %1").replace("%1", comment))
        editable = view.editable
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        for row in range(self.table.rowCount()):
            widget = self.table.cellWidget(row, PURPOSE)
            if widget is not None:
                widget.setEnabled(editable)
        for button in (
            self.up_button,
            self.down_button,
            self.remove_button,
            self.save_button,
            self.submit_button,
        ):
            button.setVisible(editable)
        # A submitted or countersigned plan takes no more customers: give the table the room.
        self.side.setVisible(editable)

    def _status_text(self) -> str:
        view = self.view
        if view is None:
            return ""
        if view.id is not None:
            status = PlanStatus(view.status).label(self.lang)
            return self.tr("Plan status: %1").replace("%1", status)
        if self.table.rowCount():
            # Customers are listed but nothing is saved: "no plan yet" beside them misleads.
            return self.tr("New plan, not saved yet.")
        return self.tr("No plan for this day yet: add customers to start one.")

    def refresh_suggestions(self) -> None:
        self.suggestions.clear()
        if self.day is None or self.view is None or not self.view.editable:
            return
        try:
            found = self.plans.suggestions(self.day)
        except UserFacingError as error:
            application.show_error(error, self)
            return
        listed = {self._customer_at(r) for r in range(self.table.rowCount())}
        for s in found:
            if s.customer_id in listed:
                continue
            item = QListWidgetItem(f"{s.customer_name}  ·  {self._reason(s)}")
            item.setData(ID_ROLE, s.customer_id)
            item.setData(CUSTOMER_ROLE, s.customer_name)
            self.suggestions.addItem(item)

    def _reason(self, s: Suggestion) -> str:
        if s.reason == "follow_up":
            return self.tr("follow-up due: %1").replace("%1", s.detail)
        if s.reason == "opportunity":
            return self.tr("opportunity next step: %1").replace("%1", s.detail)
        if s.since is None:
            return self.tr("class %1, never visited").replace("%1", s.value_class)
        return (
            self.tr("class %1, last effective visit %2")
            .replace("%1", s.value_class)
            .replace("%2", s.since.isoformat())
        )

    # --- editing -----------------------------------------------------------------------
    def items(self) -> list[PlanItemDraft]:
        """The table as drafts (times as typed; the service checks them)."""
        result = []
        for row in range(self.table.rowCount()):
            customer = self.table.item(row, CUSTOMER)
            if customer is None:
                continue
            time_item = self.table.item(row, TIME)
            objective = self.table.item(row, OBJECTIVE)
            combo = self.table.cellWidget(row, PURPOSE)
            result.append(
                PlanItemDraft(
                    customer_id=str(customer.data(CUSTOMER_ROLE)),
                    id=customer.data(ID_ROLE) or None,
                    customer_name=customer.text(),
                    planned_time=time_item.text() if time_item else None,
                    purpose=(combo_code(combo) if isinstance(combo, QComboBox) else None)
                    or VisitPurpose.OTHER.value,
                    objective=objective.text() if objective else None,
                )
            )
        return result

    def _customer_at(self, row: int) -> str:
        item = self.table.item(row, CUSTOMER)
        return str(item.data(CUSTOMER_ROLE)) if item else ""

    def add_customer(self, customer_id: str, name: str) -> bool:
        """Append a customer to the table (not yet saved); a customer already there is
        selected instead of added twice."""
        if self.view is None or not self.view.editable:
            return False
        for row in range(self.table.rowCount()):
            if self._customer_at(row) == customer_id:
                self.table.selectRow(row)
                return False
        self._append(PlanItemDraft(customer_id=customer_id, customer_name=name))
        self.table.selectRow(self.table.rowCount() - 1)
        self._drop_suggestion(customer_id)
        self._edited()
        return True

    def _add_picked(self) -> None:
        chosen = self.picker.current()
        if chosen is not None:
            self.add_customer(*chosen)

    def _add_suggestion(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.add_customer(str(item.data(ID_ROLE)), str(item.data(CUSTOMER_ROLE)))

    def _drop_suggestion(self, customer_id: str) -> None:
        for row in range(self.suggestions.count()):
            if self.suggestions.item(row).data(ID_ROLE) == customer_id:
                self.suggestions.takeItem(row)
                return

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self.table.removeRow(row)
        self._edited()
        self.refresh_suggestions()

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        if row is None or not 0 <= row + step < self.table.rowCount():
            return
        items = self.items()
        items.insert(row + step, items.pop(row))
        self._fill(items)
        self.table.selectRow(row + step)
        self._edited()

    def _edited(self) -> None:
        if not self._loading:
            if self.table.rowCount() == 0 and self.view is not None and self.view.id is None:
                self.autosaver.discard()  # back to no plan at all: nothing to restore
            else:
                self.autosaver.touch()
            self.status_label.setText(self._status_text())

    def form_state(self) -> dict[str, Any]:
        return {"items": [_item_to_json(item) for item in self.items()]}

    # --- saving ------------------------------------------------------------------------
    # Saves and submits run on the writer lane (ui/operations.py): the table is read and
    # checked here, on the GUI thread, and the lane gets the values. While a write runs
    # the table and its buttons are locked, so nothing typed meanwhile is lost to the
    # reload that follows; a failed write unlocks them with everything as typed.
    @property
    def saving(self) -> bool:
        return self._saving

    def _checked_items(self) -> list[PlanItemDraft] | None:
        """The table as drafts, or None after showing the first time that cannot be read."""
        items = self.items()
        for row, item in enumerate(items):
            try:
                parse_time(item.planned_time, "planned_time")
            except ValidationError as error:
                self.table.setCurrentCell(row, TIME)
                application.show_error(error, self)
                return None
        return items

    def save(self) -> bool:
        """Queue a save of the table; True when it started (`changed` follows when it lands)."""
        if self.day is None or self._saving:
            return False
        items = self._checked_items()
        if items is None:
            return False
        self._save(self.day, items, submit=False)
        return True

    def submit(self) -> bool:
        """Queue save-then-submit; True when it started (`changed` follows each step)."""
        if self.day is None or self._saving:
            return False
        if not self.items():
            # Refused before any save, so the failed submit leaves no empty draft plan.
            application.show_error(empty_plan_error(), self)
            return False
        items = self._checked_items()
        if items is None:
            return False
        if not messages.confirm(
            self,
            self.tr("Submit plan"),
            self.tr("Submit this plan to your supervisor for countersign?"),
        ):
            return False
        self._save(self.day, items, submit=True)
        return True

    def _save(self, day: dt.date, items: list[PlanItemDraft], *, submit: bool) -> None:
        plans = self.plans
        # Two operations chained, each one unit of work (so each may wait out a lock): a
        # submit that fails after the save leaves the plan saved, shown as saved.
        self._set_saving(True)
        self.operations.write(
            lambda: plans.save_items(day, items),
            PLANS,
            parent=self,
            success=lambda view: self._saved(day, view, submit=submit),
            failure=self._not_saved,
        )

    def _saved(self, day: dt.date, view: PlanView, *, submit: bool) -> None:
        self.drafts.clear(plan_key(day))
        if day == self.day:
            self.autosaver.pending = False
            self.autosaver.timer.stop()
            self.view = view
            self.restored_label.hide()
            self._fill(list(view.items))
            self._show_status()
        if submit:
            plans = self.plans
            self.operations.write(
                lambda: plans.submit(day),
                PLANS,
                parent=self,
                success=lambda view: self._submitted(day, view),
                failure=self._not_saved,
            )
        else:
            self._set_saving(False)
        self.changed.emit()

    def _submitted(self, day: dt.date, view: PlanView) -> None:
        self._set_saving(False)
        if day == self.day:
            self.view = view
            self._show_status()
            self.refresh_suggestions()
        self.changed.emit()

    def _not_saved(self, error: BaseException) -> None:
        self._set_saving(False)
        report_error(error, self)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        for widget in (self.table, self.side, self.up_button, self.down_button,
                       self.remove_button, self.save_button, self.submit_button):  # fmt: skip
            widget.setEnabled(not saving)


def _item_to_json(item: PlanItemDraft) -> dict[str, Any]:
    return {
        "id": item.id,
        "customer_id": item.customer_id,
        "customer_name": item.customer_name,
        "planned_time": item.planned_time,
        "purpose": item.purpose,
        "objective": item.objective,
    }


def _item_from_json(raw: dict[str, Any]) -> PlanItemDraft:
    return PlanItemDraft(
        customer_id=str(raw.get("customer_id") or ""),
        id=raw.get("id") or None,
        customer_name=str(raw.get("customer_name") or ""),
        planned_time=raw.get("planned_time"),
        purpose=str(raw.get("purpose") or VisitPurpose.OTHER.value),
        objective=raw.get("objective"),
    )

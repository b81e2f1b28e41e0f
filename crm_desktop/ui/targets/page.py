"""销售目标 Targets: a year's targets of the people the user may see, with the actual to
date and the achievement rate; managers set, decompose and delete them (SPEC §2.7)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.picklists import TargetKind
from crm_desktop.domain.targets import period_label, split_choices
from crm_desktop.services.targets.targets import TargetRow
from crm_desktop.ui import application, messages
from crm_desktop.ui.activity.page_parts import empty_note, heading, primary, toolbar
from crm_desktop.ui.activity.table import RowsModel, fit, fit_to_contents, selected_row, table_view
from crm_desktop.ui.operations import CUSTOMERS, OPPORTUNITIES, TARGETS, OpChanges
from crm_desktop.ui.pages.base import Page, PageContext
from crm_desktop.ui.targets.cells import (
    achievement_text,
    assignee_text,
    value_text,
    why_no_rate,
)
from crm_desktop.ui.targets.decompose_dialog import DecomposeDialog
from crm_desktop.ui.targets.target_dialog import TargetDialog

D = TypeVar("D", TargetDialog, DecomposeDialog)

ACTUAL_COLUMN, RATE_COLUMN = 4, 5
RATE_WIDTH = 160
BAR_COLOR, DONE_COLOR = "#4a90d9", "#2e7d32"
BAR_WIDTH = 120


class TargetsModel(RowsModel[TargetRow]):
    """The rows plus a tooltip on a dash saying why there is no figure."""

    today: dt.date | None = None  # the page sets it from the store's clock on each reload

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (ACTUAL_COLUMN, RATE_COLUMN):
            row = self.row_at(index.row())
            return (
                why_no_rate(row, self.today) if row and row.ratio is None and self.today else None
            )
        return super().data(index, role)


class ProgressDelegate(QStyledItemDelegate):
    """The achievement cell with a thin bar along its bottom edge: how far to 100 %."""

    def __init__(self, model: TargetsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        row = self._model.row_at(index.row())
        if row is None or row.ratio is None:
            return
        share = min(row.ratio, Decimal(1))
        rect: QRect = option.rect
        # Right-aligned under the percentage and at most BAR_WIDTH wide: the column
        # stretches with the window, and a bar across all of it reads as a separator.
        width = min(rect.width() - 12, BAR_WIDTH)
        full = QRect(rect.right() - 6 - width, rect.bottom() - 4, width, 3)
        painter.save()
        painter.fillRect(full, QColor("#e3e8ef"))
        done = QRect(full)
        done.setWidth(int(full.width() * float(share)))
        painter.fillRect(done, QColor(DONE_COLOR if row.ratio >= 1 else BAR_COLOR))
        painter.restore()


class TargetsPage(Page):
    key = "targets"
    # The list re-reads when an operation changed one of these (ui/operations.py).
    SHOWN = TARGETS | OPPORTUNITIES | CUSTOMERS

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Targets")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.service = context.services.targets
        self.lang = context.lang
        self.dialog: TargetDialog | DecomposeDialog | None = None
        today = context.services.clock.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setSuffix(self.tr(" (year)"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for member in TargetKind:
            self.kind.addItem(member.label(self.lang), member.value)
        self.assignee = QComboBox()
        self.assignee.setMinimumContentsLength(8)
        self.new_button = primary(self.tr("New target…"))
        self.decompose_button = QPushButton(self.tr("Decompose…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.model = TargetsModel(
            [
                self.tr("Assignee"),
                self.tr("Kind"),
                self.tr("Period"),
                self.tr("Target"),
                self.tr("Actual to date"),
                self.tr("Achievement"),
            ],
            self._cells,
            right_aligned=(3, 4, 5),
        )
        self.view = table_view(self.model)
        self.view.setItemDelegateForColumn(RATE_COLUMN, ProgressDelegate(self.model, self.view))
        fit(self.view, (120, 72, 120, 110, 110, 90))
        # The achievement bar reads best short, next to its figures, not stretched
        # across a wide window.
        self.view.horizontalHeader().setStretchLastSection(False)
        self.empty = empty_note()
        self.empty.setWordWrap(True)
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.new_button.clicked.connect(self.new_target)
        self.decompose_button.clicked.connect(self.decompose_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.year.valueChanged.connect(lambda _value: self.reload())
        self.kind.currentIndexChanged.connect(lambda _index: self.reload())
        self.assignee.currentIndexChanged.connect(lambda _index: self.reload())
        editing = self.service.can_edit
        for button in (self.new_button, self.decompose_button, self.delete_button):
            button.setVisible(editing)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title()))
        layout.addLayout(
            toolbar(
                self.year,
                self.kind,
                self.assignee,
                self.decompose_button,
                self.delete_button,
                self.new_button,
                stretch_after=2,
            )
        )
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self._fill_assignees()
        self.reload()

        context.operations.did_change.connect(self._on_changes)

    def _on_changes(self, changes: OpChanges, _origin: object) -> None:
        if changes.touches(self.SHOWN):
            self.reload()

    # --- reading -----------------------------------------------------------------------
    def _fill_assignees(self) -> None:
        current = self.assignee.currentData()
        self.assignee.blockSignals(True)
        self.assignee.clear()
        self.assignee.addItem(self.tr("Everyone"), None)
        assignees = self.service.assignees()
        for assignee_id, name, is_team in assignees:
            self.assignee.addItem(assignee_text(name, is_team), assignee_id)
        # A rep reads only their own targets: a filter with one choice is noise.
        self.assignee.setVisible(len(assignees) > 1)
        index = self.assignee.findData(current) if current else 0
        self.assignee.setCurrentIndex(max(index, 0))
        self.assignee.blockSignals(False)

    def _cells(self, r: TargetRow) -> list[str]:
        return [
            assignee_text(r.assignee_name, r.is_team),
            r.kind.label(self.lang),
            period_label(r.period_kind, r.period_start, self.lang),
            value_text(r.value, r.kind),
            value_text(r.actual, r.kind),
            achievement_text(r),
        ]

    def reload(self) -> None:
        kind = self.kind.currentData()
        assignee = self.assignee.currentData()
        today = self.context.services.clock.today()
        try:
            rows = self.service.rows(
                self.year.value(),
                TargetKind(kind) if isinstance(kind, str) else None,
                assignee if isinstance(assignee, str) else None,
                today,
            )
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self.model.today = today
        self.model.set_rows(rows)
        fit_to_contents(self.view)
        self.view.setColumnWidth(RATE_COLUMN, RATE_WIDTH)
        self.empty.setText("" if rows else self._empty_text())
        self.empty.setVisible(not rows)
        self._update_buttons()

    def _empty_text(self) -> str:
        filtered = self.kind.currentData() is not None or self.assignee.currentData() is not None
        if filtered:
            text = self.tr("No targets for %1 match these filters.")
        else:
            text = self.tr("No targets for %1 yet.")
        text = text.replace("%1", str(self.year.value()))
        if self.service.can_edit and not filtered:
            text += " " + self.tr(
                "Use “New target…” to set one, then “Decompose…” to split it into quarters, "
                "months or the team's reps."
            )
        return text

    def page_shown(self) -> None:
        self._fill_assignees()  # a sync may have brought new people
        self.reload()

    def selected(self) -> TargetRow | None:
        return self.model.row_at(selected_row(self.view))

    def _update_buttons(self) -> None:
        row = self.selected()
        self.decompose_button.setEnabled(row is not None and can_decompose(row))
        self.delete_button.setEnabled(row is not None)

    # --- actions -----------------------------------------------------------------------
    def new_target(self) -> TargetDialog:
        assignee = self.assignee.currentData()
        dialog = TargetDialog(
            self.context,
            year=self.year.value(),
            assignee_id=assignee if isinstance(assignee, str) else None,
            parent=self,
        )
        return self._open(dialog)

    def edit_selected(self) -> TargetDialog | None:
        """Double-click: the same dialog, filled with the row (saving changes its value)."""
        row = self.selected()
        if row is None or not self.service.can_edit:
            return None
        return self._open(TargetDialog(self.context, row=row, parent=self))

    def decompose_selected(self) -> DecomposeDialog | None:
        row = self.selected()
        if row is None or not can_decompose(row):
            return None
        return self._open(DecomposeDialog(self.context, row, parent=self))

    def _open(self, dialog: D) -> D:
        self.dialog = dialog
        dialog.open()
        return dialog

    def delete_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        question = self.tr("Delete the target %1?").replace("%1", " ".join(self._cells(row)[:3]))
        if not messages.confirm(self, self.tr("Delete target"), question):
            return False
        service, row_id = self.service, row.id
        self.context.operations.write(lambda: service.delete(row_id), TARGETS, parent=self)
        return True  # started; the list follows when it lands (`_on_changes`)


def can_decompose(row: TargetRow) -> bool:
    """A year or quarter can be split into finer periods; a team's target into its reps."""
    return bool(split_choices(row.period_kind)) or row.is_team

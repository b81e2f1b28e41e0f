"""Decompose a target 目标分解: a year into quarters or months, a quarter into months, a
team's target into its reps. The grid starts with an even split; a live line shows the
total against the target, and OK stays disabled until the parts add up exactly."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import PeriodKind
from crm_desktop.domain.targets import (
    check_parts,
    even_split,
    format_value,
    is_money,
    period_label,
    split_choices,
    sub_periods,
)
from crm_desktop.services.targets.targets import TargetRow
from crm_desktop.ui.operations import TARGETS
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.targets.cells import assignee_text, edit_text, parse_value
from crm_desktop.ui.tasks import BackgroundTask
from crm_desktop.ui.widgets import ALERT_COLOR, ErrorLabel, dialog_buttons, mark_invalid

REPS = "reps"  # the "into" choice of a team's target: its reps
GRID_COLUMNS = 2  # label + box pairs per grid row; 12 months make 6 rows


class DecomposeDialog(QDialog):
    saved = Signal(str)

    def __init__(self, context: PageContext, row: TargetRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.lang
        self.service = context.services.targets
        self.row = row
        self.save_task: BackgroundTask | None = None
        self.money = is_money(row.kind)
        self.setWindowTitle(self.tr("Decompose target"))
        self.edits: list[QLineEdit] = []
        self.keys: list[object] = []  # the period start or the rep id of each box
        summary = QLabel(
            " · ".join(
                (
                    assignee_text(row.assignee_name, row.is_team),
                    row.kind.label(self.lang),
                    period_label(row.period_kind, row.period_start, self.lang),
                    format_value(row.value, row.kind),
                )
            )
        )
        summary.setObjectName("cardSubtitle")
        self.into = QComboBox()
        for choice in split_choices(row.period_kind):
            self.into.addItem(self._into_label(choice), choice.value)
        if row.is_team:
            self.into.addItem(self.tr("The team's reps"), REPS)
        self.even_button = QPushButton(self.tr("Split evenly"))
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setHorizontalSpacing(10)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_box)
        scroll.setMinimumHeight(220)
        self.total = QLabel()
        self.total.setObjectName("decomposeTotal")
        self.error = ErrorLabel()
        self.buttons, self.ok_button = dialog_buttons(
            self, QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel,
            self.save,
        )  # fmt: skip
        self.into.currentIndexChanged.connect(lambda _i: self._build_grid())
        self.even_button.clicked.connect(self.split_evenly)
        form = QFormLayout()
        form.addRow(self.tr("Break down into"), self.into)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        total_row = QHBoxLayout()
        total_row.addWidget(self.total, 1)
        total_row.addWidget(self.even_button)
        layout.addLayout(total_row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._build_grid()

    def _into_label(self, into: PeriodKind) -> str:
        return self.tr("Quarters") if into is PeriodKind.QUARTER else self.tr("Months")

    def into_choice(self) -> str:
        return str(self.into.currentData())

    # --- the grid ----------------------------------------------------------------------
    def _parts(self) -> list[tuple[object, str]]:
        """(key, label) of each part of the current choice."""
        choice = self.into_choice()
        if choice == REPS:
            return [(rep_id, name) for rep_id, name in self.service.team_reps(self.row.id)]
        into = PeriodKind(choice)
        periods = sub_periods(self.row.period_kind, self.row.period_start, into)
        return [(start, period_label(into, start, self.lang)) for start, _end in periods]

    def _build_grid(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        self.edits, self.keys = [], []
        parts = self._parts()
        for position, (key, label) in enumerate(parts):
            edit = QLineEdit()
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit.setMinimumWidth(120)
            edit.textChanged.connect(lambda _text: self.update_total())
            text = f"{label}  ¥" if self.money else label
            grid_row, pair = divmod(position, GRID_COLUMNS)
            self.grid.addWidget(QLabel(text), grid_row, pair * 2)
            self.grid.addWidget(edit, grid_row, pair * 2 + 1)
            self.edits.append(edit)
            self.keys.append(key)
        if not parts:
            self.grid.addWidget(
                QLabel(self.tr("This team has no reps to break the target down to."))
            )
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        self.split_evenly()

    def split_evenly(self) -> None:
        if not self.edits:
            self.update_total()
            return
        for edit, value in zip(
            self.edits, even_split(self.row.value, len(self.edits)), strict=True
        ):
            edit.blockSignals(True)
            edit.setText(edit_text(value, self.row.kind))
            edit.blockSignals(False)
        self.update_total()

    def values(self) -> list[int] | None:
        """The typed parts, or None while any box holds something that is not a value
        (that box is flagged)."""
        values: list[int] = []
        ok = True
        for edit in self.edits:
            try:
                values.append(parse_value(edit.text(), self.row.kind))
                mark_invalid(edit, False)
            except ValidationError:
                mark_invalid(edit, True)
                ok = False
        return values if ok else None

    def update_total(self) -> bool:
        """Refresh the total line; OK is enabled only when the parts add up. True if so."""
        values = self.values()
        whole = self.row.value
        adds_up = False
        if values is None:
            text = self.tr("Some parts are not valid values (marked red).")
        elif not values:
            text = ""
        else:
            total = sum(values)
            shown = (format_value(total, self.row.kind), format_value(whole, self.row.kind))
            adds_up = check_parts(whole, values, self.row.kind) is None
            if adds_up:
                text = self.tr("Total %1 / target %2 — adds up").replace("%1", shown[0])
                text = text.replace("%2", shown[1])
            else:
                gap = format_value(abs(total - whole), self.row.kind)
                text = self.tr("Total %1 / target %2 — off by %3").replace("%1", shown[0])
                text = text.replace("%2", shown[1]).replace("%3", gap)
        self.total.setText(text)
        self.total.setStyleSheet("" if adds_up else f"color: {ALERT_COLOR}; font-weight: bold;")
        self.ok_button.setEnabled(adds_up)
        return adds_up

    # --- saving ------------------------------------------------------------------------
    def save(self) -> bool:
        """Check the split and start writing it on the writer lane; True when started.
        The dialog accepts when it lands and stays open, with a refusal said, if not."""
        values = self.values()
        if values is None or not self.update_total() or self.saving:
            return False
        service, row_id = self.service, self.row.id
        if self.into_choice() == REPS:
            parts = {str(key): value for key, value in zip(self.keys, values, strict=True)}

            def write() -> None:
                service.decompose_team(row_id, parts)
        else:
            into = PeriodKind(self.into_choice())

            def write() -> None:
                service.decompose_periods(row_id, values, into)

        self.save_task = self.context.operations.save(
            write,
            TARGETS,
            parent=self,
            button=self.ok_button,
            saved=self._saved,
            refused=lambda error: self.error.show_message(error.message(self.lang)),
        )
        return True

    @property
    def saving(self) -> bool:
        return self.save_task is not None and self.save_task.running

    def _saved(self, _none: None) -> None:
        self.saved.emit(self.row.id)
        self.accept()

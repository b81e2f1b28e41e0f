"""Sales methods 销售方法 (admins): the methods, and an editable grid of a method's stages.

One row per stage: code, Chinese and English name, success rate, position, outcome,
the advance conditions (minimum visits, a quoted amount) and their control mode. "Save"
hands the whole grid to the service, which validates it as one method (exactly one won
and one lost stage, distinct codes and positions, rates 0-100%) and replaces the stored
stages; a problem is shown above the grid and nothing is saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.picklists import ControlMode
from crm_desktop.domain.stages import DEFAULT_STAGES, Outcome, StageDef
from crm_desktop.ui import application
from crm_desktop.ui.operations import SALES_METHODS
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.tasks import BackgroundTask
from crm_desktop.ui.widgets import (
    ErrorLabel,
    combo_code,
    dialog_buttons,
    mark_invalid,
    picklist_combo,
    select_code,
)

CODE, NAME_ZH, NAME_EN, RATE, POSITION, OUTCOME, MIN_VISITS, AMOUNT, MODE = range(9)
OUTCOMES: tuple[Outcome, ...] = ("open", "won", "lost")


class SalesMethodsDialog(QDialog):
    """Emits `saved(method_code)` after a method was saved."""

    saved = Signal(str)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.lang
        self.service = context.services.sales_methods
        self.save_task: BackgroundTask | None = None
        self.new_method = False
        self.setWindowTitle(self.tr("Sales methods"))
        self.methods = QListWidget()
        self.methods.setMaximumWidth(200)
        self.add_method_button = QPushButton(self.tr("New method"))
        self.add_method_button.clicked.connect(self.add_method)
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.error = ErrorLabel()
        self.grid = QTableWidget(0, 9)
        self.grid.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Chinese name"),
                self.tr("English name"),
                self.tr("Success %"),
                self.tr("Position"),
                self.tr("Outcome"),
                self.tr("Min. visits"),
                self.tr("Needs amount"),
                self.tr("Control"),
            ]
        )
        self.grid.verticalHeader().hide()
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME_ZH, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NAME_EN, QHeaderView.ResizeMode.Stretch)
        self.add_stage_button = QPushButton(self.tr("Add stage"))
        self.add_stage_button.clicked.connect(lambda: self.add_stage_row(None))
        self.remove_stage_button = QPushButton(self.tr("Remove stage"))
        self.remove_stage_button.clicked.connect(self.remove_stage_row)
        self.buttons, self.save_button = dialog_buttons(
            self, QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Close,
            self.save,
        )  # fmt: skip
        self._build_layout()
        self.methods.currentItemChanged.connect(lambda _now, _before: self.show_method())
        self.reload()
        self.resize(1120, 520)

    def _build_layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.methods, 1)
        left.addWidget(self.add_method_button)
        form = QFormLayout()
        form.addRow(self.tr("Method code"), self.code)
        form.addRow(self.tr("Method name"), self.name)
        grid_buttons = QHBoxLayout()
        grid_buttons.addWidget(self.add_stage_button)
        grid_buttons.addWidget(self.remove_stage_button)
        grid_buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.error)
        right.addWidget(self.grid, 1)
        right.addLayout(grid_buttons)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

    # --- loading -------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        try:
            rows = self.service.methods()
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self.new_method = False
        self.methods.blockSignals(True)
        self.methods.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.name}\n{row.code} · {row.stage_count}")
            item.setData(Qt.ItemDataRole.UserRole, row.code)
            item.setData(Qt.ItemDataRole.UserRole + 1, row.name)
            self.methods.addItem(item)
        self.methods.blockSignals(False)
        codes = [row.code for row in rows]
        index = codes.index(select) if select in codes else 0
        if rows:
            self.methods.setCurrentRow(index)
        self.show_method()

    def show_method(self) -> None:
        item = self.methods.currentItem()
        self.error.clear_message()
        if item is None:
            self.code.clear()
            self.name.clear()
            self._fill([])
            return
        code = str(item.data(Qt.ItemDataRole.UserRole))
        self.new_method = False
        self.code.setText(code)
        self.code.setReadOnly(True)
        self.name.setText(str(item.data(Qt.ItemDataRole.UserRole + 1)))
        try:
            stages = self.service.stages(code)
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self._fill(stages)

    def add_method(self) -> None:
        """Start a new method from the default stages; its code is typed once, here."""
        self.methods.clearSelection()
        self.new_method = True
        self.code.clear()
        self.code.setReadOnly(False)
        self.name.clear()
        self._fill(list(DEFAULT_STAGES))
        self.error.clear_message()
        self.code.setFocus()

    def _fill(self, stages: list[StageDef]) -> None:
        self.grid.setRowCount(0)
        for stage in stages:
            self.add_stage_row(stage)
        # The header sizes columns by their items; the combos are cell widgets it ignores.
        header = self.grid.horizontalHeader()
        for column in (OUTCOME, MODE):
            widths = [
                self._combo(r, column).sizeHint().width() for r in range(self.grid.rowCount())
            ]
            if widths:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.grid.setColumnWidth(column, max(widths) + 8)

    # --- the grid ------------------------------------------------------------------------
    def add_stage_row(self, stage: StageDef | None) -> int:
        row = self.grid.rowCount()
        self.grid.insertRow(row)
        positions = [self._spin(r, POSITION).value() for r in range(row)]
        position = stage.position if stage else max(positions, default=0) + 1
        for column, text in (
            (CODE, stage.code if stage else ""),
            (NAME_ZH, stage.name_zh if stage else ""),
            (NAME_EN, stage.name_en if stage else ""),
        ):
            self.grid.setItem(row, column, QTableWidgetItem(text))
        self.grid.setCellWidget(
            row, RATE, _spin(0, 100, stage.probability_pct if stage else 0, "%")
        )
        self.grid.setCellWidget(row, POSITION, _spin(0, 999, position))
        outcome = QComboBox()
        outcome.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for value, label in zip(
            OUTCOMES, (self.tr("Open"), self.tr("Won"), self.tr("Lost")), strict=True
        ):
            outcome.addItem(label, value)
        select_code(outcome, stage.outcome if stage else "open")
        self.grid.setCellWidget(row, OUTCOME, outcome)
        self.grid.setCellWidget(row, MIN_VISITS, _spin(0, 99, stage.min_visits if stage else 0))
        amount = QCheckBox()
        amount.setChecked(bool(stage and stage.requires_amount))
        self.grid.setCellWidget(row, AMOUNT, _centred(amount))
        mode = picklist_combo(ControlMode, self.lang)
        mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        select_code(mode, (stage.control_mode if stage else ControlMode.NONE).value)
        self.grid.setCellWidget(row, MODE, mode)
        return row

    def remove_stage_row(self) -> None:
        row = self.grid.currentRow()
        if row >= 0:
            self.grid.removeRow(row)

    def _spin(self, row: int, column: int) -> QSpinBox:
        widget = self.grid.cellWidget(row, column)
        assert isinstance(widget, QSpinBox)
        return widget

    def _combo(self, row: int, column: int) -> QComboBox:
        widget = self.grid.cellWidget(row, column)
        assert isinstance(widget, QComboBox)
        return widget

    def _text(self, row: int, column: int) -> str:
        item = self.grid.item(row, column)
        return item.text().strip() if item is not None else ""

    def read_stages(self) -> list[StageDef]:
        stages = []
        for row in range(self.grid.rowCount()):
            box = self.grid.cellWidget(row, AMOUNT)
            check = box.findChild(QCheckBox) if box is not None else None
            outcome = combo_code(self._combo(row, OUTCOME)) or "open"
            stages.append(
                StageDef(
                    code=self._text(row, CODE),
                    name_zh=self._text(row, NAME_ZH),
                    name_en=self._text(row, NAME_EN),
                    probability_pct=self._spin(row, RATE).value(),
                    position=self._spin(row, POSITION).value(),
                    outcome=outcome if outcome in OUTCOMES else "open",
                    min_visits=self._spin(row, MIN_VISITS).value(),
                    requires_amount=bool(check and check.isChecked()),
                    control_mode=ControlMode(
                        combo_code(self._combo(row, MODE)) or ControlMode.NONE.value
                    ),
                )
            )
        return stages

    # --- saving --------------------------------------------------------------------------
    def save(self) -> bool:
        """Check the method and start saving it on the writer lane; True when started.
        The list re-reads and `saved` follows when it lands; a refusal is said inline."""
        if self.save_task is not None and self.save_task.running:
            return False
        code, name = self.code.text().strip(), self.name.text().strip()
        mark_invalid(self.code, False)
        mark_invalid(self.name, False)
        if not code:
            mark_invalid(self.code, True)
            return self._refused(
                ValidationError("请填写销售方法代码", "Enter the method's code", "code")
            )
        if not name:
            mark_invalid(self.name, True)
            return self._refused(
                ValidationError("请填写销售方法名称", "Enter the method's name", "name")
            )
        service, stages = self.service, self.read_stages()
        self.save_task = self.context.operations.save(
            lambda: service.save(code, name, stages),
            SALES_METHODS,
            parent=self,
            button=self.save_button,
            saved=lambda _result: self._saved(code),
            refused=self._refused,
        )
        return True

    def _refused(self, problem: ValidationError) -> bool:
        self.error.show_message(problem.message(self.lang))
        return False

    def _saved(self, code: str) -> None:
        self.error.clear_message()
        self.reload(select=code)
        self.saved.emit(code)


def _spin(low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    spin.setFrame(False)
    return spin


def _centred(widget: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
    return box

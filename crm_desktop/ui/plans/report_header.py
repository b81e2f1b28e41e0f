"""The report's day header: attendance, expenses and their note, the day's reflections.

Edited as raw text like the visits (report_editor.py keeps it in the autosaved state),
so an amount that does not read yet is kept as typed; report_checks.py reads it on save.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import format_fen, parse_amount
from crm_desktop.domain.picklists import Attendance
from crm_desktop.services.day.daily_reports import ReportView
from crm_desktop.ui.widgets import combo_code, mark_invalid, picklist_combo, select_code


class ReportHeader(QGroupBox):
    """Three compact rows; `edited` on every change the user makes."""

    edited = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Day"), parent)
        self._loading = False
        self._lang = lang
        self.attendance = picklist_combo(Attendance, lang)
        self.expenses = QLineEdit()
        self.expenses.setPlaceholderText(self.tr("yuan, e.g. 86.50"))
        self.expenses.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.expense_note = QLineEdit()
        self.expense_note.setPlaceholderText(self.tr("Taxi, meals, samples…"))
        self.reflections = QPlainTextEdit()
        self.reflections.setTabChangesFocus(True)
        self.reflections.setPlaceholderText(self.tr("What went well today, what to do better"))
        self.reflections.setFixedHeight(44)
        grid = QGridLayout(self)
        grid.setVerticalSpacing(4)
        grid.addWidget(QLabel(self.tr("Attendance")), 0, 0)
        grid.addWidget(self.attendance, 0, 1)
        grid.addWidget(QLabel(self.tr("Expenses")), 0, 2)
        grid.addWidget(self.expenses, 0, 3)
        grid.addWidget(QLabel(self.tr("Expense note")), 1, 0)
        grid.addWidget(self.expense_note, 1, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("Reflections")), 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.reflections, 2, 1, 1, 3)
        grid.setColumnStretch(3, 1)
        # Gives way so the totals show whole beside it at 1366 wide.
        self.setMaximumWidth(460)
        self.attendance.currentIndexChanged.connect(self._edited)
        self.expenses.textChanged.connect(self._edited)
        self.expense_note.textChanged.connect(self._edited)
        self.reflections.textChanged.connect(self._edited)

    @staticmethod
    def raw_of(view: ReportView) -> dict[str, Any]:
        """The saved header as the raw text the widgets show."""
        draft = view.draft
        return {
            "attendance": draft.attendance,
            "expenses": format_fen(draft.expenses_fen, symbol=False) if draft.expenses_fen else "",
            "expense_note": draft.expense_note or "",
            "reflections": draft.reflections or "",
        }

    def set_raw(self, raw: dict[str, Any]) -> None:
        self._loading = True
        try:
            select_code(self.attendance, raw.get("attendance") or Attendance.PRESENT.value)
            self.expenses.setText(str(raw.get("expenses") or ""))
            self.expense_note.setText(str(raw.get("expense_note") or ""))
            self.reflections.setPlainText(str(raw.get("reflections") or ""))
        finally:
            self._loading = False
        self.check_expenses()

    def raw(self) -> dict[str, Any]:
        return {
            "attendance": combo_code(self.attendance),
            "expenses": self.expenses.text(),
            "expense_note": self.expense_note.text(),
            "reflections": self.reflections.toPlainText(),
        }

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.check_expenses()
            self.edited.emit()

    def check_expenses(self) -> ValidationError | None:
        """The expenses as typed, by the domain's money rule: a red border and the
        message in the tooltip while it breaks it (report_checks names it on save)."""
        try:
            parse_amount(self.expenses.text())
        except ValidationError as error:
            mark_invalid(self.expenses, True)
            self.expenses.setToolTip(error.message(self._lang))
            return error
        mark_invalid(self.expenses, False)
        self.expenses.setToolTip("")
        return None

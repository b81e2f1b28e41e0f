"""The customer edit form: every CustomerDraft field, grouped, with inline problem text.

The form never loses what the user typed: reading it back (`read_draft`) returns the
draft plus the problems (unparseable amounts included), and `show_problems` only adds red
text next to the fields; the caller decides whether to save.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import format_fen, parse_yuan
from crm_desktop.domain.picklists import CustomerStatus
from crm_desktop.ui.customers.fields import GROUPS, LOSS_FIELDS, Field, Kind, all_fields, translated
from crm_desktop.ui.widgets import (
    ErrorLabel,
    combo_code,
    mark_invalid,
    picklist_combo,
    select_code,
    two_columns,
)

Editor = QLineEdit | QPlainTextEdit | QComboBox | QCheckBox


class CustomerForm(QWidget):
    """Editors for one customer; `owners` are the (user id, display name) choices."""

    def __init__(
        self, lang: str, owners: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self._owners = owners
        self._draft_id: str | None = None
        self.editors: dict[str, Editor] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._forms: dict[str, QFormLayout] = {}
        self._containers: dict[str, QWidget] = {}
        two_columns(
            [(group.column, self._group_box(group.title, group.fields)) for group in GROUPS],
            self,
        )
        status = self.editors["status"]
        assert isinstance(status, QComboBox)
        status.currentIndexChanged.connect(self._update_loss_rows)
        self._update_loss_rows()

    # --- construction ------------------------------------------------------------------
    def _group_box(self, title: str, fields: tuple[Field, ...]) -> QGroupBox:
        box = QGroupBox(translated(title))
        form = QFormLayout(box)
        for spec in fields:
            editor = self._make_editor(spec)
            error = ErrorLabel()
            container = QWidget()
            column = QVBoxLayout(container)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(editor)
            column.addWidget(error)
            label = translated(spec.label) + (" *" if spec.required else "")
            form.addRow(label, container)
            editor.setObjectName(f"field_{spec.name}")
            self.editors[spec.name] = editor
            self.errors[spec.name] = error
            self._forms[spec.name] = form
            self._containers[spec.name] = container
            if isinstance(editor, QLineEdit):
                # The problem shown under a field goes once the user types in it (e.g.
                # 客户名称不能为空 as soon as a name is typed); Save checks everything again.
                editor.textEdited.connect(lambda _text, name=spec.name: self.clear_problem(name))
        return box

    def _make_editor(self, spec: Field) -> Editor:
        if spec.kind == Kind.PICKLIST and spec.picklist is not None:
            return picklist_combo(spec.picklist, self.lang, empty=None if spec.required else "—")
        if spec.kind == Kind.OWNER:
            combo = QComboBox()
            for user_id, name in self._owners:
                combo.addItem(name, user_id)
            return combo
        if spec.kind == Kind.FLAG:
            return QCheckBox()
        if spec.kind == Kind.MULTILINE:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(72)
            return edit
        line = QLineEdit()
        if spec.kind == Kind.MONEY:
            line.setPlaceholderText(
                QCoreApplication.translate("CustomerFields", "e.g. 120,000 or 12万")
            )
        return line

    def _update_loss_rows(self) -> None:
        lost = combo_code(self._combo("status")) == CustomerStatus.LOST.value
        for name in LOSS_FIELDS:
            self._forms[name].setRowVisible(self._containers[name], lost)

    def _combo(self, name: str) -> QComboBox:
        editor = self.editors[name]
        assert isinstance(editor, QComboBox)
        return editor

    # --- values ------------------------------------------------------------------------
    def set_draft(self, draft: CustomerDraft) -> None:
        self._draft_id = draft.id
        for spec in all_fields():
            self._set_value(spec, getattr(draft, spec.name))
        self.clear_problems()
        self._update_loss_rows()

    def _set_value(self, spec: Field, value: object) -> None:
        editor = self.editors[spec.name]
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            code = value if isinstance(value, str) else None
            if spec.kind == Kind.OWNER and code and editor.findData(code) < 0:
                editor.addItem(code, code)  # an owner no longer listed keeps their id
            select_code(editor, code)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value if isinstance(value, str) else "")
        elif spec.kind == Kind.MONEY:
            editor.setText(format_fen(value, symbol=False) if isinstance(value, int) else "")
        else:
            editor.setText("" if value is None else str(value))

    def read_draft(self) -> tuple[CustomerDraft, list[ValidationError]]:
        """The draft as typed, and the problems found turning text into numbers."""
        values: dict[str, object] = {}
        problems: list[ValidationError] = []
        for spec in all_fields():
            try:
                values[spec.name] = self._value(spec)
            except ValidationError as problem:
                problems.append(ValidationError(problem.message_zh, problem.message_en, spec.name))
                values[spec.name] = None
        if combo_code(self._combo("status")) != CustomerStatus.LOST.value:
            values.update(loss_reason=None, loss_note=None)  # hidden rows are not saved
        name = values.pop("name")
        draft = CustomerDraft(name=str(name or ""), id=self._draft_id, **values)  # type: ignore[arg-type]
        return draft, problems

    def _value(self, spec: Field) -> object:
        editor = self.editors[spec.name]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return combo_code(editor)
        text = (
            editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
        ).strip()
        if spec.kind == Kind.MONEY:
            return parse_yuan(text) if text else None
        if spec.kind == Kind.INTEGER:
            return _parse_int(text)
        return text or None

    # --- problems ----------------------------------------------------------------------
    def clear_problems(self) -> None:
        for name in self.errors:
            self.clear_problem(name)

    def clear_problem(self, name: str) -> None:
        self.errors[name].clear_message()
        mark_invalid(self.editors[name], False)

    def show_problems(self, problems: list[ValidationError]) -> list[ValidationError]:
        """Put each problem under its field; returns those that belong to no field."""
        self.clear_problems()
        unplaced: list[ValidationError] = []
        messages: dict[str, list[str]] = {}
        for problem in problems:
            if problem.field in self.errors:
                messages.setdefault(problem.field, []).append(problem.message(self.lang))
            else:
                unplaced.append(problem)
        for name, texts in messages.items():
            self.errors[name].show_message("\n".join(texts))
            mark_invalid(self.editors[name], True)
        first = next((self.editors[s.name] for s in all_fields() if s.name in messages), None)
        if first is not None:
            first.setFocus()
        return unplaced


def _parse_int(text: str) -> int | None:
    if not text:
        return None
    digits = unicodedata.normalize("NFKC", text).replace(",", "")
    if not re.fullmatch(r"-?[0-9]+", digits):
        raise ValidationError(f"“{text}”不是整数", f'"{text}" is not a whole number')
    return int(digits)

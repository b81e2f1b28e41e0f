"""One visit record's form: every field of SPEC §2.3, edited as raw text until saved.

The report editor keeps each visit as a "raw" dict of what the widgets hold (amounts and
times as typed), so switching visits, autosaving and restoring never lose a keystroke,
even one that does not parse yet; `raw_to_visit` turns it into a VisitDraft on save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.daily import VisitDraft, named
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import format_fen, parse_amount
from crm_desktop.domain.picklists import FollowUpKind, VisitOutcome, VisitPurpose
from crm_desktop.domain.receivables import CreditWarning
from crm_desktop.ui.attachments.strip import AttachmentStrip
from crm_desktop.ui.widgets import combo_code, mark_invalid, picklist_combo, select_code

NO_DATE = QDate(2000, 1, 1)  # the QDateEdit's "no date" value, shown as blank

TEXT_FIELDS = ("contacts_met", "start_time", "end_time", "order_amount", "collection_amount",
               "next_step")  # fmt: skip
LONG_FIELDS = ("competitor_info", "customer_feedback", "customer_news")
FLAG_FIELDS = ("is_effective", "complaint_handled")


def visit_to_raw(visit: VisitDraft) -> dict[str, Any]:
    return {
        "id": visit.id,
        "customer_id": visit.customer_id,
        "customer_name": visit.customer_name,
        "plan_item_id": visit.plan_item_id,
        "planned": visit.planned,
        "contacts_met": visit.contacts_met or "",
        "purpose": visit.purpose,
        "start_time": visit.start_time or "",
        "end_time": visit.end_time or "",
        "outcome": visit.outcome,
        "is_effective": visit.is_effective,
        "order_amount": format_fen(visit.order_amount_fen, symbol=False)
        if visit.order_amount_fen
        else "",
        "collection_amount": format_fen(visit.collection_amount_fen, symbol=False)
        if visit.collection_amount_fen
        else "",
        "complaint_handled": visit.complaint_handled,
        "competitor_info": visit.competitor_info or "",
        "customer_feedback": visit.customer_feedback or "",
        "customer_news": visit.customer_news or "",
        "next_step": visit.next_step or "",
        "next_step_on": visit.next_step_on.isoformat() if visit.next_step_on else "",
        "next_step_kind": visit.next_step_kind,
    }


def _amount(raw: dict[str, Any], name: str, field: str) -> int:
    """An amount field as typed, by the domain's money rule (blank is 0)."""
    try:
        return parse_amount(str(raw.get(name) or ""))
    except ValidationError as error:
        raise ValidationError(error.message_zh, error.message_en, field) from error


def amount_problems(raw: dict[str, Any]) -> list[ValidationError]:
    """The problems of the raw visit's amounts as typed, each with its `field`: shown
    while typing, and all at once on save."""
    problems = []
    for name, field in AMOUNT_EDITORS.items():
        try:
            _amount(raw, name, field)
        except ValidationError as error:
            problems.append(error)
    return problems


def raw_to_visit(raw: dict[str, Any], *, lenient: bool = False) -> VisitDraft:
    """The raw form state as a draft; ValidationError (with `field`) for bad amounts/dates.
    `lenient`: an amount that does not read (yet) counts as 0, for live totals and for
    checking the other fields while the amount's own problem is reported apart."""
    next_on = str(raw.get("next_step_on") or "")
    try:
        next_step_on = dt.date.fromisoformat(next_on) if next_on else None
    except ValueError as error:
        raise ValidationError("日期无效", "Invalid date", "next_step_on") from error
    amount = _lenient_amount if lenient else _amount
    return VisitDraft(
        customer_id=str(raw.get("customer_id") or ""),
        id=raw.get("id") or None,
        customer_name=str(raw.get("customer_name") or ""),
        plan_item_id=raw.get("plan_item_id") or None,
        planned=bool(raw.get("planned")),
        contacts_met=raw.get("contacts_met") or None,
        purpose=str(raw.get("purpose") or VisitPurpose.OTHER.value),
        start_time=raw.get("start_time") or None,
        end_time=raw.get("end_time") or None,
        outcome=raw.get("outcome") or None,
        is_effective=bool(raw.get("is_effective")),
        order_amount_fen=amount(raw, "order_amount", "order_amount_fen"),
        collection_amount_fen=amount(raw, "collection_amount", "collection_amount_fen"),
        complaint_handled=bool(raw.get("complaint_handled")),
        competitor_info=raw.get("competitor_info") or None,
        customer_feedback=raw.get("customer_feedback") or None,
        customer_news=raw.get("customer_news") or None,
        next_step=raw.get("next_step") or None,
        next_step_on=next_step_on,
        next_step_kind=str(raw.get("next_step_kind") or FollowUpKind.NEXT_STEP.value),
    )


def _lenient_amount(raw: dict[str, Any], name: str, field: str) -> int:
    try:
        return _amount(raw, name, field)
    except ValidationError:
        return 0


def lenient_amount(raw: dict[str, Any], name: str) -> int:
    """An amount for the live totals: what breaks the money rule (a negative, a typo,
    an amount beyond the limit) counts as 0, never as a negative."""
    return _lenient_amount(raw, name, name)


# The raw dict's amount texts and the draft fields they become.
AMOUNT_EDITORS = {"order_amount": "order_amount_fen", "collection_amount": "collection_amount_fen"}
# Which editor shows a draft field's problem.
FIELD_EDITORS = {
    "order_amount_fen": "order_amount",
    "collection_amount_fen": "collection_amount",
}


class VisitForm(QWidget):
    """Edits one raw visit; `edited` on every change. Buttons open the other forms.

    Two columns (the visit's facts and amounts | the notes and the next step) so that a
    whole visit fits beside the visit table on a 1366×768 laptop without scrolling. The
    problem line under the columns has a fixed height: a message appearing or going
    while typing never moves a field under the pointer.
    """

    edited = Signal()
    market_report_requested = Signal()
    complaint_requested = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._raw: dict[str, Any] = {}
        self._loading = False
        self._placeholders: dict[str, str] = {}
        self.number = 0  # the visit's number in the report, for messages
        # (customer id, order in fen, visit id) -> the credit-limit warning, if the order
        # would pass the customer's limit (services/receivables); set by the Plans page.
        self.credit_warning: Callable[[str, int, str | None], CreditWarning | None] | None = None
        self.customer_label = QLabel()
        self.customer_label.setObjectName("visitTitle")
        title_font = self.customer_label.font()
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        self.customer_label.setFont(title_font)
        self.kind_label = QLabel()
        self.kind_label.setObjectName("hint")

        self.texts: dict[str, QLineEdit] = {name: QLineEdit() for name in TEXT_FIELDS}
        self.longs: dict[str, QPlainTextEdit] = {name: QPlainTextEdit() for name in LONG_FIELDS}
        self.flags: dict[str, QCheckBox] = {
            "is_effective": QCheckBox(self.tr("Effective visit")),
            "complaint_handled": QCheckBox(self.tr("Complaint handled")),
        }
        self.purpose = picklist_combo(VisitPurpose, lang)
        self.outcome = picklist_combo(VisitOutcome, lang, empty="—")
        self.next_step_kind = picklist_combo(FollowUpKind, lang)
        self.next_step_on = QDateEdit()
        self.next_step_on.setCalendarPopup(True)
        self.next_step_on.setDisplayFormat("yyyy-MM-dd")
        self.next_step_on.setMinimumDate(NO_DATE)
        self.next_step_on.setSpecialValueText(" ")  # the minimum reads as "no date"
        self.next_step_on.setDate(NO_DATE)
        # Always in the layout, two lines high, empty when there is nothing to say.
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setFixedHeight(2 * self.error.fontMetrics().lineSpacing() + 4)
        self.error.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.texts["start_time"].setPlaceholderText("09:30")
        self.texts["end_time"].setPlaceholderText("10:30")
        for name in AMOUNT_EDITORS:
            self.texts[name].setPlaceholderText(self.tr("yuan, e.g. 1,200.50"))
            self.texts[name].setAlignment(Qt.AlignmentFlag.AlignRight)
        self.texts["contacts_met"].setPlaceholderText(
            self.tr("Who you met, e.g. Manager Wang, Engineer Li")
        )
        for long in self.longs.values():
            long.setTabChangesFocus(True)
            long.setFixedHeight(52)

        times = QHBoxLayout()
        times.addWidget(self.texts["start_time"])
        times.addWidget(QLabel("–"))
        times.addWidget(self.texts["end_time"])
        flags = QHBoxLayout()
        flags.addWidget(self.flags["is_effective"])
        flags.addWidget(self.flags["complaint_handled"])
        flags.addStretch(1)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_step_kind, 1)
        next_row.addWidget(self.next_step_on, 1)

        facts = _form()
        facts.addRow(self.tr("Contacts met"), self.texts["contacts_met"])
        facts.addRow(self.tr("Purpose"), self.purpose)
        facts.addRow(self.tr("Start – end"), times)
        facts.addRow(self.tr("Outcome"), self.outcome)
        facts.addRow("", flags)
        facts.addRow(self.tr("Order amount"), self.texts["order_amount"])
        facts.addRow(self.tr("Collection"), self.texts["collection_amount"])
        notes = _form()
        notes.addRow(self.tr("Competitor info"), self.longs["competitor_info"])
        notes.addRow(self.tr("Customer feedback"), self.longs["customer_feedback"])
        notes.addRow(self.tr("Customer news"), self.longs["customer_news"])
        notes.addRow(self.tr("Next step"), self.texts["next_step"])
        notes.addRow(self.tr("Next step type / date"), next_row)
        columns = QHBoxLayout()
        columns.addLayout(facts, 1)
        columns.addSpacing(12)
        columns.addLayout(notes, 1)

        self.market_button = QPushButton(self.tr("Market report…"))
        self.complaint_button = QPushButton(self.tr("Complaint…"))
        self.market_button.clicked.connect(self.market_report_requested.emit)
        self.complaint_button.clicked.connect(self.complaint_requested.emit)
        title = QHBoxLayout()
        title.addWidget(self.customer_label)
        title.addWidget(self.kind_label)
        title.addStretch(1)
        title.addWidget(self.market_button)
        title.addWidget(self.complaint_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(title)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._layout = layout
        # The visit's photos (ui/attachments/), when the page gives the form a strip.
        self.attachments: AttachmentStrip | None = None

        for line in self.texts.values():
            line.textChanged.connect(self._changed)
        for name in AMOUNT_EDITORS:
            self.texts[name].textChanged.connect(self.check_amounts)
        for name, line in self.texts.items():
            if name not in AMOUNT_EDITORS:
                line.textChanged.connect(lambda _t, w=line: self._fixed(w))
        for long in self.longs.values():
            long.textChanged.connect(self._changed)
            long.textChanged.connect(lambda w=long: self._fixed(w))
        for box in self.flags.values():
            box.toggled.connect(self._changed)
        for combo in (self.purpose, self.outcome, self.next_step_kind):
            combo.currentIndexChanged.connect(self._changed)
        self.next_step_on.dateChanged.connect(self._changed)
        self.next_step_on.dateChanged.connect(lambda _d: self._fixed(self.next_step_on))

    def set_attachments(self, strip: AttachmentStrip, *, place: bool = True) -> None:
        """The visit's photos and files follow the visit shown (a visit not saved yet
        says 保存后可添加附件: saving the report gives it its id). `place=False`: the
        caller lays the strip out elsewhere (the report editor, beside the visit table,
        where a 1366×768 screen has room); it is shown and hidden with the form."""
        self.attachments = strip
        self._strip_outside = not place
        if place:
            self._layout.insertWidget(self._layout.count() - 1, strip)
        strip.set_owner(self._raw.get("id") or None)

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if self.attachments is not None and getattr(self, "_strip_outside", False):
            self.attachments.setVisible(visible)

    def set_raw(self, raw: dict[str, Any], number: int = 0) -> None:
        if self.attachments is not None:
            self.attachments.set_owner(raw.get("id") or None)
        self._loading = True
        try:
            self._raw = dict(raw)
            self.number = number
            self.customer_label.setText(str(raw.get("customer_name") or ""))
            self.kind_label.setText(
                self.tr("Planned visit") if raw.get("planned") else self.tr("Unplanned visit")
            )
            for name, line in self.texts.items():
                line.setText(str(raw.get(name) or ""))
                mark_invalid(line, False)
            for name, long in self.longs.items():
                long.setPlainText(str(raw.get(name) or ""))
                mark_invalid(long, False)
            mark_invalid(self.next_step_on, False)
            for name, box in self.flags.items():
                box.setChecked(bool(raw.get(name)))
            select_code(self.purpose, raw.get("purpose") or VisitPurpose.OTHER.value)
            select_code(self.outcome, raw.get("outcome"))
            select_code(self.next_step_kind, raw.get("next_step_kind") or "next_step")
            next_on = str(raw.get("next_step_on") or "")
            self.next_step_on.setDate(
                QDate.fromString(next_on, "yyyy-MM-dd") if next_on else NO_DATE
            )
            self.error.clear()
        finally:
            self._loading = False
        self.check_amounts()

    def raw(self) -> dict[str, Any]:
        """The raw state with what the widgets hold now."""
        raw = dict(self._raw)
        for name, line in self.texts.items():
            raw[name] = line.text()
        for name, long in self.longs.items():
            raw[name] = long.toPlainText()
        for name, box in self.flags.items():
            raw[name] = box.isChecked()
        raw["purpose"] = combo_code(self.purpose)
        raw["outcome"] = combo_code(self.outcome)
        raw["next_step_kind"] = combo_code(self.next_step_kind)
        day = self.next_step_on.date()
        raw["next_step_on"] = "" if day == NO_DATE else day.toString("yyyy-MM-dd")
        return raw

    def check_amounts(self, *_args: object) -> list[ValidationError]:
        """Check the amounts as they are typed (the domain's money rule): a red border
        on each bad one and every problem named in the problem line."""
        problems = amount_problems(self.raw())
        bad = {p.field for p in problems}
        for name, field in AMOUNT_EDITORS.items():
            mark_invalid(self.texts[name], field in bad)
        self._show([named(p, self.number, "") for p in problems], self._credit_note(bad))
        return problems

    def _credit_note(self, bad: set[str | None]) -> str:
        """The credit-limit warning for the order as typed: a note, not a refusal."""
        raw = self._raw
        if self.credit_warning is None or "order_amount_fen" in bad or not raw.get("customer_id"):
            return ""
        order = lenient_amount(self.raw(), "order_amount")
        warning = self.credit_warning(str(raw["customer_id"]), order, raw.get("id") or None)
        return "" if warning is None else warning.message(self.lang)

    def show_problems(self, problems: list[ValidationError]) -> None:
        """This visit's problems found on save: all named in the problem line, each
        field with a red border, the first one focused."""
        self._show(problems)
        first = True
        for error in problems:
            name = FIELD_EDITORS.get(error.field or "", error.field or "")
            editor: QWidget | None = self.texts.get(name) or self.longs.get(name)
            if name == "next_step_on":
                editor = self.next_step_on
            if editor is None:
                continue
            mark_invalid(editor, True)
            if first:
                editor.setFocus()
                first = False

    def show_problem(self, error: ValidationError) -> None:
        self.show_problems([error])

    def _show(self, problems: list[ValidationError], note: str = "") -> None:
        text = "\n".join([*(p.message(self.lang) for p in problems), *([note] if note else [])])
        self.error.setText(text)
        self.error.setToolTip(text)  # the line is two high: the tooltip holds the rest

    def _fixed(self, widget: QWidget) -> None:
        """The user is changing a field marked wrong: the mark goes (save checks again)."""
        if self._loading or widget.property("invalid") is not True:
            return
        mark_invalid(widget, False)
        problems = amount_problems(self.raw())
        self._show([named(p, self.number, "") for p in problems])

    def set_read_only(self, read_only: bool) -> None:
        if not self._placeholders:
            self._placeholders = {name: line.placeholderText() for name, line in self.texts.items()}
        for name, line in self.texts.items():
            line.setReadOnly(read_only)
            # An example in an empty read-only field reads like a value that was entered.
            line.setPlaceholderText("" if read_only else self._placeholders[name])
        for long in self.longs.values():
            long.setReadOnly(read_only)
        for widget in (*self.flags.values(), self.purpose, self.outcome, self.next_step_kind,
                       self.next_step_on, self.market_button, self.complaint_button):  # fmt: skip
            widget.setEnabled(not read_only)
        if self.attachments is not None:
            self.attachments.set_read_only(read_only)

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    # On a narrow pane a long label moves above its field instead of pushing it out.
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setVerticalSpacing(6)
    return form

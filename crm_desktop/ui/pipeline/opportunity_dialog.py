"""The opportunity card 商机: create or edit the deal's fields, see its stage and history.

The fields (customer, name, amount, expected close, competitors, next step) save like
the other forms: problems inline under their field, the dialog open with what was typed
until a save succeeds. The stage is not a field: it changes only through "Move to
stage…" (the stage dialog and the sales method's rules), and a lost deal can be demoted
back to the first open stage. Someone who may not change the opportunity (a supervisor
looking at a rep's deal) sees the same card read-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.money import format_fen, parse_yuan
from crm_desktop.domain.stages import StageDef
from crm_desktop.services.pipeline.pipeline import OpportunityCard, OpportunityDraft
from crm_desktop.ui import application, messages
from crm_desktop.ui.activity.form import (
    ActivityDialog,
    CustomerField,
    date_edit,
    from_qdate,
    to_qdate,
)
from crm_desktop.ui.operations import OPPORTUNITIES
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.pipeline.stage_dialog import StageDialog, open_stage_dialog
from crm_desktop.ui.widgets import date_text, fill_table, read_only_table

# Field names the service may use for what this form calls otherwise.
FIELD_ALIASES = {"customer_id": "customer", "amount_fen": "amount"}


def local_time(value: dt.datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored (naive UTC) time in the laptop's time zone."""
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone().strftime(fmt)


def stage_label(code: str | None, stages: list[StageDef], lang: str) -> str:
    if code is None:  # the history's first row: the opportunity was created
        return QCoreApplication.translate("OpportunityDialog", "Created")
    stage = next((s for s in stages if s.code == code), None)
    return stage.name(lang) if stage else code


class OpportunityDialog(ActivityDialog):
    """A new opportunity (for `customer_id`, named `customer_name`, when given), or
    `opportunity_id` to open one.

    `saved(id)` after the fields were saved; `changed()` after any change, the stage's
    included, so the page or the customer card can reload.
    """

    changes = OPPORTUNITIES

    changed = Signal()

    def __init__(
        self,
        context: PageContext,
        opportunity_id: str | None = None,
        customer_id: str | None = None,
        parent: QWidget | None = None,
        *,
        customer_name: str = "",
    ) -> None:
        super().__init__(context, parent)
        self.pipeline = context.services.pipeline
        self.card: OpportunityCard | None = None
        self.stage_dialog: StageDialog | None = None
        if opportunity_id is not None:
            self.card = self.pipeline.card(opportunity_id)
            customer_id = self.card.draft.customer_id
        method = self.card.method_code if self.card else None
        self.stages = self.pipeline.stages(method) if method else self.pipeline.stages()
        self.setWindowTitle(self.tr("Opportunity") if self.card else self.tr("New opportunity"))
        if self.card is not None:
            customer_name = self.card.customer_name
        self.customer = CustomerField(context, customer_id, customer_name)
        self.name = QLineEdit()
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("e.g. 120000 or 12万"))
        self.has_close = QCheckBox(self.tr("Set"))
        self.expected_close = date_edit(context.services.clock.today() + dt.timedelta(days=30))
        self.has_close.toggled.connect(self.expected_close.setEnabled)
        self.expected_close.setEnabled(False)
        close_row = QWidget()
        row = QHBoxLayout(close_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_close)
        row.addWidget(self.expected_close, 1)
        self.competitors = QLineEdit()
        self.competitors.setPlaceholderText(self.tr("Separate names with 、"))
        self.next_step = QPlainTextEdit()
        self.next_step.setFixedHeight(56)
        self.next_step.setTabChangesFocus(True)
        self.first_stage = QComboBox()
        for stage in self.stages:
            if stage.outcome == "open":
                self.first_stage.addItem(
                    f"{stage.name(self.lang)}  ({stage.probability_pct}%)", stage.code
                )
        rows: list[tuple[str, str, QWidget, QWidget | None]] = [
            (self.tr("Customer *"), "customer", self.customer, self.customer.editor()),
            (self.tr("Opportunity *"), "name", self.name, None),
            (self.tr("Amount (¥)"), "amount", self.amount, None),
            (self.tr("Expected close"), "expected_close_on", close_row, self.expected_close),
            (self.tr("Competitors"), "competitors", self.competitors, None),
            (self.tr("Next step"), "next_step", self.next_step, None),
        ]
        if self.card is None:
            rows.append((self.tr("Stage"), "stage", self.first_stage, None))
        for label, field, editor, flagged in rows:
            self.add_row(label, field, editor, flagged)
        for alias, field in FIELD_ALIASES.items():
            self.errors[alias] = self.errors[field]
            self.editors[alias] = self.editors[field]
        self.stage_box = self._stage_panel()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(2, self.stage_box, 1)
        layout.setStretch(3, 0)  # the history takes the height, not the form's spacer
        self.stage_box.setVisible(self.card is not None)
        if self.card is not None:
            self._load(self.card)
        self.resize(640, 720 if self.card else 460)

    # --- the stage panel -----------------------------------------------------------------
    def _stage_panel(self) -> QGroupBox:
        box = QGroupBox(self.tr("Stage"))
        self.stage_line = QLabel()
        self.stage_line.setWordWrap(True)
        self.close_line = QLabel()
        self.close_line.setWordWrap(True)
        self.history = read_only_table(
            [self.tr("When"), self.tr("By"), self.tr("Stage change"), self.tr("Note")]
        )
        self.history.setMinimumHeight(140)
        self.move_button = QPushButton(self.tr("Move to stage…"))
        self.move_button.clicked.connect(self.move_stage)
        self.demote_button = QPushButton(self.tr("Demote to potential"))
        self.demote_button.clicked.connect(self.demote)
        buttons = QHBoxLayout()
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.demote_button)
        buttons.addStretch(1)
        column = QVBoxLayout(box)
        column.addWidget(self.stage_line)
        column.addWidget(self.close_line)
        column.addLayout(buttons)
        column.addWidget(self.history, 1)
        return box

    def _load(self, card: OpportunityCard) -> None:
        d = card.draft
        self.name.setText(d.name)
        self.amount.setText(format_fen(d.amount_fen, symbol=False) if d.amount_fen else "")
        self.has_close.setChecked(d.expected_close_on is not None)
        if d.expected_close_on is not None:
            self.expected_close.setDate(to_qdate(d.expected_close_on))
        self.competitors.setText(d.competitors or "")
        self.next_step.setPlainText(d.next_step or "")
        self._show_stage(card)
        if not card.editable:
            self._read_only()

    def _show_stage(self, card: OpportunityCard) -> None:
        lang = self.lang
        stage = next((s for s in self.stages if s.code == card.stage_code), None)
        since = card.history[-1].changed_at if card.history else None
        parts = [
            f"<b>{stage_label(card.stage_code, self.stages, lang)}</b>"
            + (f" {stage.probability_pct}%" if stage else ""),
            self.tr("Owner: %1").replace("%1", card.owner_name),
        ]
        if since is not None:
            parts.append(
                self.tr("in this stage since %1").replace("%1", local_time(since, "%Y-%m-%d"))
            )
        if stage is None or not stage.is_closed:
            parts.append(
                self.tr("%1 visit(s) in this stage").replace("%1", str(card.visits_in_stage))
            )
        self.stage_line.setText(" · ".join(parts))
        closing = ""
        if card.won_on is not None or card.won_reason:
            closing = (
                self.tr("Won on %1: %2")
                .replace("%1", date_text(card.won_on))
                .replace("%2", card.won_reason or "")
            )
        elif card.lost_reason or card.winning_competitor:
            closing = (
                self.tr("Lost: %1 — the order went to %2")
                .replace("%1", card.lost_reason or "—")
                .replace("%2", card.winning_competitor or "—")
            )
        self.close_line.setText(closing)
        self.close_line.setVisible(bool(closing))
        fill_table(
            self.history,
            [
                [
                    local_time(h.changed_at),
                    h.changed_by_name,
                    f"{stage_label(h.from_stage, self.stages, lang)} → "
                    f"{stage_label(h.to_stage, self.stages, lang)}",
                    h.note or "",
                ]
                for h in reversed(card.history)  # the latest first: what the reader wants
            ],
        )
        closed = stage is not None and stage.is_closed
        self.move_button.setVisible(card.editable and not closed)
        self.demote_button.setVisible(
            card.editable and stage is not None and stage.outcome == "lost"
        )

    def _read_only(self) -> None:
        for edit in (self.name, self.amount, self.competitors):
            edit.setReadOnly(True)
        self.next_step.setReadOnly(True)
        self.has_close.setEnabled(False)
        self.expected_close.setEnabled(False)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    def reload_card(self) -> bool:
        """Read the card again after a stage change; the typed fields stay as they are."""
        if self.card is None:
            return False
        try:
            self.card = self.pipeline.card(self.card.id)
        except UserFacingError as error:
            application.show_error(error, self)
            return False
        self._show_stage(self.card)
        return True

    # --- stage actions -------------------------------------------------------------------
    def move_stage(self, target_code: str | None = None) -> StageDialog | None:
        if self.card is None:
            return None
        dialog = open_stage_dialog(self.context, self.card.id, target_code or None, self)
        if dialog is not None:
            self.stage_dialog = dialog
            dialog.moved.connect(lambda _id, _code: self._stage_changed())
        return dialog

    def demote(self) -> bool:
        """Take a lost opportunity back to the first open stage, after a confirmation."""
        if self.card is None:
            return False
        question = self.tr("Take this lost opportunity back to the first stage?")
        if not messages.confirm(self, self.tr("Demote to potential"), question):
            return False
        pipeline, card_id = self.pipeline, self.card.id
        self.context.operations.write(
            lambda: pipeline.demote(card_id),
            OPPORTUNITIES,
            parent=self,
            success=lambda _none: self._stage_changed(),
        )
        return True  # started; the card re-reads when it lands

    def _stage_changed(self) -> None:
        self.reload_card()
        self.changed.emit()

    # --- the form ------------------------------------------------------------------------
    def _amount_fen(self) -> int:
        text = self.amount.text().strip()
        return parse_yuan(text) if text else 0

    def read_draft(self) -> OpportunityDraft:
        try:
            amount = self._amount_fen()
        except ValidationError:
            amount = 0  # problems() reports it; the draft is only read when there is none
        close = from_qdate(self.expected_close.date()) if self.has_close.isChecked() else None
        return OpportunityDraft(
            customer_id=self.customer.customer_id() or "",
            name=self.name.text().strip(),
            amount_fen=amount,
            expected_close_on=close,
            competitors=self.competitors.text().strip() or None,
            next_step=self.next_step.toPlainText().strip() or None,
        )

    def problems(self) -> list[ValidationError]:
        found: list[ValidationError] = []
        if self.customer.customer_id() is None:
            found.append(ValidationError("请选择客户", "Choose a customer", field="customer"))
        if not self.name.text().strip():
            found.append(
                ValidationError("请填写商机名称", "Enter the opportunity's name", field="name")
            )
        try:
            if self._amount_fen() < 0:
                found.append(
                    ValidationError(
                        "金额不能为负数", "The amount cannot be negative", field="amount"
                    )
                )
        except ValidationError as error:
            found.append(ValidationError(error.message_zh, error.message_en, field="amount"))
        return found

    def writer(self) -> Callable[[], str]:
        draft, pipeline = self.read_draft(), self.pipeline
        if self.card is None:
            code = self.first_stage.currentData()
            first = code if isinstance(code, str) else None
            return lambda: pipeline.create(draft, first)
        card_id = self.card.id

        def update() -> str:
            pipeline.update(card_id, draft)
            return card_id

        return update

    def save(self) -> bool:
        if self.card is not None and not self.card.editable:
            return False
        return super().save()

    def _saved(self, saved_id: str) -> None:
        super()._saved(saved_id)
        self.changed.emit()


def open_opportunity(
    context: PageContext, opportunity_id: str, parent: QWidget | None = None
) -> OpportunityDialog | None:
    """The card of an opportunity, shown (not blocking); None, error shown, when gone."""
    try:
        dialog = OpportunityDialog(context, opportunity_id, parent=parent)
    except UserFacingError as error:
        application.show_error(error, parent)
        return None
    dialog.open()
    return dialog

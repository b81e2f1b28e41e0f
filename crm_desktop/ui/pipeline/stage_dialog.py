"""Move an opportunity to another stage, through the sales method's rules.

Every change of the target or of a close detail asks the service (`check_move`) again:
a refusal (a strict condition, a won without reason, a closed opportunity) is shown
inline and keeps "Move" disabled; warnings (control mode warn) are shown with a
"Proceed anyway" box that must be ticked first. The move itself runs the check once
more in the service, so a rule that changed meanwhile still holds.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import TransitionError, UserFacingError
from crm_desktop.domain.stages import StageChange, StageDef, StageWarning
from crm_desktop.services.pipeline.pipeline import OpportunityCard
from crm_desktop.ui import application
from crm_desktop.ui.activity.form import date_edit, from_qdate
from crm_desktop.ui.operations import OPPORTUNITIES, report_error
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.tasks import BackgroundTask
from crm_desktop.ui.widgets import ErrorLabel

WARNING_STYLE = (
    "QLabel { background: #fff4e0; color: #8a5a00; border: 1px solid #f0c987;"
    " border-radius: 4px; padding: 6px 8px; }"
)


def competitor_names(text: str | None) -> list[str]:
    """The competitors field split where people separate names (、，,;；/ and lines)."""
    return [part.strip() for part in re.split(r"[、，,;；/\n]+", text or "") if part.strip()]


class StageDialog(QDialog):
    """Move `card` to a stage; `target_code` preselects one (the column of a drop).

    Emits `moved(opportunity_id, stage_code)` after the service moved it; stays open with
    what was typed when the move is refused.
    """

    moved = Signal(str, str)

    def __init__(
        self,
        context: PageContext,
        card: OpportunityCard,
        target_code: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.lang
        self.service = context.services.pipeline
        self.card = card
        self.move_task: BackgroundTask | None = None
        self.stages: list[StageDef] = self.service.stages(card.method_code)
        self.current = next((s for s in self.stages if s.code == card.stage_code), None)
        self.warnings: list[StageWarning] = []
        self.problem: str | None = None
        self.setWindowTitle(self.tr("Move to stage"))
        current_name = self.current.name(self.lang) if self.current else card.stage_code
        self.heading = QLabel(
            self.tr("%1 · now at %2").replace("%1", card.draft.name).replace("%2", current_name)
        )
        self.heading.setObjectName("cardSubtitle")
        self.heading.setWordWrap(True)
        self.target = QComboBox()
        for stage in self.stages:
            if stage.code != card.stage_code:
                self.target.addItem(
                    f"{stage.name(self.lang)}  ({stage.probability_pct}%)", stage.code
                )
        self.rate = QLabel()
        self.won_on = date_edit(context.services.clock.today())
        self.won_reason = QLineEdit()
        self.lost_reason = QLineEdit()
        self.winner = QComboBox()
        self.winner.setEditable(True)
        self.winner.addItem("")
        for name in competitor_names(card.draft.competitors):
            self.winner.addItem(name)
        self.winner.setCurrentIndex(0)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Optional"))
        self.error = ErrorLabel()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.proceed = QCheckBox(self.tr("Proceed anyway"))
        self.form = QFormLayout()
        self.form.addRow(self.tr("Move to"), self.target)
        self.form.addRow(self.tr("Success rate"), self.rate)
        self.form.addRow(self.tr("Won on *"), self.won_on)
        self.form.addRow(self.tr("Why we won *"), self.won_reason)
        self.form.addRow(self.tr("Why we lost *"), self.lost_reason)
        self.form.addRow(self.tr("Competitor who won *"), self.winner)
        self.form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.addButton(
            self.tr("Move"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("primary")
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.warning)
        layout.addWidget(self.proceed)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        if target_code is not None and self.target.findData(target_code) >= 0:
            self.target.setCurrentIndex(self.target.findData(target_code))
        self.target.currentIndexChanged.connect(lambda _i: self._target_changed())
        self.won_on.dateChanged.connect(lambda _d: self.check())
        for edit in (self.won_reason, self.lost_reason):
            edit.textChanged.connect(lambda _t: self.check())
        self.winner.currentTextChanged.connect(lambda _t: self.check())
        self.proceed.toggled.connect(lambda _on: self._update_ok())
        self._target_changed()

    # --- state ---------------------------------------------------------------------------
    def target_stage(self) -> StageDef | None:
        code = self.target.currentData()
        return next((s for s in self.stages if s.code == code), None)

    def change(self) -> StageChange:
        """The close details the target needs (the service fills in visits and amount)."""
        stage = self.target_stage()
        outcome = stage.outcome if stage else "open"
        won, lost = outcome == "won", outcome == "lost"
        return StageChange(
            won_date=from_qdate(self.won_on.date()) if won else None,
            won_reason=self.won_reason.text().strip() or None if won else None,
            lost_reason=self.lost_reason.text().strip() or None if lost else None,
            winning_competitor=self.winner.currentText().strip() or None if lost else None,
        )

    def _target_changed(self) -> None:
        stage = self.target_stage()
        outcome = stage.outcome if stage else "open"
        self.rate.setText(f"{stage.probability_pct}%" if stage else "—")
        for widget, shown in (
            (self.won_on, outcome == "won"),
            (self.won_reason, outcome == "won"),
            (self.lost_reason, outcome == "lost"),
            (self.winner, outcome == "lost"),
        ):
            self.form.setRowVisible(widget, shown)
        self.proceed.setChecked(False)
        self.check()

    def check(self) -> bool:
        """Ask the service whether the move may happen; True when "Move" may be pressed
        (possibly after ticking "Proceed anyway")."""
        stage = self.target_stage()
        self.problem, self.warnings = None, []
        if stage is None:
            self.problem = self.tr("There is no other stage to move to.")
        else:
            try:
                self.warnings = self.service.check_move(self.card.id, stage.code, self.change())
            except TransitionError as error:
                self.problem = error.message(self.lang)
            except UserFacingError as error:
                self.problem = error.message(self.lang)
        self.error.show_message(self.problem or "")
        text = "\n".join(w.message(self.lang) for w in self.warnings)
        self.warning.setText(text)
        self.warning.setVisible(bool(text))
        self.proceed.setVisible(bool(self.warnings))
        self._update_ok()
        return self.problem is None

    def _update_ok(self) -> None:
        allowed = self.problem is None and (not self.warnings or self.proceed.isChecked())
        self.ok_button.setEnabled(allowed)

    # --- the move ----------------------------------------------------------------------
    def confirm(self) -> bool:
        """Start the move on the writer lane; True when started. `moved` follows and the
        dialog accepts when it lands; a refused move is said in the dialog."""
        if self.moving or not self.check() or (self.warnings and not self.proceed.isChecked()):
            return False
        stage = self.target_stage()
        assert stage is not None
        service, card_id, code = self.service, self.card.id, stage.code
        change, note = self.change(), self.note.text().strip() or None
        self.ok_button.setEnabled(False)
        self.move_task = self.context.operations.write(
            lambda: service.move(card_id, code, change, note),
            OPPORTUNITIES,
            parent=self,
            success=lambda _result: self._moved(card_id, code),
            failure=self._not_moved,
        )
        return True

    @property
    def moving(self) -> bool:
        return self.move_task is not None and self.move_task.running

    def _moved(self, card_id: str, code: str) -> None:
        self.moved.emit(card_id, code)
        self.accept()

    def _not_moved(self, error: BaseException) -> None:
        if isinstance(error, TransitionError):
            self.error.show_message(error.message(self.lang))
            return  # OK stays off: this move is refused
        self._update_ok()
        report_error(error, self)


def open_stage_dialog(
    context: PageContext,
    opportunity_id: str,
    target_code: str | None = None,
    parent: QWidget | None = None,
) -> StageDialog | None:
    """The stage dialog on an opportunity read afresh, shown window-modal (not blocking);
    None, with the error shown, when it is gone or may not be changed."""
    try:
        card = context.services.pipeline.card(opportunity_id)
    except UserFacingError as error:
        application.show_error(error, parent)
        return None
    if not card.editable:
        application.show_error(
            UserFacingError(
                "你没有权限变更这个商机的阶段", "You may not change this opportunity's stage"
            ),
            parent,
        )
        return None
    dialog = StageDialog(context, card, target_code, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog

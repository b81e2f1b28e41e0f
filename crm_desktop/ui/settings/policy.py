"""Settings 设置, the team policy group: report due hour, the amount above which the report
editor asks to confirm, A/B shares of sales for value classes, visit cadence per class,
recompute now.

The team policy decides synced values, so it is synced team data (services/policy.py),
not a setting of this laptop: a manager edits their team's, an admin the company
default; everyone else sees the values that apply to them, read-only.

A part of SettingsPage (settings/page.py): its strings keep the page's translation
context, so they are written `translate("SettingsPage", …)`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.policy import MAX_CONFIRM_ABOVE_YUAN, TeamPolicy
from crm_desktop.services.customers.classification import classified_on, recompute_value_classes
from crm_desktop.ui import application
from crm_desktop.ui.operations import OpChanges
from crm_desktop.ui.settings.form import SectionBase, group_form
from crm_desktop.ui.tasks import BackgroundTask, Lane, run_task
from crm_desktop.ui.widgets import date_text

translate = QCoreApplication.translate
CADENCES = (("A", "cadence_a_days"), ("B", "cadence_b_days"), ("C", "cadence_c_days"))
SHARES = (("A", "abc_a_share_pct"), ("B", "abc_b_share_pct"))
# A read-only value without arrows. Not ButtonSymbols.NoButtons: with style.qss's
# subcontrol-position rules for the arrows, Qt then gives the text a 1-pixel width and the
# value is not seen at all.
READ_ONLY_SPIN = (
    "QSpinBox, QDoubleSpinBox { background: #eef1f4; color: #3c4855; }"
    "QSpinBox::up-button, QSpinBox::down-button,"
    " QDoubleSpinBox::up-button, QDoubleSpinBox::down-button { width: 0px; }"
    "QSpinBox::up-arrow, QSpinBox::down-arrow,"
    " QDoubleSpinBox::up-arrow, QDoubleSpinBox::down-arrow { image: none; width: 0px; }"
)


class PolicySection(SectionBase):
    """The team policy group and its load, save and recompute (mixed into SettingsPage)."""

    recompute_finished: SignalInstance  # declared on SettingsPage

    def save(self) -> bool:
        raise NotImplementedError  # SettingsPage saves the whole page

    def _classes_group(self) -> QGroupBox:
        """The team policy: the report due hour, value classes A/B/C (SPEC §5: the Pareto
        shares) and the visit cadence per class."""
        group = QGroupBox(
            translate("SettingsPage", "Team policy: report deadline, customer classes, visits")
        )
        self.policy_group = group
        form = group_form(group)
        self.policy_note = QLabel()
        self.policy_note.setObjectName("hint")
        self.policy_note.setWordWrap(True)
        form.addRow(self.policy_note)
        self.due_hour = QSpinBox()
        self.due_hour.setRange(0, 23)
        self.due_hour.setSuffix(":00")
        self.due_hour.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.due_hour.setFixedWidth(120)
        form.addRow(translate("SettingsPage", "Daily report due at"), self.due_hour)
        form.addRow(
            translate("SettingsPage", "Ask to confirm any single amount above"),
            self._confirm_ceiling_spin(),
        )
        self.shares: dict[str, QSpinBox] = {}
        for letter, _option in SHARES:
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setFixedWidth(120)
            self.shares[letter] = spin
        form.addRow(translate("SettingsPage", "Class A: top share of sales"), self.shares["A"])
        form.addRow(translate("SettingsPage", "Class B: next share of sales"), self.shares["B"])
        self.cadence: dict[str, QSpinBox] = {}
        for letter, _option in CADENCES:
            spin = QSpinBox()
            spin.setRange(1, 365)
            spin.setSuffix(translate("SettingsPage", " days"))
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setFixedWidth(120)
            self.cadence[letter] = spin
            form.addRow(
                translate("SettingsPage", "Class %1 customers every").replace("%1", letter), spin
            )
        self.recompute_button = QPushButton(translate("SettingsPage", "Recompute classes now"))
        self.recompute_button.clicked.connect(self.recompute_classes)
        self.classes_note = QLabel()
        self.classes_note.setObjectName("hint")
        self.classes_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.recompute_button)
        row.addWidget(self.classes_note, 1)
        form.addRow("", row)
        self.recompute_task: BackgroundTask | None = None
        return group

    def _confirm_ceiling_spin(self) -> QDoubleSpinBox:
        """Whole yuan up to the hard limit (10万亿): beyond a QSpinBox's 32-bit range, so a
        double spin box without decimals, exact for every whole yuan it allows. The
        application's wheel guard (ui/wheel_guard.py) keeps a scroll from changing it."""
        spin = QDoubleSpinBox()
        spin.setDecimals(0)
        spin.setRange(1, MAX_CONFIRM_ABOVE_YUAN)
        spin.setGroupSeparatorShown(True)
        spin.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        spin.setSuffix(translate("SettingsPage", " yuan"))
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin.setFixedWidth(220)
        spin.setToolTip(
            translate(
                "SettingsPage",
                "A daily report amount above this is more likely a typo: "
                "the report editor asks before it is saved.",
            )
        )
        self.confirm_above = spin
        return spin

    def _show_classified_on(self) -> None:
        last = classified_on(self.context.services)
        text = translate("SettingsPage", "Recomputed every night; last on %1.").replace(
            "%1", date_text(last)
        )
        self.classes_note.setText(
            text if last else translate("SettingsPage", "Recomputed every night.")
        )

    def recompute_classes(self) -> None:
        """Save the shares first, so the run uses what the user sees, then recompute."""
        if not self.save():
            return
        services = self.context.services
        today = services.clock.today()
        self.recompute_button.setEnabled(False)
        self.classes_note.setText(translate("SettingsPage", "Recomputing…"))
        # With the synced team policy of each customer's owner, as the nightly run.
        # A bulk write: on the writer lane, after any save queued there, never beside one.
        task = run_task(
            lambda _ctx: recompute_value_classes(services, today), parent=self, lane=Lane.WRITE
        )
        task.succeeded.connect(self._recomputed)
        task.failed.connect(self._recompute_failed)
        self.recompute_task = task

    def _recomputed(self, changed: object) -> None:
        self.recompute_button.setEnabled(True)
        self.recompute_finished.emit()
        self.classes_note.setText(
            translate("SettingsPage", "Done. Customers whose class changed: %1").replace(
                "%1", str(changed)
            )
        )

    def _recompute_failed(self, error: object) -> None:
        self.recompute_button.setEnabled(True)
        self.recompute_finished.emit()
        self._show_classified_on()
        if not isinstance(error, UserFacingError):
            raise error if isinstance(error, BaseException) else RuntimeError(str(error))
        application.show_error(error, self)

    def _policy_spins(self) -> list[QAbstractSpinBox]:
        return [self.due_hour, self.confirm_above, *self.shares.values(), *self.cadence.values()]

    def _load_policy(self) -> None:
        """The policy that applies to the user; editable only by whom may set it."""
        view = self.context.services.policy.view()
        self.policy_editable = view.editable
        columns = view.policy.columns()
        self.due_hour.setValue(columns["report_due_hour"])
        self.confirm_above.setValue(columns["confirm_amount_above_yuan"])
        for letter, name in CADENCES:
            self.cadence[letter].setValue(columns[name])
        for letter, name in SHARES:
            self.shares[letter].setValue(columns[name])
        for spin in self._policy_spins():
            spin.setReadOnly(not view.editable)
            spin.setStyleSheet("" if view.editable else READ_ONLY_SPIN)
        if not view.editable:
            note = translate(
                "SettingsPage", "Set by your manager; the same on every laptop of your team."
            )
        elif view.team_id is None:
            note = translate(
                "SettingsPage", "The company default: applies to every team without its own."
            )
        else:
            note = translate(
                "SettingsPage", "Your team's policy: synced to the laptops of everyone in it."
            )
        self.policy_note.setText(note)

    def _shown_policy(self) -> TeamPolicy:
        values = {name: self.shares[letter].value() for letter, name in SHARES}
        values |= {name: self.cadence[letter].value() for letter, name in CADENCES}
        values["confirm_amount_above_yuan"] = round(self.confirm_above.value())
        return TeamPolicy.from_columns({"report_due_hour": self.due_hour.value(), **values})

    def _save_policy(self) -> bool:
        """Queue the shown policy for the team's synced row if the user may and it changed;
        False (with a message) when the values themselves are refused.

        The row is written on the writer lane (ui/operations.py), so a recompute queued
        right after runs with it; the values are checked here first."""
        if not self.policy_editable:
            return True
        policies = self.context.services.policy
        try:
            shown = self._shown_policy()
            changed = shown != policies.view().policy
        except UserFacingError as error:
            application.show_error(error, self)
            return False
        if changed:
            # No page shows the policy's row; pages re-read it when shown.
            self.context.operations.write(lambda: policies.save(shown), OpChanges(), parent=self)
        return True

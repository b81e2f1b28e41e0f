"""Export the weekly summary 周报 (SPEC §4) to Excel: pick the week, the scope and the file,
then write it off the GUI thread with a progress bar and a Cancel button.

The work is `services.team.weekly_summary.export_weekly_summary`, the same function the
`crm-desktop export-week` command runs, so the GUI and the command line write the same
workbook. A cancelled or failed export leaves no file (the writer renames a finished
temporary file into place).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.kpi import iso_week_bounds
from crm_desktop.domain.picklists import Role
from crm_desktop.export.weekly_data import ExportCancelled
from crm_desktop.services.org import OrgTree
from crm_desktop.services.team.weekly_summary import export_weekly_summary, previous_week
from crm_desktop.ui import application, messages
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.task_dialog import TaskDialog
from crm_desktop.ui.tasks import BackgroundTask, TaskContext
from crm_desktop.ui.widgets import ErrorLabel

# Scope choices (the combo's item data).
ME, TEAM, REP = "me", "team", "rep"


class WeeklySummaryDialog(TaskDialog):
    """Emits `exported(path)` when the workbook was written."""

    exported = Signal(object)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cancel export"), parent)
        self.context = context
        self.lang = context.lang
        self.written: Path | None = None
        actor = context.services.actor
        self.setWindowTitle(self.tr("Weekly summary to Excel"))

        self.week_edit = QDateEdit()
        self.week_edit.setCalendarPopup(True)
        self.week_edit.setDisplayFormat("yyyy-MM-dd")
        year, week = previous_week(context.services.clock.today())
        monday, _sunday = iso_week_bounds(year, week)
        self.week_edit.setDate(QDate(monday.year, monday.month, monday.day))
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        self.week_edit.dateChanged.connect(self._week_changed)

        self.scope = QComboBox()
        self.rep_combo = QComboBox()
        leads = actor.role is not Role.REP
        reps = OrgTree.load(context.services.store).reps_below(actor.user_id) if leads else []
        if leads:
            self.scope.addItem(self.tr("My team (%1 reps)").replace("%1", str(len(reps))), TEAM)
            self.scope.addItem(self.tr("One rep"), REP)
        else:
            self.scope.addItem(self.tr("Me"), ME)
        for rep in reps:
            self.rep_combo.addItem(rep.display_name, rep.username)
        self.scope.currentIndexChanged.connect(self._scope_changed)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Choose where to save the .xlsx file…"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self.browse)
        self.start_button = QPushButton(self.tr("Export"))
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(self.start)
        self.open_button = QPushButton(self.tr("Open folder"))
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self.open_folder)
        self.status.setObjectName("exportStatus")
        self.error = ErrorLabel()
        self._build_layout()
        self._week_changed()
        self._scope_changed()
        self.resize(560, 240)

    def _build_layout(self) -> None:
        week_row = QHBoxLayout()
        week_row.addWidget(self.week_edit)
        week_row.addWidget(self.week_label, 1)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("Week"), week_row)
        form.addRow(self.tr("Scope"), self.scope)
        form.addRow(self.tr("Rep"), self.rep_combo)
        form.addRow(self.tr("File"), file_row)
        self._rep_label = form.labelForField(self.rep_combo)
        run_row = QHBoxLayout()
        run_row.addWidget(self.start_button)
        run_row.addWidget(self.progress, 1)
        run_row.addWidget(self.cancel_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setVisible(False)  # adding it to the box showed it
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(run_row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(close)

    # --- choices ---------------------------------------------------------------------
    def week(self) -> tuple[int, int]:
        """The ISO (year, week) of the chosen day."""
        chosen = self.week_edit.date()
        day = dt.date(chosen.year(), chosen.month(), chosen.day())
        year, week, _day = day.isocalendar()
        return year, week

    def _week_changed(self) -> None:
        year, week = self.week()
        monday, sunday = iso_week_bounds(year, week)
        self.week_label.setText(f"{year}-W{week:02d}（{monday:%m-%d} – {sunday:%m-%d}）")

    def _scope_changed(self) -> None:
        one_rep = self.scope.currentData() == REP
        self.rep_combo.setVisible(one_rep)
        if self._rep_label is not None:
            self._rep_label.setVisible(one_rep)

    def browse(self) -> None:
        year, week = self.week()
        suggested = Path(
            self.path_edit.text().strip() or Path.home() / f"周报_{year}-W{week:02d}.xlsx"
        )
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the weekly summary"),
            str(suggested),
            self.tr("Excel workbooks (*.xlsx)"),
        )
        if name:
            self.path_edit.setText(name if name.lower().endswith(".xlsx") else name + ".xlsx")

    # --- the export ------------------------------------------------------------------
    def inputs(self) -> list[QWidget]:
        return [self.start_button, self.browse_button, self.path_edit, self.week_edit,
                self.scope, self.rep_combo]  # fmt: skip

    def cancelled_text(self) -> str:
        return self.tr("Export cancelled; no file was written.")

    def start(self) -> BackgroundTask | None:
        """Start the export to the chosen file; None if there is nothing to start."""
        self.error.clear_message()
        self.open_button.setVisible(False)
        text = self.path_edit.text().strip()
        if not text:
            self.error.show_message(self.tr("Choose where to save the file first."))
            return None
        path = Path(text)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        week, lang = self.week(), self.lang
        rep = self.rep_combo.currentData() if self.scope.currentData() == REP else None
        store, actor = self.context.services.store, self.context.services.actor
        # One due hour and one visit cadence for the whole export: the viewer's
        # effective team policy.
        policy = self.context.services.policy.current()
        due_hour, cadence = policy.report_due_hour, policy.cadence

        def work(ctx: TaskContext) -> Any:
            # Runs on the task thread: only the service call, which returns plain data.
            export_weekly_summary(store, actor, path, week, rep=rep, lang=lang,
                                  due_hour=due_hour, cadence=cadence, progress=ctx.progress,
                                  cancel=ctx.is_cancelled)  # fmt: skip
            return path

        return self.run_in_background(
            work, cancel_exceptions=(ExportCancelled,), busy_text=self.tr("Exporting…")
        )

    def succeeded(self, path: Path) -> None:
        self.written = path
        self.status.setText(self.tr("Saved to %1").replace("%1", str(path)))
        self.open_button.setVisible(True)
        self.exported.emit(path)

    def failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("The export failed; no file was written."))
        if isinstance(error, UserFacingError):
            self.error.show_message(error.message(self.lang))
            application.show_error(error, self)
        else:
            raise error  # a bug: the application's excepthook logs and reports it

    def open_folder(self) -> None:
        if self.written is not None:
            messages.open_folder(self.written.parent)

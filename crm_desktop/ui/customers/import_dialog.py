"""Import customers from Excel: pick a file, run off the GUI thread, show the row report.

The import runs as a background task (ui/tasks.py) with a progress bar and a Cancel
button; a cancelled import imports nothing (the service rolls back). The report lists
rows skipped as duplicates (with 撞单 when another rep owns the match) and rows in error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.container import Services
from crm_desktop.ui import application, messages
from crm_desktop.ui.customers.duplicates import conflict_text, reason_text
from crm_desktop.ui.task_dialog import TaskDialog
from crm_desktop.ui.tasks import BackgroundTask, TaskContext
from crm_desktop.ui.widgets import ErrorLabel, fill_table, join_items, read_only_table


class ImportDialog(TaskDialog):
    """Emits `imported(count)` when an import finished with rows written."""

    imported = Signal(int)
    finished_report = Signal(object)  # the ImportReport, for tests and callers

    def __init__(self, services: Services, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cancel import"), parent)
        self.services = services
        self.lang = lang
        self.report: Any = None
        self.setWindowTitle(self.tr("Import customers from Excel"))
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Choose an .xlsx file…"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self.browse)
        self.include_duplicates = QCheckBox(
            self.tr("Also import rows that match existing customers")
        )
        self.start_button = QPushButton(self.tr("Import"))
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(self.start)
        self.status.setObjectName("importStatus")
        self.error = ErrorLabel()
        self.duplicates = read_only_table(
            [
                self.tr("Row"),
                self.tr("Name"),
                self.tr("Existing customer"),
                self.tr("Owner"),
                self.tr("Matches on"),
                self.tr("Conflict"),
            ]
        )
        self.errors = read_only_table([self.tr("Row"), self.tr("Problem")])
        self._build_layout()
        self.resize(820, 620)

    def _build_layout(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        run_row = QHBoxLayout()
        run_row.addWidget(self.start_button)
        run_row.addWidget(self.progress, 1)
        run_row.addWidget(self.cancel_button)
        self.duplicates_box = QGroupBox(self.tr("Duplicates (not imported)"))
        QVBoxLayout(self.duplicates_box).addWidget(self.duplicates)
        self.errors_box = QGroupBox(self.tr("Rows with errors"))
        QVBoxLayout(self.errors_box).addWidget(self.errors)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.include_duplicates)
        layout.addLayout(run_row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.duplicates_box, 1)
        layout.addWidget(self.errors_box, 1)
        layout.addWidget(close)

    def browse(self) -> None:
        path = messages.choose_excel_file(self)
        if path is not None:
            self.path_edit.setText(str(path))

    def inputs(self) -> list[QWidget]:
        return [self.start_button, self.browse_button, self.path_edit, self.include_duplicates]

    def cancelled_text(self) -> str:
        return self.tr("Import cancelled; nothing was imported.")

    def progress_text(self, done: int, total: int) -> str:
        return self.tr("Importing row %1 of %2…").replace("%1", str(done)).replace("%2", str(total))

    def start(self) -> BackgroundTask | None:
        """Start the import of the chosen file; None if there is nothing to start."""
        self.error.clear_message()
        path = Path(self.path_edit.text().strip())
        if not self.path_edit.text().strip() or not path.is_file():
            self.error.show_message(self.tr("Choose an existing .xlsx file first."))
            return None
        try:
            from crm_desktop.services.importing.customer_import import (
                ImportCancelled,
                import_customers,
            )
        except ImportError:
            self.error.show_message(self.tr("Excel import is not available in this version."))
            return None
        services, include = self.services, self.include_duplicates.isChecked()

        def work(ctx: TaskContext) -> Any:
            # Runs on the task thread: only the service call, which returns plain data.
            return import_customers(
                services,
                path,
                include_duplicates=include,
                progress=ctx.progress,
                cancel=ctx.is_cancelled,
            )

        return self.run_in_background(
            work, cancel_exceptions=(ImportCancelled,), busy_text=self.tr("Importing…")
        )

    def succeeded(self, report: Any) -> None:
        self.report = report
        self.show_report(report)
        if report.imported:
            self.imported.emit(report.imported)
        self.finished_report.emit(report)

    def show_report(self, report: Any) -> None:
        lines = [
            self.tr("Customers imported: %1. Possible duplicates: %2. Rows with errors: %3.")
            .replace("%1", str(report.imported))
            .replace("%2", str(len(report.duplicates)))
            .replace("%3", str(len(report.errors)))
        ]
        ignored = getattr(report, "ignored_columns", None)
        if ignored:
            lines.append(
                self.tr("Columns not recognised (ignored): %1").replace("%1", join_items(ignored))
            )
        self.status.setText("\n".join(lines))
        self.duplicates_box.setTitle(
            self.tr("Duplicates (imported anyway)")
            if getattr(report, "duplicates_imported", False)
            else self.tr("Duplicates (not imported)")
        )
        fill_table(
            self.duplicates,
            [self._duplicate_row(d) for d in report.duplicates],
            right_aligned=[0],
            alert_column=5,
        )
        fill_table(
            self.errors,
            [
                [str(e.row), e.message_en if self.lang.startswith("en") else e.message_zh]
                for e in report.errors
            ],
            right_aligned=[0],
        )

    def _duplicate_row(self, d: Any) -> list[str]:
        match = d.match_name
        match_row = getattr(d, "match_row", None)
        if match_row:  # the match is an earlier row of the same file
            match = (
                self.tr("%1 (row %2 of this file)")
                .replace("%1", match)
                .replace("%2", str(match_row))
            )
        return [
            str(d.row),
            d.name,
            match,
            d.match_owner or "",
            join_items(reason_text(r) for r in d.reasons),
            conflict_text() if d.other_owner else "",
        ]

    def failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("The import failed; nothing was imported."))
        if isinstance(error, UserFacingError):
            self.error.show_message(error.message(self.lang))
            application.show_error(error, self)
        else:
            raise error  # a bug: the application's excepthook logs and reports it

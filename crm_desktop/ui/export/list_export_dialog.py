"""Export a list view (customers, visits, opportunities) to .xlsx, off the GUI thread.

`ListExportDialog(context, kind, params)` works from any page: `kind` is a `ListKind`,
`params` the list's query as the page shows it (a `CustomerQuery`, `VisitListQuery` or
`OpportunityListQuery`). The export runs as a background task (ui/tasks.py) with a
progress bar and a Cancel button; a cancelled or failed export leaves no file behind
(the service writes a temporary file and renames it only when complete).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.exporting.list_export import (
    ExportCancelled,
    ListExportResult,
    ListKind,
    ListParams,
    default_file_name,
    export_list,
)
from crm_desktop.ui import messages
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.task_dialog import TaskDialog
from crm_desktop.ui.tasks import BackgroundTask, TaskContext
from crm_desktop.ui.widgets import ErrorLabel


def choose_save_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to save the .xlsx (the native dialog confirms an overwrite); None: cancel."""
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ListExportDialog", "Export to Excel"),
        str(suggested),
        QCoreApplication.translate("Messages", "Excel workbooks (*.xlsx)"),
    )
    return with_xlsx_suffix(Path(name)) if name else None


def with_xlsx_suffix(path: Path) -> Path:
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


class ListExportDialog(TaskDialog):
    """Emits `exported(ListExportResult)` when a file was written, then `export_ended`
    after every run (written, cancelled or failed)."""

    exported = Signal(object)
    export_ended = Signal()

    def __init__(
        self,
        context: PageContext,
        kind: ListKind,
        params: ListParams,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Cancel export"), parent)
        self.context = context
        self.kind = kind
        self.params = params
        self.lang = context.lang
        self.export_result: ListExportResult | None = None
        self._confirmed: Path | None = None  # a path the save dialog already confirmed
        self.setWindowTitle(self._title())
        self.what = QLabel(self._description())
        self.what.setWordWrap(True)
        self.path_edit = QLineEdit(
            str(
                default_folder()
                / default_file_name(kind, self.lang, context.services.clock.today())
            )
        )
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self.browse)
        self.start_button = QPushButton(self.tr("Export"))
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(self.start)
        self.status.setObjectName("exportStatus")
        self.error = ErrorLabel()
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        self.open_folder_button.setEnabled(False)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        self._build_layout()
        self.resize(640, self.sizeHint().height())

    def _title(self) -> str:
        if self.kind is ListKind.VISITS:
            return self.tr("Export visits to Excel")
        if self.kind is ListKind.OPPORTUNITIES:
            return self.tr("Export opportunities to Excel")
        return self.tr("Export customers to Excel")

    def _description(self) -> str:
        if self.kind is ListKind.CUSTOMERS:
            return self.tr(
                "Exports the customer list as shown: the current search, filters and sort."
            )
        return self.tr("Exports the list with its current filters, one row per record.")

    def _build_layout(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("File:")))
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        run_row = QHBoxLayout()
        run_row.addWidget(self.start_button)
        run_row.addWidget(self.progress, 1)
        run_row.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_folder_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addLayout(file_row)
        layout.addLayout(run_row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(bottom)

    # --- choosing the file -------------------------------------------------------------
    def target(self) -> Path | None:
        text = self.path_edit.text().strip()
        return with_xlsx_suffix(Path(text).expanduser()) if text else None

    def browse(self) -> Path | None:
        """Ask for the file with the save dialog; the chosen path fills the field."""
        suggested = self.target() or default_folder() / default_file_name(
            self.kind, self.lang, self.context.services.clock.today()
        )
        # Module attribute at call time, so tests can replace the native dialog.
        chosen = choose_save_path(self, suggested)
        if chosen is not None:
            self.path_edit.setText(str(chosen))
            self._confirmed = chosen
        return chosen

    def choose_and_start(self) -> BackgroundTask | None:
        """The page's Export… action: ask for the file, then export at once."""
        if self.browse() is None:
            return None
        return self.start()

    # --- running -----------------------------------------------------------------------
    def inputs(self) -> list[QWidget]:
        return [self.start_button, self.browse_button, self.path_edit]

    def cancelled_text(self) -> str:
        return self.tr("Export cancelled; no file was written.")

    def progress_text(self, done: int, total: int) -> str:
        return (
            self.tr("Exporting row %1 of %2…")
            .replace("%1", f"{done:,}")
            .replace("%2", f"{total:,}")
        )

    def start(self) -> BackgroundTask | None:
        """Start the export to the chosen file; None if there is nothing to start."""
        self.error.clear_message()
        path = self.target()
        if path is None:
            self.error.show_message(self.tr("Choose where to save the file first."))
            return None
        if path.is_dir():
            self.error.show_message(self.tr("That is a folder; enter a file name."))
            return None
        if (
            path.exists()
            and path != self._confirmed
            and not messages.confirm(
                self,
                self.tr("Replace file"),
                self.tr("%1 already exists. Replace it?").replace("%1", path.name),
            )
        ):
            return None
        self.path_edit.setText(str(path))
        store, kind, params, lang = self.context.services.store, self.kind, self.params, self.lang

        def work(ctx: TaskContext) -> ListExportResult:
            # Runs on the task thread: only the service call, which returns plain data.
            return export_list(
                store,
                kind,
                params,
                path,
                lang=lang,
                progress=ctx.progress,
                cancel=ctx.is_cancelled,
            )

        self.export_result = None
        self.open_folder_button.setEnabled(False)
        return self.run_in_background(
            work, cancel_exceptions=(ExportCancelled,), busy_text=self.tr("Exporting…")
        )

    def succeeded(self, result: ListExportResult) -> None:
        self.export_result = result
        self.status.setText(
            self.tr("Exported %1 rows to %2.")
            .replace("%1", f"{result.rows:,}")
            .replace("%2", str(result.path))
        )
        self.open_folder_button.setEnabled(True)
        self.exported.emit(result)

    def failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("The export failed; no file was written."))
        if isinstance(error, UserFacingError):
            self.error.show_message(error.message(self.lang))
        else:
            raise error  # a bug: the application's excepthook logs and reports it

    def job_ended(self) -> None:
        self.export_ended.emit()

    def open_folder(self) -> None:
        if self.export_result is not None:
            messages.open_folder(self.export_result.path.parent)

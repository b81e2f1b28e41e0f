"""导入财务余额 Import finance balances: the finance system's open items from an .xlsx
as of a cut-off day (services/receivables/finance_import.py). A file with bad rows imports
nothing; the rows and what is wrong with each are listed so the file can be fixed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.money import format_fen
from crm_desktop.services.receivables.finance_import import (
    FinanceImportReport,
    import_finance_balances,
)
from crm_desktop.ui.activity.form import date_edit, from_qdate
from crm_desktop.ui.operations import RECEIVABLES, report_error
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.tasks import BackgroundTask
from crm_desktop.ui.widgets import ErrorLabel, dialog_buttons


class FinanceImportDialog(QDialog):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.lang
        self.report: FinanceImportReport | None = None
        self.task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("Import finance balances"))
        self.setMinimumWidth(620)
        intro = QLabel(
            self.tr(
                "An .xlsx of the open items from the finance system: customer name (or tax "
                "id), document date, open amount, and optionally the document number and due "
                "date. They replace the ledger of each customer in the file up to the "
                "cut-off date. A file with any bad row imports nothing."
            )
        )
        intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("Choose the .xlsx file"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.as_of = date_edit(context.services.clock.today())
        form = QFormLayout()
        form.addRow(self.tr("File *"), file_row)
        form.addRow(self.tr("Cut-off date *"), self.as_of)
        self.error = ErrorLabel()
        self.outcome = QPlainTextEdit()
        self.outcome.setReadOnly(True)
        self.outcome.setVisible(False)
        self.buttons, self.import_button = dialog_buttons(
            self, QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Close,
            self.start,
        )  # fmt: skip
        self.import_button.setText(self.tr("Import"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.outcome, 1)
        layout.addWidget(self.buttons)

    def browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Finance balances"), "", self.tr("Excel files (*.xlsx)")
        )
        if name:
            self.path.setText(name)

    def start(self) -> bool:
        """Run the import on the writer lane; the result shows in the dialog."""
        if self.task is not None and self.task.running:
            return False
        text = self.path.text().strip()
        if not text:
            self.error.show_message(self.tr("Choose the .xlsx file to import."))
            return False
        self.error.clear_message()
        services, path = self.context.services, Path(text)
        as_of = from_qdate(self.as_of.date())
        self.import_button.setEnabled(False)

        def run() -> FinanceImportReport:
            return import_finance_balances(services.store, services.user, path, as_of)

        def failed(error: BaseException) -> None:
            self.import_button.setEnabled(True)
            if isinstance(error, UserFacingError):
                self.error.show_message(error.message(self.lang))
            else:
                report_error(error, self)

        self.task = self.context.operations.write(
            run, RECEIVABLES, parent=self, success=self.show_report, failure=failed
        )
        return True

    def show_report(self, report: FinanceImportReport) -> None:
        self.import_button.setEnabled(True)
        self.report = report
        english = self.lang.startswith("en")
        if report.ok:
            text = (
                self.tr("Imported %1 open items of %2 customers, %3 in all, as of %4.")
                .replace("%1", str(report.imported))
                .replace("%2", str(report.customers))
                .replace("%3", format_fen(report.total_fen))
                .replace("%4", report.as_of.isoformat())
            )
        else:
            lines = [self.tr("Nothing was imported. Fix these rows and import the file again:")]
            for problem in report.errors:
                message = problem.message_en if english else problem.message_zh
                lines.append(
                    self.tr("Row %1: %2").replace("%1", str(problem.row)).replace("%2", message)
                )
            text = "\n".join(lines)
        self.outcome.setPlainText(text)
        self.outcome.setVisible(True)

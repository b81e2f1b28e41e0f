"""The 打印 / Print button of the Plans and Review pages: a menu of print jobs (the day's
forms, the week's), each to Qt's print preview (and from there to a printer) or to a PDF.

The forms are read on the read lane (ui/operations.py); the document is built and drawn
on the GUI thread, as Qt's text layout wants. A job with nothing to print says so in the
service's words (bilingual) and nothing else happens."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMenu, QPushButton, QWidget

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.printing.forms import FormBundle
from crm_desktop.ui import application
from crm_desktop.ui.operations import Operations, report_error
from crm_desktop.ui.printing.form_output import preview_dialog, write_forms_pdf


def bi(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


@dataclass(frozen=True)
class PrintJob:
    """One entry of the menu: its label and how to read its forms (off the GUI thread)."""

    label: str
    read: Callable[[], FormBundle]


class PrintButton(QPushButton):
    """打印 ▾ with, for each job, "preview and print…" and "export PDF…".

    `jobs()` is asked each time the menu opens, so the jobs follow the page's selection;
    `preview_opened(dialog)` and `exported(path)` say what was done (for the tests)."""

    preview_opened = Signal(object)
    exported = Signal(object)

    def __init__(
        self,
        lang: str,
        jobs: Callable[[], list[PrintJob]],
        operations: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(bi(lang, "打印", "Print"), parent)
        self.setObjectName("printButton")
        self.lang = lang
        self.jobs = jobs
        self.operations = operations
        self.dialog: QPrintPreviewDialog | None = None
        self.job_menu = QMenu(self)
        self.job_menu.aboutToShow.connect(self._fill)
        self.setMenu(self.job_menu)
        self.setToolTip(bi(lang, "打印或导出 PDF：每日拜访计划表、每日销售报告表",
                           "Print or export as PDF: the daily plan and report forms"))  # fmt: skip

    def _fill(self) -> None:
        self.job_menu.clear()
        jobs = self.jobs()
        for job in jobs:
            self.job_menu.addAction(bi(self.lang, f"打印预览：{job.label}…",
                                   f"Print preview: {job.label}…"),
                                partial(self.preview, job))  # fmt: skip
        self.job_menu.addSeparator()
        for job in jobs:
            self.job_menu.addAction(bi(self.lang, f"导出 PDF：{job.label}…",
                                   f"Export PDF: {job.label}…"),
                                partial(self.ask_pdf, job))  # fmt: skip

    # --- the jobs --------------------------------------------------------------------------
    def preview(self, job: PrintJob) -> None:
        """Read the job's forms, then open the print preview (window-modal, not blocking)."""
        self._read(job, self._show_preview)

    def ask_pdf(self, job: PrintJob) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            bi(self.lang, "导出 PDF", "Export PDF"),
            str(Path.home() / f"{job.label}.pdf"),
            "PDF (*.pdf)",
        )
        if chosen:
            path = Path(chosen)
            self.export_to(job, path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf"))

    def export_to(self, job: PrintJob, path: Path) -> None:
        self._read(job, lambda bundle: self._write(bundle, path))

    def _read(self, job: PrintJob, then: Callable[[FormBundle], None]) -> None:
        self.setEnabled(False)

        def done(bundle: FormBundle) -> None:
            self.setEnabled(True)
            then(bundle)

        self.operations.read(job.read, parent=self, success=done, failure=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(error, UserFacingError):
            application.show_error(error, self)
        else:
            report_error(error, self)

    def _show_preview(self, bundle: FormBundle) -> None:
        dialog = preview_dialog(bundle, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resize(self._preview_size())
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        self.preview_opened.emit(dialog)

    def _preview_size(self) -> QSize:
        window = self.window()
        size = window.size()
        size.setWidth(max(640, int(size.width() * 0.9)))
        size.setHeight(max(480, int(size.height() * 0.9)))
        return size

    def _write(self, bundle: FormBundle, path: Path) -> None:
        try:
            write_forms_pdf(bundle, path)
        except UserFacingError as error:
            application.show_error(error, self)
            return
        self.exported.emit(path)

"""The plan and report forms of a print job to PDF and to the printer (with Qt's print
preview): the document is built once from the forms (forms_html.py) and handed to
either. A4 landscape: the report's visit table has eleven columns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from crm_desktop.services.printing.forms import FormBundle
from crm_desktop.ui.printing.forms_html import forms_html
from crm_desktop.ui.printing.html_document import document, lay_out, set_page, write_pdf

LANDSCAPE = True


def forms_document(bundle: FormBundle) -> QTextDocument:
    return document(forms_html(bundle.forms))


def write_forms_pdf(bundle: FormBundle, path: Path) -> Path:
    """The job as one PDF, each form from a new page; needs a QGuiApplication."""
    return write_pdf(forms_document(bundle), path, bundle.title, landscape=LANDSCAPE)


def print_document(doc: QTextDocument, printer: QPrinter) -> None:
    """Lay the document out on the printer's page and print it (the preview's paint
    request, and a real printer)."""
    lay_out(doc, printer)
    doc.print_(printer)


def preview_dialog(bundle: FormBundle, parent: QWidget | None = None) -> QPrintPreviewDialog:
    """Qt's print preview of the job, set to A4 landscape; the caller shows it (exec)."""
    doc = forms_document(bundle)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_page(printer, LANDSCAPE)
    printer.setDocName(bundle.title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(bundle.title)
    dialog.paintRequested.connect(lambda target: print_document(doc, target))
    # Kept alive with the dialog, which paints from it at each repaint.
    dialog.document = doc  # type: ignore[attr-defined]
    dialog.printer_ = printer  # type: ignore[attr-defined]
    return dialog

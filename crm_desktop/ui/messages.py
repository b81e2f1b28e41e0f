"""Blocking little dialogs (confirm, pick a file, open a folder) behind plain functions.

Everything that would block a test -- a modal QMessageBox, a native file picker, the
desktop's file manager -- goes through a function here, so tests monkeypatch the function
instead of driving a modal event loop. Callers use `messages.confirm(...)` (attribute
access at call time), never `from ... import confirm`, so the patch takes effect.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question; the safe answer (No) is the default button."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def choose_excel_file(parent: QWidget | None) -> Path | None:
    """Let the user pick an .xlsx file to import; None when they cancel."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Messages", "Choose an Excel file"),
        str(Path.home()),
        QCoreApplication.translate("Messages", "Excel workbooks (*.xlsx)"),
    )
    return Path(name) if name else None


def open_folder(path: Path) -> bool:
    """Show a folder in the desktop's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

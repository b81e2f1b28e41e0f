"""The duplicate warning before saving a customer: matches, their reasons, and 撞单.

撞单 (a matching customer already owned by another rep) is shown as a red banner and
flagged per row; the user may still save (the supervisor settles such conflicts).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.customers.customers import DuplicateMatch
from crm_desktop.ui.widgets import fill_table, join_items, read_only_table


def reason_text(reason: str) -> str:
    texts = {
        "name": QCoreApplication.translate("Duplicates", "same name"),
        "phone": QCoreApplication.translate("Duplicates", "same phone"),
        "tax_id": QCoreApplication.translate("Duplicates", "same tax ID"),
    }
    return texts.get(reason, reason)


def conflict_text() -> str:
    """The per-row 撞单 flag (another rep owns the match)."""
    return QCoreApplication.translate("Duplicates", "⚠ Conflict")


class DuplicateWarningDialog(QDialog):
    """Lists the matches; accept() means "save anyway"."""

    def __init__(self, matches: Sequence[DuplicateMatch], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Possible duplicate customer"))
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        self.conflict_banner = QLabel(
            self.tr(
                "Conflict: a matching customer already belongs to another sales rep. Saving "
                "anyway creates a second card; your supervisor will see both."
            )
        )
        self.conflict_banner.setObjectName("conflictBanner")
        self.conflict_banner.setWordWrap(True)
        self.conflict_banner.setVisible(any(m.other_owner for m in matches))
        layout.addWidget(self.conflict_banner)
        intro = QLabel(self.tr("These existing customers look like the one you are saving:"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = read_only_table(
            [self.tr("Customer"), self.tr("Owner"), self.tr("Matches on"), self.tr("Conflict")]
        )
        fill_table(
            self.table,
            [
                [
                    m.name,
                    m.owner_name or "",
                    join_items(reason_text(r) for r in m.reasons),
                    conflict_text() if m.other_owner else "",
                ]
                for m in matches
            ],
            alert_column=3,
        )
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("Save anyway"))
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button.setDefault(True)  # the safe choice is the default
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def confirm_duplicates(parent: QWidget | None, matches: Sequence[DuplicateMatch]) -> bool:
    """Ask whether to save despite the matches (modal). Tests monkeypatch this function."""
    dialog = DuplicateWarningDialog(matches, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted

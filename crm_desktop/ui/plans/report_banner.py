"""The report's status line and the supervisor's comment above the editor.

Only a report that is returned (退回) shows the comment as the red banner: it asks for
changes. A signed report's comment is an approval note, shown neutrally; and once a
returned report is resubmitted the old return comment goes away (it was answered).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from crm_desktop.domain.picklists import ReportStatus
from crm_desktop.services.day.daily_reports import ReportView

# Neutral: the page's own greys, a quiet border; no red, nothing to fix.
_NOTE_STYLE = (
    "QLabel { background: #f4f6f8; color: #1f2a37; border: 1px solid #d5dbe1;"
    " border-radius: 4px; padding: 6px 10px; }"
)


class ReportBanner(QWidget):
    """Status text, and the comment styled by what it means (return or approval)."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.status_label = QLabel()
        self.status_label.setObjectName("cardSubtitle")
        self.status_label.setWordWrap(True)
        self.comment_label = QLabel()
        self.comment_label.setWordWrap(True)
        self.comment_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comment_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.status_label)
        layout.addWidget(self.comment_label)

    @property
    def rejection_shown(self) -> bool:
        return (
            self.comment_label.objectName() == "conflictBanner"
            and not self.comment_label.isHidden()
        )

    def show_view(self, view: ReportView, late: bool) -> None:
        status = ReportStatus(view.status)
        text = self.tr("Report status: %1").replace("%1", status.label(self.lang))
        if view.draft.id is None:
            text = self.tr("New report, filled in from the day's plan; not saved yet.")
        if late:
            text += self.tr(" · late")
        if status is ReportStatus.SIGNED:
            text = (
                self.tr("Signed by %1: read-only.").replace("%1", view.signed_by_name)
                if view.signed_by_name
                else self.tr("Signed: read-only.")
            )
        self.status_label.setText(text)
        comment = view.review_comment or ""
        label = self.comment_label
        if comment and status is ReportStatus.RETURNED:
            label.setObjectName("conflictBanner")
            label.setStyleSheet("")
            label.setText(self.tr("Returned by your supervisor: %1").replace("%1", comment))
        elif comment and status is ReportStatus.SIGNED:
            label.setObjectName("approvalNote")
            label.setStyleSheet(_NOTE_STYLE)
            label.setText(self.tr("Supervisor's comment: %1").replace("%1", comment))
        else:
            # Draft, or resubmitted after a return: the return comment was answered.
            label.setText("")
        label.style().unpolish(label)
        label.style().polish(label)
        label.setVisible(bool(label.text()))

"""日历 / Calendar: the user's visit plans and follow-ups in their own calendar app.

Two ways, one set of events (`domain/calendar_events.py`): an .ics file written here,
offline (`services.day.calendar.export_calendar`, the same as `crm-desktop
export-calendar`), for a one-off import; or the server's subscription address, which
Outlook, 钉钉 and phone calendars fetch by themselves. The address needs the network:
asking for it (or resetting it) runs on the sync lane, and without a connection the
dialog says so and keeps showing the address it last got.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.day.calendar import (
    CalendarExport,
    CalendarSubscription,
    export_calendar,
    export_window,
)
from crm_desktop.services.org import OrgTree
from crm_desktop.ui import messages
from crm_desktop.ui.pages.base import PageContext
from crm_desktop.ui.tasks import Lane, run_task
from crm_desktop.ui.widgets import ErrorLabel


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class CalendarDialog(QDialog):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.lang
        services = context.services
        self.subscription = CalendarSubscription(services.store)
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Calendar"))

        # --- the file -------------------------------------------------------------
        actor = services.actor
        self.person = QComboBox()
        self.person.addItem(self.tr("Me"), None)
        if actor.role is not Role.REP:
            for person in OrgTree.load(services.store).below(actor.user_id):
                self.person.addItem(person.display_name, person.username)
        window = export_window(services.clock.today())
        self.first = QDateEdit(_qdate(window.first))
        self.last = QDateEdit(_qdate(window.last))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.export_button = QPushButton(self.tr("Export .ics…"))
        self.export_button.clicked.connect(self.choose_file)
        self.open_button = QPushButton(self.tr("Open folder"))
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self.open_folder)
        self.file_status = QLabel()
        self.file_status.setWordWrap(True)
        self.file_error = ErrorLabel()

        # --- the subscription -----------------------------------------------------
        self.url_edit = QLineEdit()
        self.url_edit.setReadOnly(True)
        self.url_edit.setObjectName("calendarUrl")
        self.url_edit.setPlaceholderText(self.tr("No address yet: get one from the server"))
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy_url)
        self.link_button = QPushButton()
        self.link_button.clicked.connect(self.ask_for_link)
        self.link_status = QLabel()
        self.link_status.setWordWrap(True)
        self.link_error = ErrorLabel()
        self._build_layout()
        self._show_url(self.subscription.known_url())
        # As tall as its contents: a fixed height squeezed the form when the hints wrap
        # to three lines (English).
        self.resize(640, max(self.sizeHint().height(), self.minimumSizeHint().height()))

    def _build_layout(self) -> None:
        span = QHBoxLayout()
        span.addWidget(self.first)
        span.addWidget(QLabel("–"))
        span.addWidget(self.last)
        span.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Whose"), self.person)
        form.addRow(self.tr("Days"), span)
        file_row = QHBoxLayout()
        file_row.addWidget(self.export_button)
        file_row.addWidget(self.open_button)
        file_row.addStretch(1)
        file_box = QGroupBox(self.tr("Export a calendar file"))
        file_layout = QVBoxLayout(file_box)
        file_hint = QLabel(
            self.tr(
                "Visit plans and follow-ups as an .ics file, for a one-off import into "
                "Outlook or another calendar. Works offline."
            )
        )
        file_hint.setWordWrap(True)
        file_layout.addWidget(file_hint)
        file_layout.addLayout(form)
        file_layout.addLayout(file_row)
        file_layout.addWidget(self.file_status)
        file_layout.addWidget(self.file_error)

        link_box = QGroupBox(self.tr("Subscribe"))
        link_layout = QVBoxLayout(link_box)
        link_hint = QLabel(
            self.tr(
                "Outlook, DingTalk and phone calendars can subscribe to this address and "
                "keep your plans up to date by themselves. Keep it private: anyone who has "
                "it sees your plans. Reset it if it got out; the old address stops working."
            )
        )
        link_hint.setWordWrap(True)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_edit, 1)
        url_row.addWidget(self.copy_button)
        url_row.addWidget(self.link_button)
        link_layout.addWidget(link_hint)
        link_layout.addLayout(url_row)
        link_layout.addWidget(self.link_status)
        link_layout.addWidget(self.link_error)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(file_box)
        layout.addWidget(link_box)
        layout.addStretch(1)
        layout.addWidget(close)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)

    # --- the file -----------------------------------------------------------------
    def choose_file(self) -> None:
        suggested = self.written or Path.home() / "CRM日历.ics"
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the calendar"), str(suggested), self.tr("Calendars (*.ics)")
        )
        if name:
            self.export_to(Path(name if name.lower().endswith(".ics") else name + ".ics"))

    def export_to(self, path: Path) -> None:
        """Write the file off the GUI thread; the dialog keeps the choices."""
        self.file_error.clear_message()
        self.open_button.setVisible(False)
        store, actor, lang = self.context.services.store, self.context.services.actor, self.lang
        rep, first, last = (
            self.person.currentData(),
            _day(self.first.date()),
            _day(self.last.date()),
        )
        self.export_button.setEnabled(False)
        self.file_status.setText(self.tr("Exporting…"))

        def work() -> CalendarExport:
            return export_calendar(store, actor, path, rep=rep, first=first, last=last, lang=lang)

        self.context.operations.read(
            work, parent=self, success=self._exported, failure=self._export_failed
        )

    def _exported(self, done: CalendarExport) -> None:
        self.export_button.setEnabled(True)
        self.written = done.path
        self.file_status.setText(
            self.tr("Saved %1 events to %2")
            .replace("%1", str(done.events))
            .replace("%2", str(done.path))
        )
        self.open_button.setVisible(True)

    def _export_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.file_status.setText("")
        if not isinstance(error, UserFacingError):
            raise error  # a bug: the application's excepthook logs and reports it
        self.file_error.show_message(error.message(self.lang))

    def open_folder(self) -> None:
        if self.written is not None:
            messages.open_folder(self.written.parent)

    # --- the subscription ---------------------------------------------------------
    def _show_url(self, url: str | None) -> None:
        self.url_edit.setText(url or "")
        self.url_edit.setCursorPosition(0)  # the server's name first, not the token's end
        self.copy_button.setEnabled(bool(url))
        self.link_button.setText(self.tr("Reset address") if url else self.tr("Get address"))

    def copy_url(self) -> None:
        QGuiApplication.clipboard().setText(self.url_edit.text())
        self.link_status.setText(self.tr("Copied. Paste it into your calendar app."))

    def ask_for_link(self) -> None:
        if self.url_edit.text() and not messages.confirm(
            self,
            self.tr("Reset address"),
            self.tr(
                "Make a new address? Calendars subscribed to the old one stop updating "
                "until you subscribe them again."
            ),
        ):
            return
        self.link_error.clear_message()
        self.link_button.setEnabled(False)
        self.link_status.setText(self.tr("Asking the server…"))
        subscription = self.subscription
        # Network: on the sync lane, never on the GUI thread or in front of a page load.
        task = run_task(lambda _ctx: subscription.new_url(), parent=self, lane=Lane.SYNC)
        task.succeeded.connect(self._got_link)
        task.failed.connect(self._link_failed)

    def _got_link(self, url: Any) -> None:
        self.link_button.setEnabled(True)
        self._show_url(str(url))
        self.link_status.setText(self.tr("New address ready. Copy it into your calendar app."))

    def _link_failed(self, error: BaseException) -> None:
        self.link_button.setEnabled(True)
        self.link_status.setText("")
        if not isinstance(error, UserFacingError):
            raise error
        self.link_error.show_message(error.message(self.lang))

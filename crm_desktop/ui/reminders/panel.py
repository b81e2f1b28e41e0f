"""The in-app reminders: a bell in the status bar with the count, and the list it opens
over the bottom right of the window -- each reminder with what it is and when it is due;
a click opens what it points at, 忽略 takes it off the list.

Texts are written in Chinese and English side by side and chosen by the interface
language, as the reminders' own titles are (domain/reminders.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.reminders import Reminder, ReminderKind, ReminderPreferences

PANEL_WIDTH = 470
MAX_ROWS = 100  # more than this is a backlog, not a reminder; the count still says all
_KIND_WORDS = {
    ReminderKind.PLAN: ("拜访计划", "Visit plan"),
    ReminderKind.REPORT: ("日报", "Daily report"),
    ReminderKind.APPOINTMENT: ("预约确认", "Appointment"),
    ReminderKind.FOLLOW_UP: ("待办", "Follow-up"),
    ReminderKind.REVIEW: ("待审阅", "To review"),
    ReminderKind.MISSING: ("未交日报", "Report missing"),
}
STYLE = """
QFrame#reminderPanel { background: #ffffff; border: 1px solid #c5ccd6; border-radius: 6px; }
QLabel#reminderHeading { font-weight: bold; color: #1f2a37; }
QFrame#reminderRow { border-bottom: 1px solid #eef1f4; }
QFrame#reminderRow:hover { background: #f3f7fc; }
QLabel#reminderTitle { color: #1f2a37; }
QLabel#reminderTitle[overdue="yes"] { color: #b3261e; }
QLabel#reminderMeta, QLabel#reminderNote { color: #5f6b7a; }
"""


def t(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


class ReminderBell(QToolButton):
    """The status bar's button: 提醒 N; red while something is overdue."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("statusReminders")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAutoRaise(True)
        self.setToolTip(t(lang, "打开提醒列表", "Open the reminders"))
        self.show_reminders([])

    def show_reminders(self, reminders: list[Reminder]) -> None:
        count = len(reminders)
        self.setText(t(self.lang, f"提醒 {count}", f"Reminders {count}"))
        overdue = any(r.overdue for r in reminders)
        colour = "#b3261e" if overdue else ("#1f5fa8" if count else "#5f6b7a")
        weight = "bold" if count else "normal"
        self.setStyleSheet(f"QToolButton {{ color: {colour}; font-weight: {weight}; }}")


class ReminderRow(QFrame):
    """One reminder: its title, what it is and when; click to open it."""

    clicked = Signal(object)  # the Reminder
    dismissed = Signal(object)  # the Reminder

    def __init__(self, reminder: Reminder, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reminder = reminder
        self.setObjectName("reminderRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel(reminder.title(lang))
        self.title.setObjectName("reminderTitle")
        self.title.setProperty("overdue", "yes" if reminder.overdue else "no")
        self.title.setWordWrap(True)
        self.meta = QLabel(meta_text(reminder, lang))
        self.meta.setObjectName("reminderMeta")
        self.dismiss_button = QPushButton(t(lang, "忽略", "Dismiss"))
        self.dismiss_button.setToolTip(
            t(lang, "从列表中移除这条提醒", "Take this reminder off the list")
        )
        self.dismiss_button.clicked.connect(lambda: self.dismissed.emit(self.reminder))
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.title)
        text.addWidget(self.meta)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 8, 6)
        row.addLayout(text, 1)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.reminder)
        super().mouseReleaseEvent(event)


def meta_text(reminder: Reminder, lang: str) -> str:
    """ "日报 · 20:00 截止" / "Follow-up · overdue": what the reminder is, and when."""
    zh, en = _KIND_WORDS[reminder.kind]
    parts = [t(lang, zh, en)]
    if reminder.due_at is not None and reminder.kind == ReminderKind.REPORT:
        hour = reminder.due_at.strftime("%H:%M")
        parts.append(t(lang, f"{hour} 截止", f"due {hour}"))
    return " · ".join(parts)


class ReminderPanel(QFrame):
    """The list over the window's bottom right (a child of the window, not a pop-up
    window: it never takes the focus away from what the user types elsewhere)."""

    opened = Signal(object)  # a Reminder was clicked
    dismissed = Signal(object)  # list[str]: keys taken off the list
    settings_requested = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("reminderPanel")
        self.setStyleSheet(STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.rows: list[ReminderRow] = []
        self.heading = QLabel()
        self.heading.setObjectName("reminderHeading")
        self.settings_button = QPushButton(t(lang, "提醒设置…", "Reminder settings…"))
        self.settings_button.clicked.connect(self.settings_requested)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(t(lang, "关闭", "Close"))
        self.close_button.clicked.connect(self.hide)
        header = QHBoxLayout()
        header.addWidget(self.heading, 1)
        header.addWidget(self.settings_button)
        header.addWidget(self.close_button)
        self.empty = QLabel(t(lang, "没有需要处理的提醒。", "Nothing to be reminded of."))
        self.empty.setObjectName("reminderNote")
        self.list_widget = QWidget()
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(0)
        self.list_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.list_widget)
        self.note = QLabel()
        self.note.setObjectName("reminderNote")
        self.note.setWordWrap(True)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(header)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.note)
        self.hide()

    def show_reminders(self, reminders: list[Reminder]) -> None:
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for reminder in reminders[:MAX_ROWS]:
            row = ReminderRow(reminder, self.lang)
            row.clicked.connect(self.opened)
            row.dismissed.connect(lambda r: self.dismissed.emit([r.key]))
            self.list_layout.insertWidget(self.list_layout.count() - 1, row)
            self.rows.append(row)
        count = len(reminders)
        self.heading.setText(t(self.lang, f"提醒（{count}）", f"Reminders ({count})"))
        self.empty.setVisible(not reminders)
        self.scroll_area.setVisible(bool(reminders))
        if self.isVisible():
            self.place()

    def show_note(self, prefs: ReminderPreferences, tray: bool) -> None:
        """Why a reminder did or did not pop up: quiet hours, or no tray on this desktop."""
        parts = []
        if prefs.quiet is not None:
            start, end = (x.strftime("%H:%M") for x in prefs.quiet)
            parts.append(
                t(self.lang, f"免打扰 {start}–{end}：不弹出通知，提醒仍列在这里。",
                  f"Quiet hours {start}–{end}: nothing pops up; reminders still list here.")
            )  # fmt: skip
        if not tray:
            parts.append(
                t(self.lang, "这台电脑没有系统托盘：提醒只在这里显示。",
                  "This desktop has no system tray: reminders show only here.")
            )  # fmt: skip
        self.note.setText("\n".join(parts))
        self.note.setVisible(bool(parts))

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self.open()

    def open(self) -> None:
        self.place()
        self.show()
        self.raise_()
        self.setFocus()

    def place(self) -> None:
        """Bottom right of the window, above the status bar; as tall as the rows need,
        up to three quarters of the window."""
        window = self.parentWidget()
        if window is None:
            return
        bar = window.statusBar() if hasattr(window, "statusBar") else None
        bottom = window.height() - (bar.height() if bar is not None else 0) - 6
        width = min(PANEL_WIDTH, window.width() - 24)
        self.setFixedWidth(width)
        rows = sum(row.sizeHint().height() for row in self.rows[:12])
        chrome = self._layout.sizeHint().height() - self.scroll_area.sizeHint().height()
        wanted = chrome + (rows if self.rows else 0) + 8
        height = max(140, min(wanted, int(window.height() * 0.75)))
        self.setFixedHeight(height)
        self.move(window.width() - width - 12, bottom - height)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

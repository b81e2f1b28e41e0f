"""Settings 设置, the reminders group (issue 17): each kind of reminder on or off, the hour
tomorrow's plan is asked for, and quiet hours in which nothing pops up (the status bar's
list still shows every reminder). The supervisors' kinds are offered to reviewers only.

These are this laptop's choices, in its settings file (services/reminders.ReminderMemory),
not synced. Texts side by side in Chinese and English, like the reminders themselves.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
)

from crm_desktop.domain.reminders import (
    DEFAULT_QUIET,
    KIND_LABELS,
    REVIEWER_KINDS,
    ReminderKind,
    ReminderPreferences,
)
from crm_desktop.services.reminders import ReminderMemory
from crm_desktop.ui.reminders.panel import t
from crm_desktop.ui.settings.form import SectionBase, group_form

HALF_HOURS = [dt.time(h, m) for h in range(24) for m in (0, 30)]


class ReminderSection(SectionBase):
    """The reminders group and its load and save (mixed into SettingsPage)."""

    scroll_area: QScrollArea  # SettingsPage's
    _reminder_prefs: ReminderPreferences

    def _reminders_group(self) -> QGroupBox:
        lang = self.context.lang
        reviewer = self.context.services.actor.can_review
        self.reminder_kinds: dict[ReminderKind, QCheckBox] = {}
        kinds = QGridLayout()
        kinds.setContentsMargins(0, 0, 0, 0)
        shown = [k for k in KIND_LABELS if reviewer or k not in REVIEWER_KINDS]
        for index, kind in enumerate(shown):
            zh, en = KIND_LABELS[kind]
            box = QCheckBox(t(lang, zh, en))
            box.setObjectName(f"reminder_{kind.value}")
            self.reminder_kinds[kind] = box
            kinds.addWidget(box, index // 2, index % 2)
        self.plan_hour = QComboBox()
        for hour in range(24):
            self.plan_hour.addItem(f"{hour:02d}:00", hour)
        plan_row = QHBoxLayout()
        plan_row.addWidget(self.plan_hour)
        onwards = t(
            lang,
            "起提醒做下一个工作日的计划（周五提醒下周一的）",
            "onwards, ask for the next workday's plan (on Friday: Monday's)",
        )
        plan_row.addWidget(QLabel(onwards))
        plan_row.addStretch(1)
        self.quiet_on = QCheckBox(t(lang, "免打扰", "Quiet hours"))
        self.quiet_start = QComboBox()
        self.quiet_end = QComboBox()
        for combo in (self.quiet_start, self.quiet_end):
            for time in HALF_HOURS:
                combo.addItem(time.strftime("%H:%M"), time)
        self.quiet_on.toggled.connect(self.quiet_start.setEnabled)
        self.quiet_on.toggled.connect(self.quiet_end.setEnabled)
        quiet_row = QHBoxLayout()
        quiet_row.addWidget(self.quiet_on)
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(QLabel(t(lang, "至", "to")))
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)
        hint = QLabel(
            t(lang,
              "提醒显示在状态栏的「提醒」里；新的提醒还会在系统托盘弹出通知（免打扰时段除外）。",
              "Reminders show under Reminders in the status bar; new ones also pop up from "
              "the system tray, except in quiet hours.")
        )  # fmt: skip
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        group = QGroupBox(t(lang, "提醒", "Reminders"))
        group.setObjectName("remindersGroup")
        form = group_form(group)
        form.addRow(kinds)
        form.addRow(t(lang, "计划提醒", "Plan reminder"), plan_row)
        form.addRow(t(lang, "弹出通知", "Pop-ups"), quiet_row)
        form.addRow(hint)
        self.reminders_group = group
        return group

    def _load_reminders(self) -> None:
        prefs = ReminderMemory(self.context.settings).preferences()
        self._reminder_prefs = prefs
        for kind, box in self.reminder_kinds.items():
            box.setChecked(kind in prefs.enabled)
        self.plan_hour.setCurrentIndex(self.plan_hour.findData(prefs.plan_hour))
        start, end = prefs.quiet or DEFAULT_QUIET
        self.quiet_on.setChecked(prefs.quiet is not None)
        for combo, time in ((self.quiet_start, start), (self.quiet_end, end)):
            index = combo.findData(time)
            if index < 0:  # a time typed by hand into the file: listed as it is
                combo.addItem(time.strftime("%H:%M"), time)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
        self.quiet_start.setEnabled(prefs.quiet is not None)
        self.quiet_end.setEnabled(prefs.quiet is not None)

    def reminder_preferences(self) -> ReminderPreferences:
        """What the group shows; kinds it does not offer keep their stored state."""
        stored = self._reminder_prefs
        enabled = {k for k in stored.enabled if k not in self.reminder_kinds}
        enabled |= {k for k, box in self.reminder_kinds.items() if box.isChecked()}
        quiet = None
        if self.quiet_on.isChecked():
            start, end = self.quiet_start.currentData(), self.quiet_end.currentData()
            quiet = (start, end) if start != end else None
        return ReminderPreferences(frozenset(enabled), int(self.plan_hour.currentData()), quiet)

    def _save_reminders(self) -> None:
        """Into the settings object; SettingsPage.save writes the file."""
        prefs = self.reminder_preferences()
        ReminderMemory(self.context.settings).set_preferences(prefs)
        self._reminder_prefs = prefs

    def _reminders_saved(self) -> None:
        """Tell the window's reminders (a page built alone in a test has none)."""
        reminders = getattr(self.window(), "reminders", None)
        if reminders is not None and hasattr(reminders, "preferences_changed"):
            reminders.preferences_changed()

    def show_reminder_settings(self) -> None:
        """Scroll the page to the reminders group (the list's "Reminder settings…")."""
        self.scroll_area.ensureWidgetVisible(self.reminders_group)

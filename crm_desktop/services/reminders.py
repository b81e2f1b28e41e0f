"""Reminders 提醒 (issue 17): the facts the rule (domain/reminders.py) needs, gathered in a
few queries, and the laptop's memory of which reminders already popped up or were
dismissed.

The facts come from the services that already own them, so a reminder never says what
the pages do not: today's report deadline is `domain.lateness.report_deadline` (the one
stored on the report, else the team's due hour in force), follow-ups are
`FollowUpService.list_open`, the waiting items are the Review queue
(`ReviewService.queue`) and the reps late with their report are the Team page's
"who has not submitted" (`TeamProgressService.submissions`, its `missing` flag) for the
last workday and today. Only the kinds the user left on are read.

The memory is two small maps in the laptop's settings file ({key: day first seen},
pruned after two weeks): reminders are about this laptop's user and screen, not synced
records, and no migration is needed. The settings file is written on the GUI thread
(docs/architecture.md), so `ReminderMemory` is only used there.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from sqlalchemy import select

from crm_desktop.config.settings import (
    REMINDER_PREFERENCES,
    REMINDERS_DISMISSED,
    REMINDERS_POPPED,
    Option,
    Settings,
)
from crm_desktop.domain.lateness import due_at, is_workday, report_deadline
from crm_desktop.domain.picklists import Role
from crm_desktop.domain.policy import DEFAULT_DUE_HOUR
from crm_desktop.domain.reminders import (
    FollowUpFact,
    MissingFact,
    Reminder,
    ReminderFacts,
    ReminderKind,
    ReminderPreferences,
    WaitingFact,
    due_reminders,
    plan_day_for,
    remember,
)
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.day.follow_ups import FollowUpService
from crm_desktop.services.review.review import ReviewService
from crm_desktop.services.team.team_progress import TeamProgressService
from crm_desktop.store.database import Store
from crm_desktop.store.models import DailyReport, VisitPlan


class ReminderService:
    """The current user's reminders at the clock's "now"."""

    def __init__(self, store: Store, user: CurrentUser, due_hour: int = DEFAULT_DUE_HOUR) -> None:
        self._store = store
        self._user = user
        self.due_hour = due_hour

    def due(self, prefs: ReminderPreferences) -> list[Reminder]:
        """Every reminder due now for the kinds `prefs` leaves on (dismissed ones too: the
        caller filters them with the memory)."""
        now = self._store.clock.local_now().replace(tzinfo=None)
        return due_reminders(now, prefs, self.facts(prefs))

    def facts(self, prefs: ReminderPreferences) -> ReminderFacts:
        clock = self._store.clock
        today = clock.today()
        actor = self._user.actor
        on = prefs.enabled
        writes_own_day = actor.role == Role.REP
        plan_day = plan_day_for(today)
        plan_status = report_status = None
        report_due = None
        if writes_own_day and on & {ReminderKind.PLAN, ReminderKind.REPORT}:
            plan_status, report_status, stored_due = self._own_day(plan_day, today)
            report_due = clock.to_local(report_deadline(today, stored_due, self.due_hour, clock))
        follow_ups: tuple[FollowUpFact, ...] = ()
        if on & {ReminderKind.APPOINTMENT, ReminderKind.FOLLOW_UP}:
            follow_ups = tuple(
                FollowUpFact(r.id, r.kind, r.title, r.due_on, r.customer_name, r.customer_id)
                for r in FollowUpService(self._store, self._user).list_open(until=today)
            )
        waiting: tuple[WaitingFact, ...] = ()
        missing: tuple[MissingFact, ...] = ()
        if actor.can_review and ReminderKind.REVIEW in on:
            queue = ReviewService(self._store, self._user, self.due_hour).queue()
            waiting = tuple(
                WaitingFact(i.kind, i.id, i.rep_name, i.day, i.version, i.late) for i in queue
            )
        if actor.can_review and ReminderKind.MISSING in on:
            missing = self._missing(today)
        return ReminderFacts(
            today=today,
            writes_own_day=writes_own_day,
            plan_day=plan_day,
            plan_status=plan_status,
            report_status=report_status,
            report_due=report_due,
            follow_ups=follow_ups,
            waiting=waiting,
            missing=missing,
        )

    def _own_day(
        self, plan_day: dt.date, today: dt.date
    ) -> tuple[str | None, str | None, dt.datetime | None]:
        """The status of the user's plan of `plan_day`, and of today's report with the
        deadline stored on it (None: no such plan / report)."""
        user_id = self._user.actor.user_id
        with self._store.reading() as s:
            plan_status = s.scalar(
                select(VisitPlan.status).where(
                    VisitPlan.owner_id == user_id,
                    VisitPlan.plan_date == plan_day,
                    VisitPlan.deleted.is_(False),
                )
            )
            report = s.execute(
                select(DailyReport.status, DailyReport.due_at).where(
                    DailyReport.owner_id == user_id,
                    DailyReport.report_date == today,
                    DailyReport.deleted.is_(False),
                )
            ).first()
        if report is None:
            return plan_status, None, None
        return plan_status, report.status, report.due_at

    def _missing(self, today: dt.date) -> tuple[MissingFact, ...]:
        """Reps below the user without a submitted report after its deadline, on the last
        workday before today (the morning after) and on today."""
        team = TeamProgressService(self._store, self._user, self.due_hour)
        clock = self._store.clock
        last_workday = today - dt.timedelta(days=1)
        while not is_workday(last_workday):
            last_workday -= dt.timedelta(days=1)
        found: list[MissingFact] = []
        days = [last_workday]
        # Before today's due hour nobody is late with today's report: not read (the
        # rep-by-rep read is most of a supervisor's evaluation). A deadline stored earlier
        # than the hour in force (the policy changed that day) is said from that hour on.
        if self._store.clock.utcnow() > due_at(today, self.due_hour, clock):
            days.append(today)
        for day in days:
            for row in team.submissions(day):
                if row.missing:
                    found.append(
                        MissingFact(row.rep_id, row.rep_name, day, clock.to_local(row.due_at))
                    )
        return tuple(found)


class ReminderMemory:
    """Which reminders popped up already and which the user dismissed, in the settings
    file. GUI thread only (the settings object is not shared with the task threads)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def preferences(self) -> ReminderPreferences:
        return ReminderPreferences.from_settings(self._settings.get(REMINDER_PREFERENCES))

    def set_preferences(self, prefs: ReminderPreferences) -> None:
        """Kept in memory; the Settings page's Save writes the file."""
        self._settings.set(REMINDER_PREFERENCES, prefs.to_settings())

    def popped(self) -> set[str]:
        return set(self._settings.get(REMINDERS_POPPED))

    def dismissed(self) -> set[str]:
        return set(self._settings.get(REMINDERS_DISMISSED))

    def mark_popped(self, keys: list[str], today: dt.date) -> None:
        self._add(REMINDERS_POPPED, keys, today)

    def dismiss(self, keys: list[str], today: dt.date) -> None:
        self._add(REMINDERS_DISMISSED, keys, today)

    def _add(self, option: Option, keys: list[str], today: dt.date) -> None:
        self._settings.set(option, remember(self._settings.get(option), keys, today))
        with contextlib.suppress(OSError):  # a lost write costs a second pop-up, not a dialog
            self._settings.save()

"""Reminders 提醒 on the laptop (issue 17): what is due now, and whether to pop it up.

One pure rule, fed by the service (services/reminders.py) with a snapshot of facts and the
user's preferences, and by the clock's wall-clock time in the laptop's zone (naive). It
decides:

- tomorrow's visit plan: from `plan_hour` on the last workday before the next workday
  (Friday evening asks for Monday's plan, and the ask stands through the weekend) until
  that day begins, while its plan is missing, a draft or returned;
- today's report: from an hour before the team's due hour (domain/lateness.py: the
  deadline stored on the report, else the due hour in force) while it is not submitted
  or signed, on a workday or on any day that already has a report; past the deadline it
  becomes a second reminder, so it pops up again;
- appointments to confirm (a follow-up of kind appointment is due the day before the
  appointment) and follow-ups and promises due today or overdue;
- for supervisors and managers: plans and reports waiting for their review, and reps who
  have not submitted a report by its deadline.

Each reminder has a stable key: the same fact gives the same key on every evaluation, so
the laptop pops each one up once and a dismissal sticks; a changed fact (a follow-up moved
to another day, a plan resubmitted) gives a new key. Quiet hours hold back the pop-up,
never the in-app list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from crm_desktop.domain.lateness import is_workday
from crm_desktop.domain.picklists import FollowUpKind, PlanStatus, ReportStatus


class ReminderKind(StrEnum):
    PLAN = "plan"  # tomorrow's visit plan not made or not submitted
    REPORT = "report"  # today's daily report due or past its deadline
    APPOINTMENT = "appointment"  # an appointment to confirm (the day before)
    FOLLOW_UP = "follow_up"  # follow-ups and promises due today or overdue
    REVIEW = "review"  # supervisors: plans and reports waiting for review
    MISSING = "missing"  # supervisors: reps without a report after the deadline


# What the Settings page calls each kind (zh, en), in the order it lists them.
KIND_LABELS: dict[ReminderKind, tuple[str, str]] = {
    ReminderKind.PLAN: ("明天的拜访计划", "Tomorrow's visit plan"),
    ReminderKind.REPORT: ("今天的日报截止", "Today's report due"),
    ReminderKind.APPOINTMENT: ("预约确认（提前一天）", "Appointments to confirm (the day before)"),
    ReminderKind.FOLLOW_UP: ("到期的待办和承诺", "Follow-ups and promises due"),
    ReminderKind.REVIEW: (
        "待审阅的计划和日报（主管）",
        "Plans and reports to review (supervisors)",
    ),
    ReminderKind.MISSING: (
        "过了截止时间未交日报的人（主管）",
        "Reps late with their report (supervisors)",
    ),
}
# Kinds only a reviewer (supervisor, manager) ever gets.
REVIEWER_KINDS = frozenset({ReminderKind.REVIEW, ReminderKind.MISSING})

DEFAULT_PLAN_HOUR = 17
DEFAULT_QUIET = (dt.time(22, 0), dt.time(8, 0))
REPORT_LEAD = dt.timedelta(hours=1)  # how long before the deadline the report reminder starts
# Pop-up and dismissal memory is kept this long, then forgotten (keys carry their day).
MEMORY_DAYS = 14

_SENT_PLAN = frozenset({PlanStatus.SUBMITTED.value, PlanStatus.COUNTERSIGNED.value})
_SENT_REPORT = frozenset({ReportStatus.SUBMITTED.value, ReportStatus.SIGNED.value})
_WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --- preferences ----------------------------------------------------------------------
@dataclass(frozen=True)
class ReminderPreferences:
    """The user's choices (kept in the laptop's settings file, not synced)."""

    enabled: frozenset[ReminderKind] = frozenset(ReminderKind)
    plan_hour: int = DEFAULT_PLAN_HOUR  # 0-23: when to ask for tomorrow's plan
    # (start, end) wall-clock times; start after end spans midnight; None: no quiet hours.
    quiet: tuple[dt.time, dt.time] | None = DEFAULT_QUIET

    def to_settings(self) -> dict[str, object]:
        return {
            "off": sorted(k.value for k in ReminderKind if k not in self.enabled),
            "plan_hour": self.plan_hour,
            "quiet": None if self.quiet is None else [_hhmm(t) for t in self.quiet],
        }

    @classmethod
    def from_settings(cls, raw: Mapping[str, object]) -> ReminderPreferences:
        """Read back what `to_settings` wrote; anything unreadable is its default, so a
        hand-edited or older settings file never stops the reminders."""
        off = raw.get("off", [])
        off_kinds = {k for k in ReminderKind if isinstance(off, list) and k.value in off}
        hour = raw.get("plan_hour", DEFAULT_PLAN_HOUR)
        if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
            hour = DEFAULT_PLAN_HOUR
        quiet: tuple[dt.time, dt.time] | None = DEFAULT_QUIET
        stored = raw.get("quiet", [])
        if stored is None:
            quiet = None
        elif isinstance(stored, list) and len(stored) == 2:
            start, end = (_parse_hhmm(v) for v in stored)
            if start is not None and end is not None:
                quiet = (start, end) if start != end else None
        return cls(frozenset(ReminderKind) - off_kinds, hour, quiet)


def _hhmm(t: dt.time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def _parse_hhmm(value: object) -> dt.time | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        return None


def in_quiet_hours(at: dt.time, quiet: tuple[dt.time, dt.time] | None) -> bool:
    """Whether `at` falls in [start, end): across midnight when start is after end
    (22:00-08:00 holds 23:30 and 07:59, not 08:00); equal times are no quiet hours."""
    if quiet is None:
        return False
    start, end = quiet
    if start == end:
        return False
    if start < end:
        return start <= at < end
    return at >= start or at < end


# --- facts ------------------------------------------------------------------------------
@dataclass(frozen=True)
class FollowUpFact:
    """An open follow-up of the user, due today or earlier."""

    id: str
    kind: str  # FollowUpKind value
    title: str
    due_on: dt.date
    customer_name: str | None = None
    customer_id: str | None = None


@dataclass(frozen=True)
class WaitingFact:
    """A submitted plan or report of someone below the user."""

    kind: str  # "plan" or "report"
    id: str
    rep_name: str
    day: dt.date
    version: int = 1
    late: bool = False


@dataclass(frozen=True)
class MissingFact:
    """A rep without a submitted report of `day` after its deadline."""

    rep_id: str
    rep_name: str
    day: dt.date
    due_at: dt.datetime  # wall-clock time in the laptop's zone


@dataclass(frozen=True)
class ReminderFacts:
    """What the rule looks at, gathered by the service in a few queries."""

    today: dt.date
    # The user writes plans and reports of their own (a rep); reviewers get no own-day asks.
    writes_own_day: bool = True
    plan_day: dt.date | None = None  # the day `plan_day_for(today)` names
    plan_status: str | None = None  # that day's plan: None when there is none
    report_status: str | None = None  # today's report: None when there is none
    report_due: dt.datetime | None = None  # today's report deadline, wall-clock time
    follow_ups: tuple[FollowUpFact, ...] = ()
    waiting: tuple[WaitingFact, ...] = ()
    missing: tuple[MissingFact, ...] = ()


# --- reminders --------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """What a click on the reminder opens: a page, and on it a day or a record."""

    page: str  # a page key: plans, follow_ups, review, team
    day: dt.date | None = None
    record_id: str | None = None
    tab: str | None = None  # plans: "plan" or "report"


@dataclass(frozen=True)
class Reminder:
    kind: ReminderKind
    key: str  # stable for the same fact: one pop-up per key, and dismissals stick
    title_zh: str
    title_en: str
    target: Target
    due_at: dt.datetime | None = None  # wall-clock time (a follow-up's: its day's start)
    overdue: bool = False

    def title(self, lang: str) -> str:
        return self.title_en if lang.startswith("en") else self.title_zh


def next_workday(day: dt.date) -> dt.date:
    following = day + dt.timedelta(days=1)
    while not is_workday(following):
        following += dt.timedelta(days=1)
    return following


def plan_day_for(today: dt.date) -> dt.date:
    """The day whose plan the plan reminder asks for: the next workday after today."""
    return next_workday(today)


def plan_ask_from(plan_day: dt.date, plan_hour: int) -> dt.datetime:
    """When the ask for `plan_day`'s plan starts: `plan_hour` on the last workday before
    it (Friday for a Monday; the day before otherwise)."""
    before = plan_day - dt.timedelta(days=1)
    while not is_workday(before):
        before -= dt.timedelta(days=1)
    return dt.datetime.combine(before, dt.time(min(max(plan_hour, 0), 23)))


def due_reminders(
    now: dt.datetime, prefs: ReminderPreferences, facts: ReminderFacts
) -> list[Reminder]:
    """Every reminder due at `now` (naive wall-clock time), enabled kinds only. The day's
    own deadlines first (today's report, tomorrow's plan), then the team's, then
    appointments and follow-ups -- a long tail of old follow-ups must not bury tonight's
    report; within a kind overdue first, then the earliest due."""
    found: list[Reminder] = []
    on = prefs.enabled
    if facts.writes_own_day and ReminderKind.PLAN in on:
        found += _plan(now, prefs.plan_hour, facts)
    if facts.writes_own_day and ReminderKind.REPORT in on:
        found += _report(now, facts)
    found += _follow_ups(facts, on)
    if ReminderKind.REVIEW in on:
        found += [_waiting(w, facts.today) for w in facts.waiting]
    if ReminderKind.MISSING in on:
        found += [_missing(m, facts.today) for m in facts.missing]
    far = dt.datetime.max
    return sorted(
        found, key=lambda r: (_RANK[r.kind], not r.overdue, r.due_at or far, r.title_zh, r.key)
    )


_RANK = {
    kind: rank
    for rank, kind in enumerate(
        (
            ReminderKind.REPORT,
            ReminderKind.PLAN,
            ReminderKind.MISSING,
            ReminderKind.REVIEW,
            ReminderKind.APPOINTMENT,
            ReminderKind.FOLLOW_UP,
        )
    )
}


def _plan(now: dt.datetime, plan_hour: int, facts: ReminderFacts) -> list[Reminder]:
    day = facts.plan_day
    if day is None or facts.plan_status in _SENT_PLAN:
        return []
    if not plan_ask_from(day, plan_hour) <= now < dt.datetime.combine(day, dt.time()):
        return []
    when_zh, when_en = _day_words(day, now.date())
    if facts.plan_status is None:
        zh, en = f"{when_zh}的拜访计划还没做", f"The visit plan for {when_en} is not made yet"
    else:
        zh = f"{when_zh}的拜访计划还没提交"
        en = f"The visit plan for {when_en} is not submitted yet"
    start = dt.datetime.combine(day, dt.time())
    return [
        Reminder(
            ReminderKind.PLAN,
            f"plan:{day.isoformat()}",
            zh,
            en,
            Target("plans", day=day, tab="plan"),
            due_at=start,
        )
    ]


def _report(now: dt.datetime, facts: ReminderFacts) -> list[Reminder]:
    due, today = facts.report_due, facts.today
    if due is None or facts.report_status in _SENT_REPORT:
        return []
    if not is_workday(today) and facts.report_status is None:
        return []  # a weekend day with no report started: nobody expects one
    if now < due - REPORT_LEAD:
        return []
    target = Target("plans", day=today, tab="report")
    hour = _hhmm(due.time())
    if now < due:
        return [
            Reminder(
                ReminderKind.REPORT,
                f"report-due:{today.isoformat()}",
                f"今天的日报 {hour} 截止，还没提交",
                f"Today's report is due at {hour} and not submitted yet",
                target,
                due_at=due,
            )
        ]
    return [
        Reminder(
            ReminderKind.REPORT,
            f"report-late:{today.isoformat()}",
            f"今天的日报已过截止时间 {hour}，还没提交",
            f"Today's report is past its deadline ({hour}) and not submitted",
            target,
            due_at=due,
            overdue=True,
        )
    ]


def _follow_ups(facts: ReminderFacts, on: Collection[ReminderKind]) -> list[Reminder]:
    found = []
    for f in facts.follow_ups:
        if f.due_on > facts.today:
            continue
        appointment = f.kind == FollowUpKind.APPOINTMENT.value
        kind = ReminderKind.APPOINTMENT if appointment else ReminderKind.FOLLOW_UP
        if kind not in on:
            continue
        overdue = f.due_on < facts.today
        what_zh, what_en = _follow_up_words(f.kind)
        subject_zh = f.title + (f"（{f.customer_name}）" if f.customer_name else "")
        subject_en = f.title + (f" ({f.customer_name})" if f.customer_name else "")
        if overdue:
            since_zh, since_en = _date_zh(f.due_on, facts.today), _date_en(f.due_on, facts.today)
            zh = f"{what_zh}已逾期（{since_zh}）：{subject_zh}"
            en = f"{what_en}, overdue since {since_en}: {subject_en}"
        else:
            zh, en = f"{what_zh}今天到期：{subject_zh}", f"{what_en}, due today: {subject_en}"
        key = f"{kind.value}:{f.id}:{f.due_on.isoformat()}"
        target = Target("follow_ups", day=f.due_on, record_id=f.id)
        due = dt.datetime.combine(f.due_on, dt.time())  # the day, no hour: its start
        found.append(Reminder(kind, key, zh, en, target, due_at=due, overdue=overdue))
    return found


def _follow_up_words(kind: str) -> tuple[str, str]:
    if kind == FollowUpKind.APPOINTMENT.value:
        return "确认预约", "Confirm the appointment"
    if kind == FollowUpKind.PROMISE.value:
        return "承诺事项", "Promise"
    if kind == FollowUpKind.COLLECTION.value:
        return "催收回款", "Collect payment"
    return "待办", "Follow-up"


def _waiting(w: WaitingFact, today: dt.date) -> Reminder:
    late_zh, late_en = ("（迟交）", " (late)") if w.late else ("", "")
    if w.kind == "plan":
        what_zh, what_en = "拜访计划", "visit plan"
    else:
        what_zh, what_en = "日报", "report"
    return Reminder(
        ReminderKind.REVIEW,
        f"review:{w.kind}:{w.id}:{w.version}",
        f"{w.rep_name} {_date_zh(w.day, today)}的{what_zh}等待你审阅{late_zh}",
        f"{w.rep_name}'s {what_en} of {_date_en(w.day, today)} is waiting for your review{late_en}",
        Target("review", day=w.day, record_id=w.id, tab=w.kind),
        due_at=dt.datetime.combine(w.day, dt.time()),  # the oldest waits longest
    )


def _missing(m: MissingFact, today: dt.date) -> Reminder:
    hour = _hhmm(m.due_at.time())
    return Reminder(
        ReminderKind.MISSING,
        f"missing:{m.rep_id}:{m.day.isoformat()}",
        f"{m.rep_name} {_date_zh(m.day, today)}的日报过了截止时间 {hour} 还没提交",
        f"{m.rep_name} has not submitted the report of {_date_en(m.day, today)} (due {hour})",
        Target("team", day=m.day, record_id=m.rep_id),
        due_at=m.due_at,
        overdue=True,
    )


def _date_zh(day: dt.date, today: dt.date) -> str:
    """ "11月20日"; with the year when it is not this year's ("2025年9月8日")."""
    year = f"{day.year}年" if day.year != today.year else ""
    return f"{year}{day.month}月{day.day}日"


def _date_en(day: dt.date, today: dt.date) -> str:
    """ "20 Nov"; with the year when it is not this year's ("8 Sep 2025")."""
    year = f" {day.year}" if day.year != today.year else ""
    return f"{day.day} {_MONTHS_EN[day.month - 1]}{year}"


def _day_words(day: dt.date, today: dt.date) -> tuple[str, str]:
    """ "明天（11月24日）" / "tomorrow (24 Nov)"; a later day by its weekday."""
    if day == today + dt.timedelta(days=1):
        return f"明天（{_date_zh(day, today)}）", f"tomorrow ({_date_en(day, today)})"
    weekday = day.weekday()
    return (
        f"{_WEEKDAYS_ZH[weekday]}（{_date_zh(day, today)}）",
        f"{_WEEKDAYS_EN[weekday]} ({_date_en(day, today)})",
    )


# --- pop-ups and memory -----------------------------------------------------------------
def to_pop(
    reminders: Iterable[Reminder],
    popped: Collection[str],
    now: dt.datetime,
    prefs: ReminderPreferences,
) -> list[Reminder]:
    """The reminders to pop up now: those not popped before, none in quiet hours (they
    wait, and pop when the quiet hours end if they are still due)."""
    if in_quiet_hours(now.time(), prefs.quiet):
        return []
    return [r for r in reminders if r.key not in popped]


def remember(memory: Mapping[str, str], keys: Iterable[str], today: dt.date) -> dict[str, str]:
    """The memory of popped or dismissed keys ({key: ISO day first seen}) with `keys`
    added, and every key older than MEMORY_DAYS forgotten (its fact is long gone)."""
    oldest = (today - dt.timedelta(days=MEMORY_DAYS)).isoformat()
    kept = {k: v for k, v in memory.items() if isinstance(v, str) and v >= oldest}
    for key in keys:
        kept.setdefault(key, today.isoformat())
    return kept


def visible(reminders: Iterable[Reminder], dismissed: Collection[str]) -> list[Reminder]:
    """The in-app list: every due reminder the user has not dismissed."""
    return [r for r in reminders if r.key not in dismissed]


@dataclass(frozen=True)
class PopUp:
    """The tray message for a batch of new reminders: one message, never a flood."""

    title: str
    body: str
    reminders: tuple[Reminder, ...] = field(default_factory=tuple)


POP_LINES = 3


def pop_up(new: list[Reminder], lang: str) -> PopUp | None:
    if not new:
        return None
    en = lang.startswith("en")
    if len(new) == 1:
        title = "CRM reminder" if en else "CRM 提醒"
    else:
        title = f"{len(new)} new reminders" if en else f"{len(new)} 条新提醒"
    lines = [r.title(lang) for r in new[:POP_LINES]]
    if len(new) > POP_LINES:
        more = len(new) - POP_LINES
        lines.append(f"… and {more} more" if en else f"…… 还有 {more} 条")
    return PopUp(title, "\n".join(lines), tuple(new))

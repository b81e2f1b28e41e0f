"""The reminder rule (domain/reminders.py) at the awkward moments: the plan hour, the
report's last hour and deadline, midnight, the weekend, quiet hours across midnight."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_desktop.domain.reminders import (
    DEFAULT_QUIET,
    FollowUpFact,
    MissingFact,
    ReminderFacts,
    ReminderKind,
    ReminderPreferences,
    WaitingFact,
    due_reminders,
    in_quiet_hours,
    plan_ask_from,
    plan_day_for,
    pop_up,
    remember,
    to_pop,
    visible,
)

MON = dt.date(2026, 11, 23)
TUE = dt.date(2026, 11, 24)
FRI = dt.date(2026, 11, 27)
SAT = dt.date(2026, 11, 28)
SUN = dt.date(2026, 11, 29)
NEXT_MON = dt.date(2026, 11, 30)
PREFS = ReminderPreferences()


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def plan_facts(today: dt.date, status: str | None = None) -> ReminderFacts:
    return ReminderFacts(today=today, plan_day=plan_day_for(today), plan_status=status)


def keys(now: dt.datetime, facts: ReminderFacts, prefs: ReminderPreferences = PREFS) -> list[str]:
    return [r.key for r in due_reminders(now, prefs, facts)]


# --- tomorrow's plan ---------------------------------------------------------------------
def test_the_plan_is_asked_for_from_the_plan_hour_on() -> None:
    assert keys(at(MON, 16, 59), plan_facts(MON)) == []
    [reminder] = due_reminders(at(MON, 17), PREFS, plan_facts(MON))
    assert reminder.key == "plan:2026-11-24"
    assert reminder.title_zh == "明天（11月24日）的拜访计划还没做"
    assert reminder.title_en == "The visit plan for tomorrow (24 Nov) is not made yet"
    assert reminder.target.page == "plans" and reminder.target.day == TUE
    assert reminder.target.tab == "plan"


def test_a_draft_plan_is_not_submitted_and_a_submitted_one_asks_nothing() -> None:
    [draft] = due_reminders(at(MON, 18), PREFS, plan_facts(MON, "draft"))
    assert draft.title_zh == "明天（11月24日）的拜访计划还没提交"
    assert due_reminders(at(MON, 18), PREFS, plan_facts(MON, "returned"))
    assert keys(at(MON, 18), plan_facts(MON, "submitted")) == []
    assert keys(at(MON, 18), plan_facts(MON, "countersigned")) == []


def test_friday_evening_asks_for_monday_and_the_ask_stands_all_weekend() -> None:
    assert plan_day_for(FRI) == plan_day_for(SAT) == plan_day_for(SUN) == NEXT_MON
    assert plan_ask_from(NEXT_MON, 17) == at(FRI, 17)
    [friday] = due_reminders(at(FRI, 17, 30), PREFS, plan_facts(FRI))
    assert friday.key == "plan:2026-11-30"
    assert friday.title_zh == "周一（11月30日）的拜访计划还没做"
    assert keys(at(SAT, 9), plan_facts(SAT)) == ["plan:2026-11-30"]
    [sunday] = due_reminders(at(SUN, 23, 59), PREFS, plan_facts(SUN))
    assert sunday.key == "plan:2026-11-30"
    assert sunday.title_en == "The visit plan for tomorrow (30 Nov) is not made yet"


def test_at_midnight_the_ask_for_that_day_ends() -> None:
    # Monday 00:00: the plan asked for on Sunday night is today's now; Tuesday's is asked
    # for from Monday 17:00.
    assert keys(at(NEXT_MON, 0), plan_facts(NEXT_MON)) == []
    assert keys(at(TUE, 0, 0), plan_facts(TUE)) == []
    # A plan hour of 0 asks as the day begins.
    zero = ReminderPreferences(plan_hour=0)
    assert keys(at(MON, 0), plan_facts(MON), zero) == ["plan:2026-11-24"]


def test_no_own_day_asks_for_a_reviewer_or_when_switched_off() -> None:
    facts = ReminderFacts(today=MON, writes_own_day=False, plan_day=TUE, report_due=at(MON, 20))
    assert keys(at(MON, 20, 30), facts) == []
    off = ReminderPreferences(enabled=frozenset(ReminderKind) - {ReminderKind.PLAN})
    assert keys(at(MON, 18), plan_facts(MON), off) == []


# --- today's report -----------------------------------------------------------------------
def report_facts(day: dt.date, status: str | None = None, due_hour: int = 20) -> ReminderFacts:
    return ReminderFacts(today=day, report_status=status, report_due=at(day, due_hour))


def test_the_report_reminds_an_hour_before_the_deadline_and_again_after_it() -> None:
    assert keys(at(MON, 18, 59), report_facts(MON)) == []
    [due] = due_reminders(at(MON, 19), PREFS, report_facts(MON))
    assert due.key == "report-due:2026-11-23" and not due.overdue
    assert due.title_zh == "今天的日报 20:00 截止，还没提交"
    assert due.due_at == at(MON, 20)
    assert due.target.tab == "report" and due.target.day == MON
    [late] = due_reminders(at(MON, 20), PREFS, report_facts(MON, "draft"))
    assert late.key == "report-late:2026-11-23" and late.overdue
    assert late.title_en == "Today's report is past its deadline (20:00) and not submitted"
    assert keys(at(MON, 23, 59), report_facts(MON, "returned")) == ["report-late:2026-11-23"]
    assert keys(at(MON, 23, 59), report_facts(MON, "reopened")) == ["report-late:2026-11-23"]


def test_a_sent_report_and_a_weekend_without_one_ask_nothing() -> None:
    assert keys(at(MON, 21), report_facts(MON, "submitted")) == []
    assert keys(at(MON, 21), report_facts(MON, "signed")) == []
    assert keys(at(SUN, 21), report_facts(SUN)) == []
    # Started on a Sunday: the rep worked, so the report is asked for like any day's.
    assert keys(at(SUN, 21), report_facts(SUN, "draft")) == ["report-late:2026-11-29"]


def test_the_days_deadlines_come_before_a_tail_of_follow_ups() -> None:
    facts = ReminderFacts(
        today=MON,
        plan_day=TUE,
        report_due=at(MON, 20),
        follow_ups=FOLLOW_UPS,
        missing=(MissingFact("u1", "王芳", MON, at(MON, 20)),),
        waiting=(WaitingFact("plan", "p1", "张伟", MON),),
    )
    kinds = [r.kind.value for r in due_reminders(at(MON, 20, 30), PREFS, facts)]
    assert kinds == ["report", "plan", "missing", "review", "appointment"] + ["follow_up"] * 2


def test_a_due_hour_of_midnight_is_late_from_the_first_minute() -> None:
    facts = report_facts(MON, due_hour=0)
    assert keys(at(MON, 0, 0), facts) == ["report-late:2026-11-23"]


# --- follow-ups and appointments ------------------------------------------------------------
FOLLOW_UPS = (
    FollowUpFact("f1", "next_step", "送样品", MON, "明通百货", "c1"),
    FollowUpFact("f2", "promise", "回复报价", dt.date(2026, 11, 20), None),
    FollowUpFact("f3", "appointment", "周二 10:00 拜访", MON, "华联超市"),
    FollowUpFact("f4", "next_step", "明天的事", TUE),
)


def test_follow_ups_due_today_or_overdue_and_appointments_to_confirm() -> None:
    facts = ReminderFacts(today=MON, writes_own_day=False, follow_ups=FOLLOW_UPS)
    found = due_reminders(at(MON, 9), PREFS, facts)
    by_key = {r.key: r for r in found}
    assert list(by_key) == [
        "appointment:f3:2026-11-23",  # appointments before follow-ups
        "follow_up:f2:2026-11-20",  # overdue first
        "follow_up:f1:2026-11-23",
    ]
    assert by_key["follow_up:f2:2026-11-20"].title_zh == "承诺事项已逾期（11月20日）：回复报价"
    assert by_key["follow_up:f2:2026-11-20"].overdue
    assert by_key["follow_up:f1:2026-11-23"].title_zh == "待办今天到期：送样品（明通百货）"
    appointment = by_key["appointment:f3:2026-11-23"]
    assert appointment.kind is ReminderKind.APPOINTMENT
    assert appointment.title_en == "Confirm the appointment, due today: 周二 10:00 拜访 (华联超市)"
    assert appointment.target.page == "follow_ups" and appointment.target.record_id == "f3"


def test_follow_ups_switched_off_leave_the_appointments_and_a_moved_one_has_a_new_key() -> None:
    facts = ReminderFacts(today=MON, writes_own_day=False, follow_ups=FOLLOW_UPS)
    off = ReminderPreferences(enabled=frozenset(ReminderKind) - {ReminderKind.FOLLOW_UP})
    assert keys(at(MON, 9), facts, off) == ["appointment:f3:2026-11-23"]
    moved = ReminderFacts(
        today=TUE, writes_own_day=False, follow_ups=(FollowUpFact("f4", "next_step", "x", TUE),)
    )
    assert keys(at(TUE, 9), moved) == ["follow_up:f4:2026-11-24"]


# --- supervisors ------------------------------------------------------------------------------
def test_waiting_items_and_missing_reports_for_a_reviewer() -> None:
    facts = ReminderFacts(
        today=MON,
        writes_own_day=False,
        waiting=(
            WaitingFact("report", "r1", "李明", dt.date(2026, 11, 20), version=3, late=True),
            WaitingFact("plan", "p1", "张伟", MON),
        ),
        missing=(MissingFact("u1", "王芳", dt.date(2026, 11, 20), at(dt.date(2026, 11, 20), 20)),),
    )
    found = {r.key: r for r in due_reminders(at(MON, 10), PREFS, facts)}
    assert set(found) == {"review:report:r1:3", "review:plan:p1:1", "missing:u1:2026-11-20"}
    assert found["review:report:r1:3"].title_zh == "李明 11月20日的日报等待你审阅（迟交）"
    assert found["review:plan:p1:1"].title_en == (
        "张伟's visit plan of 23 Nov is waiting for your review"
    )
    assert (
        found["missing:u1:2026-11-20"].title_zh == "王芳 11月20日的日报过了截止时间 20:00 还没提交"
    )
    assert found["missing:u1:2026-11-20"].target.page == "team"
    only_review = ReminderPreferences(enabled=frozenset({ReminderKind.REVIEW}))
    # Oldest day first (not by title: "11月20日" sorts after "9月21日" as text).
    assert keys(at(MON, 10), facts, only_review) == ["review:report:r1:3", "review:plan:p1:1"]
    old = WaitingFact("plan", "p0", "张伟", dt.date(2026, 9, 21))
    older = WaitingFact("report", "r0", "张伟", dt.date(2025, 12, 30))
    later = ReminderFacts(today=MON, writes_own_day=False, waiting=(*facts.waiting, old, older))
    [first, second, *_] = due_reminders(at(MON, 10), only_review, later)
    assert (first.key, second.key) == ("review:report:r0:1", "review:plan:p0:1")
    # Another year's day says its year, as the Review page does.
    assert first.title_zh == "张伟 2025年12月30日的日报等待你审阅"
    assert first.title_en == "张伟's report of 30 Dec 2025 is waiting for your review"
    assert second.title_zh == "张伟 9月21日的拜访计划等待你审阅"


# --- quiet hours and pop-ups -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("clock", "quiet"),
    [
        (dt.time(21, 59), False),
        (dt.time(22, 0), True),
        (dt.time(23, 59), True),
        (dt.time(0, 0), True),
        (dt.time(7, 59), True),
        (dt.time(8, 0), False),
        (dt.time(12, 0), False),
    ],
)
def test_quiet_hours_across_midnight(clock: dt.time, quiet: bool) -> None:
    assert in_quiet_hours(clock, DEFAULT_QUIET) is quiet


def test_quiet_hours_within_a_day_equal_times_and_none() -> None:
    lunch = (dt.time(12, 0), dt.time(13, 30))
    assert in_quiet_hours(dt.time(12, 0), lunch)
    assert in_quiet_hours(dt.time(13, 29), lunch)
    assert not in_quiet_hours(dt.time(13, 30), lunch)
    assert not in_quiet_hours(dt.time(11, 59), lunch)
    assert not in_quiet_hours(dt.time(3, 0), (dt.time(8, 0), dt.time(8, 0)))
    assert not in_quiet_hours(dt.time(3, 0), None)


def test_pop_ups_once_per_key_and_never_in_quiet_hours() -> None:
    facts = report_facts(MON)
    late = due_reminders(at(MON, 22, 30), PREFS, facts)
    assert to_pop(late, set(), at(MON, 22, 30), PREFS) == []  # quiet: held back
    assert visible(late, set()) == late  # ... but listed in the app
    loud = ReminderPreferences(quiet=None)
    assert to_pop(late, set(), at(MON, 22, 30), loud) == late
    assert to_pop(late, {"report-late:2026-11-23"}, at(MON, 21), PREFS) == []
    assert visible(late, {"report-late:2026-11-23"}) == []


def test_the_memory_keeps_first_seen_days_and_forgets_after_two_weeks() -> None:
    memory = remember({"old": "2026-11-01", "kept": "2026-11-10", "bad": 3}, ["new"], MON)  # type: ignore[dict-item]
    assert memory == {"kept": "2026-11-10", "new": "2026-11-23"}
    assert remember(memory, ["new"], TUE)["new"] == "2026-11-23"


def test_one_pop_up_for_many_reminders() -> None:
    facts = ReminderFacts(today=MON, writes_own_day=False, follow_ups=FOLLOW_UPS[:3])
    found = due_reminders(at(MON, 9), PREFS, facts)
    assert pop_up([], "zh_CN") is None
    single = pop_up(found[:1], "zh_CN")
    assert single is not None and single.title == "CRM 提醒"
    assert single.body == found[0].title_zh
    many = pop_up(found + found[:2], "en")
    assert many is not None and many.title == "5 new reminders"
    assert many.body.splitlines()[-1] == "… and 2 more"
    assert len(many.body.splitlines()) == 4


# --- preferences --------------------------------------------------------------------------------
def test_preferences_round_trip_through_the_settings_file() -> None:
    prefs = ReminderPreferences(
        enabled=frozenset({ReminderKind.REPORT, ReminderKind.REVIEW}),
        plan_hour=16,
        quiet=(dt.time(21, 30), dt.time(7, 0)),
    )
    assert ReminderPreferences.from_settings(prefs.to_settings()) == prefs
    none = ReminderPreferences(quiet=None)
    assert ReminderPreferences.from_settings(none.to_settings()) == none
    assert ReminderPreferences.from_settings({}) == ReminderPreferences()


def test_unreadable_preferences_fall_back_to_the_defaults() -> None:
    raw = {"off": "plan", "plan_hour": 25, "quiet": ["late", "08:00"]}
    assert ReminderPreferences.from_settings(raw) == ReminderPreferences()
    assert ReminderPreferences.from_settings({"plan_hour": True}).plan_hour == 17
    same = {"quiet": ["08:00", "08:00"]}
    assert ReminderPreferences.from_settings(same).quiet is None

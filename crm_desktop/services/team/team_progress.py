"""Team progress for supervisors and managers (issue 5): who has not submitted, each rep's
on-time rate over a period, the team's week, and one rep's days.

Everything is about the reps below the current user in the org tree (OrgTree); a rep has
nobody below them and sees empty lists. The days come from the shared read model
(services/read_model.py): a statement per table over all the reps at once, never one per
rep, so a 100-rep team costs what a 5-rep team does.

Lateness follows the Plans page's calendar (day_calendar.py) with the same helpers: a
report is due at `due_hour` local time on its day; it is late when submitted after that,
or still unsubmitted (none or a draft) once it has passed. A returned report keeps its
first submission time, so sending it back does not make the rep late. The on-time rates
count as the weekly summary does (team_figures.report_tally).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.kpi import achievement, effective_visit_rate, iso_week_bounds
from crm_desktop.domain.lateness import counted_submission, report_deadline

# Re-exported: the Team page's submissions tab flags a workday without a plan by it.
from crm_desktop.domain.lateness import is_workday as is_workday
from crm_desktop.domain.picklists import PlanStatus, ReportStatus
from crm_desktop.domain.policy import DEFAULT_DUE_HOUR
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.day.day_calendar import NONE, DayStatus, status_of
from crm_desktop.services.org import OrgTree, Person
from crm_desktop.services.read_model import read_days
from crm_desktop.services.team.team_figures import RepFigures, rep_figures, report_tally, workdays
from crm_desktop.store.database import Store

# A plan or report in one of these states has not reached the supervisor.
_UNSUBMITTED_PLAN = frozenset({NONE, PlanStatus.DRAFT.value})
_UNSUBMITTED_REPORT = frozenset({NONE, ReportStatus.DRAFT.value})


def on_time_rate(on_time: int, due: int) -> Decimal | None:
    """Reports on time ÷ reports due (按时提交率); None when nothing was due yet.

    The same ratio as a target's achievement (what happened ÷ what was expected), so it
    is built on kpi.achievement: an empty period gives None, never 0 % or NaN.
    """
    return achievement(on_time, due)


@dataclass(frozen=True)
class Submission:
    """One rep's plan and report of one day, for the "who has not submitted" list."""

    rep_id: str
    rep_name: str
    team_name: str
    status: DayStatus  # plan / report status codes (or "none") and the late flag
    due_at: dt.datetime  # UTC
    submitted_at: dt.datetime | None  # UTC; None while not submitted
    # A workday whose deadline has passed with no report submitted (an appraisal miss).
    missing: bool

    @property
    def plan_missing(self) -> bool:
        """No plan with the supervisor: none at all, or still a draft."""
        return self.status.plan in _UNSUBMITTED_PLAN

    @property
    def report_missing(self) -> bool:
        return self.status.report in _UNSUBMITTED_REPORT

    @property
    def needs_attention(self) -> bool:
        """What the list highlights: no plan on a workday, a late or a missing report.
        A report not yet due is not flagged: the rep still has time."""
        workday_without_plan = is_workday(self.status.day) and self.plan_missing
        return workday_without_plan or self.status.late or self.missing


@dataclass(frozen=True)
class OnTime:
    """A rep's daily reports over a period: on time, late, missing, and the rate."""

    rep_id: str
    rep_name: str
    team_name: str
    workdays: int  # Monday to Friday in the period
    on_time: int  # reports submitted by their deadline
    late: int  # submitted after it
    missing: int  # workdays past their deadline with no submitted report
    rate: Decimal | None  # on_time ÷ (on_time + late + missing); None when nothing was due

    @property
    def counted(self) -> int:
        """The reports that were due so far: what the rate is out of."""
        return self.on_time + self.late + self.missing


@dataclass(frozen=True)
class WeekRow:
    """One rep's week, as the team view lists it (money in fen)."""

    rep_id: str
    rep_name: str
    team_name: str
    visits: int
    effective_visits: int
    effective_rate: Decimal | None
    orders: int  # visits with an order
    order_amount_fen: int
    collection_fen: int
    new_customers: int
    sales_achievement: Decimal | None  # order amount ÷ sales target; None without a target
    collection_achievement: Decimal | None
    figures: RepFigures | None  # everything rep_figures measured; None on the total row


@dataclass(frozen=True)
class TeamWeek:
    iso_year: int
    week: int
    start: dt.date  # Monday
    end: dt.date  # Sunday
    rows: list[WeekRow]
    total: WeekRow  # the team's sums; achievement over the reps that have a target


@dataclass(frozen=True)
class RepDay:
    """One day of a rep, for the drill-down: plan and report status and the visits' sums."""

    day: dt.date
    status: DayStatus
    submitted_at: dt.datetime | None
    visits: int
    effective_visits: int
    orders: int
    order_amount_fen: int
    collection_fen: int


class TeamProgressService:
    def __init__(self, store: Store, user: CurrentUser, due_hour: int = DEFAULT_DUE_HOUR) -> None:
        self._store = store
        self.clock = store.clock  # the pages that show this service's figures read it too
        self._user = user
        self.due_hour = due_hour

    # --- who is in the team ----------------------------------------------------------
    def reps(self) -> list[Person]:
        """The reps below the current user, by name (nobody for a rep)."""
        return self._team()[0]

    def _team(self) -> tuple[list[Person], dict[str, str]]:
        """The reps below the current user and the team names (id → name)."""
        # Loaded per call: a sync may have changed the org tree; it is a few hundred rows.
        tree = OrgTree.load(self._store)
        reps = tree.reps_below(self._user.actor.user_id)
        return reps, tree.team_names

    # --- (1) who has not submitted -----------------------------------------------------
    def submissions(self, day: dt.date, now: dt.datetime | None = None) -> list[Submission]:
        """Each rep's plan and report of `day`, by rep name."""
        now = now or self._store.clock.utcnow()
        reps, team_names = self._team()
        ids = [p.id for p in reps]
        if not ids:
            return []
        with self._store.reading() as s:
            team_day = read_days(s, ids, day, day, visits=False)
        clock = self._store.clock
        result = []
        for rep in reps:
            facts = team_day.day(rep.id, day)
            report = facts.report
            submitted = counted_submission(report.status, report.submitted_at) if report else None
            due = report_deadline(day, report.due_at if report else None, self.due_hour, clock)
            result.append(
                Submission(
                    rep.id,
                    rep.display_name,
                    team_names.get(rep.team_id or "", ""),
                    status_of(facts, now, self.due_hour, clock),
                    due,
                    submitted,
                    missing=is_workday(day) and submitted is None and now > due,
                )
            )
        return result

    # --- (2) on-time rates -------------------------------------------------------------
    def on_time_rates(
        self, start: dt.date, end: dt.date, now: dt.datetime | None = None
    ) -> list[OnTime]:
        """Each rep's daily reports of [start, end], by rep name.

        The weekly summary's rule (team_figures.report_tally), so both show the same
        figures: every submitted report of the period is on time or late against its
        deadline; a workday whose deadline has passed without one is missing. Days to
        come, and today before the deadline, are neither, so a period with nothing due
        yet has no rate (None), not 0 %.
        """
        now = now or self._store.clock.utcnow()
        reps, team_names = self._team()
        with self._store.reading() as s:
            period = read_days(s, [p.id for p in reps], start, end, plans=False, visits=False)
        workday_count = len(workdays(start, end))
        result = []
        for rep in reps:
            tally = report_tally(period.days(rep.id), now, self.due_hour, self._store.clock)
            result.append(
                OnTime(
                    rep.id,
                    rep.display_name,
                    team_names.get(rep.team_id or "", ""),
                    workday_count,
                    tally.on_time,
                    tally.late,
                    tally.missing,
                    on_time_rate(tally.on_time, tally.on_time + tally.late + tally.missing),
                )
            )
        return result

    # --- (3) the team's week -----------------------------------------------------------
    def week(self, iso_year: int, week: int, now: dt.datetime | None = None) -> TeamWeek:
        """Each rep's figures of ISO week `week` (from team_figures.rep_figures), to date."""
        try:
            start, end = iso_week_bounds(iso_year, week)
        except ValueError as exc:
            raise ValidationError(
                f"没有 {iso_year} 年第 {week} 周", f"There is no week {week} in {iso_year}", "week"
            ) from exc
        reps, team_names = self._team()
        figures = (
            rep_figures(
                self._store,
                [p.id for p in reps],
                start,
                end,
                as_of=now or self._store.clock.utcnow(),
                due_hour=self.due_hour,
            )
            if reps
            else []
        )
        teams = {p.id: team_names.get(p.team_id or "", "") for p in reps}
        rows = [_week_row(f, teams.get(f.rep_id, "")) for f in figures]
        return TeamWeek(iso_year, week, start, end, rows, _total(rows, figures))

    # --- (4) one rep's days ------------------------------------------------------------
    def rep_days(
        self, rep_id: str, start: dt.date, end: dt.date, now: dt.datetime | None = None
    ) -> list[RepDay]:
        """Every day of [start, end] for one rep below the current user."""
        now = now or self._store.clock.utcnow()
        if rep_id not in {p.id for p in self.reps()}:
            raise ValidationError(
                "该销售员不在您的团队中", "That salesperson is not in your team", "rep"
            )
        with self._store.reading() as s:
            days = read_days(s, [rep_id], start, end)
        clock = self._store.clock
        result = []
        for facts in days.days(rep_id):
            made = facts.totals
            report = facts.report
            result.append(
                RepDay(
                    facts.day,
                    status_of(facts, now, self.due_hour, clock),
                    counted_submission(report.status, report.submitted_at) if report else None,
                    made.visits,
                    made.effective_visits,
                    made.orders,
                    made.order_amount_fen,
                    made.collection_fen,
                )
            )
        return result


def _achievement(actual: int, target: int | None) -> Decimal | None:
    return None if target is None else achievement(actual, target)


def _week_row(f: RepFigures, team_name: str) -> WeekRow:
    return WeekRow(
        f.rep_id,
        f.rep_name,
        team_name,
        f.visits,
        f.effective_visits,
        effective_visit_rate(f.effective_visits, f.visits),
        f.order_visits,
        f.order_amount_fen,
        f.collection_fen,
        f.new_customers,
        _achievement(f.order_amount_fen, f.sales_target_fen),
        _achievement(f.collection_fen, f.collection_target_fen),
        f,
    )


def _total(rows: list[WeekRow], figures: list[RepFigures]) -> WeekRow:
    """The team's sums. Achievement compares the actuals of the reps that have a target
    with the sum of those targets, so a rep without a target does not inflate it."""
    with_sales = [f for f in figures if f.sales_target_fen is not None]
    with_collection = [f for f in figures if f.collection_target_fen is not None]
    visits = sum(r.visits for r in rows)
    effective = sum(r.effective_visits for r in rows)
    return WeekRow(
        "",
        "",
        "",
        visits,
        effective,
        effective_visit_rate(effective, visits),
        sum(r.orders for r in rows),
        sum(r.order_amount_fen for r in rows),
        sum(r.collection_fen for r in rows),
        sum(r.new_customers for r in rows),
        achievement(
            sum(f.order_amount_fen for f in with_sales),
            sum(f.sales_target_fen or 0 for f in with_sales),
        )
        if with_sales
        else None,
        achievement(
            sum(f.collection_fen for f in with_collection),
            sum(f.collection_target_fen or 0 for f in with_collection),
        )
        if with_collection
        else None,
        None,
    )

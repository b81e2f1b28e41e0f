"""Sales targets 销售目标 (SPEC §2.7): list with achievement to date, set, decompose.

Who sees what follows SPEC §1: a rep reads their own targets, a supervisor the team's
(its reps and teams), a manager the subtree's; managers (and admins) set them. The
server repeats the write rule (sync/server/scope.py `can_write`: a manager writes targets
owned inside the subtree), so the owner of a rep's target is the rep — the rep's laptop
pulls it — and the owner of a team's target is the team's supervisor.

Actual figures come from the queries behind team_figures.rep_figures (sales = visit order amounts,
collection = visit collections, visits = visit count, new customers = customers created
in the period owned by the rep), so a target's actual equals the team view's and the
weekly summary's figure for the same days. New outlets are new customers of type retail
(零售终端). Gross profit has no actual in the data: actual and ratio are None.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.kpi import achievement
from crm_desktop.domain.picklists import CustomerType, PeriodKind, Role, TargetKind
from crm_desktop.domain.targets import (
    UNMEASURED_KINDS,
    achievement_to_date,
    can_split,
    check_parts,
    sub_periods,
    to_date_end,
    validate_target,
)
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.org import OrgTree, Person
from crm_desktop.services.team.team_figures import (
    new_customers_by_owner,
    period_targets,
    visit_figures,
)
from crm_desktop.store.database import Store
from crm_desktop.store.models import Target
from crm_desktop.store.unit_of_work import UnitOfWork

# A target as read for the list: id, kind, assignee user, assignee team, period kind,
# first and last day, value, version.
_Loaded = tuple[str, TargetKind, str | None, str | None, PeriodKind, dt.date, dt.date, int, int]

_KIND_ORDER = {kind: i for i, kind in enumerate(TargetKind)}
_PERIOD_ORDER = {period: i for i, period in enumerate(PeriodKind)}

# Target kinds measured by team_figures.visit_figures: kind → position in its tuple.
_VISIT_FIGURE: dict[TargetKind, int] = {
    TargetKind.VISITS: 0,
    TargetKind.SALES: 3,
    TargetKind.COLLECTION: 4,
}


@dataclass(frozen=True, slots=True)
class TargetRow:
    id: str
    kind: TargetKind
    assignee_user_id: str | None
    assignee_team_id: str | None
    assignee_name: str  # rep display name or team name
    period_kind: PeriodKind
    period_start: dt.date
    period_end: dt.date
    value: int  # fen for money kinds, count otherwise
    actual: int | None  # to date; None for gross profit and for a period not yet begun
    ratio: Decimal | None  # achievement to date; None = show "—"
    version: int

    @property
    def is_team(self) -> bool:
        return self.assignee_team_id is not None


@dataclass(frozen=True, slots=True)
class Achievement:
    user_id: str
    name: str
    target: int | None  # None when the rep has no target overlapping the period
    actual: int
    ratio: Decimal | None


@dataclass(frozen=True)
class _Scope:
    """The reps and teams whose targets this user reads (and, if an editor, writes)."""

    org: OrgTree
    reps: dict[str, Person]
    teams: dict[str, tuple[str, str | None]]  # id -> (name, supervisor id)

    def team_rep_ids(self, team_id: str) -> list[str]:
        return [p.id for p in self.org.team_reps(team_id) if p.id in self.reps]

    def name_of(self, user_id: str | None, team_id: str | None) -> str:
        if team_id is not None:
            return self.teams[team_id][0] if team_id in self.teams else ""
        person = self.reps.get(user_id or "")
        return person.display_name if person else ""


def _not_allowed() -> UserFacingError:
    return UserFacingError(
        "只有销售经理可以设定或修改目标", "Only a sales manager may set or change targets"
    )


def _not_found() -> ValidationError:
    return ValidationError("找不到该目标，它可能已被删除", "That target no longer exists")


def _not_assignable() -> ValidationError:
    return ValidationError(
        "您不能为该销售员或团队设定目标",
        "You may not set targets for that rep or team",
        "assignee",
    )


class TargetService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    @property
    def can_edit(self) -> bool:
        """Managers set targets (SPEC §1); admins too, as the system's owner."""
        return self._user.actor.role in (Role.MANAGER, Role.ADMIN)

    # --- scope -------------------------------------------------------------------------
    def _scope(self) -> _Scope:
        # Loaded per call: a sync may have changed the org tree; it is a few hundred rows.
        org = OrgTree.load(self._store)
        actor = self._user.actor
        reps = {p.id: p for p in org.visible_reps(actor.user_id, actor.role)}
        if actor.role is Role.ADMIN:
            teams = set(org.team_names)
        elif actor.role is Role.REP:
            teams = set()
        else:
            teams = org.teams_below(actor.user_id)
        return _Scope(
            org, reps, {t: (org.team_names[t], org.hierarchy.teams[t].leader_id) for t in teams}
        )

    def assignees(self) -> list[tuple[str, str, bool]]:
        """(id, name, is_team) of the reps and teams whose targets the user reads — for an
        editor, those they may set targets for: teams first, then reps, each by name."""
        scope = self._scope()
        teams = sorted(((i, t[0], True) for i, t in scope.teams.items()), key=lambda t: t[1])
        reps = [(p.id, p.display_name, False) for p in scope.reps.values()]
        return teams + sorted(reps, key=lambda r: r[1])

    # --- reads -------------------------------------------------------------------------
    def rows(
        self,
        year: int,
        kind: TargetKind | None = None,
        assignee_id: str | None = None,
        today: dt.date | None = None,
    ) -> list[TargetRow]:
        """Visible targets overlapping `year` with their achievement to date, by assignee
        (teams first), kind, then period (year, quarters, months, weeks) and start."""
        today = today or self._store.clock.today()
        scope = self._scope()
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        statement = select(Target).where(
            Target.deleted.is_(False),
            Target.period_start <= end,
            Target.period_end >= start,
            or_(
                Target.assignee_user_id.in_(list(scope.reps)),
                Target.assignee_team_id.in_(list(scope.teams)),
            ),
        )
        if kind is not None:
            statement = statement.where(Target.kind == kind.value)
        if assignee_id is not None:
            statement = statement.where(
                or_(Target.assignee_user_id == assignee_id, Target.assignee_team_id == assignee_id)
            )
        with self._store.reading() as s:
            targets = [
                (
                    t.id,
                    TargetKind(t.kind),
                    t.assignee_user_id,
                    t.assignee_team_id,
                    PeriodKind(t.period_kind),
                    t.period_start,
                    t.period_end,
                    int(t.value),
                    int(t.version),
                )
                for t in s.scalars(statement)
            ]
        actuals = self._actuals(scope, targets, today)
        rows = [
            TargetRow(
                id=t[0],
                kind=t[1],
                assignee_user_id=t[2],
                assignee_team_id=t[3],
                assignee_name=scope.name_of(t[2], t[3]),
                period_kind=t[4],
                period_start=t[5],
                period_end=t[6],
                value=t[7],
                actual=actuals.get(t[0]),
                ratio=achievement_to_date(actuals.get(t[0]), t[7], t[5], today),
                version=t[8],
            )
            for t in targets
        ]
        rows.sort(
            key=lambda r: (
                not r.is_team,
                r.assignee_name,
                r.assignee_team_id or r.assignee_user_id or "",
                _KIND_ORDER[r.kind],
                _PERIOD_ORDER[r.period_kind],
                r.period_start,
            )
        )
        return rows

    def _actuals(
        self,
        scope: _Scope,
        targets: list[_Loaded],
        today: dt.date,
    ) -> dict[str, int]:
        """target id → actual from its start to min(today, end); absent when unmeasured or
        not begun. One set of queries per distinct window for every rep it concerns."""
        wanted: dict[tuple[dt.date, dt.date], list[tuple[str, TargetKind, list[str]]]] = (
            defaultdict(list)
        )
        for target_id, kind, user_id, team_id, _period, start, end, _value, _v in targets:
            until = to_date_end(start, end, today)
            if until is None or kind in UNMEASURED_KINDS:
                continue
            reps = scope.team_rep_ids(team_id) if team_id else [user_id or ""]
            wanted[(start, until)].append((target_id, kind, reps))
        result: dict[str, int] = {}
        for (start, until), items in wanted.items():
            reps = sorted({rep for _id, _kind, item_reps in items for rep in item_reps})
            per_rep = self._rep_actuals(reps, {kind for _id, kind, _r in items}, start, until)
            for target_id, kind, item_reps in items:
                result[target_id] = sum(per_rep[kind].get(rep, 0) for rep in item_reps)
        return result

    def _rep_actuals(
        self, reps: list[str], kinds: Iterable[TargetKind], start: dt.date, until: dt.date
    ) -> dict[TargetKind, dict[str, int]]:
        """kind → rep → actual over [start, until] for the measured kinds asked for."""
        kinds = set(kinds)
        result: dict[TargetKind, dict[str, int]] = {kind: {} for kind in kinds}
        if not reps:
            return result
        # Only the queries the kinds need: the dashboard asks for one kind over a year of
        # a hundred reps, where the whole of rep_figures (plans, reports, stages) cost 1 s.
        with self._store.reading() as s:
            if kinds & _VISIT_FIGURE.keys():
                visits = visit_figures(s, reps, start, until)
                for kind in kinds & _VISIT_FIGURE.keys():
                    column = _VISIT_FIGURE[kind]
                    result[kind] = {rep: figures[column] for rep, figures in visits.items()}
            if TargetKind.NEW_CUSTOMERS in kinds:
                result[TargetKind.NEW_CUSTOMERS] = new_customers_by_owner(s, reps, start, until)
            if TargetKind.NEW_OUTLETS in kinds:
                result[TargetKind.NEW_OUTLETS] = new_customers_by_owner(
                    s, reps, start, until, CustomerType.RETAIL
                )
        return result

    def achievement_by_rep(
        self,
        kind: TargetKind,
        start: dt.date,
        end: dt.date,
        team_id: str | None,
        today: dt.date,
    ) -> list[Achievement]:
        """Every visible rep (of `team_id` and the teams below it when given), by name:
        the rep's target pro-rated to [start, end] as team_figures.period_targets does, the
        actual over [start, min(today, end)], and actual ÷ target (None without a target,
        on a zero target, before `start`, and for gross profit)."""
        scope = self._scope()
        if team_id is not None:
            reps = [scope.reps[i] for i in scope.team_rep_ids(team_id)]
        else:
            reps = sorted(scope.reps.values(), key=lambda p: p.display_name)
        ids = [p.id for p in reps]
        if not ids:
            return []
        with self._store.reading() as s:
            targets = period_targets(s, ids, start, end, (kind,))
        until = to_date_end(start, end, today)
        actuals: dict[str, int] = {}
        if until is not None and kind not in UNMEASURED_KINDS:
            actuals = self._rep_actuals(ids, (kind,), start, until)[kind]
        result = []
        for person in reps:
            target = targets.get(person.id, {}).get(kind)
            actual = actuals.get(person.id, 0)
            measured = until is not None and kind not in UNMEASURED_KINDS
            ratio = achievement(actual, target) if measured and target is not None else None
            result.append(Achievement(person.id, person.display_name, target, actual, ratio))
        return result

    # --- writes ------------------------------------------------------------------------
    def _require_edit(self) -> None:
        if not self.can_edit:
            raise _not_allowed()

    def set(
        self,
        kind: TargetKind,
        assignee_id: str,
        is_team: bool,
        period_kind: PeriodKind,
        period_start: dt.date,
        value: int,
    ) -> str:
        """Create the target, or change the value of the live target with the same kind,
        assignee and period; return its id."""
        self._require_edit()
        kind, period_kind = TargetKind(kind), PeriodKind(period_kind)
        validate_target(period_kind, period_start, value)
        scope = self._scope()
        with UnitOfWork(self._store, self._user.actor.user_id) as uow:
            target_id = self._upsert(
                uow.session, scope, kind, assignee_id, is_team, period_kind, period_start, value
            )
            uow.commit()
        return target_id

    def delete(self, target_id: str) -> None:
        self._require_edit()
        scope = self._scope()
        with UnitOfWork(self._store, self._user.actor.user_id) as uow:
            target = _visible_target(uow.session, scope, target_id)
            target.deleted = True
            uow.commit()

    def decompose_periods(self, target_id: str, parts: Sequence[int], into: PeriodKind) -> None:
        """Year → 4 quarters or 12 months, quarter → 3 months: one target per part for the
        same assignee and kind (updating any already set). Refused, with nothing written,
        unless the parts add up to the target exactly."""
        self._require_edit()
        into = PeriodKind(into)
        scope = self._scope()
        with UnitOfWork(self._store, self._user.actor.user_id) as uow:
            s = uow.session
            whole = _visible_target(s, scope, target_id)
            period, kind = PeriodKind(whole.period_kind), TargetKind(whole.kind)
            if not can_split(period, into):
                raise ValidationError(
                    f"{period.zh}目标不能分解为{into.zh}",
                    f"A {period.en.lower()} target cannot be broken into {into.en.lower()}s",
                    "into",
                )
            periods = sub_periods(period, whole.period_start, into)
            if len(parts) != len(periods):
                raise ValidationError(
                    f"需要 {len(periods)} 个分解值，收到 {len(parts)} 个",
                    f"Expected {len(periods)} parts, got {len(parts)}",
                    "parts",
                )
            problem = check_parts(int(whole.value), list(parts), kind)
            if problem is not None:
                raise problem
            assignee = whole.assignee_team_id or whole.assignee_user_id or ""
            is_team = whole.assignee_team_id is not None
            for (first, _last), value in zip(periods, parts, strict=True):
                self._upsert(s, scope, kind, assignee, is_team, into, first, int(value))
            uow.commit()

    def team_reps(self, target_id: str) -> list[tuple[str, str]]:
        """(id, name) of the reps a team target is broken down to, by name."""
        scope = self._scope()
        with self._store.reading() as s:
            target = _visible_target(s, scope, target_id)
            team_id = target.assignee_team_id
        if team_id is None:
            return []
        return [(i, scope.reps[i].display_name) for i in scope.team_rep_ids(team_id)]

    def decompose_team(self, target_id: str, parts: Mapping[str, int]) -> None:
        """A team's target → one target per rep (rep id → value), same kind and period
        (updating any already set). Refused, with nothing written, unless every rep is of
        the team and the parts add up to the team's target exactly."""
        self._require_edit()
        scope = self._scope()
        with UnitOfWork(self._store, self._user.actor.user_id) as uow:
            s = uow.session
            whole = _visible_target(s, scope, target_id)
            team_id = whole.assignee_team_id
            if team_id is None:
                raise ValidationError(
                    "只有团队目标可以分解到销售员",
                    "Only a team's target can be broken down to its reps",
                    "assignee",
                )
            members = set(scope.team_rep_ids(team_id))
            if not parts or any(rep not in members for rep in parts):
                raise ValidationError(
                    "分解对象须是该团队的销售员",
                    "The parts must go to reps of that team",
                    "parts",
                )
            kind = TargetKind(whole.kind)
            problem = check_parts(int(whole.value), list(parts.values()), kind)
            if problem is not None:
                raise problem
            period = PeriodKind(whole.period_kind)
            for rep, value in parts.items():
                self._upsert(s, scope, kind, rep, False, period, whole.period_start, int(value))
            uow.commit()

    def _upsert(
        self,
        s: Session,
        scope: _Scope,
        kind: TargetKind,
        assignee_id: str,
        is_team: bool,
        period_kind: PeriodKind,
        period_start: dt.date,
        value: int,
    ) -> str:
        period_end = validate_target(period_kind, period_start, value)
        if is_team:
            if assignee_id not in scope.teams:
                raise _not_assignable()
            # The team's supervisor owns it, so it reaches the supervisor's laptop and the
            # server lets the manager above write it; a team without one: the writer.
            owner = scope.teams[assignee_id][1] or self._user.actor.user_id
            team: str | None = assignee_id
            who = Target.assignee_team_id
        else:
            if assignee_id not in scope.reps:
                raise _not_assignable()
            owner, team = assignee_id, scope.reps[assignee_id].team_id
            who = Target.assignee_user_id
        existing = s.scalars(
            select(Target).where(
                Target.deleted.is_(False),
                who == assignee_id,
                Target.kind == kind.value,
                Target.period_kind == period_kind.value,
                Target.period_start == period_start,
            )
        ).first()
        if existing is not None:
            if existing.value != value:
                existing.value = value
            return existing.id
        target = Target(
            kind=kind.value,
            assignee_user_id=None if is_team else assignee_id,
            assignee_team_id=assignee_id if is_team else None,
            period_kind=period_kind.value,
            period_start=period_start,
            period_end=period_end,
            value=value,
            owner_id=owner,
            team_id=team,
        )
        s.add(target)
        s.flush()
        return target.id


def _visible_target(s: Session, scope: _Scope, target_id: str) -> Target:
    target = s.get(Target, target_id)
    if target is None or target.deleted:
        raise _not_found()
    if target.assignee_user_id not in scope.reps and target.assignee_team_id not in scope.teams:
        raise _not_found()
    return target

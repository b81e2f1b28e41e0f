"""The printed forms' data: a rep's plan or report of a day (or of a week), or a team's
day, read through the same services that show them on screen (DayPlanService,
DailyReportService, with the rep standing in as "the user", as Review does), plus the few
facts those views leave out (the customers' areas, the signer, the stored content hash).

Who may print what: the user's own forms, and those of the people in their scope (the
org tree's read rule, domain/org.py); the same scope the laptop holds anyway."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.domain.daily import VisitDraft, day_totals, is_visited
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.lateness import is_late
from crm_desktop.domain.picklists import (
    Attendance,
    Picklist,
    PlanStatus,
    ReportStatus,
    TargetKind,
    VisitOutcome,
    VisitPurpose,
)
from crm_desktop.domain.policy import DEFAULT_DUE_HOUR
from crm_desktop.services.actor import Actor, CurrentUser
from crm_desktop.services.day.daily_reports import DailyReportService, ReportView, content_hash
from crm_desktop.services.day.day_plans import DayPlanService, PlanView
from crm_desktop.services.org import OrgTree, Person
from crm_desktop.services.printing.fingerprint import fingerprint
from crm_desktop.services.printing.forms import (
    KINDS,
    PLAN,
    REPORT,
    Form,
    FormBundle,
    FormHeader,
    PlanForm,
    PlanRow,
    ReportForm,
    ReportRow,
    SignOff,
    TargetLine,
)
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, DailyReport, User, VisitPlan

MONEY_KINDS = (TargetKind.SALES.value, TargetKind.COLLECTION.value)


class _Rep(CurrentUser):
    """The form's rep standing in as "the user" of the rep-side services: the form shows
    exactly what the rep's own screen shows (targets included). Read-only use."""

    def __init__(self, actor: Actor) -> None:  # no store access: the actor is known
        self.actor = actor


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


class PrintFormService:
    def __init__(self, store: Store, user: CurrentUser, due_hour: int = DEFAULT_DUE_HOUR) -> None:
        self._store = store
        self._user = user
        self.due_hour = due_hour

    # --- print jobs ----------------------------------------------------------------------
    def bundle(
        self,
        kinds: Sequence[str],
        day: dt.date,
        lang: str,
        *,
        rep: str | None = None,
        team: str | None = None,
        week: bool = False,
        rep_id: str | None = None,
    ) -> FormBundle:
        """The forms of `kinds` (plan, report or both, in that order per day) of one rep
        (`rep`: a username, or `rep_id`; default the user) for `day` or its Monday-to-
        Sunday week, or of every rep of `team` (a team name) for `day`. ValidationError
        when there is nothing to print, naming what is missing."""
        for kind in kinds:
            if kind not in KINDS:
                raise ValidationError(
                    f"未知的表单类型“{kind}”，请用 plan 或 report",
                    f"Unknown form “{kind}”; use plan or report",
                    "kind",
                )
        if team is not None and (rep is not None or rep_id is not None or week):
            raise ValidationError(
                "打印团队当天的表单时不能同时指定销售员或整周",
                "A team's day cannot be printed together with one rep or a week",
                "team",
            )
        org = OrgTree.load(self._store)
        if team is not None:
            people = [p for p in org.team_reps(org.team_by_name(team)) if self._may_print(org, p)]
            days = [day]
        else:
            people = [self._person(org, rep, rep_id)]
            days = _week_of(day) if week else [day]
        forms: list[Form] = []
        missing: list[str] = []
        for person in people:
            for one_day in days:
                found = [f for f in (self._form(org, person, k, one_day, lang) for k in kinds) if f]
                forms += found
                if not found:
                    missing.append(f"{person.display_name} {one_day.isoformat()}")
        if not forms:
            raise _nothing(kinds, people, days)
        return FormBundle(_title(kinds, people, day, team, week, lang), tuple(forms),
                          tuple(missing))  # fmt: skip

    def team_of(self, rep_id: str) -> str | None:
        """The name of the rep's team (for "print the team's day"), if they have one."""
        org = OrgTree.load(self._store)
        person = org.people.get(rep_id)
        return org.team_names.get(person.team_id or "") if person is not None else None

    def plan_form(self, day: dt.date, lang: str, rep: str | None = None) -> PlanForm:
        return _only(self.bundle([PLAN], day, lang, rep=rep), PlanForm)

    def report_form(self, day: dt.date, lang: str, rep: str | None = None) -> ReportForm:
        return _only(self.bundle([REPORT], day, lang, rep=rep), ReportForm)

    # --- who -------------------------------------------------------------------------------
    def _person(self, org: OrgTree, username: str | None, rep_id: str | None = None) -> Person:
        me = self._user.actor
        if rep_id is not None and rep_id in org.people:
            person = org.people[rep_id]
        elif username is None:
            person = org.people.get(me.user_id) or Person(
                me.user_id, "", me.display_name, me.role, me.team_id
            )
        else:
            person = org.by_username(username)
        if not self._may_print(org, person):
            raise ValidationError(
                f"{person.display_name}不在您的范围内，不能打印其计划或报告",
                f"{person.display_name} is not in your scope; you cannot print their forms",
                "rep",
            )
        return person

    def _may_print(self, org: OrgTree, person: Person) -> bool:
        me = self._user.actor.user_id
        return person.id == me or org.hierarchy.access(me).can_see_owner(person.id)

    # --- one form ------------------------------------------------------------------------
    def _form(
        self, org: OrgTree, person: Person, kind: str, day: dt.date, lang: str
    ) -> Form | None:
        actor = Actor(person.id, person.role, person.team_id, person.display_name)
        plans = DayPlanService(self._store, _Rep(actor))
        reports = DailyReportService(self._store, _Rep(actor), self.due_hour)
        if kind == PLAN:
            plan = plans.plan(day)
            if plan.id is None:
                return None
            return self._plan_form(org, person, plan, reports, lang)
        report = reports.report(day)
        if report.draft.id is None:
            return None
        beside = plans.plan(day) if report.plan_id else None
        return self._report_form(org, person, report, beside, lang)

    def _header(
        self,
        org: OrgTree,
        person: Person,
        day: dt.date,
        status_label: str,
        status: str,
        submitted_at: dt.datetime | None,
    ) -> FormHeader:
        clock = self._store.clock
        return FormHeader(
            rep_name=person.display_name,
            rep_username=person.username,
            team_name=org.team_names.get(person.team_id or "", ""),
            day=day,
            status=status,
            status_label=status_label,
            submitted_at=self._local(submitted_at),
            printed_at=clock.local_now().replace(tzinfo=None, microsecond=0),
        )

    def _local(self, stamp: dt.datetime | None) -> dt.datetime | None:
        if stamp is None:
            return None
        return self._store.clock.to_local(stamp).replace(tzinfo=None, microsecond=0)

    def _plan_form(
        self,
        org: OrgTree,
        person: Person,
        plan: PlanView,
        reports: DailyReportService,
        lang: str,
    ) -> PlanForm:
        with self._store.reading() as s:
            row = s.get(VisitPlan, plan.id)
            areas = _areas(s, [i.customer_id for i in plan.items])
            signer = _name(s, row.countersigned_by if row else None)
        status = PlanStatus(plan.status)
        header = self._header(org, person, plan.plan_date, status.label(lang), status.value,
                              plan.submitted_at)  # fmt: skip
        rows = tuple(
            PlanRow(
                number=n,
                time=item.planned_time or "",
                customer=item.customer_name,
                area=areas.get(item.customer_id, ""),
                purpose=_label(VisitPurpose, item.purpose, lang),
                objective=item.objective or "",
            )
            for n, item in enumerate(plan.items, start=1)
        )
        signed = status is PlanStatus.COUNTERSIGNED
        sign_off = SignOff(
            signed=signed,
            signer_name=signer if signed else None,
            signed_at=self._local(plan.countersigned_at) if signed else None,
            comment=plan.review_comment,
        )
        # The month's targets as they stand before the day; the plan's share of the day
        # is its number of visits (a plan holds no amounts).
        targets = tuple(
            TargetLine(
                kind=t.kind,
                label=_label(TargetKind, t.kind, lang),
                money=t.kind in MONEY_KINDS,
                day_actual=len(rows) if t.kind == TargetKind.VISITS.value else None,
                day_target=t.day_target,
                month_actual=t.month_actual,
                month_target=t.month_target,
            )
            for t in reports.targets(plan.plan_date, ())
        )
        return PlanForm(lang, header, rows, targets, sign_off)

    def _report_form(
        self,
        org: OrgTree,
        person: Person,
        report: ReportView,
        plan: PlanView | None,
        lang: str,
    ) -> ReportForm:
        draft = report.draft
        report_id = draft.id or ""
        with self._store.reading() as s:
            row = s.get(DailyReport, report_id)
            stored_hash = row.content_hash if row else None
            now_hash = content_hash(s, report_id)
        status = ReportStatus(report.status)
        header = self._header(org, person, draft.report_date, status.label(lang), status.value,
                              report.submitted_at)  # fmt: skip
        late = is_late(report.due_at, report.submitted_at, self._store.clock.utcnow())
        header = replace(header, due_at=self._local(report.due_at), late=late,
                       attendance=_label(Attendance, draft.attendance, lang))  # fmt: skip
        # The saved visits (a draft's planned visits not yet filled in are on it too, as
        # saved); not the editor's pre-fill of plan items never saved.
        visits = [v for v in draft.visits if v.id is not None]
        rows = tuple(_report_row(n, v, lang) for n, v in enumerate(visits, start=1))
        item_ids = {i.id for i in plan.items} if plan is not None else set()
        visited_items = {v.plan_item_id for v in visits if v.plan_item_id and is_visited(v)}
        signed = status is ReportStatus.SIGNED
        # A report signed on this laptop or the server keeps the hash of what was signed;
        # an older row without it is hashed as it stands (it is frozen since the sign-off).
        signed_hash = (stored_hash or now_hash) if signed else None
        sign_off = SignOff(
            signed=signed,
            signer_name=report.signed_by_name if signed else None,
            signed_at=self._local(report.signed_at) if signed else None,
            comment=report.review_comment,
            fingerprint=fingerprint(signed_hash),
            fingerprint_matches=signed_hash is None or signed_hash == now_hash,
        )
        targets = tuple(
            TargetLine(
                kind=t.kind,
                label=_label(TargetKind, t.kind, lang),
                money=t.kind in MONEY_KINDS,
                day_actual=t.day_actual,
                day_target=t.day_target,
                month_actual=t.month_actual,
                month_target=t.month_target,
            )
            for t in report.targets
        )
        return ReportForm(
            lang=lang,
            header=header,
            rows=rows,
            totals=day_totals(visits),
            planned_items=len(item_ids),
            planned_visited=len(visited_items & item_ids),
            unplanned=sum(1 for v in visits if v.plan_item_id not in item_ids and is_visited(v)),
            targets=targets,
            expenses_fen=draft.expenses_fen,
            expense_note=draft.expense_note or "",
            reflections=draft.reflections or "",
            sign_off=sign_off,
        )


def _report_row(number: int, v: VisitDraft, lang: str) -> ReportRow:
    time = "–".join(t for t in (v.start_time, v.end_time) if t)
    return ReportRow(
        number=number,
        time=time,
        customer=v.customer_name,
        planned=v.planned,
        purpose=_label(VisitPurpose, v.purpose, lang),
        contacts=v.contacts_met or "",
        outcome=_label(VisitOutcome, v.outcome, lang) if v.outcome else "",
        effective=v.is_effective,
        order_fen=v.order_amount_fen,
        collection_fen=v.collection_amount_fen,
        complaint_handled=v.complaint_handled,
        competitor_info=v.competitor_info or "",
        customer_feedback=v.customer_feedback or "",
        customer_news=v.customer_news or "",
        next_step=" ".join(
            x
            for x in (v.next_step or "", v.next_step_on.isoformat() if v.next_step_on else "")
            if x
        ),
    )


def _label(picklist: type[Picklist], code: str | None, lang: str) -> str:
    if not code:
        return ""
    try:
        return picklist(code).label(lang)
    except ValueError:
        return code or ""


def _areas(s: Session, customer_ids: Sequence[str]) -> dict[str, str]:
    """区域 of each customer: its sales territory, or else its region."""
    if not customer_ids:
        return {}
    rows = s.execute(
        select(Customer.id, Customer.territory, Customer.region).where(
            Customer.id.in_(set(customer_ids))
        )
    ).all()
    return {cid: territory or region or "" for cid, territory, region in rows}


def _name(s: Session, user_id: str | None) -> str | None:
    if not user_id:
        return None
    return s.scalar(select(User.display_name).where(User.id == user_id))


def _week_of(day: dt.date) -> list[dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=i) for i in range(7)]


F = TypeVar("F", PlanForm, ReportForm)


def _only(bundle: FormBundle, kind: type[F]) -> F:
    form = bundle.forms[0]
    assert isinstance(form, kind)
    return form


def _kind_names(kinds: Sequence[str], lang: str) -> str:
    names = {
        PLAN: _t(lang, "拜访计划", "visit plan"),
        REPORT: _t(lang, "销售报告", "sales report"),
    }
    return _t(lang, "或", " or ").join(names[k] for k in kinds)


def _nothing(kinds: Sequence[str], people: Sequence[Person], days: Sequence[dt.date]) -> Exception:
    who_zh = "、".join(p.display_name for p in people) or "该团队没有销售员"
    who_en = ", ".join(p.display_name for p in people) or "the team has no reps"
    when = days[0].isoformat() if len(days) == 1 else f"{days[0]} – {days[-1]}"
    return ValidationError(
        f"{who_zh} 在 {when} 没有可打印的{_kind_names(kinds, 'zh_CN')}",
        f"{who_en}: no {_kind_names(kinds, 'en')} to print for {when}",
        "date",
    )


def _title(
    kinds: Sequence[str],
    people: Sequence[Person],
    day: dt.date,
    team: str | None,
    week: bool,
    lang: str,
) -> str:
    what = _t(lang, "计划与报告", "Plans and reports")
    if list(kinds) == [PLAN]:
        what = _t(lang, "每日拜访计划表", "Daily visit plan")
    elif list(kinds) == [REPORT]:
        what = _t(lang, "每日销售报告表", "Daily sales report")
    if team is not None:
        return f"{team} {day.isoformat()} {what}"
    who = people[0].display_name if people else ""
    if week:
        year, number, _ = day.isocalendar()
        return f"{who} {year}-W{number:02d} {what}"
    return f"{who} {day.isoformat()} {what}"

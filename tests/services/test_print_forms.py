"""The printed forms' data (services/printing): a rep's plan and report as F1 / F2 with the
sign-off box and the signed snapshot's fingerprint, a week, a team's day, and who may
print what."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest
from sqlalchemy import select, text

from crm_desktop.domain.daily import PlanItemDraft
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.services.day.daily_reports import DailyReportService
from crm_desktop.services.day.day_plans import DayPlanService
from crm_desktop.services.printing.fingerprint import fingerprint
from crm_desktop.services.printing.form_service import PrintFormService
from crm_desktop.services.printing.forms import PLAN, REPORT, PlanForm, ReportForm
from crm_desktop.services.review.review import REPORT as REVIEW_REPORT
from crm_desktop.store.models import Customer, DailyReport, Target, Team, User
from crm_desktop.store.unit_of_work import UnitOfWork

DAY = dt.date(2026, 11, 23)  # a Monday (the fixed clock's day)


@dataclass
class PrintOrg:
    supervisor: str
    rep_a: str
    rep_b: str
    outsider: str


def _user(services: Services, username: str, name: str, role: Role, boss: str | None,
          team: str | None) -> str:  # fmt: skip
    with UnitOfWork(services.store, None) as uow:
        user = User(username=username, display_name=name, role=role.value, supervisor_id=boss,
                    team_id=team)  # fmt: skip
        uow.session.add(user)
        uow.commit()
        return user.id


def build_print_org(services: Services) -> PrintOrg:
    """李明华 supervises 北京一组 (张伟, 刘洋); 孙丽 is a rep of nobody's team here."""
    with UnitOfWork(services.store, None) as uow:
        team = Team(name="北京一组")
        uow.session.add(team)
        uow.commit()
        team_id = team.id
    supervisor = _user(services, "li", "李明华", Role.SUPERVISOR, None, team_id)
    with UnitOfWork(services.store, None) as uow:
        row = uow.session.get(Team, team_id)
        assert row is not None
        row.supervisor_id = supervisor
        uow.commit()
    return PrintOrg(
        supervisor,
        _user(services, "zhang", "张伟", Role.REP, supervisor, team_id),
        _user(services, "liu", "刘洋", Role.REP, supervisor, team_id),
        _user(services, "sun", "孙丽", Role.REP, None, None),
    )


def customer(services: Services, name: str, owner: str, territory: str | None = None) -> str:
    with UnitOfWork(services.store, owner) as uow:
        row = Customer(name=name, owner_id=owner, status="active", value_class="B",
                       territory=territory)  # fmt: skip
        uow.session.add(row)
        uow.commit()
        return row.id


def rep_day(services: Services, rep: str, day: dt.date, names: list[str], *,
            report: bool = True) -> None:  # fmt: skip
    """As `rep`: plan visits to `names` (submitted); report the first as an effective
    order of ¥1,234.50 with news of a competitor, and submit it."""
    services.user.switch(rep)
    ids = [customer(services, n, rep, territory="海淀区") for n in names]
    plans = DayPlanService(services.store, services.user)
    plans.save_items(day, [
        PlanItemDraft(customer_id=c, planned_time=f"{9 + i:02d}:30", purpose="order",
                      objective="谈年度合同" if i == 0 else None)
        for i, c in enumerate(ids)
    ])  # fmt: skip
    plans.submit(day)
    if not report:
        return
    reports = DailyReportService(services.store, services.user)
    draft = reports.report(day).draft
    first = replace(draft.visits[0], outcome="order_placed", is_effective=True,
                    order_amount_fen=123_450, collection_amount_fen=50_000,
                    contacts_met="王经理", competitor_info="竞品降价 5%",
                    end_time="10:15")  # fmt: skip
    reports.submit(replace(draft, visits=(first, *draft.visits[1:]), reflections="客户重视交期",
                           expenses_fen=8_800))  # fmt: skip


def sign(services: Services, supervisor: str, rep: str, day: dt.date, comment: str) -> None:
    services.user.switch(supervisor)
    review = services.review()
    item = next(i for i in review.queue() if i.kind == REVIEW_REPORT and i.rep_id == rep
                and i.day == day)  # fmt: skip
    review.sign_report(review.open_item(REVIEW_REPORT, item.id), comment)


def printer(services: Services, user: str) -> PrintFormService:
    services.user.switch(user)
    return services.print_forms()


def test_plan_form_is_f1_with_area_time_purpose_and_an_open_countersign_box(
    services: Services,
) -> None:
    org = build_print_org(services)
    with UnitOfWork(services.store, None) as uow:
        uow.session.add(Target(kind="visits", assignee_user_id=org.rep_a, period_kind="month",
                               period_start=dt.date(2026, 11, 1),
                               period_end=dt.date(2026, 11, 30), value=63))  # fmt: skip
        uow.commit()
    rep_day(services, org.rep_a, DAY, ["华联商厦", "京客隆"], report=False)

    form = printer(services, org.rep_a).plan_form(DAY, "zh_CN")

    assert isinstance(form, PlanForm)
    assert (form.header.rep_name, form.header.team_name, form.header.day) == ("张伟", "北京一组",
                                                                              DAY)  # fmt: skip
    assert form.header.status_label == "已提交"
    assert [(r.time, r.customer, r.area, r.purpose, r.objective) for r in form.rows] == [
        ("09:30", "华联商厦", "海淀区", "订货", "谈年度合同"),
        ("10:30", "京客隆", "海淀区", "订货", ""),
    ]
    # Two visits planned against a day's share of 63 visits over November's 21 workdays.
    (visits,) = form.targets
    assert (visits.label, visits.day_actual, visits.day_target, visits.month_target) == (
        "拜访数", 2, 3, 63)  # fmt: skip
    assert not form.sign_off.signed and form.sign_off.signer_name is None


def test_countersigned_plan_names_the_supervisor_time_and_comment(services: Services) -> None:
    org = build_print_org(services)
    rep_day(services, org.rep_a, DAY, ["华联商厦"], report=False)
    services.user.switch(org.supervisor)
    review = services.review()
    plan_id = next(i.id for i in review.queue() if i.kind == "plan")
    review.countersign_plan(plan_id, "先去华联")

    form = printer(services, org.supervisor).plan_form(DAY, "en", rep="zhang")

    assert form.sign_off.signed
    assert (form.sign_off.signer_name, form.sign_off.comment) == ("李明华", "先去华联")
    # The fixed clock's 10:00 in Beijing, as a wall-clock time.
    assert form.sign_off.signed_at == dt.datetime(2026, 11, 23, 10, 0)
    assert form.header.status_label == "Countersigned"


def test_report_form_has_visits_totals_reflections_and_no_fingerprint_until_signed(
    services: Services,
) -> None:
    org = build_print_org(services)
    rep_day(services, org.rep_a, DAY, ["华联商厦", "京客隆"])

    form = printer(services, org.rep_a).report_form(DAY, "zh_CN")

    assert isinstance(form, ReportForm)
    # The submit keeps the visit made; the planned visit left empty is not a visit.
    assert [(r.customer, r.outcome, r.effective, r.order_fen, r.time, r.contacts)
            for r in form.rows] == [("华联商厦", "已下订单", True, 123_450, "09:30–10:15",
                                     "王经理")]  # fmt: skip
    assert form.rows[0].competitor_info == "竞品降价 5%"
    assert (form.totals.visits, form.totals.order_amount_fen, form.totals.collection_fen) == (
        1, 123_450, 50_000)  # fmt: skip
    assert (form.planned_items, form.planned_visited, form.unplanned) == (2, 1, 0)
    assert (form.reflections, form.expenses_fen) == ("客户重视交期", 8_800)
    assert form.header.attendance == "出勤"
    assert not form.sign_off.signed and form.sign_off.fingerprint is None


def test_signed_report_carries_the_signed_snapshots_fingerprint(services: Services) -> None:
    org = build_print_org(services)
    rep_day(services, org.rep_a, DAY, ["华联商厦"])
    sign(services, org.supervisor, org.rep_a, DAY, "很好，继续跟进")
    with services.store.reading() as s:
        stored = s.scalar(select(DailyReport.content_hash).where(DailyReport.owner_id == org.rep_a))
    assert stored

    form = printer(services, org.supervisor).report_form(DAY, "zh_CN", rep="zhang")

    assert form.sign_off.signed
    assert (form.sign_off.signer_name, form.sign_off.comment) == ("李明华", "很好，继续跟进")
    assert form.sign_off.fingerprint == fingerprint(stored)
    assert form.sign_off.fingerprint == "-".join(stored.upper()[i : i + 4] for i in (0, 4, 8))
    assert form.sign_off.fingerprint_matches


def test_fingerprint_is_twelve_hex_digits_in_groups_of_four() -> None:
    assert fingerprint("3f2a9c01b7e4d5" + "0" * 50) == "3F2A-9C01-B7E4"
    assert fingerprint(None) is None and fingerprint("") is None


def test_a_rep_prints_only_their_own_forms_and_errors_say_what_is_missing(
    services: Services,
) -> None:
    org = build_print_org(services)
    rep_day(services, org.rep_a, DAY, ["华联商厦"], report=False)
    rep_day(services, org.rep_b, DAY, ["京客隆"], report=False)

    mine = printer(services, org.rep_b)
    with pytest.raises(ValidationError) as refused:
        mine.plan_form(DAY, "zh_CN", rep="zhang")
    assert "张伟不在您的范围内" in refused.value.message("zh_CN")
    with pytest.raises(ValidationError) as unknown:
        mine.plan_form(DAY, "zh_CN", rep="nobody")
    assert "nobody" in unknown.value.message("en")
    with pytest.raises(ValidationError) as nothing:
        mine.report_form(DAY, "zh_CN")
    assert nothing.value.message("zh_CN") == f"刘洋 在 {DAY} 没有可打印的销售报告"
    assert "no sales report to print" in nothing.value.message("en")
    # The supervisor's scope holds both reps, not the outsider.
    boss = printer(services, org.supervisor)
    assert boss.plan_form(DAY, "zh_CN", rep="liu").rows[0].customer == "京客隆"
    with pytest.raises(ValidationError):
        boss.plan_form(DAY, "zh_CN", rep="sun")


def test_a_week_and_a_teams_day_print_every_form_and_name_the_gaps(services: Services) -> None:
    org = build_print_org(services)
    rep_day(services, org.rep_a, DAY, ["华联商厦"])
    rep_day(services, org.rep_a, DAY + dt.timedelta(days=2), ["京客隆"], report=False)
    rep_day(services, org.rep_b, DAY, ["物美"], report=False)

    week = printer(services, org.supervisor).bundle(
        [PLAN, REPORT], DAY + dt.timedelta(days=4), "zh_CN", rep="zhang", week=True
    )
    assert [(f.kind, f.header.day) for f in week.forms] == [
        (PLAN, DAY), (REPORT, DAY), (PLAN, DAY + dt.timedelta(days=2))]  # fmt: skip
    assert len(week.missing) == 5 and "张伟 2026-11-24" in week.missing
    assert week.title == "张伟 2026-W48 计划与报告"

    team = printer(services, org.supervisor).bundle([PLAN], DAY, "zh_CN", team="北京一组")
    assert sorted(f.header.rep_name for f in team.forms) == ["刘洋", "张伟"]
    with pytest.raises(ValidationError) as unknown:
        printer(services, org.supervisor).bundle([PLAN], DAY, "en", team="上海组")
    assert "上海组" in unknown.value.message("en")


def test_a_signed_report_changed_behind_the_freeze_prints_a_warning(services: Services) -> None:
    """The fingerprint stays the signed snapshot's; the form says the content differs."""
    org = build_print_org(services)
    rep_day(services, org.rep_a, DAY, ["华联商厦"])
    sign(services, org.supervisor, org.rep_a, DAY, "好")
    with services.store.reading() as s:
        report_id, stored = s.execute(select(DailyReport.id, DailyReport.content_hash)).one()
    # Past the freeze trigger the way only a reopen may (its grant row), as a tampered
    # file would be.
    with services.store.write_sessions() as session, session.begin():
        session.execute(text("INSERT INTO report_reopen_grants (report_id) VALUES (:r)"),
                        {"r": report_id})  # fmt: skip
        session.execute(text("UPDATE visit_records SET order_amount_fen = 999 WHERE report_id"
                             " = :r"), {"r": report_id})  # fmt: skip
        session.execute(text("DELETE FROM report_reopen_grants"))

    form = printer(services, org.supervisor).report_form(DAY, "zh_CN", rep="zhang")

    assert form.sign_off.fingerprint == fingerprint(stored)
    assert not form.sign_off.fingerprint_matches
    assert form.totals.order_amount_fen == 999


def test_a_teams_day_is_not_mixed_with_one_rep_or_a_week(services: Services) -> None:
    org = build_print_org(services)
    rep_day(services, org.rep_a, DAY, ["华联商厦"], report=False)
    forms = printer(services, org.supervisor)
    for extra in ({"rep": "zhang"}, {"week": True}):
        with pytest.raises(ValidationError) as refused:
            forms.bundle([PLAN], DAY, "zh_CN", team="北京一组", **extra)  # type: ignore[arg-type]
        assert "团队" in refused.value.message("zh_CN")

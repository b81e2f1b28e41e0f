"""Plan and report drafts: time parsing, validation messages, day totals, day targets."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_desktop.domain.daily import (
    DayTotals,
    PlanItemDraft,
    ReportDraft,
    TargetProgress,
    VisitDraft,
    day_totals,
    follow_up_due,
    is_visited,
    parse_time,
    report_problems,
    target_for_day,
    unvisited_planned,
    validate_plan_item,
    validate_report,
    validate_visit,
    visit_problems,
    workdays,
)
from crm_desktop.domain.errors import ValidationError

DAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:30", "09:30"),
        ("09:30", "09:30"),
        ("0930", "09:30"),
        ("9.05", "09:05"),
        ("９：３０", "09:30"),
        (" 23:59 ", "23:59"),
        ("", None),
        ("  ", None),
        (None, None),
    ],
)
def test_parse_time_reads_what_people_type(text: str | None, expected: str | None) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "9:60", "930am", "abc", "9", "12:3"])
def test_parse_time_refuses_nonsense_with_the_field(text: str) -> None:
    with pytest.raises(ValidationError, match="not a valid time") as raised:
        parse_time(text, "start_time")
    assert raised.value.field == "start_time"
    assert "09:30" in raised.value.message_zh


def test_end_before_start_is_refused() -> None:
    visit = VisitDraft(customer_id="c1", start_time="10:00", end_time="9:30")
    with pytest.raises(ValidationError) as raised:
        validate_visit(visit, DAY)
    assert raised.value.field == "end_time"
    assert "早于开始时间" in raised.value.message_zh


def test_same_start_and_end_is_fine() -> None:
    validate_visit(VisitDraft(customer_id="c1", start_time="10:00", end_time="10:00"), DAY)


@pytest.mark.parametrize("name", ["order_amount_fen", "collection_amount_fen"])
def test_negative_money_is_refused(name: str) -> None:
    visit = VisitDraft(customer_id="c1", **{name: -1})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="negative") as raised:
        validate_visit(visit, DAY)
    assert raised.value.field == name


def test_negative_expenses_are_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        validate_report(ReportDraft(report_date=DAY, expenses_fen=-100))
    assert raised.value.field == "expenses_fen"


def test_next_step_before_the_visit_is_refused() -> None:
    visit = VisitDraft(customer_id="c1", next_step="报价", next_step_on=DAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as raised:
        validate_visit(visit, DAY)
    assert raised.value.field == "next_step_on"


def test_next_step_date_needs_a_next_step() -> None:
    with pytest.raises(ValidationError) as raised:
        validate_visit(VisitDraft(customer_id="c1", next_step_on=DAY), DAY)
    assert raised.value.field == "next_step"


def test_unknown_codes_are_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        validate_visit(VisitDraft(customer_id="c1", outcome="maybe"), DAY)
    assert raised.value.field == "outcome"
    with pytest.raises(ValidationError):
        validate_plan_item(PlanItemDraft(customer_id="c1", purpose="fun"))
    with pytest.raises(ValidationError):
        validate_report(ReportDraft(report_date=DAY, attendance="asleep"))


def test_report_problem_names_the_customer() -> None:
    report = ReportDraft(
        report_date=DAY,
        visits=(VisitDraft(customer_id="c1", customer_name="华东贸易", order_amount_fen=-5),),
    )
    with pytest.raises(ValidationError) as raised:
        validate_report(report)
    assert "华东贸易" in raised.value.message_zh
    assert raised.value.field == "order_amount_fen"


def test_plan_item_needs_a_customer_and_a_valid_time() -> None:
    with pytest.raises(ValidationError):
        validate_plan_item(PlanItemDraft(customer_id=""))
    with pytest.raises(ValidationError) as raised:
        validate_plan_item(PlanItemDraft(customer_id="c1", planned_time="25:00"))
    assert raised.value.field == "planned_time"
    assert PlanItemDraft(customer_id="c1", planned_time="8:00").cleaned().planned_time == "08:00"


def test_appointment_follow_up_is_due_the_day_before() -> None:
    assert follow_up_due("appointment", DAY) == DAY - dt.timedelta(days=1)
    assert follow_up_due("next_step", DAY) == DAY
    assert follow_up_due("promise", DAY) == DAY


def test_day_totals() -> None:
    visits = [
        VisitDraft(customer_id="a", is_effective=True, order_amount_fen=100_00),
        VisitDraft(customer_id="b", is_effective=True, collection_amount_fen=50_00),
        VisitDraft(customer_id="c"),
        VisitDraft(customer_id="d", order_amount_fen=1),
    ]
    totals = day_totals(visits)
    assert totals == DayTotals(4, 2, 2, 100_01, 50_00)
    assert totals.effective_rate == Decimal("0.5")
    assert totals.transaction_rate == Decimal("0.5")
    assert day_totals([]).effective_rate is None


@given(
    st.lists(st.tuples(st.booleans(), st.integers(0, 10**9), st.integers(0, 10**9)), max_size=30)
)
def test_day_totals_add_up(rows: list[tuple[bool, int, int]]) -> None:
    visits = [VisitDraft(customer_id="x", is_effective=e, order_amount_fen=o,
                         collection_amount_fen=c) for e, o, c in rows]  # fmt: skip
    half = len(visits) // 2
    assert day_totals(visits[:half]) + day_totals(visits[half:]) == day_totals(visits)
    assert day_totals(visits).order_amount_fen == sum(o for _, o, _ in rows)


def test_workdays_and_day_target() -> None:
    assert workdays(month_of=dt.date(2026, 11, 1)) == 21  # November 2026: 21 weekdays
    assert workdays(month_of=dt.date(2026, 2, 14)) == 20
    assert target_for_day(21_000, DAY) == 1000
    assert target_for_day(100, DAY) == 5  # 4.76 rounds half-up to 5
    assert target_for_day(0, DAY) == 0


def test_target_progress_ratios() -> None:
    progress = TargetProgress("visits", day_actual=3, day_target=4, month_actual=30, month_target=0)
    assert progress.day_ratio == Decimal("0.75")
    assert progress.month_ratio is None  # no target: no ratio, not a division by zero


def test_every_problem_is_listed_at_once_naming_visit_and_field() -> None:
    report = ReportDraft(
        report_date=DAY,
        visits=(
            VisitDraft(customer_id="c1", customer_name="华东贸易", start_time="10:00"),
            VisitDraft(
                customer_id="c2",
                customer_name="明通百货",
                order_amount_fen=-50_000,
                collection_amount_fen=-1,
            ),
        ),
    )
    problems = report_problems(report)
    assert [p.field for p in problems] == ["order_amount_fen", "collection_amount_fen"]
    assert problems[1].message_zh.startswith("第2条拜访（明通百货） · 回款金额：")
    assert problems[1].message_en.startswith("Visit 2 (明通百货) · Collection amount: ")
    with pytest.raises(ValidationError) as raised:
        validate_report(report)
    assert raised.value.message_zh.count("\n") == 1  # both problems in one message


def test_an_amount_beyond_the_hard_limit_is_a_problem_of_its_field() -> None:
    visit = VisitDraft(customer_id="c1", collection_amount_fen=10**19)
    assert [p.field for p in visit_problems(visit, DAY)] == ["collection_amount_fen"]


def test_an_empty_planned_visit_is_not_a_visit_made() -> None:
    prefilled = VisitDraft(
        customer_id="c1", planned=True, plan_item_id="i1", purpose="order", start_time="09:00"
    )
    assert not is_visited(prefilled)
    assert is_visited(replace(prefilled, contacts_met="王经理"))
    assert is_visited(replace(prefilled, collection_amount_fen=100))
    assert is_visited(VisitDraft(customer_id="c2"))  # unplanned: added for a visit made
    visits = [prefilled, replace(prefilled, is_effective=True), VisitDraft(customer_id="c2")]
    assert day_totals(visits).visits == 2
    assert unvisited_planned(visits) == 1

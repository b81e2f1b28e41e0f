"""The day's plan and report as the user edits them: drafts, their rules, the day totals.

A plan item is a customer to visit with a time, a purpose and an objective (SPEC §2.2); a
visit is one line of the daily sales report with every field of SPEC §2.3. The drafts are
plain values the GUI fills and the services store; the rules here need no database.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.kpi import achievement, effective_visit_rate, transaction_rate
from crm_desktop.domain.money import check_amount
from crm_desktop.domain.picklists import (
    Attendance,
    FollowUpKind,
    Picklist,
    VisitOutcome,
    VisitPurpose,
)

_TIME = re.compile(r"^(?P<h>[0-9]{1,2})[:.]?(?P<m>[0-9]{2})$")


def parse_time(text: str | None, field_name: str = "time") -> str | None:
    """A time of day as people type it ("9:30", "0930", "9.30", "９：３０") → "09:30".

    Empty text is no time (None). Anything else raises ValidationError naming the field.
    """
    if text is None:
        return None
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded:
        return None
    match = _TIME.fullmatch(folded)
    hour = int(match["h"]) if match else -1
    minute = int(match["m"]) if match else -1
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValidationError(
            f"“{text}”不是有效的时间，请输入如 09:30",
            f'"{text}" is not a valid time; type e.g. 09:30',
            field=field_name,
        )
    return f"{hour:02d}:{minute:02d}"


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _check_code(kind: type[Picklist], code: str | None, field_name: str, what: str) -> None:
    if code is None:
        return
    try:
        kind(code)
    except ValueError as error:
        raise ValidationError(
            f"未知的{what}“{code}”", f"Unknown {field_name.replace('_', ' ')}: {code}", field_name
        ) from error


@dataclass(frozen=True)
class PlanItemDraft:
    """One customer on the day's visit plan."""

    customer_id: str
    id: str | None = None
    customer_name: str = ""  # for display only; never written
    planned_time: str | None = None  # "HH:MM"
    purpose: str = VisitPurpose.OTHER.value
    objective: str | None = None

    def cleaned(self) -> PlanItemDraft:
        return replace(
            self,
            planned_time=parse_time(self.planned_time, "planned_time"),
            objective=_clean(self.objective),
        )


def empty_plan_error() -> ValidationError:
    """A plan is submitted with at least one customer to visit."""
    return ValidationError(
        "计划中还没有客户，请先添加要拜访的客户",
        "The plan has no customers yet; add the customers to visit first",
        "items",
    )


def validate_plan_item(item: PlanItemDraft) -> None:
    if not item.customer_id:
        raise ValidationError("请选择客户", "Choose a customer", "customer")
    parse_time(item.planned_time, "planned_time")
    _check_code(VisitPurpose, item.purpose, "purpose", "拜访目的")


@dataclass(frozen=True)
class VisitDraft:
    """One visit record of the daily report: planned (from a plan item) or unplanned."""

    customer_id: str
    id: str | None = None
    customer_name: str = ""  # for display only; never written
    plan_item_id: str | None = None
    planned: bool = False
    contacts_met: str | None = None
    purpose: str = VisitPurpose.OTHER.value
    start_time: str | None = None
    end_time: str | None = None
    outcome: str | None = None
    is_effective: bool = False
    order_amount_fen: int = 0
    collection_amount_fen: int = 0
    complaint_handled: bool = False
    competitor_info: str | None = None
    customer_feedback: str | None = None
    customer_news: str | None = None
    next_step: str | None = None
    next_step_on: dt.date | None = None
    # What the next step is (FollowUpKind): an appointment is confirmed the day before.
    next_step_kind: str = FollowUpKind.NEXT_STEP.value

    def cleaned(self) -> VisitDraft:
        return replace(
            self,
            start_time=parse_time(self.start_time, "start_time"),
            end_time=parse_time(self.end_time, "end_time"),
            contacts_met=_clean(self.contacts_met),
            competitor_info=_clean(self.competitor_info),
            customer_feedback=_clean(self.customer_feedback),
            customer_news=_clean(self.customer_news),
            next_step=_clean(self.next_step),
        )


# How a message names a visit's field: "第2条拜访 · 回款金额：…".
VISIT_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "customer": ("客户", "Customer"),
    "contacts_met": ("洽谈对象", "Contacts met"),
    "purpose": ("拜访目的", "Purpose"),
    "start_time": ("开始时间", "Start time"),
    "end_time": ("结束时间", "End time"),
    "outcome": ("洽谈结果", "Outcome"),
    "order_amount_fen": ("订货金额", "Order amount"),
    "collection_amount_fen": ("回款金额", "Collection amount"),
    "next_step": ("下一步行动", "Next step"),
    "next_step_on": ("下一步日期", "Next step date"),
    "next_step_kind": ("下一步类型", "Next step type"),
}
AMOUNT_FIELDS = ("order_amount_fen", "collection_amount_fen")


def visit_label(number: int, field_name: str | None, customer: str = "") -> tuple[str, str]:
    """How a message names a visit and field, `number` counting from 1:
    "第2条拜访（华东贸易） · 回款金额" / "Visit 2 (华东贸易) · Collection amount"."""
    zh, en = f"第{number}条拜访", f"Visit {number}"
    if customer:
        zh, en = f"{zh}（{customer}）", f"{en} ({customer})"
    label = VISIT_FIELD_LABELS.get(field_name or "")
    if label is None:
        return zh, en
    return f"{zh} · {label[0]}", f"{en} · {label[1]}"


def named(error: ValidationError, number: int, customer: str = "") -> ValidationError:
    """`error` with the visit and the field it is about in front of its message."""
    zh, en = visit_label(number, error.field, customer)
    return ValidationError(f"{zh}：{error.message_zh}", f"{en}: {error.message_en}", error.field)


def check_visit_amount(fen: int, field_name: str) -> int:
    """The money rule (domain/money.py) for one of a visit's amounts, naming the field."""
    try:
        return check_amount(fen)
    except ValidationError as error:
        raise ValidationError(error.message_zh, error.message_en, field_name) from error


def visit_problems(visit: VisitDraft, visit_date: dt.date) -> list[ValidationError]:
    """Every broken rule of one visit record, each with its `field`."""
    problems: list[ValidationError] = []

    def check(rule: Callable[[], object]) -> None:
        try:
            rule()
        except ValidationError as error:
            problems.append(error)

    if not visit.customer_id:
        problems.append(ValidationError("请选择客户", "Choose a customer", "customer"))
    check(lambda: parse_time(visit.start_time, "start_time"))
    check(lambda: parse_time(visit.end_time, "end_time"))
    check(lambda: _check_order(visit))
    check(lambda: _check_code(VisitPurpose, visit.purpose, "purpose", "拜访目的"))
    check(lambda: _check_code(VisitOutcome, visit.outcome, "outcome", "洽谈结果"))
    check(lambda: _check_code(FollowUpKind, visit.next_step_kind, "next_step_kind", "下一步类型"))
    check(lambda: check_visit_amount(visit.order_amount_fen, "order_amount_fen"))
    check(lambda: check_visit_amount(visit.collection_amount_fen, "collection_amount_fen"))
    check(lambda: _check_next_step(visit, visit_date))
    return problems


def _check_order(visit: VisitDraft) -> None:
    start = _quiet_time(visit.start_time)
    end = _quiet_time(visit.end_time)
    # "HH:MM" strings compare in time order.
    if start is not None and end is not None and end < start:
        raise ValidationError(
            f"结束时间 {end} 早于开始时间 {start}",
            f"The end time {end} is before the start time {start}",
            "end_time",
        )


def _quiet_time(text: str | None) -> str | None:
    """A time for comparing; a bad one is reported by its own check."""
    try:
        return parse_time(text)
    except ValidationError:
        return None


def _check_next_step(visit: VisitDraft, visit_date: dt.date) -> None:
    if visit.next_step_on is not None and visit.next_step_on < visit_date:
        raise ValidationError(
            f"下一步日期 {visit.next_step_on.isoformat()} 早于拜访日期 {visit_date.isoformat()}",
            f"The next step date {visit.next_step_on.isoformat()} is before the visit "
            f"({visit_date.isoformat()})",
            "next_step_on",
        )
    if visit.next_step_on is not None and not _clean(visit.next_step):
        raise ValidationError(
            "填写了下一步日期，请同时写明下一步做什么",
            "A next step date needs a next step: say what is to be done",
            "next_step",
        )


def validate_visit(visit: VisitDraft, visit_date: dt.date) -> None:
    """The rules of one visit record; ValidationError with `field` on the first problem."""
    problems = visit_problems(visit, visit_date)
    if problems:
        raise problems[0]


def is_visited(visit: VisitDraft) -> bool:
    """Whether a visit record says the customer was visited: the one rule every count of
    visits made (totals, plan completion, review) follows.

    A planned visit arrives pre-filled with the plan's customer, purpose and time; until
    something only the visit can tell is written (who was met, an end time, an outcome,
    an amount, a note, a next step…), the customer was not visited. An unplanned visit
    was added by hand for a visit that took place.
    """
    if not visit.planned:
        return True
    return any(
        (
            _clean(visit.contacts_met),
            _clean(visit.end_time),
            visit.outcome,
            visit.is_effective,
            visit.order_amount_fen,
            visit.collection_amount_fen,
            visit.complaint_handled,
            _clean(visit.competitor_info),
            _clean(visit.customer_feedback),
            _clean(visit.customer_news),
            _clean(visit.next_step),
            visit.next_step_on,
        )
    )


@dataclass(frozen=True)
class ReportDraft:
    """The daily sales report's header and its visits, as the editor holds them."""

    report_date: dt.date
    id: str | None = None
    attendance: str = Attendance.PRESENT.value
    expenses_fen: int = 0
    expense_note: str | None = None
    reflections: str | None = None
    visits: tuple[VisitDraft, ...] = field(default_factory=tuple)

    def cleaned(self) -> ReportDraft:
        return replace(
            self,
            expense_note=_clean(self.expense_note),
            reflections=_clean(self.reflections),
            visits=tuple(v.cleaned() for v in self.visits),
        )


def report_problems(report: ReportDraft) -> list[ValidationError]:
    """Every broken rule of the report at once: the header's, then each visit's, each
    message naming the visit by its number and the field ("第2条拜访 · 回款金额：…")."""
    problems: list[ValidationError] = []
    try:
        _check_code(Attendance, report.attendance, "attendance", "出勤情况")
    except ValidationError as error:
        problems.append(error)
    try:
        check_amount(report.expenses_fen)
    except ValidationError as error:
        problems.append(
            ValidationError(
                f"费用：{error.message_zh}", f"Expenses: {error.message_en}", "expenses_fen"
            )
        )
    for number, visit in enumerate(report.visits, start=1):
        problems.extend(
            named(p, number, visit.customer_name) for p in visit_problems(visit, report.report_date)
        )
    return problems


def validate_report(report: ReportDraft) -> None:
    """All of the report's problems in one ValidationError (the first one's field)."""
    problems = report_problems(report)
    if problems:
        raise ValidationError(
            "\n".join(p.message_zh for p in problems),
            "\n".join(p.message_en for p in problems),
            problems[0].field,
        )


def unvisited_planned(visits: Iterable[VisitDraft]) -> int:
    """How many planned visits are still empty: not visited (is_visited)."""
    return sum(1 for v in visits if v.planned and not is_visited(v))


def follow_up_due(kind: str, next_step_on: dt.date) -> dt.date:
    """When the follow-up of a next step is due: an appointment is confirmed the day before."""
    if kind == FollowUpKind.APPOINTMENT.value:
        return next_step_on - dt.timedelta(days=1)
    return next_step_on


# --- day totals ------------------------------------------------------------------------


@dataclass(frozen=True)
class DayTotals:
    """The report's totals line: visits, effective visits, orders, collections."""

    visits: int = 0
    effective_visits: int = 0
    orders: int = 0  # visits with an order
    order_amount_fen: int = 0
    collection_fen: int = 0

    @property
    def effective_rate(self) -> Decimal | None:
        return effective_visit_rate(self.effective_visits, self.visits)

    @property
    def transaction_rate(self) -> Decimal | None:
        return transaction_rate(self.orders, self.visits)

    def __add__(self, other: DayTotals) -> DayTotals:
        return DayTotals(
            self.visits + other.visits,
            self.effective_visits + other.effective_visits,
            self.orders + other.orders,
            self.order_amount_fen + other.order_amount_fen,
            self.collection_fen + other.collection_fen,
        )


def day_totals(visits: Iterable[VisitDraft]) -> DayTotals:
    """Totals of the visits made (is_visited) as typed; amounts are summed exactly in fen."""
    count = effective = orders = amount = collected = 0
    for v in visits:
        if not is_visited(v):
            continue  # an empty planned visit: the customer was not visited
        count += 1
        effective += v.is_effective
        orders += v.order_amount_fen > 0
        amount += v.order_amount_fen
        collected += v.collection_amount_fen
    return DayTotals(count, effective, orders, amount, collected)


def workdays(days: Sequence[dt.date] | None = None, *, month_of: dt.date | None = None) -> int:
    """Working days (Monday to Friday) in `days`, or in the month holding `month_of`."""
    if days is None:
        if month_of is None:
            raise ValueError("give days or month_of")
        last = calendar.monthrange(month_of.year, month_of.month)[1]
        days = [month_of.replace(day=d) for d in range(1, last + 1)]
    return sum(1 for d in days if d.weekday() < 5)


def target_for_day(month_target: int, day: dt.date) -> int:
    """A month target spread over the month's working days, rounded half-up to a unit.

    Weekends carry no share: a rep who works on a Saturday gets no extra target for it,
    and the day's share shown is the working day's.
    """
    count = workdays(month_of=day)
    if count == 0:
        return 0
    whole, rest = divmod(month_target, count)
    return whole + (1 if rest * 2 >= count else 0)


@dataclass(frozen=True)
class TargetProgress:
    """One target kind (TargetKind code) on the report: the day and the month to date."""

    kind: str
    day_actual: int
    day_target: int
    month_actual: int  # month to date, this day included
    month_target: int

    @property
    def day_ratio(self) -> Decimal | None:
        return achievement(self.day_actual, self.day_target)

    @property
    def month_ratio(self) -> Decimal | None:
        return achievement(self.month_actual, self.month_target)

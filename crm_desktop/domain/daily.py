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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.kpi import achievement, effective_visit_rate, transaction_rate
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


def validate_visit(visit: VisitDraft, visit_date: dt.date) -> None:
    """The rules of one visit record; ValidationError with `field` on the first problem."""
    if not visit.customer_id:
        raise ValidationError("请选择客户", "Choose a customer", "customer")
    start = parse_time(visit.start_time, "start_time")
    end = parse_time(visit.end_time, "end_time")
    # "HH:MM" strings compare in time order.
    if start is not None and end is not None and end < start:
        raise ValidationError(
            f"结束时间 {end} 早于开始时间 {start}",
            f"The end time {end} is before the start time {start}",
            "end_time",
        )
    _check_code(VisitPurpose, visit.purpose, "purpose", "拜访目的")
    _check_code(VisitOutcome, visit.outcome, "outcome", "洽谈结果")
    _check_code(FollowUpKind, visit.next_step_kind, "next_step_kind", "下一步类型")
    if visit.order_amount_fen < 0:
        raise ValidationError(
            "订货金额不能为负数", "The order amount cannot be negative", "order_amount_fen"
        )
    if visit.collection_amount_fen < 0:
        raise ValidationError(
            "回款金额不能为负数",
            "The collection amount cannot be negative",
            "collection_amount_fen",
        )
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


def validate_report(report: ReportDraft) -> None:
    """Header rules, then each visit's; the message names the visit by customer."""
    _check_code(Attendance, report.attendance, "attendance", "出勤情况")
    if report.expenses_fen < 0:
        raise ValidationError("费用不能为负数", "Expenses cannot be negative", "expenses_fen")
    for visit in report.visits:
        try:
            validate_visit(visit, report.report_date)
        except ValidationError as error:
            if not visit.customer_name:
                raise
            raise ValidationError(
                f"拜访“{visit.customer_name}”：{error.message_zh}",
                f"Visit to “{visit.customer_name}”: {error.message_en}",
                error.field,
            ) from error


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
    """Totals of the visits as typed; amounts are summed exactly in fen."""
    count = effective = orders = amount = collected = 0
    for v in visits:
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

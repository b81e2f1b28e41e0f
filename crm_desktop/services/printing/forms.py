"""What goes on the printed forms: the training manual's F1 每日拜访计划表 (customers,
area, time schedule, purpose; countersigned by the supervisor) and F2 每日销售报告表
(attendance, each visit's result, complaints, orders and collections against target,
competitor news, customer feedback and news, the day's reflections; signed off with the
supervisor's comment). Plain data in the chosen language; the renderer (ui/printing) only
lays it out. Times are wall-clock times in the clock's zone, money is in fen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from crm_desktop.domain.daily import DayTotals
from crm_desktop.domain.kpi import achievement

PLAN = "plan"
REPORT = "report"
KINDS = (PLAN, REPORT)


@dataclass(frozen=True)
class FormHeader:
    """The form's head: who, which day, where the form stands in its workflow."""

    rep_name: str
    rep_username: str
    team_name: str
    day: dt.date
    status: str  # PlanStatus / ReportStatus code
    status_label: str
    submitted_at: dt.datetime | None  # local wall time
    printed_at: dt.datetime  # local wall time
    due_at: dt.datetime | None = None  # reports: the deadline (local)
    late: bool = False  # reports: submitted after the deadline (or not yet, and past it)
    attendance: str = ""  # reports: 出勤状况, as a label


@dataclass(frozen=True)
class SignOff:
    """The countersign (plan) or sign-off (report) box. `signed` is False for anything
    not yet countersigned / signed: the form then says 草稿 / 未签核 plainly."""

    signed: bool
    signer_name: str | None = None
    signed_at: dt.datetime | None = None  # local wall time
    comment: str | None = None  # 批示意见 (or a return's reason, while returned)
    # Reports only: the signed snapshot's fingerprint (fingerprint.py), and whether the
    # report as stored now still hashes to it (a signed report is frozen, so it should).
    fingerprint: str | None = None
    fingerprint_matches: bool = True


@dataclass(frozen=True)
class PlanRow:
    """One planned visit (F1: customer, area, time, purpose)."""

    number: int
    time: str
    customer: str
    area: str
    purpose: str
    objective: str


@dataclass(frozen=True)
class ReportRow:
    """One visit of the day (F2: result of the talks, complaints, orders, collections,
    competitor news, the customer's feedback and news), planned or not."""

    number: int
    time: str  # "09:30–10:15"
    customer: str
    planned: bool
    purpose: str
    contacts: str
    outcome: str
    effective: bool
    order_fen: int
    collection_fen: int
    complaint_handled: bool
    competitor_info: str
    customer_feedback: str
    customer_news: str
    next_step: str

    @property
    def has_notes(self) -> bool:
        return any((self.competitor_info, self.customer_feedback, self.customer_news,
                    self.next_step))  # fmt: skip


@dataclass(frozen=True)
class TargetLine:
    """One target kind against the day and the month to date (F2 field 4: 实绩与比率).

    On a plan the day's actual is what is planned (visits) or None (money: a plan holds
    no amounts), and the month to date stops before the day."""

    kind: str  # TargetKind code
    label: str
    money: bool
    day_actual: int | None
    day_target: int
    month_actual: int
    month_target: int

    @property
    def day_ratio(self) -> Decimal | None:
        return None if self.day_actual is None else achievement(self.day_actual, self.day_target)

    @property
    def month_ratio(self) -> Decimal | None:
        return achievement(self.month_actual, self.month_target)


@dataclass(frozen=True)
class PlanForm:
    kind = PLAN
    lang: str
    header: FormHeader
    rows: tuple[PlanRow, ...]
    targets: tuple[TargetLine, ...]
    sign_off: SignOff


@dataclass(frozen=True)
class ReportForm:
    kind = REPORT
    lang: str
    header: FormHeader
    rows: tuple[ReportRow, ...]
    totals: DayTotals
    planned_items: int  # the day's plan items
    planned_visited: int  # of them, visited
    unplanned: int  # visits not on the plan
    targets: tuple[TargetLine, ...]
    expenses_fen: int
    expense_note: str
    reflections: str  # 今日拜访心得
    sign_off: SignOff


Form = PlanForm | ReportForm


@dataclass(frozen=True)
class FormBundle:
    """The forms of one print job (a day, a rep's week, a team's day), in order, and the
    days or people that had nothing to print (said, not silently left out)."""

    title: str
    forms: tuple[Form, ...]
    missing: tuple[str, ...] = field(default_factory=tuple)

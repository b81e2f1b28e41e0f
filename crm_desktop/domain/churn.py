"""After the last order: churn warnings, defector cases and customer value (F16, §2.5-2.8).

Pure rules the churn page, the Dashboard and the demo share:

- **Churn warning** (流失预警, training reference F6 "异常客户" and §2.6 signals): a live
  customer is warned about when its orders over the trailing period fell by at least a
  set share against the same period a year before, when its last effective visit is
  older than twice its class's visit cadence, or when it has an open serious complaint.
- **Defector case** (跳槽顾客调查, F16): type (P13), root causes (the unified picklist of
  P14 + P15 + P16), interviewer, notes, improvement measures and a status.
- **Defection rate** (§2.13): customers lost in the period ÷ customers active at the
  period's start, per class and per rep.
- **Customer value** (§2.7-2.8): trailing 12-month spend, share of customer (our spend ÷
  the customer's estimated total spend on the category, when known) and a lifetime-value
  estimate, the present value of the margin the customer is expected to leave:
  CLV = Σ_{t=1..N} m × r^t / (1 + d)^t (§2.8's formula), with m = trailing 12-month
  spend × margin rate. The margin, retention and discount rates are assumptions the
  text does not give; they are stated in ValueAssumptions and shown with the figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from crm_desktop.domain.classification import DEFAULT_CADENCE, Cadence
from crm_desktop.domain.complaints import PENDING
from crm_desktop.domain.customer import _check_code, _Problems
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.domain.picklists import Picklist, Severity, ValueClass

NOTES_MAX = 4000
INTERVIEWER_MAX = 100


class ChurnSignal(Picklist):
    """Why a customer is on the warning list."""

    ORDER_DROP = ("order_drop", "订货下降", "Orders down")
    VISIT_OVERDUE = ("visit_overdue", "久未有效拜访", "No effective visit for too long")
    SERIOUS_COMPLAINT = ("serious_complaint", "严重投诉未结", "Open serious complaint")


class DefectionType(Picklist):
    """P13: who counts as a defector."""

    COMPLETE = ("complete", "完全流失", "Complete defector")
    PARTIAL = ("partial", "部分流失", "Partial defector")
    FORMER = ("former", "从前的顾客", "Former customer (left the category)")


class DefectionStatus(Picklist):
    OPEN = ("open", "调查中", "Investigating")
    WON_BACK = ("won_back", "已挽回", "Won back")
    CLOSED = ("closed", "已结案", "Closed")


class DefectionCause(Picklist):
    """The unified churn-reason picklist (training reference P14 + P15 + P16)."""

    # P14: the ten causes of our own making (客户流失的十大原因).
    RUDE = ("rude", "粗鲁、漠不关心或准备不足", "Rude, indifferent or unprepared")
    UNCLEAR_OWNER = ("unclear_owner", "不清楚谁是负责人", "Unclear who is in charge")
    WASTED_TIME = ("wasted_time", "不知所云，浪费顾客时间", "Wasted the customer's time")
    CHANGED_TERMS = ("changed_terms", "频繁改变交易方式", "Terms of trade changed often")
    EXAGGERATED = ("exaggerated", "夸大产品利益或服务", "Benefits or service exaggerated")
    HID_FACTS = ("hid_facts", "隐瞒注意事项或更省钱的选择", "Caveats or cheaper options hidden")
    SQUEEZED = ("squeezed", "每次交易都榨取每分钱", "Squeezed every penny from each deal")
    NO_AFTERCALL = ("no_aftercall", "交易后未回访确认", "No call after the deal")
    BROKEN_PROMISE = ("broken_promise", "不履行承诺", "Promises not kept")
    NO_REPLY = ("no_reply", "不回电或不回复", "Calls or messages not answered")
    # P15: outside our control.
    LIFE_CHANGE = ("life_change", "客户情况重大变化", "Major change at the customer")
    COMPETITOR_PROMOTION = ("competitor_promotion", "竞争对手促销", "Competitor promotion")
    CONTACT_MOVED = ("contact_moved", "联系人调动或搬迁", "Contact changed job or moved")
    # P16 and the reference's additions.
    RELIABILITY = ("reliability", "产品质量或可靠性", "Product quality or reliability")
    AFTER_SALES = ("after_sales", "对售后服务不满", "Dissatisfied with after-sales service")
    PRICE = ("price", "价格", "Price")
    COMPETITOR_OFFER = ("competitor_offer", "竞争对手的报价", "Competitor's offer")
    PRICE_DRIVEN = ("price_driven", "客户变得只看价格", "Customer became price-driven")
    NO_NEED = ("no_need", "不再需要该类产品", "No longer needs the category")
    OTHER = ("other", "其他", "Other")


# Complaints serious enough to put a customer on the warning list while they are open.
SERIOUS_SEVERITIES = frozenset({Severity.HIGH, Severity.CRITICAL})
PENDING_COMPLAINT_STATUSES = frozenset(s.value for s in PENDING)
# Lost customers for the defection rate: a partial defector still buys from us.
LOST_TYPES = frozenset({DefectionType.COMPLETE, DefectionType.FORMER})


@dataclass(frozen=True, slots=True)
class ChurnRules:
    """The warning list's thresholds (configurable; the text gives none)."""

    drop_share: Decimal = Decimal("0.30")  # orders down by at least this share
    period_days: int = 90  # the trailing period compared with a year before
    overdue_factor: int = 2  # last effective visit older than factor × cadence
    # The win-back list's "former customer": ordered once, nothing for this many days.
    dormant_days: int = 365

    def __post_init__(self) -> None:
        if not Decimal(0) < self.drop_share <= Decimal(1):
            raise ValidationError(
                "订货下降比例必须在 0 到 100% 之间",
                "The order drop share must be between 0 and 100%",
                field="drop_share",
            )
        if min(self.period_days, self.overdue_factor, self.dormant_days) < 1:
            raise ValidationError(
                "比较期和超期倍数必须至少为 1",
                "The period and the overdue factor must be at least 1",
                field="period_days",
            )


DEFAULT_RULES = ChurnRules()


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 Feb for 29 Feb)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True, slots=True)
class Windows:
    """The trailing period and the same period a year before, both inclusive."""

    recent_start: dt.date
    recent_end: dt.date
    prior_start: dt.date
    prior_end: dt.date


def comparison_windows(today: dt.date, rules: ChurnRules = DEFAULT_RULES) -> Windows:
    """The last `period_days` days up to today, and the same dates a year earlier."""
    start = today - dt.timedelta(days=rules.period_days - 1)
    return Windows(start, today, year_before(start), year_before(today))


def orders_dropped(recent_fen: int, prior_fen: int, rules: ChurnRules = DEFAULT_RULES) -> bool:
    """Orders fell by at least `drop_share`: recent ≤ prior × (1 − share). A customer
    that ordered nothing a year before has no baseline and never counts as dropped."""
    if prior_fen <= 0:
        return False
    # Fractions keep the boundary exact: a drop of exactly 30 % warns.
    return Fraction(recent_fen) <= Fraction(prior_fen) * (1 - Fraction(rules.drop_share))


def visit_overdue(
    value_class: ValueClass,
    last_effective_visit: dt.date | None,
    today: dt.date,
    cadence: Cadence = DEFAULT_CADENCE,
    rules: ChurnRules = DEFAULT_RULES,
) -> bool:
    """The last effective visit is more than `overdue_factor` × the class cadence ago.

    A customer never visited effectively has no such date; the visit plan's cadence
    already lists it as due, so it is not a churn signal on its own."""
    if last_effective_visit is None:
        return False
    limit = rules.overdue_factor * cadence.days_for(value_class)
    return (today - last_effective_visit).days > limit


def is_serious_open_complaint(severity: str, status: str) -> bool:
    return severity in SERIOUS_SEVERITIES and status in PENDING_COMPLAINT_STATUSES


def churn_signals(
    *,
    recent_fen: int,
    prior_fen: int,
    value_class: ValueClass,
    last_effective_visit: dt.date | None,
    open_serious_complaints: int,
    today: dt.date,
    cadence: Cadence = DEFAULT_CADENCE,
    rules: ChurnRules = DEFAULT_RULES,
) -> tuple[ChurnSignal, ...]:
    """Every reason to warn about one customer, in picklist order; empty: no warning."""
    found = []
    if orders_dropped(recent_fen, prior_fen, rules):
        found.append(ChurnSignal.ORDER_DROP)
    if visit_overdue(value_class, last_effective_visit, today, cadence, rules):
        found.append(ChurnSignal.VISIT_OVERDUE)
    if open_serious_complaints > 0:
        found.append(ChurnSignal.SERIOUS_COMPLAINT)
    return tuple(found)


def drop_share(recent_fen: int, prior_fen: int) -> Decimal | None:
    """How far orders fell (0.4 = 40 % down); None without a baseline."""
    if prior_fen <= 0:
        return None
    return Decimal(prior_fen - recent_fen) / Decimal(prior_fen)


# --- defection cases ---------------------------------------------------------------------


def encode_causes(causes: Iterable[str]) -> str | None:
    """Root-cause codes as stored: comma-separated in picklist order, no repeats."""
    chosen = set(causes)
    ordered = [c.value for c in DefectionCause if c.value in chosen]
    return ",".join(ordered) or None


def decode_causes(text: str | None) -> tuple[str, ...]:
    """The stored codes back; unknown codes (a newer laptop's) are kept as they are."""
    if not text:
        return ()
    return tuple(code for code in (part.strip() for part in text.split(",")) if code)


@dataclass(frozen=True)
class DefectionDraft:
    """What the defector case form holds; picklists as codes."""

    customer_id: str
    defected_on: dt.date
    defection_type: str = DefectionType.COMPLETE.value
    root_causes: tuple[str, ...] = ()
    interviewer: str | None = None
    interviewed_on: dt.date | None = None
    interview_notes: str | None = None
    improvement_measures: str | None = None
    status: str = DefectionStatus.OPEN.value
    won_back_on: dt.date | None = None
    id: str | None = None

    def cleaned(self) -> DefectionDraft:
        def text(value: str | None) -> str | None:
            return (value or "").strip() or None

        return replace(
            self,
            customer_id=self.customer_id.strip(),
            interviewer=text(self.interviewer),
            interview_notes=text(self.interview_notes),
            improvement_measures=text(self.improvement_measures),
            root_causes=tuple(dict.fromkeys(c.strip() for c in self.root_causes if c.strip())),
        )


def _record_problems(p: _Problems, draft: DefectionDraft) -> None:
    """The rules that hold whatever day it is: the server checks these on every pushed
    case (sync/server/guards.py) with the same words as the laptop's form."""
    if not draft.customer_id:
        p.add("请选择流失的客户", "Choose the customer who defected", "customer")
    _check_code(p, draft.defection_type, DefectionType, "流失类型", "defection type", "type")
    for code in draft.root_causes:
        _check_code(p, code, DefectionCause, "流失原因", "root cause", "root_causes")
    if not draft.root_causes:
        p.add("请至少选择一个流失原因", "Choose at least one root cause", "root_causes")
    if draft.interviewer is not None and len(draft.interviewer) > INTERVIEWER_MAX:
        p.add(
            f"访谈人不能超过 {INTERVIEWER_MAX} 个字",
            f"The interviewer is longer than {INTERVIEWER_MAX} characters",
            "interviewer",
        )
    if draft.interviewed_on is not None and draft.interviewed_on < draft.defected_on:
        p.add(
            "访谈日期不能早于流失日期",
            "The interview date cannot be before the defection date",
            "interviewed_on",
        )
    for name, zh, en in (
        ("interview_notes", "访谈记录", "The interview notes"),
        ("improvement_measures", "改进措施", "The improvement measures"),
    ):
        value = getattr(draft, name)
        if value is not None and len(value) > NOTES_MAX:
            p.add(
                f"{zh}不能超过 {NOTES_MAX} 个字",
                f"{en} are longer than {NOTES_MAX} characters",
                name,
            )
    _check_code(p, draft.status, DefectionStatus, "状态", "status", "status")
    won_back = draft.status == DefectionStatus.WON_BACK.value
    if won_back and draft.won_back_on is None:
        p.add("已挽回的客户请填写挽回日期", "A won-back customer needs the date", "won_back_on")
    if draft.won_back_on is not None and not won_back:
        p.add(
            "只有“已挽回”的案例才有挽回日期",
            "Only a won-back case has a won-back date",
            "won_back_on",
        )
    if draft.won_back_on is not None and draft.won_back_on < draft.defected_on:
        p.add(
            "挽回日期不能早于流失日期",
            "The won-back date cannot be before the defection date",
            "won_back_on",
        )


def defection_problems(draft: DefectionDraft, today: dt.date) -> list[ValidationError]:
    """Every rule the draft breaks, in form order; empty when it can be saved."""
    p = _Problems()
    _record_problems(p, draft)
    for name, value, zh, en in (
        ("defected_on", draft.defected_on, "流失日期", "The defection date"),
        ("interviewed_on", draft.interviewed_on, "访谈日期", "The interview date"),
        ("won_back_on", draft.won_back_on, "挽回日期", "The won-back date"),
    ):
        if value is not None and value > today:
            p.add(f"{zh}不能晚于今天", f"{en} cannot be in the future", name)
    return p.items


def check_case_columns(values: Mapping[str, object]) -> None:
    """A stored case's columns (a pushed row merged over the server's) against the
    rules that do not depend on the day; ValidationError on the first one broken."""
    try:
        draft = DefectionDraft(
            customer_id=str(values.get("customer_id") or ""),
            defected_on=values["defected_on"],  # type: ignore[arg-type]
            defection_type=str(values.get("defection_type") or ""),
            root_causes=decode_causes(values.get("root_causes")),  # type: ignore[arg-type]
            interviewer=values.get("interviewer"),  # type: ignore[arg-type]
            interviewed_on=values.get("interviewed_on"),  # type: ignore[arg-type]
            interview_notes=values.get("interview_notes"),  # type: ignore[arg-type]
            improvement_measures=values.get("improvement_measures"),  # type: ignore[arg-type]
            status=str(values.get("status") or ""),
            won_back_on=values.get("won_back_on"),  # type: ignore[arg-type]
        )
    except KeyError:
        raise ValidationError(
            "请填写流失日期", "The defection date is required", "defected_on"
        ) from None
    p = _Problems()
    _record_problems(p, draft)
    if p.items:
        raise p.items[0]


def validate_defection(draft: DefectionDraft, today: dt.date) -> None:
    problems = defection_problems(draft, today)
    if problems:
        raise problems[0]


def check_reopen(old_status: str, new_status: str) -> None:
    """A closed case is final; reopen it by recording a new case."""
    if old_status == DefectionStatus.CLOSED.value and new_status != old_status:
        raise TransitionError(
            "该流失案例已结案，不能再更改状态；如客户再次流失，请新建案例",
            "The case is closed; record a new case if the customer defects again",
        )


# --- defection rate ----------------------------------------------------------------------


def defection_rate(lost: int, active_at_start: int) -> Decimal | None:
    """Customers lost in the period ÷ customers active at its start (§2.13); None when
    nobody was active (no rate, not 0 %)."""
    if active_at_start <= 0:
        return None
    return Decimal(lost) / Decimal(active_at_start)


# --- customer value ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ValueAssumptions:
    """The lifetime-value estimate's assumptions (the training text gives no figures)."""

    margin_pct: int = 20  # gross margin on what the customer orders
    retention_pct: int = 80  # chance the customer is still buying a year later
    discount_pct: int = 8  # yearly discount rate for the present value
    years: int = 5  # horizon N

    def __post_init__(self) -> None:
        if not (
            0 <= self.margin_pct <= 100
            and 0 <= self.retention_pct <= 100
            and 0 <= self.discount_pct <= 100
            and 1 <= self.years <= 50
        ):
            raise ValidationError(
                "终身价值的假设超出范围", "A lifetime-value assumption is out of range"
            )


DEFAULT_ASSUMPTIONS = ValueAssumptions()


def share_of_customer(our_spend_fen: int, category_spend_fen: int | None) -> Decimal | None:
    """Our trailing 12-month sales ÷ the customer's estimated yearly spend on the
    category (§2.13 share of wallet); None when the estimate is missing or zero. Above
    1 the estimate is too low: shown as it is, so someone corrects it."""
    if not category_spend_fen or category_spend_fen <= 0:
        return None
    return Decimal(max(our_spend_fen, 0)) / Decimal(category_spend_fen)


def lifetime_value_fen(
    yearly_spend_fen: int, assumptions: ValueAssumptions = DEFAULT_ASSUMPTIONS
) -> int:
    """CLV = Σ_{t=1..N} m × r^t / (1 + d)^t with m = yearly spend × margin, in fen,
    rounded half-up once at the end. A customer without positive spend is worth 0."""
    if yearly_spend_fen <= 0:
        return 0
    total = Fraction(yearly_spend_fen) * _value_multiplier(assumptions)
    whole, rest = divmod(total.numerator, total.denominator)
    return whole + (1 if 2 * rest >= total.denominator else 0)


@lru_cache(maxsize=8)
def _value_multiplier(assumptions: ValueAssumptions) -> Fraction:
    """margin × Σ_{t=1..N} (r / (1 + d))^t, exact: the same for every customer of a list."""
    factor = Fraction(assumptions.retention_pct, 100) / (
        1 + Fraction(assumptions.discount_pct, 100)
    )
    series = sum((factor**t for t in range(1, assumptions.years + 1)), Fraction(0))
    return Fraction(assumptions.margin_pct, 100) * series


@dataclass(frozen=True)
class CustomerValue:
    """What a customer is worth to us, for the customer card and the lists."""

    trailing_spend_fen: int  # orders over the 12 months up to today
    prior_spend_fen: int  # orders over the 12 months before those
    category_spend_fen: int | None  # the customer's estimated yearly category spend
    share: Decimal | None
    lifetime_value_fen: int
    assumptions: ValueAssumptions


def customer_value(
    trailing_spend_fen: int,
    prior_spend_fen: int,
    category_spend_fen: int | None,
    assumptions: ValueAssumptions = DEFAULT_ASSUMPTIONS,
) -> CustomerValue:
    return CustomerValue(
        trailing_spend_fen,
        prior_spend_fen,
        category_spend_fen,
        share_of_customer(trailing_spend_fen, category_spend_fen),
        lifetime_value_fen(trailing_spend_fen, assumptions),
        assumptions,
    )


def cause_counts(cases: Sequence[tuple[str, ...]]) -> dict[str, int]:
    """How often each root cause was named (the Pareto of §2.13), most frequent first."""
    counts: dict[str, int] = {}
    for causes in cases:
        for code in causes:
            counts[code] = counts.get(code, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

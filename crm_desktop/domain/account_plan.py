"""The account plan 客户计划 as a typed structure, in the reference's logical order (F13):

1. plan summary 计划摘要;
2. customer profile 客户概况 (the products' SWOT, market, strategy, trends, past and
   current needs), competitor profiles 竞争者概况 (one per competitor, the six points of
   F14e), situation assessment 情况评估;
3. account strategy 客户战略 = vision 远景规划 + development objectives 客户发展目标
   (SMART, checked here) + action plan 行动计划 + revenue plan 收益执行计划.

The sections travel as one JSON text on the plan's row (`content`); `to_json` and
`from_json` are the only way in and out, so an unknown or damaged key never stops a plan
from opening. Money is integer fen (domain/money.py).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from crm_desktop.domain.errors import ValidationError

TEXT_MAX = 4000
ITEM_MAX = 50  # competitors, objectives, actions in one plan


@dataclass(frozen=True)
class Swot:
    strengths: str = ""
    weaknesses: str = ""
    opportunities: str = ""
    threats: str = ""


@dataclass(frozen=True)
class CustomerProfile:
    market: str = ""
    strategy: str = ""
    trends: str = ""
    past_needs: str = ""
    current_needs: str = ""
    next_year_demand_pct: int | None = None  # F14c p.49: next year's demand, %
    swot: Swot = field(default_factory=Swot)
    info_grade: str = ""  # InfoGrade code of what the profile rests on


@dataclass(frozen=True)
class CompetitorProfile:
    """The six points of F14e for one competitor at this account."""

    name: str = ""
    relationship: str = ""  # current relationship and business with the customer
    capabilities: str = ""  # capabilities and resources
    strategy: str = ""
    strengths_weaknesses: str = ""
    customer_view: str = ""  # the customer's view of them
    preference: int | None = None  # how much the customer favours them, 1-5
    info_grade: str = ""


@dataclass(frozen=True)
class Situation:
    relationship: str = ""  # the state of our relationship with the customer
    progress: str = ""  # the current business progress
    current_sales_fen: int | None = None  # F14f: our current sales
    share_pct: int | None = None  # our share of the customer's spend
    switching_cost: str = ""


@dataclass(frozen=True)
class Objective:
    """A development objective 客户发展目标, checked against SMART (`smart_checks`)."""

    statement: str = ""  # what, specifically
    metric: str = ""  # what is measured, e.g. 销售额 (sales)
    target: int | None = None  # the figure to reach, in the metric's unit
    baseline: int | None = None  # where it stands now, in the same unit
    serves: str = ""  # which need or opportunity of the analysis it serves
    due_on: dt.date | None = None


@dataclass(frozen=True)
class ActionItem:
    """A step of the action plan 行动计划: task, owner, dates, completion (F13 p.62).
    `key` is stable across edits and versions: the follow-up made for it keeps it."""

    key: str = ""
    task: str = ""
    owner_id: str | None = None
    start_on: dt.date | None = None
    due_on: dt.date | None = None
    done_pct: int = 0


@dataclass(frozen=True)
class RevenueQuarter:
    """One quarter of the revenue plan 收益执行计划: planned sales, revenue, margin."""

    quarter: int = 1
    sales_fen: int = 0
    revenue_fen: int = 0
    margin_pct: int = 0

    @property
    def profit_fen(self) -> int:
        """The planned profit: revenue times margin, rounded to the fen."""
        return (self.revenue_fen * self.margin_pct + 50) // 100


@dataclass(frozen=True)
class PlanContent:
    summary: str = ""
    profile: CustomerProfile = field(default_factory=CustomerProfile)
    competitors: tuple[CompetitorProfile, ...] = ()
    situation: Situation = field(default_factory=Situation)
    vision: str = ""
    objectives: tuple[Objective, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    revenue: tuple[RevenueQuarter, ...] = ()

    def revenue_by_quarter(self) -> dict[int, RevenueQuarter]:
        found = {q.quarter: q for q in self.revenue}
        return {n: found.get(n, RevenueQuarter(quarter=n)) for n in (1, 2, 3, 4)}


# --- JSON ----------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_json(content: PlanContent) -> str:
    return json.dumps(_plain(asdict(content)), ensure_ascii=False, sort_keys=True)


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _build(cls: Any, raw: Any) -> Any:
    """An instance of the flat dataclass `cls` from a dict, ignoring unknown keys and
    taking values of the wrong type as empty."""
    if not isinstance(raw, dict):
        return cls()
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in raw:
            continue
        value = raw[f.name]
        kind = str(f.type)
        if "date" in kind:
            values[f.name] = _date(value)
        elif kind.startswith("int"):
            number = _int(value)
            if number is not None or "None" in kind:
                values[f.name] = number if number is not None else (None if "None" in kind else 0)
        elif kind == "str":
            values[f.name] = value if isinstance(value, str) else ""
        elif kind == "str | None":
            values[f.name] = value if isinstance(value, str) else None
    return cls(**values)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def from_json(text: str | None) -> PlanContent:
    """The plan's sections; an empty plan for a missing or unreadable text."""
    try:
        raw = json.loads(text) if text else {}
    except ValueError:
        raw = {}
    if not isinstance(raw, dict):
        raw = {}
    found_profile = raw.get("profile")
    profile_raw: dict[str, Any] = found_profile if isinstance(found_profile, dict) else {}
    profile = replace(
        _build(CustomerProfile, profile_raw), swot=_build(Swot, profile_raw.get("swot"))
    )

    def items(key: str, cls: Any) -> tuple[Any, ...]:
        found = raw.get(key)
        return tuple(_build(cls, r) for r in found) if isinstance(found, list) else ()

    return PlanContent(
        summary=_text(raw.get("summary")),
        profile=profile,
        competitors=items("competitors", CompetitorProfile),
        situation=_build(Situation, raw.get("situation")),
        vision=_text(raw.get("vision")),
        objectives=items("objectives", Objective),
        actions=items("actions", ActionItem),
        revenue=items("revenue", RevenueQuarter),
    )


# --- SMART ---------------------------------------------------------------------------------

# An objective may aim at most this many times its baseline and still count as
# achievable: a rule of thumb that a person can argue with, stated in the check's reason.
ACHIEVABLE_FACTOR = 3
STATEMENT_MIN = 8


@dataclass(frozen=True)
class SmartCheck:
    """One of the five criteria (F13 p.61), passed or not, with the reason in words."""

    letter: str  # S, M, A, R, T
    name_zh: str
    name_en: str
    ok: bool
    reason_zh: str
    reason_en: str

    def reason(self, lang: str = "zh_CN") -> str:
        return self.reason_en if lang.startswith("en") else self.reason_zh

    def name(self, lang: str = "zh_CN") -> str:
        return self.name_en if lang.startswith("en") else self.name_zh


def smart_checks(objective: Objective, plan_year: int) -> list[SmartCheck]:
    """The five checks, each an explicit rule:

    S 具体的: the statement says what, in at least STATEMENT_MIN characters;
    M 可衡量的: a metric is named and a target figure above zero is set;
    A 可达到的: a baseline is known and the target is at most ACHIEVABLE_FACTOR times it;
    R 适当的: the objective names the need or opportunity of the analysis it serves;
    T 及时的: it has a due date inside the plan's year.
    """
    statement = objective.statement.strip()
    specific = len(statement) >= STATEMENT_MIN
    measurable = bool(objective.metric.strip()) and (objective.target or 0) > 0
    baseline, target = objective.baseline, objective.target
    if baseline is None or baseline <= 0 or target is None:
        achievable = False
        a_zh, a_en = "请填写现状（基数）和目标值，才能判断能否达到", "Give the baseline and target"
    else:
        achievable = target <= baseline * ACHIEVABLE_FACTOR
        a_zh = f"目标不超过现状的 {ACHIEVABLE_FACTOR} 倍" + ("" if achievable else "：目标过高")
        a_en = f"Target at most {ACHIEVABLE_FACTOR}x the baseline" + (
            "" if achievable else ": target too high"
        )
    appropriate = bool(objective.serves.strip())
    due = objective.due_on
    timely = due is not None and due.year == plan_year
    return [
        SmartCheck(
            "S",
            "具体的",
            "Specific",
            specific,
            f"目标陈述至少 {STATEMENT_MIN} 个字，说清要做成什么",
            f"The statement says what, in at least {STATEMENT_MIN} characters",
        ),
        SmartCheck(
            "M",
            "可衡量的",
            "Measurable",
            measurable,
            "写明衡量指标和大于零的目标值",
            "Name the metric and a target above zero",
        ),
        SmartCheck("A", "可达到的", "Achievable", achievable, a_zh, a_en),
        SmartCheck(
            "R",
            "适当的",
            "Appropriate",
            appropriate,
            "写明该目标服务于分析中的哪项需求或机会",
            "Say which need or opportunity of the analysis it serves",
        ),
        SmartCheck(
            "T",
            "及时的",
            "Timely",
            timely,
            f"完成日期在计划年度（{plan_year} 年）内",
            f"Due within the plan's year ({plan_year})",
        ),
    ]


def objective_is_smart(objective: Objective, plan_year: int) -> bool:
    return all(check.ok for check in smart_checks(objective, plan_year))


# --- validation ----------------------------------------------------------------------------


def _text_ok(value: str, what_zh: str, what_en: str) -> None:
    if len(value) > TEXT_MAX:
        raise ValidationError(
            f"{what_zh}不能超过 {TEXT_MAX} 个字",
            f"{what_en} cannot be longer than {TEXT_MAX} characters",
            "content",
        )


def validate_content(content: PlanContent) -> None:
    """What any saved plan must satisfy (a draft may be incomplete, but not wrong)."""
    _text_ok(content.summary, "计划摘要", "The plan summary")
    _text_ok(content.vision, "远景规划", "The vision")
    for name in ("competitors", "objectives", "actions"):
        if len(getattr(content, name)) > ITEM_MAX:
            raise ValidationError(
                f"一份计划最多 {ITEM_MAX} 条", f"A plan holds at most {ITEM_MAX} of each", name
            )
    pct = content.profile.next_year_demand_pct
    if pct is not None and not -100 <= pct <= 1000:
        raise ValidationError(
            "明年需求量百分数应在 -100 到 1000 之间",
            "Next year's demand % must be between -100 and 1000",
            "next_year_demand_pct",
        )
    share = content.situation.share_pct
    if share is not None and not 0 <= share <= 100:
        raise ValidationError(
            "客户份额应在 0 到 100 之间", "The share of the customer must be 0-100", "share_pct"
        )
    for competitor in content.competitors:
        if not competitor.name.strip():
            raise ValidationError(
                "每个竞争者都要写名称", "Every competitor needs a name", "competitors"
            )
        if competitor.preference is not None and not 1 <= competitor.preference <= 5:
            raise ValidationError(
                "客户偏爱程度应为 1 到 5", "The customer's preference must be 1-5", "competitors"
            )
    for action in content.actions:
        if not action.task.strip():
            raise ValidationError("每项行动都要写任务", "Every action needs a task", "actions")
        if not 0 <= action.done_pct <= 100:
            raise ValidationError("完成情况应为 0 到 100%", "Completion must be 0-100%", "actions")
        if action.start_on and action.due_on and action.due_on < action.start_on:
            raise ValidationError(
                f"行动“{action.task}”的完成日期早于开始日期",
                f"Action “{action.task}” ends before it starts",
                "actions",
            )
    for quarter in content.revenue:
        if quarter.quarter not in (1, 2, 3, 4):
            raise ValidationError("季度应为 1 到 4", "The quarter must be 1-4", "revenue")
        if quarter.sales_fen < 0 or quarter.revenue_fen < 0:
            raise ValidationError(
                "销售额和收入不能为负数", "Sales and revenue cannot be negative", "revenue"
            )
        if not -100 <= quarter.margin_pct <= 100:
            raise ValidationError(
                "利润率应在 -100% 到 100% 之间", "The margin must be -100% to 100%", "revenue"
            )


def check_ready_to_submit(content: PlanContent, plan_year: int) -> None:
    """What a plan needs before its sponsor reviews it: a summary, a vision, at least one
    objective and every objective SMART, at least one action with an owner and a due
    date. The first gap found is the message, saying what to fill in."""
    validate_content(content)
    if not content.summary.strip():
        raise ValidationError(
            "请先填写计划摘要（总的目的和方向）",
            "Write the plan summary (the overall aim and direction) first",
            "summary",
        )
    if not content.vision.strip():
        raise ValidationError("请先填写远景规划", "Write the vision first", "vision")
    if not content.objectives:
        raise ValidationError(
            "请至少制定一个客户发展目标", "Set at least one development objective", "objectives"
        )
    for number, objective in enumerate(content.objectives, start=1):
        failed = [c for c in smart_checks(objective, plan_year) if not c.ok]
        if failed:
            first = failed[0]
            raise ValidationError(
                f"目标 {number} 不符合 SMART 原则（{first.name_zh}）：{first.reason_zh}",
                f"Objective {number} is not SMART ({first.name_en}): {first.reason_en}",
                "objectives",
            )
    if not content.actions:
        raise ValidationError(
            "请至少列出一项行动计划", "List at least one action of the action plan", "actions"
        )
    for action in content.actions:
        if not action.owner_id or action.due_on is None:
            raise ValidationError(
                f"行动“{action.task}”需要负责人和完成日期",
                f"Action “{action.task}” needs a person responsible and a due date",
                "actions",
            )


# --- the revenue plan against actuals ------------------------------------------------------


@dataclass(frozen=True)
class RevenueLine:
    """One quarter: the plan beside the orders and collections the visits recorded."""

    quarter: int
    planned_sales_fen: int
    actual_orders_fen: int
    planned_revenue_fen: int
    actual_collections_fen: int
    margin_pct: int
    planned_profit_fen: int
    # The transaction data has no costs: the actual profit is estimated at the plan's margin.
    estimated_profit_fen: int

    @property
    def sales_achievement_pct(self) -> int | None:
        """Orders as a rounded percentage of the planned sales; None without a plan."""
        if self.planned_sales_fen <= 0:
            return None
        return (
            self.actual_orders_fen * 100 + self.planned_sales_fen // 2
        ) // self.planned_sales_fen


def revenue_lines(content: PlanContent, actuals: dict[int, tuple[int, int]]) -> list[RevenueLine]:
    """The four quarters of the plan with `actuals` ({quarter: (orders, collections)})."""
    lines = []
    for number, planned in content.revenue_by_quarter().items():
        orders, collections = actuals.get(number, (0, 0))
        lines.append(
            RevenueLine(
                quarter=number,
                planned_sales_fen=planned.sales_fen,
                actual_orders_fen=orders,
                planned_revenue_fen=planned.revenue_fen,
                actual_collections_fen=collections,
                margin_pct=planned.margin_pct,
                planned_profit_fen=planned.profit_fen,
                estimated_profit_fen=(collections * planned.margin_pct + 50) // 100,
            )
        )
    return lines

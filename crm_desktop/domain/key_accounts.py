"""Key accounts 长期重点客户 (training reference F13-F15, F18, F19, §2.14-2.16): the
picklists and the guiding texts the account plan, the account team, the relationship map
and the relationship health check share.

Codes are what the store and the sync carry; labels are for people (domain/picklists.py).
The question bank and the self-check questions are data, in both languages, so the editor
shows them beside the fields and the export can print them.
"""

from __future__ import annotations

from dataclasses import dataclass

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import BuyingRole, Picklist
from crm_desktop.domain.relationship_map import INFLUENCE_MAX, INFLUENCE_MIN


class AccountTeamRole(Picklist):
    """Who is who in the account team (training reference R9-R12)."""

    ACCOUNT_MANAGER = ("account_manager", "客户经理", "Account manager")
    EXECUTIVE_SPONSOR = ("executive_sponsor", "行政支持者", "Executive sponsor")
    SERVICE = ("service", "服务支持", "Service")
    TECHNICAL = ("technical", "技术支持", "Technical")
    SALES = ("sales", "销售支持", "Sales support")
    OTHER = ("other", "其他成员", "Other")


class Attitude(Picklist):
    """A customer person's attitude towards us, coloured on the relationship map."""

    SUPPORT = ("support", "支持", "Supportive")
    NEUTRAL = ("neutral", "中立", "Neutral")
    OPPOSE = ("oppose", "反对", "Opposed")


class InfoGrade(Picklist):
    """Information grades 信息等级 (F14a, §2.16): the harder to get, the more it is worth."""

    PUBLIC_FREE = ("1", "第一级（公开，免费）", "Grade 1 (public, free)")
    PUBLIC_PAID = ("2", "第二级（公开，需付费）", "Grade 2 (public, costly)")
    PRIVATE = ("3", "第三级（私密，需内部关系）", "Grade 3 (private, via insiders)")
    PRIVATE_TOP = ("4", "第四级（私密，来自高层）", "Grade 4 (private, from top management)")


class RelationshipType(Picklist):
    """The four types of customer relationship 四种类型的客户关系 (§2.14)."""

    VENDOR = ("vendor", "卖主关系", "Vendor")
    PREFERRED = ("preferred", "被优先考虑的供应商", "Preferred supplier")
    PARTNERSHIP = ("partnership", "合作伙伴关系", "Partnership")
    ALLIANCE = ("alliance", "战略联盟关系", "Strategic alliance")


class CycleStage(Picklist):
    """The relationship cycle 客户关系周期 (§2.15), in the order the reference gives."""

    BREAKTHROUGH = ("breakthrough", "突破期", "Breakthrough")
    CONSOLIDATION = ("consolidation", "巩固期", "Consolidation")
    GROWTH = ("growth", "成长期", "Growth")
    HARVEST = ("harvest", "收获期", "Harvest")
    DEFENCE = ("defence", "防御期", "Defence")
    HIBERNATION = ("hibernation", "冬眠期", "Hibernation")
    SUSPENSION = ("suspension", "暂停期", "Suspension")


class EventKind(Picklist):
    """Key-account events 大事记 (F19): the account's moves we report and support."""

    ANNIVERSARY = ("anniversary", "开业周年庆典", "Anniversary")
    HONOUR = ("honour", "获得特别荣誉", "Special honour")
    MAJOR_MOVE = ("major_move", "重大商业举措", "Major business move")
    FORUM = ("forum", "年度大客户座谈会", "Yearly key-account forum")
    EXECUTIVE_VISIT = ("executive_visit", "高层拜访", "Executive visit")
    TRAINING = ("training", "培训", "Training")
    PROMOTION = ("promotion", "联合促销", "Joint promotion")
    OTHER = ("other", "其他", "Other")


class RecordKind(Picklist):
    """The kinds of small key-account records kept in one synced table."""

    HEALTH = ("health", "关系健康自查", "Relationship health check")
    WATCH = ("watch", "关注名单", "Watch list")
    EVENT = ("event", "大事记", "Event")


@dataclass(frozen=True)
class Question:
    """A guiding question: its key (stable, stored with answers), Chinese and English."""

    key: str
    zh: str
    en: str

    def label(self, lang: str = "zh_CN") -> str:
        return self.en if lang.startswith("en") else self.zh


# The relationship self-check 自我检查 (F15), asked periodically, each answered with a
# rating of 1-5 and a comment.
HEALTH_QUESTIONS: tuple[Question, ...] = (
    Question("doing", "我们干得怎么样？", "How are we doing?"),
    Question("needs", "我们是否能够满足客户的需要？", "Are we meeting the customer's needs?"),
    Question(
        "value",
        "除产品或服务外我们是否还能为客户提供更多的价值？",
        "Can we give more value beyond the product or service?",
    ),
    Question(
        "cooperation",
        "客户对我们之间的合作方式是否满意？",
        "Is the customer satisfied with how we work together?",
    ),
    Question(
        "people",
        "客户是否对我们公司中与其有着合作关系的人感到满意？",
        "Is the customer satisfied with the people who work with them?",
    ),
    Question(
        "improve",
        "我们将如何改善与客户之间的工作关系？",
        "How will we improve the working relationship?",
    ),
)
RATING_MIN, RATING_MAX = 1, 5

# The question bank 问题库 (F14c, F14f), keyed by the plan section it guides.
QUESTION_BANK: dict[str, tuple[Question, ...]] = {
    "summary": (
        Question(
            "summary.aim",
            "这份计划的总目的和方向是什么？",
            "What are the plan's aim and direction?",
        ),
    ),
    "market": (
        Question("market.develop", "客户的市场将如何发展？", "How will their market develop?"),
        Question(
            "market.prepared",
            "客户为可能的变化做了哪些准备？",
            "How have they prepared for changes?",
        ),
        Question(
            "market.barriers",
            "市场进入障碍有多高？我们的产品能否帮客户筑起对其竞争者的障碍？",
            "How high are entry barriers? Does our product help the customer build them?",
        ),
        Question(
            "market.substitutes",
            "客户的产品是否受替代品威胁？我们能否帮助降低威胁？",
            "Are their products threatened by substitutes? Can we reduce the threat?",
        ),
        Question(
            "market.buyers",
            "购买者在客户的行业中是否强势？我们的产品能否削弱这种力量？",
            "Are buyers a strong force in their industry? Can our product weaken it?",
        ),
        Question(
            "market.rivalry",
            "竞争是否激烈？我们的产品给客户带来多大的竞争优势？",
            "Is rivalry fierce? What competitive advantage does our product give them?",
        ),
    ),
    "strategy": (
        Question(
            "strategy.mission", "客户的使命和目标是什么？", "What are their mission and goals?"
        ),
        Question(
            "strategy.position", "客户的市场定位是什么？", "What is their market positioning?"
        ),
        Question(
            "strategy.short",
            "短期计划、新举措、短期机会和威胁有哪些？",
            "Short-term plans, new actions, opportunities and threats?",
        ),
        Question("strategy.long", "客户的长期战略是什么？", "What is their long-term strategy?"),
    ),
    "trends": (
        Question(
            "trends.performance",
            "客户的经营目标是否在实现中？财务状况如何？",
            "Are their business goals on track? What is their financial situation?",
        ),
        Question("trends.core", "客户的核心能力和差异化在哪里？", "What is their core competence?"),
    ),
    "needs": (
        Question(
            "needs.must", "我们的产品必须为客户做什么？", "What must our product do for them?"
        ),
        Question("needs.changed", "客户的需求有哪些变化？", "How have their needs changed?"),
        Question(
            "needs.forecast",
            "预测明年的客户需求量百分数",
            "Forecast next year's demand as a percentage",
        ),
        Question(
            "needs.buying",
            "客户通常如何购买？决策程序如何？选择供应商最重要的因素是什么？",
            "How do they buy? What is the decision procedure? What matters most?",
        ),
    ),
    "swot": (
        Question(
            "swot.external",
            "外部因素：市场变化、需求增减、价格压力、竞争对手行动、政府措施、经济变化",
            "External: market change, demand, price pressure, competitors, government, economy",
        ),
        Question(
            "swot.internal",
            "内部因素：现金、核心能力、制度、管理水平、质量、品牌、销售系统、文化、资源",
            "Internal: cash, core competence, systems, management, quality, brand, sales, culture",
        ),
    ),
    "competitors": (
        Question(
            "competitors.relation",
            "竞争者与客户目前的关系和业务活动",
            "The competitor's current relationship and business with the customer",
        ),
        Question("competitors.capability", "竞争者的能力和资源", "Its capabilities and resources"),
        Question("competitors.strategy", "竞争者的策略", "Its strategy"),
        Question("competitors.sw", "竞争者的优势和弱点", "Its strengths and weaknesses"),
        Question("competitors.view", "客户对竞争者的看法", "The customer's view of it"),
        Question(
            "competitors.preference",
            "客户偏爱该竞争者的程度（1-5）",
            "How much the customer favours it (1-5)",
        ),
    ),
    "situation": (
        Question(
            "situation.relation",
            "我们与客户的关系状况如何？谁偏爱我们，为什么？",
            "What is our relationship with the customer? Who favours us, and why?",
        ),
        Question(
            "situation.progress",
            "目前的业务进展程度：我们的销售额和客户份额是多少？",
            "Current business progress: our sales and share of the customer's spend?",
        ),
        Question(
            "situation.switch",
            "客户调换供应商所需付出的代价有多大？",
            "What would it cost the customer to switch supplier?",
        ),
    ),
    "vision": (
        Question(
            "vision.where",
            "三到五年后我们与这个客户的关系应当是什么样子？",
            "Where should our relationship with this customer be in three to five years?",
        ),
    ),
    "objectives": (
        Question(
            "objectives.smart",
            "目标应当具体、可衡量、可达到、适当、及时（SMART）",
            "Objectives must be specific, measurable, achievable, appropriate and timely",
        ),
    ),
    "actions": (
        Question(
            "actions.fields",
            "每项行动写明任务、负责人、计划时间和完成情况",
            "Each action names the task, the person responsible, the dates and its progress",
        ),
    ),
    "revenue": (
        Question(
            "revenue.fields",
            "按季度写明销售额、实际收入、利润率和盈利额",
            "By quarter: sales, actual revenue, margin and profit",
        ),
    ),
}


# --- what a team member, a map link or a record may hold (the laptop and the server) --------


def _pick(kind: type[Picklist], code: object, zh: str, en: str, required: bool = False) -> None:
    if code is None and not required:
        return
    if not isinstance(code, str) or code not in {m.value for m in kind}:
        raise ValidationError(f"请从列表中选择{zh}", f"Choose {en} from the list", zh)


def check_team_member(role: object) -> None:
    _pick(AccountTeamRole, role, "团队角色", "a team role", required=True)


def check_link(
    contact_id: object, reports_to: object, buying_role: object, attitude: object, influence: object
) -> None:
    """A person on the relationship map (domain/relationship_map.py)."""
    _pick(BuyingRole, buying_role, "购买角色", "a buying role")
    _pick(Attitude, attitude, "态度", "an attitude")
    if influence is not None and (
        not isinstance(influence, int) or not INFLUENCE_MIN <= influence <= INFLUENCE_MAX
    ):
        raise ValidationError(
            f"影响力应为 {INFLUENCE_MIN} 到 {INFLUENCE_MAX}",
            f"Influence must be {INFLUENCE_MIN}-{INFLUENCE_MAX}",
            "influence",
        )
    if reports_to is not None and reports_to == contact_id:
        raise ValidationError("一个人不能向自己汇报", "A person cannot report to themselves")


def check_record(kind: object, category: object) -> None:
    """A key-account record: a known kind; an event of a known event kind."""
    _pick(RecordKind, kind, "记录类型", "a record kind", required=True)
    if kind == RecordKind.EVENT.value:
        _pick(EventKind, category, "事件类型", "an event kind", required=True)

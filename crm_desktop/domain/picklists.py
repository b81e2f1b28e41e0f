"""Picklists of SPEC §2 with their stored codes and Chinese / English labels.

Codes (the enum values) are what the database and the sync protocol carry; labels are
for people. Codes are lowercase ASCII so they survive every layer unchanged.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Picklist(StrEnum):
    """A StrEnum whose members also carry a Chinese and an English label."""

    zh: str
    en: str

    def __new__(cls, code: str, zh: str = "", en: str = "") -> Self:
        member = str.__new__(cls, code)
        member._value_ = code
        member.zh = zh
        member.en = en
        return member

    def label(self, lang: str = "zh_CN") -> str:
        return self.en if lang.startswith("en") else self.zh

    @classmethod
    def from_label(cls, text: str) -> Self:
        """Find a member by code or by either label (used by the Excel import)."""
        needle = text.strip().lower()
        for member in cls:
            if needle in (member.value, member.zh.lower(), member.en.lower()):
                return member
        raise ValueError(text)


class Role(Picklist):
    REP = ("rep", "销售员", "Sales rep")
    SUPERVISOR = ("supervisor", "主管", "Supervisor")
    MANAGER = ("manager", "销售经理", "Sales manager")
    ADMIN = ("admin", "管理员", "Administrator")


class CustomerType(Picklist):
    ENTERPRISE = ("enterprise", "企业", "Enterprise")
    DEALER = ("dealer", "经销商", "Dealer")
    GENERAL_AGENT = ("general_agent", "总代理", "General agent")
    RETAIL = ("retail", "零售终端", "Retail outlet")
    GOVERNMENT = ("government", "政府", "Government")
    INDIVIDUAL = ("individual", "个人", "Individual")


class CustomerStatus(Picklist):
    POTENTIAL = ("potential", "潜在客户", "Potential")
    ACTIVE = ("active", "现实客户", "Active")
    LOST = ("lost", "流失客户", "Lost")
    FORMER = ("former", "旧客户", "Former")


class LossReason(Picklist):
    """Why a customer was lost (training reference P14/P15, condensed)."""

    SERVICE = ("service", "服务不到位", "Poor service")
    QUALITY = ("quality", "产品质量问题", "Product quality")
    PRICE = ("price", "价格不具竞争力", "Price not competitive")
    COMPETITOR = ("competitor", "被竞争对手夺走", "Won by a competitor")
    REP_LEFT = ("rep_left", "业务员离职带走", "Left with a departing rep")
    CREDIT = ("credit", "信用/回款问题", "Credit or payment problems")
    CUSTOMER_CHANGE = ("customer_change", "客户自身变化", "Change at the customer")
    OTHER = ("other", "其他", "Other")


class CustomerSource(Picklist):
    """Lead / customer source (training reference P19)."""

    ADVERTISING = ("advertising", "公司广告", "Company advertising")
    TRADE_SHOW = ("trade_show", "展销会", "Trade show")
    PHONE_MAIL = ("phone_mail", "电话和邮寄导购", "Phone / mail leads")
    FINANCE_DEPT = ("finance_dept", "财务部门", "Finance department")
    SERVICE_DEPT = ("service_dept", "服务部门", "Service department")
    PERSONAL = ("personal", "朋友或熟人", "Friends and acquaintances")
    PURCHASED_LIST = ("purchased_list", "购买信息", "Purchased list")
    CHAMBER = ("chamber", "当地商会", "Chamber of commerce")
    PUBLICATION = ("publication", "出版物", "Publications")
    REFERRAL = ("referral", "老客户介绍", "Customer referral")
    ONLINE = ("online", "网络/社交媒体", "Online / social media")
    COMPETITOR_SWITCH = ("competitor_switch", "竞争对手客户转入", "Switched from a competitor")
    OTHER = ("other", "其他", "Other")


class ValueClass(Picklist):
    A = ("A", "A类", "Class A")
    B = ("B", "B类", "Class B")
    C = ("C", "C类", "Class C")


class RelationshipStage(Picklist):
    """Relationship cycle (training reference P11)."""

    INITIAL = ("initial", "初步接触", "First contact")
    DEVELOPING = ("developing", "发展期", "Developing")
    MATURE = ("mature", "成熟期", "Mature")
    PARTNERSHIP = ("partnership", "伙伴关系", "Partnership")
    DECLINING = ("declining", "衰退期", "Declining")


class PaymentTerms(Picklist):
    CASH = ("cash", "现款现货", "Cash on delivery")
    NET_30 = ("net_30", "月结30天", "Net 30 days")
    NET_60 = ("net_60", "月结60天", "Net 60 days")
    NET_90 = ("net_90", "月结90天", "Net 90 days")
    PREPAID = ("prepaid", "预付款", "Prepaid")


class BuyingRole(Picklist):
    DECISION_MAKER = ("decision_maker", "决策者", "Decision maker")
    INFLUENCER = ("influencer", "影响者", "Influencer")
    USER = ("user", "使用者", "User")
    GATEKEEPER = ("gatekeeper", "把关者", "Gatekeeper")
    SUPPORTER = ("supporter", "支持者", "Supporter")


class VisitPurpose(Picklist):
    NEW_CUSTOMER = ("new_customer", "开发新客户", "Develop new customer")
    MARKET_RESEARCH = ("market_research", "市场调研", "Market research")
    COLLECTION = ("collection", "收款", "Collect payment")
    SERVICE = ("service", "服务", "Service")
    COMPLAINT = ("complaint", "客诉处理", "Complaint handling")
    ORDER = ("order", "订货", "Take order")
    OTHER = ("other", "其他", "Other")


class VisitOutcome(Picklist):
    """洽谈结果 of a visit."""

    ORDER_PLACED = ("order_placed", "已下订单", "Order placed")
    INTERESTED = ("interested", "有意向", "Interested")
    FOLLOW_UP = ("follow_up", "需再跟进", "Needs follow-up")
    NO_INTEREST = ("no_interest", "无意向", "Not interested")
    NOT_MET = ("not_met", "未见到人", "Contact not met")
    OTHER = ("other", "其他", "Other")


class Attendance(Picklist):
    PRESENT = ("present", "出勤", "Present")
    LEAVE = ("leave", "请假", "On leave")
    TRAINING = ("training", "培训", "Training")
    BUSINESS_TRIP = ("business_trip", "出差", "Business trip")
    ABSENT = ("absent", "缺勤", "Absent")


class PlanStatus(Picklist):
    DRAFT = ("draft", "草稿", "Draft")
    SUBMITTED = ("submitted", "已提交", "Submitted")
    COUNTERSIGNED = ("countersigned", "已核签", "Countersigned")
    RETURNED = ("returned", "已退回", "Returned")


class ReportStatus(Picklist):
    DRAFT = ("draft", "草稿", "Draft")
    SUBMITTED = ("submitted", "已提交", "Submitted")
    SIGNED = ("signed", "已签核", "Signed")
    RETURNED = ("returned", "已退回", "Returned")
    REOPENED = ("reopened", "已重开", "Reopened")


class MarketCategory(Picklist):
    CONSUMER_OPINION = ("consumer_opinion", "消费者意见", "Consumer opinion")
    COMPETITOR_PROMOTION = ("competitor_promotion", "竞品促销", "Competitor promotion")
    COMPETITOR_PRODUCT = ("competitor_product", "竞品新品", "Competitor new product")
    DEALER_COMPLAINT = ("dealer_complaint", "经销商抱怨", "Dealer complaint")
    PERSONNEL_CHANGE = ("personnel_change", "客户人事变动", "Customer personnel change")
    OTHER = ("other", "其他", "Other")


class Severity(Picklist):
    LOW = ("low", "低", "Low")
    MEDIUM = ("medium", "中", "Medium")
    HIGH = ("high", "高", "High")
    CRITICAL = ("critical", "紧急", "Critical")


class ComplaintChannel(Picklist):
    PHONE = ("phone", "电话", "Phone")
    VISIT = ("visit", "拜访", "Visit")
    LETTER = ("letter", "信函", "Letter")
    EMAIL = ("email", "电子邮件", "Email")
    ONLINE = ("online", "网络", "Online")
    OTHER = ("other", "其他", "Other")


class ComplaintCategory(Picklist):
    """Complaint category (training reference P33)."""

    QUALITY = ("quality", "产品质量", "Product quality")
    DELIVERY = ("delivery", "交货/物流", "Delivery / logistics")
    SERVICE = ("service", "服务态度", "Service attitude")
    PRICE = ("price", "价格/账务", "Price / billing")
    DAMAGE = ("damage", "破损/临期", "Damaged or near-expiry goods")
    OTHER = ("other", "其他", "Other")


class ComplaintResolution(Picklist):
    RETURN = ("return", "退货", "Return")
    EXCHANGE = ("exchange", "换货", "Exchange")
    REPAIR = ("repair", "维修", "Repair")
    DISCOUNT = ("discount", "折价", "Discount")
    COMPENSATION = ("compensation", "赔偿", "Compensation")


class ComplaintStatus(Picklist):
    OPEN = ("open", "待处理", "Open")
    IN_PROGRESS = ("in_progress", "处理中", "In progress")
    RESOLVED = ("resolved", "已解决", "Resolved")
    CLOSED = ("closed", "已关闭", "Closed")


class TargetKind(Picklist):
    SALES = ("sales", "销售额", "Sales")
    GROSS_PROFIT = ("gross_profit", "毛利", "Gross profit")
    COLLECTION = ("collection", "回款", "Collection")
    NEW_OUTLETS = ("new_outlets", "新增网点", "New outlets")
    NEW_CUSTOMERS = ("new_customers", "新客户数", "New customers")
    VISITS = ("visits", "拜访数", "Visits")


class PeriodKind(Picklist):
    YEAR = ("year", "年", "Year")
    QUARTER = ("quarter", "季度", "Quarter")
    MONTH = ("month", "月", "Month")
    WEEK = ("week", "周", "Week")


class ControlMode(Picklist):
    """How strictly a sales stage's advance condition is enforced."""

    NONE = ("none", "不控制", "No control")
    WARN = ("warn", "提示", "Warn")
    STRICT = ("strict", "严格控制", "Strict")


class FollowUpKind(Picklist):
    NEXT_STEP = ("next_step", "下一步行动", "Next step")
    APPOINTMENT = ("appointment", "预约确认", "Confirm appointment")
    PROMISE = ("promise", "承诺事项", "Promise to keep")
    # Made by the receivables check for money past its due date (domain/receivables.py).
    COLLECTION = ("collection", "催收回款", "Collect overdue payment")

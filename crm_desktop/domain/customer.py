"""Customer card and contact drafts as the user edits them, and their validation rules."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import (
    BuyingRole,
    CustomerSource,
    CustomerStatus,
    CustomerType,
    LossReason,
    PaymentTerms,
    Picklist,
    RelationshipStage,
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+\-() ]{5,40}$")
# A Chinese IME types full-width digits and brackets (（０２１）); they are stored folded
# to ASCII so validation, display and duplicate keys all see one form.
_FOLDED = frozenset({"phone", "mobile", "tax_id", "email"})


def _clean_text(name: str, value: str) -> str:
    value = value.strip()
    return unicodedata.normalize("NFKC", value) if name in _FOLDED else value


# A confidential customer's sensitive fields (SPEC §2): shown only to its owner and to
# those above the owner. The server leaves them blank for anyone else who reads the row.
SENSITIVE_FIELDS = (
    "tax_id",
    "credit_limit_fen",
    "payment_terms",
    "annual_sales_fen",
    "category_spend_fen",
)


@dataclass(frozen=True)
class CustomerDraft:
    """What the customer form holds; money in fen, picklists as codes."""

    name: str
    id: str | None = None
    short_name: str | None = None
    customer_type: str = CustomerType.ENTERPRISE.value
    status: str = CustomerStatus.POTENTIAL.value
    loss_reason: str | None = None
    loss_note: str | None = None
    industry: str | None = None
    region: str | None = None
    territory: str | None = None
    address: str | None = None
    phone: str | None = None
    tax_id: str | None = None
    source: str | None = None
    owner_id: str | None = None
    credit_limit_fen: int | None = None
    payment_terms: str | None = None
    annual_sales_fen: int | None = None
    # The customer's estimated yearly spend on our category, from every supplier: the
    # denominator of the share of customer (domain/churn.py).
    category_spend_fen: int | None = None
    headcount: int | None = None
    is_key_account: bool = False
    relationship_stage: str | None = None
    competitors: str | None = None
    incumbent_supplier: str | None = None
    notes: str | None = None
    confidential: bool = False

    def cleaned(self) -> CustomerDraft:
        """Trim text fields and turn empty strings into None (name stays a string)."""
        changes: dict[str, object] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, str):
                value = _clean_text(name, value)
                changes[name] = value if value or name == "name" else None
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ContactDraft:
    customer_id: str
    name: str
    id: str | None = None
    title: str | None = None
    department: str | None = None
    buying_role: str | None = None
    mobile: str | None = None
    phone: str | None = None
    email: str | None = None
    birthday: dt.date | None = None
    hobbies: str | None = None
    notes: str | None = None
    is_key_contact: bool = False

    def cleaned(self) -> ContactDraft:
        changes: dict[str, object] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, str):
                value = _clean_text(name, value)
                changes[name] = value if value or name in ("name", "customer_id") else None
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass
class _Problems:
    items: list[ValidationError] = field(default_factory=list)

    def add(self, zh: str, en: str, field_name: str) -> None:
        self.items.append(ValidationError(zh, en, field_name))


def _check_code(
    problems: _Problems,
    value: str | None,
    kind: type[Picklist],
    label: str,
    label_en: str,
    field_name: str,
) -> None:
    # The enum's own value map: no set is rebuilt per call (the import checks every row).
    if value is not None and value not in kind._value2member_map_:
        problems.add(f"{label}的取值“{value}”无效", f"Invalid {label_en}: {value!r}", field_name)


def customer_problems(draft: CustomerDraft) -> list[ValidationError]:
    """Every rule the draft breaks, in form order; empty when it can be saved."""
    p = _Problems()
    if not draft.name:
        p.add("客户名称不能为空", "Customer name is required", "name")
    elif len(draft.name) > 200:
        p.add("客户名称不能超过 200 个字", "Customer name is longer than 200 characters", "name")
    _check_code(p, draft.customer_type, CustomerType, "客户类型", "customer type", "customer_type")
    _check_code(p, draft.status, CustomerStatus, "客户状态", "status", "status")
    _check_code(p, draft.loss_reason, LossReason, "流失原因", "loss reason", "loss_reason")
    _check_code(p, draft.source, CustomerSource, "客户来源", "source", "source")
    _check_code(p, draft.payment_terms, PaymentTerms, "付款条件", "payment terms", "payment_terms")
    _check_code(
        p,
        draft.relationship_stage,
        RelationshipStage,
        "关系阶段",
        "relationship stage",
        "relationship_stage",
    )
    if draft.status == CustomerStatus.LOST and not draft.loss_reason:
        p.add("流失客户必须填写流失原因", "A lost customer needs a loss reason", "loss_reason")
    if draft.phone and not _PHONE.match(draft.phone):
        p.add("电话号码格式不正确", "The phone number is not valid", "phone")
    for name, zh in (
        ("credit_limit_fen", "信用额度"),
        ("annual_sales_fen", "年销售额"),
        ("category_spend_fen", "品类年采购额"),
        ("headcount", "员工人数"),
    ):
        value = getattr(draft, name)
        if value is not None and value < 0:
            p.add(f"{zh}不能为负数", f"{name.removesuffix('_fen')} cannot be negative", name)
    return p.items


def contact_problems(draft: ContactDraft, today: dt.date) -> list[ValidationError]:
    p = _Problems()
    if not draft.name:
        p.add("联系人姓名不能为空", "Contact name is required", "name")
    _check_code(p, draft.buying_role, BuyingRole, "采购角色", "buying role", "buying_role")
    for name in ("mobile", "phone"):
        value = getattr(draft, name)
        if value and not _PHONE.match(value):
            p.add("电话号码格式不正确", "The phone number is not valid", name)
    if draft.email and not _EMAIL.match(draft.email):
        p.add("电子邮箱格式不正确", "The email address is not valid", "email")
    if draft.birthday and draft.birthday > today:
        p.add("生日不能晚于今天", "The birthday cannot be in the future", "birthday")
    return p.items


def validate_customer(draft: CustomerDraft) -> None:
    problems = customer_problems(draft)
    if problems:
        raise problems[0]


def validate_contact(draft: ContactDraft, today: dt.date) -> None:
    problems = contact_problems(draft, today)
    if problems:
        raise problems[0]

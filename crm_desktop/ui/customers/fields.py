"""The customer card's fields, grouped as the form shows them, declared once.

Both the edit form (customer_form.py) and the card's read-only overview (card.py) are
built from this list, so a new CustomerDraft field is added in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication

from crm_desktop.domain.picklists import (
    CustomerSource,
    CustomerStatus,
    CustomerType,
    LossReason,
    PaymentTerms,
    Picklist,
    RelationshipStage,
)

CONTEXT = "CustomerFields"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate (which knows this name); translated later with `tr`."""
    return text


class Kind(Enum):
    TEXT = "text"
    MULTILINE = "multiline"
    PICKLIST = "picklist"
    MONEY = "money"  # stored in fen, shown and typed in yuan
    INTEGER = "integer"
    FLAG = "flag"
    OWNER = "owner"  # a user id, chosen by display name


@dataclass(frozen=True)
class Field:
    name: str  # the CustomerDraft attribute
    label: str  # English source text; translate with `field_label`
    kind: Kind = Kind.TEXT
    picklist: type[Picklist] | None = None
    required: bool = False  # a value must be chosen (no empty item in a combo)


@dataclass(frozen=True)
class Group:
    title: str
    fields: tuple[Field, ...]
    column: int  # 0 left, 1 right


GROUPS: tuple[Group, ...] = (
    Group(
        QT_TRANSLATE_NOOP("CustomerFields", "Identity"),
        (
            Field("name", QT_TRANSLATE_NOOP("CustomerFields", "Name"), required=True),
            Field("short_name", QT_TRANSLATE_NOOP("CustomerFields", "Short name")),
            Field(
                "customer_type",
                QT_TRANSLATE_NOOP("CustomerFields", "Type"),
                Kind.PICKLIST,
                CustomerType,
                required=True,
            ),
            Field("industry", QT_TRANSLATE_NOOP("CustomerFields", "Industry")),
            Field("phone", QT_TRANSLATE_NOOP("CustomerFields", "Phone")),
            Field("tax_id", QT_TRANSLATE_NOOP("CustomerFields", "Tax ID")),
            Field("address", QT_TRANSLATE_NOOP("CustomerFields", "Address")),
        ),
        column=0,
    ),
    Group(
        QT_TRANSLATE_NOOP("CustomerFields", "Classification"),
        (
            Field(
                "status",
                QT_TRANSLATE_NOOP("CustomerFields", "Status"),
                Kind.PICKLIST,
                CustomerStatus,
                required=True,
            ),
            Field(
                "loss_reason",
                QT_TRANSLATE_NOOP("CustomerFields", "Loss reason"),
                Kind.PICKLIST,
                LossReason,
            ),
            Field("loss_note", QT_TRANSLATE_NOOP("CustomerFields", "Loss details")),
            Field("owner_id", QT_TRANSLATE_NOOP("CustomerFields", "Owner"), Kind.OWNER),
            Field("region", QT_TRANSLATE_NOOP("CustomerFields", "Region")),
            Field("territory", QT_TRANSLATE_NOOP("CustomerFields", "Territory")),
            Field(
                "source",
                QT_TRANSLATE_NOOP("CustomerFields", "Source"),
                Kind.PICKLIST,
                CustomerSource,
            ),
            Field("is_key_account", QT_TRANSLATE_NOOP("CustomerFields", "Key account"), Kind.FLAG),
        ),
        column=1,
    ),
    Group(
        QT_TRANSLATE_NOOP("CustomerFields", "Commercial terms"),
        (
            Field(
                "credit_limit_fen",
                QT_TRANSLATE_NOOP("CustomerFields", "Credit limit (yuan)"),
                Kind.MONEY,
            ),
            Field(
                "payment_terms",
                QT_TRANSLATE_NOOP("CustomerFields", "Payment terms"),
                Kind.PICKLIST,
                PaymentTerms,
            ),
            Field(
                "annual_sales_fen",
                QT_TRANSLATE_NOOP("CustomerFields", "Annual sales (yuan)"),
                Kind.MONEY,
            ),
            Field(
                "category_spend_fen",
                QT_TRANSLATE_NOOP("CustomerFields", "Yearly category spend, all suppliers (yuan)"),
                Kind.MONEY,
            ),
            Field("headcount", QT_TRANSLATE_NOOP("CustomerFields", "Headcount"), Kind.INTEGER),
        ),
        column=0,
    ),
    Group(
        QT_TRANSLATE_NOOP("CustomerFields", "Relationship"),
        (
            Field(
                "relationship_stage",
                QT_TRANSLATE_NOOP("CustomerFields", "Relationship stage"),
                Kind.PICKLIST,
                RelationshipStage,
            ),
            Field("competitors", QT_TRANSLATE_NOOP("CustomerFields", "Competitors present")),
            Field("incumbent_supplier", QT_TRANSLATE_NOOP("CustomerFields", "Incumbent supplier")),
        ),
        column=1,
    ),
    Group(
        QT_TRANSLATE_NOOP("CustomerFields", "Notes"),
        (
            Field("notes", QT_TRANSLATE_NOOP("CustomerFields", "Notes"), Kind.MULTILINE),
            Field("confidential", QT_TRANSLATE_NOOP("CustomerFields", "Confidential"), Kind.FLAG),
        ),
        column=1,
    ),
)

# Shown only while the status is "lost" (SPEC §2.1: a lost customer has a reason).
LOSS_FIELDS = frozenset({"loss_reason", "loss_note"})
# A change to these re-runs the duplicate check before saving (撞单).
DUPLICATE_KEYS = ("name", "phone", "tax_id")


def translated(text: str) -> str:
    """A label or group title of this module in the interface language."""
    return QCoreApplication.translate(CONTEXT, text)


def all_fields() -> list[Field]:
    return [f for group in GROUPS for f in group.fields]

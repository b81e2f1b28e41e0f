"""All mapped tables; importing this package registers them on `Base.metadata`."""

from crm_desktop.store.models.activity import (
    Complaint,
    DailyReport,
    FollowUp,
    MarketReport,
    PlanItem,
    VisitPlan,
    VisitRecord,
)
from crm_desktop.store.models.attachments import Attachment, BlobTransfer
from crm_desktop.store.models.customers import Contact, Customer
from crm_desktop.store.models.defections import DefectionCase
from crm_desktop.store.models.handover import Handover
from crm_desktop.store.models.key_accounts import (
    AccountPlan,
    AccountTeamMember,
    KeyAccountRecord,
    RelationshipLink,
)
from crm_desktop.store.models.leads import Lead, LeadPoolRule
from crm_desktop.store.models.local import (
    ConflictEntry,
    CustomerSearch,
    FormDraft,
    OutboxEntry,
    ReportReopenGrant,
    SyncMeta,
)
from crm_desktop.store.models.org import Team, User
from crm_desktop.store.models.pipeline import (
    Opportunity,
    SalesMethod,
    SalesStage,
    StageHistory,
    Target,
)
from crm_desktop.store.models.policy import TeamPolicyRow
from crm_desktop.store.models.receivables import ReceivableEntry

SYNCED_MODELS = (
    Team,
    User,
    Customer,
    Contact,
    DefectionCase,
    VisitPlan,
    PlanItem,
    DailyReport,
    VisitRecord,
    MarketReport,
    Complaint,
    FollowUp,
    SalesMethod,
    SalesStage,
    Opportunity,
    StageHistory,
    Target,
    TeamPolicyRow,
    ReceivableEntry,
    AccountPlan,
    AccountTeamMember,
    RelationshipLink,
    KeyAccountRecord,
    Handover,
    Lead,
    LeadPoolRule,
    Attachment,
)

__all__ = [
    "SYNCED_MODELS",
    "AccountPlan",
    "AccountTeamMember",
    "Attachment",
    "BlobTransfer",
    "Complaint",
    "ConflictEntry",
    "Contact",
    "Customer",
    "CustomerSearch",
    "DailyReport",
    "DefectionCase",
    "FollowUp",
    "FormDraft",
    "Handover",
    "KeyAccountRecord",
    "Lead",
    "LeadPoolRule",
    "MarketReport",
    "Opportunity",
    "OutboxEntry",
    "PlanItem",
    "ReceivableEntry",
    "RelationshipLink",
    "ReportReopenGrant",
    "SalesMethod",
    "SalesStage",
    "StageHistory",
    "SyncMeta",
    "Target",
    "Team",
    "TeamPolicyRow",
    "User",
    "VisitPlan",
    "VisitRecord",
]

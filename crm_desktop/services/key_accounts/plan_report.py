"""The account plan export (issue 16): everything the .xlsx and the PDF print, gathered
from the store in one read (export/account_plan_data.py), and the .xlsx written from it.

`crm-desktop account-plan --customer NAME -o FILE` and the GUI's export button both come
here, so the file is the same whichever way it was made.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.domain.account_plan import revenue_lines, smart_checks
from crm_desktop.domain.account_plan_workflow import AccountPlanStatus
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.key_accounts import (
    HEALTH_QUESTIONS,
    AccountTeamRole,
    Attitude,
    CycleStage,
    EventKind,
    RelationshipType,
)
from crm_desktop.domain.picklists import BuyingRole, Picklist
from crm_desktop.domain.relationship_map import walk
from crm_desktop.export.account_plan_data import AccountPlanReport, HealthRow, MapRow
from crm_desktop.export.account_plan_workbook import write_account_plan_workbook
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.key_accounts.common import customer_by_name, user_names
from crm_desktop.services.key_accounts.plans import AccountPlanService
from crm_desktop.services.key_accounts.records import KeyAccountRecords
from crm_desktop.services.key_accounts.relationship import RelationshipMapService
from crm_desktop.services.key_accounts.revenue import actuals_by_quarter
from crm_desktop.services.key_accounts.team import AccountTeamService
from crm_desktop.store.database import Store
from crm_desktop.store.models import AccountPlan


def _label(kind: type[Picklist], code: str | None, lang: str) -> str:
    if not code:
        return ""
    try:
        return kind(code).label(lang)
    except ValueError:
        return code


def plan_for_customer(store: Store, name: str) -> str:
    """The id of the newest plan of the customer called `name`; ValidationError if the
    customer is unknown or has no plan."""
    with store.reading() as s:
        customer = customer_by_name(s, name)
        plan_id = _newest(s, customer.id)
        if plan_id is None:
            raise ValidationError(
                f"客户“{customer.name}”还没有客户计划",
                f"Customer “{customer.name}” has no account plan yet",
                "customer",
            )
        return plan_id


def _newest(s: Session, customer_id: str) -> str | None:
    return s.scalar(
        select(AccountPlan.id)
        .where(AccountPlan.customer_id == customer_id, AccountPlan.deleted.is_(False))
        .order_by(AccountPlan.plan_year.desc(), AccountPlan.version_no.desc())
        .limit(1)
    )


def account_plan_report(
    store: Store, user: CurrentUser, plan_id: str, lang: str = "zh_CN"
) -> AccountPlanReport:
    plan = AccountPlanService(store, user).open(plan_id)
    team = AccountTeamService(store, user).members(plan.customer_id)
    relationship = RelationshipMapService(store, user).map(plan.customer_id)
    records = KeyAccountRecords(store, user)
    profile = records.profile(plan.customer_id)
    events = records.events(plan.customer_id)
    with store.reading() as s:
        actuals = actuals_by_quarter(s, plan.customer_id, plan.plan_year)
        names = user_names(s)
    questions = {q.key: q.label(lang) for q in HEALTH_QUESTIONS}
    return AccountPlanReport(
        lang=lang,
        customer_name=plan.customer_name,
        owner_name=plan.owner_name,
        plan_year=plan.plan_year,
        version_no=plan.version_no,
        status=_label(AccountPlanStatus, plan.status, lang),
        sponsor_name=plan.sponsor_name,
        approved_at=plan.approved_at,
        review_comment=plan.review_comment or "",
        content=plan.content,
        smart=[smart_checks(o, plan.plan_year) for o in plan.content.objectives],
        action_owners=names,
        revenue=revenue_lines(plan.content, actuals),
        team=[(m.name, _label(AccountTeamRole, m.role, lang), m.note) for m in team],
        map_rows=[
            MapRow(
                level=node.level,
                name=node.person.name,
                title=node.person.title,
                buying_role=_label(BuyingRole, node.person.buying_role, lang),
                attitude=_label(Attitude, node.person.attitude, lang),
                attitude_code=node.person.attitude,
                influence=node.person.influence,
                our_person=node.person.our_user_name,
            )
            for node in walk(relationship.tree)
        ],
        coverage=relationship.coverage,
        health=[
            HealthRow(
                checked_on=check.checked_on,
                average=check.average,
                relationship_type=_label(RelationshipType, check.relationship_type, lang),
                cycle_stage=_label(CycleStage, check.cycle_stage, lang),
                answers=[
                    (questions.get(key, key), answer.rating, answer.comment)
                    for key, answer in check.answers.items()
                ],
            )
            for check in profile.checks
        ],
        events=[(e.event_date, _label(EventKind, e.kind, lang), e.title) for e in events],
        relationship_type=_label(RelationshipType, profile.relationship_type, lang),
        cycle_stage=_label(CycleStage, profile.cycle_stage, lang),
    )


def export_account_plan_xlsx(report: AccountPlanReport, path: Path) -> Path:
    return write_account_plan_workbook(report, path)

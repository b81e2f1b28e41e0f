"""The demo's key accounts 长期重点客户 (issue 16): the three customers with the most
orders become key accounts, each with an account plan (one active, one awaiting its
sponsor, one draft), an account team, a relationship map over its contacts, two
relationship health checks and a few events; two more customers go on the watch list.

Rows are written in bulk without outbox entries, like the rest of the demo.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from crm_desktop.demo import names
from crm_desktop.demo.activity import Writer, local_time, synced
from crm_desktop.domain.account_plan import (
    ActionItem,
    CompetitorProfile,
    CustomerProfile,
    Objective,
    PlanContent,
    RevenueQuarter,
    Situation,
    Swot,
    to_json,
)
from crm_desktop.domain.normalize import phone_key
from crm_desktop.domain.report_history import append_event
from crm_desktop.store.models import (
    AccountPlan,
    AccountTeamMember,
    Contact,
    Customer,
    KeyAccountRecord,
    RelationshipLink,
    User,
    VisitRecord,
)

# The customer's people on each map: (name, title, reports to (index), role, attitude,
# influence, which of ours holds the link: "rep", "supervisor", "manager" or None).
_PEOPLE = (
    ("周总", "总经理", None, "decision_maker", "support", 5, "manager"),
    ("吴副总", "副总经理（生产）", 0, "influencer", "neutral", 4, "supervisor"),
    ("郑经理", "采购部经理", 1, "gatekeeper", "oppose", 4, "rep"),
    ("冯工", "设备部主任工程师", 1, "user", "support", 3, None),
    ("陈会计", "财务主管", 0, "influencer", "neutral", 2, None),
)
_STATUSES = ("active", "submitted", "draft")


def _content(year: int, rep: str, supervisor: str, sales_fen: int) -> PlanContent:
    base = max(sales_fen, 100_000_00)
    quarter = base // 4
    return PlanContent(
        summary="巩固主供应商地位，扩大设备耗材份额，三年内发展为合作伙伴关系。",
        profile=CustomerProfile(
            market="行业整体增长约 8%，华东市场竞争加剧，客户正扩建二期产线。",
            strategy="客户定位中高端，短期重点是降本增效，长期战略是智能化改造。",
            trends="客户订单稳步增长，对交期和技术服务要求提高。",
            past_needs="标准耗材，按月采购。",
            current_needs="二期产线需要整套设备和年度维保。",
            next_year_demand_pct=15,
            swot=Swot(
                strengths="交付快、本地服务团队",
                weaknesses="高端产品线不全",
                opportunities="二期扩产、智能化改造",
                threats="外资品牌降价竞争",
            ),
            info_grade="3",
        ),
        competitors=(
            CompetitorProfile(
                name="德朗科技",
                relationship="供应二期试点设备",
                capabilities="高端产品线完整，服务网点少",
                strategy="低价切入，绑定长期维保",
                strengths_weaknesses="品牌强；交期长",
                customer_view="技术好但响应慢",
                preference=3,
                info_grade="3",
            ),
        ),
        situation=Situation(
            relationship="与生产副总关系良好，采购部态度保留。",
            progress="今年已完成全年计划的七成。",
            current_sales_fen=base,
            share_pct=40,
            switching_cost="更换供应商需重新验证工艺，约三个月。",
        ),
        vision="三年内成为客户的首选供应商，进入合作伙伴关系。",
        objectives=(
            Objective(
                statement="二期产线设备耗材由我方供应",
                metric="年销售额（万元）",
                target=base * 3 // 2 // 1_000_000,
                baseline=base // 1_000_000,
                serves="目前的需求：二期产线整套设备",
                due_on=dt.date(year, 12, 31),
            ),
        ),
        actions=(
            ActionItem(
                "a1",
                "组织技术交流会，邀请设备部参加",
                rep,
                dt.date(year, 1, 10),
                dt.date(year, 3, 31),
                100,
            ),
            ActionItem(
                "a2",
                "高层拜访：与周总面谈年度合作",
                supervisor,
                dt.date(year, 4, 1),
                dt.date(year, 6, 30),
                50,
            ),
            ActionItem(
                "a3",
                "提交二期产线整体方案和报价",
                rep,
                dt.date(year, 7, 1),
                dt.date(year, 12, 15),
                0,
            ),
        ),
        revenue=tuple(RevenueQuarter(q, quarter, quarter * 9 // 10, 18) for q in (1, 2, 3, 4)),
    )


def add_key_accounts(writer: Writer, today: dt.date) -> None:
    """Key accounts, plans, teams, maps, health checks, events and the watch list."""
    s = writer.session
    users = dict(s.execute(select(User.role, User.id).where(User.deleted.is_(False))).all())
    manager, supervisor = users.get("manager"), users.get("supervisor")
    if manager is None or supervisor is None:
        return
    top = _top_customers(s, today.year)
    at = local_time(today, 9)
    picked: list[tuple[str, str, str | None, int]] = []
    owners: set[str] = set()
    for customer_id, owner, team, sales in top:
        if owner not in owners:
            owners.add(owner)
            picked.append((customer_id, owner, team, sales))
        if len(picked) == 3:
            break
    for (customer_id, owner, team, sales), status in zip(picked, _STATUSES, strict=False):
        s.execute(update(Customer).where(Customer.id == customer_id).values(is_key_account=True))
        _plan(writer, customer_id, owner, team, sales, status, today, at, supervisor, manager)
        _team(writer, customer_id, owner, team, at, supervisor, manager)
        _map(writer, customer_id, owner, team, at, supervisor, manager, status)
        _records(writer, customer_id, owner, team, today, at)
    rest = [row for row in top if row[0] not in {p[0] for p in picked}][:2]
    for (customer_id, owner, team, _sales), referrer in zip(rest, picked, strict=False):
        writer.insert(
            KeyAccountRecord,
            [
                synced(owner, team, at)
                | {
                    "customer_id": customer_id,
                    "kind": "watch",
                    "record_date": today - dt.timedelta(days=20),
                    "title": "采购量连续三个季度增长，有扩产计划",
                    "referrer_customer_id": referrer[0],
                    "content": json.dumps({"next_purchase_on": None}),
                }
            ],
        )


def _top_customers(s: Session, year: int) -> list[tuple[str, str, str | None, int]]:
    orders = func.sum(VisitRecord.order_amount_fen)
    rows = s.execute(
        select(Customer.id, Customer.owner_id, Customer.team_id, orders)
        .join(VisitRecord, VisitRecord.customer_id == Customer.id)
        .where(Customer.owner_id.is_not(None))
        .group_by(Customer.id)
        .order_by(orders.desc(), Customer.id)
        .limit(12)
    ).all()
    return [(r[0], r[1] or "", r[2], int(r[3] or 0)) for r in rows]


def _plan(
    writer: Writer,
    customer_id: str,
    owner: str,
    team: str | None,
    sales: int,
    status: str,
    today: dt.date,
    at: dt.datetime,
    supervisor: str,
    manager: str,
) -> None:
    year = today.year
    sponsor = manager if status == "active" else supervisor
    row: dict[str, Any] = synced(owner, team, at) | {
        "customer_id": customer_id,
        "plan_year": year,
        "version_no": 1,
        "previous_plan_id": None,
        "content": to_json(_content(year, owner, supervisor, sales)),
        "status": status,
        "sponsor_id": None,
        "submitted_at": None,
        "approved_at": None,
        "approved_by": None,
        "reviewed_at": None,
        "review_comment": None,
        "history": None,
    }
    if status in ("active", "submitted"):
        submitted = at - dt.timedelta(days=60)
        row.update(
            sponsor_id=sponsor,
            submitted_at=submitted,
            history=append_event(None, "submit", submitted, owner),
        )
    if status == "active":
        approved = at - dt.timedelta(days=55)
        row.update(
            approved_at=approved,
            approved_by=sponsor,
            review_comment="同意。重点跟进二期产线方案，高层拜访我来安排。",
            history=append_event(
                append_event(row["history"], "approve", approved, sponsor, "同意。"),
                "activate",
                approved,
                owner,
            ),
        )
    writer.insert(AccountPlan, [row])


def _team(
    writer: Writer,
    customer_id: str,
    owner: str,
    team: str | None,
    at: dt.datetime,
    supervisor: str,
    manager: str,
) -> None:
    members = (
        (owner, "account_manager", "负责日常联系和计划执行"),
        (manager, "executive_sponsor", "对接客户总经理"),
        (supervisor, "sales", "协调资源"),
    )
    writer.insert(
        AccountTeamMember,
        [
            synced(owner, team, at)
            | {"customer_id": customer_id, "user_id": user, "role": role, "note": note}
            for user, role, note in members
        ],
    )


def _map(
    writer: Writer,
    customer_id: str,
    owner: str,
    team: str | None,
    at: dt.datetime,
    supervisor: str,
    manager: str,
    account: str,
) -> None:
    ours = {"rep": owner, "supervisor": supervisor, "manager": manager, None: None}
    contacts, links = [], []
    ids: list[str] = []
    for name, title, boss, role, attitude, influence, holder in _PEOPLE:
        # Every demo contact has a mobile, as a real card would; seeded by the account (its
        # plan's status, one per account) and the person, so one demo seed gives one demo.
        mobile = names.mobile(random.Random(f"{account}/{name}"))
        contact = synced(owner, team, at) | {
            "customer_id": customer_id,
            "name": name,
            "title": title,
            "mobile": mobile,
            "phone_key": phone_key(mobile),
            "buying_role": role,
            "is_key_contact": influence >= 4,
        }
        contacts.append(contact)
        ids.append(contact["id"])
        links.append(
            synced(owner, team, at)
            | {
                "customer_id": customer_id,
                "contact_id": contact["id"],
                "reports_to_contact_id": ids[boss] if boss is not None else None,
                "buying_role": role,
                "attitude": attitude,
                "influence": influence,
                "our_user_id": ours[holder],
                "note": None,
            }
        )
    writer.insert(Contact, contacts)
    writer.insert(RelationshipLink, links)


def _records(
    writer: Writer, customer_id: str, owner: str, team: str | None, today: dt.date, at: dt.datetime
) -> None:
    checks = (
        (today - dt.timedelta(days=120), 3, "preferred", "consolidation"),
        (today - dt.timedelta(days=30), 4, "preferred", "growth"),
    )
    rows = []
    for on, rating, kind, stage in checks:
        answers = {
            key: {"rating": rating if key != "value" else rating - 1, "comment": ""}
            for key in ("doing", "needs", "value", "cooperation", "people", "improve")
        }
        content = {"answers": answers, "relationship_type": kind, "cycle_stage": stage}
        rows.append(
            synced(owner, team, at)
            | {
                "customer_id": customer_id,
                "kind": "health",
                "record_date": on,
                "category": None,
                "title": None,
                "referrer_customer_id": None,
                "content": json.dumps(content, ensure_ascii=False, sort_keys=True),
            }
        )
    events = (
        (today - dt.timedelta(days=75), "anniversary", "客户成立二十周年庆典，我方送花篮致贺"),
        (today - dt.timedelta(days=40), "major_move", "客户宣布二期产线开工"),
        (today + dt.timedelta(days=25), "forum", "年度大客户座谈会（邀请周总出席）"),
    )
    for on, kind, title in events:
        rows.append(
            synced(owner, team, at)
            | {
                "customer_id": customer_id,
                "kind": "event",
                "record_date": on,
                "category": kind,
                "title": title,
                "referrer_customer_id": None,
                "content": None,
            }
        )
    writer.insert(KeyAccountRecord, rows)

"""Demo leads 线索: trade-show visitors and referrals in the reps' hands (some overdue,
some near the pool rule), the team's pool 公海 with unclaimed prospects, a converted and
a discarded lead; and the team's pool rule (30 days)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crm_desktop.demo.activity import Activity, local_time, synced
from crm_desktop.domain.leads import (
    DEFAULT_RETURN_AFTER_DAYS,
    LeadSource,
    LeadStatus,
    Tier,
    match_keys,
)
from crm_desktop.store.models import Lead, LeadPoolRule

_EVENTS = ("2026 中国国际工业博览会", "第134届广交会", "华东五金机电展")
# (company, contact, phone, source, tier)
_PROSPECTS = (
    ("昆山华泰精密机械有限公司", "周建新", "13915520387", LeadSource.TRADE_SHOW, Tier.PRIORITY),
    ("常州恒远电子科技有限公司", "吴晓梅", "13861253396", LeadSource.TRADE_SHOW, Tier.GENERAL),
    ("嘉兴联创包装材料厂", "沈国平", "0573-82216654", LeadSource.TRADE_SHOW, Tier.GENERAL),
    ("绍兴越达纺织有限公司", "陈丽", "13757562218", LeadSource.REFERRAL, Tier.PRIORITY),
    ("南通海润船舶配件有限公司", "顾伟", "13962871145", LeadSource.TRADE_SHOW, Tier.LAST),
    ("湖州绿源环保设备有限公司", "钱志强", "0572-2096631", LeadSource.WEB, Tier.GENERAL),
    ("扬州金鼎建材商行", "孙红", "13952724470", LeadSource.COLD_CALL, Tier.LAST),
    ("无锡新科自动化有限公司", "徐斌", "13806196632", LeadSource.TRADE_SHOW, Tier.PRIORITY),
    ("台州德力阀门厂", "林海", "13736585102", LeadSource.IMPORT, Tier.GENERAL),
    ("泰州宏发五金制品有限公司", "朱莉", "13685261973", LeadSource.TRADE_SHOW, Tier.GENERAL),
    ("镇江华信化工贸易有限公司", "何涛", "0511-85539908", LeadSource.REFERRAL, Tier.GENERAL),
    ("舟山海联水产食品有限公司", "郑洁", "13857085541", LeadSource.TRADE_SHOW, Tier.LAST),
    ("盐城东方汽车零部件有限公司", "马骏", "13815572260", LeadSource.TRADE_SHOW, Tier.PRIORITY),
    ("宿迁银河家具有限公司", "刘芳", "13770413358", LeadSource.ADVERTISING, Tier.LAST),
)


def add_leads(activity: Activity) -> None:
    """The leads of the demo team, written with the rest of the demo (no outbox)."""
    today, team, supervisor = activity.today, activity.team, activity.supervisor
    rows: list[dict[str, Any]] = []
    for i, (name, contact, phone, source, tier) in enumerate(_PROSPECTS):
        came = today - dt.timedelta(days=3 + 4 * i)
        row = _lead(name, contact, phone, source, tier, came, i)
        if i % 3 == 0:  # in the pool, held by the supervisor
            row.update(synced(supervisor, team, local_time(came, 17)))
            row.update(in_pool=True, pooled_at=local_time(came, 17), status=LeadStatus.NEW)
        else:
            rep = activity.reps[i % len(activity.reps)]
            row.update(synced(rep.id, team, local_time(came, 9)))
            row.update(assigned_at=local_time(came, 9), status=LeadStatus.ASSIGNED)
            row["follow_up_due"] = came + dt.timedelta(days=7)
            if i % 3 == 1:  # worked on: called, then visited
                row.update(
                    status=LeadStatus.CONTACTED,
                    last_call_on=came + dt.timedelta(days=2),
                    last_effective_on=came + dt.timedelta(days=5) if i < 9 else None,
                )
            if i == 10:
                row.update(status=LeadStatus.DISCARDED, notes="放弃原因: 已与竞争对手签约")
        for key in ("status", "source", "tier"):
            row[key] = str(row[key])
        rows.append(row)
    activity.w.insert(Lead, rows)
    rule = synced(supervisor, team, local_time(today - dt.timedelta(days=60), 9))
    rule["return_after_days"] = DEFAULT_RETURN_AFTER_DAYS
    activity.w.insert(LeadPoolRule, [rule])


def _lead(
    name: str, contact: str, phone: str, source: LeadSource, tier: Tier, came: dt.date, i: int
) -> dict[str, Any]:
    name_key, phone_key = match_keys(name, phone)
    return {
        "name": name,
        "name_key": name_key,
        "contact_name": contact,
        "phone": phone,
        "phone_key": phone_key,
        "address": None,
        "source": source,
        "event": _EVENTS[i % len(_EVENTS)] if source is LeadSource.TRADE_SHOW else None,
        "status": LeadStatus.NEW,
        "tier": tier,
        "follow_up_due": None,
        "in_pool": False,
        "assigned_at": None,
        "pooled_at": None,
        "last_call_on": None,
        "last_effective_on": None,
        "converted_customer_id": None,
        "converted_at": None,
        "notes": None,
    }

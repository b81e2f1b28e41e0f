"""A complete account plan for the key-account tests: every section filled, one SMART
objective, actions, a revenue plan of four quarters."""

from __future__ import annotations

import datetime as dt

from crm_desktop.domain.account_plan import (
    ActionItem,
    CompetitorProfile,
    CustomerProfile,
    Objective,
    PlanContent,
    RevenueQuarter,
    Situation,
    Swot,
)

YEAR = 2026


def smart_objective(**changes: object) -> Objective:
    values: dict[str, object] = {
        "statement": "二期产线设备耗材由我方供应",
        "metric": "年销售额（万元）",
        "target": 120,
        "baseline": 80,
        "serves": "二期产线的设备需求",
        "due_on": dt.date(YEAR, 12, 31),
    }
    values.update(changes)
    return Objective(**values)  # type: ignore[arg-type]


def full_plan(owner_id: str, *, other_owner: str | None = None) -> PlanContent:
    return PlanContent(
        summary="巩固主供应商地位，扩大耗材份额",
        profile=CustomerProfile(
            market="华东市场增长 8%",
            strategy="降本增效",
            trends="订单稳步增长",
            past_needs="标准耗材",
            current_needs="整套设备",
            next_year_demand_pct=15,
            swot=Swot("交付快", "高端不全", "二期扩产", "外资降价"),
            info_grade="3",
        ),
        competitors=(
            CompetitorProfile(
                "德朗科技",
                "供应试点设备",
                "产品线全",
                "低价切入",
                "品牌强；交期长",
                "响应慢",
                3,
                "2",
            ),
        ),
        situation=Situation("关系良好", "完成七成", 80_000_00, 40, "三个月验证"),
        vision="三年内成为首选供应商",
        objectives=(smart_objective(),),
        actions=(
            ActionItem(
                "a1", "组织技术交流会", owner_id, dt.date(YEAR, 1, 10), dt.date(YEAR, 12, 10), 0
            ),
            ActionItem(
                "a2",
                "高层拜访",
                other_owner or owner_id,
                dt.date(YEAR, 4, 1),
                dt.date(YEAR, 12, 20),
                50,
            ),
        ),
        revenue=(
            RevenueQuarter(1, 100_000_00, 90_000_00, 18),
            RevenueQuarter(2, 120_000_00, 100_000_00, 20),
            RevenueQuarter(3, 130_000_00, 110_000_00, 20),
            RevenueQuarter(4, 150_000_00, 140_000_00, 22),
        ),
    )

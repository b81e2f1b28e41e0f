"""The demo team's business around the visits: the sales method, opportunities with
their stage history, targets, market reports and complaints (rows for Activity.add)."""

from __future__ import annotations

import datetime as dt

from crm_desktop.demo import names
from crm_desktop.demo.activity import (
    WEEKS,
    Activity,
    Rep,
    Visitable,
    local_time,
    pick,
    synced,
    yuan,
)
from crm_desktop.domain.picklists import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintResolution,
    MarketCategory,
    Severity,
)
from crm_desktop.domain.stages import DEFAULT_METHOD_CODE, DEFAULT_STAGES
from crm_desktop.store.models import (
    Complaint,
    MarketReport,
    Opportunity,
    SalesMethod,
    SalesStage,
    StageHistory,
    Target,
)

_STAGE_WEIGHTS = {"discover": 20, "research": 18, "proposal": 18, "bid": 12, "contract": 8,
                  "won": 14, "lost": 10}  # fmt: skip


def add_business(a: Activity) -> None:
    """Everything but the visit history, for every rep of the activity."""
    sales_method(a)
    for rep in a.reps:
        pipeline(a, rep)
        market_reports(a, rep)
        complaints(a, rep)
    targets(a)


def sales_method(a: Activity) -> None:
    at = local_time(a.start, 8)
    a.add(
        SalesMethod,
        synced(None, None, at) | {"code": DEFAULT_METHOD_CODE, "name": "标准销售方法"},
    )
    for stage in DEFAULT_STAGES:
        a.add(
            SalesStage,
            synced(None, None, at)
            | dict(
                method_code=DEFAULT_METHOD_CODE,
                code=stage.code,
                name_zh=stage.name_zh,
                name_en=stage.name_en,
                probability_pct=stage.probability_pct,
                position=stage.position,
                outcome=stage.outcome,
                min_visits=stage.min_visits,
                requires_amount=stage.requires_amount,
                control_mode=stage.control_mode.value,
            ),
        )


def pipeline(a: Activity, rep: Rep) -> None:
    rng = a.rng
    count = min(12, max(2, len(rep.portfolio) // 3))
    for customer in rng.sample(rep.portfolio, min(count, len(rep.portfolio))):
        target = pick(rng, _STAGE_WEIGHTS)
        open_path = [s.code for s in DEFAULT_STAGES if s.outcome == "open"]
        if target in ("won", "lost"):  # closed after some of the open stages
            path = [*open_path[: rng.randrange(1, len(open_path) + 1)], target]
        else:
            path = open_path[: open_path.index(target) + 1]
        opened = a.today - dt.timedelta(days=rng.randrange(20, WEEKS * 7 + 30))
        opportunity(a, rep, customer, path, opened)


def opportunity(
    a: Activity, rep: Rep, customer: Visitable, path: list[str], opened: dt.date
) -> None:
    rng, stage = a.rng, path[-1]
    step = max(1, (a.today - opened).days // (len(path) + 1))
    days = [opened + dt.timedelta(days=step * n) for n in range(len(path))]
    closed = days[-1] if stage in ("won", "lost") else None
    product = rng.choice(names.PRODUCTS)
    row = synced(rep.id, a.team, local_time(opened, 10))
    row.update(
        customer_id=customer.id,
        name=f"{customer.short}{product}采购项目",
        amount_fen=yuan(rng, 50_000, 3_000_000),
        method_code=DEFAULT_METHOD_CODE,
        expected_close_on=opened + dt.timedelta(days=rng.randrange(30, 150)),
        stage_code=stage,
        competitors=rng.choice(names.COMPETITORS),
        next_step=rng.choice(names.NEXT_STEPS) if closed is None else None,
        won_on=closed if stage == "won" else None,
        won_reason="方案和服务优于竞品" if stage == "won" else None,
        lost_reason="价格高于竞品" if stage == "lost" else None,
        winning_competitor=rng.choice(names.COMPETITORS) if stage == "lost" else None,
        closed_on=closed,
    )
    a.add(Opportunity, row)
    for previous, code, day in zip([None, *path], path, days, strict=False):
        change = synced(rep.id, a.team, local_time(day, 11)) | dict(
            opportunity_id=row["id"],
            from_stage=previous,
            to_stage=code,
            changed_at=local_time(day, 11),
            changed_by=rep.id,
            note=None,
        )
        a.add(StageHistory, change)


def targets(a: Activity) -> None:
    """Monthly sales and collection per rep and team, weekly visits per rep, set a
    little off what was achieved, as real targets are."""
    months = sorted({(d.year, d.month) for d in a.workdays()})
    for year, month in months:
        first = dt.date(year, month, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        elapsed = min(1.0, ((a.today - first).days + 1) / ((last - first).days + 1))
        for kind, actual in (("sales", a.orders), ("collection", a.collections)):
            team_total = 0
            for rep in a.reps:
                done = actual[(rep.id, year, month)] / max(elapsed, 0.2)
                value = max(5_000_000, int(done * a.rng.uniform(0.85, 1.25)) // 10**5 * 10**5)
                team_total += value
                target(a, kind, rep.id, None, "month", first, last, value)
            target(a, kind, None, a.team, "month", first, last, team_total)
    monday = a.start - dt.timedelta(days=a.start.weekday())
    while monday <= a.today:
        for rep in a.reps:
            target(a, "visits", rep.id, None, "week", monday, monday + dt.timedelta(days=6), 25)
        monday += dt.timedelta(weeks=1)


def target(
    a: Activity,
    kind: str,
    user: str | None,
    team: str | None,
    period: str,
    start: dt.date,
    end: dt.date,
    value: int,
) -> None:
    row = synced(user or a.supervisor, a.team, local_time(start, 8))
    row.update(
        kind=kind,
        assignee_user_id=user,
        assignee_team_id=team,
        period_kind=period,
        period_start=start,
        period_end=end,
        value=value,
    )
    a.add(Target, row)


def market_reports(a: Activity, rep: Rep) -> None:
    rng = a.rng
    for _ in range(WEEKS // 2):
        day = a.start + dt.timedelta(days=rng.randrange(WEEKS * 7))
        category = rng.choice(list(MarketCategory)).value
        customer = rng.choice(rep.portfolio) if rep.portfolio and rng.random() < 0.5 else None
        seen = (a.today - day).days > 3
        row = synced(rep.id, a.team, local_time(day, 18))
        row.update(
            report_date=day,
            region=rep.city.name,
            customer_id=customer.id if customer else None,
            category=category,
            description=rng.choice(names.MARKET_TEXTS[category]),
            severity=rng.choice(("low", "medium", "medium", "high")),
            suggested_action="建议公司跟进相应的促销或价格政策",
            acknowledged_by=a.supervisor if seen else None,
            acknowledged_at=local_time(day + dt.timedelta(days=1), 10) if seen else None,
        )
        a.add(MarketReport, row)


def complaints(a: Activity, rep: Rep) -> None:
    rng = a.rng
    for index in range(min(4, len(rep.portfolio))):
        customer = rng.choice(rep.portfolio)
        if index == 0:  # every rep has one complaint still being handled
            received = a.today - dt.timedelta(days=rng.randrange(10))
        else:
            received = a.start + dt.timedelta(days=rng.randrange(WEEKS * 7))
        age = (a.today - received).days
        status = (
            "closed"
            if age > 30
            else "resolved"
            if age > 10
            else rng.choice(("open", "in_progress"))
        )
        category = rng.choice(list(ComplaintCategory)).value
        finished = status in ("resolved", "closed")
        row = synced(rep.id, a.team, local_time(received, 14))
        row.update(
            customer_id=customer.id,
            contact_id=customer.contacts[0][0] if customer.contacts else None,
            received_on=received,
            channel=rng.choice(list(ComplaintChannel)).value,
            category=category,
            severity=rng.choice(list(Severity)).value,
            description=rng.choice(names.COMPLAINT_TEXTS[category]),
            customer_demand="尽快处理并给出书面说明",
            responsible_department=rng.choice(names.DEPARTMENTS),
            resolution=rng.choice(list(ComplaintResolution)).value if finished else None,
            status=status,
            due_on=received + dt.timedelta(days=7),
            resolved_on=received + dt.timedelta(days=rng.randrange(2, 10)) if finished else None,
        )
        a.add(Complaint, row)

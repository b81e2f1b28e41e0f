"""The demo team's defectors (F16): last year's orders, cases and value estimates.

The twelve weeks of field work (activity.py) have no "same period last year", so this
adds, per rep, a few customers' orders from a year ago, signed into that day's report:
- two who stopped ordering: complete defectors, investigated (a case with root causes,
  interviewer and measures; the card marked lost), one of them won back;
- two whose orders fell hard against the same weeks a year ago (the warning list's
  "orders down"), one of them already recorded as a partial defector;
- one who ordered more than a year ago and then went quiet (the win-back list).
The customers' estimated yearly category spend is filled for most who order, so the
card shows a share of customer. Deterministic for the activity's seeded generator.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import bindparam, func, select, update

from crm_desktop.demo.activity import Activity, Rep, Visitable, local_time, synced
from crm_desktop.domain.churn import DefectionCause, encode_causes
from crm_desktop.store.base import Base
from crm_desktop.store.models import DailyReport, DefectionCase, VisitRecord
from crm_desktop.store.models.org import User

D = dt.timedelta
# Causes as field teams name them: service slips first (P14), then price and rivals.
_CAUSES = (
    (DefectionCause.NO_AFTERCALL, DefectionCause.AFTER_SALES),
    (DefectionCause.COMPETITOR_OFFER, DefectionCause.PRICE),
    (DefectionCause.BROKEN_PROMISE,),
    (DefectionCause.NO_REPLY, DefectionCause.RELIABILITY),
    (DefectionCause.PRICE_DRIVEN, DefectionCause.COMPETITOR_PROMOTION),
    (DefectionCause.RUDE, DefectionCause.UNCLEAR_OWNER),
    (DefectionCause.CONTACT_MOVED,),
    (DefectionCause.CHANGED_TERMS, DefectionCause.SQUEEZED),
)
_NOTES = (
    "采购经理表示交货后无人回访，出现质量问题时找不到负责人。",
    "对方称竞争对手报价低 8%，并承诺账期 90 天。",
    "客户反映上次承诺的技术培训一直没有落实。",
    "电话多次未回，客户转向本地供应商。",
    "新任采购主管只看价格，原来的联系人已调走。",
)
_MEASURES = (
    "交货后三天内电话回访；每季度拜访一次决策者。",
    "申请特价审批，提供 60 天账期试用方案。",
    "建立承诺事项清单，主管每周检查落实情况。",
    "客户来电 4 小时内回复，问题 24 小时内给出方案。",
)


def add_defections(activity: Activity) -> None:
    """Write the defectors of the demo team (no outbox, inside the demo's transaction)."""
    session, rng, today = activity.w.session, activity.rng, activity.today
    # The reports made a year ago, by (rep, day): two customers' orders on a day share one.
    made: dict[tuple[str, dt.date], dict[str, Any]] = {}
    orders = session.execute(
        select(
            VisitRecord.customer_id,
            func.sum(VisitRecord.order_amount_fen),
            func.max(VisitRecord.visit_date),
        )
        .where(VisitRecord.order_amount_fen > 0)
        .group_by(VisitRecord.customer_id)
    ).all()
    recent = {cid: int(total) for cid, total, _last in orders}
    last_order = {cid: _day(last) for cid, _total, last in orders}
    # A scaled demo's history already reaches back past last year: its own orders are the
    # comparison, and its reports of those days are signed (no visit may be added).
    scaled = activity.start <= today - D(530)
    supervisor = session.scalar(select(User.display_name).where(User.id == activity.supervisor))
    cases: list[dict[str, Any]] = []
    statuses: list[dict[str, Any]] = []
    for index, rep in enumerate(activity.reps):
        regulars = sorted(
            (c for c in rep.portfolio if not c.new and not c.key),
            key=lambda c: (-c.weight, c.name),
        )
        if scaled:
            quiet = [
                c for c in regulars if c.id in last_order and last_order[c.id] < today - D(120)
            ]
            ordering = [c for c in regulars if c.id in last_order and c not in quiet]
        else:
            quiet = [c for c in regulars if not recent.get(c.id)]
            ordering = [c for c in regulars if recent.get(c.id)]
        for n, customer in enumerate(quiet[:2]):
            if scaled:
                last = last_order[customer.id]
            else:
                last = _year_ago_orders(
                    activity, rep, customer, today - D(430), today - D(380), made
                )
            defected = last + D(rng.randrange(60, 200))
            won_back = n == 1 and index % 2 == 0
            cases.append(
                _case(activity, rep, customer, defected, "complete", index + n, supervisor,
                      won_back_on=defected + D(rng.randrange(20, 60)) if won_back else None)
            )  # fmt: skip
            if not won_back:
                statuses.append({"cid": customer.id, "status": "lost", "reason": "service"})
        if len(quiet) > 2 and not scaled:
            _year_ago_orders(activity, rep, quiet[2], today - D(520), today - D(400), made)
        for n, customer in enumerate(ordering[:2]):
            # The same weeks a year ago, at five times what it orders now.
            window = (today - D(365 + 80), today - D(366))
            if not scaled:
                _year_ago_orders(
                    activity, rep, customer, *window, made, scale=5 * recent[customer.id]
                )
            if n == 0:
                cases.append(
                    _case(activity, rep, customer, today - D(rng.randrange(60, 80)), "partial",
                          index + 3, supervisor)
                )  # fmt: skip
    activity.w.insert(DefectionCase, cases)
    activity.sign()
    customers = Base.metadata.tables["customers"]
    if statuses:
        session.execute(
            update(customers)
            .where(customers.c.id == bindparam("cid"))
            .values(status=bindparam("status"), loss_reason=bindparam("reason")),
            statuses,
        )
    _category_spend(activity)


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _year_ago_orders(
    activity: Activity,
    rep: Rep,
    customer: Visitable,
    first: dt.date,
    last: dt.date,
    made: dict[tuple[str, dt.date], dict[str, Any]],
    scale: int | None = None,
) -> dt.date:
    """Three orders between `first` and `last` on weekdays, each in the rep's report of
    that day (made once per rep and day); the date of the last one. `scale`: their
    total, else a random one."""
    rng = activity.rng
    span = (last - first).days
    days = {first + D(rng.randrange(span + 1)) for _ in range(3)}
    days = {d - D(max(0, d.weekday() - 4)) for d in days}  # a weekend day: that Friday
    reports, visits = [], []
    for day in sorted(days):
        report = made.get((rep.id, day))
        if report is None:
            report = activity.report(rep, day, None, attendance="present")
            activity.rows[DailyReport].remove(report)  # inserted here, not by a flush
            made[(rep.id, day)] = report
            reports.append(report)
        amount = scale // len(days) if scale else rng.randrange(800_000, 3_000_000)
        row = synced(rep.id, activity.team, local_time(day, 18))
        row.update(
            report_id=report["id"], plan_item_id=None, customer_id=customer.id, visit_date=day,
            planned=False, contacts_met=None, purpose="order", start_time="10:00",
            end_time="11:00", outcome="order_placed", is_effective=True,
            order_amount_fen=amount, collection_amount_fen=0, complaint_handled=False,
            competitor_info=None, customer_feedback=None, customer_news=None, next_step=None,
            next_step_on=None,
        )  # fmt: skip
        visits.append(row)
    activity.w.insert(DailyReport, reports)
    activity.w.insert(VisitRecord, visits)
    return max(days)


def _case(
    activity: Activity,
    rep: Rep,
    customer: Visitable,
    defected: dt.date,
    kind: str,
    draw: int,
    supervisor: str | None,
    *,
    won_back_on: dt.date | None = None,
) -> dict[str, Any]:
    defected = min(defected, activity.today)
    interviewed = min(defected + D(7 + draw % 10), activity.today)
    row = synced(rep.id, activity.team, local_time(interviewed, 17))
    row.update(
        customer_id=customer.id,
        defection_type=kind,
        defected_on=defected,
        root_causes=encode_causes(c.value for c in _CAUSES[draw % len(_CAUSES)]),
        interviewer=supervisor if draw % 2 == 0 else rep.name,
        interviewed_on=interviewed,
        interview_notes=_NOTES[draw % len(_NOTES)],
        improvement_measures=_MEASURES[draw % len(_MEASURES)],
        status="won_back" if won_back_on else "open",
        won_back_on=min(won_back_on, activity.today) if won_back_on else None,
    )
    return row


def _category_spend(activity: Activity) -> None:
    """Most ordering customers get an estimated yearly category spend of 1.3-5 times what
    they order from us, so their card shows a share of customer."""
    session, rng = activity.w.session, activity.rng
    year_ago = activity.today - D(365)
    totals = session.execute(
        select(VisitRecord.customer_id, func.sum(VisitRecord.order_amount_fen))
        .where(VisitRecord.order_amount_fen > 0, VisitRecord.visit_date > year_ago)
        .group_by(VisitRecord.customer_id)
        .order_by(VisitRecord.customer_id)
    ).all()
    rows = [
        {"cid": cid, "spend": int(total * rng.uniform(1.3, 5.0)) // 100 * 100}
        for cid, total in totals
        if rng.random() < 0.7
    ]
    if rows:
        customers = Base.metadata.tables["customers"]
        session.execute(
            update(customers)
            .where(customers.c.id == bindparam("cid"))
            .values(category_spend_fen=bindparam("spend")),
            rows,
        )

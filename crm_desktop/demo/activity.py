"""The demo team's field work: twelve weeks of plans, reports, visits and follow-ups,
or, scaled (DemoOptions.visits), years of it for a hundred reps.

Also the pieces the other demo modules share: reps, rows as plain dicts and the writer
that bulk-inserts them (no outbox: see demo.py). Signed reports are inserted as
submitted, their visits after them, and only then signed, because the database's freeze
trigger refuses visits on a signed report. The history is inserted rep by rep, so a
million visits never sit in memory at once.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from crm_desktop.demo import names
from crm_desktop.domain.ids import uuid7
from crm_desktop.store.base import Base
from crm_desktop.store.bulk import insert_rows
from crm_desktop.store.models import (
    DailyReport,
    FollowUp,
    PlanItem,
    VisitPlan,
    VisitRecord,
)

WEEKS = 12
SLOTS = ((9, 0), (10, 0), (11, 0), (13, 30), (14, 30), (15, 30), (16, 30))
# A scaled demo's fuller days: 6-10 calls, shorter ones as retail and dealer rounds are.
LONG_SLOTS = ((8, 30), (9, 15), (10, 0), (10, 45), (11, 30), (13, 30), (14, 15), (15, 0),
              (15, 45), (16, 30))  # fmt: skip
MAX_WEEKS = 260  # a scaled demo's history: at most five years
VISITS_PER_REP_WEEK = 36.5  # what a scaled rep's week averages (measured: 36.6)
_PURPOSES = {"order": 30, "collection": 15, "service": 15, "new_customer": 15,
             "market_research": 8, "complaint": 5, "other": 2}  # fmt: skip
# 洽谈结果 by purpose: an order visit mostly ends in an order, a first call rarely does.
_OUTCOMES = {
    "order": {"order_placed": 65, "follow_up": 20, "interested": 10, "not_met": 5},
    "new_customer": {"interested": 35, "follow_up": 30, "no_interest": 25, "not_met": 10},
    "other": {"follow_up": 40, "interested": 20, "other": 30, "not_met": 10},
}


@dataclass(frozen=True)
class Scale:
    """How much field work: the default is twelve weeks of five reps' ordinary days."""

    weeks: int = WEEKS
    reps: int = 5
    items: tuple[int, int] = (4, 8)  # plan items a day: randrange bounds
    slots: tuple[tuple[int, int], ...] = SLOTS
    minutes: int = 60  # length of a visit
    anchor_share: float = 0.0  # days on which a rep's key account is called on
    settle_days: int | None = None  # follow-ups older than this are all done

    @classmethod
    def for_visits(cls, visits: int) -> Scale:
        """Reps and years of history that make about `visits` visits (0: the default).

        Weeks grow first, to five years, then reps, so days stay plausible. Each rep
        calls on one key account about every other day: the card of a customer with
        hundreds of visits is then part of the demo (≥ 500 from the full five years).
        """
        if visits <= 0:
            return cls()
        weeks = min(MAX_WEEKS, max(WEEKS, int(visits / (5 * VISITS_PER_REP_WEEK))))
        # Rounded up: a benchmark that asks for a million visits gets at least that many.
        reps = max(5, math.ceil(visits / (VISITS_PER_REP_WEEK * weeks)))
        return cls(weeks, reps, (6, 11), LONG_SLOTS, 45, 0.5, 30)


@dataclass
class Visitable:
    """A customer that appears in the activity history, with what visits need of it."""

    id: str
    name: str
    short: str
    weight: float  # relative order size: Pareto-distributed, so classes A/B/C emerge
    new: bool  # a potential customer: visits develop it rather than take orders
    contacts: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    key: bool = False  # a key account


@dataclass
class Rep:
    """A demo rep, the city they cover, and the customers they visit."""

    id: str
    name: str
    city: names.City
    portfolio: list[Visitable] = field(default_factory=list)

    def anchor(self) -> Visitable | None:
        """The key account a scaled demo's rep calls on most (None without one)."""
        return next((c for c in self.portfolio if c.key), None)


class Writer:
    """Bulk inserts (services.bulk) into the open transaction, counting rows per table."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.counts: Counter[str] = Counter()

    def insert(self, model: type[Base], rows: list[dict[str, Any]]) -> None:
        insert_rows(self.session, model, rows)
        self.counts[model.__tablename__] += len(rows)


def synced(owner: str | None, team: str | None, at: dt.datetime) -> dict[str, Any]:
    """The sync columns of a new row, as the server would hold it before any change."""
    return {"id": uuid7(), "owner_id": owner, "team_id": team, "version": 0,
            "server_seq": None, "deleted": False, "created_at": at, "created_by": owner,
            "updated_at": at, "updated_by": owner}  # fmt: skip


def local_time(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """Beijing wall-clock time as the naive UTC the store keeps."""
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=hour - 8, minutes=minute)


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _submit_minute(draw: int) -> int:
    """Minutes after 17:00 a report goes in, from a draw in [0, 300): most reps submit
    between 17:30 and 19:50, some after the 20:00 deadline (lateness is appraised)."""
    if draw < 255:
        return 30 + draw * 140 // 255
    return 180 + (draw - 255) * 3


def _hhmm(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def yuan(rng: random.Random, low: int, high: int, weight: float = 1.0) -> int:
    """An amount in fen, rounded to 100 yuan as people quote them."""
    return int(rng.uniform(low, high) * weight / 100) * 100 * 100


class Activity:
    """Builds the reps' twelve weeks of work into rows, and inserts them."""

    def __init__(
        self,
        writer: Writer,
        rng: random.Random,
        today: dt.date,
        reps: list[Rep],
        supervisor_id: str,
        team_id: str,
        scale: Scale | None = None,
    ) -> None:
        self.w, self.rng, self.today, self.reps = writer, rng, today, reps
        self.supervisor, self.team = supervisor_id, team_id
        self.scale = scale or Scale()
        self.start = today - dt.timedelta(weeks=self.scale.weeks)
        self.anchors = {r.id: r.anchor() for r in reps} if self.scale.anchor_share else {}
        self.rows: dict[type[Base], list[dict[str, Any]]] = {}
        self.to_sign: list[dict[str, Any]] = []
        self.orders: Counter[tuple[str, int, int]] = Counter()  # (rep, year, month) → fen
        self.collections: Counter[tuple[str, int, int]] = Counter()

    def add(self, model: type[Base], row: dict[str, Any]) -> dict[str, Any]:
        self.rows.setdefault(model, []).append(row)
        return row

    def history(self) -> None:
        """Plans, reports, visits and follow-ups of every rep, inserted; reports signed."""
        history: tuple[type[Base], ...] = (VisitPlan, PlanItem, DailyReport, VisitRecord, FollowUp)
        for rep in self.reps:
            for day in self.workdays():
                self.workday(rep, day)
            for model in history:  # in foreign-key order
                self.w.insert(model, self.rows.pop(model, []))
            self.sign()

    def flush(self) -> None:
        """Insert the rows added since the history."""
        for model, rows in self.rows.items():
            self.w.insert(model, rows)
        self.rows.clear()

    def workdays(self) -> Iterator[dt.date]:
        day = self.start
        while day <= self.today:
            if day.weekday() < 5:
                yield day
            day += dt.timedelta(days=1)

    # --- plans, reports, visits ------------------------------------------------------

    def workday(self, rep: Rep, day: dt.date) -> None:
        rng, age = self.rng, (self.today - day).days
        if not rep.portfolio or (age > 0 and rng.random() < 0.03):
            return  # a day without plan or report: the review page shows it as missing
        if age > 0 and rng.random() < 0.02:
            self.report(rep, day, None, attendance=rng.choice(("leave", "training")))
            return
        plan = self.plan(rep, day, age)
        items = self.plan_items(rep, plan, day)
        report = self.report(rep, day, plan["id"], attendance="present")
        visited = items if age > 0 else items[: len(items) // 2]  # today: the morning so far
        for item, customer in visited:
            if age == 0 or rng.random() < 0.9:
                self.visit(rep, report, customer, item)
        if age > 0 and rng.random() < 0.25:
            self.visit(rep, report, rng.choice(rep.portfolio), None)

    def plan(self, rep: Rep, day: dt.date, age: int) -> dict[str, Any]:
        rng = self.rng
        status = "submitted" if age == 0 or rng.random() < 0.05 else "countersigned"
        returned = status == "countersigned" and rng.random() < 0.03
        row = synced(rep.id, self.team, local_time(day, 8, rng.randrange(30)))
        row.update(
            plan_date=day,
            status="returned" if returned else status,
            submitted_at=local_time(day, 8, 30 + rng.randrange(20)),
            countersigned_at=local_time(day, 9, rng.randrange(40))
            if status != "submitted" and not returned
            else None,
            countersigned_by=self.supervisor if status != "submitted" else None,
            review_comment="请把A类客户排在上午" if returned else None,
        )
        return self.add(VisitPlan, row)

    def plan_items(self, rep: Rep, plan: dict[str, Any], day: dt.date) -> list[tuple[Any, Any]]:
        rng, chosen, scale = self.rng, {}, self.scale
        anchor = self.anchors.get(rep.id)
        if anchor is not None and rng.random() < scale.anchor_share:
            chosen[anchor.id] = anchor
        # Bigger customers are visited more often, though not as much more as they buy.
        weights = [c.weight**0.5 for c in rep.portfolio]
        for customer in rng.choices(rep.portfolio, weights, k=rng.randrange(*scale.items)):
            chosen[customer.id] = customer
        items = []
        slots = scale.slots
        for position, (customer, slot) in enumerate(zip(chosen.values(), slots, strict=False)):
            purpose = "new_customer" if customer.new else pick(rng, _PURPOSES)
            row = synced(rep.id, self.team, plan["created_at"])
            row.update(
                plan_id=plan["id"],
                customer_id=customer.id,
                position=position,
                planned_time=_hhmm(*slot),
                purpose=purpose,
                objective=f"{customer.short}：{names.NEXT_STEPS[position]}",
            )
            items.append((self.add(PlanItem, row), customer))
        return items

    def report(
        self, rep: Rep, day: dt.date, plan_id: str | None, *, attendance: str
    ) -> dict[str, Any]:
        rng, age = self.rng, (self.today - day).days
        # The supervisor reviews a report the next workday morning, and is a little behind.
        reviewed_on = day + dt.timedelta(days=3 if day.weekday() == 4 else 1)
        status = "draft" if age == 0 else "submitted"
        if reviewed_on < self.today and rng.random() < 0.97:
            status = "signed" if rng.random() < 0.94 else "returned"
        submitted = (
            local_time(day, 17, _submit_minute(rng.randrange(300))) if status != "draft" else None
        )
        row = synced(rep.id, self.team, local_time(day, 17))
        row.update(
            report_date=day,
            plan_id=plan_id,
            status=status,
            attendance=attendance,
            expenses_fen=yuan(rng, 3000, 25000) // 100 if plan_id else 0,
            expense_note="交通费、餐费" if plan_id else None,
            reflections=rng.choice(names.REFLECTIONS) if rng.random() < 0.7 else None,
            due_at=local_time(day, 20),
            submitted_at=submitted,
            signed_at=None,
            signed_by=None,
            content_hash=None,
            reopen_count=0,
            review_comment=rng.choice(names.RETURN_COMMENTS) if status == "returned" else None,
        )
        if status == "signed":
            # Inserted as submitted; signed once its visits are in (the freeze trigger).
            row["status"] = "submitted"
            comment = rng.choice(names.SIGN_COMMENTS) if rng.random() < 0.8 else None
            signed_at = local_time(reviewed_on, 9, rng.randrange(120))
            self.to_sign.append({"rid": row["id"], "at": signed_at, "comment": comment})
        return self.add(DailyReport, row)

    def visit(
        self, rep: Rep, report: dict[str, Any], customer: Visitable, item: dict[str, Any] | None
    ) -> None:
        rng, day = self.rng, report["report_date"]
        purpose = item["purpose"] if item else pick(self.rng, _PURPOSES)
        outcome = pick(rng, _OUTCOMES.get(purpose, _OUTCOMES["other"]))
        order = yuan(rng, 3000, 30000, customer.weight) if outcome == "order_placed" else 0
        collected = 0
        if outcome != "not_met" and (purpose == "collection" or rng.random() < 0.1):
            collected = yuan(rng, 5000, 60000, min(customer.weight, 5))
        start = tuple(map(int, item["planned_time"].split(":"))) if item else (16, 0)
        end = divmod(start[0] * 60 + start[1] + self.scale.minutes, 60)
        effective = outcome not in ("not_met", "no_interest")
        next_step = rng.choice(names.NEXT_STEPS) if effective and rng.random() < 0.55 else None
        row = synced(rep.id, self.team, local_time(day, 18))
        row.update(
            report_id=report["id"],
            plan_item_id=item["id"] if item else None,
            customer_id=customer.id,
            visit_date=day,
            planned=item is not None,
            contacts_met="、".join(n for _, n in customer.contacts[:2]) or None,
            purpose=purpose,
            start_time=_hhmm(*start),
            end_time=_hhmm(*end),
            outcome=outcome,
            is_effective=effective,
            order_amount_fen=order,
            collection_amount_fen=collected,
            complaint_handled=purpose == "complaint",
            competitor_info=rng.choice(names.COMPETITOR_INFO) if rng.random() < 0.1 else None,
            customer_feedback=rng.choice(names.FEEDBACK) if rng.random() < 0.3 else None,
            customer_news=rng.choice(names.NEWS) if rng.random() < 0.1 else None,
            next_step=next_step,
            next_step_on=day + dt.timedelta(days=rng.randrange(2, 15)) if next_step else None,
        )
        self.add(VisitRecord, row)
        self.orders[(rep.id, day.year, day.month)] += order
        self.collections[(rep.id, day.year, day.month)] += collected
        if next_step:
            self.follow_up(rep, row)

    def follow_up(self, rep: Rep, visit: dict[str, Any]) -> None:
        due: dt.date = visit["next_step_on"]
        kind, title = "next_step", visit["next_step"]
        settle = self.scale.settle_days
        if settle is not None and self.rng.random() < 0.15:
            # A scaled demo also books visits, to be confirmed the day before (预约确认).
            kind, title = "appointment", f"确认{due.month}月{due.day}日拜访：{title}"
            due -= dt.timedelta(days=1)
        # Most past to-dos were done; of those a month old, nearly all (a rep does not
        # carry thirty stale to-dos).
        done_share = 0.85 if (self.today - due).days <= 30 else 0.97
        done = due < self.today and self.rng.random() < done_share
        if settle is not None and (self.today - due).days > settle:
            done = True  # years-old to-dos were done or dropped long ago
        row = synced(rep.id, self.team, visit["created_at"])
        row.update(
            customer_id=visit["customer_id"],
            visit_record_id=visit["id"],
            kind=kind,
            title=title,
            due_on=due,
            done=done,
            done_at=local_time(due, 15) if done else None,
            note=None,
        )
        self.add(FollowUp, row)

    def sign(self) -> None:
        """Sign the reports that were inserted as submitted, now that their visits exist."""
        table = Base.metadata.tables["daily_reports"]
        statement = (
            update(table)
            .where(table.c.id == bindparam("rid"))
            .values(
                status="signed",
                signed_at=bindparam("at"),
                signed_by=self.supervisor,
                review_comment=bindparam("comment"),
            )
        )
        if self.to_sign:
            self.w.session.execute(statement, self.to_sign)
        self.to_sign.clear()

"""The dated records around key accounts, kept in one synced table
(domain/key_accounts.RecordKind):

- relationship health checks 关系健康自查 (F15): the self-check questions, each rated 1-5
  with a comment, and the relationship type and cycle stage (§2.14-2.15) at that time;
  the latest check gives the account's type and stage, the series its trend;
- the watch list 关注名单 (F18): potential key accounts with the reason and the key
  account that referred them;
- events 大事记 (F19): anniversaries, honours, major moves, the yearly forum.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import aliased

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.key_accounts import (
    HEALTH_QUESTIONS,
    RATING_MAX,
    RATING_MIN,
    CycleStage,
    RecordKind,
    RelationshipType,
    check_record,
)
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.key_accounts.common import account, not_found
from crm_desktop.store.database import Store
from crm_desktop.store.models import Customer, KeyAccountRecord
from crm_desktop.store.unit_of_work import UnitOfWork

COMMENT_MAX = 1000


@dataclass(frozen=True)
class Answer:
    rating: int
    comment: str = ""


@dataclass(frozen=True)
class HealthCheck:
    id: str | None
    checked_on: dt.date
    answers: dict[str, Answer]
    relationship_type: str | None = None
    cycle_stage: str | None = None

    @property
    def average(self) -> float | None:
        """The mean rating of the answered questions, one decimal."""
        if not self.answers:
            return None
        return round(sum(a.rating for a in self.answers.values()) / len(self.answers), 1)


@dataclass(frozen=True)
class WatchRow:
    id: str
    customer_id: str
    customer_name: str
    reason: str
    referrer_id: str | None
    referrer_name: str
    noted_on: dt.date
    next_purchase_on: dt.date | None = None


@dataclass(frozen=True)
class EventRow:
    id: str
    event_date: dt.date
    kind: str
    title: str
    note: str = ""


@dataclass(frozen=True)
class AccountProfile:
    """The account's relationship type and cycle stage: those of the latest check."""

    relationship_type: str | None
    cycle_stage: str | None
    checks: list[HealthCheck] = field(default_factory=list)


def check_health(check: HealthCheck) -> None:
    known = {q.key for q in HEALTH_QUESTIONS}
    if not check.answers:
        raise ValidationError("请至少回答一个问题", "Answer at least one question", "answers")
    for key, answer in check.answers.items():
        if key not in known:
            raise ValidationError("问题不在自查清单中", "That question is not in the list")
        if not RATING_MIN <= answer.rating <= RATING_MAX:
            raise ValidationError(
                f"评分应为 {RATING_MIN} 到 {RATING_MAX}",
                f"Ratings are {RATING_MIN} to {RATING_MAX}",
                "rating",
            )
        if len(answer.comment) > COMMENT_MAX:
            raise ValidationError(
                f"说明不能超过 {COMMENT_MAX} 个字",
                f"A comment cannot be longer than {COMMENT_MAX} characters",
                "comment",
            )
    if check.relationship_type and check.relationship_type not in set(RelationshipType):
        raise ValidationError("请从列表中选择关系类型", "Choose a relationship type from the list")
    if check.cycle_stage and check.cycle_stage not in set(CycleStage):
        raise ValidationError("请从列表中选择关系周期", "Choose a cycle stage from the list")


def _health_of(record: KeyAccountRecord) -> HealthCheck:
    try:
        raw = json.loads(record.content or "{}")
    except ValueError:
        raw = {}
    answers = {}
    for key, value in (raw.get("answers") or {}).items():
        try:
            answers[key] = Answer(int(value["rating"]), str(value.get("comment") or ""))
        except (KeyError, TypeError, ValueError):
            continue
    return HealthCheck(
        record.id,
        record.record_date,
        answers,
        raw.get("relationship_type"),
        raw.get("cycle_stage"),
    )


class KeyAccountRecords:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    # --- health ------------------------------------------------------------------------
    def profile(self, customer_id: str) -> AccountProfile:
        """The account's health checks, oldest first (the trend), and its type and stage."""
        with self._store.reading() as s:
            records = s.scalars(
                select(KeyAccountRecord)
                .where(
                    KeyAccountRecord.customer_id == customer_id,
                    KeyAccountRecord.kind == RecordKind.HEALTH.value,
                    KeyAccountRecord.deleted.is_(False),
                )
                .order_by(KeyAccountRecord.record_date, KeyAccountRecord.created_at)
            ).all()
            checks = [_health_of(r) for r in records]
        latest = checks[-1] if checks else None
        return AccountProfile(
            latest.relationship_type if latest else None,
            latest.cycle_stage if latest else None,
            checks,
        )

    def add_health_check(self, customer_id: str, check: HealthCheck) -> str:
        check_health(check)
        content = {
            "answers": {
                k: {"rating": a.rating, "comment": a.comment.strip()}
                for k, a in check.answers.items()
            },
            "relationship_type": check.relationship_type or None,
            "cycle_stage": check.cycle_stage or None,
        }
        return self._add(
            customer_id,
            RecordKind.HEALTH,
            check.checked_on,
            content=json.dumps(content, ensure_ascii=False, sort_keys=True),
        )

    # --- watch list --------------------------------------------------------------------
    def watch_list(self) -> list[WatchRow]:
        referrer = aliased(Customer)
        with self._store.reading() as s:
            rows = s.execute(
                select(KeyAccountRecord, Customer.name, referrer.name)
                .join(Customer, Customer.id == KeyAccountRecord.customer_id)
                .outerjoin(referrer, referrer.id == KeyAccountRecord.referrer_customer_id)
                .where(
                    KeyAccountRecord.kind == RecordKind.WATCH.value,
                    KeyAccountRecord.deleted.is_(False),
                    Customer.deleted.is_(False),
                )
                .order_by(KeyAccountRecord.record_date.desc(), Customer.name)
            ).all()
        found = []
        for record, name, referrer_name in rows:
            try:
                extra = json.loads(record.content or "{}")
                next_on = dt.date.fromisoformat(extra["next_purchase_on"])
            except (ValueError, KeyError, TypeError):
                next_on = None
            found.append(
                WatchRow(
                    record.id,
                    record.customer_id,
                    name,
                    record.title or "",
                    record.referrer_customer_id,
                    referrer_name or "",
                    record.record_date,
                    next_on,
                )
            )
        return found

    def watch(
        self,
        customer_id: str,
        reason: str,
        referrer_customer_id: str | None = None,
        next_purchase_on: dt.date | None = None,
    ) -> str:
        reason = reason.strip()
        if not reason:
            raise ValidationError(
                "请写明关注的理由", "Say why this customer is worth watching", "reason"
            )
        if referrer_customer_id == customer_id:
            raise ValidationError(
                "推荐客户不能是它自己", "A customer cannot refer itself", "referrer"
            )
        content = {"next_purchase_on": next_purchase_on.isoformat() if next_purchase_on else None}
        return self._add(
            customer_id,
            RecordKind.WATCH,
            self._store.clock.today(),
            title=reason[:300],
            referrer=referrer_customer_id,
            content=json.dumps(content),
        )

    def promote(self, watch_id: str) -> None:
        """A watched customer becomes a key account and leaves the watch list."""
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            record = uow.session.get(KeyAccountRecord, watch_id)
            if record is None or record.deleted:
                raise not_found("关注记录", "watch-list entry")
            customer = account(uow.session, actor, record.customer_id)
            if not customer.is_key_account:
                customer.is_key_account = True
            record.deleted = True
            uow.commit()

    # --- events ------------------------------------------------------------------------
    def events(self, customer_id: str) -> list[EventRow]:
        with self._store.reading() as s:
            records = s.scalars(
                select(KeyAccountRecord)
                .where(
                    KeyAccountRecord.customer_id == customer_id,
                    KeyAccountRecord.kind == RecordKind.EVENT.value,
                    KeyAccountRecord.deleted.is_(False),
                )
                .order_by(KeyAccountRecord.record_date.desc(), KeyAccountRecord.id)
            ).all()
            return [
                EventRow(r.id, r.record_date, r.category or "", r.title or "", r.content or "")
                for r in records
            ]

    def add_event(
        self, customer_id: str, event_date: dt.date, kind: str, title: str, note: str = ""
    ) -> str:
        check_record(RecordKind.EVENT.value, kind)
        title = title.strip()
        if not title:
            raise ValidationError("请写下事件标题", "Give the event a title", "title")
        return self._add(
            customer_id,
            RecordKind.EVENT,
            event_date,
            title=title[:300],
            category=kind,
            content=note.strip() or None,
        )

    def remove(self, record_id: str) -> None:
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            record = uow.session.get(KeyAccountRecord, record_id)
            if record is None or record.deleted:
                raise not_found("记录", "record")
            account(uow.session, actor, record.customer_id)
            record.deleted = True
            uow.commit()

    def _add(
        self,
        customer_id: str,
        kind: RecordKind,
        on: dt.date,
        *,
        title: str | None = None,
        category: str | None = None,
        referrer: str | None = None,
        content: str | None = None,
    ) -> str:
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            customer = account(uow.session, actor, customer_id)
            record = KeyAccountRecord(
                customer_id=customer_id,
                kind=kind.value,
                record_date=on,
                title=title,
                category=category,
                referrer_customer_id=referrer,
                content=content,
                owner_id=customer.owner_id,
                team_id=customer.team_id,
            )
            uow.session.add(record)
            uow.commit()
            return record.id


def watch_candidates(store: Store, limit: int = 2000) -> list[tuple[str, str]]:
    """Customers the user sees that are neither key accounts nor watched yet, as (id,
    name), by name: what the watch list's "Add" offers."""
    watched = select(KeyAccountRecord.customer_id).where(
        KeyAccountRecord.kind == RecordKind.WATCH.value, KeyAccountRecord.deleted.is_(False)
    )
    with store.reading() as s:
        rows = s.execute(
            select(Customer.id, Customer.name)
            .where(
                Customer.deleted.is_(False),
                Customer.is_key_account.is_(False),
                Customer.id.not_in(watched),
            )
            .order_by(Customer.name, Customer.id)
            .limit(limit)
        ).all()
    return [(r[0], r[1]) for r in rows]

"""Sales methods 销售方法 and their stages (SPEC §2.6): the admin's configuration screen.

The methods and stages are reference data: every laptop receives them, only an admin
changes them (the server refuses anyone else, sync/server/scope.py). Saving a method
replaces its stage rows as a whole — changed stages are updated, removed ones soft-
deleted, new ones created — so the outbox carries only what changed. A stage that live
opportunities still sit in cannot be removed: they would be left in a stage the method
no longer knows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.domain.picklists import Role
from crm_desktop.domain.stages import DEFAULT_METHOD_CODE, DEFAULT_STAGES, StageDef, validate_stages
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.pipeline.pipeline import load_stages
from crm_desktop.store.database import Store
from crm_desktop.store.models import Opportunity, SalesMethod, SalesStage
from crm_desktop.store.unit_of_work import UnitOfWork

DEFAULT_METHOD_NAME = "标准销售方法"
CODE_MAX = 30
NAME_MAX = 100
STAGE_NAME_MAX = 50


@dataclass(frozen=True, slots=True)
class MethodRow:
    code: str
    name: str
    stage_count: int


def _not_admin() -> UserFacingError:
    return UserFacingError(
        "只有管理员可以修改销售方法", "Only an administrator may change sales methods"
    )


def _check_method(code: str, name: str) -> None:
    if not code or len(code) > CODE_MAX:
        raise ValidationError(
            f"销售方法代码必须是 1–{CODE_MAX} 个字符",
            f"A sales method code needs 1 to {CODE_MAX} characters",
            field="code",
        )
    if not name or len(name) > NAME_MAX:
        raise ValidationError(
            f"销售方法名称必须是 1–{NAME_MAX} 个字符",
            f"A sales method name needs 1 to {NAME_MAX} characters",
            field="name",
        )


def _check_lengths(stages: Sequence[StageDef]) -> None:
    for stage in stages:
        if len(stage.code) > CODE_MAX:
            raise ValidationError(
                f"阶段代码“{stage.code}”超过 {CODE_MAX} 个字符",
                f'Stage code "{stage.code}" is longer than {CODE_MAX} characters',
                field="code",
            )
        if max(len(stage.name_zh), len(stage.name_en)) > STAGE_NAME_MAX:
            raise ValidationError(
                f"阶段“{stage.code}”的名称超过 {STAGE_NAME_MAX} 个字符",
                f'The name of stage "{stage.code}" is longer than {STAGE_NAME_MAX} characters',
                field="name",
            )


def _copy(row: SalesStage, stage: StageDef) -> None:
    """Set the row's fields to the stage's, touching only those that differ."""
    values = {
        "name_zh": stage.name_zh,
        "name_en": stage.name_en,
        "probability_pct": stage.probability_pct,
        "position": stage.position,
        "outcome": stage.outcome,
        "min_visits": stage.min_visits,
        "requires_amount": stage.requires_amount,
        "control_mode": stage.control_mode.value,
    }
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)


class SalesMethodService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    @property
    def can_edit(self) -> bool:
        """The current user is an admin."""
        return self._user.actor.role is Role.ADMIN

    def methods(self) -> list[MethodRow]:
        """Every live method with its live stage count, by name; the built-in default
        method is listed even before it is stored."""
        counts = (
            select(SalesStage.method_code, func.count().label("n"))
            .where(SalesStage.deleted.is_(False))
            .group_by(SalesStage.method_code)
            .subquery()
        )
        with self._store.reading() as s:
            rows = s.execute(
                select(SalesMethod.code, SalesMethod.name, func.coalesce(counts.c.n, 0))
                .outerjoin(counts, counts.c.method_code == SalesMethod.code)
                .where(SalesMethod.deleted.is_(False))
                .order_by(SalesMethod.name, SalesMethod.code)
            ).all()
            default_stored = s.scalar(
                select(func.count())
                .select_from(SalesStage)
                .where(SalesStage.method_code == DEFAULT_METHOD_CODE, SalesStage.deleted.is_(False))
            )
        found = [MethodRow(code, name, int(n)) for code, name, n in rows]
        if not default_stored:  # the built-in stages stand in until the admin saves them
            name = next((m.name for m in found if m.code == DEFAULT_METHOD_CODE), None)
            found = [m for m in found if m.code != DEFAULT_METHOD_CODE]
            default = MethodRow(
                DEFAULT_METHOD_CODE, name or DEFAULT_METHOD_NAME, len(DEFAULT_STAGES)
            )
            found.insert(0, default)
        return found

    def stages(self, method_code: str) -> list[StageDef]:
        """The method's stages by position (the built-in ones when none are stored)."""
        with self._store.reading() as s:
            return load_stages(s, method_code)

    def save(self, method_code: str, name: str, stages: Sequence[StageDef]) -> None:
        """Store the method and make its stages exactly `stages` (admin only)."""
        actor = self._user.actor
        if actor.role is not Role.ADMIN:
            raise _not_admin()
        method_code, name = method_code.strip(), name.strip()
        _check_method(method_code, name)
        stages = [
            StageDef(
                code=st.code.strip(),
                name_zh=st.name_zh.strip(),
                name_en=st.name_en.strip(),
                probability_pct=st.probability_pct,
                position=st.position,
                outcome=st.outcome,
                min_visits=st.min_visits,
                requires_amount=st.requires_amount,
                control_mode=st.control_mode,
            )
            for st in stages
        ]
        validate_stages(stages)
        _check_lengths(stages)
        with UnitOfWork(self._store, actor.user_id) as uow:
            s = uow.session
            method = s.scalars(select(SalesMethod).where(SalesMethod.code == method_code)).first()
            if method is None:
                s.add(SalesMethod(code=method_code, name=name))
            else:
                if method.name != name:
                    method.name = name
                if method.deleted:
                    method.deleted = False
            existing = {
                row.code: row
                for row in s.scalars(
                    select(SalesStage).where(
                        SalesStage.method_code == method_code, SalesStage.deleted.is_(False)
                    )
                )
            }
            wanted = {st.code for st in stages}
            # The stages in force, built-in ones included while none are stored.
            in_force = {st.code for st in load_stages(s, method_code)}
            self._check_unused(uow, method_code, sorted(in_force - wanted))
            for code in sorted(set(existing) - wanted):
                existing[code].deleted = True
            for stage in stages:
                row = existing.get(stage.code)
                if row is None:
                    row = SalesStage(method_code=method_code, code=stage.code)
                    s.add(row)
                _copy(row, stage)
            uow.commit()

    @staticmethod
    def _check_unused(uow: UnitOfWork, method_code: str, removed: list[str]) -> None:
        if not removed:
            return
        in_use = uow.session.execute(
            select(Opportunity.stage_code, func.count())
            .where(
                Opportunity.method_code == method_code,
                Opportunity.stage_code.in_(removed),
                Opportunity.deleted.is_(False),
            )
            .group_by(Opportunity.stage_code)
            .order_by(Opportunity.stage_code)
        ).first()
        if in_use is not None:
            code, count = in_use
            raise ValidationError(
                f"阶段“{code}”中还有 {count} 个商机，不能删除",
                f'Stage "{code}" still holds {count} opportunities; it cannot be removed',
                field="code",
            )

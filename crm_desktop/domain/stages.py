"""Opportunity sales stages, their success rates and advance conditions (SPEC §2.6)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.domain.picklists import ControlMode

Outcome = Literal["open", "won", "lost"]


@dataclass(frozen=True, slots=True)
class StageDef:
    """One stage of a sales method; `min_visits` is its advance condition."""

    code: str
    name_zh: str
    name_en: str
    probability_pct: int
    position: int
    outcome: Outcome
    min_visits: int = 0
    control_mode: ControlMode = ControlMode.NONE

    @property
    def is_closed(self) -> bool:
        return self.outcome != "open"

    def name(self, lang: str = "zh_CN") -> str:
        return self.name_en if lang.startswith("en") else self.name_zh


@dataclass(frozen=True, slots=True)
class StageChange:
    """What the user supplies (and what is known) when moving an opportunity's stage."""

    visits_logged: int = 0
    won_date: date | None = None
    won_reason: str | None = None
    lost_reason: str | None = None
    winning_competitor: str | None = None


@dataclass(frozen=True, slots=True)
class StageWarning:
    """A condition the user may override (control mode warn), in both languages."""

    zh: str
    en: str

    def message(self, lang: str = "zh_CN") -> str:
        return self.en if lang.startswith("en") else self.zh


DEFAULT_METHOD_CODE = "standard"

# From 制作方案 on, an opportunity nobody has visited is probably wishful thinking; warn
# rather than block, since a deal can be real before the visit is logged.
_WARN = ControlMode.WARN
DEFAULT_STAGES: tuple[StageDef, ...] = (
    StageDef("discover", "了解情况", "Discovery", 10, 1, "open"),
    StageDef("research", "预研", "Pre-study", 25, 2, "open"),
    StageDef("proposal", "制作方案", "Proposal", 50, 3, "open", min_visits=1, control_mode=_WARN),
    StageDef("bid", "投标", "Bidding", 70, 4, "open", min_visits=1, control_mode=_WARN),
    StageDef("contract", "签约", "Contract", 90, 5, "open", min_visits=1, control_mode=_WARN),
    StageDef("won", "赢单", "Won", 100, 6, "won", min_visits=1, control_mode=_WARN),
    StageDef("lost", "输单", "Lost", 0, 7, "lost"),
)


def find_stage(code: str, stages: Iterable[StageDef] = DEFAULT_STAGES) -> StageDef:
    """The stage with this code; ValidationError when the method has none."""
    for stage in stages:
        if stage.code == code:
            return stage
    raise ValidationError(f"未知的销售阶段：{code}", f"Unknown sales stage: {code}", field="stage")


def validate_stages(stages: Sequence[StageDef]) -> None:
    """Check a configured sales method; ValidationError naming the first problem."""
    codes = [stage.code for stage in stages]
    positions = [stage.position for stage in stages]
    if len(set(codes)) != len(codes):
        raise ValidationError("阶段代码重复", "Duplicate stage codes", field="code")
    if len(set(positions)) != len(positions):
        raise ValidationError("阶段顺序重复", "Duplicate stage positions", field="position")
    for outcome_zh, outcome in (("赢单", "won"), ("输单", "lost")):
        if sum(1 for stage in stages if stage.outcome == outcome) != 1:
            raise ValidationError(
                f"销售方法必须恰好有一个{outcome_zh}阶段",
                f"A sales method needs exactly one {outcome} stage",
                field="outcome",
            )
    for stage in stages:
        if not 0 <= stage.probability_pct <= 100:
            raise ValidationError(
                f"阶段“{stage.name_zh}”的成功率必须在 0–100% 之间",
                f'Stage "{stage.name_en}" needs a success rate between 0 and 100%',
                field="probability_pct",
            )
        if stage.min_visits < 0:
            raise ValidationError(
                f"阶段“{stage.name_zh}”的最少拜访次数不能为负数",
                f'Stage "{stage.name_en}" cannot require a negative number of visits',
                field="min_visits",
            )


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _missing_close_details(target: StageDef, change: StageChange) -> list[tuple[str, str]]:
    missing: list[tuple[str, str]] = []
    if target.outcome == "won":
        if change.won_date is None:
            missing.append(("赢单日期", "won date"))
        if _blank(change.won_reason):
            missing.append(("赢单原因", "reason for winning"))
    elif target.outcome == "lost":
        if _blank(change.lost_reason):
            missing.append(("输单原因", "reason for losing"))
        if _blank(change.winning_competitor):
            missing.append(("赢单的竞争对手", "competitor who won"))
    return missing


def check_stage_change(
    current: StageDef, target: StageDef, change: StageChange
) -> list[StageWarning]:
    """Judge moving an opportunity from `current` to `target`.

    Returns warnings the user may confirm past (control mode warn); raises
    TransitionError for what may not happen: a same-stage move, leaving a closed stage,
    closing as won without date and reason or as lost without reason and the winning
    competitor, and an unmet condition in strict mode.
    """
    if target.code == current.code:
        raise TransitionError(
            f"商机已处于“{current.name_zh}”阶段",
            f'The opportunity is already at stage "{current.name_en}"',
        )
    if current.is_closed:
        # Won and lost are history; a revived deal is a new opportunity so the win rate
        # of past quarters does not change under the manager's feet.
        raise TransitionError(
            f"商机已{current.name_zh}，不能再变更阶段",
            f"The opportunity is closed ({current.name_en}); its stage can no longer change",
        )
    missing = _missing_close_details(target, change)
    if missing:
        raise TransitionError(
            f"转为“{target.name_zh}”需要填写：" + "、".join(zh for zh, _ in missing),
            f'Moving to "{target.name_en}" needs: ' + ", ".join(en for _, en in missing),
        )
    # Conditions guard advancing; stepping back to an earlier open stage is always allowed.
    advancing = target.is_closed or target.position > current.position
    if not advancing or change.visits_logged >= target.min_visits:
        return []
    if target.control_mode is ControlMode.NONE:
        return []
    zh = (
        f"进入“{target.name_zh}”阶段需要至少 {target.min_visits} 次拜访记录，"
        f"目前只有 {change.visits_logged} 次"
    )
    en = (
        f'Stage "{target.name_en}" needs at least {target.min_visits} logged visit(s); '
        f"there are {change.visits_logged}"
    )
    if target.control_mode is ControlMode.STRICT:
        raise TransitionError(zh, en)
    return [StageWarning(zh, en)]

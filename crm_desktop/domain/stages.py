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
    """One stage of a sales method. Its advance conditions (`min_visits` visits logged in
    the stage being left, a quote amount when `requires_amount`) share one control mode."""

    code: str
    name_zh: str
    name_en: str
    probability_pct: int
    position: int
    outcome: Outcome
    min_visits: int = 0
    requires_amount: bool = False
    control_mode: ControlMode = ControlMode.NONE

    @property
    def is_closed(self) -> bool:
        return self.outcome != "open"

    def name(self, lang: str = "zh_CN") -> str:
        return self.name_en if lang.startswith("en") else self.name_zh


@dataclass(frozen=True, slots=True)
class StageChange:
    """What the user supplies (and what is known) when moving an opportunity's stage.

    `visits_in_stage` counts the visits logged to the customer since the opportunity
    entered its current stage: a visit from before then proved the earlier stage.
    """

    visits_in_stage: int = 0
    amount_fen: int = 0
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

# From 制作方案 on, an opportunity nobody has visited is probably wishful thinking, and from
# 投标 on one without a quoted amount cannot be weighed in the pipeline; warn rather than
# block, since a deal can be real before the visit or the quote is entered.
_WARN = ControlMode.WARN
DEFAULT_STAGES: tuple[StageDef, ...] = (
    StageDef("discover", "了解情况", "Discovery", 10, 1, "open"),
    StageDef("research", "预研", "Pre-study", 25, 2, "open"),
    StageDef("proposal", "制作方案", "Proposal", 50, 3, "open", min_visits=1, control_mode=_WARN),
    StageDef("bid", "投标", "Bidding", 70, 4, "open", 1, True, _WARN),
    StageDef("contract", "签约", "Contract", 90, 5, "open", 1, True, _WARN),
    StageDef("won", "赢单", "Won", 100, 6, "won", 1, True, _WARN),
    StageDef("lost", "输单", "Lost", 0, 7, "lost"),
)


def find_stage(code: str, stages: Iterable[StageDef] = DEFAULT_STAGES) -> StageDef:
    """The stage with this code; ValidationError when the method has none."""
    for stage in stages:
        if stage.code == code:
            return stage
    raise ValidationError(f"未知的销售阶段：{code}", f"Unknown sales stage: {code}", field="stage")


def current_stage(code: str, stages: Iterable[StageDef]) -> StageDef:
    """The opportunity's current stage in its method. A stage the method no longer has
    (an admin removed it) can still be left, as an open stage at position 0: a card must
    never be stuck."""
    try:
        return find_stage(code, stages)
    except ValidationError:
        return StageDef(code, code, code, 0, 0, "open")


def stage_change_fields(
    current: StageDef, target: StageDef, change: StageChange, today: date
) -> dict[str, object]:
    """The opportunity's fields after an allowed move (check_stage_change): a win keeps
    its date and reason, a loss its reason and winner and closes today, a demotion from
    lost clears the close details (it is no longer a failure)."""
    fields: dict[str, object] = {"stage_code": target.code}
    if target.outcome == "won":
        fields |= {
            "won_on": change.won_date,
            "won_reason": _text(change.won_reason),
            "closed_on": change.won_date,
        }
    elif target.outcome == "lost":
        fields |= {
            "lost_reason": _text(change.lost_reason),
            "winning_competitor": _text(change.winning_competitor),
            "closed_on": today,
        }
    elif current.outcome == "lost":
        fields |= dict.fromkeys(
            ("won_on", "won_reason", "lost_reason", "winning_competitor", "closed_on")
        )
    return fields


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def check_new_opportunity_stage(stage: StageDef) -> None:
    """A new opportunity starts in an open stage. It is won or lost only by a move
    (check_stage_change), which demands the close details: a win's date and reason, a
    loss's reason and winner. ValidationError for a closed stage."""
    if stage.is_closed:
        raise ValidationError(
            "新商机必须处于进行中的阶段",
            "A new opportunity must start in an open stage",
            field="stage",
        )


def open_stages(stages: Iterable[StageDef]) -> list[StageDef]:
    """The method's open stages in position order."""
    return sorted((s for s in stages if s.outcome == "open"), key=lambda s: s.position)


def demotion_target(stages: Iterable[StageDef] = DEFAULT_STAGES) -> StageDef:
    """Where a lost opportunity goes back to: the first open stage, "potential".

    The textbook's demotion rule (an opportunity that fails is kept as a potential
    opportunity, 商机资源储备) mapped onto a configured method: its lowest open stage.
    """
    found = open_stages(stages)
    if not found:
        raise ValidationError(
            "销售方法没有进行中的阶段", "The sales method has no open stage", field="outcome"
        )
    return found[0]


def validate_stages(stages: Sequence[StageDef]) -> None:
    """Check a configured sales method; ValidationError naming the first problem."""
    codes = [stage.code for stage in stages]
    positions = [stage.position for stage in stages]
    if any(not code.strip() for code in codes):
        raise ValidationError("阶段代码不能为空", "A stage needs a code", field="code")
    if len(set(codes)) != len(codes):
        raise ValidationError("阶段代码重复", "Duplicate stage codes", field="code")
    if len(set(positions)) != len(positions):
        raise ValidationError("阶段顺序重复", "Duplicate stage positions", field="position")
    if not open_stages(stages):
        raise ValidationError(
            "销售方法至少需要一个进行中的阶段",
            "A sales method needs at least one open stage",
            field="outcome",
        )
    for outcome_zh, outcome in (("赢单", "won"), ("输单", "lost")):
        if sum(1 for stage in stages if stage.outcome == outcome) != 1:
            raise ValidationError(
                f"销售方法必须恰好有一个{outcome_zh}阶段",
                f"A sales method needs exactly one {outcome} stage",
                field="outcome",
            )
    for stage in stages:
        if not stage.name_zh.strip() or not stage.name_en.strip():
            raise ValidationError(
                f"阶段“{stage.code}”需要中文和英文名称",
                f'Stage "{stage.code}" needs a Chinese and an English name',
                field="name",
            )
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


def _unmet_conditions(target: StageDef, change: StageChange) -> list[StageWarning]:
    """The target's advance conditions the change does not meet, one message each."""
    unmet: list[StageWarning] = []
    if change.visits_in_stage < target.min_visits:
        unmet.append(
            StageWarning(
                f"进入“{target.name_zh}”阶段需要在当前阶段至少有 {target.min_visits} 次"
                f"拜访记录，目前只有 {change.visits_in_stage} 次",
                f'Stage "{target.name_en}" needs at least {target.min_visits} visit(s) '
                f"logged in the current stage; there are {change.visits_in_stage}",
            )
        )
    if target.requires_amount and change.amount_fen <= 0:
        unmet.append(
            StageWarning(
                f"进入“{target.name_zh}”阶段需要先填写报价金额",
                f'Stage "{target.name_en}" needs a quoted amount first',
            )
        )
    return unmet


def check_stage_change(
    current: StageDef,
    target: StageDef,
    change: StageChange,
    stages: Sequence[StageDef] = DEFAULT_STAGES,
) -> list[StageWarning]:
    """Judge moving an opportunity from `current` to `target` within the method `stages`.

    Returns warnings the user may confirm past (control mode warn), one per unmet
    advance condition; raises TransitionError for what may not happen: a same-stage
    move, leaving won, leaving lost for anything but the demotion target, closing as won
    without date and reason or as lost without reason and the winning competitor, and
    unmet conditions in strict mode (all of them named).
    """
    if target.code == current.code:
        raise TransitionError(
            f"商机已处于“{current.name_zh}”阶段",
            f'The opportunity is already at stage "{current.name_en}"',
        )
    if current.outcome == "won":
        # A win is history: a follow-on deal is a new opportunity, so the win rate of
        # past quarters does not change under the manager's feet.
        raise TransitionError(
            f"商机已{current.name_zh}，不能再变更阶段",
            f"The opportunity is closed ({current.name_en}); its stage can no longer change",
        )
    if current.outcome == "lost":
        # Demotion (textbook §1.6): a failed opportunity is kept as a potential one, in
        # the first open stage; it has proved nothing yet, so no condition applies.
        back = demotion_target(stages)
        if target.code != back.code:
            raise TransitionError(
                f"已输单的商机只能退回到“{back.name_zh}”阶段",
                f'A lost opportunity can only go back to stage "{back.name_en}"',
            )
        return []
    missing = _missing_close_details(target, change)
    if missing:
        raise TransitionError(
            f"转为“{target.name_zh}”需要填写：" + "、".join(zh for zh, _ in missing),
            f'Moving to "{target.name_en}" needs: ' + ", ".join(en for _, en in missing),
        )
    # Conditions guard advancing; stepping back to an earlier open stage is always allowed.
    advancing = target.is_closed or target.position > current.position
    if not advancing or target.control_mode is ControlMode.NONE:
        return []
    unmet = _unmet_conditions(target, change)
    if unmet and target.control_mode is ControlMode.STRICT:
        raise TransitionError("；".join(w.zh for w in unmet), "; ".join(w.en for w in unmet))
    return unmet

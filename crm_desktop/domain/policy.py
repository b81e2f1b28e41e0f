"""The team policy that decides synced values: report due hour, visit cadence, A/B/C shares,
and the amount above which the report editor asks to confirm.

Two laptops must compute the same due time of a report and the same value class of a
customer, so these numbers are team reference data (the `team_policy` rows every laptop
pulls), never a laptop's own setting. A team's row applies to its members; a team
without one takes its parent team's, up the tree, then the company default (the row
without a team), then the built-in defaults below. A row whose values break the rules
here is skipped as if absent, the same way on every laptop.

Who may write a row is the org rulebook's question (domain/org.py,
`Hierarchy.may_set_team_policy`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from crm_desktop.domain.classification import (
    DEFAULT_CADENCE,
    DEFAULT_THRESHOLDS,
    AbcThresholds,
    Cadence,
)
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import DEFAULT_CONFIRM_ABOVE_FEN, FEN_PER_YUAN, HARD_LIMIT_FEN

DEFAULT_DUE_HOUR = 20
# Whole yuan: a ceiling is a round figure a manager types, and yuan keep the stored
# number readable (1000000000, not 100000000000 fen).
DEFAULT_CONFIRM_ABOVE_YUAN = DEFAULT_CONFIRM_ABOVE_FEN // FEN_PER_YUAN
# Beyond the hard limit an amount is refused outright, so a higher ceiling would never ask.
MAX_CONFIRM_ABOVE_YUAN = HARD_LIMIT_FEN // FEN_PER_YUAN


def check_due_hour(hour: int) -> int:
    """The hour of the day a daily report is due: 0 to 23."""
    if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
        raise ValidationError(
            "日报截止时间必须在 0 到 23 点之间",
            "The report due hour must be between 0 and 23",
            field="report_due_hour",
        )
    return hour


def check_confirm_ceiling(yuan: int | None) -> int:
    """The amount in whole yuan above which one money field needs the user's confirmation:
    1 yuan to the hard limit. None -- a row written where the column did not exist yet
    (an older server's) -- is the built-in default, the same on every laptop."""
    if yuan is None:
        return DEFAULT_CONFIRM_ABOVE_YUAN
    if (
        isinstance(yuan, bool)
        or not isinstance(yuan, int)
        or not 1 <= yuan <= MAX_CONFIRM_ABOVE_YUAN
    ):
        limit = MAX_CONFIRM_ABOVE_YUAN // 10**12
        raise ValidationError(
            f"需确认的金额上限必须是 1 元到 {limit} 万亿元之间的整数元",
            f"The amount to confirm above must be whole yuan between 1 and {limit},000,000,000,000",
            field="confirm_amount_above_yuan",
        )
    return yuan


def _share(pct: int) -> Decimal:
    if isinstance(pct, bool) or not isinstance(pct, int) or not 0 <= pct <= 100:
        raise ValidationError(
            "A、B 类占比必须在 0 到 100% 之间",
            "The A and B shares must be between 0 and 100%",
            field="thresholds",
        )
    return Decimal(pct) / 100


def _days(days: int) -> int:
    if isinstance(days, bool) or not isinstance(days, int):
        raise ValidationError(
            "拜访周期必须是整数天", "A visit cadence must be a whole number of days", "cadence"
        )
    return days


@dataclass(frozen=True)
class TeamPolicy:
    """One team's rules, validated: building one with a bad value raises ValidationError."""

    report_due_hour: int = DEFAULT_DUE_HOUR
    cadence: Cadence = field(default=DEFAULT_CADENCE)
    thresholds: AbcThresholds = field(default=DEFAULT_THRESHOLDS)
    # A single amount above this (yuan) is more likely a typo: the report editor asks.
    confirm_amount_above_yuan: int = DEFAULT_CONFIRM_ABOVE_YUAN

    def __post_init__(self) -> None:
        check_due_hour(self.report_due_hour)
        check_confirm_ceiling(self.confirm_amount_above_yuan)

    @property
    def confirm_above_fen(self) -> int:
        """The ceiling in fen, as domain/money.py's `needs_confirmation` takes it."""
        return self.confirm_amount_above_yuan * FEN_PER_YUAN

    @classmethod
    def of(
        cls,
        report_due_hour: int,
        cadence_a_days: int,
        cadence_b_days: int,
        cadence_c_days: int,
        abc_a_share_pct: int,
        abc_b_share_pct: int,
        confirm_amount_above_yuan: int | None = None,
    ) -> TeamPolicy:
        """A policy from the stored columns (whole days, whole percents, whole yuan)."""
        return cls(
            check_due_hour(report_due_hour),
            Cadence(_days(cadence_a_days), _days(cadence_b_days), _days(cadence_c_days)),
            AbcThresholds(_share(abc_a_share_pct), _share(abc_b_share_pct)),
            check_confirm_ceiling(confirm_amount_above_yuan),
        )

    @classmethod
    def from_columns(cls, values: Mapping[str, object]) -> TeamPolicy:
        """A policy from a row's columns by name; ValidationError if any is missing or bad."""
        try:
            return cls.of(**{name: values[name] for name in POLICY_COLUMNS})  # type: ignore[arg-type]
        except KeyError as missing:
            raise ValidationError(
                f"缺少 {missing.args[0]}", f"{missing.args[0]} is missing", field=missing.args[0]
            ) from None

    def columns(self) -> dict[str, int]:
        """The stored columns of this policy."""
        return {
            "report_due_hour": self.report_due_hour,
            "cadence_a_days": self.cadence.a_days,
            "cadence_b_days": self.cadence.b_days,
            "cadence_c_days": self.cadence.c_days,
            "abc_a_share_pct": int(self.thresholds.a_share * 100),
            "abc_b_share_pct": int(self.thresholds.b_share * 100),
            "confirm_amount_above_yuan": self.confirm_amount_above_yuan,
        }


DEFAULT_POLICY = TeamPolicy()
POLICY_COLUMNS = tuple(DEFAULT_POLICY.columns())


def check_policy_columns(
    values: Mapping[str, object], base: Mapping[str, object] | None = None
) -> TeamPolicy:
    """The policy `values` make over `base` (a stored row; absent: the defaults);
    ValidationError unless the result is valid."""
    merged = {**DEFAULT_POLICY.columns(), **(base or {}), **values}
    return TeamPolicy.from_columns({name: merged[name] for name in POLICY_COLUMNS})


def effective_policy(
    team_id: str | None,
    policies: Mapping[str | None, Mapping[str, object]],
    parents: Mapping[str, str | None],
) -> TeamPolicy:
    """The policy that applies to a member of `team_id`.

    `policies` holds the stored rows' columns by team (None: the company default);
    `parents` each team's parent. The team's own valid row, else the nearest ancestor's,
    else the company default, else DEFAULT_POLICY. A cycle in the tree ends the walk.
    """
    seen: set[str] = set()
    team = team_id
    while team is not None and team not in seen:
        seen.add(team)
        found = _valid(policies.get(team))
        if found is not None:
            return found
        team = parents.get(team)
    return _valid(policies.get(None)) or DEFAULT_POLICY


def _valid(values: Mapping[str, object] | None) -> TeamPolicy | None:
    if values is None:
        return None
    try:
        return TeamPolicy.from_columns(values)
    except ValidationError:
        return None

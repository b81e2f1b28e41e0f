"""How the targets page writes its values: periods by their calendar name, money in yuan,
counts plainly, missing figures and rates as a dash (never 0 % or NaN)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import format_fen, parse_yuan
from crm_desktop.domain.picklists import TargetKind
from crm_desktop.domain.targets import UNMEASURED_KINDS, format_value, is_money
from crm_desktop.services.targets.targets import TargetRow
from crm_desktop.ui.team.cells import DASH, percent


def assignee_text(name: str, is_team: bool) -> str:
    if not is_team:
        return name
    return QCoreApplication.translate("Targets", "%1 (team)").replace("%1", name)


def value_text(value: int | None, kind: TargetKind) -> str:
    return DASH if value is None else format_value(value, kind)


def edit_text(value: int, kind: TargetKind) -> str:
    """A value as typed into an editor: "1,234.56" for money (the ¥ is beside the box)."""
    return format_fen(value, symbol=False) if is_money(kind) else str(value)


def parse_value(text: str, kind: TargetKind, field: str = "value") -> int:
    """What was typed as fen (money kinds) or a whole count; ValidationError otherwise."""
    text = text.strip()
    if not text:
        raise ValidationError("请输入目标值", "Enter a value", field)
    if is_money(kind):
        try:
            return parse_yuan(text)
        except ValidationError as error:
            raise ValidationError(error.message_zh, error.message_en, field) from error
    digits = text.replace(",", "").replace("，", "")
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError(
            f"“{text}”不是有效的数量，请输入整数", f'"{text}" is not a whole number', field
        )
    return int(digits)


def achievement_text(row: TargetRow) -> str:
    return percent(row.ratio)


def why_no_rate(row: TargetRow, today: dt.date) -> str | None:
    """The tooltip of a dash in the actual / achievement cells: why there is no figure."""
    if row.kind in UNMEASURED_KINDS:
        return QCoreApplication.translate(
            "Targets", "Gross profit is not recorded anywhere, so it has no actual figure."
        )
    if today < row.period_start:
        return QCoreApplication.translate("Targets", "This period has not started yet.")
    if row.value == 0:
        return QCoreApplication.translate(
            "Targets", "The target is 0, so there is no achievement rate."
        )
    return None

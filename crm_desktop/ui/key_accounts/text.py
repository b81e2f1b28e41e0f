"""The key-account screens' texts: each written once in Chinese and English, side by
side, and chosen by the interface language, as the domain's picklists are."""

from __future__ import annotations

import datetime as dt

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import format_fen, parse_yuan


def bi(lang: str, zh: str, en: str) -> str:
    return en if lang.startswith("en") else zh


def parse_date(text: str, what_zh: str, what_en: str) -> dt.date | None:
    """A date typed as YYYY-MM-DD; empty is None; anything else a ValidationError."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise ValidationError(
            f"{what_zh}“{text}”不是有效日期，请按 2026-03-31 的格式填写",
            f"{what_en} “{text}” is not a date; write it as 2026-03-31",
        ) from error


def parse_int(text: str, what_zh: str, what_en: str) -> int | None:
    text = text.strip().replace(",", "").rstrip("%")
    if not text:
        return None
    try:
        return int(text)
    except ValueError as error:
        raise ValidationError(
            f"{what_zh}“{text}”不是整数，请只填数字",
            f"{what_en} “{text}” is not a whole number; type digits only",
        ) from error


def parse_money(text: str) -> int | None:
    """Yuan as typed (domain/money.py's rules), in fen; empty is None."""
    text = text.strip()
    return parse_yuan(text) if text else None


def money_text(fen: int | None) -> str:
    return "" if fen is None else format_fen(fen, symbol=False)


def date_text(day: dt.date | None) -> str:
    return day.isoformat() if day else ""

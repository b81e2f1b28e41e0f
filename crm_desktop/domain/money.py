"""Money as integer fen (分): parsing what people type and formatting it back, never float."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation, localcontext

from crm_desktop.domain.errors import ValidationError

FEN_PER_YUAN = 100
_WAN = Decimal(10_000)
_YI = Decimal(100_000_000)

# No amount a salesperson records comes near 10万亿 yuan; beyond it a value is a typing
# accident or a broken cell, and far beyond it (2^63 fen ≈ 9.2万亿万) SQLite cannot
# store it at all. The hard limit keeps even a sum of thousands of such values storable.
HARD_LIMIT_FEN = 10**13 * FEN_PER_YUAN
# Above this a single amount is possible but absurd for one visit or one cell (10亿
# yuan): the editor asks the user to confirm it. Teams may set their own ceiling in
# whole yuan (domain/policy.py, TeamPolicy.confirm_amount_above_yuan); this is the
# built-in default every team starts with.
DEFAULT_CONFIRM_ABOVE_FEN = 10**9 * FEN_PER_YUAN

# Thousands separators must sit in groups of three: "12,34" is more likely a typo for
# 12.34 than a number, and silently reading it as 1234 would misstate money.
_AMOUNT = re.compile(
    r"""
    (?P<sign>[+-]?)\s*
    (?:¥|rmb|cny)?\s*
    (?P<sign2>[+-]?)\s*
    (?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?
    (?:\.(?P<frac>[0-9]+))?
    \s*(?P<wan>万|亿)?
    \s*(?:元|rmb|cny)?
    """,
    re.VERBOSE | re.ASCII,  # other scripts' digits are not amounts
)


def _invalid(text: str) -> ValidationError:
    return ValidationError(
        f"“{text}”不是有效的金额，请输入如 1234.56、¥1,234.5 或 1.2万",
        f'"{text}" is not a valid amount; type e.g. 1234.56, ¥1,234.5 or 1.2万',
        field="amount",
    )


def parse_yuan(text: str) -> int:
    """Read an amount in yuan as typed by a person and return it in fen.

    Accepts "1234", "1,234.56", "¥1,234.5", "￥12", "1.2万" (12000 yuan), "3亿", "-5", with
    full-width digits and symbols. Raises ValidationError on anything else, and when the
    amount has finer precision than one fen.
    """
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    match = _AMOUNT.fullmatch(folded)
    if match is None or (match["int"] is None and match["frac"] is None):
        raise _invalid(text)
    if match["sign"] and match["sign2"]:
        raise _invalid(text)  # "-¥-5": two signs is a typing accident, not a double negative
    sign = match["sign"] or match["sign2"]
    digits = f"{sign}{(match['int'] or '0').replace(',', '')}.{match['frac'] or '0'}"
    # Enough precision that no typed amount is ever rounded on the way in.
    with localcontext() as ctx:
        ctx.prec = len(digits) + 10
        try:
            yuan = Decimal(digits)
        except InvalidOperation as exc:  # unreachable after the regex, kept as a guard
            raise _invalid(text) from exc
        if match["wan"]:
            yuan *= _WAN if match["wan"] == "万" else _YI
        fen = yuan * FEN_PER_YUAN
        if fen != fen.to_integral_value():
            raise ValidationError(
                f"金额“{text}”最多只能有两位小数（精确到分）",
                f'Amount "{text}" may have at most two decimal places (whole fen)',
                field="amount",
            )
        return check_amount(int(fen), allow_negative=True, text=text)


def _too_large(text: str) -> ValidationError:
    limit = HARD_LIMIT_FEN // FEN_PER_YUAN // 10**12
    return ValidationError(
        f"金额“{text}”超出上限（{limit}万亿元），请检查是否多输了数字",
        f'Amount "{text}" is beyond the limit of {limit},000,000,000,000 yuan; '
        "check for extra digits",
        field="amount",
    )


def check_amount(fen: int, *, allow_negative: bool = False, text: str | None = None) -> int:
    """The money rule every amount meets before it is stored: not beyond the hard limit,
    and not negative unless the caller's field allows it. Returns `fen`."""
    shown = text if text is not None else format_fen(fen)
    if abs(fen) > HARD_LIMIT_FEN:
        raise _too_large(shown)
    if fen < 0 and not allow_negative:
        raise ValidationError(
            f"金额不能为负数（{shown}）", f"The amount cannot be negative ({shown})", "amount"
        )
    return fen


def parse_amount(text: str) -> int:
    """A non-negative amount as typed (blank is 0): parse_yuan plus check_amount."""
    if not text.strip():
        return 0
    return check_amount(parse_yuan(text), text=text)


def needs_confirmation(fen: int, ceiling_fen: int = DEFAULT_CONFIRM_ABOVE_FEN) -> bool:
    """An amount so large that the user should confirm it was meant (not a typo)."""
    return fen > ceiling_fen


def format_fen(fen: int, symbol: bool = True) -> str:
    """Format fen as yuan with thousands separators and two decimals: "¥1,234.56"."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{'¥' if symbol else ''}{yuan:,}.{cents:02d}"


def fen_to_decimal(fen: int) -> Decimal:
    """Fen as a Decimal number of yuan with exactly two places: 123456 → Decimal("1234.56")."""
    # Built from text so that no context precision can round a very large amount.
    return Decimal(f"{fen}e-2")

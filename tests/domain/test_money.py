"""Money in fen: parsing typed amounts, formatting, Decimal conversion."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import (
    DEFAULT_CONFIRM_ABOVE_FEN,
    HARD_LIMIT_FEN,
    check_amount,
    fen_to_decimal,
    format_fen,
    needs_confirmation,
    parse_amount,
    parse_yuan,
)


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("1234", 123_400),
        ("1,234.56", 123_456),
        ("¥1,234.5", 123_450),
        ("￥12", 1_200),
        ("1.2万", 1_200_000),
        ("1万", 1_000_000),
        ("3亿", 300_000_000_00),
        ("0.5 亿元", 50_000_000_00),
        ("0.01万", 10_000),
        ("1.234567万", 1_234_567),
        ("-5", -500),
        ("+5", 500),
        ("-¥5", -500),
        ("¥-5", -500),
        ("0", 0),
        ("0.00", 0),
        (".5", 50),
        ("0.1", 10),
        ("  12.30  ", 1_230),
        ("１２３４．５", 123_450),  # full-width digits and point
        ("１，２３４", 123_400),  # full-width comma
        ("12元", 1_200),
        ("3.5 万元", 3_500_000),
        ("RMB 100", 10_000),
        ("1,234,567.89", 123_456_789),
        ("10000000000000", HARD_LIMIT_FEN),  # the hard limit itself still reads
    ],
)
def test_parse_yuan_accepts(text: str, fen: int) -> None:
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "12abc",
        "¥",
        "-",
        "万",
        "1.",
        "1..2",
        "1.2.3",
        "12,34",  # misplaced separator: probably meant 12.34
        "1,2345",
        ",123",
        "--5",
        "-¥-5",
        "1e5",
        "NaN",
        "Infinity",
        "0x10",
        "1 234",
        "$12",
        "12万万",
        "١٢",  # Arabic-Indic digits
    ],
)
def test_parse_yuan_rejects_junk(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_yuan(text)
    assert info.value.message_zh and info.value.message_en
    assert info.value.message_zh != info.value.message_en
    assert info.value.field == "amount"


@pytest.mark.parametrize("text", ["1.234", "0.001", "¥1,234.567", "1.2345678万", "-0.005"])
def test_parse_yuan_rejects_finer_than_a_fen(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_yuan(text)
    assert "两位小数" in info.value.message_zh
    assert "two decimal places" in info.value.message_en


def test_trailing_zeros_beyond_two_decimals_are_still_whole_fen() -> None:
    assert parse_yuan("1.2300") == 123


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "¥0.00"),
        (1, "¥0.01"),
        (99, "¥0.99"),
        (100, "¥1.00"),
        (123_456, "¥1,234.56"),
        (100_000_000, "¥1,000,000.00"),
        (-5, "-¥0.05"),
        (-123_456, "-¥1,234.56"),
    ],
)
def test_format_fen(fen: int, text: str) -> None:
    assert format_fen(fen) == text


def test_format_fen_without_symbol() -> None:
    assert format_fen(123_456, symbol=False) == "1,234.56"
    assert format_fen(-1, symbol=False) == "-0.01"


@pytest.mark.parametrize(
    ("fen", "yuan"),
    [(0, "0.00"), (1, "0.01"), (123_456, "1234.56"), (-250, "-2.50"), (100, "1.00")],
)
def test_fen_to_decimal(fen: int, yuan: str) -> None:
    value = fen_to_decimal(fen)
    assert value == Decimal(yuan)
    assert str(value) == yuan  # exactly two places, not "1E+2"


def test_fen_to_decimal_is_exact_for_huge_amounts() -> None:
    assert str(fen_to_decimal(10**40 + 1)) == "1" + "0" * 38 + ".01"


@given(st.integers(min_value=-HARD_LIMIT_FEN, max_value=HARD_LIMIT_FEN), st.booleans())
def test_format_then_parse_round_trips(fen: int, symbol: bool) -> None:
    assert parse_yuan(format_fen(fen, symbol=symbol)) == fen


@given(st.integers(min_value=-HARD_LIMIT_FEN, max_value=HARD_LIMIT_FEN))
def test_plain_decimal_text_round_trips(fen: int) -> None:
    assert parse_yuan(str(fen_to_decimal(fen))) == fen


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_parse_agrees_with_decimal(yuan: Decimal) -> None:
    assert parse_yuan(f"{yuan:f}") == int(yuan * 100)


@pytest.mark.parametrize(
    "text",
    ["10000000000000.01", "100000000000000000", "9" * 32 + ".99", "-100000000000000000"],
)
def test_amounts_beyond_the_hard_limit_are_refused_in_both_languages(text: str) -> None:
    # 10^17 yuan once reached SQLite as an integer overflow ("发生了意外错误").
    with pytest.raises(ValidationError) as raised:
        parse_yuan(text)
    assert "上限" in raised.value.message_zh and "limit" in raised.value.message_en


def test_check_amount_refuses_negative_unless_allowed() -> None:
    with pytest.raises(ValidationError) as raised:
        check_amount(-500)
    assert "负数" in raised.value.message_zh and "negative" in raised.value.message_en
    assert check_amount(-500, allow_negative=True) == -500
    with pytest.raises(ValidationError):
        check_amount(HARD_LIMIT_FEN + 1)
    with pytest.raises(ValidationError):
        parse_amount("-¥500")
    assert parse_amount("  ") == 0


def test_only_amounts_above_the_ceiling_need_confirmation() -> None:
    assert DEFAULT_CONFIRM_ABOVE_FEN == 1_000_000_000 * 100  # 10亿 yuan
    assert not needs_confirmation(DEFAULT_CONFIRM_ABOVE_FEN)
    assert needs_confirmation(DEFAULT_CONFIRM_ABOVE_FEN + 1)
    assert needs_confirmation(2_000, ceiling_fen=1_000)

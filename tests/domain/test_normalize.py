"""Duplicate-detection keys: company names, phones, tax ids."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_desktop.domain.normalize import company_name_key, phone_key, tax_id_key


@pytest.mark.parametrize(
    "name",
    [
        "上海华为技术有限公司",
        "上海 华为技术（集团）股份有限公司",
        "上海华为技术有限公司 ",
        "上海华为技术有限责任公司",
        "上海华为技术股份有限公司",
        "上海华为技术(集团)有限公司",
        "上海华为技术集团公司",
        "  上海　华为　技术 有限公司",  # ideographic spaces
        "上海华为技术（中国）有限公司",
        "上海华为技术(中国)有限公司",
        "上海华为技术 ( 中国 ) 有限公司",
        "上海华为技术有限公司。",
        "上海、华为技术，有限公司",
    ],
)
def test_spellings_of_one_company_share_a_key(name: str) -> None:
    assert company_name_key(name) == "上海华为技术"


def test_full_width_latin_and_digits_are_folded() -> None:
    assert company_name_key("ＡＢＣ１２３有限公司") == company_name_key("abc123 有限公司")
    assert company_name_key("ＡＢＣ１２３有限公司") == "abc123"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Acme Co., Ltd.", "acme"),
        ("ACME CO.,LTD", "acme"),
        ("Acme Co Ltd", "acme"),
        ("Acme Ltd", "acme"),
        ("Acme Inc.", "acme"),
        ("Acme Group", "acme"),
        ("Acme (China) Co., Ltd.", "acme"),
        ("艾克米（上海）贸易有限公司 Acme Ltd", "艾克米上海贸易acme"),
    ],
)
def test_english_legal_forms_are_removed(name: str, key: str) -> None:
    assert company_name_key(name) == key


def test_english_noise_only_as_whole_words() -> None:
    # "ltd" and "inc" inside a word are part of the name.
    assert company_name_key("Altdorf Incubator") == "altdorfincubator"
    assert company_name_key("Groupon") == "groupon"


def test_bare_china_is_part_of_the_name() -> None:
    # 中国银行 is not 银行: only the parenthesised (中国) marks a subsidiary.
    assert company_name_key("中国银行股份有限公司") == "中国银行"
    assert company_name_key("中国银行") != company_name_key("银行")


def test_different_companies_keep_different_keys() -> None:
    assert company_name_key("上海华为技术有限公司") != company_name_key("深圳华为技术有限公司")
    assert company_name_key("华为") != company_name_key("华为技术")


@pytest.mark.parametrize("name", ["有限公司", "股份有限公司", "集团", "(中国)有限公司", "Ltd."])
def test_name_made_only_of_noise_does_not_key_to_empty(name: str) -> None:
    assert company_name_key(name)


def test_different_all_noise_names_do_not_collide() -> None:
    assert company_name_key("有限公司") != company_name_key("集团")


def test_noise_only_fallback_keeps_case_and_width_folding() -> None:
    assert company_name_key(" 有限 公司 ") == "有限公司"
    assert company_name_key("ＬＴＤ") == "ltd"


def test_blank_name_gives_empty_key() -> None:
    assert company_name_key("") == ""
    assert company_name_key("  \u3000 ") == ""


@given(st.text())
def test_company_name_key_is_idempotent(name: str) -> None:
    key = company_name_key(name)
    assert company_name_key(key) == key


@given(st.text())
def test_company_name_key_ignores_surrounding_space(name: str) -> None:
    assert company_name_key(f"  {name}\t") == company_name_key(name)


@given(st.text(alphabet=st.characters(categories=["Lo", "Ll", "Lu", "Nd"]), min_size=1))
def test_company_name_key_never_empty_for_letters(name: str) -> None:
    assert company_name_key(name) != ""


# --- phones -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "13800138000",
        "138-0013-8000",
        "138 0013 8000",
        "+86 138 0013 8000",
        "+8613800138000",
        "0086 13800138000",
        "8613800138000",
        "１３８００１３８０００",  # full-width digits
        "(+86) 138-0013-8000",
    ],
)
def test_mobile_number_spellings_share_a_key(phone: str) -> None:
    assert phone_key(phone) == "13800138000"


@pytest.mark.parametrize(
    ("phone", "key"),
    [
        ("021-6123 4567", "02161234567"),
        ("(021) 61234567", "02161234567"),
        ("+86 21 6123 4567", "02161234567"),
        ("0086 21 61234567", "02161234567"),
        ("+86 (0)21 6123 4567", "02161234567"),
        ("6123 4567", "61234567"),
        ("(+86) 21 6123 4567", "02161234567"),
        ("1234567", "1234567"),
    ],
)
def test_landlines(phone: str, key: str) -> None:
    assert phone_key(phone) == key


def test_bare_86_is_kept_when_no_mobile_follows() -> None:
    # Could be a local number that happens to start with 86; do not guess.
    assert phone_key("86123456") == "86123456"


@pytest.mark.parametrize("phone", [None, "", "   ", "123456", "ext. 12", "无", "+86"])
def test_too_short_or_missing_phone_gives_none(phone: str | None) -> None:
    assert phone_key(phone) is None


def test_non_ascii_digits_from_other_scripts_are_ignored() -> None:
    assert phone_key("١٢٣٤٥٦٧٨") is None  # Arabic-Indic digits are not a Chinese phone


@given(st.text())
def test_phone_key_is_digits_only_and_stable(phone: str) -> None:
    key = phone_key(phone)
    if key is not None:
        assert key.isascii() and key.isdigit() and len(key) >= 7
        assert phone_key(key) == key


# --- tax ids ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tax_id",
    [
        "91310000MA1FL8XQ3A",
        "91310000ma1fl8xq3a",
        " 9131 0000 MA1F L8XQ 3A ",
        "913100-00MA1FL8-XQ3A",
        "９１３１００００ＭＡ１ＦＬ８ＸＱ３Ａ",
    ],
)
def test_tax_id_spellings_share_a_key(tax_id: str) -> None:
    assert tax_id_key(tax_id) == "91310000MA1FL8XQ3A"


@pytest.mark.parametrize("tax_id", [None, "", "  ", " - ", "\u3000"])
def test_blank_tax_id_gives_none(tax_id: str | None) -> None:
    assert tax_id_key(tax_id) is None

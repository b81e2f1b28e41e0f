"""Match keys for duplicate detection of customers (SPEC §2.1): names, phones, tax ids."""

from __future__ import annotations

import re
import unicodedata

# "(中国)" marks the Chinese arm of a foreign company; a bare 中国 is part of the name
# (中国银行), so only the parenthesised form is noise. Full-width brackets are already
# half-width after NFKC.
_CHINA_IN_PARENS = re.compile(r"\(\s*(?:中国|china)\s*\)")

# English legal forms, only as whole ASCII words: "ltd" inside "altdorf" is a name.
# The boundaries are ASCII-only because Chinese characters count as word characters for
# `\b`, and "华为ltd" should still lose its "ltd".
_ASCII_NOISE = re.compile(
    r"(?<![a-z0-9])"
    r"(?:co\s*[.,]*\s*ltd|ltd|limited|inc|incorporated|corp|corporation|group|co)"
    r"(?![a-z0-9])"
)

# Longest first, so 股份有限公司 goes as one piece instead of leaving 股份 behind.
_CHINESE_NOISE = ("有限责任公司", "股份有限公司", "有限公司", "股份", "集团", "公司")

# A fixpoint is reached in one or two rounds; the cap only guards against a surprise.
_MAX_ROUNDS = 8


def _fold(text: str) -> str:
    """NFKC + casefold, normalised again because casefolding can denormalise."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def _is_separator(char: str) -> bool:
    """Whitespace, punctuation, symbols and control characters: nothing a name hinges on."""
    return unicodedata.category(char)[0] in "ZPSC"


def _strip_separators(text: str) -> str:
    return "".join(char for char in text if not _is_separator(char))


def _reduce_once(text: str) -> str:
    text = _fold(text)
    text = _CHINA_IN_PARENS.sub(" ", text)
    text = _ASCII_NOISE.sub(" ", text)
    text = _strip_separators(text)
    for word in _CHINESE_NOISE:
        text = text.replace(word, "")
    return text


def company_name_key(name: str) -> str:
    """Key under which two spellings of one company's name compare equal.

    "上海华为技术有限公司", "上海 华为技术（集团）股份有限公司" and "上海华为技术有限公司 "
    all give "上海华为技术". The key is idempotent: key(key(x)) == key(x).
    """
    key = name
    # Removing separators can bring noise words together ("l td" → "ltd") or let a
    # combining mark join a letter, so reduce until nothing changes.
    for _ in range(_MAX_ROUNDS):
        reduced = _reduce_once(key)
        if reduced == key:
            break
        key = reduced
    if key:
        return key
    # A name made only of noise ("有限公司") must still key to something, or every such
    # name would collide with every other.
    return "".join(char for char in _fold(name) if not char.isspace())


# "+86" possibly behind an opening bracket or space: "(+86) 21 …".
_PLUS_86 = re.compile(r"[^0-9+]*\+\s*86")


def _ascii_digits(text: str) -> str:
    # NFKC turns full-width digits into ASCII; other scripts' digits are not phone digits.
    return "".join(char for char in unicodedata.normalize("NFKC", text) if "0" <= char <= "9")


def phone_key(phone: str | None) -> str | None:
    """Digits of a phone number in domestic form, or None when it is not a usable number.

    "+86 138-0013-8000", "0086 13800138000" and "13800138000" all give "13800138000";
    "+86 21 6123 4567" gives "02161234567", the way it is dialled at home.
    """
    if phone is None:
        return None
    folded = unicodedata.normalize("NFKC", phone).strip()
    digits = _ascii_digits(folded)
    explicit_country_code = bool(_PLUS_86.match(folded)) or digits.startswith("0086")
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and (explicit_country_code or _is_mobile(digits[2:])):
        # A bare leading 86 is only a country code when a mobile number follows; an
        # 86-prefixed landline without "+" could just as well be a local number.
        digits = digits[2:]
    if explicit_country_code and digits and not _is_mobile(digits) and digits[0] != "0":
        # International form drops the trunk 0 of the area code: +86 21 → 021.
        digits = "0" + digits
    if len(digits) < 7:
        return None
    return digits


def _is_mobile(digits: str) -> bool:
    return len(digits) == 11 and digits[0] == "1"


def tax_id_key(tax_id: str | None) -> str | None:
    """Unified social credit code / tax id without spacing, upper case; None when blank."""
    if tax_id is None:
        return None
    text = unicodedata.normalize("NFKC", tax_id).upper()
    key = "".join(char for char in text if not char.isspace() and char not in "-_")
    return key or None

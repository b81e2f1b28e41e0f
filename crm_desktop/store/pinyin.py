"""Names in pinyin order (安 before 北 before 张), for every list of names the store sorts.

SQLite compares text by code point, which puts Chinese names in no order a Chinese user
recognises. Every connection of the store gets the SQL function `pinyin_key(text)`
(registered by database.py), and queries order by `pinyin_key(name)`, then the name
itself for a stable tie-break (同音字 such as 张 and 章 share a key).

The key sorts by code point in pinyin order: a Chinese character becomes its toned
syllable and a space ("张伟" -> "zhang1 wei3 "); other characters are folded (NFKC, so
full-width letters from an IME read as ASCII; lower case). A character takes its most
common reading, as ICU's pinyin collation does: a name is sorted, not read aloud.

A function rather than a collation: SQLite calls a function once per row and sorts the
keys in C, whereas a collation calls back into Python for every one of the ~1.7 million
comparisons of sorting 100,000 names. Keys are cached per character and per name.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from functools import lru_cache

from pypinyin import pinyin_dict
from pypinyin.contrib.tone_convert import to_tone3

FUNCTION = "pinyin_key"
_READINGS: dict[int, str] = pinyin_dict.pinyin_dict


@lru_cache(maxsize=65_536)
def _char_key(char: str) -> str:
    reading = _READINGS.get(ord(char))
    if reading is None:
        return unicodedata.normalize("NFKC", char).casefold()
    syllable = to_tone3(reading.split(",")[0], neutral_tone_with_five=True)
    return f"{syllable} "


@lru_cache(maxsize=262_144)
def pinyin_key(text: str | None) -> str | None:
    """The sort key of `text` (None stays None, so NULLs sort as SQLite sorts them)."""
    if text is None:
        return None
    return "".join(_char_key(c) for c in text)


def register(connection: sqlite3.Connection) -> None:
    """Make `pinyin_key(text)` available to SQL on `connection`."""
    connection.create_function(FUNCTION, 1, pinyin_key, deterministic=True)

"""Name pools and text snippets for the demo data: people, companies, places, visit notes.

The words themselves are data, in resources/demo/seed.toml (the demo seed); this module
loads them once, in the shapes the generator draws from, and makes names, numbers and
addresses out of them. The order of every pool is part of what a seed makes.
"""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass
from typing import Any

from crm_desktop.config.resources import resource

SEED_FILE = resource("demo", "seed.toml")


@dataclass(frozen=True)
class City:
    name: str
    area_code: str
    tax_region: str  # the 6-digit administrative code inside a unified social credit code
    districts: tuple[str, ...]
    roads: tuple[str, ...]


@dataclass(frozen=True)
class DemoOrg:
    """The demo's teams and the people above the reps; logins are (username, display name)."""

    region: str  # the manager's team
    office: str  # the supervisor's team, where the reps are
    area: str  # both teams' region field
    manager: tuple[str, str]
    supervisor: tuple[str, str]
    reps: tuple[tuple[str, str], ...]


def _pair(item: Any) -> tuple[str, str]:
    first, second = item
    return str(first), str(second)


def _words(items: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in items)


def _by_code(table: Any) -> dict[str, tuple[str, ...]]:
    return {str(code): _words(words) for code, words in table.items()}


_SEED: dict[str, Any] = tomllib.loads(SEED_FILE.read_text(encoding="utf-8"))
_people, _companies, _texts = _SEED["people"], _SEED["companies"], _SEED["texts"]

ORG = DemoOrg(
    region=_SEED["team"]["region"],
    office=_SEED["team"]["office"],
    area=_SEED["team"]["area"],
    manager=_pair(_SEED["team"]["manager"]),
    supervisor=_pair(_SEED["team"]["supervisor"]),
    reps=tuple(_pair(rep) for rep in _SEED["team"]["reps"]),
)

# (surname, pinyin), the most common first; (character, pinyin) of given names.
SURNAMES = [_pair(item) for item in _people["surnames"]]
GIVEN_CHARS = [_pair(item) for item in _people["given_chars"]]

CITIES = tuple(
    City(c["name"], c["area_code"], c["tax_region"], _words(c["districts"]), _words(c["roads"]))
    for c in _SEED["cities"]
)

BRAND_CHARS: str = _companies["brand_chars"]
# Industry → words that go into a company name of that industry.
INDUSTRIES = _by_code(_SEED["industries"])

ENTERPRISE_SUFFIXES = _words(_companies["enterprise_suffixes"])
DEALER_SUFFIXES = _words(_companies["dealer_suffixes"])
RETAIL_WORDS = _words(_companies["retail_words"])
AGENCIES = _words(_companies["agencies"])

# Contact titles with the buying role such a person usually plays, and a department.
TITLES: tuple[tuple[str, str, str | None], ...] = tuple(
    (t["title"], t["role"], t.get("department")) for t in _people["titles"]
)
HOBBIES = _words(_people["hobbies"])
EMAIL_DOMAINS = _words(_people["email_domains"])
COMPETITORS = _words(_companies["competitors"])
PRODUCTS = _words(_companies["products"])

LOSS_NOTES = {str(code): str(note) for code, note in _SEED["loss_notes"].items()}

NEXT_STEPS = _words(_texts["next_steps"])
FEEDBACK = _words(_texts["feedback"])
NEWS = _words(_texts["news"])
COMPETITOR_INFO = _words(_texts["competitor_info"])
REFLECTIONS = _words(_texts["reflections"])
SIGN_COMMENTS = _words(_texts["sign_comments"])
RETURN_COMMENTS = _words(_texts["return_comments"])
MARKET_TEXTS = _by_code(_SEED["market_texts"])
COMPLAINT_TEXTS = _by_code(_SEED["complaint_texts"])
DEPARTMENTS = _words(_texts["departments"])


def person(rng: random.Random) -> tuple[str, str]:
    """A Chinese name and its pinyin ("张伟", "zhang.wei"); a third have one given character.

    Doubled characters (婷婷) can come out, as they do in real names.
    """
    surname, s_py = rng.choice(SURNAMES)
    first, f_py = rng.choice(GIVEN_CHARS)
    if rng.random() < 1 / 3:
        return surname + first, f"{s_py}.{f_py}"
    second, x_py = rng.choice(GIVEN_CHARS)
    return surname + first + second, f"{s_py}.{f_py}{x_py}"


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def landline(rng: random.Random, city: City) -> str:
    """An 8-digit local number behind the city's area code: "0571-87654321"."""
    return f"{city.area_code}-{rng.randrange(2, 9)}{rng.randrange(10**7):07d}"


def tax_id(rng: random.Random, city: City) -> str:
    """A unified social credit code in form (18 characters; the check digit is not real)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "".join(rng.choice(alphabet) for _ in range(10))
    return f"91{city.tax_region}{body}"


def company(rng: random.Random, city: City, kind: str, industry: str) -> tuple[str, str]:
    """A company name and its short name for a customer type code."""
    brand = "".join(rng.sample(BRAND_CHARS, 2))
    word = rng.choice(INDUSTRIES[industry])
    district = rng.choice(city.districts)
    if kind == "retail":
        shop = rng.choice(RETAIL_WORDS)
        return f"{brand}{shop}（{district.removesuffix('区').removesuffix('新')}店）", brand + shop
    if kind == "government":
        return f"{city.name}市{district}{rng.choice(AGENCIES)}", district + "政府客户"
    if kind == "individual":
        name, _ = person(rng)
        return f"{name}（个体经营）", name
    if kind in ("dealer", "general_agent"):
        suffix = "总代理有限公司" if kind == "general_agent" else rng.choice(DEALER_SUFFIXES)
        return f"{city.name}{brand}{word}{suffix}", brand + word
    return f"{city.name}{brand}{word}{rng.choice(ENTERPRISE_SUFFIXES)}", brand + word


def address(rng: random.Random, city: City, district: str) -> str:
    return f"{city.name}市{district}{rng.choice(city.roads)}{rng.randrange(1, 999)}号"

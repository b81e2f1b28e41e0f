"""The demo seed (resources/demo/seed.toml): the words the demo draws from fit the domain.

The seed is data a person edits; these read it through demo/names.py, as the generator
does, and check what a typo would break: every code the generator looks a text up by
has one, every pool has something to pick, pinyin makes an e-mail address.
"""

from __future__ import annotations

import re
import tomllib

from crm_desktop.config.resources import resource
from crm_desktop.demo import names
from crm_desktop.domain.picklists import BuyingRole, ComplaintCategory, LossReason, MarketCategory

PINYIN = re.compile(r"[a-z]+")


def test_the_seed_is_the_resources_file_in_utf8() -> None:
    assert resource("demo", "seed.toml") == names.SEED_FILE
    seed = tomllib.loads(names.SEED_FILE.read_bytes().decode("utf-8"))
    assert {"team", "people", "cities", "companies", "industries", "texts"} <= seed.keys()


def test_every_code_the_generator_looks_up_has_its_texts() -> None:
    assert names.LOSS_NOTES.keys() == {r.value for r in LossReason}
    assert names.MARKET_TEXTS.keys() == {c.value for c in MarketCategory}
    assert names.COMPLAINT_TEXTS.keys() == {c.value for c in ComplaintCategory}
    assert all(names.MARKET_TEXTS.values()) and all(names.COMPLAINT_TEXTS.values())
    assert {role for _, role, _ in names.TITLES} <= {r.value for r in BuyingRole}


def test_every_pool_has_something_to_pick() -> None:
    pools = (names.SURNAMES, names.GIVEN_CHARS, names.CITIES, names.ENTERPRISE_SUFFIXES,
             names.DEALER_SUFFIXES, names.RETAIL_WORDS, names.AGENCIES, names.TITLES,
             names.HOBBIES, names.EMAIL_DOMAINS, names.COMPETITORS, names.PRODUCTS,
             names.NEXT_STEPS, names.FEEDBACK, names.NEWS, names.COMPETITOR_INFO,
             names.REFLECTIONS, names.SIGN_COMMENTS, names.RETURN_COMMENTS,
             names.DEPARTMENTS)  # fmt: skip
    assert all(pools)
    assert all(names.INDUSTRIES.values())
    assert len(names.BRAND_CHARS) >= 2 and not re.search(r"\s", names.BRAND_CHARS)
    for city in names.CITIES:
        assert city.districts and city.roads
        assert re.fullmatch(r"0\d{2,3}", city.area_code), city.name
        assert re.fullmatch(r"\d{6}", city.tax_region), city.name


def test_names_and_logins_make_addresses() -> None:
    assert all(PINYIN.fullmatch(py) for _, py in names.SURNAMES + names.GIVEN_CHARS)
    org = names.ORG
    logins = [org.manager, org.supervisor, *org.reps]
    assert all(PINYIN.fullmatch(username) for username, _ in logins)
    assert len({username for username, _ in logins}) == len(logins)
    assert org.region and org.office and org.area

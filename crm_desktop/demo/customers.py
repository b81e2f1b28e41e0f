"""Demo customers and contacts: realistic, unique names except deliberate near-duplicates.

Built for volume (100,000 customers in well under a minute): pools are turned into
tuples once, each duplicate key is computed once per row, rows are plain dicts.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from crm_desktop.demo import names
from crm_desktop.demo.activity import Rep, Visitable, local_time, synced
from crm_desktop.domain.normalize import company_name_key, phone_key, tax_id_key
from crm_desktop.domain.picklists import CustomerSource, LossReason

CHUNK = 5_000  # customers per insert batch and progress report
PORTFOLIO = 300  # customers per rep that appear in the visit history
DUPLICATE_EVERY = 97  # one near-duplicate customer in this many, for the 撞单 warning


class Weighted:
    """A weighted choice among strings, with the cumulative weights computed once."""

    def __init__(self, weights: dict[str, int]) -> None:
        self.keys = list(weights)
        self.cumulative = list(accumulate(weights.values()))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.keys, cum_weights=self.cumulative)[0]


TYPES = Weighted({"enterprise": 42, "dealer": 18, "general_agent": 3, "retail": 27,
                  "government": 2, "individual": 8})  # fmt: skip
STATUSES = Weighted({"active": 55, "potential": 33, "lost": 8, "former": 4})
STAGES = {"active": ("developing", "mature", "partnership"), "potential": ("initial",),
          "lost": ("declining",), "former": ("declining",)}  # fmt: skip
INDUSTRY_NAMES = tuple(names.INDUSTRIES)
LOSS_REASONS = tuple(r.value for r in LossReason)
SOURCES = tuple(s.value for s in CustomerSource)
TERMS = ("cash", "net_30", "net_30", "net_60", "prepaid")
CREDIT_WAN = (2, 5, 10, 20, 50, 100)


class CustomerMaker:
    """Customers in batches for the reps; portfolio customers are remembered for visits."""

    def __init__(self, rng: random.Random, customers: int, contacts_per_customer: float,
                 reps: list[Rep], team_id: str, today: dt.date) -> None:  # fmt: skip
        self.rng, self.total, self.per = rng, customers, contacts_per_customer
        self.reps, self.team_id = reps, team_id
        self.now = local_time(today, 9)
        self.name_keys: set[str] = set()
        self.phone_keys: set[str | None] = {None}
        self.originals: list[dict[str, Any]] = []  # companies to enter again, differently
        self.visitable: dict[str, Visitable] = {}

    def batches(self) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
        for start in range(0, self.total, CHUNK):
            customers, contacts = [], []
            for index in range(start, min(self.total, start + CHUNK)):
                customer = self.customer(index)
                customers.append(customer)
                contacts.extend(self.contacts(customer))
            yield customers, contacts

    def customer(self, index: int) -> dict[str, Any]:
        rng = self.rng
        rep = rng.choice(self.reps)
        if index % DUPLICATE_EVERY == DUPLICATE_EVERY // 2 and self.originals:
            return self.near_duplicate(rng.choice(self.originals), rep)
        kind, status = TYPES.pick(rng), STATUSES.pick(rng)
        industry = rng.choice(INDUSTRY_NAMES)
        name, short, name_key = self.unique_name(rep.city, kind, industry)
        phone, phone_k = self.unique_phone(
            rep.city, mobile=kind == "individual" or rng.random() < 0.2
        )
        company = kind not in ("individual", "government")
        big = company and status == "active"
        tax = names.tax_id(rng, rep.city) if company and kind != "retail" else None
        key_account = big and rng.random() < 0.03
        loss = rng.choice(LOSS_REASONS) if status == "lost" else None
        district = rng.choice(rep.city.districts)
        row = synced(rep.id, self.team_id, self.now - dt.timedelta(days=rng.randrange(30, 1500)))
        row |= {
            "name": name, "short_name": short, "customer_type": kind, "status": status,
            "loss_reason": loss, "loss_note": names.LOSS_NOTES[loss] if loss else None,
            "industry": industry, "region": rep.city.name, "territory": district,
            "address": names.address(rng, rep.city, district), "phone": phone, "tax_id": tax,
            "source": rng.choice(SOURCES),
            "credit_limit_fen": rng.choice(CREDIT_WAN) * 1_000_000 if big else None,
            "payment_terms": rng.choice(TERMS) if big else None,
            "annual_sales_fen": int(10 ** rng.uniform(5.7, 8.7)) * 100 if company else None,
            "headcount": int(10 ** rng.uniform(1, 3.3)) if company else None,
            "is_key_account": key_account, "value_class": "A" if key_account else "C",
            "relationship_stage": rng.choice(STAGES[status]),
            "competitors": self.competitors(),
            "incumbent_supplier": rng.choice(names.COMPETITORS) if status == "potential" else None,
            "notes": "年底有集中采购计划" if rng.random() < 0.05 else None,
            "confidential": key_account, "last_effective_visit_on": None,
            "name_key": name_key, "phone_key": phone_k, "tax_key": tax_id_key(tax),
        }  # fmt: skip
        self.remember(row, rep)
        return row

    def remember(self, row: dict[str, Any], rep: Rep) -> None:
        # Originals for near-duplicates: the first few, then a sample spread over the run.
        originals = self.originals
        if row["customer_type"] != "government" and (
            len(originals) < 5 or self.rng.random() < 0.05
        ):
            if len(originals) < 50:
                originals.append(row)
            else:
                originals[self.rng.randrange(50)] = row
        if row["status"] in ("active", "potential") and len(rep.portfolio) < PORTFOLIO:
            # Pareto, capped so that no single customer makes most of the team's sales.
            weight = min(self.rng.paretovariate(1.3), 25) * (3 if row["is_key_account"] else 1)
            new = row["status"] == "potential"
            visit = Visitable(row["id"], row["name"], row["short_name"], weight, new,
                              key=row["is_key_account"])  # fmt: skip
            rep.portfolio.append(visit)
            self.visitable[row["id"]] = visit

    def competitors(self) -> str | None:
        if self.rng.random() >= 0.3:
            return None
        return "、".join(self.rng.sample(names.COMPETITORS, self.rng.choice((1, 1, 2))))

    def unique_name(self, city: names.City, kind: str, industry: str) -> tuple[str, str, str]:
        """(name, short name, name key), a key no earlier customer has."""
        for attempt in range(30):
            # A crowded pool (few agencies per district) falls back to a company name.
            kind = kind if attempt < 10 else "enterprise"
            name, short = names.company(self.rng, city, kind, industry)
            key = company_name_key(name)
            if key not in self.name_keys:
                self.name_keys.add(key)
                return name, short, key
        raise RuntimeError("demo name pool exhausted")  # not reached below millions

    def unique_phone(self, city: names.City, *, mobile: bool) -> tuple[str, str | None]:
        while True:
            phone = names.mobile(self.rng) if mobile else names.landline(self.rng, city)
            key = phone_key(phone)
            if key not in self.phone_keys:
                self.phone_keys.add(key)
                return phone, key

    def near_duplicate(self, original: dict[str, Any], rep: Rep) -> dict[str, Any]:
        """The same company entered again by the same or another rep: its name written
        another way, or another name with the same phone and tax id."""
        rng, row, name = self.rng, dict(original), original["name"]
        variant = rng.randrange(3)
        if variant == 1 and "有限公司" in name:
            row["name"] = name.replace("有限公司", "股份有限公司")
        elif variant == 1 and "（" in name:
            row["name"] = name.replace("（", "").replace("）", "")
        elif variant != 2:  # spacing and bracket width differ; the name key does not
            row["name"] = (name[:2] + " " + name[2:]).replace("（", "(").replace("）", ")")
        else:
            row["name"] = f"{original['short_name']}{rng.choice(('分部', '办事处', '二店'))}"
        if variant != 2:  # a new number, in the company's own city
            city = next(c for c in names.CITIES if c.name == original["region"])
            row["phone"], row["phone_key"] = self.unique_phone(city, mobile=False)
            row["tax_id"] = row["tax_key"] = None
        row |= synced(rep.id, self.team_id, self.now - dt.timedelta(days=rng.randrange(30)))
        row |= {"name_key": company_name_key(row["name"]), "is_key_account": False,
                "value_class": "C", "confidential": False}  # fmt: skip
        return row

    def contacts(self, customer: dict[str, Any]) -> list[dict[str, Any]]:
        rng, per = self.rng, self.per
        count = int(per) + (1 if rng.random() < per - int(per) else 0)
        rows = [self.contact(customer, first=n == 0) for n in range(count)]
        visit = self.visitable.get(customer["id"])
        if visit is not None:
            visit.contacts = [(row["id"], row["name"]) for row in rows]
        return rows

    def contact(self, customer: dict[str, Any], *, first: bool) -> dict[str, Any]:
        rng = self.rng
        name, pinyin = names.person(rng)
        title, role, department = rng.choice(names.TITLES)
        mobile = names.mobile(rng)
        born = None
        if rng.random() < 0.25:
            born = dt.date(rng.randrange(1960, 2000), rng.randrange(1, 13), rng.randrange(1, 29))
        row = synced(customer["owner_id"], self.team_id, customer["created_at"])
        row |= {
            "customer_id": customer["id"], "name": name, "title": title,
            "department": department, "buying_role": role, "mobile": mobile, "phone": None,
            "email": f"{pinyin}@{rng.choice(names.EMAIL_DOMAINS)}" if rng.random() < 0.5 else None,
            "birthday": born,
            "hobbies": "、".join(rng.sample(names.HOBBIES, 2)) if rng.random() < 0.25 else None,
            "notes": None, "is_key_contact": first and role == "decision_maker",
            "phone_key": phone_key(mobile),
        }  # fmt: skip
        return row

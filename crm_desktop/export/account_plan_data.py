"""What the account plan export prints (issue 16), as plain data the service gathers: the
plan's sections in the reference's order, the revenue plan against actuals, the account
team, the relationship map as an indented table with its coverage by level, the health
checks and the events. The .xlsx writer (account_plan_workbook.py) and the GUI's PDF
print from the same object, so both show the same figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from crm_desktop.domain.account_plan import PlanContent, RevenueLine, SmartCheck
from crm_desktop.domain.relationship_map import LevelCoverage


@dataclass(frozen=True)
class MapRow:
    level: int
    name: str
    title: str
    buying_role: str  # label
    attitude: str  # label
    attitude_code: str | None
    influence: int | None
    our_person: str  # "" when nobody holds the link


@dataclass(frozen=True)
class HealthRow:
    checked_on: dt.date
    average: float | None
    relationship_type: str  # label
    cycle_stage: str  # label
    answers: list[tuple[str, int, str]] = field(default_factory=list)  # question, rating, comment


@dataclass(frozen=True)
class AccountPlanReport:
    lang: str
    customer_name: str
    owner_name: str
    plan_year: int
    version_no: int
    status: str  # label
    sponsor_name: str
    approved_at: dt.datetime | None
    review_comment: str
    content: PlanContent
    smart: list[list[SmartCheck]]  # per objective, the five checks
    action_owners: dict[str, str]  # user id -> name
    revenue: list[RevenueLine]
    team: list[tuple[str, str, str]]  # name, role label, note
    map_rows: list[MapRow]
    coverage: list[LevelCoverage]
    health: list[HealthRow]
    events: list[tuple[dt.date, str, str]]  # date, kind label, title
    relationship_type: str = ""  # label, from the latest health check
    cycle_stage: str = ""
    diagram_png: bytes | None = None  # the relationship map drawn by the GUI, if any

    def t(self, zh: str, en: str) -> str:
        return en if self.lang.startswith("en") else zh

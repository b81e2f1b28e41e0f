"""Demo data: a sales team with customers, contacts and twelve weeks of field work —
or, with DemoOptions.visits, as many reps and years of it as make that many visits.

The demo is a local sandbox that is never sent to a server, so everything is written
with bulk inserts in one transaction and deliberately WITHOUT outbox entries: pushing
invented customers to a real server would be a mistake, and skipping the per-row ORM
and outbox work is what lets 100,000 customers be written in well under a minute.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, select, text, update
from sqlalchemy.orm import Session

from crm_desktop.demo import names
from crm_desktop.demo.activity import Activity, Rep, Scale, Writer, local_time, synced
from crm_desktop.demo.attachments import add_attachments
from crm_desktop.demo.customers import CustomerMaker
from crm_desktop.demo.defections import add_defections
from crm_desktop.demo.handovers import add_handovers
from crm_desktop.demo.key_accounts import add_key_accounts
from crm_desktop.demo.leads import add_leads
from crm_desktop.demo.pipeline import add_business
from crm_desktop.demo.receivables import add_receivables
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.ids import uuid7
from crm_desktop.domain.picklists import Role
from crm_desktop.domain.policy import DEFAULT_POLICY
from crm_desktop.services.container import Services
from crm_desktop.services.customers.classification import last_visit_changes, value_class_changes
from crm_desktop.store.base import Base
from crm_desktop.store.blobs import BlobFolder
from crm_desktop.store.errors import user_errors
from crm_desktop.store.models import Contact, Customer, Team, TeamPolicyRow, User

# The team's people and names are in the demo seed (resources/demo/seed.toml).
DEMO_SUPERVISOR = names.ORG.supervisor[0]  # username of the supervisor the demo signs in as
DEMO_EMAIL_DOMAIN = "@demo.crm"  # every demo user's e-mail ends so: marks a demo store
TEAM = names.ORG.office
_REGION = names.ORG.region
_MANAGER = names.ORG.manager
_SUPERVISOR = names.ORG.supervisor
_REPS = names.ORG.reps


@dataclass(frozen=True)
class DemoOptions:
    """How much demo data to make; the same seed makes the same data."""

    customers: int = 300
    contacts_per_customer: float = 2.0
    seed: int = 7
    visits: int = 0  # historical visits to aim for; 0: five reps' last twelve weeks


@dataclass
class DemoSummary:
    """What generate_demo wrote."""

    counts: dict[str, int]  # table name → rows written
    classes: dict[str, int]  # value class → customers
    supervisor: str
    reps: list[str]
    seconds: float = 0.0

    def describe(self) -> str:
        """A few lines for the command line, in Chinese with English labels."""
        c = Counter(self.counts)
        reps = "、".join(self.reps[:8]) + (f" 等 {len(self.reps)} 人" if len(self.reps) > 8 else "")
        classes = " / ".join(f"{k} 类 {self.classes.get(k, 0):,}" for k in "ABC")
        lines = (
            "演示数据已生成 (demo data created):",
            f"  团队 team: {TEAM}，主管 supervisor: {self.supervisor}，"
            f"销售员 reps: {reps}",
            f"  客户 customers: {c['customers']:,} ({classes})，联系人 contacts: {c['contacts']:,}",
            f"  拜访计划 plans: {c['visit_plans']:,}（计划项 items: {c['plan_items']:,}），"
            f"日报 reports: {c['daily_reports']:,}，拜访记录 visits: {c['visit_records']:,}",
            f"  待办 follow-ups: {c['follow_ups']:,}，商机 opportunities: {c['opportunities']:,}"
            f"，目标 targets: {c['targets']:,}",
            f"  市场信息 market reports: {c['market_reports']:,}，投诉 complaints: "
            f"{c['complaints']:,}",
            f"  当前用户 current user: {self.supervisor}（主管 supervisor）",
            f"  用时 time: {self.seconds:.1f} s",
        )  # fmt: skip
        return "\n".join(lines)


def _user(uid: str, login: tuple[str, str], role: str, team: str, boss: str | None,
          now: dt.datetime) -> dict[str, Any]:  # fmt: skip
    return synced(uid, team, now) | {
        "id": uid, "username": login[0], "display_name": login[1], "role": role,
        "supervisor_id": boss, "phone": None, "email": login[0] + DEMO_EMAIL_DOMAIN,
        "active": True,
    }  # fmt: skip


def _team(tid: str, name: str, leader: str, parent: str | None, now: dt.datetime
          ) -> dict[str, Any]:  # fmt: skip
    return synced(leader, tid, now) | {
        "id": tid,
        "name": name,
        "region": names.ORG.area,
        "parent_team_id": parent,
        "supervisor_id": leader,
    }


def _logins(count: int, seed: int) -> list[tuple[str, str]]:
    """The five named reps, then invented ones (username = pinyin + number) up to `count`."""
    rng, logins = random.Random(seed), list(_REPS)
    while len(logins) < count:
        name, pinyin = names.person(rng)
        logins.append((f"{pinyin.replace('.', '')}{len(logins) + 1:03d}", name))
    return logins


def _org(writer: Writer, now: dt.datetime, scale: Scale, seed: int
         ) -> tuple[str, str, list[Rep]]:  # fmt: skip
    """Manager (region), supervisor (office) and reps; returns team, supervisor and reps."""
    manager, supervisor, region, team = uuid7(), uuid7(), uuid7(), uuid7()
    logins = _logins(scale.reps, seed)
    cities = names.CITIES * (len(logins) // len(names.CITIES) + 1)
    reps = [Rep(uuid7(), login[1], city) for login, city in zip(logins, cities, strict=False)]
    writer.insert(Team, [_team(region, _REGION, manager, None, now),
                         _team(team, TEAM, supervisor, region, now)])  # fmt: skip
    users = [_user(manager, _MANAGER, "manager", region, None, now),
             _user(supervisor, _SUPERVISOR, "supervisor", team, manager, now)]  # fmt: skip
    users += [
        _user(r.id, login, "rep", team, supervisor, now)
        for r, login in zip(reps, logins, strict=True)
    ]
    writer.insert(User, users)
    # The region's team policy, set by its manager (the built-in values; domain/policy.py).
    writer.insert(TeamPolicyRow, [synced(manager, region, now) | DEFAULT_POLICY.columns()])
    return team, supervisor, reps


def _refuse_if_used(session: Session) -> None:
    customers = session.scalar(select(func.count()).select_from(Customer))
    demo = session.scalar(select(func.count()).where(User.username == DEMO_SUPERVISOR))
    if customers or demo:
        raise UserFacingError(
            "此数据文件夹中已有客户数据，演示数据只能生成到空的数据文件夹。"
            "请用 --data-dir 指定一个新的文件夹。",
            "This data folder already holds customers; demo data can only be generated "
            "into an empty data folder. Choose a new folder with --data-dir.",
        )


def _derived(session: Session, today: dt.date) -> dict[str, int]:
    """Value classes and last visits from the history (Core updates, no outbox)."""
    table = Base.metadata.tables["customers"]
    statement = update(table).where(table.c.id == bindparam("cid"))
    for column, changes in (
        ("value_class", value_class_changes(session, today)),
        ("last_effective_visit_on", last_visit_changes(session)),
    ):
        rows = [{"cid": cid, "value": value} for cid, value in changes.items()]
        if rows:
            session.execute(statement.values({column: bindparam("value")}), rows)
    counts = session.execute(
        select(Customer.value_class, func.count()).group_by(Customer.value_class)
    ).all()
    return {value_class: int(n) for value_class, n in counts}


def _customers(writer: Writer, maker: CustomerMaker, progress: Callable[[int], None]) -> None:
    # Contacts go in before their customers (foreign keys deferred to the commit): the
    # search-text trigger then builds each customer's row once, with its contacts,
    # instead of once per contact — a third of the time at 100,000 customers.
    writer.session.execute(text("PRAGMA defer_foreign_keys = ON"))
    done = 0
    for customers, contacts in maker.batches():
        writer.insert(Contact, contacts)
        writer.insert(Customer, customers)
        done += len(customers)
        progress(done)


def generate_demo(
    services: Services,
    options: DemoOptions,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty store with a demo team and make its supervisor the current user.

    Deterministic for a seed (ids and "today" aside). Progress counts customers; the
    last step, the activity history, is the one past `options.customers`.
    """
    started, today = time.monotonic(), services.clock.today()
    scale = Scale.for_visits(options.visits)
    rng = random.Random(options.seed)
    total = options.customers + 1
    report = progress or (lambda _done, _total: None)
    with user_errors(), services.store.write_sessions() as session, session.begin():
        _refuse_if_used(session)
        writer = Writer(session)
        joined = local_time(today, 8) - dt.timedelta(days=max(900, scale.weeks * 7 + 30))
        team, supervisor, reps = _org(writer, joined, scale, options.seed)
        maker = CustomerMaker(rng, options.customers, options.contacts_per_customer, reps,
                              team, today)  # fmt: skip
        _customers(writer, maker, lambda done: report(done, total))
        activity = Activity(writer, rng, today, reps, supervisor, team, scale)
        activity.history()
        add_business(activity)
        activity.flush()
        add_key_accounts(writer, today)
        add_leads(activity)
        add_handovers(activity)
        add_receivables(activity)
        add_defections(activity)
        add_attachments(activity, BlobFolder.beside(services.store.path))
        classes = _derived(session, today)
    services.user.switch(supervisor)
    report(total, total)
    return DemoSummary(dict(writer.counts), classes, _SUPERVISOR[1], [r.name for r in reps],
                       time.monotonic() - started)  # fmt: skip


def ensure_demo_data(services: Services) -> None:
    """Generate the default demo into an empty store; open the app as the demo supervisor."""
    with services.store.reading() as session:
        has_customers = session.scalar(select(func.count()).select_from(Customer))
    if not has_customers:
        generate_demo(services, DemoOptions())
    with services.store.reading() as session:
        supervisor = session.scalar(select(User.id).where(User.username == DEMO_SUPERVISOR))
    if supervisor is not None and services.actor.user_id != supervisor:
        services.user.switch(supervisor)


@dataclass(frozen=True)
class DemoPerson:
    id: str
    display_name: str
    role: Role


def demo_people(services: Services) -> list[DemoPerson]:
    """The demo team to sign in as (manager, supervisor, then reps by name); empty when
    this store is not a demo, so a real laptop never offers to become someone else."""
    order = {Role.MANAGER: 0, Role.SUPERVISOR: 1, Role.REP: 2}
    with services.store.reading() as session:
        rows = session.execute(
            select(User.id, User.display_name, User.role).where(
                User.email.like(f"%{DEMO_EMAIL_DOMAIN}"), User.deleted.is_(False)
            )
        ).all()
    people = [DemoPerson(r[0], r[1], Role(r[2])) for r in rows if r[2] in set(order)]
    return sorted(people, key=lambda p: (order[p.role], p.display_name))


def sign_in_as_demo_person(services: Services, user_id: str) -> None:
    """Make a demo team member the laptop's user (the demo's "see it as a rep" switch)."""
    if user_id not in {p.id for p in demo_people(services)}:
        raise UserFacingError(
            "只能在演示数据中切换用户", "Switching users is only possible with demo data"
        )
    services.user.switch(user_id)

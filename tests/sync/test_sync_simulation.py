"""Hypothesis stateful simulation of SYNC.md: 2–5 laptops, the real server app, a faulty
transport (dropped requests, responses dropped after commit, duplicates, replays out of
order) and laptops killed between a page's apply and its cursor write.

Invariants after every step: no row outside its user's scope on a laptop; signed
reports equal what was signed; cursors never go back. After the run, with the network
healed: every laptop converges to the server's scoped projection, every acknowledged
write survives unless a later write replaced it, every overridden or rejected edit is
in its author's inbox, and replayed pushes changed nothing.

Examples: 200 by default (CI) on SQLite and 20 on PostgreSQL; SYNC_SIM_EXAMPLES=2000
(and SYNC_SIM_PG_EXAMPLES) for the long run, e.g. `python bench/sync_simulation_long.py`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    multiple,
    rule,
)
from simulation import FaultyClient, Killed, ServerLog, copy_template, make_templates
from sqlalchemy import select, text
from sync_helpers import PASSWORD, assert_converged, create_org, make_client

from crm_desktop.domain.picklists import ReportStatus
from crm_desktop.domain.workflow import report_is_editable
from crm_desktop.store.database import DB_FILENAME, Store, open_store
from crm_desktop.store.models import (
    ConflictEntry,
    Customer,
    DailyReport,
    ReportReopenGrant,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.sync.client import local
from crm_desktop.sync.client.engine import SyncEngine
from crm_desktop.sync.client.errors import SyncError
from crm_desktop.sync.client.transport import Transport
from crm_desktop.sync.content import report_content_hash
from crm_desktop.sync.entities import ENTITY_TABLES, REFERENCE_ENTITIES
from crm_desktop.sync.server.app import create_app
from crm_desktop.sync.server.db import make_engine, upgrade
from crm_desktop.sync.server.schema import SYNCED, report_signoffs
from crm_desktop.sync.server.scope import OrgTree
from crm_desktop.sync.server.triggers import ALLOW_TRUNCATE

EXAMPLES = int(os.environ.get("SYNC_SIM_EXAMPLES", "200"))
# PostgreSQL adds a network round trip per statement; fewer examples keep CI in budget.
PG_EXAMPLES = int(os.environ.get("SYNC_SIM_PG_EXAMPLES", "20"))
USERS = ["rep1", "rep2", "sup", "rep1"]  # rep1 twice: one person, two laptops
DAYS = [dt.date(2026, 11, 16), dt.date(2026, 11, 17)]
FAULTS = st.lists(
    st.sampled_from(["ok", "ok", "drop_request", "drop_response", "duplicate", "replay_old"]),
    max_size=4,
)


class Laptop:
    def __init__(
        self,
        index: int,
        username: str,
        store: Store,
        engine: SyncEngine,
        faulty: FaultyClient,
        user_id: str,
    ) -> None:
        self.index = index
        self.username = username
        self.store = store
        self.engine = engine
        self.faulty = faulty
        self.user_id = user_id
        self.cursor = 0


class SyncSimulation(RuleBasedStateMachine):
    laptops = Bundle("laptops")

    def __init__(self) -> None:
        super().__init__()
        SIM_ROOT.reset()
        self.server_engine = SIM_ROOT.server_engine
        self.app = SIM_ROOT.app
        self.log = ServerLog(self.server_engine)
        self.all: list[Laptop] = []

    @initialize(target=laptops, count=st.integers(2, 5))
    def start(self, count: int) -> Any:
        for index in range(count):
            username = USERS[index % len(USERS)] if index < 4 else "rep2"
            store = SIM_ROOT.stores[index]
            faulty = FaultyClient(SIM_ROOT.clients[index], username, self.log)
            engine = SyncEngine(store, Transport("http://testserver", faulty), page_limit=7)  # type: ignore[arg-type]
            user_id = engine.login(username, PASSWORD).user_id
            self.all.append(Laptop(index, username, store, engine, faulty, user_id))
        return multiple(*self.all)

    # --- edits on a laptop ---------------------------------------------------------------
    @rule(laptop=laptops, name=st.sampled_from(["华联", "沃尔玛", "家乐福"]))
    def create(self, laptop: Laptop, name: str) -> None:
        self.create_customer(laptop, name)

    def create_customer(self, laptop: Laptop, name: str) -> str:
        with UnitOfWork(laptop.store, laptop.user_id) as uow:
            customer = Customer(name=name, name_key=name, owner_id=laptop.user_id)
            uow.session.add(customer)
            uow.commit()
        return customer.id

    def _pick(self, laptop: Laptop, model: Any, pick: int, **where: Any) -> Any:
        with laptop.store.reading() as s:
            query = select(model.id).where(model.deleted.is_(False)).order_by(model.id)
            for key, value in where.items():
                query = query.where(getattr(model, key) == value)
            ids = s.scalars(query).all()
        return ids[pick % len(ids)] if ids else None

    @rule(
        laptop=laptops,
        pick=st.integers(0, 9),
        field=st.sampled_from(["notes", "phone", "name", "deleted"]),
        value=st.sampled_from("abc"),
    )
    def edit_customer(self, laptop: Laptop, pick: int, field: str, value: str) -> None:
        """Edit any customer this laptop shows (the supervisor's include the team's)."""
        cid = self._pick(laptop, Customer, pick)
        if cid is None:
            self.create_customer(laptop, "新客户")
            return
        with UnitOfWork(laptop.store, laptop.user_id) as uow:
            row = uow.session.get(Customer, cid)
            assert row is not None
            if field == "deleted":
                row.deleted = True
            else:
                setattr(row, field, f"{value}{laptop.index}")
            if field == "name":
                row.name_key = row.name
            uow.commit()

    @rule(
        laptop=laptops,
        day=st.sampled_from(DAYS),
        amount=st.integers(0, 1000),
        words=st.sampled_from(["好", "忙", None]),
        submit=st.booleans(),
    )
    def write_report(
        self, laptop: Laptop, day: dt.date, amount: int, words: str | None, submit: bool
    ) -> None:
        """A day's report: create it if needed, log a visit, maybe submit it."""
        cid = self._pick(laptop, Customer, amount, owner_id=laptop.user_id)
        cid = cid or self.create_customer(laptop, "拜访客户")
        with UnitOfWork(laptop.store, laptop.user_id) as uow:
            report = uow.session.scalars(
                select(DailyReport).where(
                    DailyReport.owner_id == laptop.user_id, DailyReport.report_date == day
                )
            ).first()
            if report is None:
                report = DailyReport(owner_id=laptop.user_id, report_date=day)
                uow.session.add(report)
                uow.session.flush()
            if report.deleted or not report_is_editable(ReportStatus(report.status)):
                return  # the editor is read-only (as in the UI)
            uow.session.add(
                VisitRecord(
                    report_id=report.id,
                    customer_id=cid,
                    visit_date=day,
                    owner_id=laptop.user_id,
                    order_amount_fen=amount,
                )
            )
            if words:
                report.reflections = f"{words}{laptop.index}"
            if submit:
                uow.command("submit_report", "daily_report", report.id, report.version, {})
                report.status = "submitted"
            uow.commit()

    @rule(laptop=laptops, pick=st.integers(0, 9), reopen=st.booleans())
    def review(self, laptop: Laptop, pick: int, reopen: bool) -> None:
        """The supervisor signs a submitted report, or reopens a signed one."""
        if laptop.username != "sup":
            self.sync(laptop, [], verify=False)  # a rep's laptop just syncs
        elif reopen:
            self._reopen(laptop, pick)
        else:
            self._sign(laptop, pick)

    def _sign(self, laptop: Laptop, pick: int) -> None:
        rid = self._pick(laptop, DailyReport, pick, status="submitted")
        if rid is None:
            return
        reports, visits = ENTITY_TABLES["daily_report"], ENTITY_TABLES["visit_record"]
        with laptop.store.engine.connect() as conn:
            report = dict(conn.execute(select(reports).where(reports.c.id == rid)).mappings().one())
            rows = [
                dict(v)
                for v in conn.execute(select(visits).where(visits.c.report_id == rid)).mappings()
            ]
        if report["owner_id"] == laptop.user_id:
            return
        digest = report_content_hash(report, rows)
        with UnitOfWork(laptop.store, laptop.user_id) as uow:
            row = uow.session.get(DailyReport, rid)
            assert row is not None
            uow.command(
                "sign_report",
                "daily_report",
                rid,
                row.version,
                {"version": row.version, "content_hash": digest},
            )
            row.status = "signed"
            uow.commit()

    def _reopen(self, laptop: Laptop, pick: int) -> None:
        rid = self._pick(laptop, DailyReport, pick, status="signed")
        if rid is None:
            return
        with UnitOfWork(laptop.store, laptop.user_id) as uow:
            row = uow.session.get(DailyReport, rid)
            assert row is not None
            uow.command("reopen_report", "daily_report", rid, row.version, {})
            uow.session.add(ReportReopenGrant(report_id=rid))
            uow.session.flush()
            row.status = "reopened"
            uow.session.flush()
            uow.session.delete(uow.session.get(ReportReopenGrant, rid))
            uow.commit()

    # --- the network ---------------------------------------------------------------------
    @rule(laptop=laptops, faults=FAULTS, verify=st.booleans())
    def sync(self, laptop: Laptop, faults: list[str], verify: bool) -> None:
        laptop.faulty.plan = list(faults)
        try:
            report = laptop.engine.sync(verify=verify)
        except SyncError:
            report = None
        laptop.faulty.plan = []
        self._check_cursor(laptop, reset=report is not None and report.reset)
        # Only a sync changes what the server or a laptop holds from the other side, so
        # the cross-checks run here rather than after every local edit.
        self.laptops_hold_only_their_scope()
        self.signed_reports_are_what_was_signed()

    @rule(laptop=laptops, faults=FAULTS)
    def sync_quietly(self, laptop: Laptop, faults: list[str]) -> None:
        """Syncs are frequent in real life; a second rule makes them so here."""
        self.sync(laptop, faults, verify=False)

    @rule(laptop=laptops, after_pages=st.integers(0, 2))
    def killed_sync(self, laptop: Laptop, after_pages: int) -> None:
        pages = [after_pages]

        def crash() -> None:
            if pages[0] == 0:
                raise Killed()
            pages[0] -= 1

        laptop.engine.before_cursor = crash
        try:
            laptop.engine.sync(verify=False)
        except Killed:
            pass
        finally:
            laptop.engine.before_cursor = None
        self._check_cursor(laptop, reset=False)
        self.laptops_hold_only_their_scope()

    def _check_cursor(self, laptop: Laptop, *, reset: bool) -> None:
        cursor = int(local.read_meta(laptop.store).get(local.CURSOR, "0"))
        assert reset or cursor >= laptop.cursor, "a cursor went back"
        laptop.cursor = cursor

    # --- invariants ----------------------------------------------------------------------
    def laptops_hold_only_their_scope(self) -> None:
        with self.server_engine.connect() as conn:
            org = OrgTree.load(conn)
        for laptop in self.all:
            visible = org.visible_owners(laptop.user_id)
            assert visible is not None
            with laptop.store.engine.connect() as conn:
                for entity, table in ENTITY_TABLES.items():
                    if entity in REFERENCE_ENTITIES:
                        continue
                    owners = (
                        conn.execute(select(table.c.owner_id).where(table.c.version > 0).distinct())
                        .scalars()
                        .all()
                    )
                    assert set(owners) <= visible, (laptop.username, entity)

    def signed_reports_are_what_was_signed(self) -> None:
        reports, visits = SYNCED["daily_report"], SYNCED["visit_record"]
        with self.server_engine.connect() as conn:
            signed = conn.execute(select(reports).where(reports.c.status == "signed")).mappings()
            for report in list(signed):
                rows = [
                    dict(v)
                    for v in conn.execute(
                        select(visits).where(visits.c.report_id == report["id"])
                    ).mappings()
                ]
                last = conn.execute(
                    select(report_signoffs.c.content_hash, report_signoffs.c.version)
                    .where(report_signoffs.c.report_id == report["id"])
                    .order_by(report_signoffs.c.id.desc())
                ).first()
                assert last is not None
                assert report_content_hash(dict(report), rows) == last[0]
                assert report["version"] == last[1] + 1

    def teardown(self) -> None:
        try:
            if self.all:
                self._heal_and_check()
        finally:
            SIM_ROOT.release()

    def _heal_and_check(self) -> None:
        # The network heals. Round one pushes everything (and pulls what came before);
        # round two pulls the rest and checks the checksums.
        for verify in (False, True):
            for laptop in self.all:
                laptop.engine.page_limit = 500
                report = laptop.engine.sync(verify=verify)
                self._check_cursor(laptop, reset=report.reset)
                assert not report.drift
        self.laptops_hold_only_their_scope()
        self.signed_reports_are_what_was_signed()
        for laptop in self.all:
            assert laptop.engine.pending() == 0
            assert_converged(laptop.store, self.server_engine, laptop.user_id)
        self._check_writes_survive()
        self._check_inboxes()

    def _check_writes_survive(self) -> None:
        """The last acknowledged write of every field is what the server holds."""
        last: dict[tuple[str, str, str], Any] = {}
        for write in self.log.writes:
            last[(write.entity, write.row_id, write.field)] = write.value
        with self.server_engine.connect() as conn:
            for (entity, row_id, name), value in last.items():
                table = SYNCED[entity]
                held = conn.execute(select(table.c[name]).where(table.c.id == row_id)).scalar()
                assert held == value or (held is not None and str(held) == str(value)), (
                    entity,
                    row_id,
                    name,
                    held,
                    value,
                )

    def _check_inboxes(self) -> None:
        """Every refused edit and every overridden one is in its author's inbox."""
        inbox: dict[str, set[tuple[str, str]]] = {}
        ids: dict[str, set[str]] = {}
        for laptop in self.all:
            with laptop.store.reading() as s:
                rows = s.scalars(select(ConflictEntry)).all()
            inbox.setdefault(laptop.user_id, set()).update((c.kind, c.row_id) for c in rows)
            ids.setdefault(laptop.username, set()).update(c.id for c in rows)
        for username, filed in self.log.filed.items():
            assert filed <= ids[username], f"{username} misses refused edits in the inbox"
        writes = self.log.writes
        for i, first in enumerate(writes):
            for later in writes[i + 1 :]:
                same = (later.entity, later.row_id, later.field) == (
                    first.entity,
                    first.row_id,
                    first.field,
                )
                if not same:
                    continue
                if (
                    later.user != first.user
                    and later.has_base
                    and later.base != first.value
                    and later.value != first.value
                ):
                    assert ("overwritten", first.row_id) in inbox[first.user], (first, later)
                break


class _Root:
    """One server database, app and five laptop stores at fixed paths for the whole run.

    Each example starts from fresh copies of the template files, but the engines (and
    so SQLAlchemy's compiled-statement caches) and the test clients are reused: that
    keeps an example around half a second instead of several.
    """

    def prepare(self, folder: Path, pg_url: str | None = None) -> None:
        self.folder = folder
        self.server_template, self.laptop_template, _users = make_templates(folder / "tpl")
        self.server_path = copy_template(self.server_template, folder / "server.sqlite3")
        self.pg = pg_url is not None
        if pg_url is not None:  # PostgreSQL: one schema, emptied between examples
            self.server_engine = make_engine(pg_url)
            upgrade(self.server_engine)
            create_org(self.server_engine)
        else:
            self.server_engine = make_engine(f"sqlite:///{self.server_path}")
        self.app = create_app(engine=self.server_engine)
        self.stores: list[Store] = []
        self.clients: list[Any] = []
        for index in range(5):
            copy_template(self.laptop_template, folder / f"laptop{index}" / DB_FILENAME)
            self.stores.append(open_store(folder / f"laptop{index}"))
            client = make_client(self.app)
            client.__enter__()  # one event-loop portal for the run, not one per request
            self.clients.append(client)

    def reset(self) -> None:
        """Fresh database files under the same engines."""
        self.release()
        if self.pg:
            with self.server_engine.begin() as conn:
                conn.execute(text(ALLOW_TRUNCATE))  # signed reports refuse TRUNCATE otherwise
                conn.execute(text(f"TRUNCATE {', '.join(PG_EMPTIED)}"))
        else:
            _replace(self.server_template, self.server_path)
        for store in self.stores:
            _replace(self.laptop_template, store.path)

    def release(self) -> None:
        self.server_engine.dispose()
        for store in self.stores:
            store.engine.dispose()

    def close(self) -> None:
        self.release()
        for client in self.clients:
            client.__exit__(None, None, None)


# Everything but the org, the passwords and the counter (seqs simply go on growing).
PG_EMPTIED = [t.name for e, t in SYNCED.items() if e not in ("user", "team")] + [
    "devices",
    "mutation_receipts",
    "sync_conflicts",
    "scope_exits",
    "report_signoffs",
    "auth_tokens",
    "login_throttle",
]


def _replace(template: Path, target: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)


SIM_ROOT = _Root()


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_sync_simulation(tmp_path_factory: pytest.TempPathFactory) -> None:
    SIM_ROOT.prepare(tmp_path_factory.mktemp("sim"))
    run_simulation(EXAMPLES)


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.timeout(1800)
def test_sync_simulation_on_postgres(tmp_path_factory: pytest.TempPathFactory, pg_url: str) -> None:
    SIM_ROOT.prepare(tmp_path_factory.mktemp("simpg"), pg_url)
    run_simulation(PG_EXAMPLES)


def run_simulation(examples: int) -> None:
    profile = settings(
        max_examples=examples,
        stateful_step_count=12,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    SyncSimulation.TestCase.settings = profile
    # The in-process server hops between threads on every request; a short GIL switch
    # interval keeps those hops from idling (it halves the run time).
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0002)
    try:
        SyncSimulation.TestCase().runTest()
    finally:
        sys.setswitchinterval(interval)
        SIM_ROOT.close()

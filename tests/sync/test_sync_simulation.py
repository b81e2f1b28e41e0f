"""Hypothesis stateful simulation of SYNC.md: 2–5 laptops, the real server app, a faulty
transport and laptops killed between a page's apply and its cursor write.

Rules. Edits go through the services the GUI uses: customers are created, edited (plain
notes and phone, guarded name) and deleted with CustomerService; reports are written and
submitted with DailyReportService; the supervisor signs (from an item opened now or
earlier), returns and reopens with ReviewService. The manager hands customers over on
the server (reassign_customer, as the manager's own laptop would send it). Laptops sync
through the faulty transport (simulation.FAULT_KINDS: dropped requests, answers lost
after commit -- with the transport's automatic retry or a failed sync --, duplicated
requests, truncated bodies, reordered results, earlier pushes replayed out of order),
are killed mid-pull, and after a failed sync may retry at once with a clean network.

Invariants. While the transport carries each push and pull, the oracle of simulation.py
checks the server's decisions (who may write, guarded fields kept, delete wins, sign-off
signs what was reviewed, every refusal carries its inbox entry, replays change nothing,
every pull page is exactly its seq window of the user's scope and inbox). After every
sync: no row outside its user's scope on any laptop; signed reports equal what was
signed; a laptop's cursor never goes back; its pending edits are what it shows; after a
faulty sync a clean retry raises nothing and drains the outbox. After the run, with the
network healed: every outbox drains, every laptop converges to the server's scoped
projection (no checksum drift), every acknowledged write survives unless a later one
replaced it, and every overridden, swept or refused edit is in its author's inbox on
each of their laptops -- whoever won, the same user's other laptop included.

Examples: SYNC_SIM_EXAMPLES (100; CI's light profile 40, tests/ci_profile.py) on SQLite and
SYNC_SIM_PG_EXAMPLES (20; CI 8) on PostgreSQL; `python bench/sync_simulation_long.py` runs
the long profile. Set
SYNC_SIM_NO_SHRINK=1 to stop at the first failure (tools/mutation_check.py does).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from ci_profile import draws
from fixed_time import fixed_clock
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    multiple,
    rule,
)
from simulation import (
    FAULT_KINDS,
    FaultyClient,
    Killed,
    ServerLog,
    copy_template,
    make_templates,
    org_scope,
    same,
)
from sqlalchemy import select, text
from sync_helpers import PASSWORD, Api, assert_converged, create_org, make_client

from crm_desktop.domain.customer import ContactDraft, CustomerDraft
from crm_desktop.domain.daily import VisitDraft
from crm_desktop.domain.errors import TransitionError, ValidationError
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.customers.customers import CustomerService, _draft
from crm_desktop.services.day.daily_reports import DailyReportService
from crm_desktop.services.review.review import REPORT, ReviewItem, ReviewService
from crm_desktop.store.base import SERVER_OWNED
from crm_desktop.store.database import DB_FILENAME, Store, open_store
from crm_desktop.store.models import ConflictEntry, Customer, DailyReport
from crm_desktop.sync.client import local
from crm_desktop.sync.client.apply import PLANS
from crm_desktop.sync.client.engine import SyncEngine, SyncReport
from crm_desktop.sync.client.errors import SyncError
from crm_desktop.sync.client.transport import Transport
from crm_desktop.sync.content import report_content_hash
from crm_desktop.sync.entities import (
    ENTITY_TABLES,
    REFERENCE_ENTITIES,
    SCOPE_FIELDS,
    WORKFLOW_FIELDS,
)
from crm_desktop.sync.server.app import create_app
from crm_desktop.sync.server.db import make_engine, upgrade
from crm_desktop.sync.server.schema import SYNCED, report_signoffs
from crm_desktop.sync.server.scope import OrgTree
from crm_desktop.sync.server.triggers import ALLOW_TRUNCATE

# CI runs the light profile (tests/ci_profile.py); the environment variables override both.
EXAMPLES = int(os.environ.get("SYNC_SIM_EXAMPLES") or draws(100, 40))
STEPS = int(os.environ.get("SYNC_SIM_STEPS", "12"))
# PostgreSQL adds a network round trip per statement; fewer examples keep CI in budget.
PG_EXAMPLES = int(os.environ.get("SYNC_SIM_PG_EXAMPLES") or draws(20, 8))
NO_SHRINK = os.environ.get("SYNC_SIM_NO_SHRINK") == "1"
# Fixed examples (the same on every run, so CI and the mutation check agree) unless the
# long profile asks for fresh ones.
RANDOM = os.environ.get("SYNC_SIM_RANDOM") == "1"
# Laptop i belongs to USERS[i]: rep1 twice (one person, two laptops) as soon as there
# are three, so the same user's laptops override each other.
USERS = ["rep1", "sup", "rep1", "rep2", "sup"]
DAYS = [dt.date(2026, 11, 16), dt.date(2026, 11, 17)]
FAULTS = st.lists(st.sampled_from(["ok", "ok", "ok", *FAULT_KINDS]), max_size=4)
FIELDS = st.sampled_from(["notes", "phone", "name", "deleted"])


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
        self.opened: ReviewItem | None = None  # a report the supervisor has open
        self._user: CurrentUser | None = None

    def __repr__(self) -> str:
        return f"Laptop({self.index}, {self.username})"

    @property
    def user(self) -> CurrentUser:
        if self._user is None:  # after the first pull: the user's row is on the laptop
            self._user = CurrentUser(self.store)
            assert self._user.actor.user_id == self.user_id
        return self._user

    def customers(self) -> CustomerService:
        return CustomerService(self.store, self.user)

    def reports(self) -> DailyReportService:
        return DailyReportService(self.store, self.user)

    def review(self) -> ReviewService:
        return ReviewService(self.store, self.user)


class SyncSimulation(RuleBasedStateMachine):
    laptops = Bundle("laptops")

    def __init__(self) -> None:
        super().__init__()
        SIM_ROOT.reset()
        self.server_engine = SIM_ROOT.server_engine
        self.app = SIM_ROOT.app
        self.log = ServerLog(self.server_engine, org_scope(SIM_ROOT.users))
        self.all: list[Laptop] = []
        self.manager: Api | None = None
        self.tamperings = 0

    @initialize(target=laptops, count=st.integers(2, 5))
    def start(self, count: int) -> Any:
        for index in range(count):
            username = USERS[index]
            store = SIM_ROOT.stores[index]
            faulty = FaultyClient(SIM_ROOT.clients[index], username, self.log)
            engine = SyncEngine(store, Transport("http://testserver", faulty), page_limit=7)  # type: ignore[arg-type]
            user_id = engine.login(username, PASSWORD).user_id
            faulty.user = user_id
            laptop = Laptop(index, username, store, engine, faulty, user_id)
            faulty.user_edit = lambda ops, laptop=laptop: self._edit_while_pulling(laptop, ops)
            engine.sync(verify=False)  # the org arrives; the services know their user
            self._check_cursor(laptop, reset=False)
            self.all.append(laptop)
        return multiple(*self.all)

    # --- edits on a laptop, through the services ---------------------------------------
    @rule(laptop=laptops, name=st.sampled_from(["华联", "沃尔玛", "家乐福"]))
    def create(self, laptop: Laptop, name: str) -> None:
        self.create_customer(laptop, name)

    def create_customer(self, laptop: Laptop, name: str) -> str:
        return laptop.customers().save(CustomerDraft(name=name))

    def _pick(self, laptop: Laptop, model: Any, pick: int, **where: Any) -> Any:
        with laptop.store.reading() as s:
            query = select(model.id).where(model.deleted.is_(False)).order_by(model.id)
            for key, value in where.items():
                query = query.where(getattr(model, key) == value)
            ids = s.scalars(query).all()
        return ids[pick % len(ids)] if ids else None

    @rule(laptop=laptops, pick=st.integers(0, 9), field=FIELDS, value=st.sampled_from("123"))
    def edit_customer(self, laptop: Laptop, pick: int, field: str, value: str) -> None:
        """Edit any customer this laptop shows (the supervisor's include the team's)."""
        cid = self._pick(laptop, Customer, pick)
        if cid is None:
            self.create_customer(laptop, "新客户")
            return
        self._edit(laptop, cid, field, value)

    def _edit(self, laptop: Laptop, cid: str, field: str, value: str) -> None:
        """The customer card's save (or delete) of one field, as the user types it."""
        service = laptop.customers()
        with laptop.store.reading() as s:
            row = s.get(Customer, cid)
            if row is None or row.deleted:
                return  # gone from this laptop meanwhile: the card is closed
            draft = _draft(row)
        if field == "deleted":
            service.delete(cid)
            return
        text_value = {
            "notes": f"备注{value}{laptop.index}",
            "phone": f"1380013{value}00{laptop.index}",
            "name": f"客户{value}{laptop.index}",
        }[field]
        service.save(replace(draft, **{field: text_value}))

    @rule(
        a=laptops,
        b=laptops,
        pick=st.integers(0, 9),
        edits_a=st.lists(st.tuples(FIELDS, st.sampled_from("123")), min_size=1, max_size=2),
        edits_b=st.lists(st.tuples(FIELDS, st.sampled_from("456")), min_size=1, max_size=2),
        faults=st.tuples(FAULTS, FAULTS),
        seed=st.integers(0, 2**16),
    )
    def concurrent_edits(
        self,
        a: Laptop,
        b: Laptop,
        pick: int,
        edits_a: list[tuple[str, str]],
        edits_b: list[tuple[str, str]],
        faults: tuple[list[str], list[str]],
        seed: int,
    ) -> None:
        """Two laptops that both show a customer edit it offline, then sync, a first:
        one person's two laptops, or a rep and their supervisor."""
        if a is b:
            return
        self.sync(a, [], False, seed, False)
        self.sync(b, [], False, seed, False)
        shared = sorted(set(self._ids(a, Customer)) & set(self._ids(b, Customer)))
        if not shared:  # a customer both see: the rep's (the supervisor sees the team's)
            owner = a if a.username != "sup" else b
            shared = [self.create_customer(owner, "共同客户")]
            self.sync(owner, [], False, seed, False)
            self.sync(b if owner is a else a, [], False, seed, False)
        cid = shared[pick % len(shared)]
        for field, value in edits_a:
            self._edit(a, cid, field, value)
        for field, value in edits_b:
            self._edit(b, cid, field, value)
        self.sync(a, faults[0], False, seed, True)
        self.sync(b, faults[1], False, seed + 1, True)

    @rule(
        a=laptops,
        b=laptops,
        pick=st.integers(0, 9),
        edits_a=st.lists(st.tuples(FIELDS, st.sampled_from("789")), min_size=1, max_size=2),
        edits_b=st.lists(st.tuples(FIELDS, st.sampled_from("123")), min_size=1, max_size=2),
        faults=st.tuples(FAULTS, FAULTS),
        seed=st.integers(0, 2**16),
    )
    def more_concurrent_edits(
        self,
        a: Laptop,
        b: Laptop,
        pick: int,
        edits_a: list[tuple[str, str]],
        edits_b: list[tuple[str, str]],
        faults: tuple[list[str], list[str]],
        seed: int,
    ) -> None:
        """The same again, half the time on rep1's two laptops: concurrent edits are the
        heart of the policy, so they get two of the rules' shares."""
        reps = [laptop for laptop in self.all if laptop.username == "rep1"]
        if len(reps) > 1 and pick % 2:  # one person's two laptops, half the time
            a, b = reps[0], reps[1]
        self.concurrent_edits(a, b, pick, edits_a, edits_b, faults, seed)

    def _edit_while_pulling(self, laptop: Laptop, ops: list[Any]) -> None:
        """The user saves a customer the arriving page changes: the page must not hide
        the edit (it is pushed by the next sync)."""
        ids = sorted(op.id for op in ops if op.entity == "customer" and op.op == "upsert")
        if ids:
            self._edit(laptop, ids[laptop.faulty.rng.randrange(len(ids))], "notes", "在途")

    def _ids(self, laptop: Laptop, model: Any) -> list[str]:
        with laptop.store.reading() as s:
            return list(s.scalars(select(model.id).where(model.deleted.is_(False))))

    @rule(day=st.sampled_from(DAYS), amount=st.integers(1, 1000))
    def stale_signoff(self, day: dt.date, amount: int) -> None:
        """rep1 submits a report from one laptop while the other still holds it as a
        draft; the supervisor opens it; the other laptop adds a visit; the supervisor
        signs what they opened. The server must refuse the stale sign-off."""
        reps = [laptop for laptop in self.all if laptop.username == "rep1"]
        sups = [laptop for laptop in self.all if laptop.username == "sup"]
        if len(reps) < 2 or not sups:
            return
        first, second, sup = reps[0], reps[1], sups[0]
        self.write_report(first, day, amount, "初稿", False)
        self.sync(first, [], False, 0, False)
        self.sync(second, [], False, 0, False)
        self.write_report(first, day, amount + 1, None, True)
        self.sync(first, [], False, 0, False)
        self.sync(sup, [], False, 0, False)
        self.review(sup, 0, "open")
        self.write_report(second, day, amount + 2, None, False)
        self.sync(second, [], False, 0, False)
        self.review(sup, 0, "sign_opened")
        self.sync(sup, [], False, 0, False)

    @rule(rep=laptops, day=st.sampled_from(DAYS), seed=st.integers(0, 99))
    def tampered_signoff(self, rep: Laptop, day: dt.date, seed: int) -> None:
        """The supervisor's copy of a submitted report was altered behind the sync's back
        (sqlite3 on the file); they open and sign what their laptop shows. The server
        must refuse to sign content other than its own (content hash), and the laptop
        must get the server's report back."""
        sups = [laptop for laptop in self.all if laptop.username == "sup"]
        if rep.username == "sup" or not sups:
            return
        sup = sups[0]
        self.write_report(rep, day, seed, "完成", True)
        self.sync(rep, [], False, seed, False)
        self.sync(sup, [], False, seed, False)
        with sup.store.reading() as s:
            rid = s.scalars(
                select(DailyReport.id).where(
                    DailyReport.owner_id == rep.user_id,
                    DailyReport.report_date == day,
                    DailyReport.status == "submitted",
                )
            ).first()
        if rid is None:
            return
        # Altered differently each time: two tamperings of one report are two stories,
        # and the oracle takes an identical sign-off under a new id for one re-sent.
        self.tamperings += 1
        with sup.store.engine.begin() as conn:
            conn.execute(
                text("UPDATE daily_reports SET reflections = :text WHERE id = :id"),
                {"text": f"改过{self.tamperings}", "id": rid},
            )
        service = sup.review()
        service.sign_report(service.open_item(REPORT, rid))
        self.sync(sup, [], False, seed, False)

    @rule(rep=laptops, day=st.sampled_from(DAYS), reopen=st.booleans(), seed=st.integers(0, 99))
    def review_round(self, rep: Laptop, day: dt.date, reopen: bool, seed: int) -> None:
        """A rep submits, the supervisor signs, the rep pulls the signed report; maybe
        the supervisor reopens it and the rep pulls that too."""
        sups = [laptop for laptop in self.all if laptop.username == "sup"]
        if rep.username == "sup" or not sups:
            return
        sup = sups[0]
        self.write_report(rep, day, seed, "完成", True)
        self.sync(rep, [], False, seed, False)
        self.sync(sup, [], False, seed, False)
        self.review(sup, seed, "sign")
        self.sync(sup, [], False, seed, False)
        self.sync(rep, [], False, seed, False)
        if reopen:
            self.review(sup, seed, "reopen")
            self.sync(sup, [], False, seed, False)
            self.sync(rep, [], False, seed, False)

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
        """A day's report in the report editor: log a visit, maybe submit it."""
        cid = self._pick(laptop, Customer, amount, owner_id=laptop.user_id)
        cid = cid or self.create_customer(laptop, "拜访客户")
        service = laptop.reports()
        view = service.report(day)
        if not view.editable:
            return  # the editor is read-only (as in the UI)
        draft = replace(
            view.draft,
            visits=(*view.draft.visits, VisitDraft(customer_id=cid, order_amount_fen=amount)),
            reflections=f"{words}{laptop.index}" if words else view.draft.reflections,
        )
        with suppress(ValidationError, TransitionError):  # the editor shows the message
            (service.submit if submit else service.save)(draft)

    @rule(
        laptop=laptops,
        pick=st.integers(0, 9),
        action=st.sampled_from(["sign", "sign", "open", "sign_opened", "return", "reopen"]),
    )
    def review(self, laptop: Laptop, pick: int, action: str) -> None:
        """The supervisor's Review page: sign or return a submitted report (or open one
        now and sign it later), reopen a signed one. A rep's laptop just syncs."""
        if laptop.username != "sup":
            self.sync(laptop, [], False, 0, False)
            return
        service = laptop.review()
        try:
            if action == "reopen":
                rid = self._pick(laptop, DailyReport, pick, status="signed")
                if rid is not None:
                    service.reopen_report(rid, "补充拜访")
                return
            if action == "sign_opened":
                if laptop.opened is not None:
                    item, laptop.opened = laptop.opened, None
                    service.sign_report(item, "同意")
                return
            queue = [i for i in service.queue() if i.kind == REPORT]
            if not queue:
                return
            chosen = queue[pick % len(queue)]
            if action == "return":
                service.return_report(chosen.id, "请补充")
                return
            item = service.open_item(REPORT, chosen.id)
            if action == "open":
                laptop.opened = item
            else:
                service.sign_report(item)
        except (TransitionError, ValidationError):
            pass  # stale, gone, or not allowed: the page says so and changes nothing

    @rule(pick=st.integers(0, 99), to=st.sampled_from(["rep1", "rep2", "rep3"]))
    def handover(self, pick: int, to: str) -> None:
        """The manager hands a customer over (交接) from their own laptop."""
        customers = SYNCED["customer"]
        with self.server_engine.connect() as conn:
            ids = (
                conn.execute(
                    select(customers.c.id)
                    .where(customers.c.deleted.is_(False))
                    .order_by(customers.c.id)
                )
                .scalars()
                .all()
            )
        if not ids:
            return
        if self.manager is None:
            self.manager = Api(SIM_ROOT.manager_client, "mgr").login()
        [result] = self.manager.push(
            {
                "name": "reassign_customer",
                "entity": "customer",
                "row_id": ids[pick % len(ids)],
                "base_version": 0,
                "patch": {"to_user": SIM_ROOT.users[to]},
            }
        )
        assert result["status"] == "applied", result

    # --- the network ---------------------------------------------------------------------
    @rule(
        laptop=laptops,
        faults=FAULTS,
        verify=st.booleans(),
        seed=st.integers(0, 2**16),
        retry=st.booleans(),
        page=st.sampled_from([1, 2, 7]),
    )
    def sync(
        self,
        laptop: Laptop,
        faults: list[str],
        verify: bool,
        seed: int,
        retry: bool,
        page: int = 7,
    ) -> None:
        # Small pages put a page boundary between almost any two ops of the feed.
        laptop.engine.page_limit = page
        laptop.faulty.plan = list(faults)
        laptop.faulty.rng.seed(seed)
        try:
            report = laptop.engine.sync(verify=verify)
        except SyncError:
            report = None
        laptop.faulty.plan = []
        self._check_cursor(laptop, reset=report is not None and report.reset)
        self.pending_edits_are_shown(laptop)
        if retry and faults:
            # No laptop is left unable to sync: with the network back, a sync goes
            # through and the outbox drains.
            report = laptop.engine.sync(verify=False)
            self._check_cursor(laptop, reset=report.reset)
            assert laptop.engine.pending() == 0, "a clean sync left the outbox undrained"
        # Only a sync changes what the server or a laptop holds from the other side, so
        # the cross-checks run here rather than after every local edit.
        self.laptops_hold_only_their_scope()
        self.signed_reports_are_what_was_signed()
        self.pending_edits_are_shown(laptop)

    @rule(laptop=laptops, faults=FAULTS, seed=st.integers(0, 2**16))
    def sync_quietly(self, laptop: Laptop, faults: list[str], seed: int) -> None:
        """Syncs are frequent in real life; a second rule makes them so here."""
        self.sync(laptop, faults, False, seed, True)

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
        self.pending_edits_are_shown(laptop)

    @rule(laptop=laptops, value=st.sampled_from("123"))
    def answer_lost_then_reversed(self, laptop: Laptop, value: str) -> None:
        """The server applies three edits and the answer is lost; the next sync sends them
        again and hears `duplicate` for each, the results in reverse order. Matched by
        mutation id each settles as applied; matched by position, a duplicate meets
        another edit's fingerprint and that edit is taken for never sent."""
        self.sync(laptop, [], False, 0, False)
        known = self._server_known(laptop)
        while len(known) < 3:
            self.create_customer(laptop, f"回执客户{len(known)}")
            self.sync(laptop, [], False, 0, False)
            known = self._server_known(laptop)
        for cid in known[:3]:
            self._edit(laptop, cid, "notes", value)
        # Each sync's first request is the handshake; the second is the push.
        self.sync(laptop, ["ok", "drop_response"], False, 0, False)
        self.sync(laptop, ["ok", "reverse"], False, 0, True)

    def _server_known(self, laptop: Laptop) -> list[str]:
        """Customers of this laptop the server holds (synced at least once), by id."""
        with laptop.store.reading() as s:
            return list(
                s.scalars(
                    select(Customer.id)
                    .where(Customer.deleted.is_(False), Customer.version > 0)
                    .order_by(Customer.id)
                )
            )

    @rule(laptop=laptops, count=st.integers(2, 4))
    def backlog_in_small_pages(self, laptop: Laptop, count: int) -> None:
        """One laptop pushes new customers, each followed by a contact (consecutive seqs,
        one owner, the table changing at every op); another that sees them pulls one op
        a page. A page's rows are read from the tables its ops touch, so a cursor one
        past a page's last op skips the next op wherever the table changes -- and here
        it changes at every op of the run, wherever the pages happen to fall."""
        self.sync(laptop, [], False, 0, False)
        for n in range(count):
            cid = self.create_customer(laptop, f"批量客户{n}")
            laptop.customers().save_contact(ContactDraft(customer_id=cid, name=f"联系人{n}"))
        self.sync(laptop, [], False, 0, False)
        for other in self.all:
            if other is not laptop and laptop.user_id in self.log.scope[other.user_id]:
                self.sync(other, [], False, 0, False, page=1)
                return

    @rule(laptop=laptops, pick=st.integers(0, 9), field=FIELDS, value=st.sampled_from("123"))
    def reset_with_pending_edits(self, laptop: Laptop, pick: int, field: str, value: str) -> None:
        """The laptop forgets the server's rows (a 410, a drift, a new server epoch) while
        the user's edits wait in the outbox: the pull that refills it must lay them over
        what it brings, or the user sees their typing undone."""
        ids = self._server_known(laptop)
        if ids and field != "deleted":
            self._edit(laptop, ids[pick % len(ids)], field, value)
        laptop.engine.handshake()
        laptop.engine.reset()
        laptop.engine.pull(SyncReport())
        self._check_cursor(laptop, reset=True)
        self.laptops_hold_only_their_scope()
        self.pending_edits_are_shown(laptop)

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
            assert visible == self.log.scope[laptop.user_id]
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

    def pending_edits_are_shown(self, laptop: Laptop) -> None:
        """What the user typed and has not yet synced is what the laptop shows, whatever
        the pulls and push results written since (outbox patches laid over them)."""
        expected: dict[tuple[str, str], dict[str, Any]] = {}
        with laptop.store.engine.connect() as conn:
            entries = conn.execute(
                select(local.OUTBOX.c.entity, local.OUTBOX.c.row_id, local.OUTBOX.c.patch)
                .where(local.OUTBOX.c.name == "update")
                .order_by(local.OUTBOX.c.mutation_id)
            ).all()
            for entity, row_id, patch in entries:
                plan = PLANS.get(entity)
                if plan is not None:
                    values = {k: v for k, v in json.loads(patch).items() if k != "id"}
                    expected.setdefault((entity, row_id), {}).update(plan.stored(values))
            for (entity, row_id), values in expected.items():
                table = PLANS[entity].table.name
                row = (
                    conn.execute(text(f"SELECT * FROM {table} WHERE id = :id"), {"id": row_id})
                    .mappings()
                    .first()
                )
                if row is None:
                    continue  # purged or refused: its entry settles on the next push
                shown = {k: row[k] for k in values}
                assert shown == values, (laptop, entity, row_id, shown, values)

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
                assert not report.drift, f"{laptop}: its copy drifted from the server's"
                assert laptop.engine.pending() == 0, f"{laptop}: the outbox does not drain"
        self.laptops_hold_only_their_scope()
        self.signed_reports_are_what_was_signed()
        for laptop in self.all:
            assert_converged(laptop.store, self.server_engine, laptop.user_id)
        self._check_writes_survive()
        self._check_inboxes()

    def _check_writes_survive(self) -> None:
        """The last acknowledged write of every field is what the server holds (fields
        only commands or handovers change, and the server's own, are theirs to change)."""
        last: dict[tuple[str, str, str], Any] = {}
        for write in self.log.writes:
            locked = WORKFLOW_FIELDS.get(write.entity, frozenset()) | SCOPE_FIELDS
            if write.field not in locked and write.field not in SERVER_OWNED:
                last[(write.entity, write.row_id, write.field)] = write.value
        with self.server_engine.connect() as conn:
            for (entity, row_id, name), value in last.items():
                table = SYNCED[entity]
                held = conn.execute(select(table.c[name]).where(table.c.id == row_id)).scalar()
                assert same(held, value), (
                    entity,
                    row_id,
                    name,
                    held,
                    value,
                )

    def _check_inboxes(self) -> None:
        """Every refused edit, and every overridden or swept one, is in its author's inbox
        on each of their laptops -- whoever won, their own other laptop included."""
        for laptop in self.all:
            with laptop.store.reading() as s:
                rows = s.scalars(select(ConflictEntry)).all()
            held = {
                (c.kind, c.row_id, name, str(value))
                for c in rows
                for name, value in (json.loads(c.client_payload).get("patch") or {}).items()
            }
            ids = {c.id for c in rows}
            missing = self.log.filed.get(laptop.user_id, set()) - ids
            assert not missing, f"{laptop} misses refused edits in its inbox: {missing}"
            for (user, *entry), why in self.log.owed.items():
                if user == laptop.user_id:
                    assert tuple(entry) in held, f"{laptop} has no {entry[0]} entry: {why}"


class _Root:
    """One server database, app and five laptop stores at fixed paths for the whole run.

    Each example starts from fresh copies of the template files, but the engines (and
    so SQLAlchemy's compiled-statement caches) and the test clients are reused: that
    keeps an example around half a second instead of several.
    """

    def prepare(self, folder: Path, pg_url: str | None = None) -> None:
        self.folder = folder
        self.server_template, self.laptop_template, self.users = make_templates(folder / "tpl")
        self.server_path = copy_template(self.server_template, folder / "server.sqlite3")
        self.pg = pg_url is not None
        if pg_url is not None:  # PostgreSQL: one schema, emptied between examples
            self.server_engine = make_engine(pg_url)
            upgrade(self.server_engine)
            self.users = create_org(self.server_engine)
        else:
            self.server_engine = make_engine(f"sqlite:///{self.server_path}")
        self.app = create_app(engine=self.server_engine)
        self.stores: list[Store] = []
        self.clients: list[Any] = []
        for index in range(6):
            if index < 5:
                copy_template(self.laptop_template, folder / f"laptop{index}" / DB_FILENAME)
                self.stores.append(open_store(folder / f"laptop{index}", clock=fixed_clock()))
            client = make_client(self.app)
            client.__enter__()  # one event-loop portal for the run, not one per request
            self.clients.append(client)
        self.manager_client = self.clients[5]

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
    phases = [Phase.explicit, Phase.generate] if NO_SHRINK else list(Phase)
    profile = settings(
        max_examples=examples,
        stateful_step_count=STEPS,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=not RANDOM,
        phases=phases,
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


def test_the_oracle_reads_the_org_as_the_server_does(server_engine: Any, users: Any) -> None:
    """The simulation's own reading of who sees whom agrees with the server's tree."""
    with server_engine.connect() as conn:
        org = OrgTree.load(conn)
    for user_id, scope in org_scope(users).items():
        assert org.visible_owners(user_id) == scope

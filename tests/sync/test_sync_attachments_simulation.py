"""Attachments under the sync simulation's faults (simulation.py): rows through the
record sync, bytes through the blob endpoints, both over the faulty transport.

Rules: laptops (rep1 twice, the supervisor, rep3 of the other team) add photos to
customers they may write and remove attachments, through AttachmentService; they sync
rows and move blobs with the FAULT_KINDS faults (requests dropped, answers lost after
commit, duplicated, cut short) plus `kill_upload`: the laptop dies mid-upload (the
server holds part of the blob) or mid-download (a partial file stays); the manager hands
customers over. After every transfer: every blob on a laptop and on the server hashes
to its name (no half file under a content address). At the end, with the network
healed: every laptop holds exactly the server's rows in its scope and, for every live
attachment, the very bytes that were added; nothing else is kept; every attachment
added and not removed is on the server, or its refusal is in its author's inbox; the
transfer queues drain.

Examples: ATTACH_SIM_EXAMPLES (20; CI's light profile 12, tests/ci_profile.py), steps
ATTACH_SIM_STEPS (default 12).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from ci_profile import draws
from fixed_time import fixed_clock
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, multiple, rule
from simulation import FAULT_KINDS, FaultyClient, Killed, ServerLog, make_templates, org_scope
from sqlalchemy import select
from sync_helpers import PASSWORD, Api, assert_converged, make_client

from crm_desktop.domain.customer import CustomerDraft
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.attachments.attachments import AttachmentService
from crm_desktop.services.attachments.transfer import BlobTransferService
from crm_desktop.services.customers.customers import CustomerService
from crm_desktop.store.blobs import BlobFolder, file_sha256
from crm_desktop.store.database import DB_FILENAME, Store, open_store
from crm_desktop.store.models import Attachment, BlobTransfer, ConflictEntry, Customer
from crm_desktop.sync.client.engine import SyncEngine
from crm_desktop.sync.client.errors import SyncError
from crm_desktop.sync.client.transport import Transport
from crm_desktop.sync.server.app import create_app
from crm_desktop.sync.server.blobs import BlobService
from crm_desktop.sync.server.db import make_engine
from crm_desktop.sync.server.schema import SYNCED

# CI runs the light profile (tests/ci_profile.py); the environment variable overrides both.
EXAMPLES = int(os.environ.get("ATTACH_SIM_EXAMPLES") or draws(20, 12))
STEPS = int(os.environ.get("ATTACH_SIM_STEPS", "12"))
USERS = ["rep1", "sup", "rep1", "rep3"]
BLOB_FAULTS = st.lists(
    st.sampled_from(["ok", "ok", *FAULT_KINDS, "kill_upload", "kill_upload"]), max_size=4
)


class _Keep:
    """The laptop's client as the transfer sees it: closing the transfer's transport
    must not close the simulation's shared test client."""

    def __init__(self, inner: FaultyClient) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def close(self) -> None:
        pass


class Laptop:
    def __init__(self, index: int, username: str, store: Store, engine: SyncEngine) -> None:
        self.index = index
        self.username = username
        self.store = store
        self.engine = engine
        self.faulty: FaultyClient = engine.transport.client  # type: ignore[assignment]
        self._user: CurrentUser | None = None

    def __repr__(self) -> str:
        return f"Laptop({self.index}, {self.username})"

    @property
    def user(self) -> CurrentUser:
        if self._user is None:
            self._user = CurrentUser(self.store)
        return self._user

    def attachments(self) -> AttachmentService:
        return AttachmentService(self.store, self.user)

    def transfer(self) -> BlobTransferService:
        return BlobTransferService(
            self.store,
            client_factory=lambda: _Keep(self.faulty),
            backoff=(0.0, 0.0),  # type: ignore[arg-type, return-value]
        )


class AttachmentSimulation(RuleBasedStateMachine):
    laptops = Bundle("laptops")

    def __init__(self) -> None:
        super().__init__()
        ROOT.reset()
        self.log = ServerLog(ROOT.server_engine, org_scope(ROOT.users))
        self.all: list[Laptop] = []
        self.added: dict[str, bytes] = {}  # sha256 -> the bytes a user added
        self.attached: dict[str, Laptop] = {}  # attachment id -> the laptop that added it
        self.removed: set[str] = set()
        self.manager: Api | None = None

    @initialize(target=laptops, count=st.integers(2, 4))
    def start(self, count: int) -> Any:
        for index in range(count):
            faulty = FaultyClient(ROOT.clients[index], USERS[index], self.log)
            engine = SyncEngine(
                ROOT.stores[index], Transport("http://testserver", faulty), page_limit=7
            )  # type: ignore[arg-type]
            faulty.user = engine.login(USERS[index], PASSWORD).user_id
            engine.sync(verify=False)
            self.all.append(Laptop(index, USERS[index], ROOT.stores[index], engine))
        for laptop in self.all:  # every example starts with photos to move
            self.attach(laptop, 0, 8 + laptop.index, laptop.index)
        return multiple(*self.all)

    # --- the users ---------------------------------------------------------------------
    @rule(laptop=laptops, pick=st.integers(0, 9), size=st.integers(1, 48), seed=st.integers())
    def attach(self, laptop: Laptop, pick: int, size: int, seed: int) -> None:
        """A photo on a customer this laptop shows (a rep's own, the supervisor's team's)."""
        with laptop.store.reading() as s:
            ids = s.scalars(
                select(Customer.id).where(Customer.deleted.is_(False)).order_by(Customer.id)
            ).all()
        if not ids:
            ids = [CustomerService(laptop.store, laptop.user).save(CustomerDraft(name="华联"))]
        data = random.Random(seed).randbytes(size * 1024)
        try:
            view = laptop.attachments().add_bytes("customer", ids[pick % len(ids)], data, "p.bin")
        except UserFacingError:
            return  # not theirs to write: the form says so and nothing is stored
        self.added[view.sha256] = data
        self.attached[view.id] = laptop

    @rule(laptop=laptops, pick=st.integers(0, 9))
    def remove(self, laptop: Laptop, pick: int) -> None:
        with laptop.store.reading() as s:
            ids = s.scalars(
                select(Attachment.id).where(Attachment.deleted.is_(False)).order_by(Attachment.id)
            ).all()
        if not ids:
            return
        try:
            laptop.attachments().remove(ids[pick % len(ids)])
        except UserFacingError:
            return
        self.removed.add(ids[pick % len(ids)])

    @rule(pick=st.integers(0, 99), to=st.sampled_from(["rep1", "rep2", "rep3"]))
    def handover(self, pick: int, to: str) -> None:
        customers = SYNCED["customer"]
        with ROOT.server_engine.connect() as conn:
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
            self.manager = Api(ROOT.clients[4], "mgr").login()
        [result] = self.manager.push(
            {
                "name": "reassign_customer",
                "entity": "customer",
                "row_id": ids[pick % len(ids)],
                "base_version": 0,
                "patch": {"to_user": ROOT.users[to]},
            }
        )
        assert result["status"] == "applied", result

    # --- the network ---------------------------------------------------------------------
    @rule(laptop=laptops, faults=BLOB_FAULTS, seed=st.integers(0, 2**16))
    def sync(self, laptop: Laptop, faults: list[str], seed: int) -> None:
        laptop.faulty.plan = [f for f in faults if f != "kill_upload"]
        laptop.faulty.rng.seed(seed)
        with contextlib.suppress(SyncError):
            laptop.engine.sync(verify=False)
        laptop.faulty.plan = []

    @rule(
        laptop=laptops,
        row_faults=BLOB_FAULTS,
        faults=BLOB_FAULTS,
        seed=st.integers(0, 2**16),
    )
    def sync_and_transfer(
        self, laptop: Laptop, row_faults: list[str], faults: list[str], seed: int
    ) -> None:
        """What the app does: a sync, then the blobs move (each under its own faults)."""
        self.sync(laptop, row_faults, seed)
        self.transfer(laptop, faults, seed)

    @rule(laptop=laptops, seed=st.integers(0, 2**16))
    def dies_mid_transfer(self, laptop: Laptop, seed: int) -> None:
        """The laptop dies during its first upload (or, with none owed, its first
        download): a rule of its own, so the death does not hang on the draw."""
        self.sync(laptop, [], seed)
        self.transfer(laptop, ["kill_upload"], seed)

    @rule(laptop=laptops, faults=BLOB_FAULTS, seed=st.integers(0, 2**16))
    def transfer(self, laptop: Laptop, faults: list[str], seed: int) -> None:
        laptop.faulty.plan = list(faults)
        laptop.faulty.rng.seed(seed)
        # Offline, or the laptop died mid-transfer: the queue keeps the rest.
        with contextlib.suppress(SyncError, Killed):
            report = laptop.transfer().run()
            ROOT.moved += report.uploaded + report.downloaded
        laptop.faulty.plan = []
        self.blobs_hash_to_their_names(laptop)

    def blobs_hash_to_their_names(self, laptop: Laptop) -> None:
        for folder in (BlobFolder.beside(laptop.store.path), BlobFolder(ROOT.blob_dir)):
            for sha in folder.names():
                assert file_sha256(folder.path(sha)) == sha, f"a half blob under {sha}"

    # --- the end -------------------------------------------------------------------------
    def teardown(self) -> None:
        ROOT.kills += self.log.blob_kills
        try:
            if self.all:
                self._heal_and_check()
        finally:
            ROOT.release()

    def _heal_and_check(self) -> None:
        for _round in range(2):
            for laptop in self.all:
                laptop.engine.sync(verify=False)
        for _round in range(2):  # uploads first everywhere, then what they brought
            for laptop in self.all:
                report = laptop.transfer().run()
                assert report.failed == 0, (laptop, report)
        with ROOT.server_engine.connect() as conn:
            table = SYNCED["attachment"]
            server_rows = {r["id"]: r for r in conn.execute(select(table)).mappings()}
        server_blobs = BlobFolder(ROOT.blob_dir)
        for row in server_rows.values():
            if not row["deleted"]:
                sha = row["sha256"]
                assert server_blobs.has(sha), f"the server lacks the bytes of {row['id']}"
                assert server_blobs.path(sha).read_bytes() == self.added[sha]
        for laptop in self.all:
            assert_converged(laptop.store, ROOT.server_engine, laptop.faulty.user)
            folder = BlobFolder.beside(laptop.store.path)
            with laptop.store.reading() as s:
                live = set(
                    s.scalars(select(Attachment.sha256).where(Attachment.deleted.is_(False)))
                )
                queued = s.scalars(select(BlobTransfer.sha256)).all()
                inbox = set(s.scalars(select(ConflictEntry.row_id)))
            assert not queued, f"{laptop}: transfers left queued: {queued}"
            for sha in live:
                assert folder.has(sha), f"{laptop} lacks the bytes of {sha[:12]}"
                assert folder.path(sha).read_bytes() == self.added[sha]
            assert set(folder.names()) == live, f"{laptop} keeps bytes no row names"
            assert not list(folder.tmp.glob("*.down")), f"{laptop} keeps partial downloads"
            # Nothing lost: what this laptop added and nobody removed is on the server,
            # or its refusal is in the inbox.
            for attachment_id, by in self.attached.items():
                if by is laptop and attachment_id not in self.removed:
                    row = server_rows.get(attachment_id)
                    assert (row is not None and not row["deleted"]) or attachment_id in inbox, (
                        f"{laptop} lost attachment {attachment_id}"
                    )


class _Root:
    """One server, app and four laptop stores for the run; fresh copies per example."""

    def prepare(self, folder: Path) -> None:
        self.folder = folder
        self.kills = 0  # uploads killed midway, over the run
        self.moved = 0  # blobs moved by faulty transfers, over the run
        server_template, self.laptop_template, self.users = make_templates(folder / "tpl")
        self.server_template = server_template
        self.server_path = folder / "server.sqlite3"
        shutil.copyfile(server_template, self.server_path)
        self.server_engine = make_engine(f"sqlite:///{self.server_path}")
        self.blob_dir = folder / "server-blobs"
        self.app = create_app(engine=self.server_engine, blobs=BlobService.on_disk(self.blob_dir))
        self.stores: list[Store] = []
        self.clients: list[Any] = []
        for index in range(5):
            if index < 4:
                target = folder / f"laptop{index}" / DB_FILENAME
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(self.laptop_template, target)
                self.stores.append(open_store(target.parent, clock=fixed_clock()))
            client = make_client(self.app)
            client.__enter__()
            self.clients.append(client)

    def reset(self) -> None:
        self.release()
        _replace(self.server_template, self.server_path)
        shutil.rmtree(self.blob_dir, ignore_errors=True)
        for store in self.stores:
            _replace(self.laptop_template, store.path)
            shutil.rmtree(store.path.parent / "blobs", ignore_errors=True)

    def release(self) -> None:
        self.server_engine.dispose()
        for store in self.stores:
            store.engine.dispose()

    def close(self) -> None:
        self.release()
        for client in self.clients:
            client.__exit__(None, None, None)


def _replace(template: Path, target: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)


ROOT = _Root()


@pytest.mark.timeout(900)
def test_attachments_converge_under_the_sync_faults(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # (The server's notification sender stays off: tests/conftest.py.)
    ROOT.prepare(tmp_path_factory.mktemp("attach-sim"))
    no_shrink = os.environ.get("SYNC_SIM_NO_SHRINK") == "1"
    AttachmentSimulation.TestCase.settings = settings(
        max_examples=EXAMPLES,
        stateful_step_count=STEPS,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=os.environ.get("SYNC_SIM_RANDOM") != "1",
        phases=[Phase.explicit, Phase.generate] if no_shrink else list(Phase),
    )
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0002)
    try:
        AttachmentSimulation.TestCase().runTest()
        if EXAMPLES >= 10:  # the rules did reach the faults they exist for
            assert ROOT.kills > 0 and ROOT.moved > 0, (ROOT.kills, ROOT.moved)
    finally:
        sys.setswitchinterval(interval)
        ROOT.close()


def test_a_blob_named_by_its_hash_is_checked_by_the_oracle(tmp_path: Path) -> None:
    """The oracle's integrity check sees a half file under a content address."""
    folder = BlobFolder(tmp_path)
    sha, path = folder.put_bytes(b"hello")
    assert file_sha256(path) == sha == hashlib.sha256(b"hello").hexdigest()
    path.write_bytes(b"hel")
    assert file_sha256(folder.path(sha)) != sha

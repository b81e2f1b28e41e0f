"""Concurrent writers on PostgreSQL: a reader following the feed misses no row."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, insert
from sync_helpers import create_org, customer_patch, new_id

from crm_desktop.store.base import utcnow
from crm_desktop.sync.protocol import Mutation
from crm_desktop.sync.server.db import make_engine, upgrade
from crm_desktop.sync.server.feed import pull
from crm_desktop.sync.server.push import push
from crm_desktop.sync.server.schema import devices
from crm_desktop.sync.server.scope import OrgTree

WRITERS = 4
BATCHES = 15
PER_BATCH = 20

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url, pool_size=WRITERS + 2)
    upgrade(engine)
    yield engine
    engine.dispose()


def _device(engine: Engine, device_id: str, user_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(devices).values(
                id=device_id,
                user_id=user_id,
                last_mutation_id=0,
                last_pulled_seq=0,
                last_seen=utcnow(),
                revoked=False,
                created_at=utcnow(),
            )
        )


def test_pull_cursor_never_skips_a_late_committing_row(pg_engine: Engine) -> None:
    users = create_org(pg_engine)
    rep = users["rep1"]
    for i in range(WRITERS + 1):
        _device(pg_engine, f"dev{i}", rep)
    written: set[str] = set()
    lock = threading.Lock()
    errors: list[BaseException] = []

    def writer(index: int) -> None:
        try:
            for batch in range(BATCHES):
                ids = [new_id() for _ in range(PER_BATCH)]
                mutations = [
                    Mutation(
                        mutation_id=batch * PER_BATCH + j + 1,
                        name="create",
                        entity="customer",
                        row_id=cid,
                        patch=customer_patch(cid[-8:]),
                    )
                    for j, cid in enumerate(ids)
                ]
                results = push(pg_engine, rep, f"dev{index}", mutations)
                assert all(r.status == "applied" for r in results)
                with lock:
                    written.update(ids)
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    seen: dict[str, int] = {}
    cursor = 0
    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()

    def follow() -> None:
        nonlocal cursor
        with pg_engine.begin() as conn:
            principal = OrgTree.load(conn).principal(rep)
            page = pull(conn, principal, f"dev{WRITERS}", cursor, 37)
        seqs = [op.seq for op in page.ops]
        assert seqs == sorted(seqs) and all(s > cursor for s in seqs)
        assert page.next_since >= cursor  # cursors never go back
        for op in page.ops:
            if op.entity == "customer":
                assert op.id not in seen, "a row was delivered twice at the same version"
                seen[op.id] = op.seq
        cursor = page.next_since

    while any(t.is_alive() for t in threads):
        follow()
    for thread in threads:
        thread.join()
    assert not errors, errors
    for _ in range(WRITERS * BATCHES * PER_BATCH // 37 + 2):
        follow()
    assert set(seen) == written
    assert len(written) == WRITERS * BATCHES * PER_BATCH

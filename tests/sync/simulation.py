"""Machinery of the sync simulation: templates, the faulty transport and the oracle.

The oracle (`ServerLog`) watches every push and pull the transport carries, whatever
the fault does to the answer afterwards, and checks what the server did against SYNC.md
with its own bookkeeping -- never by asking the server's code:

- who may write what (the org of `sync_helpers.ORG`, spelled out again here);
- a guarded field changed concurrently keeps the server's value;
- an update never lands on a deleted row (delete wins);
- every value a concurrent write replaced is owed to its writer's inbox ("overwritten"),
  the same user's other laptop included; every write a stale delete swept is owed to
  its writer's inbox ("deleted_after_update");
- a refused or conflicted result always carries the pusher's inbox entry;
- a sign-off signs exactly the content hash the supervisor reviewed;
- a pull page holds exactly the rows (in scope) and inbox entries of its seq window.
"""

from __future__ import annotations

import contextlib
import json
import random
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, select
from sync_helpers import ORG, create_org

from crm_desktop.domain.picklists import Role
from crm_desktop.store.database import DB_FILENAME, open_store
from crm_desktop.sync import blob_protocol as bp
from crm_desktop.sync import protocol as p
from crm_desktop.sync.command_names import COMMAND_ENTITY
from crm_desktop.sync.entities import DERIVED_FIELDS, GUARDED_FIELDS, REFERENCE_ENTITIES, to_wire
from crm_desktop.sync.server.db import make_engine, upgrade
from crm_desktop.sync.server.schema import SYNCED, conflicts, report_signoffs, sync_counter


class Killed(Exception):
    """The laptop 'crashed' between applying a page and writing its cursor."""


def make_templates(folder: Path) -> tuple[Path, Path, dict[str, str]]:
    """A migrated server database with the org, and a migrated empty laptop store."""
    folder.mkdir(parents=True, exist_ok=True)
    server = folder / "server.sqlite3"
    engine = make_engine(f"sqlite:///{server}")
    upgrade(engine)
    users = create_org(engine)
    engine.dispose()
    store = open_store(folder / "laptop")
    store.close()
    return server, folder / "laptop" / DB_FILENAME, users


def copy_template(template: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return target


def org_scope(users: dict[str, str]) -> dict[str, frozenset[str]]:
    """user id -> owner ids the user reads and writes, from ORG: a rep their own, a
    leader everyone below them (the oracle's own reading of SPEC's scope rules)."""
    below: dict[str, set[str]] = {name: set() for name, *_ in ORG}
    for name, _role, boss, _team in ORG:
        while boss is not None:
            below[boss].add(name)
            boss = next(b for n, _r, b, _t in ORG if n == boss)
    return {
        users[name]: frozenset(users[n] for n in {name, *below[name]})
        for name, role, *_ in ORG
        if role is not Role.ADMIN
    }


# Fields a laptop writes with a plain patch (the ones an inbox entry can hand back).
PATCHABLE = frozenset({"notes", "phone", "name", "reflections", "order_amount_fen"})


def same(a: Any, b: Any) -> bool:
    a, b = to_wire(a), to_wire(b)
    return a == b or (a is not None and b is not None and str(a) == str(b))


@dataclass
class Write:
    """One field write the server applied (in the order the server applied them)."""

    user: str
    device: str
    entity: str
    row_id: str
    field: str
    value: Any


@dataclass(frozen=True)
class Writer:
    user: str
    device: str
    version: int


@dataclass
class RowState:
    values: dict[str, Any]
    version: int
    deleted: bool
    owner: str | None


@dataclass
class ServerLog:
    """Everything the transport saw come back from the server, dropped or not."""

    engine: Engine
    scope: dict[str, frozenset[str]]
    writes: list[Write] = field(default_factory=list)
    filed: dict[str, set[str]] = field(default_factory=dict)  # user id -> conflict ids
    # (user id, kind, row id, field, lost value) that must be in every inbox of that user
    # (an entry of that kind for that row whose payload holds the value), and why.
    owed: dict[tuple[str, str, str, str, str], str] = field(default_factory=dict)
    writers: dict[tuple[str, str, str], Writer] = field(default_factory=dict)
    # (device, mutation id) of every mutation the server has answered: asked again (an
    # automatic retry after a lost answer, a duplicate), it must be a `duplicate`.
    answered: set[tuple[str, int]] = field(default_factory=set)
    # device -> {fingerprint: mutation id}: no laptop here ever reuses an id (no store is
    # restored), so one edit sent again under a new id is an edit applied twice -- or a
    # laptop that renumbered an entry on a result that was not its own. (The rules never
    # repeat a user action identically: a repeated tampering alters the report anew.)
    fingerprints: dict[str, dict[str, int]] = field(default_factory=dict)
    replays_checked: int = 0
    pages_checked: int = 0
    blob_kills: int = 0  # uploads killed midway (the attachment simulation)

    def counter(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(sync_counter.c.value)).scalar_one())

    # --- pushes ------------------------------------------------------------------------
    def before_push(self, request: p.PushRequest) -> dict[tuple[str, str], RowState]:
        """The server's rows a batch touches, as they stand before it."""
        wanted: dict[str, set[str]] = {}
        for m in request.mutations:
            entity = COMMAND_ENTITY.get(m.name, m.entity)
            if entity in SYNCED:
                wanted.setdefault(entity, set()).add(m.row_id)
        found: dict[tuple[str, str], RowState] = {}
        with self.engine.connect() as conn:
            for entity, ids in wanted.items():
                table = SYNCED[entity]
                for row in conn.execute(select(table).where(table.c.id.in_(ids))).mappings():
                    found[(entity, row["id"])] = RowState(
                        {k: to_wire(v) for k, v in row.items()},
                        int(row["version"]),
                        bool(row["deleted"]),
                        row["owner_id"],
                    )
        return found

    def observe(
        self,
        user: str,
        device: str,
        request: p.PushRequest,
        answer: p.PushResponse,
        rows: dict[tuple[str, str], RowState],
    ) -> None:
        """Walk the batch in the server's order and check each outcome against SYNC.md."""
        by_id = {r.mutation_id: r for r in answer.results}
        assert len(by_id) == len(request.mutations), "one result per mutation"
        signed: list[p.Mutation] = []
        for m in request.mutations:
            result = by_id[m.mutation_id]
            if (device, m.mutation_id) in self.answered:
                assert result.status == "duplicate", ("a mutation applied twice", m, result)
                self.replays_checked += 1
            self.answered.add((device, m.mutation_id))
            first = self.fingerprints.setdefault(device, {}).setdefault(
                p.mutation_fingerprint(m), m.mutation_id
            )
            assert first == m.mutation_id, ("one edit sent under two mutation ids", first, m)
            if result.status in ("conflict", "rejected"):
                # No edit is ever silently dropped: the pusher hears of every refusal.
                assert result.conflicts, (m.name, m.entity, result)
                self.filed.setdefault(user, set()).update(c.id for c in result.conflicts)
            if result.status == "duplicate":
                continue
            key = (COMMAND_ENTITY.get(m.name, m.entity), m.row_id)
            state = rows.get(key)
            if m.name == "create" and result.status == "applied":
                self._created(user, device, m, rows)
            elif m.name == "update" and result.status in ("applied", "conflict"):
                assert state is not None, ("an update applied to no row", m)
                self._updated(user, device, m, result.status, state)
            elif m.name == "delete" and result.status == "applied":
                assert state is not None, ("a delete applied to no row", m)
                self._deleted(user, device, m, state)
            elif result.status == "applied" and state is not None:
                state.version += 1  # a command writes the row once
                if m.name == "sign_report":
                    signed.append(m)
        self._check_signoffs(signed)

    def _may_write(self, user: str, entity: str, owner: str | None) -> None:
        if entity not in REFERENCE_ENTITIES:
            assert owner in self.scope.get(user, frozenset()), (
                f"{entity} of {owner} written by {user}, who may not"
            )

    def _created(
        self, user: str, device: str, m: p.Mutation, rows: dict[tuple[str, str], RowState]
    ) -> None:
        owner = m.patch.get("owner_id") or user
        self._may_write(user, m.entity, owner)
        rows[(m.entity, m.row_id)] = RowState(dict(m.patch), 1, False, owner)
        for name, value in m.patch.items():
            self.writers[(m.entity, m.row_id, name)] = Writer(user, device, 1)
            self.writes.append(Write(user, device, m.entity, m.row_id, name, value))

    def _updated(self, user: str, device: str, m: p.Mutation, status: str, state: RowState) -> None:
        if status == "applied":
            self._may_write(user, m.entity, state.owner)
            # Delete wins: an update that comes after it is the updater's conflict.
            assert not state.deleted, ("an update was applied to a deleted row", m)
        if state.deleted:
            return
        guarded = GUARDED_FIELDS.get(m.entity, frozenset())
        derived = DERIVED_FIELDS.get(m.entity, {})
        base = m.base_values or {}
        concurrent = state.version != m.base_version
        changed = False
        for name, value in m.patch.items():
            if name in derived or name in ("id", "deleted"):
                continue
            current = state.values.get(name)
            if same(current, value):
                continue
            seen = name in base and same(base[name], current)
            if concurrent and not seen:
                if name in guarded:
                    # The server keeps its value; the pusher's is filed (status conflict).
                    assert status == "conflict", ("a guarded field was overwritten", m, name)
                    continue
                lost = self.writers.get((m.entity, m.row_id, name))
                if lost is not None and lost.device != device:
                    self.owed[(lost.user, "overwritten", m.row_id, name, str(current))] = (
                        f"{name}={current!r} by {lost.user}@{lost.device} overwritten by "
                        f"{user}@{device} (base {base.get(name)!r})"
                    )
            state.values[name] = value
            self.writers[(m.entity, m.row_id, name)] = Writer(user, device, state.version + 1)
            self.writes.append(Write(user, device, m.entity, m.row_id, name, value))
            changed = True
        for name, source in derived.items():
            if (
                name in m.patch
                and source in m.patch
                and same(state.values[source], m.patch[source])
            ):
                # The key follows its field: written with it, kept with it.
                state.values[name] = m.patch[name]
                self.writes.append(Write(user, device, m.entity, m.row_id, name, m.patch[name]))
        if changed:
            state.version += 1

    def _deleted(self, user: str, device: str, m: p.Mutation, state: RowState) -> None:
        self._may_write(user, m.entity, state.owner)
        if state.deleted:
            return
        if state.version != m.base_version:
            for (entity, row_id, name), writer in self.writers.items():
                if (entity, row_id) != (m.entity, m.row_id) or name not in PATCHABLE:
                    continue
                if writer.version > m.base_version and writer.device != device:
                    lost = str(state.values.get(name))
                    self.owed[(writer.user, "deleted_after_update", m.row_id, name, lost)] = (
                        f"{name} by {writer.user}@{writer.device} (v{writer.version}) "
                        f"swept by a delete from {user}@{device} based on v{m.base_version}"
                    )
        state.deleted = True
        state.version += 1
        self.writes.append(Write(user, device, m.entity, m.row_id, "deleted", True))

    def _check_signoffs(self, signed: list[p.Mutation]) -> None:
        """A sign-off signs what the supervisor saw: the hash and version it carried."""
        if not signed:
            return
        with self.engine.connect() as conn:
            for m in signed:
                last = conn.execute(
                    select(report_signoffs.c.content_hash, report_signoffs.c.version)
                    .where(report_signoffs.c.report_id == m.row_id)
                    .order_by(report_signoffs.c.id.desc())
                ).first()
                assert last is not None, ("a sign-off left no signed snapshot", m.row_id)
                assert (last[0], last[1]) == (m.patch["content_hash"], m.patch["version"]), (
                    "signed content differs from what the supervisor reviewed",
                    m.patch,
                    tuple(last),
                )

    # --- pulls -------------------------------------------------------------------------
    def check_page(self, user: str, since: int, page: p.PullResponse) -> None:
        """A page is exactly the user's rows and inbox entries of its seq window."""
        end = page.next_since
        assert end >= since, "a pull page moved the cursor back"
        # Nor past what is committed: a seq above the counter is not handed out yet, and
        # a cursor beyond it would skip the row that takes it.
        assert end <= self.counter(), ("a cursor ran past the committed counter", end)
        visible = self.scope[user]
        expected: set[tuple[str, str]] = set()
        with self.engine.connect() as conn:
            for entity, table in SYNCED.items():
                query = select(table.c.id).where(
                    table.c.server_seq > since, table.c.server_seq <= end
                )
                if entity not in REFERENCE_ENTITIES:
                    query = query.where(table.c.owner_id.in_(sorted(visible)))
                expected.update((entity, i) for i in conn.execute(query).scalars())
            expected.update(
                ("conflict", i)
                for i in conn.execute(
                    select(conflicts.c.id).where(
                        conflicts.c.user_id == user,
                        conflicts.c.server_seq > since,
                        conflicts.c.server_seq <= end,
                    )
                ).scalars()
            )
        got = {(op.entity, op.id) for op in page.ops if op.op != "purge"}
        assert got == expected, (
            f"page ({since}, {end}] for {user}: extra {sorted(got - expected)[:4]}, "
            f"missing {sorted(expected - got)[:4]}"
        )
        for op in page.ops:
            assert since < op.seq <= end, ("an op outside its page's window", op.seq, since, end)
        self.pages_checked += 1


FAULT_KINDS = (
    "drop_request",  # the request never reaches the server
    "drop_response",  # the server committed, the answer is lost: the sync fails
    "lose_answer",  # the server committed, the connection breaks: the transport retries
    "duplicate",  # the request arrives twice
    "truncate",  # the answer's body is cut short
    "reorder",  # a push answer's results come in another order (half of them do anyway)
    "replay_old",  # an earlier push of this laptop arrives again, its mutations reordered
    "user_edit",  # the user edits a row of the page being pulled, as the page arrives
)


class FaultyClient:
    """An httpx-like client between a laptop and the server app that injects the faults
    of FAULT_KINDS, one per request from `plan`, and feeds the oracle."""

    def __init__(self, inner: Any, user: str, log: ServerLog) -> None:
        self.inner = inner
        self.user = user  # the user id, as the oracle knows users
        self.log = log
        self.plan: list[str] = []
        self.rng = random.Random(0)
        # The user at work while the sync runs: called with a pulled page's ops.
        self.user_edit: Callable[[list[p.PullOp]], None] | None = None
        self.old_pushes: list[tuple[bytes, dict[str, str]]] = []

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        fault = self.plan.pop(0) if self.plan else "ok"
        if fault == "drop_request":
            raise httpx.ConnectError("dropped by the simulation")
        if bp.UPLOADS_PREFIX in url:
            return self._blob_request(fault, method, url, **kwargs)
        is_push = url.endswith(p.PUSH_PATH)
        is_pull = url.endswith(p.PULL_PATH)
        if is_push and fault == "replay_old" and self.old_pushes:
            self._replay(*self.rng.choice(self.old_pushes), reorder=True)
        if is_push:
            request = p.PushRequest.model_validate_json(kwargs["content"])
            before = self.log.before_push(request)
        response = self.inner.request(method, url, **kwargs)
        if is_push and response.status_code == 200:
            answer = p.PushResponse.model_validate_json(response.content)
            self.log.observe(self.user, request.device_id, request, answer, before)
            self.old_pushes.append((kwargs["content"], dict(kwargs["headers"])))
            if fault == "duplicate":
                self._replay(kwargs["content"], kwargs["headers"], reorder=False)
        if is_pull and response.status_code == 200:
            page = p.PullResponse.model_validate_json(response.content)
            self.log.check_page(self.user, int(kwargs["params"]["since"]), page)
            if fault == "user_edit" and self.user_edit is not None:
                self.user_edit(page.ops)
            if fault == "duplicate":  # the same page fetched twice is the same page
                again = self.inner.request(method, url, **kwargs)
                assert again.status_code == 200
                assert p.PullResponse.model_validate_json(again.content) == page
        if fault == "drop_response":
            raise httpx.ReadTimeout("response lost by the simulation")
        if fault == "lose_answer":
            raise httpx.ReadError("connection reset after the server answered")
        if fault == "truncate" and response.status_code == 200:
            cut = self.rng.randrange(0, max(1, len(response.content)))
            return _answer(response, response.content[:cut])
        if fault == "reverse" and is_push and response.status_code == 200:
            # Not drawn at random: a rule asks for it, so that no result lands on the
            # position of its own mutation (with three or more, the middle one aside).
            body = json.loads(response.content)
            body["results"].reverse()
            return _answer(response, json.dumps(body).encode())
        # Results are matched by mutation id, never by position: half the answers come
        # back shuffled, whatever the fault.
        shuffle = fault == "reorder" or self.rng.random() < 0.5
        if shuffle and is_push and response.status_code == 200:
            body = json.loads(response.content)
            self.rng.shuffle(body["results"])
            return _answer(response, json.dumps(body).encode())
        return response

    # --- blobs (attachments' bytes: sync/blob_protocol.py) --------------------------------
    def _blob_request(self, fault: str, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """An upload request under the same faults; `kill_upload` is the laptop dying
        mid-upload: the server gets the first part of the body, the laptop gets Killed."""
        kwargs.pop("timeout", None)  # the test client has none
        if fault == "kill_upload" and method != "PATCH":
            self.plan.insert(0, fault)  # the death comes with the upload itself
            fault = "ok"
        if method == "PATCH":
            body = b"".join(kwargs.pop("content"))
            headers = dict(kwargs.pop("headers"))
            if fault == "kill_upload":
                cut = self.rng.randrange(0, len(body) + 1)
                headers["Content-Length"] = str(cut)
                self.inner.request(method, url, headers=headers, content=body[:cut], **kwargs)
                self.log.blob_kills += 1
                raise Killed()
            response = self.inner.request(method, url, headers=headers, content=body, **kwargs)
            if fault == "duplicate":  # the same chunk again: refused at its offset, or done
                again = self.inner.request(method, url, headers=headers, content=body, **kwargs)
                assert again.status_code in (200, 409), again.text
        else:
            response = self.inner.request(method, url, **kwargs)
        if fault == "drop_response":
            raise httpx.ReadTimeout("response lost by the simulation")
        if fault == "lose_answer":
            raise httpx.ReadError("connection reset after the server answered")
        if fault == "truncate" and response.status_code < 300:
            cut = self.rng.randrange(0, max(1, len(response.content)))
            return _answer(response, response.content[:cut])
        return response

    @contextlib.contextmanager
    def stream(self, method: str, url: str, **kwargs: Any) -> Iterator[httpx.Response]:
        """A blob download under the same faults; `truncate` and `kill_upload` break the
        body off partway (the laptop keeps a partial file and resumes with Range)."""
        fault = self.plan.pop(0) if self.plan else "ok"
        if fault == "drop_request":
            raise httpx.ConnectError("dropped by the simulation")
        kwargs.pop("timeout", None)
        response = self.inner.request(method, url, **kwargs)
        if fault in ("drop_response", "lose_answer"):
            raise httpx.ReadError("connection reset while the blob arrived")
        content = response.content
        cut = len(content)
        if fault in ("truncate", "kill_upload") and response.status_code < 300:
            cut = self.rng.randrange(0, len(content) + 1)
        if fault == "kill_upload" and cut < len(content):
            self.log.blob_kills += 1  # the laptop dies mid-download
        yield httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_BrokenOff(content, cut, killed=fault == "kill_upload"),
            request=response.request,
        )

    def _replay(self, content: bytes, headers: dict[str, str], *, reorder: bool) -> None:
        """Send an already-answered push again: nothing may change on the server."""
        if reorder:
            body = json.loads(content)
            self.rng.shuffle(body["mutations"])
            content = json.dumps(body).encode()
        before = self.log.counter()
        again = self.inner.request(
            "POST", "http://testserver" + p.PUSH_PATH, content=content, headers=headers
        )
        assert again.status_code == 200, again.text
        results = p.PushResponse.model_validate_json(again.content).results
        assert all(r.status == "duplicate" for r in results), results
        assert self.log.counter() == before, "a replayed push changed the server"
        self.log.replays_checked += 1

    def close(self) -> None:
        self.inner.close()


class _BrokenOff(httpx.SyncByteStream):
    """A body that stops after `cut` bytes with a network error (all of it if whole)."""

    def __init__(self, content: bytes, cut: int, *, killed: bool = False) -> None:
        self.content = content
        self.cut = cut
        self.killed = killed

    def __iter__(self) -> Iterator[bytes]:
        yield self.content[: self.cut]
        if self.cut < len(self.content):
            if self.killed:
                raise Killed()
            raise httpx.ReadError("the blob broke off midway")


def _answer(response: httpx.Response, content: bytes) -> httpx.Response:
    return httpx.Response(
        response.status_code,
        headers={"content-type": "application/json"},
        content=content,
        request=response.request,
    )

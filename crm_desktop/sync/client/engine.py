"""The laptop's sync engine: login, handshake, push, pull, reset, checksum.

No Qt here: progress goes to a callback and cancel is a callable polled between batches
and pages. Every step leaves the store consistent, so a cancel or a crash at any point
is resumed by the next sync.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import func, select, text, update

from crm_desktop import __version__
from crm_desktop.domain.ids import uuid7
from crm_desktop.store.base import utcnow
from crm_desktop.store.database import Store
from crm_desktop.store.erase import erase_local_data
from crm_desktop.sync import protocol as p
from crm_desktop.sync.client import blob_gc, local
from crm_desktop.sync.client.apply import apply_page
from crm_desktop.sync.client.errors import (
    Cancelled,
    CursorGone,
    DeviceRevoked,
    ServerRefused,
    UserMismatch,
)
from crm_desktop.sync.client.push import PushTally, next_batch, settle
from crm_desktop.sync.client.reset import checksum_matches, wipe_server_rows
from crm_desktop.sync.client.transport import Transport

Progress = Callable[[str, int, int | None], None]
# A push the server refuses whole: malformed (400, 422) or too large (413).
REFUSED_WHOLE = (400, 413, 422)
# Single entries refused whole in one sync before the push gives up: beyond a few, the
# request, not an entry, is what the server refuses.
MAX_REFUSED_ALONE = 3
VERIFIED_AT = "last_verified_at"
VERIFY_EVERY = dt.timedelta(hours=24)


@dataclass
class SyncReport:
    """What one sync did, for the status bar and the command line."""

    pushed: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    reset: bool = False
    drift: bool = False
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)


class SyncEngine:
    def __init__(
        self,
        store: Store,
        transport: Transport,
        *,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
        page_limit: int = p.DEFAULT_PULL_LIMIT,
        batch_size: int = p.MAX_PUSH_MUTATIONS,
    ) -> None:
        self.store = store
        self.transport = transport
        self.progress = progress or (lambda _phase, _done, _total: None)
        self.cancel = cancel or (lambda: False)
        self.page_limit = page_limit
        self.batch_size = batch_size
        # Tests set this to kill the client between a page's apply and its cursor write.
        self.before_cursor: Callable[[], None] | None = None
        meta = local.read_meta(store)
        self.transport.token = meta.get(local.TOKEN)

    def _check_cancel(self) -> None:
        if self.cancel():
            raise Cancelled()

    # --- sign-in -----------------------------------------------------------------------
    def login(self, username: str, password: str) -> p.LoginResponse:
        """Sign in; the laptop then belongs to this user (see `adopt_user`)."""
        answer = self.transport.call(
            "POST",
            p.LOGIN_PATH,
            p.LoginResponse,
            body=p.LoginRequest(username=username, password=password),
        )
        adopt_user(self.store, answer.user_id)
        local.write_meta(
            self.store,
            {
                local.TOKEN: answer.token,
                local.TOKEN_EXPIRES: answer.expires_at,
                local.USERNAME: username,
                local.ROLE: answer.role,
                local.SERVER_URL: self.transport.base_url,
            },
        )
        self.transport.token = answer.token
        return answer

    def handshake(self) -> p.HandshakeResponse:
        local.claim_identity(self.store)
        meta = local.read_meta(self.store)
        device_id = meta.get(local.DEVICE_ID) or uuid7()
        answer = self.transport.call(
            "POST",
            p.HANDSHAKE_PATH,
            p.HandshakeResponse,
            body=p.HandshakeRequest(
                device_id=device_id, client_schema=p.CLIENT_SCHEMA, app_version=__version__
            ),
        )
        updates: dict[str, str | None] = {
            local.DEVICE_ID: device_id,
            local.EPOCH: answer.epoch,
            local.REVOKED: None,  # the server took this laptop back
        }
        if meta.get(local.EPOCH) not in (None, answer.epoch):
            # A recreated server database: what this laptop holds of the old one is void.
            self.reset()
        with local.applying(self.store) as conn:
            for key, value in updates.items():
                local.set_meta(conn, key, value)
            # Never hand out an id the server has already answered for this device (a
            # store put back from an older copy would otherwise start below it).
            local.reserve_mutation_ids(conn, answer.last_mutation_id)
        return answer

    # --- sync --------------------------------------------------------------------------
    def sync(self, *, verify: bool | None = None) -> SyncReport:
        """Handshake, push everything, pull everything; reset on 410 or drift.

        The checksum drift check runs when `verify` is True, or (None) when this sync
        pulled something or the last check is a day old, so a no-op sync stays cheap.
        """
        if local.read_meta(self.store).get(local.REVOKED) and not self.transport.token:
            raise DeviceRevoked()  # signed out by the revocation; a new login may try again
        try:
            return self._sync(verify)
        except DeviceRevoked as revoked:
            self._revoked(revoked.wipe)
            raise

    def _revoked(self, wipe: bool) -> None:
        """An admin revoked this laptop: drop the token so nothing syncs on it, and with
        `wipe` erase every record first (a lost laptop)."""
        if wipe:
            erase_local_data(self.store)
        local.write_meta(
            self.store, {local.TOKEN: None, local.TOKEN_EXPIRES: None, local.REVOKED: "1"}
        )
        self.transport.token = None

    def _sync(self, verify: bool | None) -> SyncReport:
        started = time.perf_counter()
        report = SyncReport()
        self.handshake()
        self.push(report)
        try:
            self.pull(report)
        except CursorGone:
            self.reset()
            report.reset = True
            self.pull(report)
        if verify is None:
            verify = report.pulled > 0 or self._verify_due()
        if verify:
            local.write_meta(self.store, {VERIFIED_AT: utcnow().isoformat()})
        if verify and not checksum_matches(self.store, self.transport):
            report.drift = True
            self.reset()
            report.reset = True
            self.pull(report)
        local.write_meta(self.store, {local.LAST_SYNC: utcnow().isoformat()})
        report.seconds = time.perf_counter() - started
        return report

    def _verify_due(self) -> bool:
        last = local.read_meta(self.store).get(VERIFIED_AT)
        return last is None or utcnow() - dt.datetime.fromisoformat(last) > VERIFY_EVERY

    def push(self, report: SyncReport) -> None:
        """Send the outbox, each entry once; no entry holds back the ones behind it.

        A request the server refuses whole (an entry it cannot even read, e.g. a text
        with a NUL) is narrowed down by halving the batch; the entry found stays in the
        outbox with the server's reason, and the push goes on after it.
        """
        device_id = local.read_meta(self.store)[local.DEVICE_ID]
        tally = PushTally()
        total = self.pending()
        sent = 0  # each entry goes out once per sync; one left unsettled waits for the next
        limit, refused_alone = self.batch_size, 0
        while True:
            self._check_cancel()
            with self.store.engine.connect() as conn:
                batch = next_batch(conn, limit, after=sent)
                sender, batch = _sender(local.inherited(conn), device_id, batch)
            if not batch:
                break
            try:
                answer = self.transport.call(
                    "POST",
                    p.PUSH_PATH,
                    p.PushResponse,
                    body=p.PushRequest(device_id=sender, mutations=batch),
                )
            except (DeviceRevoked, ServerRefused) as error:
                if sender != device_id and (
                    isinstance(error, DeviceRevoked) or error.status in (403, 409)
                ):
                    # The old identity is gone (revoked, or from another server): what it
                    # queued can no longer be matched there and goes out under this one.
                    self._give_up_inherited(sender)
                    sent = 0
                    continue
                if not isinstance(error, ServerRefused) or error.status not in REFUSED_WHOLE:
                    raise
                if len(batch) > 1:
                    limit = max(1, len(batch) // 2)
                    continue
                refused_alone += 1
                if refused_alone > MAX_REFUSED_ALONE:
                    raise  # not one entry's fault: the server refuses every request
                self._refused(batch[0], error, tally)
                sent, limit = batch[0].mutation_id, self.batch_size
                continue
            sent = batch[-1].mutation_id
            with local.applying(self.store) as conn:
                settle(conn, batch, answer.results, tally)
            self.progress("push", tally.applied + tally.conflicts + tally.rejected, total)
        with local.applying(self.store) as conn:
            local.forget_inherited(conn)
        report.pushed += tally.applied
        report.conflicts += tally.conflicts
        report.rejected += tally.rejected
        report.messages.extend(tally.messages)

    def _refused(self, mutation: p.Mutation, error: ServerRefused, tally: PushTally) -> None:
        """The server would not read this entry: it stays queued with the reason."""
        with local.applying(self.store) as conn:
            conn.execute(
                update(local.OUTBOX)
                .where(local.OUTBOX.c.mutation_id == mutation.mutation_id)
                .values(attempts=local.OUTBOX.c.attempts + 1, last_error=error.detail[:500])
            )
        tally.messages.append(f"{mutation.name} {mutation.entity}: not sent ({error.detail})")

    def _give_up_inherited(self, device: str) -> None:
        with local.applying(self.store) as conn:
            pairs = local.inherited(conn)
            keep = [(d, u) for d, u in pairs if d != device]
            local.set_meta(conn, local.INHERITED, json.dumps(keep) if keep else None)

    def _fetch(self, device_id: str, since: int) -> p.PullResponse:
        return self.transport.call(
            "GET",
            p.PULL_PATH,
            p.PullResponse,
            params={"device_id": device_id, "since": since, "limit": self.page_limit},
        )

    def pull(self, report: SyncReport) -> None:
        """Pull pages until the feed is drained, each applied with its cursor.

        The next page is fetched while the current one is applied (one helper thread),
        so the server's work and the laptop's overlap; pages are still applied one after
        another, in order.
        """
        meta = local.read_meta(self.store)
        device_id = meta[local.DEVICE_ID]
        since = int(meta.get(local.CURSOR, "0"))
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-fetch") as pool:
            pending: Future[p.PullResponse] = pool.submit(self._fetch, device_id, since)
            while True:
                self._check_cancel()
                page = pending.result()
                if page.has_more:
                    pending = pool.submit(self._fetch, device_id, page.next_since)
                self._apply(page, since)
                report.pulled += len(page.ops)
                since = page.next_since
                self.progress("pull", report.pulled, None)
                if not page.has_more:
                    return

    def _apply(self, page: p.PullResponse, since: int) -> None:
        gone = [o.id for o in page.ops if o.entity == "attachment" and o.op != "upsert"]
        with local.applying(self.store) as conn:
            # Guard against a cursor that moved (another sync) since we read it.
            current = int(local.get_meta(conn, local.CURSOR) or "0")
            if current != since:
                raise Cancelled()
            orphans = blob_gc.shas_of(conn, gone) if gone else set()
            apply_page(conn, page.ops, page.next_since, self.before_cursor)
        if orphans:  # purged or deleted attachments: their bytes go unless still named
            blob_gc.drop_unreferenced(self.store, orphans)

    def reset(self) -> None:
        """Forget everything the server sent; keep and later replay the outbox."""
        with local.applying(self.store) as conn:
            wipe_server_rows(conn)
            local.set_meta(conn, local.CURSOR, "0")

    def pending(self) -> int:
        with self.store.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(local.OUTBOX)).scalar_one())


def _sender(
    inherited: list[tuple[str, int]], device_id: str, batch: list[p.Mutation]
) -> tuple[str, list[p.Mutation]]:
    """The device a batch goes out under, and the batch cut to that device's entries:
    an entry queued under an earlier identity of the store goes out under it."""
    if not batch:
        return device_id, batch
    first = batch[0].mutation_id
    for device, upto in inherited:
        if first <= upto:
            return device, [m for m in batch if m.mutation_id <= upto]
    return device_id, batch


def adopt_user(store: Store, user_id: str) -> None:
    """Make `user_id` the laptop's user after a login.

    A stand-in local user (used before any server existed) hands its records over; a
    different real user may take the laptop only when nothing of the previous one is
    waiting to be sent.
    """
    with local.applying(store) as conn:
        previous = local.get_meta(conn, local.USER_ID)
        if previous not in (None, user_id):
            stand_in = conn.execute(
                text("SELECT 1 FROM users WHERE id = :id AND version = 0"), {"id": previous}
            ).first()
            pending = conn.execute(select(func.count()).select_from(local.OUTBOX)).scalar_one()
            if stand_in is None and pending:
                raise UserMismatch()
            if stand_in is not None:
                _hand_over(conn, previous, user_id)
            else:
                wipe_server_rows(conn)
                local.set_meta(conn, local.CURSOR, "0")
                local.set_meta(conn, local.DEVICE_ID, None)
        local.set_meta(conn, local.USER_ID, user_id)


def _hand_over(conn: object, stand_in: str | None, user_id: str) -> None:
    from sqlalchemy import Connection

    from crm_desktop.sync.entities import ENTITY_TABLES

    assert isinstance(conn, Connection) and stand_in is not None
    for table in ENTITY_TABLES.values():
        conn.execute(
            text(f"UPDATE {table.name} SET owner_id = :new WHERE owner_id = :old"),
            {"new": user_id, "old": stand_in},
        )
    conn.execute(text("DELETE FROM users WHERE id = :id AND version = 0"), {"id": stand_in})

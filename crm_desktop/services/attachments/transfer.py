"""The background blob transfer: attachment bytes up and down, apart from the row sync.

Run on a worker thread after a sync (`AttachmentService.transfer_now`). It first
reconciles the laptop-only queue `blob_transfers` with the rows: an upload no live row
needs any more is dropped, a live row whose bytes are not here gets a download. Then
each upload asks the server how far it has the blob and sends the rest (a laptop killed
mid-upload resumes there), each download resumes its partial file with a Range request;
every blob is checked against its SHA-256 at the far end before it counts. A failed
blob is tried again with backoff, then left queued for the next run; a blob whose row
has not reached the server yet waits for the next sync. Memory stays constant: files
stream in 1 MB chunks.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import delete, select, update

from crm_desktop.domain.errors import ValidationError
from crm_desktop.store.blobs import BlobCorrupt, BlobFolder, file_sha256
from crm_desktop.store.database import Store
from crm_desktop.store.errors import user_errors
from crm_desktop.store.models import Attachment, BlobTransfer
from crm_desktop.sync import blob_protocol as bp
from crm_desktop.sync.client import blob_gc, local
from crm_desktop.sync.client.blobs import BlobClient, BlobRefused, Uploaded
from crm_desktop.sync.client.errors import Offline
from crm_desktop.sync.client.transport import Transport

log = logging.getLogger(__name__)
UP, DOWN = "up", "down"
# Pauses between the tries of one blob within a run (seconds).
BACKOFF = (0.5, 2.0, 5.0)
Progress = Callable[[int, int], None]  # (bytes moved, bytes to move)
PARALLEL = 3  # blobs in flight at once
SETTLE_EVERY = 16  # finished blobs whose queue entries leave in one transaction


@dataclass
class TransferReport:
    uploaded: int = 0
    downloaded: int = 0
    bytes_moved: int = 0
    waiting: int = 0  # rows not on the server yet, or bytes the uploader has not sent
    failed: int = 0
    messages: list[str] = field(default_factory=list)


class BlobTransferService:
    def __init__(
        self,
        store: Store,
        *,
        client_factory: Callable[[], httpx.Client] | None = None,
        backoff: Sequence[float] = BACKOFF,
        parallel: int = PARALLEL,
    ) -> None:
        self._store = store
        self._client_factory = client_factory or (lambda: httpx.Client(timeout=None))
        self.backoff = tuple(backoff)
        self.blobs = BlobFolder.beside(store.path)
        self.parallel = parallel
        self._settled: list[tuple[str, str]] = []
        self._settled_lock = threading.Lock()
        # Tests set this to stop the laptop mid-upload (like a killed process).
        self.wrap_transport: Callable[[Transport], Transport] | None = None

    # --- the queue ---------------------------------------------------------------------
    def reconcile(self) -> None:
        """Bring the queue in line with the rows and the blob folder."""
        with user_errors(), self._store.write_sessions() as s, s.begin():
            live = dict(
                s.execute(
                    select(Attachment.sha256, Attachment.size_bytes)
                    .where(Attachment.deleted.is_(False))
                    .distinct()
                ).all()
            )
            named = set(s.scalars(select(Attachment.sha256).distinct()))
            queued = {(r.sha256, r.direction) for r in s.scalars(select(BlobTransfer))}
            for sha, direction in queued:
                # An upload stays owed while its row is only gone from this laptop (a
                # handover away: the server still wants the bytes); removed, it is not.
                unneeded = sha not in live and (direction == DOWN or sha in named)
                if unneeded or (direction == DOWN and self.blobs.has(sha)):
                    s.execute(
                        delete(BlobTransfer).where(
                            BlobTransfer.sha256 == sha, BlobTransfer.direction == direction
                        )
                    )
            for sha, size in live.items():
                if (sha, UP) in queued or (sha, DOWN) in queued or self.blobs.has(sha):
                    continue
                s.add(BlobTransfer(sha256=sha, direction=DOWN, size_bytes=size))

    def _queue(self, direction: str) -> list[tuple[str, int]]:
        with self._store.reading() as s:
            rows = s.execute(
                select(BlobTransfer.sha256, BlobTransfer.size_bytes)
                .where(BlobTransfer.direction == direction)
                .order_by(BlobTransfer.created_at, BlobTransfer.sha256)
            ).all()
        return [(r[0], int(r[1])) for r in rows]

    def _done(self, sha: str, direction: str) -> None:
        """The blob is where it belongs: its entry leaves the queue (in batches; one
        left behind by a crash is found complete on the server next time)."""
        with self._settled_lock:
            self._settled.append((sha, direction))
            due = len(self._settled) >= SETTLE_EVERY
        if due:
            self._settle()

    def _settle(self) -> None:
        with self._settled_lock:
            settled, self._settled = self._settled, []
        if not settled:
            return
        # Downloads are checked already; here they become durable and take their place.
        self.blobs.settle_partials([sha for sha, direction in settled if direction == DOWN])
        with user_errors(), self._store.write_sessions() as s, s.begin():
            for sha, direction in settled:
                s.execute(
                    delete(BlobTransfer).where(
                        BlobTransfer.sha256 == sha, BlobTransfer.direction == direction
                    )
                )

    def _note(self, sha: str, direction: str, error: str, *, missing: bool = False) -> None:
        with user_errors(), self._store.write_sessions() as s, s.begin():
            s.execute(
                update(BlobTransfer)
                .where(BlobTransfer.sha256 == sha, BlobTransfer.direction == direction)
                .values(
                    attempts=BlobTransfer.attempts + 1, last_error=error[:500], missing=int(missing)
                )
            )

    def _orphan(self, sha: str) -> bool:
        """No row on this laptop names the blob any more (its row left, and the server
        has no row of ours naming it either: its create was refused)."""
        with self._store.reading() as s:
            return s.scalar(select(Attachment.id).where(Attachment.sha256 == sha)) is None

    # --- a run -------------------------------------------------------------------------
    def run(
        self, *, progress: Progress | None = None, cancel: Callable[[], bool] | None = None
    ) -> TransferReport:
        meta = local.read_meta(self._store)
        url, token = meta.get(local.SERVER_URL), meta.get(local.TOKEN)
        if not url or not token:
            raise ValidationError(
                "尚未登录同步服务器，附件将在登录并同步后上传",
                "Not signed in to the sync server; attachments move after you sign in and sync",
            )
        self.reconcile()
        report = TransferReport()
        ups, downs = self._queue(UP), self._queue(DOWN)
        total = sum(size for _sha, size in ups + downs)
        stop = cancel or (lambda: False)
        transport = Transport(url, self._client_factory())
        transport.token = token
        if self.wrap_transport is not None:
            transport = self.wrap_transport(transport)
        client = BlobClient(transport)
        lock = threading.Lock()
        moved = [0]

        def one(direction: str, sha: str, size: int) -> None:
            if stop():
                return
            if self._one(client, direction, sha, report, stop):
                with lock:
                    moved[0] += size
                    report.bytes_moved += size
            if progress is not None:
                progress(moved[0], total)

        try:
            for direction, queue in ((UP, ups), (DOWN, downs)):
                # A few blobs in flight: one blob's fsyncs and round trips overlap the
                # next one's bytes (sequential, the transfer ran at a third of a plain
                # HTTP copy on loopback; bench/attachments_bench.py).
                with ThreadPoolExecutor(self.parallel, thread_name_prefix="blobs") as pool:
                    for done in [pool.submit(one, direction, sha, size) for sha, size in queue]:
                        done.result()
                self._settle()
        finally:
            self._settle()
            transport.close()
        blob_gc.drop_unreferenced(self._store)
        return report

    def _one(
        self,
        client: BlobClient,
        direction: str,
        sha: str,
        report: TransferReport,
        stop: Callable[[], bool],
    ) -> bool:
        """Move one blob, with retries; True when it is where it belongs."""
        last: Exception | None = None
        for attempt in range(len(self.backoff) + 1):
            if attempt:
                _pause(self.backoff[attempt - 1], stop)
                if stop():
                    return False
            try:
                if direction == UP:
                    return self._upload(client, sha, report, attempt)
                return self._download(client, sha, report)
            except BlobRefused as refused:
                if refused.code == bp.NOT_REFERENCED and direction == UP and self._orphan(sha):
                    self._done(sha, UP)  # refused, or removed: no row wants these bytes
                    return False
                if refused.code == bp.NOT_REFERENCED or refused.code == bp.NOT_UPLOADED:
                    report.waiting += 1  # the row, or the bytes, reach the server later
                    self._note(sha, direction, refused.code, missing=direction == DOWN)
                    return False
                last = refused  # busy, offset moved, checksum: ask again
            except (Offline, BlobCorrupt, httpx.HTTPError) as error:
                last = error
        report.failed += 1
        message = f"{sha[:12]}: {last}"
        report.messages.append(message)
        self._note(sha, direction, message)
        if isinstance(last, Offline):
            raise last  # the server is out of reach: the rest would fail alike
        return False

    def _first_try(self, client: BlobClient, sha: str, path: Path) -> Uploaded | None:
        """Send the whole file at once, without asking first (one round trip instead of
        two for the common case). A server holding part of it (a laptop killed
        mid-upload) refuses with its offset, and the rest is sent from there."""
        try:
            return client.upload(sha, path, 0)
        except BlobRefused as refused:
            if refused.code != bp.OFFSET_MISMATCH or refused.offset is None:
                raise
            return Uploaded(refused.offset, refused.complete)

    def _upload(
        self, client: BlobClient, sha: str, report: TransferReport, attempt: int = 0
    ) -> bool:
        path = self.blobs.path(sha)
        if not path.is_file():
            self._note(sha, UP, "the file is gone from this laptop")
            report.failed += 1
            return False
        state = self._first_try(client, sha, path) if attempt == 0 else None
        if state is None:
            state = client.upload_state(sha)
        if not state.complete:
            try:
                state = client.upload(sha, path, state.offset)
            except BlobRefused as refused:
                if refused.code == bp.CHECKSUM_MISMATCH and file_sha256(path) != sha:
                    # The laptop's own copy is damaged: nothing good to send.
                    log.error("blob %s is damaged on this laptop", sha)
                raise
        if not state.complete:
            raise BlobCorruptOrShort(f"{sha}: the server has {state.offset} bytes")
        self._done(sha, UP)
        report.uploaded += 1
        return True

    def _download(self, client: BlobClient, sha: str, report: TransferReport) -> bool:
        if not self.blobs.has(sha):
            client.download(sha, self.blobs, settle=False)
            report.downloaded += 1
        self._done(sha, DOWN)
        return True


class BlobCorruptOrShort(BlobCorrupt):
    """An upload that ended before its last byte (the connection broke): resume."""


def _pause(seconds: float, stop: Callable[[], bool]) -> None:
    """Wait between tries, waking early to honour a cancel."""
    deadline = time.monotonic() + seconds
    event = threading.Event()
    while not stop() and (left := deadline - time.monotonic()) > 0:
        event.wait(min(left, 0.1))

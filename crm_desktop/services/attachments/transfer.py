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
from dataclasses import dataclass, field

import httpx
from sqlalchemy import delete, select, update

from crm_desktop.domain.errors import ValidationError
from crm_desktop.store.blobs import BlobCorrupt, BlobFolder, file_sha256
from crm_desktop.store.database import Store
from crm_desktop.store.errors import user_errors
from crm_desktop.store.models import Attachment, BlobTransfer
from crm_desktop.sync import blob_protocol as bp
from crm_desktop.sync.client import blob_gc, local
from crm_desktop.sync.client.blobs import BlobClient, BlobRefused
from crm_desktop.sync.client.errors import Offline
from crm_desktop.sync.client.transport import Transport

log = logging.getLogger(__name__)
UP, DOWN = "up", "down"
# Pauses between the tries of one blob within a run (seconds).
BACKOFF = (0.5, 2.0, 5.0)
Progress = Callable[[int, int], None]  # (bytes moved, bytes to move)


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
    ) -> None:
        self._store = store
        self._client_factory = client_factory or (lambda: httpx.Client(timeout=None))
        self.backoff = tuple(backoff)
        self.blobs = BlobFolder.beside(store.path)
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
            queued = {(r.sha256, r.direction) for r in s.scalars(select(BlobTransfer))}
            for sha, direction in queued:
                if sha not in live or (direction == DOWN and self.blobs.has(sha)):
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
        with user_errors(), self._store.write_sessions() as s, s.begin():
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
        moved = 0
        stop = cancel or (lambda: False)
        transport = Transport(url, self._client_factory())
        transport.token = token
        if self.wrap_transport is not None:
            transport = self.wrap_transport(transport)
        client = BlobClient(transport)
        try:
            for direction, queue in ((UP, ups), (DOWN, downs)):
                for sha, size in queue:
                    if stop():
                        return report
                    if self._one(client, direction, sha, report, stop):
                        moved += size
                        report.bytes_moved += size
                    if progress is not None:
                        progress(moved, total)
        finally:
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
                    return self._upload(client, sha, report)
                return self._download(client, sha, report)
            except BlobRefused as refused:
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

    def _upload(self, client: BlobClient, sha: str, report: TransferReport) -> bool:
        path = self.blobs.path(sha)
        if not path.is_file():
            self._note(sha, UP, "the file is gone from this laptop")
            report.failed += 1
            return False
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
            client.download(sha, self.blobs)
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

"""The server's blob store: attachment bytes by SHA-256, kept apart from the database.

`BlobStore` is where finished blobs live: `DiskBlobStore` (a folder, the default:
`<server data folder>/blobs`, or `CRM_BLOB_DIR`) or `S3BlobStore` (S3-compatible object
storage, `CRM_BLOB_S3_BUCKET` with `CRM_BLOB_S3_ENDPOINT` / `CRM_BLOB_S3_PREFIX`; boto3 from
the optional `s3` extra; credentials the usual AWS way). Uploads in progress always sit
on the server's own disk (`Uploads`): appended chunk by chunk at the offset the laptop
resumes from, hashed when complete, and handed to the store only if the hash is the name.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from crm_desktop.config.atomic_file import fsync_folder
from crm_desktop.domain.attachments import SHA256_HEX, blob_relative_path, check_sha256

BLOB_DIR_ENV = "CRM_BLOB_DIR"
S3_BUCKET_ENV = "CRM_BLOB_S3_BUCKET"
S3_ENDPOINT_ENV = "CRM_BLOB_S3_ENDPOINT"
S3_PREFIX_ENV = "CRM_BLOB_S3_PREFIX"
CHUNK = 1024 * 1024


class BlobStore(Protocol):
    def size(self, sha256: str) -> int | None:
        """The stored blob's size, None when it is not stored."""

    def put_file(self, sha256: str, path: Path) -> None:
        """Take a verified file (moved or copied; `path` is gone afterwards)."""

    def local_path(self, sha256: str) -> Path | None:
        """A file to serve directly (the disk store), else None."""

    def read(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        """Bytes start..end (inclusive) of a stored blob, in chunks."""

    def delete(self, sha256: str) -> None: ...

    def names(self) -> Iterator[str]:
        """Every stored blob's SHA-256."""


class DiskBlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha256: str) -> Path:
        return self.root / blob_relative_path(sha256)

    def size(self, sha256: str) -> int | None:
        try:
            return self._path(sha256).stat().st_size
        except FileNotFoundError:
            return None

    def put_file(self, sha256: str, path: Path) -> None:
        target = self._path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        fsync_folder(target.parent)

    def local_path(self, sha256: str) -> Path | None:
        return self._path(sha256)

    def read(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        with self._path(sha256).open("rb") as handle:
            handle.seek(start)
            left = end - start + 1
            while left > 0 and (chunk := handle.read(min(CHUNK, left))):
                left -= len(chunk)
                yield chunk

    def delete(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(sha256).unlink()

    def names(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for path in self.root.glob("??/??/*"):
            if SHA256_HEX.match(path.name):
                yield path.name


class S3BlobStore:
    """Blobs as objects `<prefix><sha256>` in one bucket of S3-compatible storage."""

    def __init__(self, bucket: str, *, endpoint_url: str | None = None, prefix: str = "") -> None:
        try:
            import boto3
        except ImportError as error:  # pragma: no cover - depends on the install
            raise RuntimeError(
                "S3 blob storage needs boto3: pip install 'crm-desktop[s3]'"
            ) from error
        self.bucket = bucket
        self.prefix = prefix
        self.client: Any = boto3.client("s3", endpoint_url=endpoint_url)

    def _key(self, sha256: str) -> str:
        return self.prefix + check_sha256(sha256)

    def size(self, sha256: str) -> int | None:
        from botocore.exceptions import ClientError

        try:
            answer = self.client.head_object(Bucket=self.bucket, Key=self._key(sha256))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
        return int(answer["ContentLength"])

    def put_file(self, sha256: str, path: Path) -> None:
        self.client.upload_file(str(path), self.bucket, self._key(sha256))
        path.unlink(missing_ok=True)

    def local_path(self, sha256: str) -> Path | None:
        return None

    def read(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        answer = self.client.get_object(
            Bucket=self.bucket, Key=self._key(sha256), Range=f"bytes={start}-{end}"
        )
        body = answer["Body"]
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()

    def delete(self, sha256: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(sha256))

    def names(self) -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        for page in pages:
            for item in page.get("Contents", []):
                name = str(item["Key"])[len(self.prefix) :]
                if SHA256_HEX.match(name):
                    yield name


class ChecksumMismatch(Exception):
    """A finished upload does not hash to its name: the partial file is dropped."""


class UploadBusy(Exception):
    """Another request is writing this upload now; try again shortly."""


class OffsetMismatch(Exception):
    def __init__(self, offset: int) -> None:
        super().__init__(f"upload is at {offset}")
        self.offset = offset


@dataclass
class UploadStatus:
    offset: int
    complete: bool


class Uploads:
    """Resumable uploads on the server's disk (`<staging>/<sha256>.part`).

    One writer per blob at a time (a lock per name in this process, and an OS lock on
    the file across workers); a chunk is appended only at the exact offset the file has
    reached, so a retried or duplicated request can never write a byte twice.
    """

    def __init__(self, staging: Path, store: BlobStore) -> None:
        self.staging = staging
        self.store = store
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._writing: dict[int, threading.Lock] = {}

    def _part(self, sha256: str) -> Path:
        return self.staging / f"{check_sha256(sha256)}.part"

    def _lock(self, sha256: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(sha256, threading.Lock())

    def status(self, sha256: str, total: int) -> UploadStatus:
        stored = self.store.size(sha256)
        if stored is not None:
            return UploadStatus(stored, True)
        try:
            offset = self._part(sha256).stat().st_size
        except FileNotFoundError:
            offset = 0
        return UploadStatus(min(offset, total), False)

    def begin(self, sha256: str, offset: int) -> BinaryIO:
        """A file to append the request's bytes to, positioned at `offset`
        (OffsetMismatch when the upload is elsewhere, UploadBusy when another request
        is writing it). Never waits: the caller may be the event loop."""
        self.staging.mkdir(parents=True, exist_ok=True)
        lock = self._lock(sha256)
        if not lock.acquire(blocking=False):
            raise UploadBusy(sha256)
        handle: BinaryIO | None = None
        try:
            handle = self._part(sha256).open("ab")
            if not _os_lock(handle):
                raise UploadBusy(sha256)
            current = handle.seek(0, os.SEEK_END)
            if current != offset or self.store.size(sha256) is not None:
                raise OffsetMismatch(current)
            self._writing[id(handle)] = lock
            return handle
        except BaseException:
            if handle is not None:
                handle.close()
            lock.release()
            raise

    def end(self, handle: BinaryIO) -> None:
        """Make what was written durable and let the next writer in. What arrived stays
        when the request broke off: the next attempt resumes after it."""
        lock = self._writing.pop(id(handle))
        try:
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            handle.close()
            lock.release()

    def finish(self, sha256: str, total: int, hashed: str | None = None) -> bool:
        """When the part file has all `total` bytes: verify and store it (True).
        ChecksumMismatch drops it; a file past `total` is dropped too. `hashed`: the
        digest of the whole file when one request sent all of it and hashed it on the
        way in (else the file is read back and hashed)."""
        lock = self._lock(sha256)
        if not lock.acquire(blocking=False):
            raise UploadBusy(sha256)
        try:
            return self._finish(sha256, total, hashed)
        finally:
            lock.release()

    def _finish(self, sha256: str, total: int, hashed: str | None) -> bool:
        part = self._part(sha256)
        try:
            size = part.stat().st_size
        except FileNotFoundError:
            return self.store.size(sha256) is not None
        if size < total:
            return False
        if size > total or (hashed or _file_sha256(part)) != sha256:
            part.unlink(missing_ok=True)
            raise ChecksumMismatch(sha256)
        self.store.put_file(sha256, part)
        return True


def _os_lock(handle: BinaryIO) -> bool:
    """An exclusive lock on the part file across worker processes (released on close);
    False when another process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the in-process lock only
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class BlobService:
    store: BlobStore
    uploads: Uploads

    @classmethod
    def on_disk(cls, root: Path) -> BlobService:
        store = DiskBlobStore(root)
        return cls(store, Uploads(root / "uploads", store))

    @classmethod
    def from_env(cls, data_dir: Path | None = None) -> BlobService:
        """S3 when `CRM_BLOB_S3_BUCKET` is set, else the folder `CRM_BLOB_DIR`, else
        `<server data folder>/blobs`. Nothing is created until the first upload."""
        from crm_desktop.sync.server.db import server_data_dir

        root = Path(os.environ.get(BLOB_DIR_ENV) or (data_dir or server_data_dir()) / "blobs")
        bucket = os.environ.get(S3_BUCKET_ENV)
        if not bucket:
            return cls.on_disk(root)
        store = S3BlobStore(
            bucket,
            endpoint_url=os.environ.get(S3_ENDPOINT_ENV) or None,
            prefix=os.environ.get(S3_PREFIX_ENV, ""),
        )
        return cls(store, Uploads(root / "uploads", store))


def sweep(engine: Any, blobs: BlobService) -> int:
    """Delete the stored blobs no attachment row names any more (live or tombstone: a
    tombstone still names its blob until the tombstone purge drops it). Run after
    `purge_tombstones`; returns the blobs deleted."""
    from sqlalchemy import select

    from crm_desktop.sync.server.schema import SYNCED

    table = SYNCED["attachment"]
    stored = set(blobs.store.names())
    if not stored:
        return 0
    with engine.connect() as conn:
        named = set(conn.execute(select(table.c.sha256).distinct()).scalars())
    gone = stored - named
    for sha in gone:
        blobs.store.delete(sha)
    return len(gone)


STALE_UPLOAD_DAYS = 30


def drop_stale_uploads(blobs: BlobService, now: float | None = None) -> int:
    """Partial uploads untouched for 30 days: their laptop is gone or gave up (a laptop
    coming back later starts that blob again from its first byte)."""
    import datetime as dt

    from crm_desktop.store.base import utcnow  # the server's clock is its machine's

    now = now if now is not None else utcnow().replace(tzinfo=dt.UTC).timestamp()
    cutoff = now - STALE_UPLOAD_DAYS * 86400
    dropped = 0
    for part in blobs.uploads.staging.glob("*.part"):
        with contextlib.suppress(FileNotFoundError):
            if part.stat().st_mtime < cutoff:
                part.unlink()
                dropped += 1
    return dropped

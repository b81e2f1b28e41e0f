"""The laptop's content-addressed blob folder: `<data folder>/blobs/ab/cd/<sha256>`.

A blob is written once, under its SHA-256, by a temporary file in `blobs/tmp/` that is
flushed to disk and renamed into place only after its hash checked out: a crash, a full
disk or a killed download never leaves a half file under a content address. A download
in progress keeps its partial file (`tmp/<sha256>.down`) so the next attempt resumes
where the last one stopped (HTTP Range). Files are never changed in place; a blob no
live row references is deleted (`remove`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from crm_desktop.config.atomic_file import fsync_folder
from crm_desktop.domain.attachments import blob_relative_path, check_sha256

BLOB_DIR = "blobs"
CHUNK = 1024 * 1024


class BlobCorrupt(Exception):
    """The bytes do not hash to the name they were meant to be stored under."""


class BlobFolder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"

    @classmethod
    def beside(cls, database_path: Path) -> BlobFolder:
        """The blob folder of the store whose database file is `database_path`."""
        return cls(database_path.parent / BLOB_DIR)

    def path(self, sha256: str) -> Path:
        return self.root / blob_relative_path(sha256)

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def _new_temporary(self) -> Path:
        self.tmp.mkdir(parents=True, exist_ok=True)
        return self.tmp / f"{secrets.token_hex(8)}.part"

    def _settle(self, temporary: Path, sha256: str) -> Path:
        """fsync a finished temporary file and rename it under its content address."""
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        fsync_folder(target.parent)
        return target

    def put_bytes(self, data: bytes) -> tuple[str, Path]:
        """Store `data`; returns (sha256, path). Storing bytes already there is a no-op."""
        sha = hashlib.sha256(data).hexdigest()
        if self.has(sha):
            return sha, self.path(sha)
        temporary = self._new_temporary()
        try:
            temporary.write_bytes(data)
            return sha, self._settle(temporary, sha)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise

    def put_stream(self, source: BinaryIO, expected_sha: str | None = None) -> tuple[str, int]:
        """Copy a stream in, hashing as it goes, in constant memory; (sha256, size).
        BlobCorrupt (nothing stored) when `expected_sha` is given and does not match."""
        temporary = self._new_temporary()
        digest = hashlib.sha256()
        size = 0
        try:
            with temporary.open("wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
            sha = digest.hexdigest()
            if expected_sha is not None and sha != expected_sha:
                raise BlobCorrupt(f"expected {expected_sha}, got {sha}")
            self._settle(temporary, sha)
            return sha, size
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise

    # --- resumable downloads --------------------------------------------------------
    def partial(self, sha256: str) -> Path:
        check_sha256(sha256)
        self.tmp.mkdir(parents=True, exist_ok=True)
        return self.tmp / f"{sha256}.down"

    def partial_size(self, sha256: str) -> int:
        try:
            return self.partial(sha256).stat().st_size
        except FileNotFoundError:
            return 0

    def finish_partial(
        self, sha256: str, hashed: str | None = None, *, settle: bool = True
    ) -> Path:
        """Check the downloaded file's hash and move it into place (BlobCorrupt: the
        partial file is dropped, the next attempt starts again). `hashed`: the digest
        computed while the whole file arrived, else it is read back. `settle` False:
        checked only; `settle_partials` later makes a batch durable and moves it in."""
        partial = self.partial(sha256)
        if (hashed or file_sha256(partial)) != sha256:
            partial.unlink(missing_ok=True)
            raise BlobCorrupt(f"download of {sha256} does not match its hash")
        return self._settle(partial, sha256) if settle else partial

    def settle_partials(self, shas: list[str]) -> None:
        """Move checked downloads into place, durably, as one batch (the flushes happen
        here, after the downloads, not between them). A crash before it leaves whole
        files in tmp/, checked again and moved next time."""
        for sha in shas:
            with self.partial(sha).open("rb+") as handle:
                os.fsync(handle.fileno())
        folders = set()
        for sha in shas:
            target = self.path(sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.partial(sha), target)
            folders.add(target.parent)
        for folder in folders:
            fsync_folder(folder)

    def remove(self, sha256: str) -> None:
        with contextlib.suppress(OSError):
            self.path(sha256).unlink()
        with contextlib.suppress(OSError, ValueError):
            self.partial(sha256).unlink()

    def names(self) -> Iterator[str]:
        """Every stored blob's sha256."""
        if not self.root.is_dir():
            return
        for first in self.root.iterdir():
            if len(first.name) != 2 or not first.is_dir():
                continue
            for second in first.iterdir():
                for path in second.iterdir():
                    if len(path.name) == 64:
                        yield path.name


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()

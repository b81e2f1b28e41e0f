"""The laptop's side of the blob endpoints (sync/blob_protocol.py): resumable uploads
from the content-addressed folder and ranged downloads into it, streamed in constant
memory over the sync's httpx client and token. No Qt, no retries here: the transfer
service (services/attachments/transfer.py) decides when to try again."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
from pydantic import ValidationError

from crm_desktop.store.blobs import BlobFolder
from crm_desktop.sync import blob_protocol as bp
from crm_desktop.sync.client.errors import Offline
from crm_desktop.sync.client.transport import Transport, raise_for

CHUNK = 1024 * 1024
BLOB_TIMEOUT = httpx.Timeout(60.0, connect=5.0)


class BlobRefused(Exception):
    """The server refused a blob request with one of blob_protocol's codes."""

    def __init__(
        self, status: int, code: str, offset: int | None = None, complete: bool = False
    ) -> None:
        super().__init__(f"HTTP {status} {code}")
        self.status = status
        self.code = code
        self.offset = offset
        self.complete = complete


@dataclass(frozen=True)
class Uploaded:
    offset: int
    complete: bool


def _file_from(path: Path, offset: int) -> Iterator[bytes]:
    with path.open("rb") as handle:
        handle.seek(offset)
        while chunk := handle.read(CHUNK):
            yield chunk


class BlobClient:
    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.transport.token or ''}"}

    def _url(self, path: str) -> str:
        return self.transport.base_url + path

    def _request(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        try:
            return self.transport.client.request(
                method,
                self._url(path),
                timeout=BLOB_TIMEOUT,
                **kwargs,  # type: ignore[arg-type]
            )
        except httpx.TransportError as error:
            raise Offline(type(error).__name__) from error

    def upload_state(self, sha256: str) -> Uploaded:
        answer = self._request("GET", bp.upload_path(sha256), headers=self._headers())
        return _uploaded(answer)

    def upload(self, sha256: str, path: Path, offset: int) -> Uploaded:
        """Send the file from `offset` on (one request, streamed)."""
        size = path.stat().st_size
        headers = {
            **self._headers(),
            bp.OFFSET_HEADER: str(offset),
            "Content-Type": "application/octet-stream",
            "Content-Length": str(size - offset),
        }
        answer = self._request(
            "PATCH", bp.upload_path(sha256), headers=headers, content=_file_from(path, offset)
        )
        return _uploaded(answer)

    def download(self, sha256: str, folder: BlobFolder, *, settle: bool = True) -> Path:
        """Fetch the blob into the folder, resuming a partial download; the hash is
        checked before it takes its place (BlobCorrupt otherwise)."""
        have = folder.partial_size(sha256)
        headers = {**self._headers(), "Accept-Encoding": "identity"}
        if have:
            headers["Range"] = f"bytes={have}-"
        try:
            with self.transport.client.stream(
                "GET", self._url(bp.blob_path(sha256)), headers=headers, timeout=BLOB_TIMEOUT
            ) as answer:
                if answer.status_code == 416:  # the partial file is already whole
                    return folder.finish_partial(sha256, settle=settle)
                if answer.status_code >= 400:
                    answer.read()
                    _check(answer)
                resumed = answer.status_code == 206
                # From the first byte: hashed on the way in, not read back afterwards.
                digest = None if resumed else hashlib.sha256()
                with folder.partial(sha256).open("ab" if resumed else "wb") as out:
                    for chunk in answer.iter_bytes(CHUNK):
                        out.write(chunk)
                        if digest is not None:
                            digest.update(chunk)
        except httpx.TransportError as error:
            raise Offline(type(error).__name__) from error
        hashed = None if digest is None else digest.hexdigest()
        return folder.finish_partial(sha256, hashed, settle=settle)


def _uploaded(answer: httpx.Response) -> Uploaded:
    _check(answer)
    try:
        state = bp.UploadState.model_validate_json(answer.content)
    except ValidationError as error:  # cut short on the way: as good as no answer
        raise Offline("incomplete answer") from error
    return Uploaded(state.offset, state.complete)


def _check(answer: httpx.Response) -> None:
    if answer.status_code < 400:
        return
    try:
        body = json.loads(answer.content)
    except ValueError:
        body = {}
    code = body.get("code") if isinstance(body, dict) else None
    if isinstance(code, str) and code in (
        bp.NOT_REFERENCED,
        bp.NOT_UPLOADED,
        bp.CHECKSUM_MISMATCH,
        bp.OFFSET_MISMATCH,
        bp.UPLOAD_BUSY,
    ):
        offset = body.get("offset")
        raise BlobRefused(
            answer.status_code,
            code,
            offset if isinstance(offset, int) else None,
            body.get("complete") is True,
        )
    raise_for(answer, answer.request.url.path)

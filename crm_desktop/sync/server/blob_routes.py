"""The blob endpoints (sync/blob_protocol.py): resumable, checksummed uploads and ranged
downloads of attachment bytes, each allowed only for a blob a row in the caller's scope
names (the record's scope rule: domain/attachments.py, checked by `account_teams.sees`)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Annotated, Any, BinaryIO

import anyio.to_thread
from fastapi import Depends, FastAPI, HTTPException, Path, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from sqlalchemy import Connection, Engine, select
from starlette.requests import ClientDisconnect

from crm_desktop.sync import blob_protocol as bp
from crm_desktop.sync.server import account_teams
from crm_desktop.sync.server.blobs import (
    BlobService,
    ChecksumMismatch,
    OffsetMismatch,
    UploadBusy,
)
from crm_desktop.sync.server.schema import SYNCED
from crm_desktop.sync.server.scope import Principal

ATTACHMENTS = SYNCED["attachment"]
Sha = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]


def _bearer(request: Request) -> str:
    """The bearer token, as the sync's endpoints read it (app.bearer_token)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(
            401, "not signed in or token expired", headers={"WWW-Authenticate": "Bearer"}
        )
    return token.strip()


Token = Annotated[str, Depends(_bearer)]
_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


def referenced_size(
    conn: Connection, me: Principal, sha256: str, *, uploading: bool = False
) -> int | None:
    """The size a live attachment row the caller sees gives the blob; None if none.

    An upload is also allowed to the row's creator: a record handed to another team
    before its photo was uploaded leaves the bytes only on the creator's laptop."""
    rows = conn.execute(
        select(ATTACHMENTS).where(ATTACHMENTS.c.sha256 == sha256, ATTACHMENTS.c.deleted.is_(False))
    ).mappings()
    for row in rows:
        if uploading and row["created_by"] == me.user_id:
            return int(row["size_bytes"])
        if account_teams.sees(conn, me, "attachment", dict(row)):
            return int(row["size_bytes"])
    return None


class _BlobFile(FileResponse):
    # Read in 1 MB pieces, not Starlette's 64 KB: each piece is a hop to a worker
    # thread, and a 3 MB photo took 48 of them.
    chunk_size = 1024 * 1024


def _refused(status: int, code: str, detail: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"detail": detail, "code": code, **extra}, status_code=status)


def add_routes(
    app: FastAPI,
    engine: Engine,
    blobs: Callable[[], BlobService],
    authenticate: Callable[[Connection, str], Principal],
) -> None:
    def allowed(token: str, sha256: str, uploading: bool = False) -> int | None:
        with engine.begin() as conn:
            me = authenticate(conn, token)
            return referenced_size(conn, me, sha256, uploading=uploading)

    @app.get(bp.UPLOADS_PREFIX + "{sha256}", response_model=bp.UploadState)
    def upload_state(sha256: Sha, token: Token) -> Any:
        size = allowed(token, sha256, True)
        if size is None:
            return _refused(404, bp.NOT_REFERENCED, "no attachment in your scope names this blob")
        state = blobs().uploads.status(sha256, size)
        return bp.UploadState(offset=state.offset, size=size, complete=state.complete)

    @app.patch(bp.UPLOADS_PREFIX + "{sha256}", response_model=bp.UploadState)
    async def upload(sha256: Sha, request: Request, token: Token) -> Any:
        size = await anyio.to_thread.run_sync(allowed, token, sha256, True)
        if size is None:
            return _refused(404, bp.NOT_REFERENCED, "no attachment in your scope names this blob")
        header = request.headers.get(bp.OFFSET_HEADER, "")
        if not header.isdigit():
            raise HTTPException(400, f"{bp.OFFSET_HEADER} header required")
        offset = int(header)
        service = blobs()
        try:
            handle = await anyio.to_thread.run_sync(service.uploads.begin, sha256, offset)
        except OffsetMismatch as moved:
            state = service.uploads.status(sha256, size)
            return _refused(
                409,
                bp.OFFSET_MISMATCH,
                f"the upload is at {moved.offset}",
                offset=state.offset,
                complete=state.complete,
            )
        except UploadBusy:
            return _refused(409, bp.UPLOAD_BUSY, "another request is sending this blob")
        # Sent whole in one request: hashed on the way in, not read back afterwards.
        digest = hashlib.sha256() if offset == 0 else None
        written = await _receive(request, handle, size - offset, digest)
        await anyio.to_thread.run_sync(service.uploads.end, handle)
        whole = digest.hexdigest() if digest is not None and written == size else None
        try:
            complete = await anyio.to_thread.run_sync(service.uploads.finish, sha256, size, whole)
        except ChecksumMismatch:
            return _refused(422, bp.CHECKSUM_MISMATCH, "the bytes do not match their SHA-256")
        except UploadBusy:
            complete = False
        return bp.UploadState(offset=offset + written, size=size, complete=complete)

    @app.head(bp.BLOBS_PREFIX + "{sha256}")
    def blob_head(sha256: Sha, request: Request, token: Token) -> Response:
        return download(sha256, request, token)

    @app.get(bp.BLOBS_PREFIX + "{sha256}")
    def download(sha256: Sha, request: Request, token: Token) -> Response:
        if allowed(token, sha256) is None:
            return _refused(404, bp.NOT_REFERENCED, "no attachment in your scope names this blob")
        store = blobs().store
        stored = store.size(sha256)
        if stored is None:
            return _refused(404, bp.NOT_UPLOADED, "the blob has not been uploaded yet")
        path = store.local_path(sha256)
        if path is not None:  # Starlette answers Range and HEAD itself
            return _BlobFile(path, media_type="application/octet-stream")
        return _ranged(request, sha256, stored, store)


async def _receive(request: Request, handle: BinaryIO, room: int, digest: Any) -> int:
    """Append the body to the upload, at most `room` bytes; what arrived before a
    broken connection is kept. Plain writes to the page cache: no thread hop per chunk."""
    written = 0
    try:
        async for chunk in request.stream():
            if written + len(chunk) > room:
                chunk = chunk[: room - written]
            handle.write(chunk)
            if digest is not None:
                digest.update(chunk)
            written += len(chunk)
            if written >= room:
                break
    except ClientDisconnect:
        pass
    return written


def _ranged(request: Request, sha256: str, size: int, store: Any) -> Response:
    start, end = 0, size - 1
    found = _RANGE.match(request.headers.get("range", ""))
    if found:
        start = int(found.group(1))
        end = min(int(found.group(2)), size - 1) if found.group(2) else size - 1
        if start >= size or start > end:
            return Response(status_code=416, headers={"Content-Range": f"bytes */{size}"})
    headers = {"Content-Length": str(end - start + 1), "Accept-Ranges": "bytes"}
    status = 200
    if found:
        status = 206
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    if request.method == "HEAD":
        return Response(status_code=status, headers=headers)
    return StreamingResponse(
        store.read(sha256, start, end),
        status_code=status,
        headers=headers,
        media_type="application/octet-stream",
    )

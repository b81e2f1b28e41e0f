"""The blob half of the sync protocol (attachments' bytes), shared by laptop and server.

Rows of attachments travel with the record sync; their bytes use these endpoints, with
the same bearer token, so a slow upload never holds up a push or a pull:

- `GET  /v1/uploads/{sha256}` -> UploadState: how far the server has the upload (a
  laptop killed mid-upload resumes from `offset`), `complete` once stored.
- `PATCH /v1/uploads/{sha256}` with `Upload-Offset: n`, body = the bytes from n on
  (any length up to the end): appended only at exactly n (else 409 with the server's
  offset); when the last byte arrives the server checks the SHA-256 (422 if it is not
  the name, the partial upload dropped) and stores the blob.
- `GET|HEAD /v1/blobs/{sha256}` (Range: bytes=n-): the stored bytes, 206 for a range.

Both need a live attachment row naming the blob that the caller sees (the record
scope); an upload's length is that row's `size_bytes`. Otherwise 404.
"""

from __future__ import annotations

from pydantic import BaseModel

UPLOADS_PREFIX = "/v1/uploads/"
BLOBS_PREFIX = "/v1/blobs/"
OFFSET_HEADER = "Upload-Offset"
NOT_REFERENCED = "not_referenced"  # no row the caller sees names this blob (yet)
NOT_UPLOADED = "not_uploaded"  # the row is known, its bytes are not on the server yet
CHECKSUM_MISMATCH = "checksum_mismatch"
OFFSET_MISMATCH = "offset_mismatch"
UPLOAD_BUSY = "upload_busy"


class UploadState(BaseModel):
    offset: int
    size: int
    complete: bool


def upload_path(sha256: str) -> str:
    return UPLOADS_PREFIX + sha256


def blob_path(sha256: str) -> str:
    return BLOBS_PREFIX + sha256

"""Attachments 附件 (issue 17): photos and files on visits, customers, market reports,
complaints and account plans. Pure rules both ends apply: which records may carry them,
the limits, the scope rule, a safe file name, the kind of file, content addresses.

Scope rule: an attachment is seen by whoever sees the record it hangs on. The row takes
its owner record's `owner_id` and `team_id` when it is made (as a complaint takes its
customer's), so the existing owner-based scope of both ends covers it; `customer_id`
names the customer the record belongs to, which a handover follows (`moves_with`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.picklists import ReportStatus

# The record kinds an attachment may hang on (the sync's entity names).
OWNER_KINDS = ("visit_record", "customer", "market_report", "complaint", "account_plan")

SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
MAX_FILE_NAME = 200
# A hard ceiling the server also enforces, whatever a laptop's setting says.
HARD_MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentLimits:
    """Configurable (Settings); the defaults suit phone photos and scanned contracts."""

    max_file_bytes: int = 25 * 1024 * 1024
    downscale_max_edge_px: int = 2560  # 0 = keep the original pixels
    jpeg_quality: int = 85


@dataclass(frozen=True)
class AttachmentScope:
    """Where an attachment row sits: its owner record's owner and team, and customer."""

    owner_id: str | None
    team_id: str | None
    customer_id: str | None


def scope_of(
    record_owner_id: str | None, record_team_id: str | None, customer_id: str | None
) -> AttachmentScope:
    """The scope rule: the attachment is seen by whoever sees its owner record."""
    return AttachmentScope(record_owner_id, record_team_id, customer_id)


def check_owner_kind(kind: str) -> str:
    if kind not in OWNER_KINDS:
        raise ValidationError(
            f"不能给此类记录添加附件：{kind}",
            f"Attachments cannot be added to this kind of record: {kind}",
            field="owner_kind",
        )
    return kind


def check_not_frozen(owner_kind: str, report_status: str | None) -> None:
    """A visit's photos are part of its daily report: once the report is signed none is
    added or removed, like the visit itself (a late change goes through a reopen). Both
    the laptop's service and the server's push guard call this."""
    if owner_kind == "visit_record" and report_status == ReportStatus.SIGNED:
        raise ValidationError(
            "日报已签核，不能再增删此拜访的附件（如需修改，请主管先重开日报）",
            "The daily report is signed: this visit's attachments can no longer be added or "
            "removed (ask the supervisor to reopen the report first)",
            field="owner_id",
        )


def check_sha256(value: str) -> str:
    if not SHA256_HEX.match(value):
        raise ValueError("not a lower-case hex SHA-256")
    return value


def check_size(size_bytes: int, limits: AttachmentLimits) -> None:
    """The per-file limit, checked after any downscale (what is stored counts)."""
    ceiling = min(limits.max_file_bytes, HARD_MAX_FILE_BYTES)
    if size_bytes > ceiling:
        raise ValidationError(
            f"文件太大（{_mb(size_bytes)}），单个附件不能超过 {_mb(ceiling)}",
            f"The file is too large ({_mb(size_bytes)}); an attachment may be at most "
            f"{_mb(ceiling)}",
            field="file",
        )
    if size_bytes == 0:
        raise ValidationError("文件是空的", "The file is empty", field="file")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_DEVICES = ("con", "prn", "aux", "nul")
_RESERVED = frozenset(
    {*_DEVICES, *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)


def sanitize_file_name(name: str, fallback: str = "attachment") -> str:
    """A name safe on Windows, macOS and Linux, keeping Chinese and the extension.

    Only the last path component counts (a pasted path or `..` goes); control and
    reserved characters become `_`; leading/trailing dots and spaces go; Windows device
    names get a `_` prefix; the stem is cut so the whole fits MAX_FILE_NAME characters.
    """
    name = unicodedata.normalize("NFC", name)
    name = re.split(r"[\\/]", name)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    if not name:
        name = fallback
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.lower() in _RESERVED:
        stem = "_" + stem
    ext = ext[:20]
    room = MAX_FILE_NAME - (len(ext) + 1 if ext else 0)
    stem = stem[:room] or fallback
    return f"{stem}.{ext}" if ext else stem


_BY_EXTENSION = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "bmp": "image/bmp",
    "heic": "image/heic",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "pdf": "application/pdf",
    "txt": "text/plain",
    "csv": "text/csv",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "zip": "application/zip",
}
_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
    (b"BM", "image/bmp"),
)
OCTET_STREAM = "application/octet-stream"
_EXTENSION_OF = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}


def mime_type(file_name: str, head: bytes) -> str:
    """The file's kind: its first bytes decide when they are known, else its extension
    (a photo renamed .txt is still shown as a photo)."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    ext = file_name.rpartition(".")[2].lower() if "." in file_name else ""
    return _BY_EXTENSION.get(ext, OCTET_STREAM)


def extension_for(mime: str) -> str:
    return _EXTENSION_OF.get(mime, "bin")


def is_image(mime: str) -> bool:
    return mime.startswith("image/")


# Images the laptop can decode, downscale and read EXIF from (Pillow).
DOWNSCALABLE = frozenset({"image/jpeg", "image/png", "image/webp", "image/bmp", "image/tiff"})


def blob_relative_path(sha256: str) -> str:
    """Where a blob lives under a blob folder: `ab/cd/<sha256>` (two levels of 256
    folders keep any one folder small at a million files)."""
    check_sha256(sha256)
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"

"""Photos on import: downscale large ones (EXIF orientation applied), read their size and
the camera's own time (EXIF DateTimeOriginal). Pillow; nothing here touches the store."""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from crm_desktop.domain.attachments import DOWNSCALABLE, AttachmentLimits

log = logging.getLogger(__name__)

EXIF_IFD = 0x8769
DATETIME_ORIGINAL = 0x9003
DATETIME = 0x0132
ORIENTATION = 0x0112


@dataclass(frozen=True)
class PreparedImage:
    data: bytes | None  # re-encoded bytes, or None: store the original unchanged
    mime_type: str
    width: int | None
    height: int | None
    taken_at: dt.datetime | None


def parse_exif_time(value: object) -> dt.datetime | None:
    """EXIF's "YYYY:MM:DD HH:MM:SS" (naive: the camera's wall clock); None if unusable."""
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.strptime(value.strip().rstrip("\x00")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def _taken_at(image: Image.Image) -> dt.datetime | None:
    exif = image.getexif()
    found = parse_exif_time(exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL))
    return found or parse_exif_time(exif.get(DATETIME))


def prepare(data: bytes, mime: str, limits: AttachmentLimits) -> PreparedImage:
    """Read a photo's facts; downscale it when its longer edge passes the limit.

    A file Pillow cannot read is stored as it is (a file, not a photo): nothing is lost.
    """
    if mime not in DOWNSCALABLE:
        return PreparedImage(None, mime, None, None, None)
    try:
        with Image.open(io.BytesIO(data)) as image:
            taken = _taken_at(image)
            oriented_w, oriented_h = image.size
            if image.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8):
                oriented_w, oriented_h = oriented_h, oriented_w
            edge = limits.downscale_max_edge_px
            if edge <= 0 or max(oriented_w, oriented_h) <= edge:
                return PreparedImage(None, mime, oriented_w, oriented_h, taken)
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((edge, edge), Image.Resampling.LANCZOS)
            return _encode(upright, mime, limits, taken)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        log.info("not decoded as an image (%s): stored as a file", error)
        return PreparedImage(None, mime, None, None, None)


def _encode(
    image: Image.Image, mime: str, limits: AttachmentLimits, taken: dt.datetime | None
) -> PreparedImage:
    out = io.BytesIO()
    exif = image.getexif()
    exif.pop(ORIENTATION, None)  # the pixels are upright now
    if mime == "image/png":
        image.save(out, format="PNG", optimize=True)
    else:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=limits.jpeg_quality, exif=exif.tobytes())
        mime = "image/jpeg"
    return PreparedImage(out.getvalue(), mime, image.width, image.height, taken)

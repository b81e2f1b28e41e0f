"""The demo's attachments 附件 (issue 17): the first key account by name has a shelf
photo, a shop front, a business card and a contract (PDF); its newest visit has the
shelf photos taken that day. Drawn with Pillow (no picture files ship with the app),
with the camera's time in EXIF, stored as synced rows whose bytes are already here, as
after a sync, so nothing waits to upload in a fresh demo.
"""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image, ImageDraw
from sqlalchemy import select

from crm_desktop.demo.activity import Activity, local_time, synced
from crm_desktop.store.blobs import BlobFolder
from crm_desktop.store.models import Attachment, Customer, VisitRecord

EXIF_IFD, DATE_TIME_ORIGINAL = 0x8769, 0x9003
SIZE = (1600, 1200)


def _jpeg(image: Image.Image, taken: dt.datetime) -> bytes:
    exif = Image.Exif()
    exif.get_ifd(EXIF_IFD)[DATE_TIME_ORIGINAL] = taken.strftime("%Y:%m:%d %H:%M:%S")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, exif=exif.tobytes())
    return out.getvalue()


def shelf(seed: int) -> Image.Image:
    """A supermarket shelf: four boards of product facings in brand colours."""
    image = Image.new("RGB", SIZE, (236, 232, 224))
    draw = ImageDraw.Draw(image)
    colours = [(200, 40, 40), (30, 110, 190), (240, 180, 30), (40, 150, 80), (120, 60, 150)]
    for board in range(4):
        top = 80 + board * 280
        draw.rectangle((40, top + 230, SIZE[0] - 40, top + 250), fill=(120, 120, 120))
        for slot in range(14):
            left = 60 + slot * 108
            colour = colours[(slot // 3 + board + seed) % len(colours)]
            height = 150 + (slot * 37 + board * 11 + seed * 5) % 60
            draw.rounded_rectangle((left, top + 230 - height, left + 90, top + 228), 10,
                                   fill=colour)  # fmt: skip
            draw.rectangle((left + 15, top + 160 - height // 3, left + 75, top + 190 - height // 3),
                           fill=(250, 250, 250))  # fmt: skip
    return image


def storefront() -> Image.Image:
    image = Image.new("RGB", SIZE, (170, 205, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((200, 300, 1400, 1150), fill=(225, 215, 195))
    draw.rectangle((200, 300, 1400, 460), fill=(190, 30, 40))  # the sign board
    draw.rectangle((300, 560, 760, 1150), fill=(80, 110, 130))  # the door
    draw.rectangle((860, 560, 1300, 900), fill=(120, 160, 185))  # the window
    draw.rectangle((0, 1150, 1600, 1200), fill=(110, 110, 110))
    return image


def business_card() -> Image.Image:
    image = Image.new("RGB", SIZE, (90, 80, 70))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((250, 330, 1350, 950), 18, fill=(250, 250, 247))
    draw.rectangle((300, 400, 420, 520), fill=(30, 90, 170))  # the logo
    for line, width in enumerate((520, 380, 600, 560, 420)):
        top = 600 + line * 60
        draw.rectangle(
            (300, top, 300 + width, top + 22), fill=(70, 70, 70) if line else (20, 20, 20)
        )
    return image


CONTRACT_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def add_attachments(activity: Activity, blobs: BlobFolder) -> None:
    """Write the demo's attachments (no outbox, inside the demo's transaction)."""
    session = activity.w.session
    account = session.execute(
        select(Customer.id, Customer.owner_id, Customer.team_id)
        .where(Customer.is_key_account.is_(True), Customer.deleted.is_(False))
        .order_by(Customer.name)
        .limit(1)
    ).first()
    if account is None:
        return
    customer_id, owner, team = account
    visit = session.execute(
        select(VisitRecord.id, VisitRecord.visit_date)
        .where(VisitRecord.customer_id == customer_id, VisitRecord.deleted.is_(False))
        .order_by(VisitRecord.visit_date.desc())
        .limit(1)
    ).first()
    today = activity.today
    taken = dt.datetime.combine(today - dt.timedelta(days=12), dt.time(10, 42))
    files: list[tuple[str, str, str, bytes, tuple[int, int] | None, dt.datetime | None]] = [
        ("customer", customer_id, "门头.jpg", _jpeg(storefront(), taken), SIZE, taken),
        ("customer", customer_id, "货架陈列.jpg",
         _jpeg(shelf(1), taken + dt.timedelta(minutes=6)), SIZE, taken + dt.timedelta(minutes=6)),
        ("customer", customer_id, "采购经理名片.jpg",
         _jpeg(business_card(), taken + dt.timedelta(minutes=40)), SIZE,
         taken + dt.timedelta(minutes=40)),
        ("customer", customer_id, "年度供货合同.pdf", CONTRACT_PDF, None, None),
    ]  # fmt: skip
    if visit is not None:
        at = dt.datetime.combine(visit[1], dt.time(10, 15))
        for n in range(2):
            shot = at + dt.timedelta(minutes=3 * n)
            files.append(("visit_record", visit[0], f"货架-{n + 1}.jpg",
                          _jpeg(shelf(2 + n), shot), SIZE, shot))  # fmt: skip
    rows = []
    added = local_time(today - dt.timedelta(days=12), 11, 30)
    for kind, owner_record, name, data, size, moment in files:
        sha, _path = blobs.put_bytes(data)
        rows.append(
            synced(owner, team, added)
            | {
                "owner_kind": kind,
                "owner_record_id": owner_record,
                "customer_id": customer_id,
                "file_name": name,
                "mime_type": "application/pdf" if name.endswith(".pdf") else "image/jpeg",
                "size_bytes": len(data),
                "sha256": sha,
                "width": size[0] if size else None,
                "height": size[1] if size else None,
                "taken_at": moment,
            }
        )
    activity.w.insert(Attachment, rows)

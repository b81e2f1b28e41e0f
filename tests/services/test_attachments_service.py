"""AttachmentService: add (file, bytes), downscale with EXIF orientation and time, limits,
list/get/remove with their outbox, content-addressed blobs and the transfer queue."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from activity_helpers import add_customer, add_user, outbox
from PIL import Image

from crm_desktop.domain.attachments import AttachmentLimits
from crm_desktop.domain.errors import UserFacingError, ValidationError
from crm_desktop.services.attachments.attachments import AttachmentService, TransferState
from crm_desktop.services.container import Services


def jpeg(width: int, height: int, *, orientation: int = 1, taken: str | None = None) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((10, 10, 200), (0, 0, width // 2, height // 4))  # the "top" marker
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def attachments(services: Services) -> AttachmentService:
    return services.attachments


@pytest.fixture
def customer_id(services: Services) -> str:
    return add_customer(services, "宁波海天塑机有限公司")


def test_a_photo_is_stored_by_its_hash_with_its_row_outbox_and_upload_entry(
    services: Services, attachments: AttachmentService, customer_id: str
) -> None:
    data = jpeg(800, 600, taken="2026:11:20 09:15:42")
    view = attachments.add_bytes("customer", customer_id, data, "货架.jpg")
    assert (view.owner_kind, view.owner_id, view.file_name) == ("customer", customer_id, "货架.jpg")
    assert view.sha256 == hashlib.sha256(data).hexdigest() and view.size_bytes == len(data)
    assert (view.width, view.height, view.is_image) == (800, 600, True)
    assert view.taken_at == dt.datetime(2026, 11, 20, 9, 15, 42)
    assert view.state is TransferState.LOCAL_ONLY and view.can_delete
    assert view.local_path is not None and view.local_path.read_bytes() == data
    assert view.local_path.parts[-3:] == (view.sha256[:2], view.sha256[2:4], view.sha256)
    assert attachments.pending_transfers() == 1
    [(name, row_id, patch)] = outbox(services.store, "attachment")
    assert (name, row_id) == ("create", view.id)
    assert patch["owner_id"] == services.actor.user_id and patch["customer_id"] == customer_id
    assert patch["owner_record_id"] == customer_id and patch["sha256"] == view.sha256
    assert [v.id for v in attachments.list_for("customer", customer_id)] == [view.id]


def test_a_large_photo_is_downscaled_upright_and_keeps_its_time(
    services: Services, customer_id: str
) -> None:
    service = AttachmentService(
        services.store, services.user, AttachmentLimits(downscale_max_edge_px=400)
    )
    # Stored 1200x800 sideways; orientation 6 = turn 90° clockwise to view: 800x1200.
    data = jpeg(1200, 800, orientation=6, taken="2026:10:01 18:00:00")
    view = service.add_bytes("customer", customer_id, data, "IMG_0001.JPG")
    assert (view.width, view.height) == (267, 400)
    assert view.taken_at == dt.datetime(2026, 10, 1, 18, 0)
    assert view.local_path is not None
    with Image.open(view.local_path) as stored:
        assert stored.size == (267, 400)
        assert stored.getexif().get(0x0112, 1) == 1  # upright pixels, no turn left to do
        assert stored.getexif().get_ifd(0x8769).get(0x9003) == "2026:10:01 18:00:00"
    assert view.size_bytes == view.local_path.stat().st_size < len(data)


def test_a_small_photo_keeps_its_bytes_and_reports_its_upright_size(
    attachments: AttachmentService, customer_id: str
) -> None:
    data = jpeg(300, 200, orientation=8)
    view = attachments.add_bytes("customer", customer_id, data, "名片.jpg")
    assert (view.width, view.height) == (200, 300)
    assert view.local_path is not None and view.local_path.read_bytes() == data


def test_the_size_limit_refuses_in_both_languages_and_stores_nothing(
    services: Services, customer_id: str, tmp_path: Path
) -> None:
    service = AttachmentService(
        services.store, services.user, AttachmentLimits(max_file_bytes=1000)
    )
    big = tmp_path / "合同.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"x" * 5000)
    with pytest.raises(ValidationError) as refused:
        service.add_file("customer", customer_id, big)
    assert "不能超过" in refused.value.message_zh and "at most" in refused.value.message_en
    assert service.list_for("customer", customer_id) == [] and service.pending_transfers() == 0
    assert outbox(services.store, "attachment") == []
    assert not list(service.blobs.names())


def test_a_file_is_added_from_disk_with_a_safe_name_and_its_kind_by_content(
    attachments: AttachmentService, customer_id: str, tmp_path: Path
) -> None:
    path = tmp_path / "报价单.txt"
    path.write_bytes(b"%PDF-1.7\nnot really text")
    view = attachments.add_file("customer", customer_id, path)
    assert (view.mime_type, view.is_image, view.width) == ("application/pdf", False, None)
    pasted = attachments.add_bytes("customer", customer_id, b"hello", '../../con:"x".txt')
    assert pasted.file_name == "con__x_.txt" and pasted.mime_type == "text/plain"
    device = attachments.add_bytes("customer", customer_id, b"hello", "CON.txt")
    assert device.file_name == "_CON.txt"
    with pytest.raises(UserFacingError, match="Cannot read"):
        attachments.add_file("customer", customer_id, tmp_path / "gone.jpg")


def test_remove_is_a_synced_soft_delete_and_unknown_records_are_refused(
    services: Services, attachments: AttachmentService, customer_id: str
) -> None:
    view = attachments.add_bytes("customer", customer_id, b"abc", "a.txt")
    attachments.remove(view.id)
    assert attachments.list_for("customer", customer_id) == []
    with pytest.raises(ValidationError):
        attachments.get(view.id)
    assert [n for n, _r, _p in outbox(services.store, "attachment")] == ["create", "delete"]
    with pytest.raises(ValidationError, match="no longer exists"):
        attachments.add_bytes("complaint", "no-such-id", b"abc", "a.txt")
    with pytest.raises(ValidationError):
        attachments.add_bytes("lead", customer_id, b"abc", "a.txt")


def test_a_rep_may_not_attach_to_another_reps_customer(
    services: Services, attachments: AttachmentService
) -> None:
    other = add_user(services.store, "rep9", "王五")
    theirs = add_customer(services, "别人的客户", owner_id=other)
    with pytest.raises(ValidationError, match="not yours"):
        attachments.add_bytes("customer", theirs, b"abc", "a.txt")


def test_a_signed_reports_visit_takes_no_new_photo_and_keeps_its_old_one(
    services: Services,
) -> None:
    from test_print_forms import DAY, build_print_org, rep_day, sign

    from crm_desktop.store.models import VisitRecord

    org = build_print_org(services)
    rep_day(services, org.rep_a, DAY, ["华联商厦"])
    with services.store.reading() as session:
        visit_id = session.query(VisitRecord.id).one()[0]
    before = services.attachments.add_bytes("visit_record", visit_id, jpeg(40, 30), "货架.jpg")
    sign(services, org.supervisor, org.rep_a, DAY, "好")
    services.user.switch(org.rep_a)

    with pytest.raises(ValidationError) as late:
        services.attachments.add_bytes("visit_record", visit_id, jpeg(50, 30), "补拍.jpg")
    assert "日报已签核" in late.value.message("zh_CN")
    assert "signed" in late.value.message("en")
    with pytest.raises(ValidationError):
        services.attachments.remove(before.id)
    assert [v.id for v in services.attachments.list_for("visit_record", visit_id)] == [before.id]

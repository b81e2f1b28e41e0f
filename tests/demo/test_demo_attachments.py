"""The demo's attachments: a key account's shop front, shelf, business card and contract,
and its newest visit's shelf photos, already synced (nothing to upload, no outbox), each
photo with the camera's time and its bytes in the blob folder."""

from __future__ import annotations

from sqlalchemy import select

from crm_desktop.demo.generator import DemoOptions, generate_demo
from crm_desktop.services.attachments.attachments import TransferState
from crm_desktop.services.container import Services
from crm_desktop.store.models import Attachment


def test_a_key_account_and_its_visit_have_photos(services: Services) -> None:
    generate_demo(services, DemoOptions(customers=60, contacts_per_customer=1.0, seed=7))
    with services.store.reading() as session:
        owners = session.execute(
            select(Attachment.owner_kind, Attachment.owner_record_id).distinct()
        ).all()
    kinds = {kind: record for kind, record in owners}
    assert set(kinds) == {"customer", "visit_record"}
    views = services.attachments.list_for("customer", kinds["customer"])
    assert [v.file_name for v in views] == ["门头.jpg", "货架陈列.jpg", "采购经理名片.jpg",
                                            "年度供货合同.pdf"]  # fmt: skip
    assert all(v.state is TransferState.SYNCED for v in views)
    assert all(v.local_path is not None and v.local_path.stat().st_size == v.size_bytes
               for v in views)  # fmt: skip
    assert [v.taken_at is not None for v in views] == [True, True, True, False]
    assert len(services.attachments.list_for("visit_record", kinds["visit_record"])) == 2
    assert services.attachments.pending_transfers() == 0

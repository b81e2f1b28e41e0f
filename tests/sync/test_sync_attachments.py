"""Attachments over real HTTP on loopback: rows with the record sync, bytes by the blob
endpoints -- uploaded, resumed after a laptop died mid-upload, checksummed, downloaded
only in scope, purged with the record, and the same bytes on every laptop."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from attachment_helpers import Field, add_customer, field_laptop, photo, serving
from sqlalchemy import Engine, select

from crm_desktop.services.attachments.attachments import TransferState
from crm_desktop.sync import blob_protocol as bp
from crm_desktop.sync.server.app import create_app
from crm_desktop.sync.server.blobs import BlobService
from crm_desktop.sync.server.schema import SYNCED


@pytest.fixture
def blob_dir(tmp_path: Path) -> Path:
    return tmp_path / "server-blobs"


@pytest.fixture
def url(server_engine: Engine, users: dict[str, str], blob_dir: Path) -> Iterator[str]:
    app = create_app(engine=server_engine, blobs=BlobService.on_disk(blob_dir))
    with serving(app) as base:
        yield base


@pytest.fixture
def lap(url: str, tmp_path: Path) -> Any:
    made: list[Field] = []

    def make(username: str, name: str | None = None) -> Field:
        field = field_laptop(url, tmp_path / f"laptop-{name or username}", username)
        made.append(field)
        return field

    yield make
    for field in made:
        field.engine.transport.close()
        field.services.close()


def _no_wait(field: Field) -> None:
    # Retries happen at once in tests (the backoff is a delay, not behaviour).
    import crm_desktop.services.attachments.transfer as transfer

    transfer.BACKOFF = (0.0, 0.0, 0.0)
    _ = field


def test_a_photo_added_offline_reaches_the_supervisor_byte_for_byte(lap: Any) -> None:
    rep, sup = lap("rep1"), lap("sup")
    _no_wait(rep)
    customer = add_customer(rep)
    data = photo(1)
    added = rep.services.attachments.add_bytes("customer", customer, data, "货架.jpg")
    assert rep.services.attachments.pending_transfers() == 1
    # Bytes before their row: the server refuses them, they wait for the next sync.
    early = rep.services.attachments.transfer_now()
    assert (early.uploaded, early.waiting) == (0, 1)
    rep.sync()
    report = rep.services.attachments.transfer_now()
    assert (report.uploaded, report.failed) == (1, 0)
    assert rep.services.attachments.get(added.id).state is TransferState.SYNCED
    assert rep.services.attachments.pending_transfers() == 0

    sup.sync()
    [seen] = sup.services.attachments.list_for("customer", customer)
    assert seen.state is TransferState.REMOTE_ONLY and seen.local_path is None
    assert sup.services.attachments.transfer_now().downloaded == 1
    [seen] = sup.services.attachments.list_for("customer", customer)
    assert seen.state is TransferState.SYNCED and seen.local_path is not None
    assert seen.local_path.read_bytes() == data and seen.created_by_name


def test_an_upload_killed_midway_resumes_from_the_servers_offset(
    lap: Any, url: str, blob_dir: Path
) -> None:
    rep = lap("rep1")
    _no_wait(rep)
    customer = add_customer(rep)
    data = photo(2, 1600, 1200)
    view = rep.services.attachments.add_bytes("customer", customer, data, "合同.jpg")
    rep.sync()
    token = rep.engine.transport.token
    half = len(data) // 2

    def dies_midway() -> Iterator[bytes]:
        yield data[:half]
        raise ConnectionResetError("the laptop's battery ran out")

    with httpx.Client() as raw, pytest.raises(Exception, match="battery"):
        raw.patch(
            url + bp.upload_path(view.sha256),
            headers={"Authorization": f"Bearer {token}", bp.OFFSET_HEADER: "0"},
            content=dies_midway(),
        )
    state = httpx.get(
        url + bp.upload_path(view.sha256), headers={"Authorization": f"Bearer {token}"}
    ).json()
    part = blob_dir / "uploads" / f"{view.sha256}.part"
    assert not state["complete"] and state["offset"] == part.stat().st_size <= half
    sent: list[str] = []
    rep.services.attachments._client_factory = lambda: _recording(sent)
    assert rep.services.attachments.transfer_now().uploaded == 1
    # The first try sends the whole file unasked; the server, holding part of it,
    # refuses with its offset (writing nothing) and the rest goes from there.
    expected = ["0"] if state["offset"] == 0 else ["0", str(state["offset"])]
    assert sent == expected
    stored = blob_dir / view.sha256[:2] / view.sha256[2:4] / view.sha256
    assert stored.read_bytes() == data and not part.exists()


def _recording(offsets: list[str]) -> httpx.Client:
    def hook(request: httpx.Request) -> None:
        if request.method == "PATCH":
            offsets.append(request.headers[bp.OFFSET_HEADER])

    return httpx.Client(event_hooks={"request": [hook]})


def test_bytes_that_do_not_hash_to_their_name_are_refused_and_dropped(
    lap: Any, url: str, blob_dir: Path
) -> None:
    rep = lap("rep1")
    customer = add_customer(rep)
    data = photo(3)
    view = rep.services.attachments.add_bytes("customer", customer, data, "a.jpg")
    rep.sync()
    auth = {"Authorization": f"Bearer {rep.engine.transport.token}"}
    forged = bytes([data[0] ^ 1]) + data[1:]
    answer = httpx.patch(
        url + bp.upload_path(view.sha256),
        headers={**auth, bp.OFFSET_HEADER: "0"},
        content=forged,
    )
    assert (answer.status_code, answer.json()["code"]) == (422, bp.CHECKSUM_MISMATCH)
    assert not (blob_dir / "uploads" / f"{view.sha256}.part").exists()
    assert httpx.get(url + bp.blob_path(view.sha256), headers=auth).status_code == 404
    # A chunk at the wrong offset is refused with the server's offset.
    answer = httpx.patch(
        url + bp.upload_path(view.sha256), headers={**auth, bp.OFFSET_HEADER: "5"}, content=b"x"
    )
    assert (answer.status_code, answer.json()["offset"]) == (409, 0)


def test_a_blob_is_served_only_to_whoever_sees_its_record(lap: Any, url: str) -> None:
    rep, other = lap("rep1"), lap("rep3")
    _no_wait(rep)
    customer = add_customer(rep)
    view = rep.services.attachments.add_bytes("customer", customer, photo(4), "a.jpg")
    rep.sync()
    rep.services.attachments.transfer_now()
    theirs = {"Authorization": f"Bearer {other.engine.transport.token}"}
    assert httpx.get(url + bp.blob_path(view.sha256), headers=theirs).status_code == 404
    assert httpx.get(url + bp.upload_path(view.sha256), headers=theirs).status_code == 404
    assert httpx.get(url + bp.blob_path(view.sha256)).status_code == 401
    mine = {"Authorization": f"Bearer {rep.engine.transport.token}", "Range": "bytes=10-19"}
    ranged = httpx.get(url + bp.blob_path(view.sha256), headers=mine)
    assert ranged.status_code == 206 and ranged.content == photo(4)[10:20]
    mine.pop("Range")
    head = httpx.head(url + bp.blob_path(view.sha256), headers=mine)
    assert (head.status_code, int(head.headers["content-length"])) == (200, view.size_bytes)


def test_a_removed_or_handed_over_attachment_leaves_the_laptop_with_its_blob(
    lap: Any, server_engine: Engine, users: dict[str, str]
) -> None:
    rep, sup = lap("rep1"), lap("sup")
    _no_wait(rep)
    customer = add_customer(rep)
    kept = rep.services.attachments.add_bytes("customer", customer, photo(5), "kept.jpg")
    gone = rep.services.attachments.add_bytes("customer", customer, photo(6), "gone.jpg")
    rep.sync()
    rep.services.attachments.transfer_now()
    sup.sync()
    sup.services.attachments.transfer_now()
    sup_blobs = sup.services.attachments.blobs
    assert sup_blobs.has(kept.sha256) and sup_blobs.has(gone.sha256)

    rep.services.attachments.remove(gone.id)
    rep.sync()
    sup.sync()
    assert not sup_blobs.has(gone.sha256) and sup_blobs.has(kept.sha256)

    # The customer goes to rep3 (the West team): sup and rep1 lose sight of it.
    from crm_desktop.sync.server import admin

    admin.reassign_customers(server_engine, "rep1", "rep3")
    rep.sync()
    sup.sync()
    for field in (rep, sup):
        assert field.services.attachments.list_for("customer", customer) == []
        assert not field.services.attachments.blobs.has(kept.sha256)
    with server_engine.connect() as conn:
        owner = conn.execute(
            select(SYNCED["attachment"].c.owner_id).where(SYNCED["attachment"].c.id == kept.id)
        ).scalar_one()
    assert owner == users["rep3"]
    west = lap("rep3")
    _no_wait(west)
    assert west.services.attachments.transfer_now().downloaded == 1
    [seen] = west.services.attachments.list_for("customer", customer)
    assert seen.local_path is not None
    assert hashlib.sha256(seen.local_path.read_bytes()).hexdigest() == kept.sha256


def test_the_bytes_of_purged_tombstones_leave_the_server(
    lap: Any, server_engine: Engine, blob_dir: Path
) -> None:
    import datetime as dt

    from crm_desktop.store.base import utcnow
    from crm_desktop.sync.server.blobs import BlobService, sweep
    from crm_desktop.sync.server.feed import purge_tombstones

    rep = lap("rep1")
    _no_wait(rep)
    customer = add_customer(rep)
    kept = rep.services.attachments.add_bytes("customer", customer, photo(8), "kept.jpg")
    gone = rep.services.attachments.add_bytes("customer", customer, photo(9), "gone.jpg")
    rep.sync()
    rep.services.attachments.transfer_now()
    rep.services.attachments.remove(gone.id)
    rep.sync()
    blobs = BlobService.on_disk(blob_dir)
    assert sweep(server_engine, blobs) == 0  # the tombstone still names its blob
    with server_engine.begin() as conn:
        assert purge_tombstones(conn, utcnow() + dt.timedelta(days=91)) >= 1
    assert sweep(server_engine, blobs) == 1
    assert blobs.store.size(gone.sha256) is None
    assert blobs.store.size(kept.sha256) == kept.size_bytes
    # A partial upload nobody touched for 30 days goes; a fresh one stays.
    from crm_desktop.sync.server.blobs import drop_stale_uploads

    blobs.uploads.staging.mkdir(parents=True, exist_ok=True)
    old, fresh = (blobs.uploads.staging / f"{c * 64}.part" for c in "ab")
    for part in (old, fresh):
        part.write_bytes(b"half")
    now = fresh.stat().st_mtime
    os.utime(old, (now - 31 * 86400, now - 31 * 86400))
    assert drop_stale_uploads(blobs, now) == 1
    assert fresh.exists() and not old.exists()

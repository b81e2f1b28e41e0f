"""The server's blob store on S3-compatible object storage: moto's S3 server, a real HTTP
server on loopback, behind the real sync server. Skipped when moto is not installed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

moto_server = pytest.importorskip(
    "moto.server", reason="moto[server] not installed: no local S3 server to test against"
)

from attachment_helpers import add_customer, field_laptop, photo, serving  # noqa: E402
from sqlalchemy import Engine  # noqa: E402

from crm_desktop.sync import blob_protocol as bp  # noqa: E402
from crm_desktop.sync.server import blobs as server_blobs  # noqa: E402
from crm_desktop.sync.server.app import create_app  # noqa: E402


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for key, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(key, value)
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def db_url(tmp_path: Path) -> str:  # the store's backend is the point here, not the database
    return f"sqlite:///{tmp_path / 'server.sqlite3'}"


def test_blobs_round_trip_through_s3_compatible_storage(
    s3: str,
    server_engine: Engine,
    users: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(server_blobs.S3_BUCKET_ENV, "crm-blobs")
    monkeypatch.setenv(server_blobs.S3_ENDPOINT_ENV, s3)
    monkeypatch.setenv(server_blobs.S3_PREFIX_ENV, "attachments/")
    monkeypatch.setenv(server_blobs.BLOB_DIR_ENV, str(tmp_path / "staging"))
    service = server_blobs.BlobService.from_env()
    assert isinstance(service.store, server_blobs.S3BlobStore)
    client: Any = service.store.client
    client.create_bucket(Bucket="crm-blobs")
    with serving(create_app(engine=server_engine, blobs=service)) as url:
        rep = field_laptop(url, tmp_path / "rep", "rep1")
        sup = field_laptop(url, tmp_path / "sup", "sup")
        try:
            customer = add_customer(rep)
            data = photo(7, 1200, 900)
            view = rep.services.attachments.add_bytes("customer", customer, data, "a.jpg")
            rep.sync()
            assert rep.services.attachments.transfer_now().uploaded == 1
            stored = client.get_object(Bucket="crm-blobs", Key=f"attachments/{view.sha256}")
            assert stored["Body"].read() == data
            assert not list((tmp_path / "staging" / "uploads").iterdir())
            assert list(service.store.names()) == [view.sha256]
            sup.sync()
            assert sup.services.attachments.transfer_now().downloaded == 1
            [seen] = sup.services.attachments.list_for("customer", customer)
            assert seen.local_path is not None and seen.local_path.read_bytes() == data
            auth = {"Authorization": f"Bearer {sup.engine.transport.token}"}
            ranged = httpx.get(
                url + bp.blob_path(view.sha256), headers={**auth, "Range": "bytes=100-"}
            )
            assert ranged.status_code == 206 and ranged.content == data[100:]
            assert ranged.headers["content-range"] == f"bytes 100-{len(data) - 1}/{len(data)}"
        finally:
            for field in (rep, sup):
                field.engine.transport.close()
                field.services.close()
